#include "corpus/filter.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "corpus/corpus_fixture.h"

namespace newsarc::corpus {
namespace {

using namespace corpus_testing;

CorpusArticle Article(const std::string& url, const std::string& published = "",
                      const std::string& lang = "", int64_t chars = 100) {
  CorpusArticle a;
  a.url = a.final_url = url;
  a.published = published;
  a.language = lang;
  a.char_count = chars;
  a.capture_time = T("2026-11-21T10:00:00Z");
  return a;
}

CorpusFilter Make(const CorpusFilterOptions& o) {
  auto f = CorpusFilter::Create(o);
  EXPECT_TRUE(f.ok()) << f.status().message();
  return std::move(*f);
}

TEST(CorpusFilterTest, SiteTakesTheHostAndItsSubdomains) {
  CorpusFilterOptions o;
  o.sites = {"Example.com", "news.test."};
  CorpusFilter f = Make(o);
  EXPECT_TRUE(f.Accept(Article("http://example.com/a")));
  EXPECT_TRUE(f.Accept(Article("https://www.example.com/a")));
  EXPECT_TRUE(f.Accept(Article("http://news.test/a")));
  EXPECT_FALSE(f.Accept(Article("http://badexample.com/a")));
  EXPECT_FALSE(f.Accept(Article("http://example.com.evil.test/a")));
  EXPECT_FALSE(f.Accept(Article("http://other.test/example.com")));
  o.sites = {"http://example.com/"};
  EXPECT_FALSE(CorpusFilter::Create(o).ok());
}

TEST(CorpusFilterTest, SinceUntilByPublicationDate) {
  CorpusFilterOptions o;
  o.since = "2026-11-01";
  o.until = "2026-11-20";  // the whole of the 20th
  CorpusFilter f = Make(o);
  EXPECT_TRUE(f.Accept(Article("http://a.test/1", "2026-11-01T00:00:00Z")));
  EXPECT_TRUE(f.Accept(Article("http://a.test/2", "2026-11-20 23:59")));
  EXPECT_TRUE(f.Accept(Article("http://a.test/3", "2026-11-10T08:00:00+08:00")));
  EXPECT_FALSE(f.Accept(Article("http://a.test/4", "2026-10-31T23:59:59Z")));
  EXPECT_FALSE(f.Accept(Article("http://a.test/5", "2026-11-21T00:00:00Z")));
  // No parseable publication date: excluded when a range is asked for.
  EXPECT_FALSE(f.Accept(Article("http://a.test/6", "")));
  EXPECT_FALSE(f.Accept(Article("http://a.test/7", "last Tuesday")));
  // Month and year precision.
  o.since = "2026";
  o.until = "2026-02";
  f = Make(o);
  EXPECT_TRUE(f.Accept(Article("http://a.test/8", "2026-02-28T12:00:00Z")));
  EXPECT_FALSE(f.Accept(Article("http://a.test/9", "2026-03-01")));
  EXPECT_FALSE(f.Accept(Article("http://a.test/10", "2025-12-31")));
  o.until = "yesterday";
  auto bad = CorpusFilter::Create(o);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("--until yesterday"), std::string::npos);
}

TEST(CorpusFilterTest, SinceUntilByCaptureDate) {
  CorpusFilterOptions o;
  o.since = "2026-11-21T09:00:00Z";
  o.until = "2026-11-21";
  o.by = DateBasis::kCapture;
  CorpusFilter f = Make(o);
  EXPECT_TRUE(f.Accept(Article("http://a.test/1", "")));  // captured at 10:00
  o.since = "2026-11-21T11:00:00Z";
  EXPECT_FALSE(Make(o).Accept(Article("http://a.test/1", "2026-11-21")));
}

TEST(CorpusFilterTest, LanguageMatchesPrimaryTag) {
  CorpusFilterOptions o;
  o.languages = {"en", "ZH"};
  CorpusFilter f = Make(o);
  EXPECT_TRUE(f.Accept(Article("http://a.test/", "", "en")));
  EXPECT_TRUE(f.Accept(Article("http://a.test/", "", "en-GB")));
  EXPECT_TRUE(f.Accept(Article("http://a.test/", "", "zh-Hans-CN")));
  EXPECT_FALSE(f.Accept(Article("http://a.test/", "", "eng")));
  EXPECT_FALSE(f.Accept(Article("http://a.test/", "", "fr")));
  EXPECT_FALSE(f.Accept(Article("http://a.test/", "", "")));
}

TEST(CorpusFilterTest, MinCharsAndMatch) {
  CorpusFilterOptions o;
  o.min_chars = 50;
  o.match = "/20[0-9]{2}/";
  CorpusFilter f = Make(o);
  EXPECT_TRUE(f.Accept(Article("http://a.test/2026/x", "", "", 50)));
  EXPECT_FALSE(f.Accept(Article("http://a.test/2026/x", "", "", 49)));
  EXPECT_FALSE(f.Accept(Article("http://a.test/about", "", "", 500)));
  CorpusArticle canon = Article("http://a.test/p?id=1");
  canon.canonical_url = "http://a.test/2026/story";
  EXPECT_TRUE(f.Accept(canon));
  o.min_chars = -1;
  EXPECT_FALSE(CorpusFilter::Create(o).ok());
}

TEST(CorpusFilterTest, CountTextCountsCjkCharactersAsWords) {
  TextCounts c = CountText("Hello, world! It's well-known.");
  EXPECT_EQ(c.words, 4);
  EXPECT_EQ(c.chars, 27);
  c = CountText("城东湿地公园,下月开放。 Park opens");
  EXPECT_EQ(c.words, 12);  // 10 ideographs + 2 words
  EXPECT_EQ(c.chars, 21);  // punctuation counts, spaces do not
  c = CountText("\xff\xfe broken");
  EXPECT_EQ(c.words, 1);
  EXPECT_EQ(c.chars, 8);
  EXPECT_EQ(CountText("").words, 0);
}

// Every filter through a real export.
TEST(CorpusFilterTest, ExportAppliesEveryFilter) {
  CorpusArchive ca;
  auto add = [&](const std::string& url, const std::string& published, const std::string& lang,
                 const std::string& text, const char* captured) {
    ArticleRecord a;
    a.url = url;
    a.published = published;
    a.language = lang;
    a.text = text;
    a.title = url;
    a.capture_time = T(captured);
    ca.AddArticle(a);
  };
  std::string long_text(300, 'x');
  add("http://a.test/2026/one", "2026-11-01", "en", long_text, "2026-11-02T00:00:00Z");
  add("http://www.a.test/2026/two", "2026-11-15", "zh", "城东湿地公园下月起免费开放", "2026-11-16T00:00:00Z");
  add("http://b.test/2026/three", "2026-11-20", "en", long_text, "2026-11-25T00:00:00Z");
  add("http://b.test/about", "", "en", long_text, "2026-11-25T00:00:00Z");

  auto run = [&](const CorpusFilterOptions& filter) {
    CorpusOptions o;
    o.filter = filter;
    o.out = ca.File("f.jsonl");
    o.force = true;
    ExportSummary s;
    Status st = ca.Export(o, &s);
    EXPECT_TRUE(st.ok()) << st.message();
    std::vector<std::string> urls;
    std::ifstream in(o.out);
    std::string line;
    while (std::getline(in, line)) urls.push_back(nlohmann::json::parse(line)["url"]);
    EXPECT_EQ(s.written, urls.size());
    return urls;
  };
  using V = std::vector<std::string>;
  CorpusFilterOptions f;
  EXPECT_EQ(run(f).size(), 4u);
  f.sites = {"a.test"};
  EXPECT_EQ(run(f), (V{"http://a.test/2026/one", "http://www.a.test/2026/two"}));
  f = {};
  f.languages = {"zh"};
  EXPECT_EQ(run(f), (V{"http://www.a.test/2026/two"}));
  f = {};
  f.min_chars = 100;
  EXPECT_EQ(run(f), (V{"http://a.test/2026/one", "http://b.test/2026/three", "http://b.test/about"}));
  f = {};
  f.match = "/2026/";
  EXPECT_EQ(run(f).size(), 3u);
  f = {};
  f.since = "2026-11-10";
  f.until = "2026-11-20";
  EXPECT_EQ(run(f), (V{"http://www.a.test/2026/two", "http://b.test/2026/three"}));
  f.by = DateBasis::kCapture;
  EXPECT_EQ(run(f), (V{"http://www.a.test/2026/two"}));
  f = {};
  f.sites = {"b.test"};
  f.match = "three";
  f.languages = {"en"};
  EXPECT_EQ(run(f), (V{"http://b.test/2026/three"}));
}

}  // namespace
}  // namespace newsarc::corpus
