#include "crawler/seeds.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "base/strings.h"
#include "crawler/url_normalize.h"
#include "test_util.h"

namespace newsarc::crawler {
namespace {

TEST(Seeds, ParsesLinesCommentsAndFragments) {
  auto seeds = ParseSeeds(
      "# a comment line\n\n"
      "  https://News.Example.com/world   # World desk  \n"
      "https://example.com/page#section\n"
      "\thttp://example.org/?utm_source=x&id=3 #tracking removed\r\n"
      "https://news.example.com/world # the same after normalisation\n",
      "test.txt");
  ASSERT_TRUE(seeds.ok()) << seeds.status().message();
  ASSERT_EQ(seeds->size(), 3u);
  EXPECT_EQ((*seeds)[0].url, "https://news.example.com/world");
  EXPECT_EQ((*seeds)[0].written, "https://News.Example.com/world");
  EXPECT_EQ((*seeds)[0].comment, "World desk");
  EXPECT_EQ((*seeds)[0].line, 3);
  EXPECT_EQ((*seeds)[1].url, "https://example.com/page");
  EXPECT_EQ((*seeds)[1].comment, "");
  EXPECT_EQ((*seeds)[2].url, "http://example.org/?id=3");
  EXPECT_EQ((*seeds)[2].comment, "tracking removed");
}

TEST(Seeds, ErrorsNameFileAndLine) {
  auto bad = ParseSeeds("https://ok.example/\nftp://files.example/x  # no\n", "list.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("list.txt:2"), std::string::npos)
      << bad.status().message();
  auto two = ParseSeeds("https://a.example/ https://b.example/\n", "two.txt");
  ASSERT_FALSE(two.ok());
  EXPECT_NE(two.status().message().find("two.txt:1"), std::string::npos);
  auto missing = LoadSeedFile("/nonexistent/seeds.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/seeds.txt"), std::string::npos);
  auto empty = ParseSeeds("", "empty.txt");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

// Every shipped seed list: every line parses, is http(s), is commented with
// what it is, is in host scope of its own seed, and appears once.
TEST(Seeds, ShippedSeedLists) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(NEWSARC_SOURCE_DIR) / "seeds";
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  int files = 0, total = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    ++files;
    SCOPED_TRACE(entry.path().string());
    auto seeds = LoadSeedFile(entry.path().string());
    ASSERT_TRUE(seeds.ok()) << seeds.status().message();
    EXPECT_GE(seeds->size(), 5u);
    // Count URL lines to catch duplicates (ParseSeeds drops them).
    int url_lines = 0;
    const std::string text = testing::ReadFile(entry.path().string());
    for (std::string_view line : Split(text, '\n')) {
      line = TrimAscii(line);
      if (!line.empty() && line[0] != '#') ++url_lines;
    }
    EXPECT_EQ(static_cast<int>(seeds->size()), url_lines) << "duplicate seeds";
    for (const Seed& s : *seeds) {
      ++total;
      SCOPED_TRACE(s.written);
      auto written = Url::Parse(s.written);
      auto url = Url::Parse(s.url);
      ASSERT_TRUE(written.ok() && url.ok());
      EXPECT_TRUE(url->scheme() == "http" || url->scheme() == "https");
      EXPECT_TRUE(SameHost(*written, *url)) << "normalised seed left its host";
      EXPECT_FALSE(s.comment.empty()) << "each seed says what it is";
      EXPECT_EQ(NormalizeUrl(s.url)->spec(), s.url) << "normalisation is stable";
    }
  }
  EXPECT_GE(files, 3);
  std::printf("seeds: %d files, %d seeds\n", files, total);
}

}  // namespace
}  // namespace newsarc::crawler
