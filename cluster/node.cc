// The node's side of the cluster: crawler::Coordinator over PostgreSQL.
//
// Every Sync():
//   1. ship the outbox (URLs found, URLs finished) in one transaction:
//      finishing is fenced by the bucket's epoch, so a node whose lease
//      lapsed and whose bucket moved has its late results refused;
//   2. heartbeat, push the politeness state of the hosts touched (fenced),
//      renew the leases still held, read the live nodes, take the free or
//      lapsed buckets rendezvous hashing gives this node, and check whether
//      the cluster's crawl is over;
//   3. hand back the buckets another live node should hold, once none of
//      their hosts has a request in flight;
//   4. claim a few queued URLs per host of the buckets held
//      (FOR UPDATE SKIP LOCKED) into the local frontier.
// A failed exchange (the server restarting, a network cut) changes nothing
// locally: the node retries on the next Sync, and meanwhile starts no
// request once its leases would lapse (MayStart).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cluster/cluster.h"
#include "cluster/pg.h"
#include "cluster/schema.h"

namespace newsarc::cluster {

namespace {

constexpr char kOutboxPrefix[] = "cluster.outbox.";
constexpr size_t kMaxShipItems = 4000;

double Seconds(Micros m) { return static_cast<double>(m) / 1e6; }

std::string MachineName() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

std::string IntArray(const std::vector<int>& v) {
  std::string out = "{";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + std::to_string(v[i]);
  return out + "}";
}

class NodeCoordinator : public crawler::Coordinator {
 public:
  NodeCoordinator(NodeOptions options, std::unique_ptr<Pg> pg, int buckets)
      : o_(std::move(options)), pg_(std::move(pg)), buckets_(buckets) {}

  Status Start(storage::Frontier& local, const std::vector<storage::FrontierAdd>& seeds) override;
  bool MayStart(const std::string& host, Micros now) const override {
    auto it = held_.find(BucketOf(host, buckets_));
    return it != held_.end() && !it->second.draining && now < it->second.valid_until;
  }
  Status Discovered(storage::Frontier& local,
                    const std::vector<storage::FrontierAdd>& adds) override;
  Status Finished(storage::Frontier& local, const storage::FrontierEntry& entry, bool failed,
                  int http_status, const std::string& record_id,
                  const std::string& reason) override;
  Micros SyncInterval() const override { return o_.sync_interval; }
  Status Sync(storage::Frontier& local, Micros now, crawler::CoordinatorSync* io) override;
  Status Stop(storage::Frontier& local, crawler::CoordinatorSync* io) override;
  std::string Describe() const override;

 private:
  struct Held {
    int64_t epoch = 0;
    Micros valid_until = 0;  // local clock; MayStart's limit
    bool draining = false;   // another node should hold it: handing over
    // Taken from a node whose lease lapsed: no request before this (local
    // clock), whatever the host's saved state says.
    Micros floor = 0;
    std::set<std::string> hosts;      // hosts seen in it this tenure
    std::set<std::string> announced;  // hosts whose state was handed over
  };

  Status PutOutbox(storage::Frontier& local, const nlohmann::json& item);
  // false: the database could not be reached (paused_ says why).
  Result<bool> Ship(storage::Frontier& local);
  // A lost connection or a transient conflict pauses the node (OK back,
  // paused_ says why, the next Sync retries); any other database error is
  // returned: retrying an SQL error forever would be a hang.
  Status Fail(const Status& st);
  // The politeness state (and robots.txt, when known) of `hosts` held here,
  // as the JSON the host updates read.
  std::string StatesJson(const crawler::CoordinatorSync& io,
                         const std::set<std::string>& hosts) const;
  Status ForgetBucketHosts(storage::Frontier& local, int bucket, crawler::CoordinatorSync* io);
  Status Claim(storage::Frontier& local, Micros now, crawler::CoordinatorSync* io);
  Status Release(storage::Frontier& local, const std::vector<int>& buckets,
                 crawler::CoordinatorSync* io, bool leaving);

  NodeOptions o_;
  std::unique_ptr<Pg> pg_;
  int buckets_;
  std::map<int, Held> held_;
  std::unordered_map<std::string, int> outstanding_;  // host -> claimed, unfinished
  std::unordered_map<std::string, std::string> claimed_;  // URL -> host, claimed, unfinished
  int64_t next_seq_ = 1;
  int64_t outbox_ = 0;  // items waiting to ship
  std::string paused_;  // why the database is out of reach ("" when not)
  Micros pg_offset_ = 0;  // database clock minus local clock
  Micros grace_until_ = 0;  // after an outage: take no lapsed bucket before
  int64_t shipped_ = 0, refused_ = 0;
};

Status NodeCoordinator::Fail(const Status& st) {
  if (st.code() == Status::Code::kNetwork || st.code() == Status::Code::kBusy) {
    paused_ = st.message();
    return Status();
  }
  return st.WithContext("cluster node " + o_.name);
}

Status NodeCoordinator::PutOutbox(storage::Frontier& local, const nlohmann::json& item) {
  char key[64];
  std::snprintf(key, sizeof key, "%s%020lld", kOutboxPrefix, static_cast<long long>(next_seq_++));
  ++outbox_;
  return local.SetSetting(key, item.dump());
}

Status NodeCoordinator::Start(storage::Frontier& local,
                              const std::vector<storage::FrontierAdd>& seeds) {
  std::string where = "cluster node " + o_.name;
  std::string refusal;
  Status st = pg_->Transact([&](pqxx::work& w) {
    pqxx::result r = pg_->Exec(
        w,
        "SELECT machine, pid, extract(epoch from now() - last_seen) FROM nodes "
        "WHERE name = $1 AND left_at IS NULL AND last_seen > now() - make_interval(secs => $2) "
        "AND (machine IS DISTINCT FROM $3 OR pid IS DISTINCT FROM $4) FOR UPDATE",
        o_.name, Seconds(o_.lease), MachineName(), static_cast<int>(getpid()));
    if (!r.empty()) {
      refusal = "is already running (pid " + r[0][1].as<std::string>("?") + " on " +
                r[0][0].as<std::string>("?") + ", seen " +
                std::to_string(static_cast<int>(r[0][2].as<double>())) +
                " s ago); give another --node name, or wait for its lease to lapse";
      return;
    }
    pg_->Exec(w,
              "INSERT INTO nodes (name, shard, pid, machine, transfer_max_us) "
              "VALUES ($1, $2, $3, $4, $5) "
              "ON CONFLICT (name) DO UPDATE SET shard = $2, pid = $3, machine = $4, "
              "transfer_max_us = $5, started = now(), last_seen = now(), left_at = NULL, "
              "busy = true",
              o_.name, o_.shard, static_cast<int>(getpid()), MachineName(), o_.transfer_max);
  });
  if (!st.ok()) return st;
  if (!refusal.empty()) return Status::Busy(where, refusal);

  Result<std::vector<std::pair<std::string, std::string>>> pending =
      local.ListSettings(kOutboxPrefix);
  if (!pending.ok()) return pending.status();
  outbox_ = static_cast<int64_t>(pending->size());
  if (!pending->empty()) {
    next_seq_ = std::stoll(pending->back().first.substr(sizeof kOutboxPrefix - 1)) + 1;
  }
  // Left from a crash: what this shard had claimed is claimed again, under
  // whichever epoch the buckets have when this node holds them.
  Result<std::vector<std::pair<std::string, Micros>>> hosts = local.HostsWithWork();
  if (!hosts.ok()) return hosts.status();
  for (const auto& [host, ready] : *hosts) {
    Result<int64_t> n = local.Forget(host);
    if (!n.ok()) return n.status();
  }
  if (!seeds.empty()) return Discovered(local, seeds);
  return Status();
}

Status NodeCoordinator::Discovered(storage::Frontier& local,
                                   const std::vector<storage::FrontierAdd>& adds) {
  nlohmann::json a = nlohmann::json::array();
  for (const storage::FrontierAdd& add : adds) {
    a.push_back({{"url", add.url},
                 {"host", add.host},
                 {"bucket", BucketOf(add.host, buckets_)},
                 {"kind", static_cast<int>(add.kind)},
                 {"depth", add.depth},
                 {"hops", add.hops},
                 {"priority", add.priority},
                 {"via", add.via},
                 {"date_hint", add.date_hint}});
  }
  return PutOutbox(local, {{"adds", std::move(a)}});
}

Status NodeCoordinator::Finished(storage::Frontier& local, const storage::FrontierEntry& e,
                                 bool failed, int http_status, const std::string& record_id,
                                 const std::string& reason) {
  if (claimed_.erase(e.url) != 0) {
    auto it = outstanding_.find(e.host);
    if (it != outstanding_.end() && --it->second <= 0) outstanding_.erase(it);
  }
  return PutOutbox(local, {{"done",
                            {{"url", e.url},
                             {"failed", failed},
                             {"status", http_status},
                             {"record_id", record_id},
                             {"reason", reason}}}});
}

Result<bool> NodeCoordinator::Ship(storage::Frontier& local) {
  Result<std::vector<std::pair<std::string, std::string>>> items =
      local.ListSettings(kOutboxPrefix);
  if (!items.ok()) return items.status();
  outbox_ = static_cast<int64_t>(items->size());
  if (items->empty()) return true;
  if (items->size() > kMaxShipItems) items->resize(kMaxShipItems);
  nlohmann::json adds = nlohmann::json::array(), done = nlohmann::json::array();
  for (const auto& [key, value] : *items) {
    nlohmann::json j = nlohmann::json::parse(value, nullptr, false);
    if (j.is_discarded()) continue;  // unreadable: dropped below, never retried forever
    if (j.contains("adds")) {
      for (auto& a : j["adds"]) adds.push_back(std::move(a));
    } else if (j.contains("done")) {
      done.push_back(std::move(j["done"]));
    }
  }
  int64_t accepted_n = 0, refused_n = 0;
  Status st = pg_->Transact([&](pqxx::work& w) {
    if (!adds.empty()) {
      // The first finder of a URL adds it; everyone else's add is a no-op.
      pg_->Exec(w,
                "INSERT INTO hosts (host, bucket) SELECT DISTINCT host, bucket FROM "
                "json_to_recordset($1::json) AS x(host text, bucket int) ON CONFLICT DO NOTHING",
                adds.dump());
      pg_->Exec(w,
                "INSERT INTO frontier (url, host, bucket, kind, depth, hops, priority, via, "
                "date_hint) SELECT url, host, bucket, kind, depth, hops, priority, via, date_hint "
                "FROM json_to_recordset($1::json) AS x(url text, host text, bucket int, kind int, "
                "depth int, hops int, priority bigint, via text, date_hint text) "
                "ON CONFLICT (url) DO NOTHING",
                adds.dump());
    }
    if (!done.empty()) {
      std::string d = done.dump();
      // The fence: only the claim of the bucket's current epoch, by the
      // bucket's current owner, finishes a URL.
      pqxx::result ok = pg_->Exec(
          w,
          "WITH x AS (SELECT * FROM json_to_recordset($2::json) AS x(url text, failed boolean, "
          "status int, record_id text, reason text)), "
          "fin AS (UPDATE frontier f SET state = CASE WHEN x.failed THEN 3 ELSE 2 END, "
          "http_status = x.status, record_id = NULLIF(x.record_id, ''), reason = x.reason, "
          "finished_by = $1, finished = now() FROM x, buckets b "
          "WHERE f.url = x.url AND b.bucket = f.bucket AND f.state = 1 AND f.claimed_by = $1 "
          "AND f.claim_epoch = b.epoch AND b.owner = $1 "
          "RETURNING f.url, f.claim_epoch, x.record_id, x.status), "
          "cat AS (INSERT INTO catalog (record_id, url, node, epoch, http_status) "
          "SELECT record_id, url, $1, claim_epoch, status FROM fin WHERE record_id <> '' "
          "ON CONFLICT DO NOTHING) "
          "SELECT count(*) FROM fin",
          o_.name, d);
      accepted_n = ok[0][0].as<int64_t>();
      // The rest: already finished by this node (the same outbox shipped
      // twice after a crash between the two commits) or refused.
      pqxx::result ref = pg_->Exec(
          w,
          "WITH x AS (SELECT * FROM json_to_recordset($2::json) AS x(url text, failed boolean, "
          "status int, record_id text, reason text)), "
          "r AS (INSERT INTO refused (url, node, record_id, what) "
          "SELECT x.url, $1, NULLIF(x.record_id, ''), "
          "'finish: ' || coalesce('claim of ' || f.claimed_by || ' at epoch ' || f.claim_epoch, "
          "'state ' || f.state) || ', bucket owner ' || coalesce(b.owner, 'none') || "
          "' at epoch ' || b.epoch FROM x JOIN frontier f ON f.url = x.url "
          "JOIN buckets b ON b.bucket = f.bucket "
          "WHERE NOT (f.state >= 2 AND f.finished_by = $1 AND "
          "coalesce(f.record_id, '') = coalesce(NULLIF(x.record_id, ''), '')) "
          "AND NOT (f.state = 1 AND f.claimed_by = $1 AND f.claim_epoch = b.epoch "
          "AND b.owner = $1) RETURNING 1) "
          "SELECT count(*) FROM r",
          o_.name, d);
      refused_n = ref[0][0].as<int64_t>();
    }
    pg_->Exec(w, "UPDATE nodes SET shipped = shipped + $2, refused = refused + $3 WHERE name = $1",
              o_.name, accepted_n, refused_n);
  });
  if (!st.ok()) {
    NEWSARC_RETURN_IF_ERROR(Fail(st));
    return false;
  }
  for (const auto& [key, value] : *items) {
    Result<bool> gone = local.DeleteSetting(key);
    if (!gone.ok()) return gone.status();
  }
  outbox_ -= static_cast<int64_t>(items->size());
  shipped_ += accepted_n;
  refused_ += refused_n;
  return true;
}

std::string NodeCoordinator::StatesJson(const crawler::CoordinatorSync& io,
                                        const std::set<std::string>& hosts) const {
  nlohmann::json states = nlohmann::json::array();
  for (const std::string& host : hosts) {
    auto it = held_.find(BucketOf(host, buckets_));
    if (it == held_.end() || !io.host_state) continue;
    nlohmann::json j = {{"host", host},
                        {"epoch", it->second.epoch},
                        {"state", crawler::EncodeSavedHostState(io.host_state(host))}};
    std::string robots = io.robots ? io.robots(host) : std::string();
    if (!robots.empty()) j["robots"] = std::move(robots);
    states.push_back(std::move(j));
  }
  return states.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status NodeCoordinator::ForgetBucketHosts(storage::Frontier& local, int bucket,
                                          crawler::CoordinatorSync* io) {
  auto it = held_.find(bucket);
  if (it == held_.end()) return Status();
  for (const std::string& host : it->second.hosts) {
    Result<int64_t> n = local.Forget(host);
    if (!n.ok()) return n.status();
    outstanding_.erase(host);
    io->lost.push_back(host);
  }
  // The claimed URLs of those hosts are no longer this node's to finish
  // (a result still in flight ships and is refused, or accepted if the URL
  // is claimed here again).
  for (auto c = claimed_.begin(); c != claimed_.end();) {
    c = it->second.hosts.count(c->second) != 0 ? claimed_.erase(c) : std::next(c);
  }
  held_.erase(it);
  return Status();
}

Status NodeCoordinator::Sync(storage::Frontier& local, Micros now,
                             crawler::CoordinatorSync* io) {
  // Back from an outage of the database (not of this node): the others
  // could not renew either, so their leases look lapsed. They get one
  // lease to come back before this node takes their buckets.
  bool recovering = !paused_.empty();
  Result<bool> shipped = Ship(local);
  if (!shipped.ok()) return shipped.status();
  if (!*shipped) return Status();  // paused: nothing moves until it answers
  if (recovering) grace_until_ = now + o_.lease;
  bool only_free = now < grace_until_;

  std::set<std::string> touched_hosts(io->touched_hosts.begin(), io->touched_hosts.end());
  touched_hosts.insert(io->robots_touched.begin(), io->robots_touched.end());
  nlohmann::json renew = nlohmann::json::array();
  for (const auto& [bucket, h] : held_) renew.push_back({{"bucket", bucket}, {"epoch", h.epoch}});
  std::set<int> renewed;
  std::vector<std::string> live;
  struct Acquired {
    int bucket;
    int64_t epoch;
    bool had_owner;
    bool released;
    Micros old_lease_pg;
    Micros old_transfer_max;  // the lapsed owner's longest request
  };
  std::vector<Acquired> acquired;
  int64_t open_urls = -1, all_urls = 0, busy_others = 0;
  Micros t0 = NowMicros();
  bool busy = io->local_work || outbox_ > 0 || !claimed_.empty();
  Status st = pg_->Transact([&](pqxx::work& w) {
    pqxx::result hb = pg_->Exec(
        w,
        "UPDATE nodes SET last_seen = now(), busy = $2, statements = $3, left_at = NULL "
        "WHERE name = $1 RETURNING (extract(epoch from now()) * 1000000)::bigint",
        o_.name, busy, pg_->statements());
    if (hb.empty()) throw std::runtime_error("node " + o_.name + " is not registered");
    pg_offset_ = hb[0][0].as<int64_t>() - t0;
    if (!touched_hosts.empty()) {
      pg_->Exec(w,
                "UPDATE hosts h SET state = x.state, robots = coalesce(x.robots, h.robots), "
                "updated = now() FROM "
                "json_to_recordset($2::json) AS x(host text, epoch bigint, state text, "
                "robots text), "
                "buckets b WHERE h.host = x.host AND b.bucket = h.bucket AND b.owner = $1 "
                "AND b.epoch = x.epoch",
                o_.name, StatesJson(*io, touched_hosts));
    }
    if (!held_.empty()) {
      pqxx::result r = pg_->Exec(
          w,
          "UPDATE buckets b SET lease_until = now() + make_interval(secs => $2) FROM "
          "json_to_recordset($3::json) AS x(bucket int, epoch bigint) "
          "WHERE b.bucket = x.bucket AND b.epoch = x.epoch AND b.owner = $1 RETURNING b.bucket",
          o_.name, Seconds(o_.lease), renew.dump());
      for (const auto& row : r) renewed.insert(row[0].as<int>());
    }
    pqxx::result n = pg_->Exec(w,
                               "SELECT name FROM nodes WHERE left_at IS NULL AND "
                               "last_seen > now() - make_interval(secs => $1) ORDER BY name",
                               Seconds(o_.lease));
    for (const auto& row : n) live.push_back(row[0].as<std::string>());
    std::vector<int> wanted;
    for (int b = 0; b < buckets_; ++b) {
      if (held_.count(b) == 0 && DesiredOwner(b, live) == o_.name) wanted.push_back(b);
    }
    if (!wanted.empty()) {
      pqxx::result a = pg_->Exec(
          w,
          "WITH old AS (SELECT bucket, owner, lease_until, released FROM buckets "
          "WHERE bucket = ANY($2::int[]) AND (owner IS NULL OR (NOT $4 AND lease_until < now())) "
          "FOR UPDATE SKIP LOCKED), "
          "was AS (SELECT old.*, coalesce(n.transfer_max_us, 0) AS transfer_max_us FROM old "
          "LEFT JOIN nodes n ON n.name = old.owner) "
          "UPDATE buckets b SET owner = $1, epoch = b.epoch + 1, "
          "lease_until = now() + make_interval(secs => $3), released = false, "
          "moves = b.moves + 1 FROM was WHERE b.bucket = was.bucket "
          "RETURNING b.bucket, b.epoch, was.owner IS NOT NULL, was.released, "
          "coalesce((extract(epoch from was.lease_until) * 1000000)::bigint, 0), "
          "was.transfer_max_us",
          o_.name, IntArray(wanted), Seconds(o_.lease), only_free);
      std::vector<int> got;
      for (const auto& row : a) {
        acquired.push_back({row[0].as<int>(), row[1].as<int64_t>(), row[2].as<bool>(),
                            row[3].as<bool>(), row[4].as<int64_t>(), row[5].as<int64_t>()});
        got.push_back(row[0].as<int>());
      }
      if (!got.empty()) {
        // Claims of an earlier tenure of these buckets are void: queued
        // again, to be claimed under the new epoch.
        pg_->Exec(w,
                  "UPDATE frontier SET state = 0, claimed_by = NULL, claim_epoch = NULL "
                  "WHERE bucket = ANY($1::int[]) AND state = 1",
                  IntArray(got));
      }
    }
    pqxx::result f = pg_->Exec(
        w,
        "SELECT (SELECT count(*) FROM frontier WHERE state <= 1), "
        "(SELECT count(*) FROM frontier LIMIT 1), "
        "(SELECT count(*) FROM nodes WHERE left_at IS NULL AND busy AND name <> $1 AND "
        "last_seen > now() - make_interval(secs => $2))",
        o_.name, Seconds(o_.lease));
    open_urls = f[0][0].as<int64_t>();
    all_urls = f[0][1].as<int64_t>();
    busy_others = f[0][2].as<int64_t>();
  });
  if (!st.ok()) return Fail(st);
  paused_.clear();

  // Leases lost to another node (ours lapsed while we could not renew).
  std::vector<int> lost;
  for (const auto& [bucket, h] : held_) {
    if (renewed.count(bucket) == 0) lost.push_back(bucket);
  }
  for (int bucket : lost) NEWSARC_RETURN_IF_ERROR(ForgetBucketHosts(local, bucket, io));
  for (int bucket : renewed) held_[bucket].valid_until = t0 + o_.lease - o_.lease_margin;
  for (const Acquired& a : acquired) {
    Held h;
    h.epoch = a.epoch;
    h.valid_until = t0 + o_.lease - o_.lease_margin;
    if (a.had_owner && !a.released) {
      // Its owner lapsed: it may have started a request up to its lease's
      // end, which may take the longest transfer time to finish.
      h.floor = a.old_lease_pg - pg_offset_ + std::max(o_.transfer_max, a.old_transfer_max) +
                o_.lease_margin;
    }
    held_[a.bucket] = std::move(h);
  }
  // Buckets another live node should hold go to it once their hosts are quiet.
  std::vector<int> hand_over;
  for (auto& [bucket, h] : held_) {
    if (DesiredOwner(bucket, live) == o_.name) {
      h.draining = false;
      continue;
    }
    h.draining = true;
    bool quiet = std::none_of(h.hosts.begin(), h.hosts.end(),
                              [&](const std::string& host) { return io->busy_hosts.count(host); });
    if (quiet) hand_over.push_back(bucket);
  }
  if (!hand_over.empty()) NEWSARC_RETURN_IF_ERROR(Release(local, hand_over, io, false));
  if (!paused_.empty()) return Status();
  NEWSARC_RETURN_IF_ERROR(Claim(local, t0, io));
  io->finished = paused_.empty() && open_urls == 0 && all_urls > 0 && busy_others == 0 &&
                 outbox_ == 0 && claimed_.empty() && !io->local_work;
  return Status();
}

Status NodeCoordinator::Claim(storage::Frontier& local, Micros now,
                              crawler::CoordinatorSync* io) {
  std::vector<int> buckets;
  for (const auto& [bucket, h] : held_) {
    if (!h.draining && now < h.valid_until) buckets.push_back(bucket);
  }
  if (buckets.empty()) return Status();
  std::string full = "{";
  bool first = true;
  for (const auto& [host, n] : outstanding_) {
    if (n < o_.urls_per_host) continue;
    std::string esc;
    for (char c : host) {
      if (c == '"' || c == '\\') esc += '\\';
      esc += c;
    }
    full += (first ? "\"" : ",\"") + esc + "\"";
    first = false;
  }
  full += "}";
  pqxx::result rows;
  Status st = pg_->Transact([&](pqxx::work& w) {
    rows = pg_->Exec(
        w,
        "WITH pick AS (SELECT x.url, b.epoch, h.state AS host_state, h.robots FROM buckets b "
        "JOIN hosts h ON h.bucket = b.bucket "
        "CROSS JOIN LATERAL (SELECT f.url FROM frontier f WHERE f.host = h.host AND "
        "(f.state = 0 OR (f.state = 1 AND f.claim_epoch < b.epoch)) "
        "ORDER BY f.priority, f.id LIMIT $3 FOR UPDATE OF f SKIP LOCKED) x "
        "WHERE b.owner = $1 AND b.bucket = ANY($2::int[]) AND NOT (h.host = ANY($4::text[])) "
        "LIMIT $5) "
        "UPDATE frontier f SET state = 1, claimed_by = $1, claim_epoch = pick.epoch FROM pick "
        "WHERE f.url = pick.url RETURNING f.url, f.host, f.bucket, f.kind, f.depth, f.hops, "
        "f.priority, f.via, f.date_hint, pick.host_state, pick.robots",
        o_.name, IntArray(buckets), o_.urls_per_host, full, o_.max_claim);
  });
  if (!st.ok()) return Fail(st);
  for (const auto& row : rows) {
    storage::FrontierAdd add;
    add.url = row[0].as<std::string>();
    add.host = row[1].as<std::string>();
    int bucket = row[2].as<int>();
    add.kind = static_cast<storage::UrlKind>(row[3].as<int>());
    add.depth = row[4].as<int>();
    add.hops = row[5].as<int>();
    add.priority = row[6].as<int64_t>();
    add.via = row[7].as<std::string>();
    add.date_hint = row[8].as<std::string>();
    Result<bool> added = local.Add(add);
    if (!added.ok()) return added.status();
    if (claimed_.emplace(add.url, add.host).second) ++outstanding_[add.host];
    Held& h = held_[bucket];
    h.hosts.insert(add.host);
    if (h.announced.insert(add.host).second) {
      crawler::SavedHostState state;
      if (!row[9].is_null()) (void)crawler::DecodeSavedHostState(row[9].as<std::string>(), &state);
      if (h.floor > 0) state.last_start = std::max(state.last_start, h.floor);
      io->gained.push_back({add.host, state, row[10].is_null() ? "" : row[10].as<std::string>()});
    }
  }
  return Status();
}

Status NodeCoordinator::Release(storage::Frontier& local, const std::vector<int>& buckets,
                                crawler::CoordinatorSync* io, bool leaving) {
  nlohmann::json rel = nlohmann::json::array();
  std::set<std::string> hosts;
  for (int b : buckets) {
    rel.push_back({{"bucket", b}, {"epoch", held_[b].epoch}});
    hosts.insert(held_[b].hosts.begin(), held_[b].hosts.end());
  }
  std::vector<int> sorted(buckets);
  Status st = pg_->Transact([&](pqxx::work& w) {
    // The state goes first: the next owner spaces its first request from
    // the last one this node sent.
    if (!hosts.empty()) {
      pg_->Exec(w,
                "UPDATE hosts h SET state = x.state, robots = coalesce(x.robots, h.robots), "
                "updated = now() FROM "
                "json_to_recordset($2::json) AS x(host text, epoch bigint, state text, "
                "robots text), "
                "buckets b WHERE h.host = x.host AND b.bucket = h.bucket AND b.owner = $1 "
                "AND b.epoch = x.epoch",
                o_.name, StatesJson(*io, hosts));
    }
    pg_->Exec(w,
              "UPDATE frontier f SET state = 0, claimed_by = NULL, claim_epoch = NULL FROM "
              "json_to_recordset($2::json) AS x(bucket int, epoch bigint) "
              "WHERE f.bucket = x.bucket AND f.state = 1 AND f.claimed_by = $1 "
              "AND f.claim_epoch = x.epoch",
              o_.name, rel.dump());
    pg_->Exec(w,
              "UPDATE buckets b SET owner = NULL, released = true, lease_until = now() FROM "
              "json_to_recordset($2::json) AS x(bucket int, epoch bigint) "
              "WHERE b.bucket = x.bucket AND b.epoch = x.epoch AND b.owner = $1",
              o_.name, rel.dump());
    if (leaving) {
      pg_->Exec(w, "UPDATE nodes SET left_at = now(), busy = false, statements = $2 WHERE name = $1",
                o_.name, pg_->statements());
    }
  });
  if (!st.ok()) return Fail(st);
  for (int b : buckets) {
    // Unfinished claims of these hosts went back to the queue above.
    NEWSARC_RETURN_IF_ERROR(ForgetBucketHosts(local, b, io));
  }
  return Status();
}

Status NodeCoordinator::Stop(storage::Frontier& local, crawler::CoordinatorSync* io) {
  Result<bool> shipped = Ship(local);
  if (!shipped.ok()) return shipped.status();
  if (!*shipped) return Status();  // unreachable: the leases lapse by themselves
  std::vector<int> all;
  for (const auto& [bucket, h] : held_) all.push_back(bucket);
  return Release(local, all, io, /*leaving=*/true);
}

std::string NodeCoordinator::Describe() const {
  std::string s = "node " + o_.name + ": " + std::to_string(held_.size()) + " buckets, " +
                  std::to_string(claimed_.size()) + " claimed, " + std::to_string(shipped_) +
                  " shipped";
  if (refused_ > 0) s += ", " + std::to_string(refused_) + " refused";
  if (!paused_.empty()) s += ", PAUSED: " + paused_;
  return s;
}

}  // namespace

Result<std::unique_ptr<crawler::Coordinator>> MakeNodeCoordinator(const NodeOptions& options) {
  if (options.name.empty()) return Status::InvalidArgument("--node", "is required with --cluster");
  if (options.lease <= 2 * options.sync_interval || options.lease <= options.lease_margin) {
    return Status::InvalidArgument("--lease", "must exceed twice the sync interval and the margin");
  }
  Result<std::unique_ptr<Pg>> pg = Pg::Connect(options.db_url);
  if (!pg.ok()) return pg.status();
  Result<int> buckets = ReadClusterBuckets(**pg);
  if (!buckets.ok()) return buckets.status();
  return std::unique_ptr<crawler::Coordinator>(
      new NodeCoordinator(options, std::move(pg).value(), *buckets));
}

}  // namespace newsarc::cluster
