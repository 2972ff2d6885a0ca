#include "base/url.h"

#include <gtest/gtest.h>

namespace newsarc {
namespace {

TEST(UrlTest, NormalisesSchemeHostAndDefaultPort) {
  auto u = Url::Parse("HTTP://News.Example.COM:80/a/./b/../c?x=1#frag");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->scheme(), "http");
  EXPECT_EQ(u->host(), "news.example.com");
  EXPECT_EQ(u->port(), "");
  EXPECT_EQ(u->path_query(), "/a/c?x=1");
  EXPECT_EQ(u->fragment(), "frag");
  EXPECT_EQ(u->WithoutFragment().spec(), "http://news.example.com/a/c?x=1");
}

TEST(UrlTest, ResolvesRelativeReferences) {
  auto base = Url::Parse("https://news.example/world/story.html");
  ASSERT_TRUE(base.ok());
  EXPECT_EQ(base->Resolve("../sport/1")->spec(), "https://news.example/sport/1");
  EXPECT_EQ(base->Resolve("//cdn.example/x.png")->spec(), "https://cdn.example/x.png");
  EXPECT_EQ(base->Resolve("  ?page=2 ")->spec(), "https://news.example/world/story.html?page=2");
}

TEST(UrlTest, RejectsRelativeAndGarbage) {
  EXPECT_FALSE(Url::Parse("/just/a/path").ok());
  EXPECT_FALSE(Url::Parse("").ok());
  auto bad = Url::Parse("http://[::1");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("http://[::1"), std::string::npos);
}

TEST(UrlTest, PercentEncodeComponentKeepsOnlyUnreserved) {
  EXPECT_EQ(PercentEncodeComponent("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(PercentEncodeComponent("a b&c=d/e?f#g%"), "a%20b%26c%3Dd%2Fe%3Ff%23g%25");
  EXPECT_EQ(PercentEncodeComponent("https://x.test/?q=1"), "https%3A%2F%2Fx.test%2F%3Fq%3D1");
  // Bytes, not characters: UTF-8 is encoded byte by byte, upper-case hex.
  EXPECT_EQ(PercentEncodeComponent("\xe9\x83\x91"), "%E9%83%91");
  EXPECT_EQ(PercentEncodeComponent(std::string_view("\0", 1)), "%00");
  EXPECT_EQ(PercentEncodeComponent(""), "");
}

}  // namespace
}  // namespace newsarc
