#include "cli/crawl_flags.h"

#include <cmath>
#include <cstdlib>

#include "crawler/crawler.h"

namespace newsarc::cli {

Result<Micros> ParseDuration(std::string_view text, std::string_view flag) {
  std::string s(text);
  auto bad = [&] {
    return Status::InvalidArgument(std::string(flag) + " '" + s + "'",
                                   "not a duration (e.g. 500ms, 1.5s, 10m, 6h, 7d)");
  };
  if (s.empty()) return bad();
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !std::isfinite(v) || v < 0) return bad();
  std::string unit(end);
  double scale;
  if (unit.empty() || unit == "s") scale = 1e6;
  else if (unit == "ms") scale = 1e3;
  else if (unit == "m" || unit == "min") scale = 60e6;
  else if (unit == "h") scale = 3600e6;
  else if (unit == "d") scale = 86400e6;
  else return bad();
  double us = v * scale;
  if (us > 1e17) return bad();
  return static_cast<Micros>(us);
}

void AddCrawlFlags(CLI::App* app, CrawlFlags* f) {
  app->add_option("urls", f->urls, "Seed URLs");
  app->add_option("--seeds", f->seed_files, "Seed file(s): one URL a line, # comments")
      ->check(CLI::ExistingFile);
  app->add_option("--scope", f->scope, "host (the seeds' hosts), domain (and subdomains) or any")
      ->default_val("host");
  app->add_option("--include", f->include, "Only URLs matching this regex (repeatable)");
  app->add_option("--exclude", f->exclude, "No URL matching this regex (repeatable)");
  app->add_option("--content-type", f->content_types,
                  "Only pages of this media type, e.g. text/html or image/* (repeatable; "
                  "default: any)");
  app->add_option("--max-depth", f->max_depth, "Links followed from a seed")->default_val(20);
  app->add_option("--max-pages", f->max_pages, "Pages fetched in this run (0: no limit)")
      ->default_val(0);
  app->add_option("--max-pages-per-host", f->max_pages_per_host, "Pages per host (0: no limit)")
      ->default_val(0);
  app->add_option("--max-tries", f->max_tries, "Attempts per URL before giving up")
      ->default_val(3);
  app->add_option("--max-redirects", f->max_redirects, "Redirect hops per chain")
      ->default_val(10);
  app->add_flag("--no-sitemaps", f->no_sitemaps, "Do not read robots.txt Sitemap: lines or /sitemap.xml");
  app->add_flag("--no-feeds", f->no_feeds, "Do not follow RSS/Atom feeds");
  app->add_flag("--page-requisites", f->page_requisites,
                "Also archive what each captured page needs for replay: stylesheets with the "
                "fonts and images they name (@import, url()), images (src and every srcset "
                "candidate), icons, scripts. On any host (CDNs) but never crawled "
                "further; robots.txt, politeness and --exclude apply, --include, "
                "--content-type, --max-depth and the page limits do not");
  app->add_flag("--no-extract", f->no_extract, "Archive only; do not extract articles");
  app->add_flag("--ignore-robots", f->ignore_robots, "Ignore robots.txt (only for your own sites)");
  app->add_option("--delay", f->delay, "Delay between request starts to one host")
      ->default_val("1s");
  app->add_flag("--ignore-crawl-delay", f->ignore_crawl_delay,
                "Ignore robots.txt Crawl-delay (with --delay 0: politeness off, for benchmarks "
                "against your own servers)");
  app->add_option("--max-crawl-delay", f->max_crawl_delay, "Cap on robots.txt Crawl-delay")
      ->default_val("60s");
  app->add_option("--connections-per-host", f->connections_per_host,
                  "Requests in flight per host")->default_val(1);
  app->add_option("--concurrency", f->concurrency, "Requests in flight in total")
      ->default_val(64);
  app->add_option("--timeout", f->timeout, "Total time per request")->default_val("120s");
  app->add_option("--connect-timeout", f->connect_timeout, "Connect time per request")
      ->default_val("15s");
  app->add_option("--low-speed-time", f->low_speed_time,
                  "Abandon a transfer slower than 256 bytes/s for this long")
      ->default_val("30s");
  app->add_option("--max-body", f->max_body,
                  "Body size cap in bytes (larger bodies are kept truncated)")
      ->default_val(10u << 20);
  app->add_option("--user-agent", f->user_agent, "User-Agent (keep a contact URL in it)");
  app->add_option("--proxy", f->proxy, "Send every request through this HTTP proxy");
  app->add_option("--resolve", f->resolve, "HOST:PORT:ADDR, as curl --resolve (repeatable)");
  app->add_flag("--allow-private", f->allow_private,
                "Allow loopback and private addresses (local test servers)");
  app->add_flag("--http1.1", f->http11, "Speak HTTP/1.1 only");
  app->add_option("--revisit-min", f->revisit_min, "Shortest re-visit interval of an article")
      ->default_val("1h");
  app->add_option("--revisit-max", f->revisit_max,
                  "Longest re-visit interval of an article (and that of page requisites)")
      ->default_val("7d");
  app->add_option("--revisit-initial", f->revisit_initial,
                  "First re-visit interval of a new article")->default_val("6h");
}

Result<crawler::CrawlOptions> ToCrawlOptions(const CrawlFlags& f) {
  crawler::CrawlOptions o;
  for (const std::string& u : f.urls) o.seeds.push_back(u);
  for (const std::string& file : f.seed_files) {
    Result<std::vector<crawler::Seed>> seeds = crawler::LoadSeedFile(file);
    if (!seeds.ok()) return seeds.status();
    for (const crawler::Seed& s : *seeds) o.seeds.push_back(s.url);
  }
  Result<crawler::Scope> scope = crawler::ParseScope(f.scope);
  if (!scope.ok()) return scope.status();
  o.scope = *scope;
  o.include = f.include;
  o.exclude = f.exclude;
  for (const std::string& type : f.content_types) {
    Result<std::string> t = crawler::CheckMediaRange(type);
    if (!t.ok()) return t.status();
    o.content_types.push_back(*t);
  }
  o.max_depth = f.max_depth;
  o.max_pages = f.max_pages;
  o.max_pages_per_host = f.max_pages_per_host;
  o.max_tries = f.max_tries;
  o.max_redirects = f.max_redirects;
  o.sitemaps = !f.no_sitemaps;
  o.feeds = !f.no_feeds;
  o.page_requisites = f.page_requisites;
  o.extract = !f.no_extract;
  o.ignore_robots = f.ignore_robots;

  struct {
    const std::string& text;
    const char* flag;
    Micros* out;
  } durations[] = {
      {f.delay, "--delay", &o.politeness.delay},
      {f.max_crawl_delay, "--max-crawl-delay", &o.politeness.max_crawl_delay},
      {f.timeout, "--timeout", &o.fetcher.total_timeout},
      {f.connect_timeout, "--connect-timeout", &o.fetcher.connect_timeout},
      {f.low_speed_time, "--low-speed-time", &o.fetcher.low_speed_time},
      {f.revisit_min, "--revisit-min", &o.revisit_min},
      {f.revisit_max, "--revisit-max", &o.revisit_max},
      {f.revisit_initial, "--revisit-initial", &o.revisit_initial},
  };
  for (auto& d : durations) {
    Result<Micros> v = ParseDuration(d.text, d.flag);
    if (!v.ok()) return v.status();
    *d.out = *v;
  }
  o.politeness.honor_crawl_delay = !f.ignore_crawl_delay;
  o.politeness.max_connections_per_host = f.connections_per_host;
  o.fetcher.max_concurrency = f.concurrency;
  o.fetcher.max_body_bytes = f.max_body;
  if (!f.user_agent.empty()) o.fetcher.user_agent = f.user_agent;
  o.fetcher.proxy = f.proxy;
  o.fetcher.resolve = f.resolve;
  o.fetcher.allow_private = f.allow_private;
  if (f.http11) o.fetcher.http_version = crawler::HttpVersionPolicy::kHttp11;
  return o;
}

}  // namespace newsarc::cli
