// CrawlSession: one crawl run over one archive (the engine behind Crawl()).
//
// Single-threaded event loop:
//   1. hosts whose politeness delay has passed (HostScheduler) get their next
//      request: a pending robots.txt hop, the host's robots.txt when it is
//      not known yet (or older than 24 h), else the best queued frontier
//      entry that robots.txt allows;
//   2. the fetcher drives transfers for up to the next wake-up time;
//   3. each page result goes to a pool of worker threads for the CPU-bound
//      part (digests and WARC records, decoding, link discovery, article
//      extraction), so fetching and writing go on meanwhile;
//   4. prepared results are archived (request, response or revisit,
//      metadata, conversion) together with their frontier row in this
//      thread, discovered URLs are queued, and the batch is committed, so a
//      crash repeats at most the requests in flight or being prepared.
// Internal to crawler/; use Crawl() (crawler.h).
#ifndef NEWSARC_CRAWLER_CRAWL_SESSION_H_
#define NEWSARC_CRAWLER_CRAWL_SESSION_H_

#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/progress.h"
#include "base/status.h"
#include "crawler/capture_records.h"
#include "crawler/crawler.h"
#include "crawler/discovery.h"
#include "crawler/fetcher.h"
#include "crawler/host_scheduler.h"
#include "crawler/robots.h"
#include "crawler/scope.h"
#include "crawler/work_pool.h"
#include "storage/storage.h"

namespace newsarc::crawler {

class CrawlSession {
 public:
  CrawlSession(CrawlOptions options, ScopeRules scope, std::unique_ptr<storage::Archive> archive,
               std::unique_ptr<Fetcher> fetcher);
  Status Run(CrawlStats* stats);

 private:
  // What a request in flight is for.
  struct Job {
    enum class Kind { kEntry, kRobots };
    Kind kind = Kind::kEntry;
    std::string host;  // scheduling key of the URL fetched
    std::string url;
    storage::FrontierEntry entry;  // kEntry
    std::string robots_for;        // kRobots: the host whose robots.txt this is
    int robots_hops = 0;
  };
  // What a worker made of one page result (pure work, no archive access).
  struct Prepared {
    ExchangeRecords exchange;  // when a response arrived
    bool has_exchange = false;
    std::vector<DiscoveredUrl> found;
    std::vector<storage::FrontierAdd> adds;  // `found` as frontier rows, in scope
    std::optional<storage::ArticleRecord> article;
    std::string note;  // why the body could not be read, if so
    // The records above, checked, hashed and compressed by the pool
    // (storage::PrepareRecord), so the loop only inserts them. Empty when
    // preparing failed: Put() of the record then reports why.
    std::optional<storage::PreparedRecord> response_ready, request_ready, conversion_ready;
  };
  // A finished fetch waiting for its Prepared.
  struct Preparing {
    Job job;
    FetchResult result;
  };
  struct RobotsState {
    enum class State { kUnknown, kFetching, kReady };
    State state = State::kUnknown;
    RobotsPolicy policy;
    Micros fetched = 0;
    int failures = 0;
    std::string scheme = "http";
    // How the policy came about, so it can be handed to another node
    // (cluster mode): the body parsed, or allow/disallow all.
    enum class Rule { kParse, kAllowAll, kDisallowAll };
    Rule rule = Rule::kAllowAll;
    std::string body;
  };
  static std::string EncodeRobots(const RobotsState& robots);
  static bool DecodeRobots(const std::string& text, RobotsState* robots);

  Status Start();
  Status StartRequests(Micros now);
  // Submits `job` (the host is ready); false when the fetcher refused it.
  Status Submit(Job job, Micros now, FetchRequest request);
  Status SubmitEntry(const std::string& host, storage::FrontierEntry entry, Micros now,
                     bool* started);
  Status SubmitRobots(const std::string& host, const std::string& url, const std::string& for_host,
                      int hops, Micros now);
  Status HandleResult(FetchResult result);
  Status HandleRobots(const Job& job, const FetchResult& r, Micros now);
  // Runs in a worker thread: reads only its arguments and the options.
  Prepared Prepare(const Job& job, const FetchResult& r) const;
  void AnalyzeBody(const Job& job, const FetchResult& r, const std::string& response_id,
                   Prepared* out) const;
  Status FinishPrepared();
  Status FinishEntry(const Job& job, const FetchResult& r, Prepared p, Micros now);
  Status ArchiveExchange(const ExchangeRecords& ex, std::string* response_id,
                         Prepared* ready = nullptr);
  Status Enqueue(const std::vector<DiscoveredUrl>& urls, const storage::FrontierEntry& from);
  // The frontier rows `urls` found on `from` give (parsed, scoped, limited
  // by depth and content type). Const and thread-safe: the pool runs it.
  std::vector<storage::FrontierAdd> SelectUrls(const std::vector<DiscoveredUrl>& urls,
                                               const storage::FrontierEntry& from) const;
  static storage::FrontierAdd MakeAdd(const Url& url, storage::UrlKind kind, int depth, int hops,
                                      int64_t priority, const std::string& via,
                                      const std::string& date_hint);
  Status AddUrls(const std::vector<storage::FrontierAdd>& adds);
  Status AddUrl(const storage::FrontierAdd& add);
  Status AddUrl(const Url& url, storage::UrlKind kind, int depth, int hops, int64_t priority,
                const std::string& via, const std::string& date_hint);
  Status GiveUp(const Job& job, const std::string& reason, int tries);
  // A frontier entry reached its end (done or failed): the coordinator, if
  // any, hears of it in this transaction.
  Status Finished(const storage::FrontierEntry& e, bool failed, int http_status,
                  const std::string& record_id, const std::string& reason);
  // Cluster mode: one exchange with the coordinator (coordinator.h).
  Status SyncCluster(Micros now);
  // Cluster mode: `host` is no longer this node's.
  void DropHost(const std::string& host);
  void RefreshHost(const std::string& host, Micros now);
  Status RefreshPendingHosts(Micros now);
  Status Commit();
  // Saves `host`'s politeness state in the current transaction.
  // `just_started`: a request was handed to curl now and has not left yet.
  Status SaveHost(const std::string& host, bool just_started = false);
  Status Interrupt();
  void LogFetch(const Job& job, const FetchResult& r, const std::string& outcome,
                const std::string& note = "");
  void DrawProgress(Micros now);
  bool HasWork() const;

  CrawlOptions options_;
  ScopeRules scope_;
  std::unique_ptr<storage::Archive> archive_;
  std::unique_ptr<Fetcher> fetcher_;
  HostScheduler scheduler_;
  std::string robots_token_;
  std::string warcinfo_id_;

  std::unordered_map<uint64_t, Job> in_flight_;
  // Results in the work pool, by job id. Node-based: workers read an entry
  // while the loop inserts others.
  std::unordered_map<uint64_t, Preparing> preparing_;
  std::unique_ptr<WorkPool<Prepared>> pool_;
  uint64_t next_job_id_ = 1;
  std::unordered_map<std::string, RobotsState> robots_;
  // Entries taken from the frontier while their host's robots.txt is read.
  std::unordered_map<std::string, storage::FrontierEntry> held_;
  // Robots.txt redirect hops waiting for their host's delay.
  std::unordered_map<std::string, std::vector<Job>> urgent_;
  std::unordered_map<std::string, int64_t> pages_per_host_;
  // Hosts that reached --max-pages-per-host: no longer scheduled this run.
  std::unordered_set<std::string> capped_hosts_;
  int64_t hosts_with_work_ = 0;

  CrawlStats stats_;
  int64_t pages_started_ = 0;
  int64_t discovered_ = 0;
  bool limit_reached_ = false;
  // --max-pages reached with --page-requisites: only requisites go on.
  bool pages_limit_reached_ = false;
  bool interrupted_ = false;
  bool dirty_ = false;
  // A request was handed to curl since the last commit: its host's saved
  // start must commit before curl sends it (the next Poll).
  bool starts_unsaved_ = false;
  Micros started_at_ = 0;
  Micros last_refresh_ = 0;
  Micros last_counts_ = 0;
  int64_t queued_estimate_ = 0;
  std::optional<std::ofstream> log_;
  std::unique_ptr<Progress> progress_;

  // Cluster mode (options_.coordinator).
  Coordinator* coordinator_ = nullptr;
  std::unordered_set<std::string> touched_;  // hosts saved since the last sync
  std::unordered_set<std::string> robots_touched_;  // robots.txt read since then
  Micros last_sync_ = 0;
  bool cluster_finished_ = false;
};

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_CRAWL_SESSION_H_
