// `newsarc export` (rotation, naming, single file, refusals) and
// `newsarc cdx`: every CDXJ line's offset/length must address a gzip member
// that holds exactly that record, which is what pywb relies on.
#include <zlib.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "base/digest.h"
#include "test_util.h"

namespace newsarc {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::CommandResult;
using testing::Gzip;
using testing::ReadFile;
using testing::RunNewsarc;
using testing::ShellQuote;
using testing::TempDir;
using testing::WriteFile;

std::string Response(int n, const std::string& body) {
  std::string id = std::to_string(n);
  std::string block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n" + body;
  return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-" +
         std::string(12 - id.size(), '0') + id + ">\r\nWARC-Date: 2024-05-01T12:00:" +
         (n < 10 ? "0" : "") + std::to_string(n % 60) +
         "Z\r\nWARC-Target-URI: <http://news.example.com/story/" + id +
         ">\r\nContent-Type: application/http;msgtype=response\r\nWARC-Block-Digest: " +
         Sha1Label(block) + "\r\nWARC-Payload-Digest: " + Sha1Label(body) +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

std::string Gunzip(std::string_view member) {
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(member.data()));
  zs.avail_in = static_cast<uInt>(member.size());
  std::string out;
  char buf[65536];
  int rc;
  do {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof(buf);
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - zs.avail_out);
  } while (rc == Z_OK);
  bool whole = rc == Z_STREAM_END && zs.avail_in == 0;
  inflateEnd(&zs);
  return whole ? out : "";
}

class ExportCdxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string warc;
    for (int i = 1; i <= kRecords; ++i) {
      // Incompressible-ish bodies so sizes are predictable.
      std::string body = "<html><body>story " + std::to_string(i) + " ";
      uint32_t x = 2463534242u + static_cast<uint32_t>(i);
      for (int k = 0; k < 6000; ++k) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;  // xorshift32
        body.push_back(static_cast<char>('a' + x % 26));
      }
      warc += Gzip(Response(i, body + "</body></html>"));
    }
    WriteFile(dir_.File("in.warc.gz"), warc);
    archive_ = dir_.File("a.db");
    CommandResult r = RunNewsarc("import " + ShellQuote(dir_.File("in.warc.gz")) + " --archive " +
                                 ShellQuote(archive_));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static constexpr int kRecords = 12;
  TempDir dir_;
  std::string archive_;
};

TEST_F(ExportCdxTest, RotatedFilesAreNamedAndIndexedByMemberOffsets) {
  std::string out = dir_.File("out");
  CommandResult r = RunNewsarc("export --format warc --max-size 20k --out " + ShellQuote(out) +
                               " --archive " + ShellQuote(archive_));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> files;
  std::regex name(R"(newsarc-\d{17}-\d{5}-[A-Za-z0-9.-]+\.warc\.gz)");
  for (const auto& e : fs::directory_iterator(out)) {
    std::string base = e.path().filename().string();
    if (base == "index.cdxj") continue;
    EXPECT_TRUE(std::regex_match(base, name)) << base;
    files.push_back(e.path().string());
  }
  EXPECT_GE(files.size(), 3u);  // ~4 KB compressed per record, 20 kB files

  std::string index = ReadFile(out + "/index.cdxj");
  std::istringstream in(index);
  int lines = 0;
  std::string prev;
  for (std::string line; std::getline(in, line); ++lines) {
    EXPECT_LE(prev, line);
    prev = line;
    size_t brace = line.find('{');
    auto j = nlohmann::json::parse(line.substr(brace));
    std::string url = j["url"];
    EXPECT_EQ(line.substr(0, line.find(' ')),
              "com,example,news)/story/" + url.substr(url.rfind('/') + 1));
    EXPECT_EQ(j["status"], "200");
    EXPECT_EQ(j["mime"], "text/html");
    std::string data = ReadFile(out + "/" + j["filename"].get<std::string>());
    size_t offset = std::stoull(j["offset"].get<std::string>());
    size_t length = std::stoull(j["length"].get<std::string>());
    ASSERT_LE(offset + length, data.size());
    std::string record = Gunzip(std::string_view(data).substr(offset, length));
    EXPECT_EQ(record.rfind("WARC/1.1\r\nWARC-Type: response\r\n", 0), 0u) << line;
    EXPECT_THAT(record, HasSubstr("WARC-Target-URI: " + j["url"].get<std::string>() + "\r\n"));
  }
  EXPECT_EQ(lines, kRecords);

  std::string args;
  for (const auto& f : files) args += " " + ShellQuote(f);
  CommandResult cdx = RunNewsarc("cdx --warc" + args);
  ASSERT_EQ(cdx.exit_code, 0) << cdx.err;
  EXPECT_EQ(cdx.out, index);
}

TEST_F(ExportCdxTest, SingleFileWithIndexAndNoLeftovers) {
  std::string out = dir_.File("one.warc.gz");
  CommandResult r = RunNewsarc("export --out " + ShellQuote(out) + " --max-size 1k --archive " +
                               ShellQuote(archive_));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(out));
  EXPECT_TRUE(fs::exists(dir_.File("one.cdxj")));
  EXPECT_FALSE(fs::exists(out + ".open"));
  CommandResult cdx = RunNewsarc("cdx --warc " + ShellQuote(out) + " --archive " + ShellQuote(archive_));
  ASSERT_EQ(cdx.exit_code, 0) << cdx.err;
  EXPECT_EQ(cdx.out, ReadFile(dir_.File("one.cdxj")));
  // --max-size does not split a single file.
  EXPECT_EQ(std::count(cdx.out.begin(), cdx.out.end(), '\n'), kRecords);
}

TEST_F(ExportCdxTest, RefusesExistingOutputUnknownFormatAndBadSize) {
  std::string out = dir_.File("out");
  ASSERT_EQ(RunNewsarc("export --out " + ShellQuote(out) + " --archive " + ShellQuote(archive_)).exit_code, 0);
  CommandResult again = RunNewsarc("export --out " + ShellQuote(out) + " --archive " + ShellQuote(archive_));
  EXPECT_NE(again.exit_code, 0);
  EXPECT_THAT(again.err, HasSubstr("use --force"));
  CommandResult fmt = RunNewsarc("export --format pdf --out " + ShellQuote(dir_.File("x")) +
                                 " --archive " + ShellQuote(archive_));
  EXPECT_EQ(fmt.exit_code, 2);
  EXPECT_THAT(fmt.err, HasSubstr("unknown format (known: warc"));
  CommandResult size = RunNewsarc("export --max-size lots --out " + ShellQuote(dir_.File("y")) +
                                  " --archive " + ShellQuote(archive_));
  EXPECT_EQ(size.exit_code, 2);
  EXPECT_THAT(size.err, HasSubstr("--max-size lots"));
  CommandResult missing = RunNewsarc("export --out " + ShellQuote(dir_.File("z")) + " --archive " +
                                     ShellQuote(dir_.File("nope.db")));
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_THAT(missing.err, HasSubstr("nope.db"));
}

TEST_F(ExportCdxTest, CdxRefusesWhatItCannotIndex) {
  CommandResult none = RunNewsarc("cdx --archive " + ShellQuote(archive_));
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_THAT(none.err, HasSubstr("--warc"));
  // One gzip stream for the whole file: offsets would not address records.
  std::string whole = Gzip(Response(1, "a") + Response(2, "b"));
  WriteFile(dir_.File("whole.warc.gz"), whole);
  CommandResult w = RunNewsarc("cdx --warc " + ShellQuote(dir_.File("whole.warc.gz")));
  EXPECT_EQ(w.exit_code, 1);
  EXPECT_THAT(w.err, HasSubstr("whole.warc.gz: at offset 0: records do not each have their own gzip member"));
  // Records that are not in the archive are reported.
  WriteFile(dir_.File("other.warc.gz"), Gzip(Response(99, "zzz")));
  CommandResult other = RunNewsarc("cdx --warc " + ShellQuote(dir_.File("other.warc.gz")) +
                                   " --archive " + ShellQuote(archive_));
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_THAT(other.err, HasSubstr("is not in"));
}

}  // namespace
}  // namespace newsarc
