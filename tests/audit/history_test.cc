// Article history and changes over an archive built in the test, through
// storage's public interface only (audit/audit.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "audit/audit.h"
#include "base/time.h"
#include "storage/storage.h"
#include "test_util.h"

namespace newsarc::audit {
namespace {

using storage::Archive;
using storage::ArticleRecord;
using storage::WarcRecord;

Micros T(const char* iso) { return *ParseIsoDate(iso); }

class AuditArchive : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = Archive::Open(dir_.File("a.db"));
    ASSERT_TRUE(a.ok()) << a.status().message();
    archive_ = std::move(*a);
  }

  std::string Response(const std::string& url, Micros when, int status,
                       const std::string& extra = "") {
    WarcRecord r;
    r.Set("WARC-Type", "response");
    r.Set("WARC-Target-URI", url);
    r.Set("WARC-Date", FormatWarcDate(when));
    r.Set("Content-Type", "application/http; msgtype=response");
    r.block = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: text/html\r\n" +
              extra + "\r\n" + (status == 200 ? "<p>" + url + FormatWarcDate(when) + "</p>" : "");
    auto id = archive_->Put(r);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : "";
  }

  // A response and its article.
  void Article(const std::string& url, Micros when, const std::string& title,
               const std::string& text, const std::string& canonical = "") {
    ArticleRecord a;
    a.url = url;
    a.capture_time = when;
    a.response_record_id = Response(url, when, 200);
    a.title = title;
    a.text = text;
    a.canonical_url = canonical;
    a.extractor_version = "newsarc-extract/test";
    ASSERT_TRUE(archive_->Put(storage::MakeConversionRecord(a, when + 1000000)).ok());
  }

  std::vector<std::string> Changes(const std::vector<ArticleVersion>& history) {
    std::vector<std::string> out;
    for (const ArticleVersion& v : history) {
      out.push_back(std::string(VersionChangeName(v.change)) + (v.via.empty() ? "" : "/" + v.via));
    }
    return out;
  }

  newsarc::testing::TempDir dir_;
  std::unique_ptr<Archive> archive_;
};

TEST_F(AuditArchive, HistoryFollowsRedirectsCanonicalAliasesAndDeletions) {
  const std::string url = "https://news.example/story";
  const std::string text = "The council met on Monday. It approved the budget.";
  Response("https://news.example/old-story", T("2026-11-01T09:00:00Z"), 301,
           "Location: /story\r\n");
  Article(url, T("2026-11-01T10:00:00Z"), "Budget", text);
  Article(url, T("2026-11-02T10:00:00Z"), "Budget", text);  // the same article again
  Article(url + "?utm_source=feed", T("2026-11-03T10:00:00Z"), "Budget",
          text + " The vote was 7 to 2.", url);
  Article(url, T("2026-11-04T10:00:00Z"), "Budget", text + "  The vote was 7 to 2.");
  Response(url, T("2026-11-05T10:00:00Z"), 404);

  auto history = ArticleHistory(*archive_, url);
  ASSERT_TRUE(history.ok()) << history.status().message();
  EXPECT_EQ(Changes(*history),
            (std::vector<std::string>{"redirect/redirect", "first", "same", "changed/canonical",
                                      "cosmetic", "deleted"}));
  const ArticleVersion& changed = (*history)[3];
  EXPECT_EQ(changed.previous, 3);
  EXPECT_GT(changed.words_added, 0);
  EXPECT_EQ((*history)[0].location, "/story");
  EXPECT_EQ((*history)[5].words_removed, ArticleWords(*(*history)[4].article));

  // The path form opens the archive read-only and reads the same.
  auto by_path = ArticleHistory(dir_.File("a.db"), url);
  ASSERT_TRUE(by_path.ok()) << by_path.status().message();
  EXPECT_EQ(Changes(*by_path), Changes(*history));

  auto missing = ArticleHistory(*archive_, "https://news.example/never");
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_NE(missing.status().message().find("https://news.example/never"), std::string::npos);
}

TEST_F(AuditArchive, ChangesListsEditsAndDeletionsPerSite) {
  Article("https://news.example/a", T("2026-11-01T10:00:00Z"), "A", "One sentence here.");
  Article("https://news.example/a", T("2026-11-02T10:00:00Z"), "A",
          "One sentence here. And a second one, added today by the editor.");
  Article("https://other.example/b", T("2026-11-01T10:00:00Z"), "B", "Some text for B.");
  Response("https://other.example/b", T("2026-11-03T10:00:00Z"), 410);
  Article("https://other.example/c", T("2026-11-01T10:00:00Z"), "C", "Updated 3 minutes ago. Text.");
  Article("https://other.example/c", T("2026-11-02T10:00:00Z"), "C", "Updated 5 minutes ago. Text.");

  auto all = FindChanges(*archive_, ChangeQuery{});
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->changes.size(), 2u);
  EXPECT_EQ(all->changes[0].kind, "edited");  // 9 words added: larger than the deletion (5)
  EXPECT_EQ(all->changes[0].url, "https://news.example/a");
  EXPECT_EQ(all->changes[1].kind, "deleted");
  EXPECT_EQ(all->urls, 3);
  EXPECT_EQ(all->versions, 5);

  ChangeQuery other;
  other.site = "other.example";
  other.include_cosmetic = true;
  auto site = FindChanges(*archive_, other);
  ASSERT_TRUE(site.ok()) << site.status().message();
  std::vector<std::string> kinds;
  for (const ArticleChange& c : site->changes) kinds.push_back(c.kind + " " + c.url);
  EXPECT_EQ(kinds, (std::vector<std::string>{"deleted https://other.example/b",
                                             "cosmetic https://other.example/c"}));
}

}  // namespace
}  // namespace newsarc::audit
