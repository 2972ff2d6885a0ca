// End to end: `newsarc crawl` against nginx (Debian package) serving a small
// news web of several virtual hosts on 127.0.0.1, reached through the server
// as an HTTP proxy. Checked from the archive and from nginx's access log:
// coverage, robots.txt, per-host delay between request starts, Retry-After,
// a rate-limited host, redirects, 404s, a redirect loop, kill -9 + --resume,
// and a re-crawl that turns unchanged pages into revisits.
#include <signal.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
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

constexpr int kRateLimitedArticles = 12;
constexpr int kRetryAfterArticles = 4;
constexpr double kDelay = 0.2;        // --delay
constexpr double kCrawlDelayA = 0.3;  // a.test robots.txt Crawl-delay
constexpr double kRetryAfter = 2.0;   // c.test's 503 Retry-After

std::string Page(const std::string& title, const std::string& body) {
  return "<!doctype html><html><head><meta charset=utf-8><title>" + title +
         "</title></head><body><header><nav><a href=/>Home</a></nav></header><article><h1>" +
         title + "</h1>" + body + "</article><footer>Copyright Demo</footer></body></html>\n";
}

std::string Story(int n, const std::string& host, const std::string& extra = "") {
  std::string body;
  for (int p = 0; p < 4; ++p) {
    body += "<p>Paragraph " + std::to_string(p) + " of story " + std::to_string(n) + " on " +
            host + ": the council met on Tuesday and discussed the harbour, the budget and "
            "the new library hours at length before voting.</p>";
  }
  return Page("Story " + std::to_string(n) + " on " + host, body + extra);
}

void MakeSite(const std::string& root) {
  std::string a = root + "/a.test", b = root + "/b.test", c = root + "/c.test",
              off = root + "/offsite.test";
  for (const auto& d : {a + "/news", a + "/private", b + "/news", c + "/news", off}) {
    fs::create_directories(d);
  }
  WriteFile(a + "/robots.txt",
            "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.3\n"
            "Sitemap: http://a.test/sitemap.xml\n");
  std::string links;
  for (int i = 1; i <= 6; ++i) {
    links += "<li><a href=/news/" + std::to_string(i) + ".html?utm_source=home>Story " +
             std::to_string(i) + "</a>";
  }
  WriteFile(a + "/index.html",
            "<!doctype html><html><head><title>A News</title>"
            "<link rel=alternate type=application/rss+xml href=/feed.rss></head><body><ul>" +
                links +
                "</ul><a href=/private/secret.html>secret</a> <a href=/old>moved</a> "
                "<a href=/loop1>loop</a> <a href=/missing.html>gone</a> "
                "<a href=http://b.test/>B</a> <a href=http://offsite.test/x.html>elsewhere</a>"
                "</body></html>\n");
  for (int i = 1; i <= 9; ++i) {
    WriteFile(a + "/news/" + std::to_string(i) + ".html",
              Story(i, "a.test", i == 1 ? "<a href=/news/2.html#top>next</a>" : ""));
  }
  WriteFile(a + "/private/secret.html", Page("Secret", "<p>never fetch me</p>"));
  WriteFile(a + "/sitemap.xml",
            "<?xml version=\"1.0\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
            "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">"
            "<url><loc>http://a.test/news/7.html</loc><news:news><news:publication>"
            "<news:name>A</news:name><news:language>en</news:language></news:publication>"
            "<news:publication_date>2026-11-20T10:00:00Z</news:publication_date>"
            "<news:title>Seven</news:title></news:news></url>"
            "<url><loc>http://a.test/news/8.html</loc><lastmod>2026-11-21</lastmod></url>"
            "</urlset>\n");
  WriteFile(a + "/feed.rss",
            "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>A</title>"
            "<link>http://a.test/</link><item><title>Nine</title>"
            "<link>http://a.test/news/9.html</link>"
            "<pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate></item></channel></rss>\n");
  WriteFile(off + "/x.html", Page("Offsite", "<p>out of scope</p>"));

  WriteFile(b + "/robots.txt", "User-agent: *\nAllow: /\n");
  links.clear();
  for (int i = 1; i <= kRateLimitedArticles; ++i) {
    links += "<a href=/news/" + std::to_string(i) + ".html>" + std::to_string(i) + "</a> ";
    WriteFile(b + "/news/" + std::to_string(i) + ".html", Story(i, "b.test"));
  }
  WriteFile(b + "/index.html", Page("B News", links));

  links.clear();
  for (int i = 1; i <= kRetryAfterArticles; ++i) {
    links += "<a href=/news/" + std::to_string(i) + ".html>" + std::to_string(i) + "</a> ";
    WriteFile(c + "/news/" + std::to_string(i) + ".html", Story(i, "c.test"));
  }
  WriteFile(c + "/index.html", Page("C News", links));
}

std::vector<VirtualHost> Hosts() {
  return {
      {"a.test",
       "    location = /old { return 301 http://a.test/news/1.html; }\n"
       "    location = /loop1 { return 301 http://a.test/loop2; }\n"
       "    location = /loop2 { return 301 http://a.test/loop1; }\n"},
      // Rate-limited like a busy newsroom: 2 requests/s, a burst of 2.
      {"b.test", "    limit_req zone=rl burst=2 nodelay;\n    limit_req_status 429;\n"},
      // Overloaded: 1 request/s, anything faster gets 503 with Retry-After.
      {"c.test",
       "    limit_req zone=slow;\n    limit_req_status 503;\n"
       "    add_header Retry-After 2 always;\n"},
      {"offsite.test", ""},
  };
}

const char* kHttpExtra =
    "  limit_req_zone $server_name zone=rl:1m rate=2r/s;\n"
    "  limit_req_zone $server_name zone=slow:1m rate=1r/s;\n";

struct Captures {
  std::map<std::string, std::vector<int>> responses;  // URL -> HTTP statuses in order
  std::map<std::string, int> revisits;                // URL -> revisit records
  std::map<std::string, int> conversions;             // URL -> conversion records
  std::set<std::string> urls_200;
  int warcinfo = 0;
};

Captures ReadArchive(const std::string& path) {
  Captures c;
  auto archive = storage::Archive::Open(path, {.read_only = true});
  EXPECT_TRUE(archive.ok()) << archive.status().message();
  if (!archive.ok()) return c;
  Status st = (*archive)->ForEach([&](const storage::WarcRecord& r) {
    std::string type(r.type());
    std::string uri(r.target_uri());
    if (type == "response") {
      int status = std::stoi(r.block.substr(9, 3));
      c.responses[uri].push_back(status);
      if (status == 200) c.urls_200.insert(uri);
    } else if (type == "revisit") {
      ++c.revisits[uri];
    } else if (type == "conversion") {
      ++c.conversions[uri];
    } else if (type == "warcinfo") {
      ++c.warcinfo;
    }
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.message();
  return c;
}

std::set<std::string> ExpectedPages() {
  std::set<std::string> want = {"http://a.test/", "http://b.test/", "http://c.test/"};
  for (int i = 1; i <= 9; ++i) want.insert("http://a.test/news/" + std::to_string(i) + ".html");
  for (int i = 1; i <= kRateLimitedArticles; ++i) {
    want.insert("http://b.test/news/" + std::to_string(i) + ".html");
  }
  for (int i = 1; i <= kRetryAfterArticles; ++i) {
    want.insert("http://c.test/news/" + std::to_string(i) + ".html");
  }
  return want;
}

std::set<std::string> ArticlePages(const std::set<std::string>& urls) {
  std::set<std::string> out;
  for (const auto& u : urls) {
    if (u.find("/news/") != std::string::npos) out.insert(u);
  }
  return out;
}

class CrawlE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MakeSite(tmp_.File("site"));
    fs::create_directories(tmp_.File("nginx"));
    site_ = std::make_unique<NginxSite>(tmp_.File("nginx"), tmp_.File("site"), Hosts(), kHttpExtra);
    ASSERT_EQ(site_->error(), "");
  }

  std::string CrawlArgs(const std::string& archive) const {
    return "crawl http://a.test/ http://b.test/ http://c.test/ --archive " + ShellQuote(archive) +
           " --proxy " + site_->proxy() + " --allow-private --delay 0.2s --max-tries 5 --quiet";
  }

  std::vector<AccessLogEntry> CrawlerRequests() const {
    std::vector<AccessLogEntry> out;
    for (const auto& e : site_->AccessLog()) {
      if (e.user_agent.find("newsarc/") != std::string::npos) out.push_back(e);
    }
    return out;
  }

  TempDir tmp_;
  std::unique_ptr<NginxSite> site_;
};

TEST_F(CrawlE2eTest, PoliteCompleteCrawl) {
  std::string archive = tmp_.File("a.db");
  CommandResult r = RunNewsarc(CrawlArgs(archive) + " --log-json " + tmp_.File("log.jsonl"));
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  std::vector<AccessLogEntry> log = CrawlerRequests();
  ASSERT_FALSE(log.empty());

  // Coverage: every reachable in-scope page, from links, the sitemap
  // (7, 8) and the feed (9), archived with a 200 response.
  Captures caps = ReadArchive(archive);
  for (const std::string& url : ExpectedPages()) {
    EXPECT_TRUE(caps.urls_200.count(url)) << url << " not archived";
  }
  // Articles were extracted into conversion records.
  for (const std::string& url : ArticlePages(ExpectedPages())) {
    EXPECT_EQ(caps.conversions[url], 1) << url;
  }
  EXPECT_EQ(caps.warcinfo, 1);
  // Tracking parameters and fragments were normalised away: one capture each.
  EXPECT_EQ(caps.responses["http://a.test/news/1.html"].size(), 1u);
  EXPECT_EQ(caps.responses["http://a.test/news/2.html"].size(), 1u);

  // robots.txt read first on every host; nothing disallowed or out of scope
  // requested.
  std::map<std::string, std::vector<AccessLogEntry>> by_host;
  for (const auto& e : log) by_host[e.host].push_back(e);
  for (auto& [host, entries] : by_host) {
    std::sort(entries.begin(), entries.end(),
              [](const AccessLogEntry& x, const AccessLogEntry& y) { return x.start < y.start; });
    EXPECT_EQ(entries.front().path, "/robots.txt") << host;
  }
  EXPECT_EQ(by_host.count("offsite.test"), 0u);
  for (const auto& e : by_host["a.test"]) EXPECT_NE(e.path.rfind("/private/", 0), 0u) << e.path;

  // Politeness: request starts to one host are never closer than its delay
  // (a.test's robots.txt Crawl-delay raises it); nginx logs milliseconds.
  for (const auto& [host, entries] : by_host) {
    double delay = host == "a.test" ? kCrawlDelayA : kDelay;
    for (size_t i = 1; i < entries.size(); ++i) {
      EXPECT_GE(entries[i].start - entries[i - 1].start, delay - 0.002)
          << host << " " << entries[i - 1].path << " -> " << entries[i].path;
    }
  }
  // Retry-After: after each 503 from c.test, nothing for at least 2 s.
  const auto& c = by_host["c.test"];
  int c503 = 0;
  for (size_t i = 0; i + 1 < c.size(); ++i) {
    if (c[i].status != 503) continue;
    ++c503;
    EXPECT_GE(c[i + 1].start - c[i].end, kRetryAfter - 0.01) << c[i].path;
  }
  EXPECT_GT(c503, 0) << "the test site should have answered 503 at least once";

  // The rate-limited host is crawled completely, without a retry storm.
  const auto& b = by_host["b.test"];
  int b429 = static_cast<int>(std::count_if(b.begin(), b.end(),
                                            [](const AccessLogEntry& e) { return e.status == 429; }));
  int b_urls = kRateLimitedArticles + 3;  // + index, robots.txt, sitemap.xml
  EXPECT_GT(b429, 0) << "the test site should have rate-limited the crawler";
  EXPECT_LE(static_cast<double>(b.size()), 1.5 * b_urls) << b429 << " answers were 429";

  // Redirects: the 301 is archived and its target fetched once; the loop
  // ends after each URL was requested once; the 404 is archived.
  EXPECT_EQ(caps.responses["http://a.test/old"], std::vector<int>{301});
  int loop_requests = static_cast<int>(std::count_if(log.begin(), log.end(), [](const auto& e) {
    return e.path == "/loop1" || e.path == "/loop2";
  }));
  EXPECT_EQ(loop_requests, 2);
  EXPECT_EQ(caps.responses["http://a.test/loop1"], std::vector<int>{301});
  EXPECT_EQ(caps.responses["http://a.test/loop2"], std::vector<int>{301});
  EXPECT_EQ(caps.responses["http://a.test/missing.html"], std::vector<int>{404});

  // Every request is in the archive (robots.txt and 429/503 answers too).
  int archived = 0;
  for (const auto& [url, statuses] : caps.responses) archived += static_cast<int>(statuses.size());
  EXPECT_EQ(archived, static_cast<int>(log.size()));
  // And the JSON log has one line per fetch.
  std::string jl = ReadFile(tmp_.File("log.jsonl"));
  EXPECT_EQ(static_cast<size_t>(std::count(jl.begin(), jl.end(), '\n')), log.size());

  CommandResult verify = RunNewsarc("verify --archive " + ShellQuote(archive));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(CrawlE2eTest, KillNineThenResumeGivesTheSameCaptures) {
  // Reference: an uninterrupted crawl.
  std::string full = tmp_.File("full.db");
  ASSERT_EQ(RunNewsarc(CrawlArgs(full)).exit_code, 0);
  std::set<std::string> want = ReadArchive(full).urls_200;
  site_->ClearAccessLog();

  std::string archive = tmp_.File("killed.db");
  std::string pidfile = tmp_.File("pid");
  RunShell("NEWSARC_NO_PROGRESS=1 " + std::string(NEWSARC_BINARY) + " " + CrawlArgs(archive) +
           " >/dev/null 2>&1 & echo $! > " + ShellQuote(pidfile));
  int pid = std::stoi(ReadFile(pidfile));
  // Let it fetch about a third of the site, then kill it without warning.
  for (int i = 0; i < 400 && CrawlerRequests().size() < 15; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  size_t before = CrawlerRequests().size();
  EXPECT_GE(before, 15u);

  CommandResult resumed = RunNewsarc("crawl --resume --quiet --archive " + ShellQuote(archive));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(ReadArchive(archive).urls_200, want);

  // No finished URL was fetched again: a repeated 200 is at most one of the
  // requests in flight at the kill (one connection per host, three hosts).
  std::map<std::string, int> fetched_ok;
  int repeats = 0;
  for (const auto& e : CrawlerRequests()) {
    if (e.status == 200 && e.path != "/robots.txt" && ++fetched_ok[e.host + e.path] > 1) ++repeats;
  }
  EXPECT_LE(repeats, 3);
  CommandResult verify = RunNewsarc("verify --archive " + ShellQuote(archive));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(CrawlE2eTest, CtrlCCommitsPrintsHowToResumeAndResumeFinishes) {
  std::string archive = tmp_.File("interrupted.db");
  std::string pidfile = tmp_.File("pid"), out = tmp_.File("out"), err = tmp_.File("err");
  // The crawler runs in a background subshell that records its exit status.
  RunShell("( NEWSARC_NO_PROGRESS=1 " + std::string(NEWSARC_BINARY) + " " + CrawlArgs(archive) +
           " >" + ShellQuote(out) + " 2>" + ShellQuote(err) + " & echo $! > " +
           ShellQuote(pidfile) + "; wait $! ; echo $? > " + ShellQuote(tmp_.File("rc")) +
           " ) >/dev/null 2>&1 &");
  auto has_line = [](const std::string& path) {
    return FileExists(path) && ReadFile(path).find('\n') != std::string::npos;
  };
  for (int i = 0; i < 200 && !has_line(pidfile); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_TRUE(has_line(pidfile));
  int pid = std::stoi(ReadFile(pidfile));
  for (int i = 0; i < 400 && CrawlerRequests().size() < 10; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_EQ(kill(pid, SIGINT), 0);
  for (int i = 0; i < 400 && !has_line(tmp_.File("rc")); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_TRUE(has_line(tmp_.File("rc"))) << "the crawler did not stop within 10 s of Ctrl-C";
  EXPECT_EQ(std::stoi(ReadFile(tmp_.File("rc"))), 130);
  std::string said = ReadFile(err) + ReadFile(out);
  EXPECT_NE(said.find("newsarc crawl --resume --archive"), std::string::npos) << said;
  // Everything fetched before Ctrl-C is committed and the archive verifies.
  size_t fetched = ReadArchive(archive).urls_200.size();
  EXPECT_GE(fetched, 3u);
  CommandResult verify = RunNewsarc("verify --archive " + ShellQuote(archive));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  CommandResult resumed = RunNewsarc("crawl --resume --quiet --archive " + ShellQuote(archive));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  for (const std::string& url : ExpectedPages()) {
    EXPECT_TRUE(ReadArchive(archive).urls_200.count(url)) << url << " not archived";
  }
}

TEST_F(CrawlE2eTest, FullDiskStopsTheCrawlWithAClearMessageAndAnArchiveThatVerifies) {
  std::string archive = tmp_.File("full.db");
  // SQLite's page-count limit stands in for a full disk (SQLITE_FULL).
  CommandResult full = RunShell("NEWSARC_TEST_MAX_PAGE_COUNT=30 NEWSARC_NO_PROGRESS=1 " +
                                std::string(NEWSARC_BINARY) + " " + CrawlArgs(archive));
  EXPECT_EQ(full.exit_code, 1) << full.out << full.err;
  EXPECT_NE(full.err.find("full"), std::string::npos) << full.err;
  EXPECT_NE(full.err.find(archive), std::string::npos) << full.err;
  CommandResult verify = RunNewsarc("verify --archive " + ShellQuote(archive));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  size_t before = ReadArchive(archive).urls_200.size();
  // With room again, --resume completes the crawl.
  CommandResult resumed = RunNewsarc("crawl --resume --quiet --archive " + ShellQuote(archive));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  Captures caps = ReadArchive(archive);
  EXPECT_GT(caps.urls_200.size(), before);
  for (const std::string& url : ExpectedPages()) EXPECT_TRUE(caps.urls_200.count(url)) << url;
  verify = RunNewsarc("verify --archive " + ShellQuote(archive));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(CrawlE2eTest, RecrawlRevisitsUnchangedPagesAndCapturesEdits) {
  std::string archive = tmp_.File("a.db");
  ASSERT_EQ(RunNewsarc(CrawlArgs(archive)).exit_code, 0);
  // An editor changes one article (and its size, so its ETag changes).
  WriteFile(tmp_.File("site/a.test/news/2.html"),
            Story(2, "a.test", "<p>Correction: the vote was on Wednesday, not Tuesday.</p>"));
  site_->ClearAccessLog();
  CommandResult again = RunNewsarc(CrawlArgs(archive));
  ASSERT_EQ(again.exit_code, 0) << again.err;

  Captures caps = ReadArchive(archive);
  // The edited article: a second response and a second article version.
  EXPECT_EQ(caps.responses["http://a.test/news/2.html"], (std::vector<int>{200, 200}));
  EXPECT_EQ(caps.conversions["http://a.test/news/2.html"], 2);
  // Unchanged articles: conditional requests, answered 304, kept as revisits.
  int not_modified = 0;
  for (const auto& e : CrawlerRequests()) not_modified += e.status == 304;
  EXPECT_GT(not_modified, 10);
  EXPECT_EQ(caps.revisits["http://a.test/news/3.html"], 1);
  EXPECT_EQ(caps.responses["http://a.test/news/3.html"].size(), 1u);
  EXPECT_EQ(caps.conversions["http://a.test/news/3.html"], 1);
  EXPECT_EQ(caps.warcinfo, 2);  // one per run
  CommandResult verify = RunNewsarc("verify --archive " + ShellQuote(archive));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST(CrawlCliTest, BadArgumentsAreClearErrors) {
  TempDir tmp;
  std::string archive = ShellQuote(tmp.File("a.db"));
  CommandResult r = RunNewsarc("crawl --archive " + archive);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("seed"), std::string::npos) << r.err;
  r = RunNewsarc("crawl ftp://example.com/ --archive " + archive);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ftp://example.com/"), std::string::npos) << r.err;
  r = RunNewsarc("crawl http://example.com/ --delay soon --archive " + archive);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--delay"), std::string::npos) << r.err;
  r = RunNewsarc("crawl http://example.com/ --include '([' --archive " + archive);
  EXPECT_EQ(r.exit_code, 2);
  r = RunNewsarc("crawl --resume --archive " + archive);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("a.db"), std::string::npos) << r.err;
  EXPECT_FALSE(FileExists(tmp.File("a.db")));  // nothing created by a refused run
  r = RunNewsarc("crawl http://example.com/ --dry-run --archive " + archive);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"seeds\":[\"http://example.com/\"]"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace newsarc::testing
