// Reading the older formats through WarcReader: ARC v1/v2 files (warcio's
// samples and ours) and WARC/0.17 and 0.18 records, converted to WARC/1.1.
// Our samples are written by tests/testdata/warc/legacy/make_samples.py.
#include "storage/warc/arc_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "storage/warc/warc_reader.h"
#include "read_all.h"
#include "test_util.h"

namespace newsarc::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using newsarc::testing::Gzip;
using newsarc::testing::TempDir;
using newsarc::testing::WriteFile;

const std::string kWarcio = NEWSARC_TESTDATA_DIR "/warc/warcio/";
const std::string kLegacy = NEWSARC_TESTDATA_DIR "/warc/legacy/";

// warcio's iterator expectations for its ARC files. warcio calls the
// filedesc record "arc_header" (or, converting, "warcinfo", as we do), and
// every URL record "response"; ours is "resource" when the block is not an
// HTTP message (bad.arc's empty and one-byte blocks).
TEST(ArcReaderTest, WarcioIteratorExpectations) {
  int checked = 0;
  for (const auto& t : ReadJsonl(kWarcio + "iterator.jsonl")) {
    std::string file = t["file"];
    if (file.find(".arc") == std::string::npos) continue;
    if (t["options"].contains("cls")) continue;  // warcio's WARC-only/ARC-only iterators
    ASSERT_FALSE(t["raises"].is_string()) << file;
    ReadResult r = ReadAll(kWarcio + file);
    EXPECT_TRUE(r.error.ok()) << file << ": " << r.error.message();
    std::vector<std::string> want = t["expected_record_types"];
    ASSERT_EQ(r.records.size(), want.size()) << file;
    for (size_t i = 0; i < want.size(); ++i) {
      std::string type(r.records[i].type());
      if (want[i] == "arc_header" || want[i] == "warcinfo") {
        EXPECT_EQ(type, "warcinfo") << file << " #" << i;
      } else {
        bool http = r.records[i].block.rfind("HTTP/", 0) == 0;
        EXPECT_EQ(type, http ? "response" : "resource") << file << " #" << i;
      }
      EXPECT_EQ(r.records[i].version, "WARC/1.1");
    }
    EXPECT_EQ(r.converted["ARC/1.0"], static_cast<int64_t>(want.size())) << file;
    ++checked;
  }
  EXPECT_EQ(checked, 5);  // example.arc.gz twice: with warcio's arc2warc and without
}

// Offsets and lengths as `warcio index` reports them for example.arc.
TEST(ArcReaderTest, WarcioIndexOffsetsAndLengths) {
  int files = 0;
  for (const auto& t : ReadJsonl(kWarcio + "index.jsonl")) {
    std::string file = t["file"];
    if (file.find(".arc") == std::string::npos) continue;
    ReadResult r = ReadAll(kWarcio + file);
    ASSERT_TRUE(r.error.ok()) << r.error.message();
    ASSERT_EQ(r.records.size(), t["records"].size()) << file;
    for (size_t i = 0; i < r.records.size(); ++i) {
      const auto& want = t["records"][i];
      EXPECT_EQ(r.locations[i].offset, want["offset"].get<uint64_t>()) << file << " #" << i;
      EXPECT_EQ(r.locations[i].length, want["length"].get<uint64_t>()) << file << " #" << i;
      EXPECT_EQ(r.records[i].type(), want["warc-type"].get<std::string>());
      if (want.contains("warc-target-uri")) {
        EXPECT_EQ(r.records[i].target_uri(), want["warc-target-uri"].get<std::string>());
      }
      if (want.contains("warc-filename")) {
        EXPECT_EQ(r.records[i].Get("WARC-Filename"), want["warc-filename"].get<std::string>());
      }
    }
    ++files;
  }
  EXPECT_EQ(files, 2);
}

TEST(ArcReaderTest, ExampleArcMapsToWarc11) {
  ReadResult r = ReadAll(kWarcio + "example.arc");
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  ASSERT_EQ(r.records.size(), 2u);
  const WarcRecord& info = r.records[0];
  EXPECT_EQ(info.version, "WARC/1.1");
  EXPECT_EQ(info.type(), "warcinfo");
  EXPECT_EQ(info.Get("WARC-Date"), "2014-02-16T05:02:21Z");
  EXPECT_EQ(info.Get("WARC-Filename"), "live-web-example.arc.gz");
  EXPECT_EQ(info.Get("WARC-IP-Address"), "127.0.0.1");
  EXPECT_EQ(info.Get("Content-Type"), "text/plain");
  EXPECT_THAT(info.block, StartsWith("1 0 LiveWeb Capture\nURL IP-address"));
  EXPECT_EQ(info.Get("Content-Length"), std::to_string(info.block.size()));
  EXPECT_EQ(info.Get("Newsarc-Original-Version"), "ARC/1.0");
  EXPECT_EQ(info.Get("Newsarc-ARC-Header"),
            "filedesc://live-web-example.arc.gz 127.0.0.1 20140216050221 text/plain 75");
  EXPECT_THAT(std::string(info.id()), StartsWith("<urn:uuid:"));

  const WarcRecord& resp = r.records[1];
  EXPECT_EQ(resp.type(), "response");
  EXPECT_EQ(resp.target_uri(), "http://example.com/");
  EXPECT_EQ(resp.Get("WARC-Date"), "2014-02-16T05:02:21Z");
  EXPECT_EQ(resp.Get("WARC-IP-Address"), "93.184.216.119");
  EXPECT_EQ(resp.Get("Content-Type"), "application/http; msgtype=response");
  EXPECT_EQ(resp.Get("WARC-Warcinfo-ID"), info.id());
  EXPECT_EQ(resp.block.size(), 1591u);
  EXPECT_THAT(resp.block, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_EQ(resp.Get("Newsarc-ARC-Header"),
            "http://example.com/ 93.184.216.119 20140216050221 text/html 1591");
  EXPECT_EQ(r.warnings.total, 0);
  EXPECT_EQ(r.converted, (std::map<std::string, int64_t>{{"ARC/1.0", 2}}));
}

// The same records from the plain and the gzip-per-record file, with the
// same (content-derived) ids; the gzip offsets are the members'.
TEST(ArcReaderTest, GzipPerRecordReadsTheSameRecords) {
  for (const std::string& base : {kWarcio + "example.arc", kLegacy + "arc-v1.arc"}) {
    ReadResult plain = ReadAll(base), gz = ReadAll(base + ".gz");
    ASSERT_TRUE(plain.error.ok()) << plain.error.message();
    ASSERT_TRUE(gz.error.ok()) << gz.error.message();
    ASSERT_EQ(plain.records.size(), gz.records.size()) << base;
    uint64_t next = 0;
    for (size_t i = 0; i < plain.records.size(); ++i) {
      EXPECT_EQ(plain.records[i].headers, gz.records[i].headers) << base << " #" << i;
      EXPECT_EQ(plain.records[i].block, gz.records[i].block) << base << " #" << i;
      EXPECT_TRUE(gz.locations[i].member_aligned);
      EXPECT_EQ(gz.locations[i].offset, next) << base << " #" << i;
      next += gz.locations[i].length;
    }
  }
}

TEST(ArcReaderTest, OurArcV1Sample) {
  ReadResult r = ReadAll(kLegacy + "arc-v1.arc");
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  EXPECT_THAT(Types(r), ElementsAre("warcinfo", "resource", "response", "response"));
  EXPECT_THAT(r.records[0].block, HasSubstr("<arcmetadata"));
  EXPECT_FALSE(r.records[0].Has("WARC-IP-Address"));  // 0.0.0.0: none
  EXPECT_EQ(r.records[1].target_uri(), "dns:news.example.org");
  EXPECT_EQ(r.records[1].Get("Content-Type"), "text/dns");
  EXPECT_EQ(r.records[3].target_uri(), "http://news.example.org/pixel.gif");
  EXPECT_EQ(r.warnings.total, 0);
  std::set<std::string> ids;
  for (const auto& rec : r.records) ids.emplace(rec.id());
  EXPECT_EQ(ids.size(), r.records.size());
  // Derived ids: a second read finds the same ones.
  ReadResult again = ReadAll(kLegacy + "arc-v1.arc");
  for (size_t i = 0; i < r.records.size(); ++i) {
    EXPECT_EQ(r.records[i].id(), again.records[i].id());
  }
}

TEST(ArcReaderTest, ArcV2) {
  ReadResult r = ReadAll(kLegacy + "arc-v2.arc");
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  EXPECT_THAT(Types(r), ElementsAre("warcinfo", "response"));
  EXPECT_EQ(r.records[0].Get("WARC-Filename"), "IA-001102.arc");
  EXPECT_EQ(r.records[1].target_uri(), "http://www.example.org/");
  EXPECT_EQ(r.records[1].Get("WARC-Date"), "1996-11-02T12:50:51Z");
  EXPECT_EQ(r.records[1].Get("Newsarc-Original-Version"), "ARC/2.0");
  EXPECT_EQ(r.converted, (std::map<std::string, int64_t>{{"ARC/2.0", 2}}));
}

// A URL with spaces, and HTTP headers whose CRs were lost, so the block is
// 13 bytes shorter than its Archive-length: kept, with a warning (warcio
// reads it without complaint).
TEST(ArcReaderTest, SpaceInUrlAndShortBlock) {
  ReadResult r = ReadAll(kWarcio + "example-space-in-url.arc");
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].target_uri(),
            "http://example.com/index.cfm?FuseAction=Email&EmailTitle=Examples From The Live "
            "Web&IsPopUp=False");
  EXPECT_EQ(r.records[1].type(), "response");
  ASSERT_EQ(r.warnings.total, 1);
  EXPECT_THAT(r.warnings.first[0], HasSubstr("at offset 151: Archive-length 1591 but the file "
                                             "ends after 1579 bytes"));
}

// bad.arc: lengths -1 and "abc" read as 0 and an 18-digit date cut to 14,
// as warcio does; each repair is a warning naming its offset.
TEST(ArcReaderTest, BadArcIsReadLikeWarcio) {
  ReadResult r = ReadAll(kWarcio + "bad.arc");
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  EXPECT_THAT(Types(r), ElementsAre("warcinfo", "resource", "resource", "resource"));
  EXPECT_EQ(r.records[1].block, "");
  EXPECT_EQ(r.records[2].block, "\n");
  EXPECT_EQ(r.records[1].Get("WARC-Date"), "2014-04-01T00:00:00Z");
  EXPECT_EQ(r.records[1].Get("Content-Type"), "text/html");
  EXPECT_EQ(r.warnings.total, 5);
  EXPECT_THAT(r.warnings.first[0], HasSubstr("at offset 0: Archive-length \"-1\" is not a number"));
  EXPECT_THAT(r.warnings.first[1], HasSubstr("at offset 134: Archive-length \"-1\""));
  EXPECT_THAT(r.warnings.first[2], HasSubstr("at offset 134: Archive-date \"201404010000000000\""));
}

TEST(ArcReaderTest, DamagedArcFailsWithOffsetAndCause) {
  ReadResult garbage = ReadAll(kLegacy + "bad-garbage-header.arc");
  EXPECT_EQ(garbage.records.size(), 2u);
  EXPECT_THAT(garbage.error.message(),
              HasSubstr("bad-garbage-header.arc: at offset 512: expected an ARC record header "
                        "line with 5 fields"));
  EXPECT_THAT(garbage.error.message(), HasSubstr("wrong Archive-length in the previous record?"));

  ReadResult version = ReadAll(kLegacy + "bad-arc-version.arc");
  EXPECT_TRUE(version.records.empty());
  EXPECT_THAT(version.error.message(),
              HasSubstr("bad-arc-version.arc: at offset 0: unsupported ARC version block \"3 0 "
                        "Future\""));

  TempDir dir;
  const std::string head =
      "filedesc://x.arc 0.0.0.0 20080430204825 text/plain 62\n1 0 X\nURL IP-address "
      "Archive-date Content-type Archive-length\n\n";
  WriteFile(dir.File("date.arc"), head + "http://a/ 1.2.3.4 20081330204825 text/html 1\nx\n");
  EXPECT_THAT(ReadAll(dir.File("date.arc")).error.message(),
              HasSubstr("date.arc: at offset 117: bad Archive-date \"20081330204825\""));
  WriteFile(dir.File("huge.arc"), head + "http://a/ 1.2.3.4 20080430204825 text/html "
                                         "99999999999999\nx\n");
  EXPECT_THAT(ReadAll(dir.File("huge.arc")).error.message(),
              HasSubstr("huge.arc: at offset 117: declared Archive-length 99999999999999 exceeds"));
  WriteFile(dir.File("cut.arc"), head.substr(0, 60));
  EXPECT_THAT(ReadAll(dir.File("cut.arc")).error.message(),
              HasSubstr("cut.arc: at offset 0: the file ends inside the filedesc record's "
                        "version block"));
  // A gzip member cut short is the gzip layer's error, at the member.
  std::string first = Gzip(head);
  std::string second = Gzip("http://a/ 1.2.3.4 20080430204825 text/html 5000\n" +
                            std::string(5000, 'z') + "\n");
  WriteFile(dir.File("trunc.arc.gz"), first + second.substr(0, second.size() / 2));
  ReadResult trunc = ReadAll(dir.File("trunc.arc.gz"));
  EXPECT_EQ(trunc.records.size(), 1u);
  EXPECT_THAT(trunc.error.message(),
              HasSubstr("trunc.arc.gz: at offset " + std::to_string(first.size()) +
                        ": truncated gzip member"));
}

// In a gzip-per-record file, a record without a usable Archive-length
// ends with its member.
TEST(ArcReaderTest, GzipMemberBoundsARecordWithABadLength) {
  TempDir dir;
  const std::string vb = "1 0 X\nURL IP-address Archive-date Content-type Archive-length\n";
  const std::string head = "filedesc://x.arc 0.0.0.0 20080430204825 text/plain " +
                           std::to_string(vb.size()) + "\n" + vb + "\n";
  const std::string http = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhi\n";
  WriteFile(dir.File("len.arc.gz"),
            Gzip(head) + Gzip("http://a/ 1.2.3.4 20080430204825 text/plain -1\n" + http + "\n") +
                Gzip("http://b/ 1.2.3.4 20080430204826 text/plain 2\nok\n"));
  ReadResult r = ReadAll(dir.File("len.arc.gz"));
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[1].block, http);
  EXPECT_EQ(r.records[1].type(), "response");
  EXPECT_EQ(r.records[2].block, "ok");
  ASSERT_EQ(r.warnings.total, 1);
  EXPECT_THAT(r.warnings.first[0], HasSubstr("read the record to the end of its gzip member"));
}

// The filedesc block is kept byte for byte, CR LF line ends included.
TEST(ArcReaderTest, FiledescBlockIsKeptExactly) {
  TempDir dir;
  const std::string vb = "1 0 X\r\nURL IP-address Archive-date Content-type Archive-length\r\n";
  WriteFile(dir.File("crlf.arc"), "filedesc://x.arc 0.0.0.0 20080430204825 text/plain " +
                                      std::to_string(vb.size()) + "\r\n" + vb + "\n");
  ReadResult r = ReadAll(dir.File("crlf.arc"));
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].block, vb);
  EXPECT_EQ(r.records[0].Get("Newsarc-ARC-Header"),
            "filedesc://x.arc 0.0.0.0 20080430204825 text/plain " + std::to_string(vb.size()));
  EXPECT_EQ(r.warnings.total, 0);
}

TEST(LegacyWarcTest, Warc017IsConvertedTo11) {
  ReadResult r = ReadAll(kLegacy + "warc-0.17.warc.gz");
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  EXPECT_THAT(Types(r), ElementsAre("warcinfo", "response", "request", "metadata"));
  for (const auto& rec : r.records) {
    EXPECT_EQ(rec.version, "WARC/1.1");
    EXPECT_EQ(rec.Get("Newsarc-Original-Version"), "WARC/0.17");
    EXPECT_FALSE(rec.Has("Newsarc-Original-Date"));  // already 1.1's form
  }
  EXPECT_EQ(r.records[1].Get("WARC-Date"), "2008-04-30T20:48:26Z");
  EXPECT_EQ(r.converted, (std::map<std::string, int64_t>{{"WARC/0.17", 4}}));
}

TEST(LegacyWarcTest, Warc018ClueWeb09Dates) {
  ReadResult r = ReadAll(kLegacy + "warc-0.18.warc");
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  ASSERT_EQ(r.records.size(), 3u);
  // Day 65 of 2009 is March 6; 08:43:19-0800 is 16:43:19Z.
  EXPECT_EQ(r.records[0].Get("WARC-Date"), "2009-03-06T16:43:19Z");
  EXPECT_EQ(r.records[0].Get("Newsarc-Original-Date"), "2009-03-65T08:43:19-0800");
  EXPECT_EQ(r.records[1].Get("WARC-TREC-ID"), "clueweb09-en0000-00-00000");
  // The lower-case "warc/0.18" line is read too.
  EXPECT_EQ(r.records[2].version, "WARC/1.1");
  EXPECT_EQ(r.records[2].Get("Newsarc-Original-Version"), "WARC/0.18");
  EXPECT_EQ(r.converted, (std::map<std::string, int64_t>{{"WARC/0.18", 3}}));
}

TEST(LegacyWarcTest, LowerCaseVersionLine) {
  TempDir dir;
  WriteFile(dir.File("lower.warc"),
            "warc/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: "
            "<urn:uuid:00000000-0000-4000-8000-000000000001>\r\nWARC-Date: "
            "2024-05-01T12:00:00Z\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n");
  ReadResult r = ReadAll(dir.File("lower.warc"));
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].version, "WARC/1.0");
  EXPECT_FALSE(r.records[0].Has("Newsarc-Original-Version"));
  EXPECT_EQ(r.converted, (std::map<std::string, int64_t>{{"lower-case version line", 1}}));
}

TEST(LegacyWarcTest, OtherDraftVersionsAreRefused) {
  ReadResult r = ReadAll(kLegacy + "bad-warc-0.9.warc");
  EXPECT_TRUE(r.records.empty());
  EXPECT_THAT(r.error.message(), HasSubstr("bad-warc-0.9.warc: at offset 0: unsupported version "
                                           "line \"WARC/0.9\""));
}

}  // namespace
}  // namespace newsarc::storage
