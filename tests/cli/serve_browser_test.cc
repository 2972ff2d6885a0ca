// Issue 15 in a browser: the demo web is crawled three times with two edits
// of one article between, `newsarc serve` serves the archive on loopback,
// and headless Chromium (tests/tools/browser/serve_ui.mjs, playwright-core)
// walks the interface: the articles list, a search for a Chinese word typed
// into the search box, a diff and a step to the next changed version with
// the keyboard, side by side, the article page and its sandboxed replay
// frame on the other origin, the changes list. Screenshots of every view:
// build/test-artifacts/serve_ui/.
#include <signal.h>
#include <sys/wait.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <thread>

#include "demo_web.h"
#include "test_util.h"

namespace newsarc::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

const std::string kSource = NEWSARC_SOURCE_DIR;
const std::string kArtifacts = std::string(NEWSARC_BINARY_DIR) + "/test-artifacts/serve_ui";
const std::string kFerries = "http://news1.test/world/ferries-return.html";

// Replaces `from` by `to` in a served page and moves its mtime, so nginx's
// ETag and Last-Modified change and the next crawl fetches it again.
void Edit(const std::string& file, const std::string& from, const std::string& to, int minutes) {
  std::string html = ReadFile(file);
  ASSERT_NE(html.find(from), std::string::npos) << from;
  html.replace(html.find(from), from.size(), to);
  const auto mtime = fs::last_write_time(file);
  WriteFile(file, html);
  fs::last_write_time(file, mtime + std::chrono::minutes(minutes));
}

TEST(ServeBrowserTest, ArticlesSearchDiffStepAndSandboxedReplay) {
  ASSERT_TRUE(FileExists(kSource + "/tests/tools/node_modules/playwright-core/package.json"))
      << "playwright-core is missing (scripts/setup runs npm ci in tests/tools)";
  TempDir tmp;
  DemoWeb web(tmp.File("web"));
  ASSERT_EQ(web.error(), "");
  const std::string archive = tmp.File("demo.db");
  ASSERT_EQ(web.Crawl(archive).exit_code, 0);
  const std::string page = web.File("news1.test/world/ferries-return.html");
  Edit(page, "all six routes were running", "five of the six routes were running", 5);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  ASSERT_EQ(web.Crawl(archive).exit_code, 0);
  Edit(page, "will receive a refund for the lost days", "will receive a full refund for the lost "
       "days and a free week", 10);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  ASSERT_EQ(web.Crawl(archive).exit_code, 0);

  // The two changed versions, by history row.
  CommandResult h = RunNewsarc("history " + kFerries + " --archive " + ShellQuote(archive) +
                               " --format json");
  ASSERT_EQ(h.exit_code, 0) << h.err;
  std::vector<int> changed;
  const Json history = Json::parse(h.out);  // a named value: the loop reads into it
  for (const auto& c : history["captures"]) {
    if (c["change"] == "changed") changed.push_back(c["index"]);
  }
  ASSERT_EQ(changed.size(), 2u) << h.out;

  Background serve({std::string(NEWSARC_BINARY), "serve", "--archive", archive, "--listen",
                    "127.0.0.1:0"},
                   tmp.File("serve.log"));
  std::string ui, replay;
  const std::regex line(R"(newsarc serve: (http://127\.0\.0\.1:\d+)/ \(replay: (http://127\.0\.0\.1:\d+)/\))");
  for (int i = 0; i < 400 && ui.empty(); ++i) {
    std::smatch m;
    const std::string log = serve.Log();
    if (std::regex_search(log, m, line)) {
      ui = m[1];
      replay = m[2];
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ASSERT_FALSE(ui.empty()) << serve.Log();
  ASSERT_NE(ui, replay);
  // The first index build is quick here; wait until it is ready.
  for (int i = 0; i < 200; ++i) {
    CommandResult s = RunShell("curl -s " + ui + "/api/status");
    if (s.out.find("\"ready\": true") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  CommandResult run = RunShell("cd " + ShellQuote(kSource + "/tests/tools") +
                               " && node browser/serve_ui.mjs --ui " + ui + " --replay " + replay +
                               " --shots " + ShellQuote(kArtifacts) + " --article " + kFerries +
                               " --diff-to " + std::to_string(changed[0]) + " --search 公园");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  Json seen = Json::parse(run.out, nullptr, false);
  ASSERT_FALSE(seen.is_discarded()) << run.out;
  ASSERT_FALSE(seen.contains("error")) << seen.dump(2);
  EXPECT_TRUE(seen["errors"].empty()) << seen["errors"].dump();

  // Articles: every demo article, the edited one among them.
  std::set<std::string> titles;
  for (const auto& a : seen["articles"]) titles.insert(a["title"]);
  EXPECT_THAT(titles, Contains("Harbour ferries return after the storm"));
  EXPECT_THAT(titles, Contains("城东湿地公园下月起免费开放"));
  EXPECT_EQ(seen["articles"].size(), 8u);
  EXPECT_THAT(seen["focused_row"].get<std::string>(), HasSubstr("/article?url="));

  // Search for a Chinese word: found, and marked.
  EXPECT_THAT(seen["search_url"].get<std::string>(), HasSubstr("/search?q="));
  ASSERT_FALSE(seen["search"].empty());
  EXPECT_EQ(seen["search"][0]["title"], "城东湿地公园下月起免费开放");
  EXPECT_THAT(seen["search"][0]["marks"], Contains("公园"));

  // The diff of the first edit, then the next changed version.
  EXPECT_THAT(seen["diff"]["inserted"].dump(), HasSubstr("five of the"));
  EXPECT_THAT(seen["diff_next"]["url"].get<std::string>(),
              HasSubstr("to=" + std::to_string(changed[1])));
  EXPECT_THAT(seen["diff_next"]["inserted"].dump(), HasSubstr("full"));
  EXPECT_THAT(seen["diff_next"]["inserted"].dump(), Not(HasSubstr("five of the")));
  EXPECT_EQ(seen["side_by_side"], 2);

  // The article: verified, its timeline with both changes.
  EXPECT_EQ(seen["article"]["title"], "Harbour ferries return after the storm");
  EXPECT_THAT(seen["article"]["verify"].get<std::string>(), HasSubstr("OK"));
  EXPECT_EQ(seen["article"]["changed_ticks"], 2);

  // Replay: a sandboxed frame without any permission, from the other origin,
  // showing the archived page, served with scripts blocked.
  EXPECT_EQ(seen["replay"]["sandbox"], "");
  const std::string src = seen["replay"]["src"];
  EXPECT_EQ(src.rfind(replay + "/", 0), 0u) << src;
  EXPECT_NE(seen["replay"]["ui_origin"], replay);
  EXPECT_THAT(seen["replay"]["text"].get<std::string>(),
              HasSubstr("Ferry services across the harbour resumed"));
  bool blocked = false;
  for (const auto& r : seen["replay"]["responses"]) {
    if (r["status"] == 200) blocked |= r["csp"].get<std::string>().find("script-src 'none'") !=
                                       std::string::npos;
  }
  EXPECT_TRUE(blocked) << seen["replay"]["responses"].dump();

  // Changes: the edited article.
  std::set<std::string> edited;
  for (const auto& c : seen["changes"]) {
    if (c["kind"] == "edited") edited.insert(c["url"]);
  }
  EXPECT_THAT(edited, Contains(kFerries));
  EXPECT_EQ(seen["feed"], "/feed/changes.atom");

  for (const char* shot : {"articles", "search", "diff", "diff-next", "diff-side-by-side",
                           "article", "replay", "changes"}) {
    EXPECT_TRUE(FileExists(kArtifacts + "/" + shot + ".png")) << shot;
  }
  // Ctrl-C stops the server: exit 130.
  int status = serve.StopWith(SIGINT);
  EXPECT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 130);
}

}  // namespace
}  // namespace newsarc::testing
