#include "storage/article_record.h"

#include <gtest/gtest.h>

namespace newsarc::storage {
namespace {

ArticleRecord Sample() {
  ArticleRecord a;
  a.url = "http://news2.test/20261121/park.html";
  a.response_record_id = "<urn:uuid:00000000-0000-4000-8000-000000000001>";
  a.capture_time = *ParseIsoDate("2026-11-21T10:30:00Z");
  a.extractor_version = "newsarc-extract/0.1";
  a.title = "城东湿地公园下月起免费开放";
  a.authors = {"王晓明"};
  a.source = "演示日报";
  a.editor = "李红";
  a.tags = {"城市", "公园"};
  a.text = "第一段。\n\n第二段。";
  a.provenance = {{"author", "dateline"}, {"source", "outlet-beside-date"}};
  return a;
}

TEST(ArticleRecordTest, ConversionRecordRoundTrip) {
  WarcRecord r = MakeConversionRecord(Sample(), *ParseIsoDate("2026-11-21T11:00:00Z"));
  EXPECT_EQ(r.type(), "conversion");
  EXPECT_EQ(r.Get("WARC-Refers-To"), "<urn:uuid:00000000-0000-4000-8000-000000000001>");
  EXPECT_EQ(r.target_uri(), "http://news2.test/20261121/park.html");
  EXPECT_EQ(r.Get("Content-Type"), kArticleContentType);
  auto back = ParseConversionRecord(r);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->title, "城东湿地公园下月起免费开放");
  EXPECT_EQ(back->authors, std::vector<std::string>{"王晓明"});
  EXPECT_EQ(back->editor, "李红");
  EXPECT_EQ(back->tags.size(), 2u);
  EXPECT_EQ(back->text, "第一段。\n\n第二段。");
  EXPECT_EQ(back->capture_time, Sample().capture_time);
  EXPECT_EQ(back->provenance, Sample().provenance);
}

TEST(ArticleRecordTest, RecordsWithoutProvenanceStillRead) {
  // Conversion records written before the extractor said where fields came from.
  auto back = ArticleFromJson(R"({"url":"http://a.test/","title":"T"})");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_TRUE(back->provenance.empty());
  auto odd = ArticleFromJson(R"({"url":"http://a.test/","provenance":{"title":7,"source":"meta"}})");
  ASSERT_TRUE(odd.ok());
  EXPECT_EQ(odd->provenance, (std::map<std::string, std::string>{{"source", "meta"}}));
}

TEST(ArticleRecordTest, RejectsBrokenJson) {
  EXPECT_FALSE(ArticleFromJson("{not json").ok());
  EXPECT_FALSE(ArticleFromJson("[]").ok());
  EXPECT_FALSE(ArticleFromJson("{\"title\":\"no url\"}").ok());
}

TEST(ArticleRecordTest, InvalidUtf8IsReplacedNotFatal) {
  ArticleRecord a = Sample();
  a.text = "bad \xff\xfe bytes";
  auto back = ArticleFromJson(ArticleToJson(a));
  ASSERT_TRUE(back.ok());
  EXPECT_NE(back->text.find("bad "), std::string::npos);
}

}  // namespace
}  // namespace newsarc::storage
