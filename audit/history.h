// Every archived version of an article: the captures of a URL, and of the
// URLs that redirect to it (a 3xx response whose Location resolves to it) or
// name it as their canonical URL, each with the cleaned article extracted
// from it and how that article changed from the previous one.
//
// Canonical aliases are searched among the URLs whose SURT key extends the
// URL's own (query-string and suffix variants: "?utm_source=...", "/amp"),
// because each candidate's article must be decoded to read its canonical
// URL; an alias elsewhere (another path or host) is found only when it
// redirects.
#ifndef NEWSARC_AUDIT_HISTORY_H_
#define NEWSARC_AUDIT_HISTORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/article_diff.h"
#include "base/status.h"
#include "storage/storage.h"

namespace newsarc::audit {

enum class VersionChange {
  kNoArticle,  // a capture without an extracted article (and not a deletion)
  kRedirect,   // a 3xx response pointing at the URL
  kFirst,      // the first version of the article
  kSame,       // the same article as the previous version
  kCosmetic,   // only cosmetic changes (audit/text_diff.h)
  kChanged,    // a substantive change
  kDeleted,    // 404 or 410 after the article existed
};

// "-", "redirect", "first", "same", "cosmetic", "changed", "deleted".
const char* VersionChangeName(VersionChange change);

struct ArticleVersion {
  int index = 0;      // 1-based row number, the N of `newsarc diff --from N`
  storage::Capture capture;  // the capture record (response, revisit or resource)
  std::string via;    // "" (the URL itself), "redirect" or "canonical"
  std::string location;  // for redirects: the Location header as sent
  std::optional<storage::ArticleRecord> article;
  std::string article_record_id;  // the conversion record the article is in
  std::string text_digest;        // "sha1:<base32>" of article->text
  VersionChange change = VersionChange::kNoArticle;
  int previous = 0;  // index of the version this one was compared with
  int64_t words_added = 0;
  int64_t words_removed = 0;
};

// Oldest first, read in one snapshot of `archive` (a crawl may be writing).
// NotFound (naming the URL and archive) when the archive holds no capture of
// the URL or of any alias.
Result<std::vector<ArticleVersion>> ArticleHistory(storage::Archive& archive,
                                                   const std::string& url);
// The same on the archive at `archive_path`, opened read-only; errors name it.
Result<std::vector<ArticleVersion>> ArticleHistory(const std::string& archive_path,
                                                   const std::string& url);

}  // namespace newsarc::audit

#endif  // NEWSARC_AUDIT_HISTORY_H_
