// The article index's tables and queries (storage/article_index.h), filled
// with rows written here (the audit module computes them in real use).
#include "storage/article_index.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "storage/storage.h"
#include "test_util.h"

namespace newsarc::storage {
namespace {

using ::testing::HasSubstr;

class ArticleIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("a.db");
    // An archive (schema 4) to hold the index.
    auto a = Archive::Open(path_);
    ASSERT_TRUE(a.ok()) << a.status().message();
    auto idx = ArticleIndex::Open(path_, true);
    ASSERT_TRUE(idx.ok()) << idx.status().message();
    index_ = std::move(*idx);
  }

  static IndexedVersion V(int64_t id, const std::string& url, Micros t, const std::string& title,
                          const std::string& change, const std::string& lang = "en") {
    IndexedVersion v;
    v.id = id;
    v.conversion_id = "<urn:uuid:c" + std::to_string(id) + ">";
    v.capture_id = "<urn:uuid:r" + std::to_string(id) + ">";
    v.url = url;
    v.surt = SurtKey(url);
    v.host = url.substr(7, url.find('/', 7) - 7);
    v.capture_time = t;
    v.title = title;
    v.language = lang;
    v.change = change;
    v.authors = {"Ana Duarte", "Tom"};
    v.fields = change == "changed" ? std::vector<std::string>{"text"} : std::vector<std::string>{};
    v.change_size = change == "changed" ? 7 : 0;
    return v;
  }

  void Put(std::vector<IndexedVersion> versions, const std::vector<std::string>& texts,
           const std::vector<IndexedDeletion>& deletions = {}) {
    for (size_t i = 0; i < versions.size() && i < texts.size(); ++i) {
      versions[i].chars = static_cast<int64_t>(texts[i].size());
    }
    ASSERT_TRUE(index_->Begin().ok());
    Status s = index_->ReplaceUrl(versions.front().surt, versions, texts, deletions);
    ASSERT_TRUE(s.ok()) << s.message();
    ASSERT_TRUE(index_->Commit().ok());
  }

  std::vector<std::string> SearchUrls(const std::string& q, SearchMode mode = SearchMode::kWords,
                                      const std::string& host = "") {
    SearchQuery sq;
    sq.text = q;
    sq.mode = mode;
    sq.host = host;
    auto r = index_->Search(sq);
    EXPECT_TRUE(r.ok()) << q << ": " << r.status().message();
    std::vector<std::string> out;
    if (r.ok()) {
      for (const SearchHit& h : r->hits) out.push_back(h.version.url);
    }
    return out;
  }

  void Fill() {
    Put({V(1, "http://news.example/ferries", 1000, "Harbour ferries return", "first"),
         V(5, "http://news.example/ferries", 5000, "Harbour ferries return", "changed")},
        {"Ferry services resumed on Saturday after the storm.",
         "Ferry services resumed on Sunday after the storm flooded the waterfront."});
    Put({V(2, "http://www.news.example/library", 2000, "Library opens at night", "first")},
        {"The city library opens its reading rooms at night."});
    Put({V(3, "http://zh.news.example/park", 3000, "城东湿地公园下月起免费开放", "first", "zh-CN")},
        {"记者从市园林局获悉,湿地公园将于下月一日起正式向市民免费开放。"});
    Put({V(4, "http://other.example/dam", 4000, "Valley towns vote", "first")},
        {"Residents voted to keep the old river dam."},
        {IndexedDeletion{9, "<urn:uuid:r9>", SurtKey("http://other.example/dam"),
                         "http://other.example/dam", "other.example", 9000, "Valley towns vote",
                         7, 4, 4000, "<urn:uuid:r4>"}});
  }

  newsarc::testing::TempDir dir_;
  std::string path_;
  std::unique_ptr<ArticleIndex> index_;
};

TEST_F(ArticleIndexTest, ListsUrlsWithFiltersSortingAndPaging) {
  Fill();
  UrlQuery q;
  auto all = index_->ListUrls(q);
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->total, 4);
  // Newest last version first.
  EXPECT_EQ(all->rows[0].url, "http://news.example/ferries");
  EXPECT_EQ(all->rows[0].versions, 2);
  EXPECT_EQ(all->rows[0].changes, 1);
  EXPECT_EQ(all->rows[0].first_version, 1000);
  EXPECT_EQ(all->rows[0].last_version, 5000);
  EXPECT_EQ(all->rows[1].url, "http://other.example/dam");
  EXPECT_EQ(all->rows[1].deleted, 9000);

  q.host = "news.example";  // the host and its subdomains, www. ignored
  auto host = index_->ListUrls(q);
  ASSERT_TRUE(host.ok());
  EXPECT_EQ(host->total, 3);
  q.host = "";
  q.language = "zh";
  EXPECT_EQ(index_->ListUrls(q)->total, 1);
  q.language = "";
  q.changed_only = true;
  auto changed = index_->ListUrls(q);
  std::set<std::string> urls;
  for (const auto& r : changed->rows) urls.insert(r.url);
  EXPECT_EQ(urls, (std::set<std::string>{"http://news.example/ferries", "http://other.example/dam"}));
  q.changed_only = false;
  q.since = 2000;
  q.until = 3500;  // a version captured in [2000, 3500)
  EXPECT_EQ(index_->ListUrls(q)->total, 2);
  UrlQuery paged;
  paged.sort = UrlSort::kTitle;
  paged.descending = false;
  paged.limit = 2;
  paged.offset = 1;
  auto page = index_->ListUrls(paged);
  ASSERT_EQ(page->rows.size(), 2u);
  EXPECT_EQ(page->total, 4);
  EXPECT_EQ(page->rows[0].title, "Library opens at night");
}

TEST_F(ArticleIndexTest, SearchFindsWordsInEveryScript) {
  Fill();
  EXPECT_EQ(SearchUrls("harbour"), (std::vector<std::string>{"http://news.example/ferries"}));
  EXPECT_EQ(SearchUrls("FERRY storm"), (std::vector<std::string>{"http://news.example/ferries"}));
  EXPECT_TRUE(SearchUrls("ferry library").empty());  // every word must occur
  // Two-character Chinese words, and characters inside a word.
  EXPECT_EQ(SearchUrls("记者"), (std::vector<std::string>{"http://zh.news.example/park"}));
  EXPECT_EQ(SearchUrls("园林"), (std::vector<std::string>{"http://zh.news.example/park"}));
  EXPECT_EQ(SearchUrls("湿地"), (std::vector<std::string>{"http://zh.news.example/park"}));
  EXPECT_TRUE(SearchUrls("记录").empty());
  // Exact mode: a phrase, the last word a prefix.
  EXPECT_EQ(SearchUrls("after the storm flood", SearchMode::kExact),
            (std::vector<std::string>{"http://news.example/ferries"}));
  EXPECT_TRUE(SearchUrls("storm after", SearchMode::kExact).empty());
  EXPECT_EQ(SearchUrls("者从市", SearchMode::kExact),
            (std::vector<std::string>{"http://zh.news.example/park"}));
  // Filters.
  EXPECT_TRUE(SearchUrls("harbour", SearchMode::kWords, "other.example").empty());
  // One hit per URL, with its best version and how many versions match.
  SearchQuery sq;
  sq.text = "ferry";
  auto r = index_->Search(sq);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].matching_versions, 2);
  EXPECT_EQ(r->total, 1);
  EXPECT_EQ(r->hits[0].version.authors, (std::vector<std::string>{"Ana Duarte", "Tom"}));
}

TEST_F(ArticleIndexTest, HostileQueriesAreWordsNotSyntax) {
  Fill();
  for (const char* q : {"\"", "harbour\"", "NOT harbour", "harbour OR", "(harbour", "ha*",
                        "title:harbour", "^harbour", "harbour NEAR/2", "\"\"\"\"", "- + : ;"}) {
    SearchQuery sq;
    sq.text = q;
    auto r = index_->Search(sq);
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument) << q;
      EXPECT_THAT(r.status().message(), HasSubstr("q=")) << q;
    }
  }
  // "NOT" is a word to look for, not an operator.
  EXPECT_TRUE(SearchUrls("NOT harbour").empty());
  SearchQuery blank;
  blank.text = "  ,,,  ";
  auto none = index_->Search(blank);
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.status().message(), HasSubstr("no word to search for"));
}

TEST_F(ArticleIndexTest, ChangesListEditsAndDeletionsLikeTheCli) {
  Fill();
  auto page = index_->Changes(ChangeFilter{});
  ASSERT_TRUE(page.ok()) << page.status().message();
  ASSERT_EQ(page->total, 2);
  // Largest first (7 words each; then the later one).
  EXPECT_EQ(page->rows[0].kind, "deleted");
  EXPECT_EQ(page->rows[0].to_date, 9000);
  EXPECT_EQ(page->rows[0].from_record, "<urn:uuid:r4>");
  EXPECT_EQ(page->rows[1].kind, "edited");
  EXPECT_EQ(page->rows[1].fields, (std::vector<std::string>{"text"}));
  ChangeFilter one;
  one.surt = SurtKey("http://news.example/ferries");
  EXPECT_EQ(index_->Changes(one)->total, 1);
  ChangeFilter big;
  big.min_change = 8;
  EXPECT_EQ(index_->Changes(big)->total, 0);
}

TEST_F(ArticleIndexTest, ReplacingAUrlKeepsOneFullTextEntryPerVersion) {
  Fill();
  // Re-indexing the same URL (as every update does) must not duplicate.
  Put({V(1, "http://news.example/ferries", 1000, "Harbour ferries return", "first"),
       V(5, "http://news.example/ferries", 5000, "Harbour ferries return", "changed")},
      {"Ferry services resumed on Saturday after the storm.",
       "Ferry services resumed on Sunday after the storm flooded the waterfront."});
  SearchQuery sq;
  sq.text = "ferry";
  EXPECT_EQ(index_->Search(sq)->hits[0].matching_versions, 2);
  auto counts = index_->CountAll();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->urls, 4);
  EXPECT_EQ(counts->versions, 5);
  EXPECT_EQ(counts->deletions, 1);

  auto ro = ArticleIndex::Open(path_, false);
  ASSERT_TRUE(ro.ok());
  Status w = (*ro)->Begin();
  EXPECT_EQ(w.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ((*ro)->ListUrls(UrlQuery{})->total, 4);

  ASSERT_TRUE(index_->Begin().ok());
  ASSERT_TRUE(index_->Clear().ok());
  ASSERT_TRUE(index_->Commit().ok());
  EXPECT_EQ(index_->ListUrls(UrlQuery{})->total, 0);
  EXPECT_TRUE(SearchUrls("ferry").empty());
}

}  // namespace
}  // namespace newsarc::storage
