// newsarc_cluster: many machines crawling one web, coordinated through
// PostgreSQL (docs/cluster.md).
//
// The database holds what the nodes share: the frontier (the status index,
// one row per URL), the buckets hosts hash to and the renewable lease each
// node holds on its buckets (with an epoch that fences a lapsed owner's
// writes), each host's politeness state, and the catalog of every capture
// the nodes shipped. Each node writes its captures into its own archive
// shard (today's SQLite format); `MergeShards` gives one archive of them.
//
// This is the module's face: code outside cluster/ includes only this header.
#ifndef NEWSARC_CLUSTER_CLUSTER_H_
#define NEWSARC_CLUSTER_CLUSTER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/library_version.h"
#include "base/status.h"
#include "base/time.h"
#include "crawler/crawler.h"

namespace newsarc::cluster {

inline constexpr int kDefaultBuckets = 256;

// Creates the schema (idempotent: an existing cluster keeps its buckets;
// asking for another bucket count than it has is an error).
Status InitCluster(const std::string& db_url, int buckets);

struct NodeOptions {
  std::string db_url;
  std::string name;   // unique per node; a restarted node reuses its name
  std::string shard;  // the node's archive (for `cluster status`)
  // How long a lease lasts without renewal, and how often a node syncs
  // (ships captures, renews, claims). A node stops starting requests
  // `lease_margin` before its lease would lapse.
  Micros lease = 30 * crawler::kSecond;
  Micros sync_interval = 1 * crawler::kSecond;
  Micros lease_margin = 2 * crawler::kSecond;
  // The longest a request can take (the fetcher's total timeout): a bucket
  // taken from a node whose lease lapsed waits this long beyond the lease
  // (plus each host's delay) before its first request.
  Micros transfer_max = 120 * crawler::kSecond;
  int urls_per_host = 4;     // claimed at a time, per host
  int max_claim = 2000;      // URLs claimed per sync
};

// The node's side of crawler::Coordinator. Connects at once: a database that
// cannot be reached, or has no cluster schema, is an error naming the URL.
Result<std::unique_ptr<crawler::Coordinator>> MakeNodeCoordinator(const NodeOptions& options);

struct NodeStatus {
  std::string name, shard;
  bool live = false, left = false;
  double seen_seconds_ago = 0;
  int buckets = 0;
  int64_t shipped = 0, refused = 0, statements = 0;
  int64_t pages_last_minute = 0;
};
struct ClusterStatus {
  int buckets = 0, buckets_owned = 0, buckets_lapsed = 0;
  int64_t hosts = 0;
  int64_t queued = 0, claimed = 0, done = 0, failed = 0;
  int64_t captures = 0;  // catalog rows
  int64_t refused = 0;   // stale writes the epochs refused
  int64_t statements = 0;
  std::vector<NodeStatus> nodes;
};
Result<ClusterStatus> GetClusterStatus(const std::string& db_url);
std::string FormatClusterStatus(const ClusterStatus& status);

struct MergeResult {
  int64_t records = 0;      // copied into the output
  int64_t duplicates = 0;   // already there (re-running a merge is idempotent)
  int64_t catalogued = 0;   // catalog captures found in the shards
  int64_t missing = 0;      // catalog captures no shard had (an error)
  std::vector<std::string> missing_examples;
  int64_t uncatalogued = 0; // responses in shards the catalog refused or never got
  bool interrupted = false;
};
// Copies every record of `shards` into the archive `out` (created when
// missing), then checks it against the catalog: every shipped capture must
// be there. Progress on a terminal; Ctrl-C stops after a commit.
Result<MergeResult> MergeShards(const std::string& db_url, const std::string& out,
                                const std::vector<std::string>& shards, bool progress);

// libpq (run time) and libpqxx (build time), for `newsarc --version`.
std::vector<LibraryVersion> LibraryVersions();

// The bucket `host` belongs to, of `buckets` (stable across versions).
int BucketOf(const std::string& host, int buckets);
// The live node that should hold `bucket` (rendezvous hashing: a node
// joining or leaving moves about 1/N of the buckets). `nodes` not empty.
std::string DesiredOwner(int bucket, const std::vector<std::string>& nodes);

}  // namespace newsarc::cluster

#endif  // NEWSARC_CLUSTER_CLUSTER_H_
