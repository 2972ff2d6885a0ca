// The article index: derived tables in the archive file that make an
// archive of millions of captures browsable and searchable at interactive
// speed (schema version 4, storage/FORMAT.md, "Article index").
//
//  - article_versions: one row per article version (a newsarc conversion
//    record that is the latest of its capture), with how it changed from the
//    previous version of its URL;
//  - article_deletions: 404/410 captures after an article existed;
//  - article_urls: one row per article URL (SURT key): title, host,
//    language, first and last version, counts of versions and changes;
//  - article_fts: a full-text index (FTS5, storage/fts_tokenizer.h) over
//    title and body of every version, without a copy of the text (the text
//    stays in the conversion records; snippets are made from them).
//
// The index is derived: everything in it can be rebuilt from the records.
// What goes into a row (in particular whether a change is cosmetic) is
// decided above storage, by the audit module (audit/index_builder.h), which
// hands ArticleIndex complete rows per URL. Writing the index never touches
// records and does not take the archive's writer lock (a crawl may be
// writing records meanwhile; SQLite serialises the transactions), so a
// read-only server can keep it current. Readers use it read-only.
//
// Not thread-safe; one per thread.
#ifndef NEWSARC_STORAGE_ARTICLE_INDEX_H_
#define NEWSARC_STORAGE_ARTICLE_INDEX_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace newsarc::storage {

struct IndexedVersion {
  int64_t id = 0;              // records.id of the conversion record (archive order)
  std::string conversion_id;   // its WARC-Record-ID
  std::string capture_id;      // the response it was extracted from
  std::string surt, url, host;
  Micros capture_time = 0;
  std::string title, language, published;
  std::vector<std::string> authors;
  int64_t chars = 0;
  std::string text_digest;     // "sha1:..." of the text
  std::string change;          // "first", "same", "cosmetic" or "changed"
  int64_t words_added = 0, words_removed = 0;
  int64_t change_size = 0;     // words in substantive changes (0 unless "changed")
  std::vector<std::string> fields;  // the fields that changed
  int64_t previous_id = 0;     // the version compared with (0: none)
  Micros previous_time = 0;
  std::string previous_capture_id;
};

// A 404 or 410 capture after an article existed.
struct IndexedDeletion {
  int64_t id = 0;              // records.id of the response
  std::string capture_id;
  std::string surt, url, host;
  Micros date = 0;
  std::string title;           // the last version's
  int64_t words_removed = 0;   // the last version's words
  int64_t previous_id = 0;
  Micros previous_time = 0;
  std::string previous_capture_id;
};

// One article URL.
struct IndexedUrl {
  std::string surt, url, host, title, language;
  int64_t chars = 0;           // the latest version's text length (code points)
  Micros first_version = 0, last_version = 0;
  int64_t versions = 0;
  int64_t changes = 0;         // substantive
  int64_t cosmetic = 0;
  Micros deleted = 0;          // the latest deletion not followed by a version; 0: none
  Micros last_change = 0;      // the latest substantive change or deletion; 0: none
};

enum class UrlSort { kLastVersion, kFirstVersion, kTitle, kVersions, kChanges };

struct UrlQuery {
  std::string host;              // "" any; else the host or its subdomains ("www." ignored)
  Micros since = 0, until = 0;   // a version captured in [since, until); 0: unbounded
  std::string language;          // "en" takes "en", "en-GB"; "" any
  bool changed_only = false;     // a substantive change or a deletion
  // The latest version has at least this much text: 1 (the default) leaves
  // out home and section pages, where the extractor found no article.
  int64_t min_chars = 1;
  UrlSort sort = UrlSort::kLastVersion;
  bool descending = true;
  int64_t offset = 0;
  int64_t limit = 50;
};

struct UrlPage {
  int64_t total = 0;             // rows matching, before paging
  std::vector<IndexedUrl> rows;
};

enum class SearchMode {
  kWords,  // every word (a CJK word: its characters in sequence) somewhere in title or body
  kExact,  // the query as one phrase (the last word may be a prefix)
};

struct SearchQuery {
  std::string text;
  SearchMode mode = SearchMode::kWords;
  std::string host, language;    // as UrlQuery
  Micros since = 0, until = 0;
  int64_t offset = 0;
  int64_t limit = 20;
};

struct SearchHit {
  IndexedVersion version;        // the best-ranked version of its URL
  double score = 0;              // BM25 (lower is better, as FTS5 ranks)
  int64_t matching_versions = 0; // versions of this URL that match
};

struct SearchPage {
  int64_t total = 0;             // URLs with a matching version
  std::vector<SearchHit> hits;   // best first, one per URL
};

struct ChangeFilter {
  std::string host;              // as UrlQuery
  std::string surt;              // one URL; "" all
  Micros since = 0, until = 0;   // the later capture in [since, until)
  bool include_cosmetic = false;
  int64_t min_change = 1;        // words, as `newsarc changes --min-change`
  bool newest_first = false;     // false: largest first, as `newsarc changes`
  int64_t offset = 0;
  int64_t limit = 100;
};

// A change between two versions, or a deletion.
struct IndexedChange {
  std::string kind;              // "edited", "cosmetic" or "deleted"
  std::string surt, url, host, title;
  Micros from_date = 0, to_date = 0;
  std::string from_record, to_record;  // capture record ids
  int64_t from_id = 0, to_id = 0;      // index ids (versions; the deletion's response)
  int64_t words_added = 0, words_removed = 0, size = 0;
  std::vector<std::string> fields;
};

struct ChangePage {
  int64_t total = 0;
  std::vector<IndexedChange> rows;
};

class ArticleIndex {
 public:
  // Opens the index of the archive at `path`: read-only, or writable (the
  // index tables only; the file must be an archive of schema 4, which a
  // writable opener migrates an older one to).
  static Result<std::unique_ptr<ArticleIndex>> Open(const std::string& path, bool writable);
  virtual ~ArticleIndex() = default;

  // --- State. "through" is the highest records.id whose changes the index
  // holds; a build in progress remembers its target and the last URL done.
  virtual Result<int64_t> IndexedThrough() = 0;
  struct Build {
    int64_t target = 0;          // 0: no build in progress
    std::string done_through;    // SURT key of the last URL committed
  };
  virtual Result<Build> BuildState() = 0;

  // --- Writes (writable only), in batches between Begin() and Commit().
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  // Replaces everything indexed for URL `surt` with `versions` and
  // `deletions`; `texts[i]` is the body of versions[i], added to the
  // full-text index when that version is new to it. Recomputes the URL's
  // article_urls row (removed when it has no version).
  virtual Status ReplaceUrl(const std::string& surt, const std::vector<IndexedVersion>& versions,
                            const std::vector<std::string>& texts,
                            const std::vector<IndexedDeletion>& deletions) = 0;
  virtual Status SetBuild(const Build& build) = 0;
  virtual Status SetIndexedThrough(int64_t id) = 0;
  // Empties every index table (for a rebuild).
  virtual Status Clear() = 0;

  // --- Reads. InvalidArgument for a query that cannot run (e.g. a search
  // with no word in it), naming the parameter.
  virtual Result<UrlPage> ListUrls(const UrlQuery& query) = 0;
  virtual Result<std::optional<IndexedUrl>> Url(const std::string& surt) = 0;
  virtual Result<std::vector<IndexedVersion>> VersionsOf(const std::string& surt) = 0;
  virtual Result<SearchPage> Search(const SearchQuery& query) = 0;
  virtual Result<ChangePage> Changes(const ChangeFilter& filter) = 0;
  // Counts for a status line: URLs, versions, deletions.
  struct Counts {
    int64_t urls = 0, versions = 0, deletions = 0;
  };
  virtual Result<Counts> CountAll() = 0;
};

// The FTS5 MATCH expression for `text` in `mode`; InvalidArgument naming the
// query when it holds no word. Exposed for tests and the benchmark.
Result<std::string> FtsMatchExpression(std::string_view text, SearchMode mode);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_ARTICLE_INDEX_H_
