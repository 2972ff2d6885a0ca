#include <algorithm>
#include "crawler/links.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "test_util.h"

namespace newsarc::crawler {
namespace {

using nlohmann::json;

Url U(std::string_view s) {
  auto u = Url::Parse(s);
  EXPECT_TRUE(u.ok()) << s;
  return u.ok() ? *u : Url();
}

TEST(Links, AnchorsResolvedNormalisedDeduplicated) {
  const char* html = R"HTML(<!doctype html><html><head>
    <link rel="canonical" href="/world/2024/story.html?utm_source=x">
    <link rel="AMPHTML" href="https://amp.example.com/world/2024/story.html">
    <link rel="alternate" type="application/rss+xml" title="World" href="/world/rss.xml">
    <link rel="alternate" hreflang="zh" href="/zh/world/2024/story.html">
    <link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/1">
  </head><body>
    <a href="other.html">1</a>
    <a href="other.html#comments">dup after fragment removal</a>
    <a href=" /sport/?fbclid=abc ">2</a>
    <a href="mailto:desk@example.com">no</a>
    <a href="javascript:void(0)">no</a>
    <a>no href</a>
    <map><area href="/map-target"></map>
    <a href="//cdn.example.net/x">3</a>
    <a href="HTTP://Example.COM:80/Up">4</a>
  </body></html>)HTML";
  PageLinks l = ExtractLinks(html, U("https://example.com/world/2024/index.html"));
  EXPECT_EQ(l.links, (std::vector<std::string>{
                         "https://example.com/world/2024/other.html",
                         "https://example.com/sport/",
                         "https://example.com/map-target",
                         "https://cdn.example.net/x",
                         "http://example.com/Up",
                     }));
  EXPECT_EQ(l.canonical, "https://example.com/world/2024/story.html");
  EXPECT_EQ(l.amphtml, "https://amp.example.com/world/2024/story.html");
  ASSERT_EQ(l.feeds.size(), 1u);
  EXPECT_EQ(l.feeds[0].url, "https://example.com/world/rss.xml");
  EXPECT_EQ(l.feeds[0].type, "application/rss+xml");
  EXPECT_EQ(l.feeds[0].title, "World");
  EXPECT_FALSE(l.meta_nofollow);
}

// Links are remembered per thread by what they resolve against
// (crawler/memo.h): the same href on other pages must still resolve
// against each page's own base.
TEST(Links, TheSameHrefOnAnotherPageResolvesAgainstThatPage) {
  const std::string html =
      "<a href='story.html'>a</a><a href='/section/'>b</a><a href='?page=2'>c</a>"
      "<a href='//cdn.example.net/x'>d</a><a href='https://other.example/y'>e</a>"
      "<a href='/\\evil.example/z'>f</a><a href='#top'>g</a>";
  std::vector<std::string> want_a = {
      "https://example.com/world/story.html", "https://example.com/section/",
      "https://example.com/world/index.html?page=2", "https://cdn.example.net/x",
      "https://other.example/y"};
  std::vector<std::string> want_b = {
      "http://news.example:8080/sport/story.html", "http://news.example:8080/section/",
      "http://news.example:8080/sport/live.html?page=2", "http://cdn.example.net/x",
      "https://other.example/y"};
  for (int round = 0; round < 2; ++round) {  // the second round is served from the memo
    PageLinks a = ExtractLinks(html, U("https://example.com/world/index.html"));
    PageLinks b = ExtractLinks(html, U("http://news.example:8080/sport/live.html"));
    for (const std::string& w : want_a) {
      EXPECT_NE(std::find(a.links.begin(), a.links.end(), w), a.links.end()) << w;
    }
    for (const std::string& w : want_b) {
      EXPECT_NE(std::find(b.links.begin(), b.links.end(), w), b.links.end()) << w;
    }
    // "/\\evil.example/z" is scheme-relative for http(s) (WHATWG): not the page's host.
    for (const std::string& l : a.links) EXPECT_EQ(l.find("example.com/%5C"), std::string::npos) << l;
    EXPECT_EQ(a.links.size(), b.links.size());
  }
}

TEST(Links, BaseHrefFirstOnly) {
  const char* html = R"(<html><head><base href="https://static.example.org/news/">
      <base href="https://ignored.example/"><meta name="ROBOTS" content="noindex, nofollow">
      </head><body><a href="a.html">a</a><a href="../b.html">b</a></body></html>)";
  PageLinks l = ExtractLinks(html, U("https://example.com/x/y.html"));
  EXPECT_EQ(l.base, "https://static.example.org/news/");
  EXPECT_EQ(l.links, (std::vector<std::string>{"https://static.example.org/news/a.html",
                                               "https://static.example.org/b.html"}));
  EXPECT_TRUE(l.meta_nofollow);
  EXPECT_TRUE(l.meta_noindex);
  // A relative base resolves against the page; a javascript: base is ignored.
  PageLinks rel = ExtractLinks("<base href='/root/'><a href='p'>p</a>",
                               U("https://example.com/x/y.html"));
  EXPECT_EQ(rel.links, (std::vector<std::string>{"https://example.com/root/p"}));
  PageLinks js = ExtractLinks("<base href='javascript:alert(1)'><a href='p'>p</a>",
                              U("https://example.com/x/y.html"));
  EXPECT_EQ(js.links, (std::vector<std::string>{"https://example.com/x/p"}));
}

// trafilatura's determine_feed() assertions: feeds advertised by a page.
TEST(LinksConformance, TrafilaturaDetermineFeed) {
  std::ifstream in(std::string(NEWSARC_TESTDATA_DIR) + "/sitemaps/feed_links.jsonl");
  ASSERT_TRUE(in.good());
  int cases = 0;
  std::string line;
  while (std::getline(in, line)) {
    json c = json::parse(line);
    if (c["function"] != "determine_feed") continue;
    ++cases;
    const std::string html = c["args"][0];
    const std::string baseurl = c["args"][1]["__FeedParameters__"][0];
    std::vector<std::string> got;
    auto page = Url::Parse(baseurl);
    if (!page.ok()) {
      // trafilatura's "example.org" base is not a URL; a crawler never has
      // such a page, so nothing can be found (trafilatura finds nothing too).
      EXPECT_EQ(c["expected_len"]["value"], 0) << c["source"];
      continue;
    }
    for (const auto& f : ExtractLinks(html, *page).feeds) got.push_back(f.url);
    if (c.contains("expected")) {
      EXPECT_EQ(json(got), c["expected"]["value"]) << c["source"] << " " << html;
    } else {
      EXPECT_EQ(got.size(), c["expected_len"]["value"].get<size_t>())
          << c["source"] << " " << html << " got " << json(got).dump();
    }
  }
  EXPECT_EQ(cases, 16);
  std::printf("sitemaps-trafilatura determine_feed: %d cases run\n", cases);
}

TEST(Links, AttributeValuesLikeTheTokenizer) {
  const char* html =
      "<!-- <a href='/in-comment'> --><script>var s = '<a href=\"/in-script\">';</script>"
      "<A HREF=/unquoted?a=1&amp;b=2>x</A><a href='/q?x=1&amplifier=2&copy'>y</a>"
      "<a href=\"/num&#47;&#x41;\" href=\"/second-ignored\">z</a><a/href=\"/slash\">w</a>"
      "<textarea><a href='/in-textarea'></textarea><a href=\"/unterminated";
  PageLinks l = ExtractLinks(html, U("https://example.com/"));
  EXPECT_EQ(l.links, (std::vector<std::string>{
                         "https://example.com/unquoted?a=1&b=2",
                         "https://example.com/q?x=1&amplifier=2&copy",
                         "https://example.com/num/A",
                         "https://example.com/slash",
                         "https://example.com/unterminated",
                     }));
}

TEST(Links, FeedHeuristic) {
  EXPECT_TRUE(LooksLikeFeedUrl("https://x.test/feed/"));
  EXPECT_TRUE(LooksLikeFeedUrl("https://x.test/news/rss.xml"));
  EXPECT_TRUE(LooksLikeFeedUrl("https://x.test/?feed=atom"));
  EXPECT_FALSE(LooksLikeFeedUrl("https://x.test/feedback"));
  EXPECT_FALSE(LooksLikeFeedUrl("https://x.test/world/story.html"));
}

TEST(Links, HostileInputTotal) {
  std::string deep;
  for (int i = 0; i < 50000; ++i) deep += "<div><a href=\"/" + std::to_string(i % 7) + "\">";
  PageLinks l = ExtractLinks(deep, U("https://x.test/"));
  EXPECT_EQ(l.links.size(), 7u);
  uint32_t seed = 3;
  for (int i = 0; i < 200; ++i) {
    std::string s;
    for (int k = 0; k < 300; ++k) {
      seed = seed * 1664525u + 1013904223u;
      s.push_back("<a href=\"'#/>=x \x80\xff\x00"[seed % 15]);
    }
    (void)ExtractLinks(s, U("https://x.test/"));
  }
}

}  // namespace
}  // namespace newsarc::crawler
