#include "crawler/sitemap.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "crawler/robots.h"
#include "crawler/url_normalize.h"
#include "test_util.h"

namespace newsarc::crawler {
namespace {

using nlohmann::json;

const std::string kDir = std::string(NEWSARC_TESTDATA_DIR) + "/sitemaps/";

Url U(std::string_view s) {
  auto u = Url::Parse(s);
  EXPECT_TRUE(u.ok()) << s;
  return u.ok() ? *u : Url();
}

std::vector<std::string> Urls(const std::vector<SitemapEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.url);
  return out;
}

std::vector<std::string> NormalizedAll(const json& list) {
  std::vector<std::string> out;
  for (const auto& s : list) {
    auto n = NormalizeUrl(s.get<std::string>());
    out.push_back(n.ok() ? n->spec() : "invalid: " + s.get<std::string>());
  }
  return out;
}

// trafilatura's sample sitemaps, against its stated expectations and the
// plain reading of each file in files.json.
TEST(SitemapConformance, TrafilaturaFiles) {
  const json stated = json::parse(testing::ReadFile(kDir + "stated.json"));
  const json files = json::parse(testing::ReadFile(kDir + "files.json"));

  for (const char* name : {"sitemap.xml", "sitemap.xml.gz"}) {
    SCOPED_TRACE(name);
    auto sm = ParseSitemap(testing::ReadFile(kDir + name),
                           U(stated[name]["context"]["sitemap_url"].get<std::string>()));
    ASSERT_TRUE(sm.ok()) << sm.status().message();
    EXPECT_EQ(sm->kind, Sitemap::Kind::kUrlSet);
    EXPECT_EQ(sm->gzipped, std::string(name).ends_with(".gz"));
    EXPECT_EQ(sm->pages.size(), stated[name]["page_urls_count"].get<size_t>());
    EXPECT_EQ(Urls(sm->pages), NormalizedAll(files[name]["derived"]["page_locs"]));
    EXPECT_TRUE(sm->sitemaps.empty());
    EXPECT_EQ(sm->skipped, 0u);
  }
  {
    auto sm = ParseSitemap(testing::ReadFile(kDir + "sitemap2.xml"),
                           U("http://www.example.com/sitemap.xml"));
    ASSERT_TRUE(sm.ok()) << sm.status().message();
    EXPECT_EQ(sm->kind, Sitemap::Kind::kIndex);
    EXPECT_TRUE(sm->pages.empty());
    EXPECT_EQ(Urls(sm->sitemaps), NormalizedAll(stated["sitemap2.xml"]["sub_sitemaps_found"]))
        << "the second <loc> is CDATA";
    ASSERT_EQ(sm->sitemaps.size(), 2u);
    EXPECT_EQ(sm->sitemaps[0].lastmod_text, "2004-10-01T18:23:17+00:00");
    EXPECT_EQ(FormatWarcDate(*sm->sitemaps[0].lastmod), "2004-10-01T18:23:17Z");
    EXPECT_EQ(FormatWarcDate(*sm->sitemaps[1].lastmod), "2005-01-01T00:00:00Z");
  }
  {
    auto sm = ParseSitemap(testing::ReadFile(kDir + "sitemap-hreflang.xml"),
                           U("http://www.sitemaps.org/sitemap.xml"));
    ASSERT_TRUE(sm.ok()) << sm.status().message();
    EXPECT_EQ(Urls(sm->pages), NormalizedAll(files["sitemap-hreflang.xml"]["derived"]["page_locs"]));
    ASSERT_FALSE(sm->pages.empty());
    ASSERT_EQ(sm->pages[0].alternates.size(), 3u);
    EXPECT_EQ(sm->pages[0].alternates[0].hreflang, "de");
    EXPECT_EQ(sm->pages[0].alternates[0].url, "http://www.example.com/deutsch/page.html");
  }
  // The inline cases: plain-text sitemaps, a namespace-less urlset, a
  // robots.txt Sitemap line, and a page that is not a sitemap.
  for (const json& c : stated["inline"]) {
    const std::string kind = c["kind"];
    SCOPED_TRACE(kind);
    const std::string content = c["content"];
    Url base = U(c.contains("base") ? c["base"].get<std::string>() : "http://www.test.org/");
    if (kind == "robots.txt") {
      auto p = RobotsPolicy::Parse(content);
      EXPECT_EQ(json(p.Sitemaps()), c["sitemaps"]);
      continue;
    }
    auto sm = ParseSitemap(content, base);
    if (kind == "not a sitemap") {
      ASSERT_FALSE(sm.ok());
      EXPECT_NE(sm.status().message().find("not a sitemap"), std::string::npos);
      continue;
    }
    ASSERT_TRUE(sm.ok()) << sm.status().message();
    if (c.contains("target_lang")) {
      // Language filtering is trafilatura's; we keep every URL, so the
      // expected ones must be among ours.
      const std::vector<std::string> got = Urls(sm->pages);
      for (const auto& want : NormalizedAll(c["page_urls"])) {
        EXPECT_NE(std::find(got.begin(), got.end(), want), got.end()) << want;
      }
    } else {
      EXPECT_EQ(Urls(sm->pages), NormalizedAll(c["page_urls"]));
    }
  }
}

TEST(Sitemap, NewsSitemapDatesAndNewestFirst) {
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.example.com/a/old.html</loc><lastmod>2024-01-02</lastmod></url>
  <url><loc>https://news.example.com/a/new.html?utm_medium=sitemap</loc>
    <news:news>
      <news:publication><news:name>Example News</news:name><news:language>zh</news:language></news:publication>
      <news:publication_date>2024-05-01T08:30:00+08:00</news:publication_date>
      <news:title>示例 标题</news:title>
    </news:news></url>
  <url><loc>mailto:nobody@example.com</loc></url>
  <url><loc>/relative/undated.html</loc></url>
</urlset>)";
  auto sm = ParseSitemap(xml, U("https://news.example.com/news-sitemap.xml"));
  ASSERT_TRUE(sm.ok()) << sm.status().message();
  EXPECT_EQ(sm->skipped, 1u);
  ASSERT_EQ(sm->pages.size(), 3u);
  SortNewestFirst(&sm->pages);
  EXPECT_EQ(sm->pages[0].url, "https://news.example.com/a/new.html");
  EXPECT_EQ(sm->pages[0].news_title, "示例 标题");
  EXPECT_EQ(sm->pages[0].news_publication, "Example News");
  EXPECT_EQ(sm->pages[0].news_language, "zh");
  EXPECT_EQ(sm->pages[0].news_publication_date_text, "2024-05-01T08:30:00+08:00");
  EXPECT_EQ(FormatWarcDate(*sm->pages[0].news_publication_date), "2024-05-01T00:30:00Z");
  EXPECT_EQ(sm->pages[1].url, "https://news.example.com/a/old.html");
  EXPECT_EQ(sm->pages[2].url, "https://news.example.com/relative/undated.html");
}

TEST(Sitemap, GzipLimitsAndErrors) {
  Url u = U("https://x.test/sitemap.xml.gz");
  // A gzip bomb: 60 MB of zeros compresses to ~60 KB.
  std::string big(60 * 1000 * 1000, ' ');
  auto bomb = ParseSitemap(testing::Gzip("<urlset>" + big), u);
  ASSERT_FALSE(bomb.ok());
  EXPECT_NE(bomb.status().message().find("https://x.test/sitemap.xml.gz"), std::string::npos);
  EXPECT_NE(bomb.status().message().find("more than"), std::string::npos);
  // Corrupt and truncated gzip.
  std::string gz = testing::Gzip("<urlset><url><loc>https://x.test/a</loc></url></urlset>");
  EXPECT_FALSE(ParseSitemap(gz.substr(0, gz.size() / 2), u).ok());
  std::string bad = gz;
  bad[12] ^= 0x55;
  bad[14] ^= 0x55;
  EXPECT_FALSE(ParseSitemap(bad, u).ok());
  // Two concatenated gzip members are one file.
  std::string two = testing::Gzip("<urlset><url><loc>https://x.test/a</loc></url>") +
                    testing::Gzip("<url><loc>https://x.test/b</loc></url></urlset>");
  auto sm = ParseSitemap(two, u);
  ASSERT_TRUE(sm.ok()) << sm.status().message();
  EXPECT_EQ(Urls(sm->pages), (std::vector<std::string>{"https://x.test/a", "https://x.test/b"}));
  // Not a sitemap.
  EXPECT_FALSE(ParseSitemap("<rss><channel/></rss>", u).ok());
  EXPECT_FALSE(ParseSitemap("<", u).ok());
  auto empty = ParseSitemap("", u);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->pages.empty());
}

TEST(Sitemap, EntryCap) {
  std::string xml = "<urlset>";
  for (size_t i = 0; i < kMaxSitemapEntries + 5; ++i) {
    xml += "<url><loc>https://x.test/" + std::to_string(i) + "</loc></url>";
  }
  xml += "</urlset>";
  auto sm = ParseSitemap(xml, U("https://x.test/s.xml"));
  ASSERT_TRUE(sm.ok());
  EXPECT_EQ(sm->pages.size(), kMaxSitemapEntries);
  EXPECT_TRUE(sm->truncated);
}

TEST(Sitemap, HostileInputTotal) {
  std::string base = testing::ReadFile(kDir + "sitemap2.xml");
  uint32_t seed = 5;
  for (int i = 0; i < 500; ++i) {
    std::string s = base;
    for (int k = 0; k < 8; ++k) {
      seed = seed * 1664525u + 1013904223u;
      s[seed % s.size()] = static_cast<char>(seed >> 24);
    }
    auto r = ParseSitemap(s, U("https://x.test/s.xml"));
    (void)r;
    auto r2 = ParseSitemap(s.substr(0, seed % s.size()), U("https://x.test/s.xml"));
    (void)r2;
  }
}

}  // namespace
}  // namespace newsarc::crawler
