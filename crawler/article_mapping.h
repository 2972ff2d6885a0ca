// From the extractor's Article to the archive's ArticleRecord.
//
// storage/ never includes extract/ (it keeps its own row type), so the
// mapping lives here, where both are known. The crawler uses it for every
// page it fetches and `newsarc extract --archive` for every archived
// response it re-extracts, so both write the same conversion records.
#ifndef NEWSARC_CRAWLER_ARTICLE_MAPPING_H_
#define NEWSARC_CRAWLER_ARTICLE_MAPPING_H_

#include <string>

#include "base/time.h"
#include "extract/extract.h"
#include "storage/storage.h"

namespace newsarc::crawler {

// Where an extracted article came from.
struct ArticleOrigin {
  std::string url;                 // the response's target URI
  std::string response_record_id;  // "<urn:uuid:...>" of the response
  Micros capture_time = 0;         // when the response was fetched
  // A publication date from a sitemap or feed, used only when the page
  // itself gives none. May be empty.
  std::string date_hint;
};

// Every field of `article`, the origin, and extract::kExtractorVersion.
storage::ArticleRecord ToArticleRecord(const extract::Article& article,
                                       const ArticleOrigin& origin);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_ARTICLE_MAPPING_H_
