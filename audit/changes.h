// Which archived articles changed, and by how much: the query behind
// `newsarc changes`.
//
// Walks the article versions (newsarc-article-1 conversion records) URL by
// URL in capture order and compares each with the previous version of the
// same URL (audit/article_diff.h). A 404 or 410 capture after an article
// counts as its deletion. One scan of the conversion index, one article in
// memory per URL; only versions whose content differs are diffed.
#ifndef NEWSARC_AUDIT_CHANGES_H_
#define NEWSARC_AUDIT_CHANGES_H_

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "storage/storage.h"

namespace newsarc::audit {

struct ChangeQuery {
  // Changes whose later capture falls in [since, until).
  Micros since = std::numeric_limits<Micros>::min();
  Micros until = std::numeric_limits<Micros>::max();
  std::string site;            // a host ("www." ignored, subdomains included); "" = all
  int64_t min_change = 1;      // smallest change to list, in words
  bool include_cosmetic = false;  // list cosmetic-only changes too (size 0)
};

struct ArticleChange {
  std::string url;
  std::string title;   // the later version's (the last one's for a deletion)
  std::string kind;    // "edited", "cosmetic" or "deleted"
  Micros from_date = 0;
  Micros to_date = 0;
  std::string from_record;  // capture record ids (response, or the 404/410)
  std::string to_record;
  int64_t words_added = 0;
  int64_t words_removed = 0;
  // Words in substantive changes (a deletion: the article's words): the
  // sort key and what --min-change compares.
  int64_t size = 0;
  std::vector<std::string> fields;  // fields that changed: title, text, ...
};

struct ChangesReport {
  std::vector<ArticleChange> changes;  // largest first, then newest first
  int64_t urls = 0;      // URLs with at least one article version
  int64_t versions = 0;  // article versions read
};

// Reads one snapshot of `archive` (a crawl may be writing).
Result<ChangesReport> FindChanges(storage::Archive& archive, const ChangeQuery& query);
// The same on the archive at `archive_path`, opened read-only. Errors name
// `archive_path` (missing file, not an archive) or the query.
Result<ChangesReport> FindChanges(const std::string& archive_path, const ChangeQuery& query);

}  // namespace newsarc::audit

#endif  // NEWSARC_AUDIT_CHANGES_H_
