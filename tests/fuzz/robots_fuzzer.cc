// Fuzzes the robots.txt parser and matcher. Input: a URL or path on the
// first line, the robots.txt body after it.
#include <cstddef>
#include <cstdint>

#include "crawler/robots.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace cr = newsarc::crawler;
  auto [url, body] = newsarc::fuzz::SplitFirstLine(newsarc::fuzz::AsView(data, size));

  cr::RobotsPolicy policy = cr::RobotsPolicy::Parse(body);
  // Matching is where wildcard patterns could blow up: run it on both the
  // fuzzed URL and the fuzzed body read as a path.
  (void)policy.Allowed("FooBot", url);
  (void)policy.AllowedPath("foobot", body.substr(0, 256));
  (void)policy.CrawlDelay("FooBot");
  (void)policy.Sitemaps();

  (void)cr::ReportRobotsLines(body);
  (void)cr::RobotsProductToken(url);
  (void)cr::IsValidRobotsToken(url);
  (void)cr::EscapeRobotsPattern(url);
  std::string path = cr::RobotsMatchPath(url);
  NEWSARC_FUZZ_CHECK(!path.empty() && path[0] == '/');
  return 0;
}
