// ArticleRecord: a cleaned article as the archive keeps it, in a WARC
// `conversion` record that refers to the response it was derived from.
//
// The block is one JSON object (Content-Type: application/json;
// profile=newsarc-article-1) so any WARC tool can read it. storage/ never
// includes extract/: the crawler (or `newsarc extract --archive`) maps an
// extract::Article to this struct.
#ifndef NEWSARC_STORAGE_ARTICLE_RECORD_H_
#define NEWSARC_STORAGE_ARTICLE_RECORD_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "storage/warc/warc.h"

namespace newsarc::storage {

inline constexpr const char* kArticleContentType =
    "application/json; profile=newsarc-article-1";

struct ArticleRecord {
  // Provenance.
  std::string url;                // the response's WARC-Target-URI
  std::string response_record_id; // "<urn:uuid:...>" of the response
  Micros capture_time = 0;        // the response's WARC-Date
  std::string extractor_version;  // e.g. "newsarc-extract/0.1"
  // Article fields (see extract/extract.h for their meaning).
  std::string charset;
  std::string title;
  std::vector<std::string> authors;
  std::string published;
  std::string modified;
  std::string source;
  std::string editor;
  std::string site_name;
  std::string language;
  std::string canonical_url;
  std::string description;
  std::string image;
  std::vector<std::string> tags;
  std::string text;
  std::string reason;  // why the body is empty, when it is
  // Where each field was read: field name ("title", "author", "source",
  // "publish_time", "modified_time", "editor") -> extract::Article::Provenance
  // value ("json-ld", "byline", ...). Fields without one are absent.
  std::map<std::string, std::string> provenance;
};

std::string ArticleToJson(const ArticleRecord& article);
// Fails (Corrupt) on invalid JSON or a missing "url".
Result<ArticleRecord> ArticleFromJson(std::string_view json);

// A conversion record for `article` (WARC-Refers-To the response, the
// response's target URI, a new record id, WARC-Date = now or `date`).
WarcRecord MakeConversionRecord(const ArticleRecord& article, Micros date);
// Parses a conversion record written by MakeConversionRecord.
Result<ArticleRecord> ParseConversionRecord(const WarcRecord& record);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_ARTICLE_RECORD_H_
