// Issue 6 end to end: `newsarc crawl` archives a small news site served by
// nginx (Debian package) on 127.0.0.1, an editor then changes it (a
// paragraph edited, a title changed, an article deleted, only a "Last
// updated" stamp moved, only a view counter ticked, only one number in a
// sentence changed), and a second crawl of
// the same archive re-checks every URL with conditional requests. The audit
// commands must then tell the substantive edits from the rest:
//   - `changes` lists exactly the edited articles as kind "edited" and the
//     deleted one as kind "deleted" (documented in README "Audit" and
//     cli/cmd_changes.cc); cosmetic-only changes only with --cosmetic;
//   - `diff` shows the changed words of each edit, cosmetic ones marked;
//   - `history` shows two versions of each changed article, a revisit for
//     each unchanged one, and the deletion.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "nginx_site.h"
#include "test_util.h"

namespace newsarc::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr int kArticles = 9;
const char* kHost = "http://news.test";

std::string ArticleUrl(int n) { return std::string(kHost) + "/news/" + std::to_string(n) + ".html"; }

// The site's articles. Each has its own words so diffs are unambiguous.
struct Story {
  std::string title;
  std::vector<std::string> paragraphs;
  std::string stamp;  // a "Last updated: ..." line, or ""
  std::string views;  // a view counter line, or ""
};

std::string Render(const Story& s) {
  std::string body;
  for (const std::string& p : s.paragraphs) body += "<p>" + p + "</p>\n";
  if (!s.stamp.empty()) body += "<p class=updated>" + s.stamp + "</p>\n";
  if (!s.views.empty()) body += "<p class=views>" + s.views + "</p>\n";
  return "<!doctype html><html><head><meta charset=utf-8><title>" + s.title +
         "</title></head><body><header><nav><a href=/>Home</a></nav></header>\n<article><h1>" +
         s.title + "</h1>\n" + body + "</article>\n<footer>Copyright News Test</footer></body></html>\n";
}

Story MakeStory(int n) {
  const std::vector<std::string> topics = {"harbour",  "library", "school", "bridge",
                                           "hospital", "market",  "tram",   "museum",
                                           "stadium"};
  const std::string& t = topics[static_cast<size_t>(n - 1)];
  Story s;
  s.title = "The town debates the " + t + " plan";
  s.paragraphs = {
      "The council met on Tuesday evening and discussed the " + t +
          " plan at length before a packed public gallery of residents.",
      "Supporters of the " + t + " plan said it would bring jobs and visitors to the town "
          "centre, while critics worried about noise and traffic on narrow streets.",
      "The mayor promised a public consultation on the " + t + " plan before any contract "
          "is signed, and asked officers to publish the full cost estimates.",
      "A final vote on the " + t + " plan is expected at the next meeting of the council, "
          "which is scheduled for the first week of next month.",
  };
  if (n == 4) s.stamp = "Last updated: 2026-11-20 09:15 UTC";
  if (n == 5) s.views = "1,204 views";
  if (n == 9) {
    s.paragraphs.push_back("Officers said the works would close the road for about 5-8 minutes "
                           "at a time, and that forty residents had written in.");
  }
  return s;
}

// Rewrites an article and moves its mtime well away from the first
// version's, so nginx's ETag ("mtime-size") and Last-Modified change even
// when the size does not: the re-crawl then gets 200, not 304.
void Rewrite(const std::string& path, const Story& s) {
  const auto before = fs::last_write_time(path);
  WriteFile(path, Render(s));
  fs::last_write_time(path, before + std::chrono::minutes(5));
}

class AuditE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string root = tmp_.File("site/news.test");
    fs::create_directories(root + "/news");
    WriteFile(root + "/robots.txt", "User-agent: *\nAllow: /\n");
    std::string links;
    for (int i = 1; i <= kArticles; ++i) {
      links += "<li><a href=/news/" + std::to_string(i) + ".html>" + MakeStory(i).title + "</a>";
      WriteFile(root + "/news/" + std::to_string(i) + ".html", Render(MakeStory(i)));
    }
    WriteFile(root + "/index.html",
              "<!doctype html><html><head><title>News Test</title></head><body><ul>" + links +
                  "</ul></body></html>\n");
    fs::create_directories(tmp_.File("nginx"));
    site_ = std::make_unique<NginxSite>(tmp_.File("nginx"), tmp_.File("site"),
                                        std::vector<VirtualHost>{{"news.test", ""}});
    ASSERT_EQ(site_->error(), "");
    archive_ = tmp_.File("news.db");
  }

  std::string Article(int n) const {
    return tmp_.File("site/news.test/news/" + std::to_string(n) + ".html");
  }

  CommandResult Crawl() const {
    return RunNewsarc("crawl " + std::string(kHost) + "/ --archive " + ShellQuote(archive_) +
                      " --proxy " + site_->proxy() + " --allow-private --delay 0.05s --quiet");
  }

  nlohmann::json Json(const std::string& args) const {
    CommandResult r = RunNewsarc(args + " --archive " + ShellQuote(archive_) + " --format json");
    EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.err << r.out;
    nlohmann::json j = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(j.is_discarded()) << args << "\n" << r.out;
    return j;
  }

  // URL -> kind of every row of `changes`.
  std::map<std::string, std::string> Changes(const std::string& flags = "") const {
    std::map<std::string, std::string> out;
    nlohmann::json j = Json("changes" + flags);
    for (const auto& c : j["changes"]) {
      EXPECT_EQ(out.count(c["url"].get<std::string>()), 0u) << "listed twice: " << c.dump();
      out[c["url"].get<std::string>()] = c["kind"].get<std::string>();
    }
    return out;
  }

  // The text of every insert (or delete) op of `field` in a diff.
  static std::string Ops(const nlohmann::json& diff, const std::string& field,
                         const std::string& op) {
    std::string out;
    for (const auto& f : diff["fields"]) {
      if (f["field"] != field) continue;
      for (const auto& o : f["ops"]) {
        if (o["op"] == op) out += o["text"].get<std::string>() + "|";
      }
    }
    return out;
  }

  TempDir tmp_;
  std::unique_ptr<NginxSite> site_;
  std::string archive_;
};

TEST_F(AuditE2eTest, RecrawlAfterEditsListsExactlyTheSubstantiveChanges) {
  CommandResult first = Crawl();
  ASSERT_EQ(first.exit_code, 0) << first.err << first.out;
  // Nothing has changed yet.
  EXPECT_TRUE(Changes().empty());
  EXPECT_TRUE(Changes(" --cosmetic").empty());

  // The editors at work.
  Story edited = MakeStory(1);  // 1: a paragraph rewritten
  edited.paragraphs[2] =
      "The mayor refused a public consultation on the harbour plan before any contract "
      "is signed, and asked officers to withhold the full cost estimates.";
  Rewrite(Article(1), edited);
  Story retitled = MakeStory(2);  // 2: a new headline, same body
  retitled.title = "Library plan approved after stormy meeting";
  Rewrite(Article(2), retitled);
  fs::remove(Article(3));  // 3: deleted, now 404
  Story stamped = MakeStory(4);  // 4: only the "Last updated" stamp moves
  stamped.stamp = "Last updated: 2026-11-21 14:40 UTC";
  Rewrite(Article(4), stamped);
  Story counted = MakeStory(5);  // 5: only the view counter ticks
  counted.views = "3,871 views";
  Rewrite(Article(5), counted);
  Story renumbered = MakeStory(9);  // 9: only "5" -> "6" in a sentence (issue 13)
  renumbered.paragraphs.back().replace(renumbered.paragraphs.back().find("5-8"), 3, "6-8");
  Rewrite(Article(9), renumbered);
  // 6, 7, 8 and the home page are untouched.

  CommandResult second = Crawl();
  ASSERT_EQ(second.exit_code, 0) << second.err << second.out;

  // changes: exactly the three substantive edits, plus the deletion under
  // its own kind; the cosmetic ones only with --cosmetic.
  const std::map<std::string, std::string> want = {
      {ArticleUrl(1), "edited"}, {ArticleUrl(2), "edited"}, {ArticleUrl(3), "deleted"},
      {ArticleUrl(9), "edited"}};
  EXPECT_EQ(Changes(), want);
  std::map<std::string, std::string> with_cosmetic = want;
  with_cosmetic[ArticleUrl(4)] = "cosmetic";
  with_cosmetic[ArticleUrl(5)] = "cosmetic";
  EXPECT_EQ(Changes(" --cosmetic"), with_cosmetic);
  // What changed, and the size of each change.
  nlohmann::json changes = Json("changes");
  for (const auto& c : changes["changes"]) {
    EXPECT_GT(c["size"].get<int>(), 0) << c.dump();
    if (c["url"] == ArticleUrl(1)) {
      EXPECT_EQ(c["fields"], nlohmann::json::array({"text"})) << c.dump();
      EXPECT_EQ(c["words_added"], 2) << c.dump();  // refused, withhold
      EXPECT_EQ(c["words_removed"], 2) << c.dump();  // promised, publish
    }
    if (c["url"] == ArticleUrl(2)) {
      EXPECT_THAT(c["fields"].dump(), HasSubstr("\"title\"")) << c.dump();
      EXPECT_EQ(c["title"], retitled.title);
    }
    if (c["url"] == ArticleUrl(3)) {
      EXPECT_EQ(c["title"], MakeStory(3).title);
    }
    if (c["url"] == ArticleUrl(9)) {
      EXPECT_EQ(c["fields"], nlohmann::json::array({"text"})) << c.dump();
    }
  }
  // The home page has an article version too (unchanged).
  EXPECT_EQ(changes["urls_scanned"].get<int>(), kArticles + 1) << changes.dump();
  // --site and --min-change narrow the list.
  EXPECT_EQ(Changes(" --site other.test"), (std::map<std::string, std::string>{}));
  EXPECT_EQ(Changes(" --site news.test"), want);
  EXPECT_EQ(Changes(" --min-change 5"),
            (std::map<std::string, std::string>{{ArticleUrl(2), "edited"},
                                                {ArticleUrl(3), "deleted"}}));

  // diff: the changed words of each edit.
  nlohmann::json d1 = Json("diff " + ArticleUrl(1));
  EXPECT_EQ(d1["change"], "substantive");
  EXPECT_THAT(Ops(d1, "text", "delete"), HasSubstr("promised"));
  EXPECT_THAT(Ops(d1, "text", "insert"), HasSubstr("refused"));
  EXPECT_THAT(Ops(d1, "text", "delete"), HasSubstr("publish"));
  EXPECT_THAT(Ops(d1, "text", "insert"), HasSubstr("withhold"));
  EXPECT_THAT(Ops(d1, "text", "insert"), Not(HasSubstr("council")));
  CommandResult text = RunNewsarc("diff " + ArticleUrl(1) + " --archive " + ShellQuote(archive_) +
                                  " --color never");
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("[-promised-]{+refused+}"));
  EXPECT_THAT(text.out, HasSubstr("[-publish-]{+withhold+}"));

  nlohmann::json d9 = Json("diff " + ArticleUrl(9));
  EXPECT_EQ(d9["change"], "substantive") << d9.dump(1);
  EXPECT_GT(d9["substantive_words"].get<int>(), 0) << d9.dump(1);
  EXPECT_THAT(Ops(d9, "text", "delete"), HasSubstr("5"));
  EXPECT_THAT(Ops(d9, "text", "insert"), HasSubstr("6"));
  EXPECT_THAT(Ops(d9, "text", "insert"), Not(HasSubstr("minutes")));

  nlohmann::json d2 = Json("diff " + ArticleUrl(2));
  EXPECT_EQ(d2["change"], "substantive");
  EXPECT_THAT(Ops(d2, "title", "delete"), HasSubstr("debates"));
  EXPECT_THAT(Ops(d2, "title", "insert"), HasSubstr("approved"));

  for (int n : {4, 5}) {
    nlohmann::json d = Json("diff " + ArticleUrl(n));
    EXPECT_EQ(d["change"], "cosmetic") << d.dump(1);
    EXPECT_EQ(d["substantive_words"], 0) << d.dump(1);
    bool any_change = false;
    for (const auto& f : d["fields"]) {
      if (!f["changed"].get<bool>()) continue;
      any_change = true;
      EXPECT_TRUE(f["cosmetic_only"].get<bool>()) << f.dump(1);
    }
    EXPECT_TRUE(any_change) << d.dump(1);
  }
  CommandResult stamp = RunNewsarc("diff " + ArticleUrl(4) + " --archive " +
                                   ShellQuote(archive_) + " --color never");
  EXPECT_THAT(stamp.out, HasSubstr("(cosmetic)"));
  EXPECT_THAT(stamp.out, HasSubstr("2026-11-21"));

  // history: the versions.
  auto changes_of = [&](int n) {
    std::vector<std::string> out;
    nlohmann::json h = Json("history " + ArticleUrl(n));
    for (const auto& c : h["captures"]) {
      out.push_back(c["type"].get<std::string>() + " " + std::to_string(c["status"].get<int>()) +
                    " " + c["change"].get<std::string>());
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(changes_of(1), (V{"response 200 first", "response 200 changed"}));
  EXPECT_EQ(changes_of(2), (V{"response 200 first", "response 200 changed"}));
  EXPECT_EQ(changes_of(3), (V{"response 200 first", "response 404 deleted"}));
  EXPECT_EQ(changes_of(4), (V{"response 200 first", "response 200 cosmetic"}));
  EXPECT_EQ(changes_of(5), (V{"response 200 first", "response 200 cosmetic"}));
  EXPECT_EQ(changes_of(9), (V{"response 200 first", "response 200 changed"}));
  for (int n : {6, 7, 8}) {
    EXPECT_EQ(changes_of(n), (V{"response 200 first", "revisit 304 same"})) << n;
  }
  nlohmann::json h1 = Json("history " + ArticleUrl(1));
  ASSERT_EQ(h1["captures"].size(), 2u);
  EXPECT_NE(h1["captures"][0]["text_digest"], h1["captures"][1]["text_digest"]);
  EXPECT_NE(h1["captures"][0]["payload_digest"], h1["captures"][1]["payload_digest"]);
  EXPECT_EQ(h1["captures"][1]["words_added"], 2);
  EXPECT_EQ(h1["captures"][1]["compared_with"], 1);

  // And the archive's integrity holds across both crawls.
  CommandResult verify = RunNewsarc("verify --archive " + ShellQuote(archive_));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

}  // namespace
}  // namespace newsarc::testing
