// ExportCorpus: the archive's cleaned articles (conversion records) as a
// corpus file, filtered, one version per article, deduplicated.
//
//   auto archive = Archive::Open(path, {.read_only = true});
//   CorpusOptions o;
//   o.format = CorpusFormat::kJsonl;
//   o.out = "news.jsonl";
//   o.dedup = DedupMode::kNear;
//   Status s = ExportCorpus(**archive, o, progress_fn, &summary);
//
// How it works: two streaming passes over Archive::ForEach.
//  1. Scan: parse every conversion record, apply the filters, note the
//     redirects (3xx responses) and, per article that passes, a 64-bit key
//     of its final URL, its capture time and (with --dedup) its
//     deduplication signature and its URL.
//  2. Write: parse again and write each article that is the latest
//     version of its URL (or every version with kAll) and the kept copy of
//     its duplicate cluster, in archive order. Output order is therefore
//     deterministic: the order the conversions were committed.
// Memory: constant per record read, plus per matching article ~40 bytes
// (URL key, capture time, latest-version table), plus with dedup the
// Deduplicator's ~60 bytes (exact) or ~570 bytes (near; 128 x 4-byte
// MinHash values) and the article's URL and record id (~130 bytes), plus
// one entry per redirect. At 1 million articles: ~40 MB without dedup
// tables, ~750 MB with near dedup. Record bodies are never accumulated.
//
// The output appears only when complete (corpus/atomic_file.h): an
// existing file is refused unless `force`; an error or Ctrl-C
// (InterruptRequested(), polled per record; Status::Cancelled) leaves
// nothing under the final name.
#ifndef NEWSARC_CORPUS_CORPUS_H_
#define NEWSARC_CORPUS_CORPUS_H_

#include <cstdint>
#include <functional>
#include <string>

#include "base/library_version.h"
#include "base/status.h"
#include "corpus/dedup.h"
#include "corpus/filter.h"
#include "corpus/writers.h"
#include "storage/storage.h"

namespace newsarc::corpus {

enum class VersionPolicy {
  kLatest,  // per final URL (by SURT key), the conversion of the latest capture
  kAll,     // every conversion
};

struct CorpusOptions {
  CorpusFormat format = CorpusFormat::kJsonl;
  std::string out;     // output file
  bool force = false;  // overwrite an existing `out`
  CorpusFilterOptions filter;
  VersionPolicy versions = VersionPolicy::kLatest;
  DedupMode dedup = DedupMode::kNone;
  double near_threshold = kDefaultNearThreshold;  // Jaccard, (0, 1]
  std::string title = "newsarc corpus";           // WACZ collection title
};

struct ExportProgress {
  int pass = 1;             // 1 scan, 2 write
  uint64_t done = 0;        // conversion records handled, both passes
  uint64_t total = 0;       // 2 x conversion records (0 when unknown)
  uint64_t written = 0;     // articles written so far
};
using ExportProgressFn = std::function<void(const ExportProgress&)>;

struct ExportSummary {
  uint64_t conversions = 0;  // conversion records read
  uint64_t unreadable = 0;   // conversion records whose JSON did not parse
  std::string first_unreadable;  // the first such error
  uint64_t matched = 0;      // passed the filters
  uint64_t superseded = 0;   // older versions left out (kLatest)
  uint64_t folded = 0;       // duplicates folded into a kept copy
  uint64_t written = 0;      // articles in the output
};

// Unreadable conversion records are skipped and counted, not fatal.
// `progress` is called about every record (throttle in the callback).
Status ExportCorpus(storage::Archive& archive, const CorpusOptions& options,
                    const ExportProgressFn& progress = {}, ExportSummary* summary = nullptr);

// libarchive, for `newsarc --version`.
std::vector<LibraryVersion> LibraryVersions();

}  // namespace newsarc::corpus

#endif  // NEWSARC_CORPUS_CORPUS_H_
