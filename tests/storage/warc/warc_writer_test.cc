#include "storage/warc/warc_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "base/digest.h"
#include "storage/warc/warc_reader.h"
#include "test_util.h"

namespace newsarc::storage {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using newsarc::testing::ReadFile;
using newsarc::testing::TempDir;
using newsarc::testing::WriteFile;

const std::string kGolden = NEWSARC_TESTDATA_DIR "/warc/warcio-golden/";

std::vector<WarcRecord> ReadRecords(const std::string& path,
                                    std::vector<WarcRecordLocation>* locs = nullptr) {
  std::vector<WarcRecord> out;
  auto reader = WarcReader::Open(path);
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  if (!reader.ok()) return out;
  for (;;) {
    WarcRecord rec;
    WarcRecordLocation loc;
    Result<bool> more = (*reader)->Next(&rec, &loc);
    EXPECT_TRUE(more.ok()) << more.status().message();
    if (!more.ok() || !*more) break;
    out.push_back(std::move(rec));
    if (locs) locs->push_back(loc);
  }
  return out;
}

// Gunzips one member starting at `offset`; returns its bytes.
std::string GunzipMember(const std::string& data, size_t offset, size_t length) {
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + offset));
  zs.avail_in = static_cast<uInt>(length);
  std::string out;
  char buf[65536];
  int rc;
  do {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof(buf);
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - zs.avail_out);
  } while (rc == Z_OK);
  EXPECT_EQ(rc, Z_STREAM_END);
  EXPECT_EQ(zs.avail_in, 0u) << "member longer than its reported length";
  inflateEnd(&zs);
  return out;
}

WarcRecord Resource(int n, const std::string& block) {
  WarcRecord r;
  r.headers = {{"WARC-Type", "resource"},
               {"WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-" +
                                      std::string(12 - std::to_string(n).size(), '0') +
                                      std::to_string(n) + ">"},
               {"WARC-Date", "2024-05-01T12:00:00Z"},
               {"WARC-Target-URI", "<http://example.com/" + std::to_string(n) + ">"},
               {"Content-Type", "text/plain"},
               {"WARC-Block-Digest", Sha1Label(block)},
               {"Content-Length", std::to_string(block.size())}};
  r.block = block;
  return r;
}

// warcio's golden records: reading one and writing it again gives the same
// bytes, except the version line (newsarc writes WARC/1.1).
TEST(WarcWriterTest, ReproducesWarcioGoldenRecords) {
  int n = 0;
  for (const auto& entry : fs::directory_iterator(kGolden)) {
    std::string golden = ReadFile(entry.path().string());
    std::vector<WarcRecord> recs = ReadRecords(entry.path().string());
    ASSERT_EQ(recs.size(), 1u) << entry.path();
    TempDir dir;
    WarcWriterOptions opts;
    opts.write_warcinfo = false;
    auto writer = WarcWriter::Open(dir.File("out.warc.gz"), opts);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    auto where = (*writer)->Write(recs[0]);
    ASSERT_TRUE(where.ok());
    ASSERT_TRUE((*writer)->Close().ok());
    std::string data = ReadFile(dir.File("out.warc.gz"));
    EXPECT_EQ(where->offset, 0u);
    EXPECT_EQ(where->length, data.size());
    std::string expected = golden;
    expected.replace(0, 8, "WARC/1.1");
    EXPECT_EQ(GunzipMember(data, 0, data.size()), expected) << entry.path();
    ++n;
  }
  EXPECT_EQ(n, 14);
}

TEST(WarcWriterTest, SingleFileRoundTripWithWarcinfoAndLocations) {
  TempDir dir;
  WarcWriterOptions opts;
  opts.warcinfo_fields = {{"operator", "test"}};
  auto writer = WarcWriter::Open(dir.File("x.warc.gz"), opts);
  ASSERT_TRUE(writer.ok());
  std::vector<WrittenRecord> where;
  for (int i = 1; i <= 3; ++i) {
    auto w = (*writer)->Write(Resource(i, "block " + std::to_string(i)));
    ASSERT_TRUE(w.ok());
    where.push_back(*w);
    // Not visible under the final name until closed.
    EXPECT_FALSE(fs::exists(dir.File("x.warc.gz")));
    EXPECT_TRUE(fs::exists(dir.File("x.warc.gz.open")));
  }
  ASSERT_TRUE((*writer)->Close().ok());
  EXPECT_FALSE(fs::exists(dir.File("x.warc.gz.open")));
  ASSERT_EQ((*writer)->files().size(), 1u);

  std::vector<WarcRecordLocation> locs;
  std::vector<WarcRecord> recs = ReadRecords(dir.File("x.warc.gz"), &locs);
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_EQ(recs[0].type(), "warcinfo");
  EXPECT_EQ(recs[0].Get("WARC-Filename"), "x.warc.gz");
  EXPECT_THAT(recs[0].block, HasSubstr("operator: test\r\n"));
  EXPECT_EQ(recs[0].Get("WARC-Block-Digest"), Sha1Label(recs[0].block));
  for (int i = 1; i <= 3; ++i) {
    EXPECT_EQ(recs[i].version, "WARC/1.1");
    EXPECT_EQ(recs[i].block, "block " + std::to_string(i));
    // Angle brackets dropped as WARC/1.1 requires.
    EXPECT_EQ(recs[i].Get("WARC-Target-URI"), "http://example.com/" + std::to_string(i));
    EXPECT_EQ(where[i - 1].filename, "x.warc.gz");
    EXPECT_EQ(where[i - 1].offset, locs[i].offset);
    EXPECT_EQ(where[i - 1].length, locs[i].length);
    EXPECT_TRUE(locs[i].member_aligned);
  }
}

TEST(WarcWriterTest, RotatesAndNamesFilesPerGuidelines) {
  TempDir dir;
  WarcWriterOptions opts;
  opts.prefix = "test";
  opts.max_file_bytes = 20000;
  opts.gzip_level = 0;  // stored: predictable sizes
  auto writer = WarcWriter::Open(dir.File("out"), opts);
  ASSERT_TRUE(writer.ok());
  for (int i = 0; i < 10; ++i) ASSERT_TRUE((*writer)->Write(Resource(i, std::string(7000, 'a'))).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  const auto& files = (*writer)->files();
  ASSERT_EQ(files.size(), 4u);  // 3 + 3 + 3 + 1 records
  std::regex name(R"(test-\d{17}-(\d{5})-[A-Za-z0-9.-]+\.warc\.gz)");
  size_t records = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    std::smatch m;
    std::string base = fs::path(files[i]).filename().string();
    ASSERT_TRUE(std::regex_match(base, m, name)) << base;
    EXPECT_EQ(std::stoi(m[1]), static_cast<int>(i));
    std::vector<WarcRecord> recs = ReadRecords(files[i]);
    ASSERT_FALSE(recs.empty());
    EXPECT_EQ(recs[0].type(), "warcinfo");
    EXPECT_EQ(recs[0].Get("WARC-Filename"), base);
    records += recs.size() - 1;
  }
  EXPECT_EQ(records, 10u);
  size_t on_disk = 0;
  for (const auto& e : fs::directory_iterator(dir.File("out"))) {
    EXPECT_EQ(e.path().extension(), ".gz");
    ++on_disk;
  }
  EXPECT_EQ(on_disk, 4u);
}

TEST(WarcWriterTest, UnclosedWriterLeavesNoFile) {
  TempDir dir;
  {
    auto writer = WarcWriter::Open(dir.File("d"));
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Write(Resource(1, "x")).ok());
  }
  EXPECT_TRUE(fs::is_empty(dir.File("d")));
}

TEST(WarcWriterTest, RefusesExistingSingleFileAndBadDirectory) {
  TempDir dir;
  WriteFile(dir.File("have.warc.gz"), "x");
  auto w = WarcWriter::Open(dir.File("have.warc.gz"));
  ASSERT_FALSE(w.ok());
  EXPECT_THAT(w.status().message(), HasSubstr("already exists"));
  auto missing = WarcWriter::Open(dir.File("no/such/dir/a.warc.gz"));
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("does not exist"));
  WriteFile(dir.File("plainfile"), "x");
  EXPECT_FALSE(WarcWriter::Open(dir.File("plainfile")).ok());
}

TEST(WarcWriterTest, EmptyOutputStillValid) {
  TempDir dir;
  auto w = WarcWriter::Open(dir.File("e.warc.gz"));
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->Close().ok());
  std::vector<WarcRecord> recs = ReadRecords(dir.File("e.warc.gz"));
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].type(), "warcinfo");
}

TEST(WarcWriterTest, HeaderValuesCannotBreakTheFormat) {
  WarcRecord r = Resource(1, "abc");
  r.Set("X-Evil", "a\r\nWARC-Type: response");
  std::string h = WarcHeaderBytes(r);
  EXPECT_THAT(h, HasSubstr("X-Evil: a  WARC-Type: response\r\n"));
  EXPECT_THAT(h, HasSubstr("\r\nContent-Length: 3\r\n"));
  EXPECT_EQ(h.find("\r\n\r\n"), h.size() - 4);
}

}  // namespace
}  // namespace newsarc::storage
