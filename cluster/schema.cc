#include "cluster/schema.h"

#include <string>

#include "cluster/cluster.h"

namespace newsarc::cluster {

namespace {

// Frontier states (the `state` column).
//   0 queued, 1 claimed (by claimed_by at claim_epoch), 2 done, 3 failed.
// A claim whose epoch is older than its bucket's is void: the bucket moved.
constexpr char kSchema[] = R"SQL(
CREATE TABLE IF NOT EXISTS newsarc_cluster (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
  name text PRIMARY KEY, shard text, pid integer, machine text,
  started timestamptz NOT NULL DEFAULT now(), last_seen timestamptz NOT NULL DEFAULT now(),
  left_at timestamptz, busy boolean NOT NULL DEFAULT true,
  shipped bigint NOT NULL DEFAULT 0, refused bigint NOT NULL DEFAULT 0,
  statements bigint NOT NULL DEFAULT 0, transfer_max_us bigint NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS buckets (
  bucket integer PRIMARY KEY, owner text, epoch bigint NOT NULL DEFAULT 0,
  lease_until timestamptz, released boolean NOT NULL DEFAULT true,
  moves integer NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS hosts (
  host text PRIMARY KEY, bucket integer NOT NULL, state text, robots text,
  updated timestamptz);
CREATE INDEX IF NOT EXISTS hosts_bucket ON hosts (bucket);
CREATE TABLE IF NOT EXISTS frontier (
  id bigserial, url text PRIMARY KEY, host text NOT NULL, bucket integer NOT NULL,
  kind integer NOT NULL, depth integer NOT NULL, hops integer NOT NULL,
  priority bigint NOT NULL, via text NOT NULL DEFAULT '', date_hint text NOT NULL DEFAULT '',
  state smallint NOT NULL DEFAULT 0, claimed_by text, claim_epoch bigint,
  http_status integer, record_id text, reason text, finished_by text, finished timestamptz,
  added timestamptz NOT NULL DEFAULT now());
CREATE INDEX IF NOT EXISTS frontier_open ON frontier (host, priority, id) WHERE state <= 1;
CREATE INDEX IF NOT EXISTS frontier_claims ON frontier (bucket, claimed_by) WHERE state = 1;
CREATE TABLE IF NOT EXISTS catalog (
  record_id text PRIMARY KEY, url text NOT NULL, node text NOT NULL, epoch bigint NOT NULL,
  http_status integer NOT NULL, shipped timestamptz NOT NULL DEFAULT now());
CREATE INDEX IF NOT EXISTS catalog_node_time ON catalog (node, shipped);
CREATE TABLE IF NOT EXISTS refused (
  id bigserial PRIMARY KEY, url text NOT NULL, node text NOT NULL, record_id text,
  what text NOT NULL, at timestamptz NOT NULL DEFAULT now());
)SQL";

}  // namespace

Result<int> ReadClusterBuckets(Pg& pg) {
  int buckets = 0;
  bool has_schema = false;
  int version = 0;
  Status st = pg.Transact([&](pqxx::work& w) {
    pqxx::result t = pg.Exec(w, "SELECT to_regclass('newsarc_cluster') IS NOT NULL");
    has_schema = t[0][0].as<bool>();
    if (!has_schema) return;
    pqxx::result r = pg.Exec(
        w, "SELECT key, value FROM newsarc_cluster WHERE key IN ('buckets', 'schema')");
    for (const auto& row : r) {
      if (row[0].as<std::string>() == "buckets") buckets = std::stoi(row[1].as<std::string>());
      if (row[0].as<std::string>() == "schema") version = std::stoi(row[1].as<std::string>());
    }
  });
  if (!st.ok()) return st;
  std::string where = "cluster database " + RedactDbUrl(pg.url());
  if (!has_schema || buckets <= 0) {
    return Status::NotFound(where, "no newsarc cluster here; run: newsarc cluster init --db URL");
  }
  if (version > kSchemaVersion) {
    return Status::Unsupported(where, "cluster schema " + std::to_string(version) +
                                          " is newer than this newsarc's (" +
                                          std::to_string(kSchemaVersion) + ")");
  }
  return buckets;
}

Status InitCluster(const std::string& db_url, int buckets) {
  if (buckets < 1 || buckets > 65536) {
    return Status::InvalidArgument("--buckets", "must be between 1 and 65536");
  }
  Result<std::unique_ptr<Pg>> pg = Pg::Connect(db_url);
  if (!pg.ok()) return pg.status();
  int existing = 0;
  Status st = (*pg)->Transact([&](pqxx::work& w) {
    // One initialiser at a time, even when several nodes' scripts race.
    (*pg)->Exec(w, "SELECT pg_advisory_xact_lock(7315)");
    (*pg)->Exec(w, kSchema);
    pqxx::result r = (*pg)->Exec(w, "SELECT value FROM newsarc_cluster WHERE key = 'buckets'");
    if (!r.empty()) {
      existing = std::stoi(r[0][0].as<std::string>());
      return;
    }
    (*pg)->Exec(w, "INSERT INTO newsarc_cluster VALUES ('buckets', $1), ('schema', $2)",
                std::to_string(buckets), std::to_string(kSchemaVersion));
    (*pg)->Exec(w, "INSERT INTO buckets (bucket) SELECT generate_series(0, $1 - 1)", buckets);
  });
  if (!st.ok()) return st;
  if (existing != 0 && existing != buckets) {
    return Status::InvalidArgument(
        "cluster init --buckets " + std::to_string(buckets),
        "the cluster at " + RedactDbUrl(db_url) + " already has " + std::to_string(existing) +
            " buckets (hosts hash to them; the count cannot change)");
  }
  return Status();
}

namespace {

uint64_t Fnv1a(const std::string& s, uint64_t seed = 1469598103934665603ull) {
  uint64_t h = seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

uint64_t Mix(uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

}  // namespace

int BucketOf(const std::string& host, int buckets) {
  return static_cast<int>(Mix(Fnv1a(host)) % static_cast<uint64_t>(buckets));
}

std::string DesiredOwner(int bucket, const std::vector<std::string>& nodes) {
  // Highest random weight: each (bucket, node) pair draws a weight and the
  // heaviest node wins, so removing a node moves only its own buckets and
  // adding one takes about 1/N from each of the others.
  std::string best;
  uint64_t best_weight = 0;
  for (const std::string& node : nodes) {
    uint64_t w = Mix(Fnv1a(node) ^ Mix(static_cast<uint64_t>(bucket) + 0x9e3779b97f4a7c15ull));
    if (best.empty() || w > best_weight || (w == best_weight && node < best)) {
      best = node;
      best_weight = w;
    }
  }
  return best;
}

}  // namespace newsarc::cluster
