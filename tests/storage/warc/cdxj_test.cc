#include "storage/warc/cdxj.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "storage/warc/warc_writer.h"
#include "test_util.h"

namespace newsarc::storage {
namespace {

using ::testing::HasSubstr;
using newsarc::testing::Gzip;
using newsarc::testing::ReadFile;
using newsarc::testing::TempDir;
using newsarc::testing::WriteFile;

const std::string kWarcio = NEWSARC_TESTDATA_DIR "/warc/warcio/";

struct Line {
  std::string surt, timestamp;
  nlohmann::json fields;
};

Line Parse(const std::string& line) {
  Line l;
  size_t a = line.find(' '), b = line.find(' ', a + 1);
  l.surt = line.substr(0, a);
  l.timestamp = line.substr(a + 1, b - a - 1);
  l.fields = nlohmann::json::parse(line.substr(b + 1));
  return l;
}

// Offsets, lengths, mime types and statuses as `warcio index` reports them
// (tests/testdata/warc/warcio/index.jsonl) for warcio's example.warc.gz.
TEST(CdxjTest, IndexesWarcioExampleLikeWarcio) {
  std::vector<std::string> lines;
  ASSERT_TRUE(IndexWarcFile(kWarcio + "example.warc.gz", &lines).ok());
  SortCdxjLines(&lines);
  ASSERT_EQ(lines.size(), 2u);  // response + revisit; warcinfo/request skipped
  Line resp = Parse(lines[0]), rev = Parse(lines[1]);
  EXPECT_EQ(resp.surt, "com,example)/");
  EXPECT_EQ(resp.fields["url"], "http://example.com/");
  EXPECT_EQ(resp.fields["mime"], "text/html");
  EXPECT_EQ(resp.fields["status"], "200");
  EXPECT_EQ(resp.fields["offset"], "784");
  EXPECT_EQ(resp.fields["length"], "1228");
  EXPECT_EQ(resp.fields["filename"], "example.warc.gz");
  EXPECT_EQ(resp.timestamp.size(), 14u);
  EXPECT_EQ(rev.fields["mime"], "warc/revisit");
  EXPECT_EQ(rev.fields["offset"], "2621");
  EXPECT_EQ(rev.fields["length"], "586");
  EXPECT_EQ(rev.fields["status"], "200");
  // Same payload, so same digest; labels stripped as pywb does.
  EXPECT_EQ(resp.fields["digest"], rev.fields["digest"]);
  EXPECT_EQ(resp.fields["digest"].get<std::string>().size(), 32u);
  EXPECT_LT(resp.timestamp, rev.timestamp);
  // Key order as pywb writes it.
  EXPECT_EQ(lines[0].find("{\"url\":"), lines[0].find('{'));
}

TEST(CdxjTest, SortIsBytewise) {
  std::vector<std::string> lines = {"org,example)/b 2020", "com,example)/ 2021",
                                    "com,example)/ 2020", "com,example,www)/ 2019",
                                    "com,example)/a 2000", "com,example)/ 2020"};
  SortCdxjLines(&lines);
  EXPECT_THAT(lines, ::testing::ElementsAre("com,example)/ 2020", "com,example)/ 2021",
                                            "com,example)/a 2000", "com,example,www)/ 2019",
                                            "org,example)/b 2020"));
}

TEST(CdxjTest, ResourceRecordWithoutHttp) {
  WarcRecord r;
  r.headers = {{"WARC-Type", "resource"},
               {"WARC-Record-ID", "<urn:uuid:1>"},
               {"WARC-Date", "2024-05-01T12:30:45Z"},
               {"WARC-Target-URI", "https://www.Example.org/img/a.png?b=1&a=2"},
               {"Content-Type", "image/png; foo=bar"},
               {"WARC-Block-Digest", "sha256:abcd"}};
  r.block = "png";
  auto line = CdxjLine(r, "f.warc.gz", 10, 20);
  ASSERT_TRUE(line.has_value());
  Line l = Parse(*line);
  EXPECT_EQ(l.surt, "org,example)/img/a.png?a=2&b=1");
  EXPECT_EQ(l.timestamp, "20240501123045");
  EXPECT_EQ(l.fields["mime"], "image/png");
  EXPECT_FALSE(l.fields.contains("status"));
  EXPECT_EQ(l.fields["digest"], "sha256:abcd");
  r.Set("WARC-Type", "request");
  EXPECT_FALSE(CdxjLine(r, "f.warc.gz", 0, 0).has_value());
  r.Set("WARC-Type", "warcinfo");
  EXPECT_FALSE(CdxjLine(r, "f.warc.gz", 0, 0).has_value());
}

TEST(CdxjTest, RefusesWholeFileGzipAndDamagedFiles) {
  std::vector<std::string> lines;
  Status s = IndexWarcFile(kWarcio + "example-bad-non-chunked.warc.gz", &lines);
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("gzip member"));
  TempDir dir;
  WriteFile(dir.File("empty.warc.gz"), "");
  EXPECT_THAT(IndexWarcFile(dir.File("empty.warc.gz"), &lines).message(),
              HasSubstr("empty.warc.gz: at offset 0"));
}

TEST(CdxjTest, WriteFileEndsEachLine) {
  TempDir dir;
  ASSERT_TRUE(WriteCdxjFile(dir.File("i.cdxj"), {"a 1 {}", "b 2 {}"}).ok());
  EXPECT_EQ(ReadFile(dir.File("i.cdxj")), "a 1 {}\nb 2 {}\n");
}

}  // namespace
}  // namespace newsarc::storage
