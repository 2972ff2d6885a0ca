// `newsarc verify` and `newsarc stats` end to end: archives are built with
// `newsarc import` from WARC text written here.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/digest.h"
#include "test_util.h"

namespace newsarc {
namespace {

using ::testing::HasSubstr;
using testing::RunNewsarc;
using testing::ShellQuote;

std::string Record(const std::string& type, const std::string& id, const std::string& extra,
                   const std::string& content_type, const std::string& block) {
  return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: " + id +
         "\r\nWARC-Date: 2024-05-01T12:00:00Z\r\n" + extra + "Content-Type: " + content_type +
         "\r\nWARC-Block-Digest: " + Sha1Label(block) +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

const char kResponseId[] = "<urn:uuid:6a0b0000-0000-4000-8000-000000000001>";
const char kRevisitId[] = "<urn:uuid:6a0b0000-0000-4000-8000-000000000002>";
const char kDanglingId[] = "<urn:uuid:6a0b0000-0000-4000-8000-000000000003>";

std::string Warc(bool dangling) {
  const std::string body = "<html><p>story</p></html>";
  std::string w = Record("response", kResponseId,
                         "WARC-Target-URI: http://news.example/a\r\n",
                         "application/http; msgtype=response",
                         "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body);
  w += Record("revisit", kRevisitId,
              std::string("WARC-Target-URI: http://news.example/a\r\nWARC-Refers-To: ") +
                  (dangling ? kDanglingId : kResponseId) +
                  "\r\nWARC-Profile: http://netpreserve.org/warc/1.1/revisit/"
                  "identical-payload-digest\r\nWARC-Payload-Digest: " + Sha1Label(body) + "\r\n",
              "application/http; msgtype=response",
              "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
  return w;
}

TEST(VerifyStatsCliTest, IntactArchivePassesAndStatsCountIt) {
  testing::TempDir dir;
  testing::WriteFile(dir.File("in.warc"), Warc(false));
  const std::string archive = ShellQuote(dir.File("a.db"));
  auto imp = RunNewsarc("import " + ShellQuote(dir.File("in.warc")) + " --archive " + archive);
  ASSERT_EQ(imp.exit_code, 0) << imp.err;

  auto v = RunNewsarc("verify --archive " + archive);
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  EXPECT_THAT(v.out, HasSubstr("2 records"));
  EXPECT_THAT(v.out, HasSubstr(": OK"));

  auto s = RunNewsarc("stats --archive " + archive + " --json");
  ASSERT_EQ(s.exit_code, 0) << s.err;
  auto j = nlohmann::json::parse(s.out);
  EXPECT_EQ(j["records"], 2);
  EXPECT_EQ(j["records_by_type"]["response"], 1);
  EXPECT_EQ(j["records_by_type"]["revisit"], 1);
  EXPECT_EQ(j["captures"], 2);
  EXPECT_EQ(j["hosts"], 1);
  EXPECT_EQ(j["payloads"], 1);
  EXPECT_GT(j["logical_bytes"].get<int64_t>(), 0);
  auto text = RunNewsarc("stats --archive " + archive);
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_THAT(text.out, HasSubstr("revisit"));
  EXPECT_THAT(text.out, HasSubstr("payloads  1 distinct"));
}

TEST(VerifyStatsCliTest, DanglingRevisitFailsNamingTheRecord) {
  testing::TempDir dir;
  testing::WriteFile(dir.File("in.warc"), Warc(true));
  const std::string archive = ShellQuote(dir.File("a.db"));
  auto imp = RunNewsarc("import " + ShellQuote(dir.File("in.warc")) + " --archive " + archive);
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  auto v = RunNewsarc("verify --archive " + archive);
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_THAT(v.out, HasSubstr(std::string(kRevisitId) + ": revisit refers to " + kDanglingId));
  EXPECT_THAT(v.out, HasSubstr("1 problem"));
}

TEST(VerifyStatsCliTest, MissingOrForeignArchiveIsAnError) {
  testing::TempDir dir;
  auto v = RunNewsarc("verify --archive " + ShellQuote(dir.File("none.db")));
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_THAT(v.err, HasSubstr(dir.File("none.db")));
  EXPECT_FALSE(testing::FileExists(dir.File("none.db")));
  testing::WriteFile(dir.File("text.db"), "hello, not a database\n");
  auto s = RunNewsarc("stats --archive " + ShellQuote(dir.File("text.db")));
  EXPECT_NE(s.exit_code, 0);
  EXPECT_THAT(s.err, HasSubstr("not a newsarc archive"));
  EXPECT_EQ(RunNewsarc("verify").exit_code, 2);  // --archive is required
}

}  // namespace
}  // namespace newsarc
