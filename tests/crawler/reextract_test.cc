#include "crawler/reextract.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "crawler/article_mapping.h"
#include "extract/extract.h"
#include "storage/storage.h"
#include "test_util.h"

namespace newsarc::crawler {
namespace {

using testing::TempDir;

TEST(HostInSite, MatchesTheHostAndItsSubdomains) {
  struct Case {
    const char* host;
    const char* site;
    bool in;
  } cases[] = {
      {"news.example", "news.example", true},
      {"www.news.example", "news.example", true},
      {"news.example", "www.news.example", true},
      {"sport.news.example", "news.example", true},
      {"NEWS.example", "news.EXAMPLE", true},
      {"news.example", "https://www.news.example/world", true},
      {"news.example", "news.example.", true},
      {"othernews.example", "news.example", false},
      {"news.example.org", "news.example", false},
      {"example", "news.example", false},
      {"news.example", "", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(HostInSite(c.host, c.site), c.in) << c.host << " in " << c.site;
  }
}

TEST(ArticleMapping, CopiesEveryFieldAndUsesTheDateHintOnlyAsFallback) {
  extract::Article a;
  a.title = "T";
  a.authors = {"A", "B"};
  a.text = "body";
  a.charset = "gb18030";
  a.tags = {"x"};
  ArticleOrigin origin{"http://news.example/a", "<urn:uuid:1>", 42, "2024-05-01"};
  storage::ArticleRecord r = ToArticleRecord(a, origin);
  EXPECT_EQ(r.url, "http://news.example/a");
  EXPECT_EQ(r.response_record_id, "<urn:uuid:1>");
  EXPECT_EQ(r.capture_time, 42);
  EXPECT_EQ(r.extractor_version, extract::kExtractorVersion);
  EXPECT_EQ(r.title, "T");
  EXPECT_EQ(r.authors, a.authors);
  EXPECT_EQ(r.text, "body");
  EXPECT_EQ(r.charset, "gb18030");
  EXPECT_EQ(r.tags, a.tags);
  EXPECT_EQ(r.published, "2024-05-01");
  // The provenance says the sitemap's date stood in, and carries the rest.
  EXPECT_EQ(r.provenance, (std::map<std::string, std::string>{{"publish_time", "sitemap"}}));
  a.published = "2024-04-30T10:00:00+08:00";
  a.provenance.published = "json-ld";
  a.provenance.title = "h1";
  storage::ArticleRecord own = ToArticleRecord(a, origin);
  EXPECT_EQ(own.published, "2024-04-30T10:00:00+08:00");
  EXPECT_EQ(own.provenance,
            (std::map<std::string, std::string>{{"publish_time", "json-ld"}, {"title", "h1"}}));
}

class ReextractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = storage::Archive::Open(dir_.File("a.db"));
    ASSERT_TRUE(a.ok()) << a.status().message();
    archive_ = std::move(*a);
  }

  void PutPage(int n) {
    storage::WarcRecord r;
    r.Set("WARC-Type", "response");
    r.Set("WARC-Target-URI", "http://news.example/" + std::to_string(n));
    r.Set("WARC-Date", "2024-05-01T00:00:00Z");
    r.Set("Content-Type", "application/http; msgtype=response");
    r.block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><title>Page " +
              std::to_string(n) + "</title><p>Some words of the article.</p></html>";
    ASSERT_TRUE(archive_->Put(r).ok());
  }

  int Conversions() {
    int n = 0;
    EXPECT_TRUE(archive_
                    ->ForEach([&](const storage::WarcRecord& r) {
                      if (r.type() == "conversion") ++n;
                      return true;
                    })
                    .ok());
    return n;
  }

  TempDir dir_;
  std::unique_ptr<storage::Archive> archive_;
};

TEST_F(ReextractTest, InterruptionCommitsTheRecordsDone) {
  for (int i = 0; i < 5; ++i) PutPage(i);
  ReextractOptions o;
  o.batch = 2;
  int polls = 0;
  // The scan polls once per record (5), then pass 2 once per response: stop
  // after three extractions.
  o.interrupted = [&] { return ++polls > 5 + 3; };
  ReextractStats stats;
  ASSERT_TRUE(ReextractArchive(*archive_, o, &stats).ok());
  EXPECT_TRUE(stats.interrupted);
  EXPECT_EQ(stats.extracted, 3);
  EXPECT_EQ(Conversions(), 3);

  // The next run finishes the job and does not redo the first three.
  ReextractStats rest;
  ASSERT_TRUE(ReextractArchive(*archive_, {}, &rest).ok());
  EXPECT_EQ(rest.extracted, 2);
  EXPECT_EQ(rest.up_to_date, 3);
  EXPECT_EQ(Conversions(), 5);
}

TEST_F(ReextractTest, ReportsProgressPerResponse) {
  for (int i = 0; i < 3; ++i) PutPage(i);
  ReextractOptions o;
  uint64_t last_done = 0, last_total = 0;
  std::string last_url;
  o.progress = [&](uint64_t done, uint64_t total, const std::string& url) {
    last_done = done;
    last_total = total;
    last_url = url;
  };
  ReextractStats stats;
  ASSERT_TRUE(ReextractArchive(*archive_, o, &stats).ok());
  EXPECT_EQ(last_done, 3u);
  EXPECT_EQ(last_total, 3u);
  EXPECT_EQ(last_url, "http://news.example/2");
}

TEST_F(ReextractTest, UndecodableBodyIsNamedAndSkipped) {
  storage::WarcRecord r;
  r.Set("WARC-Type", "response");
  r.Set("WARC-Target-URI", "http://news.example/broken");
  r.Set("WARC-Date", "2024-05-01T00:00:00Z");
  r.block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
            "this is not gzip";
  ASSERT_TRUE(archive_->Put(r).ok());
  ReextractStats stats;
  ASSERT_TRUE(ReextractArchive(*archive_, {}, &stats).ok());
  EXPECT_EQ(stats.extracted, 0);
  EXPECT_EQ(stats.undecodable, 1);
  ASSERT_EQ(stats.problems.size(), 1u);
  EXPECT_NE(stats.problems[0].find("http://news.example/broken"), std::string::npos);
  EXPECT_EQ(Conversions(), 0);
}

}  // namespace
}  // namespace newsarc::crawler
