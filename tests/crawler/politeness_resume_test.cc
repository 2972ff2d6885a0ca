// Issue 13: politeness holds across a crash. A crawl with --delay 0.5 is
// killed with SIGKILL (at chosen moments through base/crash_point.h, and by
// `kill -9` from outside at an arbitrary one) and resumed at once; in the
// server's log, no two requests to one host, the killed run's last and the
// resumed run's first included, start closer than the delay. A host's
// robots.txt Crawl-delay and a 429's Retry-After bind the resumed run too.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "nginx_site.h"
#include "test_util.h"

namespace newsarc::testing {
namespace {

namespace fs = std::filesystem;

constexpr double kDelay = 0.5;       // --delay
constexpr double kCrawlDelayC = 1.2;  // c.test's robots.txt Crawl-delay
constexpr int kArticles = 4;          // per host
const std::vector<std::string> kHosts = {"a.test", "b.test", "c.test"};

void MakeSite(const std::string& root) {
  for (const std::string& host : kHosts) {
    const std::string dir = root + "/" + host;
    fs::create_directories(dir + "/news");
    WriteFile(dir + "/robots.txt", host == "c.test" ? "User-agent: *\nCrawl-delay: 1.2\n"
                                                    : "User-agent: *\nAllow: /\n");
    std::string links;
    for (int i = 0; i < kArticles; ++i) {
      const std::string path = "/news/" + std::to_string(i) + ".html";
      links += "<li><a href=" + path + ">Story " + std::to_string(i) + "</a>";
      WriteFile(dir + path, "<!doctype html><html><head><title>Story " + std::to_string(i) +
                                "</title></head><body><article><h1>Story " + std::to_string(i) +
                                "</h1><p>The harbour board met on " + host +
                                " and agreed the new ferry timetable.</p></article></body></html>\n");
    }
    WriteFile(dir + "/index.html", "<!doctype html><html><head><title>" + host +
                                       "</title></head><body><ul>" + links + "</ul></body></html>\n");
  }
}

class PolitenessResumeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MakeSite(tmp_.File("site"));
    fs::create_directories(tmp_.File("nginx"));
    std::vector<VirtualHost> hosts;
    for (const std::string& h : kHosts) hosts.push_back({h, ""});
    site_ = std::make_unique<NginxSite>(tmp_.File("nginx"), tmp_.File("site"), hosts);
    ASSERT_EQ(site_->error(), "");
  }

  std::string CrawlCommand(const std::string& archive) const {
    std::string seeds;
    for (const std::string& h : kHosts) seeds += " http://" + h + "/";
    return std::string(NEWSARC_BINARY) + " crawl" + seeds + " --archive " + ShellQuote(archive) +
           " --proxy " + site_->proxy() + " --allow-private --delay 0.5s --quiet";
  }

  // Every pair of consecutive requests to one host in the log, as
  // "host path -> path: gap" for the ones closer than the host's delay.
  std::vector<std::string> ShortGaps(size_t* pairs) const {
    std::map<std::string, std::vector<AccessLogEntry>> by_host;
    for (const AccessLogEntry& e : site_->AccessLog()) by_host[e.host].push_back(e);
    std::vector<std::string> out;
    *pairs = 0;
    for (auto& [host, entries] : by_host) {
      std::sort(entries.begin(), entries.end(),
                [](const AccessLogEntry& x, const AccessLogEntry& y) { return x.start < y.start; });
      const double delay = host == "c.test" ? kCrawlDelayC : kDelay;
      for (size_t i = 1; i < entries.size(); ++i) {
        ++*pairs;
        const double gap = entries[i].start - entries[i - 1].start;
        // nginx logs milliseconds: 2 ms of rounding over two stamps.
        if (gap < delay - 0.002) {
          out.push_back(host + " " + entries[i - 1].path + " -> " + entries[i].path + ": " +
                        std::to_string(gap) + " s");
        }
      }
    }
    return out;
  }

  // Resumes until the crawl finishes and checks the log across the kill.
  void ResumeAndCheck(const std::string& archive, int requests_before_kill) {
    CommandResult resumed =
        RunNewsarc("crawl --resume --quiet --archive " + ShellQuote(archive));
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err << resumed.out;
    // The kill fell inside the crawl: requests on both sides of it.
    const size_t all = site_->AccessLog().size();
    EXPECT_GT(requests_before_kill, 0);
    EXPECT_GT(static_cast<int>(all), requests_before_kill) << resumed.err;
    size_t pairs = 0;
    std::vector<std::string> short_gaps = ShortGaps(&pairs);
    EXPECT_TRUE(short_gaps.empty()) << short_gaps.size() << " gaps under the delay, first: "
                                    << short_gaps.front();
    EXPECT_GE(pairs, kHosts.size() * kArticles) << resumed.err;
    // Everything got fetched in the end.
    CommandResult stats = RunNewsarc("stats --archive " + ShellQuote(archive));
    EXPECT_EQ(stats.exit_code, 0) << stats.err;
    CommandResult verify = RunNewsarc("verify --archive " + ShellQuote(archive));
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  }

  TempDir tmp_;
  std::unique_ptr<NginxSite> site_;
};

TEST_F(PolitenessResumeTest, NoGapUnderTheDelayAcrossACrashPoint) {
  // A response just arrived; a response is being archived; a commit just
  // ended (the requests of the next turn are being handed to curl).
  for (const char* where : {"fetch.finished:4", "record.put:5", "commit.after:7"}) {
    SCOPED_TRACE(where);
    const std::string archive = tmp_.File(std::string("crash-") + where + ".db");
    site_->ClearAccessLog();
    CommandResult killed = RunShell(std::string("NEWSARC_TEST_CRASH_AT=") + where +
                                    " NEWSARC_NO_PROGRESS=1 " + CrawlCommand(archive));
    ASSERT_EQ(killed.exit_code, 128 + 9) << "did not reach " << where << ": " << killed.err;
    ResumeAndCheck(archive, static_cast<int>(site_->AccessLog().size()));
  }
}

TEST_F(PolitenessResumeTest, NoGapUnderTheDelayAcrossKillFromOutside) {
  // kill -9 at whatever the crawl is doing 1.3 s in (several requests per
  // host done, one in flight or just sent), then an immediate resume.
  const std::string archive = tmp_.File("killed.db");
  CommandResult killed = RunShell("NEWSARC_NO_PROGRESS=1 " + CrawlCommand(archive) +
                                  " & pid=$!; sleep 1.3; kill -9 $pid; wait $pid");
  ASSERT_EQ(killed.exit_code, 128 + 9) << killed.err;
  ResumeAndCheck(archive, static_cast<int>(site_->AccessLog().size()));
}

TEST_F(PolitenessResumeTest, ARestartedCrawlAlsoWaitsForTheLastRunsRequests) {
  // Not a resume: the same crawl run again right after it finished (a cron
  // job, a user re-running it). Its first requests are the robots.txt and
  // seed re-checks, which must wait for the last run's final requests.
  const std::string archive = tmp_.File("again.db");
  site_->ClearAccessLog();
  CommandResult first = RunShell("NEWSARC_NO_PROGRESS=1 " + CrawlCommand(archive));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const size_t before = site_->AccessLog().size();
  CommandResult again = RunShell("NEWSARC_NO_PROGRESS=1 " + CrawlCommand(archive));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_GT(site_->AccessLog().size(), before);
  size_t pairs = 0;
  std::vector<std::string> short_gaps = ShortGaps(&pairs);
  EXPECT_TRUE(short_gaps.empty()) << short_gaps.size() << " gaps under the delay, first: "
                                  << short_gaps.front();
}

}  // namespace
}  // namespace newsarc::testing
