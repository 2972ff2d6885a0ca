// Coordinator: what a crawl asks of a cluster (cluster/cluster.h) when it is
// one node of many. Without one (CrawlOptions::coordinator == nullptr) a
// crawl is the single-machine crawl it always was: the archive's frontier is
// the whole queue.
//
// With one, the shared frontier lives elsewhere (PostgreSQL) and the
// archive's frontier holds only the URLs this node has claimed:
// - URLs the crawl finds, and its seeds, are handed to Discovered() instead of
//   the local frontier; the coordinator records them in the archive's current
//   transaction (an outbox), so they commit with the capture they came from.
// - A claimed URL that is finished (done or given up) is reported to
//   Finished(), again inside the capture's transaction.
// - A request to a host starts only while MayStart() says the node holds the
//   host's lease: a node that cannot renew its leases starts nothing new.
// - Sync() runs between commits, about every SyncInterval(): it ships the
//   outbox, renews and moves leases, and claims more URLs into the local
//   frontier; it tells the crawl which hosts it gained (with their
//   politeness state) and which it lost.
// The crawl ends when Sync() says the whole cluster's crawl is finished.
#ifndef NEWSARC_CRAWLER_COORDINATOR_H_
#define NEWSARC_CRAWLER_COORDINATOR_H_

#include <functional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "crawler/host_scheduler.h"
#include "storage/storage.h"

namespace newsarc::crawler {

// What Sync() is told and tells back.
struct CoordinatorSync {
  // In: the current politeness state of any host the crawl knows.
  std::function<SavedHostState(const std::string& host)> host_state;
  // In: hosts whose state changed since the last Sync.
  std::vector<std::string> touched_hosts;
  // In: what the crawl knows of a host's robots.txt, as text that `gained`
  // gives back to the next holder ("" when unknown), and the hosts whose
  // robots.txt was read since the last Sync.
  std::function<std::string(const std::string& host)> robots;
  std::vector<std::string> robots_touched;
  // In: hosts with a request in flight or a fetched page not yet archived.
  std::unordered_set<std::string> busy_hosts;
  // In: the node has local work left (queued, in flight, or held).
  bool local_work = false;

  // Out: hosts this node now holds, with the state their first request must
  // respect (HostScheduler::Restore) and the robots.txt the last holder read.
  struct Gained {
    std::string host;
    SavedHostState state;
    std::string robots;
  };
  std::vector<Gained> gained;
  // Out: hosts this node no longer holds; their queued URLs are gone from
  // the local frontier.
  std::vector<std::string> lost;
  // Out: the cluster's crawl is over (nothing queued or claimed anywhere,
  // every node idle).
  bool finished = false;
};

class Coordinator {
 public:
  virtual ~Coordinator() = default;
  // Before the first request. `seeds` go to the shared frontier.
  virtual Status Start(storage::Frontier& local, const std::vector<storage::FrontierAdd>& seeds) = 0;
  // Whether a request to `host` may start at `now` (its lease is held and
  // will not lapse before the request leaves).
  virtual bool MayStart(const std::string& host, Micros now) const = 0;
  // URLs found (in scope, normalised): into the outbox, this transaction.
  virtual Status Discovered(storage::Frontier& local,
                            const std::vector<storage::FrontierAdd>& adds) = 0;
  // A claimed URL is finished: fetched (`failed` false, with its status and
  // response record id, if any) or given up (`failed`, with the reason).
  virtual Status Finished(storage::Frontier& local, const storage::FrontierEntry& entry,
                          bool failed, int http_status, const std::string& record_id,
                          const std::string& reason) = 0;
  virtual Micros SyncInterval() const = 0;
  // Between commits. Errors are the local archive's; losing the shared
  // database pauses the node (MayStart turns false) rather than failing.
  virtual Status Sync(storage::Frontier& local, Micros now, CoordinatorSync* io) = 0;
  // The crawl is ending: ship what is left and hand the leases back.
  virtual Status Stop(storage::Frontier& local, CoordinatorSync* io) = 0;
  // One line for the progress display ("3 buckets, 2 claimed, paused").
  virtual std::string Describe() const = 0;
};

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_COORDINATOR_H_
