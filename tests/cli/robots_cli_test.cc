// `newsarc robots FILE AGENT URL...` answers as the crawler would: each URL
// is normalised the crawler's way before matching (issue 13: "/π" against
// "Disallow: /%CF%80", "/%e2%9d%83" against "/%E2%9D%83").
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "test_util.h"

namespace newsarc {
namespace {

using ::testing::HasSubstr;
using testing::RunNewsarc;
using testing::ShellQuote;

class RobotsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = tmp_.File("robots.txt");
    testing::WriteFile(file_,
                       "User-agent: *\nDisallow: /%CF%80\nDisallow: /%e2%9d%83\n"
                       "Allow: /\nCrawl-delay: 2\n");
  }
  testing::CommandResult Robots(const std::string& urls) const {
    return RunNewsarc("robots " + ShellQuote(file_) + " 'newsarc/0.1 (+https://x.test)' " + urls);
  }
  testing::TempDir tmp_;
  std::string file_;
};

TEST_F(RobotsCliTest, MatchesTheCrawlersFormOfEachUrl) {
  testing::CommandResult r =
      Robots("'https://x.test/\xCF\x80/a' https://x.test/%E2%9D%83 https://x.test/%e2%9d%83x "
             "https://x.test/pi '/\xCF\x80' /ok");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "disallowed https://x.test/\xCF\x80/a\n"
            "disallowed https://x.test/%E2%9D%83\n"
            "disallowed https://x.test/%e2%9d%83x\n"
            "allowed https://x.test/pi\n"
            "disallowed /\xCF\x80\n"
            "allowed /ok\n");
  EXPECT_THAT(r.err, HasSubstr("crawl-delay 2"));
}

TEST_F(RobotsCliTest, AUrlTheCrawlerCannotFetchIsAnErrorNamingIt) {
  testing::CommandResult r = Robots("'ftp://x.test/a' https://x.test/ok");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("URL \"ftp://x.test/a\""));
  // The other URLs are still answered.
  EXPECT_EQ(r.out, "allowed https://x.test/ok\n");
}

TEST_F(RobotsCliTest, MissingFileIsAnError) {
  testing::CommandResult r =
      RunNewsarc("robots " + ShellQuote(tmp_.File("none.txt")) + " newsarc https://x.test/");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("none.txt"));
}

}  // namespace
}  // namespace newsarc
