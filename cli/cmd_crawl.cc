// newsarc crawl [URL...] [--seeds FILE] --archive A.db [options]: crawls
// politely from the seeds into the archive (crawler/crawler.h).
//
// A second run on the same archive re-checks known URLs with conditional
// requests; --resume continues an interrupted run with its own options.
// Exit 0 when the crawl ended, 1 on an archive or network setup error,
// 2 on a bad command line, 130 after Ctrl-C (everything fetched is kept).
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "base/progress.h"
#include "cli/command.h"
#include "cli/crawl_flags.h"
#include "cluster/cluster.h"
#include "crawler/crawler.h"

namespace newsarc::cli {
namespace {

struct Options {
  CrawlFlags flags;
  std::string archive;
  bool resume = false;
  bool quiet = false;
  bool dry_run = false;
  bool due_only = false;
  std::string log_json;
  std::string max_duration = "0";
  std::string cluster;  // PostgreSQL URL: run as one node of a cluster
  std::string node;
  std::string lease = "30s";
};

void PrintSummary(const crawler::CrawlStats& s, const std::string& archive) {
  double rate = s.seconds > 0 ? static_cast<double>(s.fetched) / s.seconds : 0;
  std::printf(
      "crawl: %lld fetched (%lld pages 200, %lld revisits, %lld changed, %lld redirects), "
      "%lld errors, %lld blocked by robots.txt, %lld given up, %lld articles extracted "
      "in %.1f s (%.1f pages/s)\n",
      static_cast<long long>(s.fetched), static_cast<long long>(s.pages_200),
      static_cast<long long>(s.revisits), static_cast<long long>(s.changed),
      static_cast<long long>(s.redirects), static_cast<long long>(s.errors),
      static_cast<long long>(s.robots_blocked), static_cast<long long>(s.gave_up),
      static_cast<long long>(s.extracted), s.seconds, rate);
  if (s.requisites > 0) {
    std::printf("crawl: %lld page requisites archived (stylesheets, images, fonts, scripts)\n",
                static_cast<long long>(s.requisites));
  }
  if (s.refused_type > 0) {
    std::printf("crawl: %lld pages not downloaded: their Content-Type is not in --content-type\n",
                static_cast<long long>(s.refused_type));
  }
  if (s.queued_left > 0) {
    std::printf("crawl: %lld URLs still queued; continue with: newsarc crawl --resume --archive %s\n",
                static_cast<long long>(s.queued_left), archive.c_str());
  }
  if (s.discovered == 0) {
    std::printf("crawl: no new URLs were discovered in this run\n");
  } else {
    std::printf("crawl: %lld new URLs discovered\n", static_cast<long long>(s.discovered));
  }
}

int Run(const Options& o) {
  crawler::CrawlOptions options;
  if (o.resume) {
    if (!o.flags.urls.empty() || !o.flags.seed_files.empty()) {
      return ReportError(Status::InvalidArgument(
          "--resume", "continues the interrupted run with its own seeds and options; give none"));
    }
  } else {
    Result<crawler::CrawlOptions> parsed = ToCrawlOptions(o.flags);
    if (!parsed.ok()) return ReportError(parsed.status());
    options = std::move(parsed).value();
  }
  options.archive = o.archive;
  options.resume = o.resume;
  options.progress = !o.quiet;
  options.log_json = o.log_json;
  options.recheck_all = !o.due_only;
  Result<Micros> max_duration = ParseDuration(o.max_duration, "--max-duration");
  if (!max_duration.ok()) return ReportError(max_duration.status());
  options.max_duration = *max_duration;
  if (!o.resume) {
    Status st = crawler::CheckCrawlOptions(options);
    if (!st.ok()) return ReportError(st);
  }
  if (o.dry_run) {
    std::printf("%s\n", crawler::CrawlOptionsToJson(options).c_str());
    return kExitOk;
  }
  std::unique_ptr<crawler::Coordinator> coordinator;
  if (!o.cluster.empty() || !o.node.empty()) {
    if (o.cluster.empty() || o.node.empty()) {
      return ReportError(Status::InvalidArgument("--cluster/--node", "go together"));
    }
    if (o.resume) {
      return ReportError(Status::InvalidArgument(
          "--resume", "a cluster node resumes by running again with the same --node"));
    }
    cluster::NodeOptions node;
    node.db_url = o.cluster;
    node.name = o.node;
    node.shard = o.archive;
    Result<Micros> lease = ParseDuration(o.lease, "--lease");
    if (!lease.ok()) return ReportError(lease.status());
    node.lease = *lease;
    node.sync_interval = std::clamp<Micros>(*lease / 10, 100000, 2 * crawler::kSecond);
    node.lease_margin = std::max<Micros>(*lease / 10, 100000);
    node.transfer_max = options.fetcher.total_timeout;
    Result<std::unique_ptr<crawler::Coordinator>> made = cluster::MakeNodeCoordinator(node);
    if (!made.ok()) return ReportError(made.status());
    coordinator = std::move(made).value();
    options.coordinator = coordinator.get();
  }
  InstallInterruptHandler();
  crawler::CrawlStats stats;
  Status st = crawler::Crawl(options, &stats);
  if (st.ok() || st.code() == Status::Code::kCancelled) {
    if (!o.quiet || !st.ok()) PrintSummary(stats, o.archive);
  }
  if (!st.ok()) return ReportError(st);
  return kExitOk;
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  CLI::App* sub = root.add_subcommand(
      "crawl", "Crawl news sites politely from seed URLs into the archive");
  AddCrawlFlags(sub, &opts->flags);
  sub->add_option("--archive", opts->archive, "Archive file (created when missing)")->required();
  sub->add_flag("--resume", opts->resume,
                "Continue an interrupted crawl with its own seeds and options");
  sub->add_flag("--due-only", opts->due_only,
                "Re-check only the known URLs whose re-visit time has come (schedules use this)");
  sub->add_flag("-q,--quiet", opts->quiet, "No progress line and no summary");
  sub->add_option("--log-json", opts->log_json, "Append one JSON line per fetch to this file");
  sub->add_flag("--dry-run", opts->dry_run, "Check the options, print them as JSON, fetch nothing");
  sub->add_option("--max-duration", opts->max_duration,
                  "Stop starting requests after this long (0: no limit)")->default_val("0");
  sub->add_option("--cluster", opts->cluster,
                  "Run as one node of the cluster in this PostgreSQL database (docs/cluster.md)");
  sub->add_option("--node", opts->node, "This node's name in the cluster (unique; reuse it to restart)");
  sub->add_option("--lease", opts->lease,
                  "How long a node's hold on its hosts lasts unrenewed (cluster)")->default_val("30s");
  SetExamples(sub, {
      {"newsarc crawl --seeds seeds/news-en.txt --archive news.db",
       "polite defaults: 1 s per host, robots.txt"},
      {"newsarc crawl https://example.com/ --archive news.db --max-pages 500 --scope domain", ""},
      {"newsarc crawl --resume --archive news.db", "after Ctrl-C or a crash: carry on"},
      {"newsarc crawl --seeds seeds/news-en.txt --archive news.db",
       "again later: re-check known pages"},
  });
  sub->callback([opts] { SetExitCode(Run(*opts)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
