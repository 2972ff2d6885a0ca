// Building and updating the article index (audit/index_builder.h) from an
// archive written in the test: its change rows agree with FindChanges, it
// catches up with records that arrive later, and an interrupted build
// resumes.
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
using storage::ArticleIndex;
using storage::ArticleRecord;
using storage::WarcRecord;

Micros T(int day) { return *ParseIsoDate("2026-11-" + std::string(day < 10 ? "0" : "") +
                                          std::to_string(day) + "T10:00:00Z"); }

class IndexBuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("a.db");
    auto a = Archive::Open(path_);
    ASSERT_TRUE(a.ok()) << a.status().message();
    archive_ = std::move(*a);
  }

  std::string Response(const std::string& url, Micros when, int status) {
    WarcRecord r;
    r.Set("WARC-Type", "response");
    r.Set("WARC-Target-URI", url);
    r.Set("WARC-Date", FormatWarcDate(when));
    r.Set("Content-Type", "application/http; msgtype=response");
    r.block = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: text/html\r\n\r\n<p>" +
              url + FormatWarcDate(when) + "</p>";
    auto id = archive_->Put(r);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : "";
  }

  void Article(const std::string& url, Micros when, const std::string& title,
               const std::string& text) {
    ArticleRecord a;
    a.url = url;
    a.capture_time = when;
    a.response_record_id = Response(url, when, 200);
    a.title = title;
    a.text = text;
    a.language = "en";
    a.extractor_version = "newsarc-extract/test";
    ASSERT_TRUE(archive_->Put(storage::MakeConversionRecord(a, when + 1000000)).ok());
  }

  std::unique_ptr<ArticleIndex> Index() {
    auto idx = ArticleIndex::Open(path_, false);
    EXPECT_TRUE(idx.ok()) << idx.status().message();
    return idx.ok() ? std::move(*idx) : nullptr;
  }

  // The index's change rows, as (kind, url, size) in `newsarc changes` order.
  std::vector<std::string> IndexChanges(bool cosmetic) {
    storage::ChangeFilter f;
    f.include_cosmetic = cosmetic;
    auto page = Index()->Changes(f);
    EXPECT_TRUE(page.ok()) << page.status().message();
    std::vector<std::string> out;
    for (const auto& c : page->rows) {
      out.push_back(c.kind + " " + c.url + " " + std::to_string(c.size) + " " +
                    FormatWarcDate(c.from_date) + ">" + FormatWarcDate(c.to_date));
    }
    return out;
  }
  std::vector<std::string> CliChanges(bool cosmetic) {
    ChangeQuery q;
    q.include_cosmetic = cosmetic;
    auto r = FindChanges(path_, q);
    EXPECT_TRUE(r.ok()) << r.status().message();
    std::vector<std::string> out;
    for (const auto& c : r->changes) {
      out.push_back(c.kind + " " + c.url + " " + std::to_string(c.size) + " " +
                    FormatWarcDate(c.from_date) + ">" + FormatWarcDate(c.to_date));
    }
    return out;
  }

  void Write() {
    const std::string text = "The council met on Monday. It approved the budget for the year.";
    Article("https://news.example/a", T(1), "Budget", text);
    Article("https://news.example/a", T(2), "Budget", text);
    Article("https://news.example/a", T(3), "Budget", text + " The vote was 7 to 2.");
    Article("https://news.example/a", T(4), "Budget", text + "  The vote was 7 to 2.");
    Article("https://news.example/b", T(1), "Bridge", "The bridge closes for repairs in May.");
    Response("https://news.example/b", T(5), 404);
    Response("https://news.example/b", T(6), 404);
    Article("https://other.example/c", T(2), "记者", "记者从市园林局获悉,公园将免费开放。");
  }

  newsarc::testing::TempDir dir_;
  std::string path_;
  std::unique_ptr<Archive> archive_;
};

TEST_F(IndexBuilderTest, BuildsRowsThatAgreeWithChanges) {
  Write();
  auto r = UpdateArticleIndex(path_, {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->urls, 3);
  EXPECT_EQ(r->versions, 6);
  EXPECT_FALSE(r->up_to_date);
  EXPECT_EQ(IndexChanges(false), CliChanges(false));
  EXPECT_EQ(IndexChanges(true), CliChanges(true));
  EXPECT_EQ(IndexChanges(true).size(), 3u);  // an edit, a cosmetic change, a deletion

  auto versions = Index()->VersionsOf(storage::SurtKey("https://news.example/a"));
  ASSERT_TRUE(versions.ok());
  std::vector<std::string> kinds;
  for (const auto& v : *versions) kinds.push_back(v.change);
  EXPECT_EQ(kinds, (std::vector<std::string>{"first", "same", "changed", "cosmetic"}));
  auto url = Index()->Url(storage::SurtKey("https://news.example/b"));
  ASSERT_TRUE(url.ok() && url->has_value());
  EXPECT_EQ((*url)->deleted, T(5));

  storage::SearchQuery q;
  q.text = "记者";
  auto hits = Index()->Search(q);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->hits.size(), 1u);
  EXPECT_EQ(hits->hits[0].version.url, "https://other.example/c");

  // Nothing new: nothing to do.
  auto again = UpdateArticleIndex(path_, {});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->up_to_date);
}

TEST_F(IndexBuilderTest, CatchesUpWithRecordsThatArriveLater) {
  Write();
  ASSERT_TRUE(UpdateArticleIndex(path_, {}).ok());
  Article("https://news.example/b", T(7), "Bridge", "The bridge reopens after repairs.");
  Article("https://news.example/d", T(7), "Tram", "The tram line opens.");
  auto r = UpdateArticleIndex(path_, {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->urls, 2);  // only the URLs that changed
  EXPECT_EQ(IndexChanges(true), CliChanges(true));
  auto url = Index()->Url(storage::SurtKey("https://news.example/b"));
  ASSERT_TRUE(url.ok() && url->has_value());
  EXPECT_EQ((*url)->deleted, 0);  // came back after the deletion
  EXPECT_EQ((*url)->versions, 2);
  EXPECT_EQ(Index()->CountAll()->urls, 4);
}

TEST_F(IndexBuilderTest, AnInterruptedBuildResumesWhereItStopped) {
  Write();
  int polls = 0;
  IndexOptions stop_early;
  stop_early.batch_urls = 1;
  stop_early.stop = [&] { return ++polls > 1; };  // one URL, then stop
  std::vector<IndexProgress> seen;
  stop_early.progress = [&](const IndexProgress& p) { seen.push_back(p); };
  auto first = UpdateArticleIndex(path_, stop_early);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_TRUE(first->interrupted);
  EXPECT_EQ(first->urls, 1);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().urls_total, 3);
  EXPECT_EQ(Index()->CountAll()->urls, 1);

  auto rest = UpdateArticleIndex(path_, {});
  ASSERT_TRUE(rest.ok()) << rest.status().message();
  EXPECT_EQ(rest->urls, 2);  // the two not done yet
  EXPECT_EQ(IndexChanges(true), CliChanges(true));

  IndexOptions rebuild;
  rebuild.rebuild = true;
  auto again = UpdateArticleIndex(path_, rebuild);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->urls, 3);
  EXPECT_EQ(IndexChanges(true), CliChanges(true));
}

TEST_F(IndexBuilderTest, ErrorsNameTheArchive) {
  auto missing = UpdateArticleIndex(dir_.File("none.db"), {});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("none.db"), std::string::npos);
  newsarc::testing::WriteFile(dir_.File("text.db"), "not an archive at all");
  auto junk = UpdateArticleIndex(dir_.File("text.db"), {});
  ASSERT_FALSE(junk.ok());
  EXPECT_NE(junk.status().message().find("not a newsarc archive"), std::string::npos);
}

}  // namespace
}  // namespace newsarc::audit
