// newsarc robots FILE USER_AGENT URL...: says whether each URL may be fetched
// under a robots.txt file, like Google's robots_main. A debugging aid.
//
// Prints one line per URL, "allowed URL" or "disallowed URL", and exits 0.
// Each URL is normalised exactly as the crawler normalises the URLs it
// fetches (non-ASCII percent-encoded, escapes upper-cased) before matching,
// so the answer is the crawler's; a URL the crawler could not fetch is an
// error on stderr (exit 2) and the other URLs are still checked.
// USER_AGENT may be a full User-Agent header ("newsarc/0.1 (+https://...)");
// its product token (up to the first '/' or space) is matched. The crawl
// delay and the sitemaps the file declares are printed to stderr.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "crawler/crawler.h"

namespace newsarc::cli {
namespace {

struct Options {
  std::string file;
  std::string user_agent;
  std::vector<std::string> urls;
};

int Run(const Options& o) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in) {
    return ReportError(Status::NotFound("robots file \"" + o.file + "\"",
                                        std::strerror(errno)));
  }
  // Only the parse limit matters; read a little past it so the policy can
  // tell that the file was cut.
  std::string body(crawler::kRobotsParseLimit + 1, '\0');
  in.read(body.data(), static_cast<std::streamsize>(body.size()));
  body.resize(static_cast<size_t>(in.gcount()));
  if (in.bad()) {
    return ReportError(Status::Io("robots file \"" + o.file + "\"", "read error"));
  }
  const std::string token = crawler::RobotsProductToken(o.user_agent);
  if (!crawler::IsValidRobotsToken(token)) {
    std::fprintf(stderr,
                 "newsarc: robots: warning: product token \"%s\" is not [A-Za-z_-]+; "
                 "no group can name it\n",
                 token.c_str());
  }
  auto policy = crawler::RobotsPolicy::Parse(body);
  if (policy.truncated()) {
    std::fprintf(stderr, "newsarc: robots: %s is larger than %zu bytes; the rest is ignored\n",
                 o.file.c_str(), crawler::kRobotsParseLimit);
  }
  if (auto delay = policy.CrawlDelay(token)) {
    std::fprintf(stderr, "crawl-delay %g\n", *delay);
  }
  for (const std::string& s : policy.Sitemaps()) std::fprintf(stderr, "sitemap %s\n", s.c_str());
  int exit_code = kExitOk;
  for (const std::string& url : o.urls) {
    // Matched in the form the crawler matches (RobotsCrawlUrl): a path is
    // taken on a placeholder host, since only the path and query matter.
    const bool path_only = !url.empty() && url[0] == '/' && url.rfind("//", 0) != 0;
    auto match = crawler::RobotsCrawlUrl(path_only ? "http://robots.invalid" + url : url);
    if (!match.ok()) {
      std::fprintf(stderr, "newsarc: robots: URL \"%s\": %s\n", url.c_str(),
                   match.status().message().c_str());
      exit_code = kExitUsage;
      continue;
    }
    std::printf("%s %s\n", policy.Allowed(token, *match) ? "allowed" : "disallowed",
                url.c_str());
  }
  return exit_code;
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  CLI::App* sub = root.add_subcommand(
      "robots", "Check URLs against a robots.txt file (RFC 9309): prints allowed/disallowed");
  sub->add_option("file", opts->file, "robots.txt file")->required();
  sub->add_option("user_agent", opts->user_agent,
                  "User agent or product token, e.g. newsarc or \"newsarc/0.1 (+url)\"")
      ->required();
  sub->add_option("urls", opts->urls, "URLs (or paths) to check")->required();
  SetExamples(sub, {
      {"newsarc robots robots.txt \"newsarc\" https://example.com/path", "allowed / disallowed"},
  });
  sub->callback([opts] { SetExitCode(Run(*opts)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
