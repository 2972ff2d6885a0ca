// Keeping an archive's article index (storage/article_index.h) current:
// every URL whose conversion records or 404/410 captures arrived since the
// index was last brought up to date is compared again, version by version,
// with the rule `newsarc changes` applies (timeline.h), and its rows are
// replaced.
//
// The first build of a large archive takes a while (every article version
// is decoded, diffed with the one before and added to the full-text index:
// `bench/serve_bench` measures the rate); it commits every few hundred URLs
// and remembers where it was, so an interrupted build carries on where it
// stopped. Later updates only touch what is new. Updating needs no writer
// lock: a crawl may be writing records meanwhile.
#ifndef NEWSARC_AUDIT_INDEX_BUILDER_H_
#define NEWSARC_AUDIT_INDEX_BUILDER_H_

#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"

namespace newsarc::audit {

struct IndexProgress {
  int64_t urls_done = 0;
  int64_t urls_total = 0;   // URLs this update looks at
};

struct IndexOptions {
  bool rebuild = false;     // empty the index and build it from scratch
  int64_t batch_urls = 256; // URLs per transaction
  // Called after each committed batch (from the calling thread).
  std::function<void(const IndexProgress&)> progress;
  // Polled between URLs; true stops after committing what is done.
  std::function<bool()> stop;
};

struct IndexResult {
  int64_t urls = 0;         // URLs (re)indexed
  int64_t versions = 0;     // their article versions
  int64_t through = 0;      // the index now holds every record up to this records.id
  bool up_to_date = false;  // nothing was new
  bool interrupted = false; // `stop` ended it early (resumable)
};

// Errors name the archive (missing, not an archive, newer schema, a
// read-only file).
Result<IndexResult> UpdateArticleIndex(const std::string& archive_path, const IndexOptions& options);

}  // namespace newsarc::audit

#endif  // NEWSARC_AUDIT_INDEX_BUILDER_H_
