// `newsarc cluster status`: what the database says about the crawl.
#include <cstdio>
#include <string>

#include "cluster/cluster.h"
#include "cluster/pg.h"
#include "cluster/schema.h"

namespace newsarc::cluster {

Result<ClusterStatus> GetClusterStatus(const std::string& db_url) {
  Result<std::unique_ptr<Pg>> pg = Pg::Connect(db_url);
  if (!pg.ok()) return pg.status();
  Result<int> buckets = ReadClusterBuckets(**pg);
  if (!buckets.ok()) return buckets.status();
  ClusterStatus out;
  out.buckets = *buckets;
  Status st = (*pg)->Transact([&](pqxx::work& w) {
    pqxx::result b = (*pg)->Exec(
        w,
        "SELECT count(*) FILTER (WHERE owner IS NOT NULL AND lease_until >= now()), "
        "count(*) FILTER (WHERE owner IS NOT NULL AND lease_until < now()) FROM buckets");
    out.buckets_owned = b[0][0].as<int>();
    out.buckets_lapsed = b[0][1].as<int>();
    out.hosts = (*pg)->Exec(w, "SELECT count(*) FROM hosts")[0][0].as<int64_t>();
    pqxx::result f = (*pg)->Exec(w, "SELECT state, count(*) FROM frontier GROUP BY state");
    for (const auto& row : f) {
      int64_t n = row[1].as<int64_t>();
      switch (row[0].as<int>()) {
        case 0: out.queued = n; break;
        case 1: out.claimed = n; break;
        case 2: out.done = n; break;
        default: out.failed += n; break;
      }
    }
    out.captures = (*pg)->Exec(w, "SELECT count(*) FROM catalog")[0][0].as<int64_t>();
    out.refused = (*pg)->Exec(w, "SELECT count(*) FROM refused")[0][0].as<int64_t>();
    pqxx::result n = (*pg)->Exec(
        w,
        "SELECT n.name, coalesce(n.shard, ''), "
        "n.left_at IS NULL AND n.last_seen > now() - interval '60 s', n.left_at IS NOT NULL, "
        "extract(epoch from now() - n.last_seen), "
        "(SELECT count(*) FROM buckets b WHERE b.owner = n.name AND b.lease_until >= now()), "
        "n.shipped, n.refused, n.statements, "
        "(SELECT count(*) FROM catalog c WHERE c.node = n.name AND "
        "c.shipped > now() - interval '1 minute') "
        "FROM nodes n ORDER BY n.name");
    for (const auto& row : n) {
      NodeStatus s;
      s.name = row[0].as<std::string>();
      s.shard = row[1].as<std::string>();
      s.live = row[2].as<bool>();
      s.left = row[3].as<bool>();
      s.seen_seconds_ago = row[4].as<double>();
      s.buckets = row[5].as<int>();
      s.shipped = row[6].as<int64_t>();
      s.refused = row[7].as<int64_t>();
      s.statements = row[8].as<int64_t>();
      s.pages_last_minute = row[9].as<int64_t>();
      out.statements += s.statements;
      // A node seen recently but whose lease has run out is not live.
      if (s.live && s.buckets == 0 && s.seen_seconds_ago > 30) s.live = false;
      out.nodes.push_back(std::move(s));
    }
  });
  if (!st.ok()) return st;
  return out;
}

std::string FormatClusterStatus(const ClusterStatus& s) {
  std::string out;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "buckets: %d (%d leased, %d lapsed, %d free)\n"
                "hosts: %lld\n"
                "frontier: %lld queued, %lld claimed, %lld done, %lld failed\n"
                "catalog: %lld captures shipped, %lld stale writes refused\n",
                s.buckets, s.buckets_owned, s.buckets_lapsed,
                s.buckets - s.buckets_owned - s.buckets_lapsed, static_cast<long long>(s.hosts),
                static_cast<long long>(s.queued), static_cast<long long>(s.claimed),
                static_cast<long long>(s.done), static_cast<long long>(s.failed),
                static_cast<long long>(s.captures), static_cast<long long>(s.refused));
  out += buf;
  int64_t pages = s.done + s.failed;
  if (pages > 0) {
    std::snprintf(buf, sizeof buf, "statements: %lld (%.2f per finished URL)\n",
                  static_cast<long long>(s.statements),
                  static_cast<double>(s.statements) / static_cast<double>(pages));
    out += buf;
  }
  out += "nodes:\n";
  std::snprintf(buf, sizeof buf, "  %-16s %-6s %8s %7s %9s %8s %11s  %s\n", "NAME", "STATE",
                "SEEN", "BUCKETS", "SHIPPED", "REFUSED", "PAGES/MIN", "SHARD");
  out += buf;
  for (const NodeStatus& n : s.nodes) {
    std::snprintf(buf, sizeof buf, "  %-16s %-6s %7.0fs %7d %9lld %8lld %11lld  %s\n",
                  n.name.c_str(), n.left ? "left" : n.live ? "live" : "lost",
                  n.seen_seconds_ago, n.buckets, static_cast<long long>(n.shipped),
                  static_cast<long long>(n.refused), static_cast<long long>(n.pages_last_minute),
                  n.shard.c_str());
    out += buf;
  }
  return out;
}

}  // namespace newsarc::cluster
