#include "storage/warc/warc_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_util.h"
#include "read_all.h"

namespace newsarc::storage {
namespace {

using ::testing::HasSubstr;
using newsarc::testing::Gzip;
using newsarc::testing::TempDir;
using newsarc::testing::WriteFile;

const std::string kWarcio = NEWSARC_TESTDATA_DIR "/warc/warcio/";
const std::string kJwarc = NEWSARC_TESTDATA_DIR "/warc/jwarc/";

// A well-formed record with the given block.
std::string Record(const std::string& type, int n, const std::string& block,
                   const std::string& extra_headers = "") {
  return "WARC/1.1\r\nWARC-Type: " + type +
         "\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-" +
         std::string(12 - std::to_string(n).size(), '0') + std::to_string(n) +
         ">\r\nWARC-Date: 2024-05-01T12:00:00Z\r\nWARC-Target-URI: http://example.com/" +
         std::to_string(n) + "\r\n" + extra_headers + "Content-Type: text/plain\r\n" +
         "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

// warcio's iterator expectations for the WARC files (the ARC files are in
// arc_reader_test.cc).
TEST(WarcReaderTest, WarcioIteratorRecordTypes) {
  int checked = 0;
  for (const auto& t : ReadJsonl(kWarcio + "iterator.jsonl")) {
    std::string file = t["file"];
    if (!t["options"].empty() || file.find(".arc") != std::string::npos) continue;
    if (t["raises"].is_string()) continue;  // see GzipWholeFileMemberIsRead
    ReadResult r = ReadAll(kWarcio + file);
    EXPECT_TRUE(r.error.ok()) << file << ": " << r.error.message();
    EXPECT_EQ(Types(r), t["expected_record_types"].get<std::vector<std::string>>()) << file;
    ++checked;
  }
  EXPECT_EQ(checked, 4);
}

TEST(WarcReaderTest, WarcioRecordOffsets) {
  for (const auto& t : ReadJsonl(kWarcio + "record_offsets.jsonl")) {
    std::string file = t["file"];
    ReadResult r = ReadAll(kWarcio + file);
    ASSERT_TRUE(r.error.ok()) << r.error.message();
    ASSERT_EQ(r.records.size(), t["records"].size()) << file;
    for (size_t i = 0; i < r.records.size(); ++i) {
      EXPECT_EQ(r.records[i].type(), t["records"][i]["rec_type"].get<std::string>()) << file;
      EXPECT_EQ(r.locations[i].offset, t["records"][i]["offset"].get<uint64_t>()) << file << " #" << i;
    }
  }
}

// Offsets and lengths as `warcio index` reports them, for the WARC files.
TEST(WarcReaderTest, WarcioIndexOffsetsAndLengths) {
  int files = 0;
  for (const auto& t : ReadJsonl(kWarcio + "index.jsonl")) {
    std::string file = t["file"];
    if (file.find(".arc") != std::string::npos) continue;
    ReadResult r = ReadAll(kWarcio + file);
    ASSERT_TRUE(r.error.ok()) << r.error.message();
    ASSERT_EQ(r.records.size(), t["records"].size()) << file;
    for (size_t i = 0; i < r.records.size(); ++i) {
      const auto& want = t["records"][i];
      EXPECT_EQ(r.locations[i].offset, want["offset"].get<uint64_t>()) << file << " #" << i;
      EXPECT_EQ(r.locations[i].length, want["length"].get<uint64_t>()) << file << " #" << i;
      EXPECT_TRUE(r.locations[i].member_aligned);
      EXPECT_EQ(r.records[i].type(), want["warc-type"].get<std::string>());
      if (want.contains("warc-target-uri")) {
        EXPECT_EQ(r.records[i].target_uri(), want["warc-target-uri"].get<std::string>());
      }
    }
    ++files;
  }
  EXPECT_EQ(files, 3);
}

// warcio refuses a .warc.gz that is one gzip stream; newsarc reads it (the
// records are there) but marks the records as not member-aligned.
TEST(WarcReaderTest, GzipWholeFileMemberIsRead) {
  ReadResult r = ReadAll(kWarcio + "example-bad-non-chunked.warc.gz");
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  EXPECT_THAT(Types(r), ::testing::ElementsAre("warcinfo", "warcinfo", "response", "request",
                                               "revisit", "request"));
  for (const auto& loc : r.locations) EXPECT_FALSE(loc.member_aligned);
}

TEST(WarcReaderTest, WgetFileWithAngleBracketTargetUri) {
  ReadResult r = ReadAll(kWarcio + "example-wget-bad-target-uri.warc.gz");
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  ASSERT_EQ(r.records.size(), 6u);
  EXPECT_EQ(r.records[2].type(), "response");
  EXPECT_EQ(r.records[2].target_uri(), "http://example.com/");
  EXPECT_EQ(r.records[2].version, "WARC/1.0");
}

TEST(WarcReaderTest, JwarcFiles) {
  ReadResult cc = ReadAll(kJwarc + "cc.warc.gz");
  ASSERT_TRUE(cc.error.ok()) << cc.error.message();
  ASSERT_EQ(cc.records.size(), 1u);
  EXPECT_EQ(cc.records[0].type(), "response");
  EXPECT_EQ(cc.records[0].block.size(), 20931u);
  // gzip FEXTRA field; the whole file must be consumed.
  ReadResult extra = ReadAll(kJwarc + "gzip_extra_sl.warc.gz");
  ASSERT_TRUE(extra.error.ok()) << extra.error.message();
  ASSERT_EQ(extra.records.size(), 1u);
  EXPECT_EQ(extra.records[0].version, "WARC/1.0");
  EXPECT_EQ(extra.locations[0].length, 459u);
}

TEST(WarcReaderTest, TruncatedWarcioFileKeepsRecordsBeforeDamage) {
  ReadResult r = ReadAll(kWarcio + "example-trunc.warc");
  EXPECT_THAT(Types(r), ::testing::ElementsAre("warcinfo", "warcinfo"));
  EXPECT_THAT(r.error.message(), HasSubstr("example-trunc.warc: at offset 1197:"));
}

TEST(WarcReaderTest, PlainPerRecordGzipAndWholeStreamAgree) {
  TempDir dir;
  std::string a = Record("resource", 1, "hello"), b = Record("resource", 2, std::string(100000, 'x'));
  WriteFile(dir.File("plain.warc"), a + b);
  WriteFile(dir.File("members.warc.gz"), Gzip(a) + Gzip(b));
  WriteFile(dir.File("stream.warc.gz"), Gzip(a + b));
  for (const char* f : {"plain.warc", "members.warc.gz", "stream.warc.gz"}) {
    ReadResult r = ReadAll(dir.File(f));
    ASSERT_TRUE(r.error.ok()) << f << ": " << r.error.message();
    ASSERT_EQ(r.records.size(), 2u) << f;
    EXPECT_EQ(r.records[0].block, "hello");
    EXPECT_EQ(r.records[1].block, std::string(100000, 'x'));
    EXPECT_EQ(r.records[1].Get("WARC-Record-ID"), "<urn:uuid:00000000-0000-4000-8000-000000000002>");
  }
  ReadResult m = ReadAll(dir.File("members.warc.gz"));
  EXPECT_EQ(m.locations[1].offset, Gzip(a).size());
  EXPECT_EQ(m.locations[1].length, Gzip(b).size());
  ReadResult p = ReadAll(dir.File("plain.warc"));
  EXPECT_EQ(p.locations[1].offset, a.size());
  EXPECT_EQ(p.locations[1].length, b.size() - 4);
}

TEST(WarcReaderTest, LargeBlockAcrossManyChunks) {
  TempDir dir;
  std::string big(5 << 20, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 131 % 251);
  WriteFile(dir.File("big.warc.gz"), Gzip(Record("resource", 1, big)) + Gzip(Record("resource", 2, "z")));
  ReadResult r = ReadAll(dir.File("big.warc.gz"));
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].block, big);
}

TEST(WarcReaderTest, ContinuationLinesAndBareLf) {
  TempDir dir;
  std::string rec =
      "WARC/1.0\nWARC-Type: resource\nWARC-Record-ID: <urn:uuid:1>\n"
      "WARC-Date: 2024-01-01T00:00:00Z\nX-Long: first\n  second\nContent-Length: 3\n\nabc\n\n";
  WriteFile(dir.File("lf.warc"), rec);
  ReadResult r = ReadAll(dir.File("lf.warc"));
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].Get("X-Long"), "first second");
  EXPECT_EQ(r.records[0].block, "abc");
}

// --- bad inputs: each an error naming file and offset, records before kept.

TEST(WarcReaderTest, ZeroLengthFile) {
  TempDir dir;
  WriteFile(dir.File("empty.warc"), "");
  ReadResult r = ReadAll(dir.File("empty.warc"));
  EXPECT_THAT(r.error.message(), HasSubstr("empty.warc: at offset 0: empty file"));
}

TEST(WarcReaderTest, NonWarcFile) {
  TempDir dir;
  WriteFile(dir.File("page.html"), "<!doctype html><html><body>hi</body></html>\n");
  ReadResult r = ReadAll(dir.File("page.html"));
  EXPECT_THAT(r.error.message(), HasSubstr("page.html: at offset 0: not a WARC file"));
  std::string binary(1 << 20, '\x07');
  WriteFile(dir.File("blob.bin"), binary);
  EXPECT_THAT(ReadAll(dir.File("blob.bin")).error.message(), HasSubstr("not a WARC file"));
  WriteFile(dir.File("text.gz"), Gzip("just some text\n"));
  EXPECT_THAT(ReadAll(dir.File("text.gz")).error.message(), HasSubstr("not a WARC file"));
}

TEST(WarcReaderTest, TruncatedGzipMember) {
  TempDir dir;
  std::string a = Gzip(Record("resource", 1, "first"));
  std::string b = Gzip(Record("resource", 2, std::string(5000, 'q')));
  WriteFile(dir.File("t.warc.gz"), a + b.substr(0, b.size() / 2));
  ReadResult r = ReadAll(dir.File("t.warc.gz"));
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_THAT(r.error.message(),
              HasSubstr("t.warc.gz: at offset " + std::to_string(a.size()) + ": truncated gzip member"));
}

TEST(WarcReaderTest, CorruptGzipData) {
  TempDir dir;
  std::string a = Gzip(Record("resource", 1, "first"));
  std::string b = Gzip(Record("resource", 2, std::string(5000, 'q')));
  for (size_t i = 12; i < b.size() - 8; ++i) b[i] = static_cast<char>(b[i] ^ 0x5a);
  WriteFile(dir.File("c.warc.gz"), a + b);
  ReadResult r = ReadAll(dir.File("c.warc.gz"));
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_THAT(r.error.message(), HasSubstr("c.warc.gz: at offset " + std::to_string(a.size())));
  EXPECT_THAT(r.error.message(), HasSubstr("gzip"));
}

TEST(WarcReaderTest, GarbageAfterLastGzipMember) {
  TempDir dir;
  std::string a = Gzip(Record("resource", 1, "first"));
  WriteFile(dir.File("g.warc.gz"), a + "trailing junk");
  ReadResult r = ReadAll(dir.File("g.warc.gz"));
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_THAT(r.error.message(), HasSubstr("at offset " + std::to_string(a.size()) + ": expected a gzip member"));
}

TEST(WarcReaderTest, ContentLengthTooSmallOrTooLarge) {
  TempDir dir;
  std::string good = Record("resource", 1, "first");
  std::string bad = Record("resource", 2, "0123456789");
  std::string smaller = bad, larger = bad;
  smaller.replace(smaller.find("Content-Length: 10"), 18, "Content-Length: 5");
  larger.replace(larger.find("Content-Length: 10"), 18, "Content-Length: 14");
  std::string third = Record("resource", 3, "third");
  WriteFile(dir.File("small.warc"), good + smaller + third);
  WriteFile(dir.File("large.warc.gz"), Gzip(good) + Gzip(larger) + Gzip(third));
  ReadResult s = ReadAll(dir.File("small.warc"));
  ASSERT_EQ(s.records.size(), 1u);
  EXPECT_THAT(s.error.message(), HasSubstr("small.warc: at offset " + std::to_string(good.size()) +
                                           ": the record block is not followed by CRLF CRLF"));
  ReadResult l = ReadAll(dir.File("large.warc.gz"));
  ASSERT_EQ(l.records.size(), 1u);
  EXPECT_THAT(l.error.message(), HasSubstr("at offset " + std::to_string(Gzip(good).size())));
}

TEST(WarcReaderTest, ContentLengthBeyondEndOfFile) {
  TempDir dir;
  std::string good = Record("resource", 1, "first");
  std::string bad = Record("resource", 2, "0123456789");
  bad.replace(bad.find("Content-Length: 10"), 18, "Content-Length: 5000");
  WriteFile(dir.File("eof.warc"), good + bad);
  ReadResult r = ReadAll(dir.File("eof.warc"));
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_THAT(r.error.message(), HasSubstr("eof.warc: at offset " + std::to_string(good.size()) +
                                           ": Content-Length 5000 runs past the end of the file"));
  // In a gzip file the end is only found by reading: same outcome.
  WriteFile(dir.File("eof.warc.gz"), Gzip(good) + Gzip(bad));
  ReadResult g = ReadAll(dir.File("eof.warc.gz"));
  ASSERT_EQ(g.records.size(), 1u);
  EXPECT_THAT(g.error.message(), HasSubstr("the file ends inside the record block"));
}

TEST(WarcReaderTest, TwoGigabyteDeclaredLengthIsRefusedWithoutAllocating) {
  TempDir dir;
  std::string good = Record("resource", 1, "first");
  std::string bad = Record("resource", 2, "0123456789");
  bad.replace(bad.find("Content-Length: 10"), 18, "Content-Length: 2147483648");
  WriteFile(dir.File("huge.warc"), good + bad);
  WriteFile(dir.File("huge.warc.gz"), Gzip(good) + Gzip(bad));
  ReadResult p = ReadAll(dir.File("huge.warc"));
  ASSERT_EQ(p.records.size(), 1u);
  EXPECT_THAT(p.error.message(), HasSubstr("at offset " + std::to_string(good.size()) +
                                           ": declared Content-Length 2147483648 exceeds the limit"));
  ReadResult g = ReadAll(dir.File("huge.warc.gz"));
  ASSERT_EQ(g.records.size(), 1u);
  EXPECT_THAT(g.error.message(), HasSubstr("declared Content-Length 2147483648 exceeds the limit"));
}

TEST(WarcReaderTest, MissingMandatoryHeaders) {
  for (std::string name : {"WARC-Record-ID", "WARC-Date", "WARC-Type", "Content-Length"}) {
    TempDir dir;
    std::string good = Record("resource", 1, "first");
    std::string bad = Record("resource", 2, "second");
    size_t at = bad.find(name + ":");
    ASSERT_NE(at, std::string::npos);
    bad.erase(at, bad.find("\r\n", at) + 2 - at);
    WriteFile(dir.File("m.warc"), good + bad);
    ReadResult r = ReadAll(dir.File("m.warc"));
    ASSERT_EQ(r.records.size(), 1u) << name;
    EXPECT_THAT(r.error.message(), HasSubstr("m.warc: at offset " + std::to_string(good.size()) +
                                             ": missing mandatory header " + name));
  }
}

TEST(WarcReaderTest, BadVersionLines) {
  TempDir dir;
  std::string good = Record("resource", 1, "first");
  std::string old = Record("resource", 2, "x");
  old.replace(0, 8, "WARC/0.9");
  WriteFile(dir.File("v.warc"), good + old);
  ReadResult r = ReadAll(dir.File("v.warc"));
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_THAT(r.error.message(), HasSubstr("unsupported version line \"WARC/0.9\""));
}

TEST(WarcReaderTest, ErrorIsSticky) {
  TempDir dir;
  WriteFile(dir.File("e.warc"), "");
  auto reader = WarcReader::Open(dir.File("e.warc"));
  ASSERT_TRUE(reader.ok());
  WarcRecord rec;
  EXPECT_FALSE((*reader)->Next(&rec).ok());
  EXPECT_FALSE((*reader)->Next(&rec).ok());
}

// Every truncation point and many random byte changes of real files: the
// reader always ends, with records or an error naming file and offset.
TEST(WarcReaderTest, DamageAnywhereEndsCleanly) {
  TempDir dir;
  std::mt19937 rng(7);
  for (const char* name : {"example.warc.gz", "example.warc"}) {
    const std::string original = newsarc::testing::ReadFile(kWarcio + name);
    const std::string path = dir.File(std::string("damaged-") + name);
    auto check = [&](const std::string& bytes) {
      WriteFile(path, bytes);
      ReadResult r = ReadAll(path);
      EXPECT_LE(r.records.size(), 6u);
      if (!r.error.ok()) {
        EXPECT_THAT(r.error.message(), HasSubstr(path + ": at offset ")) << r.error.message();
      }
    };
    for (size_t cut = 0; cut < original.size(); cut += 5) check(original.substr(0, cut));
    for (int i = 0; i < 300; ++i) {
      std::string bytes = original;
      for (int k = 0; k < 3; ++k) bytes[rng() % bytes.size()] = static_cast<char>(rng());
      check(bytes);
    }
  }
}

TEST(WarcReaderTest, MissingFileIsAnOpenError) {
  auto reader = WarcReader::Open("/nonexistent/dir/x.warc");
  ASSERT_FALSE(reader.ok());
  EXPECT_THAT(reader.status().message(), HasSubstr("/nonexistent/dir/x.warc"));
}

}  // namespace
}  // namespace newsarc::storage
