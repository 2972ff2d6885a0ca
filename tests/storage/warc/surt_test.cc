#include "storage/warc/surt.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace newsarc::storage {
namespace {

// Every case of jwarc's URIsTest (compatible with Python surt / pywb).
TEST(SurtTest, JwarcConformanceCases) {
  std::ifstream in(NEWSARC_TESTDATA_DIR "/surt/jwarc_surt.jsonl");
  ASSERT_TRUE(in) << "missing testdata/surt/jwarc_surt.jsonl";
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    std::string input = j["input"], expected = j["expected"];
    EXPECT_EQ(SurtKey(input), expected) << "input: " << input << " (" << j["source"] << ")";
    ++cases;
  }
  EXPECT_EQ(cases, 36);
}

TEST(SurtTest, HeaderExample) {
  EXPECT_EQ(SurtKey("http://www.Example.com:80/Path?b=2&a=1#frag"), "com,example)/path?a=1&b=2");
}

TEST(SurtTest, HttpsDefaultPortAndFragment) {
  EXPECT_EQ(SurtKey("https://news.example.co.uk:443/a/b.html#top"), "uk,co,example,news)/a/b.html");
  EXPECT_EQ(SurtKey("https://example.com:8443/"), "com,example:8443)/");
  EXPECT_EQ(SurtKey("http://127.0.0.1:8080/x/"), "1,0,0,127:8080)/x");
}

TEST(SurtTest, NonAsciiPathIsPercentEncodedLowercase) {
  EXPECT_EQ(SurtKey("http://example.com/caf%C3%A9"), "com,example)/caf%c3%a9");
  EXPECT_EQ(SurtKey("http://example.com/a b"), "com,example)/a%20b");
}

}  // namespace
}  // namespace newsarc::storage
