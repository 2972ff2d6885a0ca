#include "crawler/url_normalize.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace newsarc::crawler {
namespace {

using nlohmann::json;

std::string Normalized(std::string_view text) {
  auto r = NormalizeUrl(text);
  return r.ok() ? r->spec() : "ERROR: " + r.status().message();
}

TEST(UrlNormalize, CanonicalForm) {
  EXPECT_EQ(Normalized("HTTP://WWW.Example.COM:80/a/./b/../c?x=1#frag"),
            "http://www.example.com/a/c?x=1");
  EXPECT_EQ(Normalized("https://example.com:443"), "https://example.com/");
  EXPECT_EQ(Normalized("https://example.com:8443/x"), "https://example.com:8443/x");
  EXPECT_EQ(Normalized("  https://example.com/a b  "), "https://example.com/a%20b");
  EXPECT_EQ(Normalized("https://example.com/%7euser/%e4%b8%ad"),
            "https://example.com/~user/%E4%B8%AD");
  EXPECT_EQ(Normalized("https://example.com/a/%2E%2E/b"), "https://example.com/b")
      << "browsers read %2E%2E as a dot segment";
  EXPECT_EQ(Normalized("https://example.com/a/x%2E%2E/b"), "https://example.com/a/x%2E%2E/b")
      << "an escaped dot inside a segment stays escaped";
  EXPECT_EQ(Normalized("https://example.com/新闻/1.html"),
            "https://example.com/%E6%96%B0%E9%97%BB/1.html");
}

TEST(UrlNormalize, TrackingParametersRemoved) {
  EXPECT_EQ(Normalized("https://ex.com/a?utm_source=tw&id=5&UTM_Medium=x&fbclid=abc&gclid=1"),
            "https://ex.com/a?id=5");
  EXPECT_EQ(Normalized("https://ex.com/a?utm_campaign=z"), "https://ex.com/a");
  EXPECT_EQ(Normalized("https://ex.com/a?mc_cid=1&mc_eid=2&&page=2&b=&"),
            "https://ex.com/a?page=2&b=");
  EXPECT_EQ(Normalized("https://ex.com/a?z=1&a=2"), "https://ex.com/a?z=1&a=2")
      << "order is kept";
  EXPECT_EQ(Normalized("https://ex.com/a?utmost=1"), "https://ex.com/a?utmost=1");
  EXPECT_TRUE(IsTrackingParam("utm_content"));
  EXPECT_TRUE(IsTrackingParam("FBCLID"));
  EXPECT_FALSE(IsTrackingParam("id"));
  EXPECT_FALSE(IsTrackingParam("utm"));
}

TEST(UrlNormalize, OnlyHttpAndHttps) {
  for (const char* bad : {"mailto:a@b.c", "javascript:alert(1)", "ftp://ex.com/f",
                          "data:text/html,hi", "file:///etc/passwd", "", "   ", "not a url",
                          "http://", "//ex.com/x"}) {
    auto r = NormalizeUrl(bad);
    EXPECT_FALSE(r.ok()) << bad << " -> " << (r.ok() ? r->spec() : "");
    if (!r.ok()) {
      EXPECT_NE(r.status().message().find("URL"), std::string::npos) << r.status().message();
    }
  }
}

TEST(UrlNormalize, LinksResolveAgainstBase) {
  auto base = Url::Parse("https://news.example.com/world/2024/story.html?p=1");
  ASSERT_TRUE(base.ok());
  auto link = [&](std::string_view ref) {
    auto r = NormalizeLink(*base, ref);
    return r.ok() ? r->spec() : "ERROR";
  };
  EXPECT_EQ(link("other.html"), "https://news.example.com/world/2024/other.html");
  EXPECT_EQ(link("../../sport/"), "https://news.example.com/sport/");
  EXPECT_EQ(link("/a?utm_source=x#top"), "https://news.example.com/a");
  EXPECT_EQ(link("//cdn.example.net/x"), "https://cdn.example.net/x");
  EXPECT_EQ(link("?page=2"), "https://news.example.com/world/2024/story.html?page=2");
  EXPECT_EQ(link("#comments"), "https://news.example.com/world/2024/story.html?p=1");
  EXPECT_EQ(link("mailto:desk@example.com"), "ERROR");
  EXPECT_EQ(link("javascript:void(0)"), "ERROR");
}

TEST(UrlNormalize, SameHost) {
  auto a = Url::Parse("http://News.Example.com/");
  auto b = Url::Parse("https://news.example.com:8080/x");
  auto c = Url::Parse("https://www.news.example.com/");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_TRUE(SameHost(*a, *b));
  EXPECT_FALSE(SameHost(*a, *c));
}

TEST(UrlNormalize, HostileInputTotal) {
  uint32_t seed = 7;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 24;
  };
  const char alphabet[] = "htps:/?#&=%.@[]:AZaz09 \t\n\\\x80\xff\x00";
  auto base = Url::Parse("https://ex.com/a/b");
  ASSERT_TRUE(base.ok());
  for (int i = 0; i < 2000; ++i) {
    std::string s = (i % 2) ? "https://" : "";
    size_t n = next() % 64;
    for (size_t k = 0; k < n; ++k) s.push_back(alphabet[next() % (sizeof alphabet - 1)]);
    auto r = NormalizeLink(*base, s);
    if (r.ok()) {
      EXPECT_TRUE(r->scheme() == "http" || r->scheme() == "https") << s;
      EXPECT_TRUE(r->fragment().empty()) << s;
      // Normalisation is idempotent.
      auto again = NormalizeUrl(r->spec());
      ASSERT_TRUE(again.ok()) << r->spec();
      EXPECT_EQ(again->spec(), r->spec());
    }
  }
}

// Found by tests/fuzz/url_fuzzer: decoding "%32" after a stray "%3" made a
// new escape "%32", so a second normalisation changed the URL again.
TEST(UrlNormalize, DecodedEscapeNeverCompletesAStrayPercent) {
  const char kUrlFuzzerCrash[] =
      "htochzt30\0\0\0\0\0\0\0\0\0%.%263%3030\nhtochzt30\0\0\0\0\0\0\0\0\0%.%263%3030%3%32%35%";
  auto base = Url::Parse("https://news.example/a/b?c=d");
  ASSERT_TRUE(base.ok());
  auto r = NormalizeLink(*base, std::string_view(kUrlFuzzerCrash, sizeof kUrlFuzzerCrash - 1));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(Normalized(r->spec()), r->spec());
  for (const char* in : {"https://ex.com/%3%32%35%", "https://ex.com/%%34%31", "https://ex.com/%4%31",
                         "https://ex.com/?q=%3%32"}) {
    std::string once = Normalized(in);
    EXPECT_EQ(Normalized(once), once) << in;
  }
  EXPECT_EQ(Normalized("https://ex.com/%3%32%35%"), "https://ex.com/%3%325%");
  EXPECT_EQ(Normalized("https://ex.com/%25%41"), "https://ex.com/%25A") << "a real escape is no stray";
}

// Found by tests/fuzz/url_fuzzer: libcurl reads a "scheme" longer than 40
// characters as a relative path, so "%2E" stayed in it uncleaned and the
// next normalisation removed it. WHATWG reads it as a (non-http) scheme.
TEST(UrlNormalize, LongNonHttpSchemeIsRefusedNotResolvedAsAPath) {
  const char kUrlFuzzerCrash[] =
      "htiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiitp://oo/%2E/html";
  auto base = Url::Parse("https://news.example/a/b?c=d");
  ASSERT_TRUE(base.ok());
  auto r = NormalizeLink(*base, kUrlFuzzerCrash);
  EXPECT_FALSE(r.ok()) << r->spec();
  for (size_t n : {3, 40, 41, 200}) {
    std::string ref = "x" + std::string(n - 1, 'y') + ":/a/%2E/b";
    EXPECT_FALSE(NormalizeLink(*base, ref).ok()) << ref;
    EXPECT_FALSE(NormalizeUrl(ref).ok()) << ref;
  }
  EXPECT_EQ(NormalizeLink(*base, "HTTPS://oo/%2E/html")->spec(), "https://oo/html");
}

// --- WHATWG URL tests (web-platform-tests), http(s) cases. libcurl follows
// RFC 3986, not WHATWG, so some cases differ; each such case is listed with
// the reason in testdata/url/known_deviations.txt. A listed case that starts
// agreeing, or an unlisted one that disagrees, fails the test.
std::map<int, std::string> LoadDeviations() {
  std::ifstream in(std::string(NEWSARC_TESTDATA_DIR) + "/url/known_deviations.txt");
  EXPECT_TRUE(in.good());
  std::map<int, std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t hash = line.find('#');
    int index = std::atoi(line.c_str());
    EXPECT_GT(index, 0) << line;
    EXPECT_NE(hash, std::string::npos) << "deviation without a reason: " << line;
    out[index] = hash == std::string::npos ? "" : line.substr(hash + 1);
  }
  return out;
}

TEST(UrlConformance, WptHttpCases) {
  std::ifstream in(std::string(NEWSARC_TESTDATA_DIR) + "/url/url_parse_http.jsonl");
  ASSERT_TRUE(in.good());
  const auto deviations = LoadDeviations();
  const bool dump = std::getenv("NEWSARC_URL_DUMP") != nullptr;
  int total = 0, agree = 0, listed = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json c = json::parse(line);
    ++total;
    const int index = c["index"];
    const std::string input = c["input"];
    Result<Url> got = Status::InvalidArgument("base", "unparsable");
    if (c["base"].is_null()) {
      got = ResolveHttpUrl(nullptr, input);
    } else if (auto base = Url::Parse(c["base"].get<std::string>()); base.ok()) {
      got = ResolveHttpUrl(&*base, input);
    }
    const bool want_failure = c["failure"];
    bool ok = want_failure ? !got.ok() : (got.ok() && got->spec() == c["href"]);
    agree += ok;
    auto q = [](const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); };
    const std::string described = "case " + std::to_string(index) + " input " + q(input) +
                                  " base " + q(c["base"]) + " want " +
                                  (want_failure ? "failure" : q(c["href"])) + " got " +
                                  (got.ok() ? q(got->spec()) : "failure");
    if (dump && !ok) std::printf("%d  # %s\n", index, described.c_str());
    auto dev = deviations.find(index);
    if (dev != deviations.end()) {
      ++listed;
      EXPECT_FALSE(ok) << "listed as a deviation but now agrees; remove it: " << described;
    } else {
      EXPECT_TRUE(ok) << described;
    }
  }
  EXPECT_EQ(total, 446);
  std::printf("url-wpt http(s) cases: %d total, %d agree with WHATWG, %d known deviations\n",
              total, agree, listed);
}

}  // namespace
}  // namespace newsarc::crawler
