// `newsarc history`, `diff`, `changes`, `attest` and `verify --head` end to
// end, on an archive imported from a WARC written here: several versions of
// a few articles (response + newsarc-article-1 conversion records), a
// revisit, a redirect, a deletion (404), a cosmetic-only edit and a Chinese
// article.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "base/digest.h"
#include "test_util.h"

namespace newsarc {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::RunNewsarc;
using testing::ShellQuote;

int g_next_id = 0;
std::string NewId() {
  char buf[64];
  std::snprintf(buf, sizeof buf, "<urn:uuid:a0d17000-0000-4000-8000-%012d>", ++g_next_id);
  return buf;
}

std::string Record(const std::string& type, const std::string& id, const std::string& date,
                   const std::string& extra, const std::string& content_type,
                   const std::string& block) {
  return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: " + id + "\r\nWARC-Date: " +
         date + "\r\n" + extra + "Content-Type: " + content_type +
         "\r\nWARC-Block-Digest: " + Sha1Label(block) +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

struct Version {
  std::string title;
  std::string text;
  std::string modified;
};

class WarcBuilder {
 public:
  // A 200 response and the article extracted from it; returns the response id.
  std::string Capture(const std::string& url, const std::string& date, const Version& v,
                      const std::string& canonical = "") {
    const std::string id = NewId();
    const std::string body = "<html><title>" + v.title + "</title><p>" + v.text + "</p></html>";
    warc_ += Record("response", id, date, "WARC-Target-URI: " + url + "\r\n",
                    "application/http; msgtype=response",
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body);
    nlohmann::json j = {{"url", url},        {"response_record_id", id},
                        {"capture_time", date}, {"title", v.title},
                        {"modified", v.modified}, {"authors", {"Ann Lee"}},
                        {"text", v.text}, {"canonical_url", canonical}};
    warc_ += Record("conversion", NewId(), date,
                    "WARC-Target-URI: " + url + "\r\nWARC-Refers-To: " + id + "\r\n",
                    "application/json; profile=newsarc-article-1", j.dump());
    last_body_[url] = body;
    return id;
  }
  void Revisit(const std::string& url, const std::string& date, const std::string& original) {
    warc_ += Record("revisit", NewId(), date,
                    "WARC-Target-URI: " + url + "\r\nWARC-Refers-To: " + original +
                        "\r\nWARC-Profile: http://netpreserve.org/warc/1.1/revisit/"
                        "identical-payload-digest\r\nWARC-Payload-Digest: " +
                        Sha1Label(last_body_[url]) + "\r\n",
                    "application/http; msgtype=response", "HTTP/1.1 200 OK\r\n\r\n");
  }
  void Status(const std::string& url, const std::string& date, int status,
              const std::string& location = "") {
    std::string head = "HTTP/1.1 " + std::to_string(status) + " X\r\n";
    if (!location.empty()) head += "Location: " + location + "\r\n";
    warc_ += Record("response", NewId(), date, "WARC-Target-URI: " + url + "\r\n",
                    "application/http; msgtype=response", head + "\r\ngone");
  }
  const std::string& warc() const { return warc_; }

 private:
  std::string warc_;
  std::map<std::string, std::string> last_body_;
};

const char kA[] = "http://news.example/a";
const char kB[] = "http://news.example/b";
const char kC[] = "http://news.example/c";
const char kZh[] = "http://news.example/zh";

class AuditCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WarcBuilder w;
    const std::string a1 = w.Capture(kA, "2024-05-01T08:00:00Z",
                                     {"Flood warning", "The council met on Tuesday.\nRain fell "
                                      "all night.\nUpdated 10:00.", "2024-05-01T10:00:00Z"});
    w.Revisit(kA, "2024-05-02T08:00:00Z", a1);
    w.Capture(kA, "2024-05-03T08:00:00Z",
              {"Flood warning", "The council met on Tuesday.\nHeavy rain fell all night and the "
               "river burst its banks.\nUpdated 10:00.", "2024-05-01T10:00:00Z"});
    // Only the "last updated" stamp moves: cosmetic.
    w.Capture(kA, "2024-05-04T08:00:00Z",
              {"Flood warning", "The council met on Tuesday.\nHeavy rain fell all night and the "
               "river burst its banks.\nUpdated 14:30.", "2024-05-04T14:30:00Z"});
    w.Status("http://news.example/old-a", "2024-05-05T08:00:00Z", 301, "/a");

    w.Capture(kB, "2024-05-01T09:00:00Z", {"Mayor quits", "The mayor resigned today.", ""});
    w.Status(kB, "2024-05-03T09:00:00Z", 404);

    w.Capture(kC, "2024-05-01T10:00:00Z", {"Budget passed", "The budget passed.", ""});
    w.Capture(kC, "2024-05-02T10:00:00Z",
              {"Budget passed after all-night vote", "The budget passed.", ""});
    // The same article under a tracking parameter, naming kC canonical.
    w.Capture(std::string(kC) + "?utm_source=feed", "2024-05-02T12:00:00Z",
              {"Budget passed after all-night vote", "The budget passed.", ""}, kC);

    w.Capture(kZh, "2024-05-01T11:00:00Z", {"防洪", "市政府今天宣布新的防洪计划。", ""});
    w.Capture(kZh, "2024-05-02T11:00:00Z", {"防洪", "市政府昨天宣布新的抗洪计划。", ""});

    testing::WriteFile(dir_.File("in.warc"), w.warc());
    archive_ = ShellQuote(dir_.File("a.db"));
    auto imp = RunNewsarc("import " + ShellQuote(dir_.File("in.warc")) + " --archive " + archive_);
    ASSERT_EQ(imp.exit_code, 0) << imp.err;
  }

  nlohmann::json Json(const std::string& args) {
    auto r = RunNewsarc(args);
    EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.err;
    return nlohmann::json::parse(r.out, nullptr, false);
  }

  testing::TempDir dir_;
  std::string archive_;
};

TEST_F(AuditCliTest, HistoryListsVersionsRedirectsAndChanges) {
  auto j = Json(std::string("history ") + kA + " --archive " + archive_ + " --format json");
  const auto& rows = j["captures"];
  ASSERT_EQ(rows.size(), 5u) << j.dump(2);
  std::vector<std::string> changes;
  for (const auto& r : rows) changes.push_back(r["change"]);
  EXPECT_EQ(changes, (std::vector<std::string>{"first", "same", "changed", "cosmetic",
                                               "redirect"}));
  EXPECT_EQ(rows[1]["type"], "revisit");
  EXPECT_EQ(rows[1]["text_digest"], rows[0]["text_digest"]);
  EXPECT_NE(rows[2]["text_digest"], rows[0]["text_digest"]);
  EXPECT_EQ(rows[2]["words_added"], 8);  // Heavy rain ... and the river burst its banks
  EXPECT_EQ(rows[2]["words_removed"], 1);  // Rain
  EXPECT_EQ(rows[4]["status"], 301);
  EXPECT_EQ(rows[4]["via"], "redirect");
  EXPECT_EQ(rows[4]["url"], "http://news.example/old-a");
  EXPECT_THAT(rows[0]["payload_digest"].get<std::string>(), ::testing::StartsWith("sha1:"));

  auto table = RunNewsarc(std::string("history ") + kA + " --archive " + archive_);
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_THAT(table.out, HasSubstr("cosmetic"));
  EXPECT_THAT(table.out, HasSubstr("redirect from http://news.example/old-a to /a"));

  auto c = Json(std::string("history ") + kC + " --archive " + archive_ + " --format json");
  ASSERT_EQ(c["captures"].size(), 3u);
  EXPECT_EQ(c["captures"][2]["via"], "canonical");
  EXPECT_EQ(c["captures"][2]["change"], "same");

  auto b = Json(std::string("history ") + kB + " --archive " + archive_ + " --format json");
  ASSERT_EQ(b["captures"].size(), 2u);
  EXPECT_EQ(b["captures"][1]["change"], "deleted");
  EXPECT_EQ(b["captures"][1]["status"], 404);
}

TEST_F(AuditCliTest, DiffShowsTheLastChangeAndChosenVersions) {
  // Default: the last two versions that differ, the cosmetic stamp change.
  auto last = RunNewsarc(std::string("diff ") + kA + " --archive " + archive_);
  ASSERT_EQ(last.exit_code, 0) << last.err;
  EXPECT_THAT(last.out, HasSubstr("--- #3 2024-05-03T08:00:00Z"));
  EXPECT_THAT(last.out, HasSubstr("+++ #4 2024-05-04T08:00:00Z"));
  EXPECT_THAT(last.out, HasSubstr("change: cosmetic"));
  EXPECT_THAT(last.out, HasSubstr("Updated [-10:00-]{+14:30+}."));
  EXPECT_THAT(last.out, Not(HasSubstr("\033[")));  // stdout is a pipe: no colour

  auto edit = RunNewsarc(std::string("diff ") + kA + " --archive " + archive_ +
                         " --from 1 --to 2024-05-03T12:00:00Z");
  ASSERT_EQ(edit.exit_code, 0) << edit.err;
  EXPECT_THAT(edit.out, HasSubstr("change: substantive (+8 words, -1 words)"));
  EXPECT_THAT(edit.out, HasSubstr("[-Rain-]{+Heavy rain+} fell all night{+ and the river burst "
                                  "its banks+}."));
  EXPECT_THAT(edit.out, Not(HasSubstr("council")));  // unchanged lines are left out

  auto colour = RunNewsarc(std::string("diff ") + kA + " --archive " + archive_ +
                           " --from 1 --to 3 --color always");
  EXPECT_THAT(colour.out, HasSubstr("\033[31mRain\033[0m\033[32mHeavy rain\033[0m"));

  auto title = RunNewsarc(std::string("diff ") + kC + " --archive " + archive_);
  EXPECT_THAT(title.out, HasSubstr("title: Budget passed{+ after all-night vote+}"));

  auto zh = Json(std::string("diff ") + kZh + " --archive " + archive_ + " --format json");
  EXPECT_EQ(zh["change"], "substantive");
  EXPECT_EQ(zh["words_added"], 2);
  EXPECT_EQ(zh["words_removed"], 2);
  std::string inserted;
  for (const auto& f : zh["fields"]) {
    for (const auto& op : f["ops"]) {
      if (op["op"] == "insert") inserted += op["text"].get<std::string>();
    }
  }
  EXPECT_EQ(inserted, "昨抗");

  auto html = RunNewsarc(std::string("diff ") + kA + " --archive " + archive_ +
                         " --from 1 --to 3 --format html");
  EXPECT_THAT(html.out, HasSubstr("<del>Rain</del><ins>Heavy rain</ins>"));
  EXPECT_THAT(html.out, HasSubstr("<!DOCTYPE html>"));
}

TEST_F(AuditCliTest, DiffRejectsBadInput) {
  auto unknown = RunNewsarc("diff http://news.example/none --archive " + archive_);
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("no capture of this URL"));
  auto bad = RunNewsarc(std::string("diff ") + kA + " --archive " + archive_ + " --from banana");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--from \"banana\""));
  auto range = RunNewsarc(std::string("diff ") + kA + " --archive " + archive_ + " --from 99");
  EXPECT_EQ(range.exit_code, 2);
  EXPECT_THAT(range.err, HasSubstr("rows 1 to 5"));
  auto redirect = RunNewsarc(std::string("diff ") + kA + " --archive " + archive_ + " --to 5");
  EXPECT_EQ(redirect.exit_code, 2);
  EXPECT_THAT(redirect.err, HasSubstr("has no article"));
  auto missing = RunNewsarc(std::string("history ") + kA + " --archive " +
                            ShellQuote(dir_.File("none.db")));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("none.db"));
  EXPECT_EQ(RunNewsarc("changes --archive " + archive_ + " --since yesterday").exit_code, 2);
}

TEST_F(AuditCliTest, ChangesListsSubstantiveEditsAndDeletionsLargestFirst) {
  auto j = Json("changes --archive " + archive_ + " --format json");
  const auto& rows = j["changes"];
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& r : rows) got.emplace_back(r["url"], r["kind"]);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                     {kA, "edited"}, {kB, "deleted"}, {kZh, "edited"}, {kC, "edited"}}))
      << j.dump(2);
  EXPECT_EQ(rows[0]["size"], 9);
  EXPECT_EQ(rows[1]["size"], 6);  // the deleted article's words: title + text
  EXPECT_EQ(rows[2]["size"], 4);  // two characters out, two in
  EXPECT_EQ(rows[3]["fields"], nlohmann::json::array({"title"}));

  auto cosmetic = Json("changes --archive " + archive_ + " --format json --cosmetic");
  bool found = false;
  for (const auto& r : cosmetic["changes"]) {
    if (r["kind"] == "cosmetic") {
      found = true;
      EXPECT_EQ(r["url"], kA);
      EXPECT_EQ(r["size"], 0);
    }
  }
  EXPECT_TRUE(found);

  auto since = Json("changes --archive " + archive_ + " --format json --since 2024-05-03");
  EXPECT_EQ(since["changes"].size(), 2u);  // a's edit and b's deletion
  auto big = Json("changes --archive " + archive_ + " --format json --min-change 7");
  ASSERT_EQ(big["changes"].size(), 1u);
  EXPECT_EQ(big["changes"][0]["url"], kA);
  auto other = Json("changes --archive " + archive_ + " --format json --site other.example");
  EXPECT_EQ(other["changes"].size(), 0u);
  auto site = Json("changes --archive " + archive_ + " --format json --site www.news.example");
  EXPECT_EQ(site["changes"].size(), 4u);
  auto table = RunNewsarc("changes --archive " + archive_);
  EXPECT_THAT(table.out, HasSubstr("4 changes in 5 URLs"));
}

TEST_F(AuditCliTest, AttestAndVerifyHeadCatchTampering) {
  auto attest = RunNewsarc("attest --archive " + archive_);
  ASSERT_EQ(attest.exit_code, 0) << attest.err;
  const std::string head = attest.out.substr(0, attest.out.find('\n'));
  EXPECT_THAT(head, ::testing::MatchesRegex("newsarc-chain:v1:[0-9]+:[0-9a-f]{64}"));
  auto ok = RunNewsarc("verify --archive " + archive_ + " --head " + head);
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  EXPECT_THAT(ok.out, HasSubstr("hash chain: intact, head " + head));
  EXPECT_THAT(ok.out, HasSubstr("attested head: extended"));
  auto junk = RunNewsarc("verify --archive " + archive_ + " --head nonsense");
  EXPECT_EQ(junk.exit_code, 2);
  EXPECT_THAT(junk.err, HasSubstr("nonsense"));

  // Delete the second record behind the archive's back.
  auto sql = testing::RunShell("sqlite3 " + archive_ + " \"DELETE FROM records WHERE id = 2\"");
  if (sql.exit_code == 127) GTEST_SKIP() << "no sqlite3 shell";
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  auto bad = RunNewsarc("verify --archive " + archive_ + " --head " + head);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.out, HasSubstr("hash chain: BROKEN"));
  EXPECT_THAT(bad.out, HasSubstr("chain position is 3 but it follows position 1"));
  EXPECT_THAT(bad.out, HasSubstr("covers 21 records but the archive holds 20"));
}

}  // namespace
}  // namespace newsarc
