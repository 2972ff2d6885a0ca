// Issue 18: a WACZ that ReplayWeb.page opens. The bundled demo web
// (scripts/demo_site, served by scripts/demo_server with nginx on
// 127.0.0.1) is crawled, exported with `newsarc export --format wacz`, and
// the file is opened in ReplayWeb.page 2.5.3 (the reference WACZ reader, from
// its npm tarball, which scripts/setup unpacks into tests/tools/replaywebpage)
// in headless Chromium driven by playwright-core
// (tests/tools/browser/wacz_replay.mjs). nginx serves the reader and the file
// from one origin, with HTTP range requests, as the reader needs.
//
// Then one article is edited and the web crawled again: the WACZ of every
// version must let the reader open both captures of the edited article.
//
// Screenshots of the pages list and each opened capture are kept in
// build/test-artifacts/wacz_replay/.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "demo_web.h"
#include "nginx_site.h"
#include "test_util.h"

namespace newsarc::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kSource = NEWSARC_SOURCE_DIR;
const std::string kReader = kSource + "/tests/tools/replaywebpage";
const std::string kArtifacts = std::string(NEWSARC_BINARY_DIR) + "/test-artifacts/wacz_replay";
const std::string kFerries = "http://news1.test/world/ferries-return.html";

// The demo web's articles (scripts/demo_site), as the extractor titles them.
const std::set<std::string> kDemoTitles = {
    "Harbour ferries return after the storm",
    "City library opens its reading rooms at night",
    "Valley towns vote to keep the old river dam",
    "Neighbourhood bakery becomes a workers' cooperative",
    "About the Demo Herald",
    "Privacy",
    "城东湿地公园下月起免费开放",
    "城际铁路新线完成首次试运行",
};

// The capture time of a page entry of pages.jsonl as the reader addresses
// it: "2026-12-02T14:51:43Z" -> "20261202145143".
std::string Ts14(const std::string& rfc3339) {
  std::string out;
  for (char c : rfc3339.substr(0, 19)) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out;
}

struct Page {
  std::string url, ts, title;
};
std::vector<Page> PagesOf(const std::string& wacz) {
  CommandResult r = RunShell("unzip -p " + ShellQuote(wacz) + " pages/pages.jsonl");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<Page> out;
  size_t pos = 0;
  while (pos < r.out.size()) {
    size_t nl = r.out.find('\n', pos);
    std::string line = r.out.substr(pos, nl - pos);
    pos = nl == std::string::npos ? r.out.size() : nl + 1;
    auto j = nlohmann::json::parse(line);
    if (j.contains("format")) continue;  // the header line
    out.push_back({j["url"], Ts14(j["ts"]), j["title"]});
  }
  return out;
}

class WaczReplayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir();
    server_ = new DemoWeb(tmp_->File("web"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete tmp_;
  }

  void SetUp() override {
    ASSERT_EQ(server_->error(), "");
    ASSERT_TRUE(FileExists(kReader + "/sw.js"))
        << kReader << ": ReplayWeb.page is missing (scripts/setup unpacks its npm tarball)";
    ASSERT_TRUE(FileExists(kSource + "/tests/tools/node_modules/playwright-core/package.json"))
        << "playwright-core is missing (scripts/setup runs npm ci in tests/tools)";
  }

  static CommandResult Crawl(const std::string& archive) { return server_->Crawl(archive); }

  // Serves the reader and `wacz` from one origin, opens it, and returns what
  // the browser saw ({pages: [{title, url}], opened: [{url, ts, shown, text}]}).
  static nlohmann::json Open(const std::string& name, const std::string& wacz,
                             const std::vector<std::string>& opens) {
    const std::string root = tmp_->File("serve-" + name);
    const std::string docs = root + "/127.0.0.1";
    fs::create_directories(docs);
    for (const char* f : {"index.html", "ui.js", "sw.js"}) {
      fs::create_symlink(kReader + "/" + f, docs + "/" + f);
    }
    fs::copy_file(wacz, docs + "/" + name + ".wacz");
    fs::create_directories(tmp_->File("nginx-" + name));
    NginxSite site(tmp_->File("nginx-" + name), root, {{"127.0.0.1", ""}});
    EXPECT_EQ(site.error(), "");
    const std::string origin = "http://127.0.0.1:" + std::to_string(site.port());
    std::string cmd = "cd " + ShellQuote(kSource + "/tests/tools") +
                      " && node browser/wacz_replay.mjs --app " + origin + "/index.html --wacz " +
                      origin + "/" + name + ".wacz --shots " + ShellQuote(kArtifacts + "/" + name);
    for (const std::string& o : opens) cmd += " --open " + ShellQuote(o);
    CommandResult r = RunShell(cmd);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    nlohmann::json j = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
    EXPECT_FALSE(j.contains("error")) << j.dump(2);
    // Range requests are how the reader reads the package.
    int ranges = 0;
    for (const AccessLogEntry& e : site.AccessLog()) {
      if (e.path == "/" + name + ".wacz" && e.status == 206) ++ranges;
    }
    EXPECT_GT(ranges, 0) << "the reader made no range request for the WACZ";
    return j;
  }

  static TempDir* tmp_;
  static DemoWeb* server_;
};

TempDir* WaczReplayTest::tmp_ = nullptr;
DemoWeb* WaczReplayTest::server_ = nullptr;

TEST_F(WaczReplayTest, ReplayWebPageListsEveryArticleAndReplaysOne) {
  const std::string archive = tmp_->File("demo.db");
  CommandResult crawl = Crawl(archive);
  ASSERT_EQ(crawl.exit_code, 0) << crawl.err;
  const std::string wacz = tmp_->File("demo.wacz");
  CommandResult ex = RunNewsarc("export --archive " + ShellQuote(archive) +
                                " --format wacz --out " + ShellQuote(wacz));
  ASSERT_EQ(ex.exit_code, 0) << ex.err;

  // The package as the specification writes it (WACZ 1.1.1).
  auto package = nlohmann::json::parse(RunShell("unzip -p " + ShellQuote(wacz) +
                                                " datapackage.json").out);
  EXPECT_EQ(package["profile"], "data-package");
  EXPECT_EQ(package["wacz_version"], "1.1.1");
  auto digest = nlohmann::json::parse(
      RunShell("unzip -p " + ShellQuote(wacz) + " datapackage-digest.json").out);
  CommandResult sha = RunShell("unzip -p " + ShellQuote(wacz) + " datapackage.json | sha256sum");
  EXPECT_EQ(digest["hash"], "sha256:" + sha.out.substr(0, 64));

  std::vector<Page> pages = PagesOf(wacz);
  ASSERT_EQ(pages.size(), kDemoTitles.size());
  std::string ferries_ts;
  for (const Page& p : pages) {
    if (p.url == kFerries) ferries_ts = p.ts;
  }
  ASSERT_FALSE(ferries_ts.empty());

  nlohmann::json seen = Open("demo", wacz, {kFerries + "@" + ferries_ts});
  std::set<std::string> titles;
  for (const auto& p : seen["pages"]) titles.insert(p["title"].get<std::string>());
  EXPECT_EQ(titles, kDemoTitles);
  ASSERT_EQ(seen["opened"].size(), 1u);
  const auto& replay = seen["opened"][0];
  EXPECT_EQ(replay["shown"], ferries_ts);
  EXPECT_THAT(replay["text"].get<std::string>(),
              HasSubstr("Ferry services across the harbour resumed on Saturday morning"));
  EXPECT_TRUE(FileExists(kArtifacts + "/demo/pages.png"));
  EXPECT_TRUE(FileExists(kArtifacts + "/demo/capture-1.png"));
}

TEST_F(WaczReplayTest, BothCapturesOfAnEditedArticleAreReachable) {
  const std::string archive = tmp_->File("recrawl.db");
  ASSERT_EQ(Crawl(archive).exit_code, 0);
  // The editor changes a sentence; nginx's ETag and Last-Modified move with
  // the mtime, so the re-crawl fetches the page again.
  const std::string page = server_->File("news1.test/world/ferries-return.html");
  std::string html = ReadFile(page);
  const std::string before = "all six routes were running";
  const std::string after = "five of the six routes were running";
  ASSERT_NE(html.find(before), std::string::npos);
  html.replace(html.find(before), before.size(), after);
  const auto mtime = fs::last_write_time(page);
  WriteFile(page, html);
  fs::last_write_time(page, mtime + std::chrono::minutes(5));
  std::this_thread::sleep_for(std::chrono::seconds(1));  // a distinct capture second
  ASSERT_EQ(Crawl(archive).exit_code, 0);

  const std::string wacz = tmp_->File("recrawl.wacz");
  CommandResult ex = RunNewsarc("export --archive " + ShellQuote(archive) +
                                " --format wacz --versions all --out " + ShellQuote(wacz));
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  std::vector<std::string> ts;
  for (const Page& p : PagesOf(wacz)) {
    if (p.url == kFerries) ts.push_back(p.ts);
  }
  ASSERT_EQ(ts.size(), 2u) << "two captures of the edited article";
  std::sort(ts.begin(), ts.end());
  ASSERT_NE(ts[0], ts[1]);

  nlohmann::json seen = Open("recrawl", wacz, {kFerries + "@" + ts[0], kFerries + "@" + ts[1]});
  int ferries_rows = 0;
  for (const auto& p : seen["pages"]) ferries_rows += p["url"] == kFerries;
  EXPECT_EQ(ferries_rows, 2);
  ASSERT_EQ(seen["opened"].size(), 2u);
  const auto& older = seen["opened"][0];
  const auto& newer = seen["opened"][1];
  EXPECT_EQ(older["shown"], ts[0]);
  EXPECT_EQ(newer["shown"], ts[1]);
  EXPECT_THAT(older["text"].get<std::string>(), HasSubstr("said all six routes were running"));
  EXPECT_THAT(newer["text"].get<std::string>(), HasSubstr(after));
  EXPECT_THAT(newer["text"].get<std::string>(), Not(HasSubstr("said all six routes")));
}

}  // namespace
}  // namespace newsarc::testing
