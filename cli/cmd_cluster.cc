// newsarc cluster init|status|merge: a crawl on many machines coordinated
// through PostgreSQL (cluster/cluster.h, docs/cluster.md). The nodes
// themselves run as `newsarc crawl --cluster URL --node NAME --archive S.db`.
//
//   newsarc cluster init --db postgresql://127.0.0.1/news [--buckets 256]
//   newsarc cluster status --db URL
//   newsarc cluster merge --db URL --out all.db shard1.db shard2.db ...
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "base/progress.h"
#include "cli/command.h"
#include "cluster/cluster.h"

namespace newsarc::cli {
namespace {

int Init(const std::string& db, int buckets) {
  Status st = cluster::InitCluster(db, buckets);
  if (!st.ok()) return ReportError(st);
  std::printf("cluster: ready, %d buckets\n", buckets);
  return kExitOk;
}

int ShowStatus(const std::string& db) {
  Result<cluster::ClusterStatus> s = cluster::GetClusterStatus(db);
  if (!s.ok()) return ReportError(s.status());
  std::fputs(cluster::FormatClusterStatus(*s).c_str(), stdout);
  return kExitOk;
}

int Merge(const std::string& db, const std::string& out, const std::vector<std::string>& shards,
          bool quiet) {
  InstallInterruptHandler();
  Result<cluster::MergeResult> r = cluster::MergeShards(db, out, shards, !quiet);
  if (!r.ok()) return ReportError(r.status());
  std::printf(
      "merge: %lld records copied into %s (%lld already there); %lld catalogued captures "
      "present, %lld missing; %lld responses the catalog does not list (refused stale writes)\n",
      static_cast<long long>(r->records), out.c_str(), static_cast<long long>(r->duplicates),
      static_cast<long long>(r->catalogued), static_cast<long long>(r->missing),
      static_cast<long long>(r->uncatalogued));
  if (r->interrupted) {
    std::fprintf(stderr, "newsarc: merge interrupted; run it again to finish\n");
    return kExitInterrupted;
  }
  if (r->missing > 0) {
    std::string ids;
    for (const std::string& id : r->missing_examples) ids += " " + id;
    return ReportError(Status::NotFound(
        "cluster merge", std::to_string(r->missing) +
                             " shipped captures are in none of the shards given (a shard "
                             "missing?), e.g." + ids));
  }
  return kExitOk;
}

void Setup(CLI::App& root) {
  CLI::App* c = root.add_subcommand(
      "cluster", "Crawl on many machines: shared state in PostgreSQL, one shard per node");
  c->require_subcommand(1);
  SetExamples(c, {
      {"newsarc cluster init --db postgresql://crawl@db.example/news", ""},
      {"newsarc crawl --cluster postgresql://crawl@db.example/news --node n1 --archive n1.db "
       "--seeds seeds/news-en.txt",
       "on each machine, with its own name and shard"},
      {"newsarc cluster status --db postgresql://crawl@db.example/news", ""},
      {"newsarc cluster merge --db postgresql://crawl@db.example/news --out all.db n1.db n2.db "
       "n3.db",
       "one archive for export, audit and serve"},
  });

  auto init_db = std::make_shared<std::string>();
  auto buckets = std::make_shared<int>(cluster::kDefaultBuckets);
  CLI::App* i = c->add_subcommand("init", "Create the cluster's schema in a PostgreSQL database");
  i->add_option("--db", *init_db, "PostgreSQL URL (postgresql://user@host:port/db)")->required();
  i->add_option("--buckets", *buckets, "Buckets hosts hash to (fixed once created)")
      ->default_val(cluster::kDefaultBuckets);
  i->callback([init_db, buckets] { SetExitCode(Init(*init_db, *buckets)); });

  auto status_db = std::make_shared<std::string>();
  CLI::App* s = c->add_subcommand(
      "status", "Nodes, leases, hosts, queue depth and pages per node per minute");
  s->add_option("--db", *status_db, "PostgreSQL URL")->required();
  s->callback([status_db] { SetExitCode(ShowStatus(*status_db)); });

  struct MergeOptions {
    std::string db, out;
    std::vector<std::string> shards;
    bool quiet = false;
  };
  auto m = std::make_shared<MergeOptions>();
  CLI::App* mg = c->add_subcommand(
      "merge", "Merge the nodes' shards into one archive, checked against the catalog");
  mg->add_option("--db", m->db, "PostgreSQL URL")->required();
  mg->add_option("--out", m->out, "The merged archive (created when missing)")->required();
  mg->add_option("shards", m->shards, "The nodes' archive shards")->required();
  mg->add_flag("-q,--quiet", m->quiet, "No progress line");
  mg->callback([m] { SetExitCode(Merge(m->db, m->out, m->shards, m->quiet)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
