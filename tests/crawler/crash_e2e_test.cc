// Crash safety: a crawl of a local nginx news web is killed with SIGKILL at
// 26 different moments (base/crash_point.h: after start, after a request is
// handed to curl, when a response arrives, between a response record and its
// request record, after the frontier update, before and after COMMIT, and
// between the WAL frames of a commit or a checkpoint through a VFS shim),
// then resumed. After each: `verify` passes, every record committed before
// the kill is still there, the archive holds the same pages as an
// uninterrupted crawl, and no page was fetched again beyond the requests that
// were in flight.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "nginx_site.h"
#include "storage/storage.h"
#include "test_util.h"

namespace newsarc::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kHosts = 3;
constexpr int kArticles = 30;  // per host

std::string Host(int h) { return "h" + std::to_string(h) + ".test"; }

void MakeSite(const std::string& root) {
  for (int h = 0; h < kHosts; ++h) {
    std::string dir = root + "/" + Host(h);
    fs::create_directories(dir + "/news");
    WriteFile(dir + "/robots.txt", "User-agent: *\nDisallow: /private/\n");
    std::string links;
    for (int i = 0; i < kArticles; ++i) {
      std::string path = "/news/" + std::to_string(i) + ".html";
      links += "<li><a href=" + path + ">Story " + std::to_string(i) + "</a>";
      std::string body;
      for (int p = 0; p < 6; ++p) {
        body += "<p>Paragraph " + std::to_string(p) + " of story " + std::to_string(i) + " on " +
                Host(h) + ": the county council approved the new bus routes after residents "
                "of the northern villages asked for a service on Sundays.</p>";
      }
      WriteFile(dir + path, "<!doctype html><html><head><meta charset=utf-8><title>Story " +
                                std::to_string(i) + "</title></head><body><article><h1>Story " +
                                std::to_string(i) + "</h1>" + body +
                                "</article><a href=/private/x.html>x</a></body></html>\n");
    }
    WriteFile(dir + "/index.html", "<!doctype html><html><head><title>" + Host(h) +
                                       "</title></head><body><ul>" + links + "</ul></body></html>\n");
  }
}

struct Snapshot {
  std::set<std::string> ids;                      // every record's WARC-Record-ID
  std::map<std::string, int> responses_200;       // URL -> 200 responses
  std::set<std::string> urls_200;
};

Snapshot Read(const std::string& path) {
  Snapshot s;
  auto archive = storage::Archive::Open(path, {.read_only = true});
  if (!archive.ok()) return s;  // killed before the file was made
  Status st = (*archive)->ForEach([&](const storage::WarcRecord& r) {
    s.ids.insert(std::string(r.id()));
    if (r.type() == "response" && r.block.compare(9, 3, "200") == 0) {
      ++s.responses_200[std::string(r.target_uri())];
      s.urls_200.insert(std::string(r.target_uri()));
    }
    return true;
  });
  EXPECT_TRUE(st.ok()) << path << ": " << st.message();
  return s;
}

class CrashE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MakeSite(tmp_.File("site"));
    fs::create_directories(tmp_.File("nginx"));
    std::vector<VirtualHost> hosts;
    for (int h = 0; h < kHosts; ++h) hosts.push_back({Host(h), ""});
    site_ = std::make_unique<NginxSite>(tmp_.File("nginx"), tmp_.File("site"), hosts);
    ASSERT_EQ(site_->error(), "");
  }

  std::string CrawlArgs(const std::string& archive) const {
    std::string seeds;
    for (int h = 0; h < kHosts; ++h) seeds += " http://" + Host(h) + "/";
    return "crawl" + seeds + " --archive " + ShellQuote(archive) + " --proxy " + site_->proxy() +
           " --allow-private --delay 0 --ignore-crawl-delay --quiet";
  }

  TempDir tmp_;
  std::unique_ptr<NginxSite> site_;
};

struct Moment {
  const char* point;
  int pass;
};

TEST_F(CrashE2eTest, SigkillAtTwentySixMomentsThenResumeLosesNothing) {
  std::string reference = tmp_.File("reference.db");
  CommandResult full = RunNewsarc(CrawlArgs(reference));
  ASSERT_EQ(full.exit_code, 0) << full.err;
  const std::set<std::string> want = Read(reference).urls_200;
  ASSERT_EQ(want.size(), static_cast<size_t>(kHosts * (kArticles + 2)));  // + index, robots.txt

  const Moment moments[] = {
      {"crawl.started", 1},  {"fetch.submitted", 1}, {"fetch.submitted", 12},
      {"fetch.submitted", 40}, {"fetch.finished", 1}, {"fetch.finished", 20},
      {"fetch.finished", 45}, {"record.put", 1},      {"record.put", 10},
      {"record.put", 35},    {"frontier.done", 2},   {"frontier.done", 25},
      {"commit.before", 2},  {"commit.before", 8},   {"commit.before", 16},
      {"commit.after", 3},   {"commit.after", 10},   {"commit.after", 14},
      {"sqlite.write", 1},   {"sqlite.write", 10},   {"sqlite.write", 60},
      {"sqlite.write", 150}, {"sqlite.write", 300},  {"sqlite.sync", 1},
      {"sqlite.sync", 2},    {"sqlite.sync", 4},
  };
  ASSERT_GE(std::size(moments), 20u);
  int n = 0;
  int max_repeats = 0;
  for (const Moment& m : moments) {
    std::string where = std::string(m.point) + ":" + std::to_string(m.pass);
    SCOPED_TRACE(where);
    std::string archive = tmp_.File("crash" + std::to_string(n++) + ".db");
    site_->ClearAccessLog();

    CommandResult killed = RunShell("NEWSARC_TEST_CRASH_AT=" + where + " NEWSARC_NO_PROGRESS=1 " +
                                    std::string(NEWSARC_BINARY) + " " + CrawlArgs(archive));
    ASSERT_EQ(killed.exit_code, 128 + 9) << "the crawl did not reach " << where << ": "
                                         << killed.err;
    Snapshot before = Read(archive);
    std::set<std::string> requested_before;
    for (const AccessLogEntry& e : site_->AccessLog()) {
      if (e.path != "/robots.txt") requested_before.insert("http://" + e.host + e.path);
    }
    site_->ClearAccessLog();

    CommandResult resumed = RunNewsarc("crawl --resume --quiet --archive " + ShellQuote(archive));
    if (before.ids.empty() && resumed.exit_code == 2 &&
        resumed.err.find("no crawl to resume") != std::string::npos) {
      // Killed while the archive was being created: nothing was committed,
      // so there is nothing to resume, and the half-made file must not stop
      // the crawl from simply being started again.
      resumed = RunNewsarc(CrawlArgs(archive));
    }
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err << resumed.out;
    CommandResult verify = RunNewsarc("verify --archive " + ShellQuote(archive));
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;

    Snapshot after = Read(archive);
    // Nothing committed before the kill was lost.
    for (const std::string& id : before.ids) {
      EXPECT_TRUE(after.ids.count(id)) << id << " was committed before the kill and is gone";
    }
    // The same pages as the uninterrupted crawl, each archived once unless
    // it was in flight at the kill.
    EXPECT_EQ(after.urls_200, want);
    // No finished URL was fetched again: what --resume requested had not
    // been committed before the kill. The repeats are the kill's requests in
    // flight: requested, but their result not committed. The crawler keeps
    // that window bounded (one transfer per host, at most 8 fetched pages
    // per worker thread waiting for extraction, one batch being committed).
    int repeats = 0;
    for (const AccessLogEntry& e : site_->AccessLog()) {
      std::string url = "http://" + e.host + e.path;
      if (e.path == "/robots.txt") continue;
      EXPECT_EQ(before.responses_200.count(url), 0u) << url << " was finished, and fetched again";
      repeats += static_cast<int>(requested_before.count(url));
    }
    for (const auto& [url, count] : after.responses_200) {
      // robots.txt is read again by every run, as RFC 9309 caching allows.
      if (url.find("/robots.txt") != std::string::npos) continue;
      EXPECT_LE(count, 2) << url;
      if (count == 2) {
        EXPECT_TRUE(requested_before.count(url)) << url;
      }
    }
    max_repeats = std::max(max_repeats, repeats);
    EXPECT_LE(repeats, kHosts * 2 + 8 * static_cast<int>(std::thread::hardware_concurrency()));
  }
  std::printf("crash points: %zu; most requests repeated after one kill: %d\n",
              std::size(moments), max_repeats);
}

}  // namespace
}  // namespace newsarc::testing
