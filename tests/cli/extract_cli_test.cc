// `newsarc extract FILE --format json` and `--batch`: every metadata field
// says where it was read ("provenance"), and `--disable-rule` switches a
// metadata rule off for an ablation, refusing names it does not know.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "test_util.h"

namespace newsarc {
namespace {

using ::testing::HasSubstr;
using testing::CommandResult;
using testing::RunNewsarc;
using testing::ShellQuote;
using testing::TempDir;
using testing::WriteFile;

// A portal page: headline, the outlet beside the date, a desk dateline
// naming the reporter, and prose.
const char kPortalPage[] =
    "<html><head><meta charset=utf-8><title>新年伊始的重要文章谈了啥</title></head><body>"
    "<h1>新年伊始的重要文章谈了啥</h1><div class=\"news_about\"><p>新华社</p>"
    "<p>2020-01-03 18:13</p></div><div class=\"news_txt\"><p>长江网1月3日讯（记者李明 整合）《求是》杂志"
    "发表重要文章，文章对坚定制度自信、抓好全会精神贯彻落实提出要求，引起各方广泛关注。</p>"
    "<p>文章指出，坚持和完善中国特色社会主义制度、推进国家治理体系和治理能力现代化，是关系"
    "党和国家事业兴旺发达的重大战略任务，必须长期坚持、不断完善。</p></div></body></html>";

class ExtractCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    page_ = dir_.path() + "/portal.html";
    WriteFile(page_, kPortalPage);
  }
  nlohmann::json Json(const std::string& args) {
    CommandResult r = RunNewsarc("extract " + ShellQuote(page_) + " --format json " + args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  TempDir dir_;
  std::string page_;
};

TEST_F(ExtractCliTest, JsonSaysWhereEachFieldWasRead) {
  nlohmann::json j = Json("");
  EXPECT_EQ(j["source"], "新华社");
  EXPECT_EQ(j["authors"], nlohmann::json::array({"李明"}));
  EXPECT_EQ(j["publish_time"], "2020-01-03T18:13");
  EXPECT_EQ(j["provenance"]["title"], "h1");
  EXPECT_EQ(j["provenance"]["source"], "outlet-beside-date");
  EXPECT_EQ(j["provenance"]["author"], "dateline");
  EXPECT_EQ(j["provenance"]["publish_time"], "dateline");
  EXPECT_FALSE(j["provenance"].contains("editor"));  // no editor, no provenance
}

TEST_F(ExtractCliTest, DisableRuleAblatesOneRule) {
  nlohmann::json j = Json("--disable-rule source-on-dateline --disable-rule dateline-reporters");
  EXPECT_NE(j["source"], "新华社");
  EXPECT_TRUE(j["authors"].empty()) << j["authors"];
  EXPECT_EQ(j["publish_time"], "2020-01-03T18:13");  // the other rules still work
  // The batch mode takes the switch too.
  std::string out = dir_.path() + "/pred.json";
  CommandResult batch = RunNewsarc("extract --batch " + ShellQuote(dir_.path()) + " --out " +
                                   ShellQuote(out) + " --disable-rule source-on-dateline");
  ASSERT_EQ(batch.exit_code, 0) << batch.err;
  nlohmann::json pred = nlohmann::json::parse(testing::ReadFile(out));
  EXPECT_NE(pred["portal"]["source"], "新华社");
  EXPECT_EQ(pred["portal"]["authors"], nlohmann::json::array({"李明"}));
}

TEST_F(ExtractCliTest, UnknownRuleIsABadArgument) {
  CommandResult r = RunNewsarc("extract " + ShellQuote(page_) + " --disable-rule no-such-rule");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown rule \"no-such-rule\""));
}

}  // namespace
}  // namespace newsarc
