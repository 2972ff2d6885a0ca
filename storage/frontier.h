// Frontier: the crawl's queue of URLs, kept in the archive's SQLite file so
// that one file is the whole state of a crawl and a crash loses nothing that
// was committed.
//
// One row per normalised URL (the crawler normalises; the frontier compares
// strings). A row moves queued -> in_flight -> done | failed, or back to
// queued for a retry or a scheduled re-visit. Rows left in_flight by a crash
// are re-queued by ResetInFlight() on resume: at most the requests that were
// in flight are repeated. Memory stays bounded however many URLs are queued:
// the crawler takes a few entries per host at a time.
//
// Writes join the archive's current transaction (Archive::Begin/Commit), so
// a record and the frontier row that says it was fetched commit together.
// Not thread-safe.
#ifndef NEWSARC_STORAGE_FRONTIER_H_
#define NEWSARC_STORAGE_FRONTIER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace newsarc::storage {

class Db;
class Stmt;

// Stored as the `kind` column (storage/FORMAT.md); values are never reused.
// kRequisite: a stylesheet, image, font or script fetched so that a captured
// page can be replayed (crawl --page-requisites); never crawled as a page.
enum class UrlKind { kPage = 0, kRobots = 1, kSitemap = 2, kFeed = 3, kRequisite = 4 };
enum class UrlState { kQueued = 0, kInFlight = 1, kDone = 2, kFailed = 3 };

struct FrontierAdd {
  std::string url;   // normalised absolute URL
  std::string host;  // scheduling key (host[:port])
  UrlKind kind = UrlKind::kPage;
  int depth = 0;     // links followed from a seed
  int hops = 0;      // redirect hops that led here
  // Lower is sooner. The crawler uses -publication time for articles known
  // from sitemaps and feeds (newest first), and depth for plain links.
  int64_t priority = 0;
  std::string via;        // the URL it was found on ("" for seeds)
  std::string date_hint;  // a sitemap/feed date for it, as evidence
  Micros not_before = 0;
};

struct FrontierEntry {
  int64_t id = 0;
  std::string url;
  std::string host;
  UrlKind kind = UrlKind::kPage;
  int depth = 0;
  int hops = 0;
  int64_t priority = 0;
  std::string via;
  std::string date_hint;
  int tries = 0;
  // From the last successful fetch, for conditional re-crawls.
  std::string etag;
  std::string last_modified;
  std::string last_payload_digest;
  std::string last_record_id;
  Micros last_capture = 0;
  Micros revisit_interval = 0;
};

struct FrontierCounts {
  int64_t queued = 0;
  int64_t in_flight = 0;
  int64_t done = 0;
  int64_t failed = 0;
};

// What a finished fetch leaves in the frontier.
struct FetchOutcome {
  int http_status = 0;
  std::string etag;
  std::string last_modified;
  std::string payload_digest;
  std::string record_id;  // response or revisit record written
  Micros capture_time = 0;
  // When to look again (scheduled re-crawls); 0 = never by itself.
  Micros revisit_interval = 0;
};

class Frontier {
 public:
  // `db` is the archive's connection; it must outlive the Frontier.
  explicit Frontier(Db* db);
  ~Frontier();  // out of line: Stmt is incomplete here
  Frontier(const Frontier&) = delete;
  Frontier& operator=(const Frontier&) = delete;

  // The SQL that creates the frontier tables (schema migration 1 -> 2).
  static const char* SchemaSql();

  // Adds the URL when unknown. Returns true when it was added.
  Result<bool> Add(const FrontierAdd& add);
  // Queued entries of `host` ready at `now`, best priority first; they
  // become in_flight.
  Result<std::vector<FrontierEntry>> Take(const std::string& host, Micros now,
                                          size_t max);
  // Hosts with queued entries, and the earliest time each becomes ready.
  Result<std::vector<std::pair<std::string, Micros>>> HostsWithWork();
  // When the earliest queued entry of `host` becomes ready; nullopt when the
  // host has none queued.
  Result<std::optional<Micros>> NextReady(const std::string& host);

  Status MarkDone(int64_t id, const FetchOutcome& outcome);
  // Back to queued, not before `not_before`, counting a try.
  Status MarkRetry(int64_t id, Micros not_before, const std::string& reason);
  // Gives up on the URL, keeping `reason`.
  Status MarkFailed(int64_t id, const std::string& reason);
  // Puts an in_flight entry back without counting a try (Ctrl-C).
  Status Requeue(int64_t id);
  // Cluster mode: `host` now belongs to another node, whose shared frontier
  // row is the truth; every local row of the host goes. Returns how many.
  Result<int64_t> Forget(const std::string& host);
  // Crash recovery: every in_flight row back to queued. Returns how many.
  Result<int64_t> ResetInFlight();
  // Re-crawl: done entries whose revisit time has come (or all done entries
  // matching `host_filter` when `all`) go back to queued. Returns how many.
  Result<int64_t> QueueRevisits(Micros now, bool all);

  // Index entries (robots.txt, sitemaps, feeds) and seed pages (depth 0, no
  // redirect hop; not the requisites found on them, which share that depth)
  // that are done or failed go back to queued: a scheduled re-crawl re-reads
  // them for new articles even when no article is due. Returns how many.
  Result<int64_t> QueueIndexes();

  Result<FrontierCounts> Counts();

  // Crawl settings kept next to the frontier in the archive's `meta` table
  // (the options of the last run, for --resume; schedules). Keys are
  // namespaced by the caller ("crawl.options", "schedule.NAME").
  Status SetSetting(const std::string& key, const std::string& value);
  Result<std::optional<std::string>> GetSetting(const std::string& key);
  // Every (key, value) whose key starts with `prefix`, by key.
  Result<std::vector<std::pair<std::string, std::string>>> ListSettings(
      const std::string& prefix);
  // Returns whether the key existed.
  Result<bool> DeleteSetting(const std::string& key);
  // The entry for `url`, if known.
  Result<bool> Lookup(const std::string& url, FrontierEntry* entry);

 private:
  // A prepared statement for `sql`, reset, kept for the Frontier's life.
  Result<Stmt*> Cached(const std::string& sql);

  Db* db_;
  std::unordered_map<std::string, std::unique_ptr<Stmt>> cache_;
};

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_FRONTIER_H_
