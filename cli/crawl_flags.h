// The crawl options as command-line flags, shared by `newsarc crawl` and
// `newsarc schedule add`.
#ifndef NEWSARC_CLI_CRAWL_FLAGS_H_
#define NEWSARC_CLI_CRAWL_FLAGS_H_

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "crawler/crawler.h"

namespace newsarc::cli {

// Flag values as typed; ToCrawlOptions() checks and converts them.
struct CrawlFlags {
  std::vector<std::string> urls;
  std::vector<std::string> seed_files;
  std::string scope = "host";
  std::vector<std::string> include, exclude;
  std::vector<std::string> content_types;
  int max_depth = 20;
  int64_t max_pages = 0;
  int64_t max_pages_per_host = 0;
  int max_tries = 3;
  int max_redirects = 10;
  bool no_sitemaps = false;
  bool no_feeds = false;
  bool page_requisites = false;
  bool no_extract = false;
  bool ignore_robots = false;
  std::string delay = "1s";
  bool ignore_crawl_delay = false;
  std::string max_crawl_delay = "60s";
  int connections_per_host = 1;
  size_t concurrency = 64;
  std::string timeout = "120s";
  std::string connect_timeout = "15s";
  std::string low_speed_time = "30s";
  size_t max_body = 10u << 20;
  std::string user_agent;
  std::string proxy;
  std::vector<std::string> resolve;
  bool allow_private = false;
  bool http11 = false;
  std::string revisit_min = "1h";
  std::string revisit_max = "7d";
  std::string revisit_initial = "6h";
};

// Adds the flags to `app`, writing into `flags` (which must outlive it).
void AddCrawlFlags(CLI::App* app, CrawlFlags* flags);

// Seeds from URLs and seed files, and every option. Errors name the flag.
Result<crawler::CrawlOptions> ToCrawlOptions(const CrawlFlags& flags);

// "500ms", "1.5s", "2", "10m", "6h", "7d" (a bare number is seconds).
Result<Micros> ParseDuration(std::string_view text, std::string_view flag);

}  // namespace newsarc::cli

#endif  // NEWSARC_CLI_CRAWL_FLAGS_H_
