#include <utility>

#include "crawler/crawl_config.h"
#include "crawler/crawl_session.h"
#include "crawler/crawler.h"
#include "crawler/url_normalize.h"

namespace newsarc::crawler {

namespace {

Result<std::vector<Url>> SeedUrls(const CrawlOptions& options) {
  std::vector<Url> out;
  for (const std::string& seed : options.seeds) {
    Result<Url> url = NormalizeUrl(seed);
    if (!url.ok()) return url.status().WithContext("seed '" + seed + "'");
    if (url->scheme() != "http" && url->scheme() != "https") {
      return Status::InvalidArgument("seed '" + seed + "'", "only http and https are crawled");
    }
    out.push_back(std::move(url).value());
  }
  return out;
}

}  // namespace

Status CheckCrawlOptions(const CrawlOptions& o) {
  if (o.archive.empty()) return Status::InvalidArgument("--archive", "is required");
  if (o.seeds.empty() && !o.resume) {
    return Status::InvalidArgument("crawl", "no seed URLs (give URLs, or --seeds FILE)");
  }
  Result<std::vector<Url>> seeds = SeedUrls(o);
  if (!seeds.ok()) return seeds.status();
  Result<ScopeRules> scope = ScopeRules::Make(o.scope, *seeds, o.include, o.exclude);
  if (!scope.ok()) return scope.status();
  if (o.max_depth < 0) return Status::InvalidArgument("--max-depth", "must be 0 or more");
  if (o.max_pages < 0 || o.max_pages_per_host < 0) {
    return Status::InvalidArgument("--max-pages", "must be 0 (no limit) or more");
  }
  if (o.max_redirects < 0 || o.max_redirects > 50) {
    return Status::InvalidArgument("--max-redirects", "must be between 0 and 50");
  }
  if (o.max_tries < 1 || o.max_tries > 100) {
    return Status::InvalidArgument("--max-tries", "must be between 1 and 100");
  }
  if (o.politeness.delay < 0) return Status::InvalidArgument("--delay", "must not be negative");
  if (o.politeness.max_connections_per_host < 1) {
    return Status::InvalidArgument("--connections-per-host", "must be at least 1");
  }
  if (o.fetcher.max_concurrency < 1 || o.fetcher.max_concurrency > 10000) {
    return Status::InvalidArgument("--concurrency", "must be between 1 and 10000");
  }
  if (o.revisit_min <= 0 || o.revisit_min > o.revisit_max ||
      o.revisit_initial < o.revisit_min || o.revisit_initial > o.revisit_max) {
    return Status::InvalidArgument("revisit intervals", "need 0 < min <= initial <= max");
  }
  return Status();
}

Status Crawl(const CrawlOptions& given, CrawlStats* stats) {
  CrawlOptions options = given;
  storage::ArchiveOptions archive_options;
  archive_options.holder = "crawl";
  archive_options.create = !options.resume;
  Result<std::unique_ptr<storage::Archive>> archive =
      storage::Archive::Open(options.archive, archive_options);
  if (!archive.ok()) return archive.status();

  if (options.resume) {
    // Continue with exactly the interrupted run's options; only what is
    // about this invocation (terminal, log) comes from the command line.
    Result<std::optional<std::string>> saved = (*archive)->frontier().GetSetting("crawl.options");
    if (!saved.ok()) return saved.status();
    if (!saved->has_value()) {
      return Status::InvalidArgument("--resume " + options.archive,
                                     "this archive has no crawl to resume");
    }
    Result<CrawlOptions> restored =
        CrawlOptionsFromJson(**saved, "crawl options saved in " + options.archive);
    if (!restored.ok()) return restored.status();
    CrawlOptions r = std::move(restored).value();
    r.archive = options.archive;
    r.resume = true;
    r.progress = options.progress;
    r.log_json = options.log_json;
    r.max_duration = options.max_duration;
    options = std::move(r);
  }
  NEWSARC_RETURN_IF_ERROR(CheckCrawlOptions(options));
  options.politeness.arrival_margin = 20000;  // see PolitenessOptions
  Result<std::vector<Url>> seeds = SeedUrls(options);
  if (!seeds.ok()) return seeds.status();
  Result<ScopeRules> scope = ScopeRules::Make(options.scope, *seeds, options.include, options.exclude);
  if (!scope.ok()) return scope.status();
  Result<std::unique_ptr<Fetcher>> fetcher = Fetcher::Create(options.fetcher);
  if (!fetcher.ok()) return fetcher.status();

  CrawlSession session(std::move(options), std::move(scope).value(), std::move(archive).value(),
                       std::move(fetcher).value());
  return session.Run(stats);
}

}  // namespace newsarc::crawler
