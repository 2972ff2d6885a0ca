#include "crawler/robots.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_util.h"

namespace newsarc::crawler {
namespace {

using nlohmann::json;

std::vector<json> LoadJsonl(const std::string& name) {
  std::ifstream in(std::string(NEWSARC_TESTDATA_DIR) + "/robots/" + name);
  EXPECT_TRUE(in.good()) << name;
  std::vector<json> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(json::parse(line));
  }
  return rows;
}

std::string Base64Decode(const std::string& in) {
  static const std::string kAlpha =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -8;
  for (char c : in) {
    size_t v = kAlpha.find(c);
    if (v == std::string::npos) break;  // '=' padding
    val = (val << 6) + static_cast<int>(v);
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((val >> bits) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

std::string RobotsBody(const json& row) {
  if (row.contains("robots_txt_base64")) return Base64Decode(row["robots_txt_base64"]);
  return row["robots_txt"].is_null() ? std::string() : row["robots_txt"].get<std::string>();
}

// Every row of Google's matcher tests: OneAgentAllowedByRobots(robots, ua, url).
TEST(RobotsConformance, AllowedAllRows) {
  auto rows = LoadJsonl("allowed.jsonl");
  ASSERT_EQ(rows.size(), 145u);
  int passed = 0;
  for (const json& r : rows) {
    RobotsPolicy p = RobotsPolicy::Parse(RobotsBody(r));
    bool got = p.Allowed(r["user_agent"].get<std::string>(), r["url"].get<std::string>());
    bool want = r["expected_allowed"];
    EXPECT_EQ(got, want) << r["test_name"] << " " << r["source"] << "\nrobots: "
                         << r["robots_txt"] << "\nua: " << r["user_agent"]
                         << "\nurl: " << r["url"];
    passed += got == want;
  }
  std::printf("robots-google allowed.jsonl: %d/%zu passed\n", passed, rows.size());
}

TEST(RobotsConformance, ValidUserAgentAllRows) {
  auto rows = LoadJsonl("valid_user_agent.jsonl");
  ASSERT_EQ(rows.size(), 11u);
  for (const json& r : rows) {
    EXPECT_EQ(IsValidRobotsToken(r["user_agent"].get<std::string>()),
              r["expected_valid"].get<bool>())
        << r["source"] << " " << r["user_agent"];
  }
}

TEST(RobotsConformance, PathParamsQueryAllRows) {
  auto rows = LoadJsonl("path_params_query.jsonl");
  ASSERT_EQ(rows.size(), 19u);
  for (const json& r : rows) {
    EXPECT_EQ(RobotsMatchPath(r["url"].get<std::string>()), r["expected"].get<std::string>())
        << r["source"] << " " << r["url"];
  }
}

TEST(RobotsConformance, EscapePatternAllRows) {
  auto rows = LoadJsonl("escape_pattern.jsonl");
  ASSERT_EQ(rows.size(), 4u);
  for (const json& r : rows) {
    EXPECT_EQ(EscapeRobotsPattern(r["pattern"].get<std::string>()),
              r["expected"].get<std::string>())
        << r["source"];
  }
}

const char* TagName(RobotsLine::Tag t) {
  switch (t) {
    case RobotsLine::Tag::kUnknown: return "kUnknown";
    case RobotsLine::Tag::kUserAgent: return "kUserAgent";
    case RobotsLine::Tag::kAllow: return "kAllow";
    case RobotsLine::Tag::kDisallow: return "kDisallow";
    case RobotsLine::Tag::kSitemap: return "kSitemap";
    case RobotsLine::Tag::kUnused: return "kUnused";
  }
  return "?";
}

bool IsValidDirective(const RobotsLine& l) {
  return l.has_directive && l.tag != RobotsLine::Tag::kUnknown &&
         l.tag != RobotsLine::Tag::kUnused;
}

// Google's two reporters, recomputed from our per-line report:
// RobotsStatsReporter counts handler calls (lines with a directive);
// RobotsParsingReporter also sees every line's metadata.
TEST(RobotsConformance, ParseReportAllRows) {
  auto rows = LoadJsonl("parse_report.jsonl");
  ASSERT_EQ(rows.size(), 16u);
  int checks = 0;
  for (const json& r : rows) {
    const std::string body = RobotsBody(r);
    const bool stats = r["reporter"] == "RobotsStatsReporter";
    auto lines = ReportRobotsLines(body);
    int valid = 0, unknown = 0, last_directive = 0;
    std::string sitemaps;
    for (const auto& l : lines) {
      if (IsValidDirective(l)) ++valid;
      if (l.has_directive && !IsValidDirective(l)) ++unknown;
      if (l.has_directive) last_directive = l.line_num;
      if (l.has_directive && l.tag == RobotsLine::Tag::kSitemap) sitemaps += l.value;
    }
    const int last_line = stats ? last_directive : static_cast<int>(lines.size());
    for (const auto& [key, want] : r["expect"].items()) {
      ++checks;
      if (key == "valid_directives") {
        EXPECT_EQ(valid, want.get<int>()) << r["source"];
      } else if (key == "unknown_directives") {
        EXPECT_EQ(unknown, want.get<int>()) << r["source"];
      } else if (key == "last_line_seen") {
        EXPECT_EQ(last_line, want.get<int>()) << r["source"];
      } else if (key == "sitemap") {
        EXPECT_EQ(sitemaps, want.get<std::string>()) << r["source"];
        // The policy collects the same values.
        std::string joined;
        const RobotsPolicy policy = RobotsPolicy::Parse(body);
        for (const auto& s : policy.Sitemaps()) joined += s;
        EXPECT_EQ(joined, want.get<std::string>()) << r["source"];
      } else if (key == "parse_results.size == last_line_seen") {
        EXPECT_EQ(lines.back().line_num, static_cast<int>(lines.size())) << r["source"];
      } else {
        ADD_FAILURE() << "unhandled expectation " << key << " in " << r["source"];
      }
    }
    for (const json& want : r["lines"]) {
      ++checks;
      const int n = want["line_num"];
      ASSERT_LE(n, static_cast<int>(lines.size())) << want["source"];
      const RobotsLine& got = lines[static_cast<size_t>(n - 1)];
      EXPECT_EQ(got.line_num, n);
      EXPECT_EQ(TagName(got.tag), want["tag_name"].get<std::string>()) << want["source"];
      EXPECT_EQ(got.is_acceptable_typo, want["is_typo"].get<bool>()) << want["source"];
      const json& m = want["metadata"];
      EXPECT_EQ(got.is_empty, m["is_empty"].get<bool>()) << want["source"];
      EXPECT_EQ(got.has_comment, m["has_comment"].get<bool>()) << want["source"];
      EXPECT_EQ(got.is_comment, m["is_comment"].get<bool>()) << want["source"];
      EXPECT_EQ(got.has_directive, m["has_directive"].get<bool>()) << want["source"];
      EXPECT_EQ(got.is_acceptable_typo, m["is_acceptable_typo"].get<bool>()) << want["source"];
      EXPECT_EQ(got.is_line_too_long, m["is_line_too_long"].get<bool>()) << want["source"];
      EXPECT_EQ(got.is_missing_colon_separator, m["is_missing_colon_separator"].get<bool>())
          << want["source"];
    }
  }
  std::printf("robots-google parse_report.jsonl: %zu rows, %d expectations checked\n",
              rows.size(), checks);
}

TEST(Robots, ProductToken) {
  EXPECT_EQ(RobotsProductToken("newsarc/0.1 (+https://example.org/bot)"), "newsarc");
  EXPECT_EQ(RobotsProductToken("  FooBot Bar"), "FooBot");
  EXPECT_EQ(RobotsProductToken("Foo-Bot"), "Foo-Bot");
  EXPECT_EQ(RobotsProductToken(""), "");
}

TEST(Robots, MergesGroupsForTheSameAgent) {
  auto p = RobotsPolicy::Parse(
      "User-agent: newsarc\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\n"
      "User-agent: NEWSARC\nDisallow: /b\nAllow: /b/ok\n");
  EXPECT_FALSE(p.Allowed("newsarc", "http://x/a/1"));
  EXPECT_FALSE(p.Allowed("newsarc", "http://x/b/1"));
  EXPECT_TRUE(p.Allowed("newsarc", "http://x/b/ok/2"));
  EXPECT_TRUE(p.Allowed("newsarc", "http://x/c"));
  EXPECT_FALSE(p.Allowed("other", "http://x/c"));
}

TEST(Robots, StarGroupOnlyWhenNotNamed) {
  auto p = RobotsPolicy::Parse(
      "User-agent: *\nDisallow: /private\nCrawl-delay: 3\n\n"
      "User-agent: newsarc\nCrawl-delay: 1.5\n");
  // Named with no rules: the * rules do not apply.
  EXPECT_TRUE(p.Allowed("newsarc", "/private/x"));
  EXPECT_FALSE(p.Allowed("someone", "/private/x"));
  ASSERT_TRUE(p.CrawlDelay("newsarc"));
  EXPECT_DOUBLE_EQ(*p.CrawlDelay("newsarc"), 1.5);
  ASSERT_TRUE(p.CrawlDelay("someone"));
  EXPECT_DOUBLE_EQ(*p.CrawlDelay("someone"), 3.0);
}

TEST(Robots, CrawlDelayInvalidValuesIgnored) {
  auto p = RobotsPolicy::Parse("User-agent: *\nCrawl-delay: soon\nCrawl-delay: -4\n");
  EXPECT_FALSE(p.CrawlDelay("x"));
  auto q = RobotsPolicy::Parse("Crawl-delay: 9\nUser-agent: *\nDisallow: /x\n");
  EXPECT_FALSE(q.CrawlDelay("x")) << "a delay before any group belongs to none";
}

TEST(Robots, LongestMatchAllowWinsTie) {
  auto p = RobotsPolicy::Parse("User-agent: *\nDisallow: /page\nAllow: /page\n"
                               "Disallow: /*.php$\nAllow: /x/*.php$\nDisallow: /x/s\n");
  EXPECT_TRUE(p.Allowed("bot", "/page"));
  EXPECT_FALSE(p.Allowed("bot", "/a/b.php"));
  EXPECT_TRUE(p.Allowed("bot", "/a/b.php?q=1"));
  EXPECT_TRUE(p.Allowed("bot", "/x/b.php"));
  EXPECT_TRUE(p.Allowed("bot", "/x/s.php")) << "/x/*.php$ (9) beats /*.php$ (7) and /x/s (4)";
}

TEST(Robots, SitemapsCollectedEverywhere) {
  auto p = RobotsPolicy::Parse(
      "Sitemap: https://a.example/s1.xml\nUser-agent: *\nDisallow:\n"
      "sitemap: https://a.example/news.xml # comment\nSITE-MAP: https://b.example/s.xml.gz\n");
  ASSERT_EQ(p.Sitemaps().size(), 3u);
  EXPECT_EQ(p.Sitemaps()[1], "https://a.example/news.xml");
  EXPECT_TRUE(p.Allowed("bot", "/anything"));
}

TEST(Robots, ParseLimitDropsTheCutLine) {
  std::string body = "User-agent: *\nDisallow: /private\n";
  while (body.size() < kRobotsParseLimit - 10) body += "# filler filler filler filler\n";
  body += "Allow: /private/now-allowed-because-of-a-cut\nDisallow: /late\n";
  auto p = RobotsPolicy::Parse(body);
  EXPECT_TRUE(p.truncated());
  EXPECT_FALSE(p.Allowed("bot", "/private/now-allowed-because-of-a-cut"))
      << "a line cut by the limit must be dropped, not shortened";
  EXPECT_TRUE(p.Allowed("bot", "/late")) << "past the limit";
}

TEST(Robots, FetchOutcomeRule) {
  EXPECT_EQ(RobotsRuleForFetch(200), RobotsFetchRule::kParse);
  EXPECT_EQ(RobotsRuleForFetch(204), RobotsFetchRule::kParse);
  EXPECT_EQ(RobotsRuleForFetch(404), RobotsFetchRule::kAllowAll);
  EXPECT_EQ(RobotsRuleForFetch(401), RobotsFetchRule::kAllowAll);
  EXPECT_EQ(RobotsRuleForFetch(410), RobotsFetchRule::kAllowAll);
  EXPECT_EQ(RobotsRuleForFetch(429), RobotsFetchRule::kDisallowAll);
  EXPECT_EQ(RobotsRuleForFetch(500), RobotsFetchRule::kDisallowAll);
  EXPECT_EQ(RobotsRuleForFetch(503), RobotsFetchRule::kDisallowAll);
  EXPECT_EQ(RobotsRuleForFetch(0), RobotsFetchRule::kDisallowAll);
  EXPECT_EQ(RobotsRuleForFetch(301), RobotsFetchRule::kDisallowAll);
  EXPECT_FALSE(RobotsPolicy::DisallowAll().Allowed("bot", "/"));
  EXPECT_TRUE(RobotsPolicy::AllowAll().Allowed("bot", "/x"));
}

TEST(Robots, AllowedPathTakesPathAsIs) {
  auto p = RobotsPolicy::Parse("User-agent: *\nDisallow: //evil\n");
  EXPECT_FALSE(p.AllowedPath("bot", "//evil/x"));
  EXPECT_TRUE(p.AllowedPath("bot", "/fine#frag"));
}

// Hostile input: random bytes and pathological patterns finish quickly and
// give an answer.
TEST(Robots, HostileInputTotal) {
  uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 24;
  };
  const char alphabet[] = "Uu:-* \t\r\n#$/%aAlLoOwWdDiIsSeEgGnNtT\xEF\xBB\xBF\x80\xff\x00";
  for (int round = 0; round < 300; ++round) {
    std::string body;
    size_t n = next() * 8;
    for (size_t i = 0; i < n; ++i) body.push_back(alphabet[next() % (sizeof alphabet - 1)]);
    auto p = RobotsPolicy::Parse(body);
    (void)p.Allowed("u", "/" + body.substr(0, 40));
    (void)p.CrawlDelay("u");
    (void)ReportRobotsLines(body);
  }
  std::string stars = "User-agent: *\nDisallow: /";
  for (int i = 0; i < 2000; ++i) stars += "*a";
  stars += "$\n";
  auto p = RobotsPolicy::Parse(stars);
  EXPECT_TRUE(p.Allowed("bot", "/" + std::string(8000, 'a') + "b"));
  EXPECT_FALSE(p.Allowed("bot", "/" + std::string(8000, 'a')));
}

// RFC 9309 section 2.2.2: octets outside US-ASCII are percent-encoded on
// both sides and escapes compare case-insensitively. The cases of
// robots-parser's "Unicode and urlencoded paths" group (written here from its
// list of rules and URLs), matched as the crawler matches: RobotsCrawlUrl.
const char kUnicodeRobots[] =
    "User-agent: *\n"
    "Disallow: /%CF%80\n"
    "Disallow: /%e2%9d%83\n"
    "Disallow: /%a%a\n"
    "Disallow: /\xF0\x9F\x92\xA9\n"                 // 💩
    "Disallow: /\xE2\x9C\xBC*t$\n"                  // ✼*t$
    "Disallow: /%E2%9C%A4*t$\n"                     // ✤ escaped
    "Disallow: /\xE2\x9C\xBF%a\n"                   // ✿%a
    "Disallow: /http%3A%2F%2Fexample.org\n";

bool CrawlerAllows(const RobotsPolicy& p, const std::string& url) {
  auto match = RobotsCrawlUrl(url);
  EXPECT_TRUE(match.ok()) << url << ": " << match.status().message();
  return match.ok() && p.Allowed("newsarc", *match);
}

TEST(RobotsPercentEncoding, UnicodeAndUrlencodedPaths) {
  auto p = RobotsPolicy::Parse(kUnicodeRobots);
  const std::string h = "http://www.example.com";
  for (const std::string path : {
           "/\xE2\x9C\xBCtesting", "/%E2%9C%BCtesting", "/\xE2\x9C\xA4testing",
           "/%E2%9C%A4testing", "/http://example.org", "/http:%2F%2Fexample.org"}) {
    EXPECT_TRUE(CrawlerAllows(p, h + path)) << path;
  }
  for (const std::string path : {
           "/%CF%80", "/%CF%80/index.html", "/\xCF\x80", "/\xCF\x80/index.html",
           "/%e2%9d%83", "/%E2%9D%83", "/%E2%9D%83/index.html", "/\xE2\x9D\x83",
           "/\xE2\x9D\x83/index.html", "/%F0%9F%92%A9", "/\xF0\x9F\x92\xA9", "/%a%a",
           "/%a%a/index.html", "/\xE2\x9C\xBCtest", "/%E2%9C%BCtest", "/\xE2\x9C\xA4test",
           "/%E2%9C%A4testt", "/\xE2\x9C\xBF%a", "/%E2%9C%BF%atest",
           "/http%3A%2F%2Fexample.org"}) {
    EXPECT_FALSE(CrawlerAllows(p, h + path)) << path;
  }
}

TEST(RobotsPercentEncoding, RfcTableOfEncodedPaths) {
  // RFC 9309 section 2.2.2's examples: a rule and a URL that mean the same
  // path match whichever side is encoded, and in either case of hex digit.
  struct Case {
    const char* rule;
    const char* url;
  };
  for (const Case& c : {Case{"/foo/bar?baz=quz", "/foo/bar?baz=quz"},
                        Case{"/foo/bar/\xE3\x83\x84", "/foo/bar/%E3%83%84"},
                        Case{"/foo/bar/%E3%83%84", "/foo/bar/\xE3\x83\x84"},
                        Case{"/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84"},
                        Case{"/foo/bar/%E3%83%84", "/foo/bar/%e3%83%84"}}) {
    auto p = RobotsPolicy::Parse(std::string("User-agent: *\nDisallow: ") + c.rule + "\n");
    EXPECT_FALSE(CrawlerAllows(p, std::string("http://foo.bar") + c.url))
        << c.rule << " vs " << c.url;
    EXPECT_TRUE(CrawlerAllows(p, "http://foo.bar/foo/baz")) << c.rule;
  }
  // The library matches the URL it is given as is (Google's reference
  // behaviour, kept by the conformance rows): only RobotsCrawlUrl encodes.
  auto p = RobotsPolicy::Parse("User-agent: *\nDisallow: /%CF%80\n");
  EXPECT_TRUE(p.Allowed("newsarc", "http://x.test/\xCF\x80"));
  EXPECT_FALSE(CrawlerAllows(p, "http://x.test/\xCF\x80"));
  EXPECT_FALSE(RobotsCrawlUrl("not a url").ok());
  EXPECT_FALSE(RobotsCrawlUrl("ftp://x.test/").ok());
}

}  // namespace
}  // namespace newsarc::crawler
