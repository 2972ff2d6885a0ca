// Page requisites (crawler/requisites.h): what a captured page and its
// stylesheets need to be replayed, resolved as a browser resolves them,
// bounded on hostile pages; and how discovery (discovery.h) queues them.
#include "crawler/requisites.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "crawler/discovery.h"
#include "crawler/links.h"

namespace newsarc::crawler {
namespace {

using V = std::vector<std::string>;

Url U(std::string_view s) {
  auto u = Url::Parse(s);
  EXPECT_TRUE(u.ok()) << s;
  return u.ok() ? *u : Url();
}

TEST(RequisitesTest, EveryKindOfRequisiteInDocumentOrder) {
  const char* html = R"HTML(<!doctype html><html><head>
    <link rel="stylesheet" href="/css/site.css">
    <link rel="alternate stylesheet" href="/css/alt.css">
    <link rel="shortcut icon" href="/favicon.ico">
    <link rel=apple-touch-icon href=/touch.png>
    <link rel=preload as=font href=/f.woff2 crossorigin>
    <link rel=preload as=fetch href=/api/data.json>
    <link rel=preload as=image href=/hero-small.jpg imagesrcset="/hero-small.jpg 400w, /hero-big.jpg 1600w">
    <link rel=modulepreload href=/js/mod.js>
    <link rel=canonical href=/story>
    <link rel=prefetch href=/next-page>
    <script src="/js/app.js"></script>
    <script>var s = "<img src=/not-markup.png>";</script>
    <style>@import "/css/imported.css"; .a { background: url(img/bg.png) }</style>
  </head><body background=/body-bg.gif>
    <img src="a.jpg" srcset="a-300.jpg 300w, a-1200.jpg 1200w, a-600.jpg 600w">
    <picture><source type=image/webp srcset="p.webp 1x, p@2x.webp 2x"><img src=p.jpg></picture>
    <video src=/clip.mp4 poster=/poster.jpg><source src=/clip.webm></video>
    <input type=IMAGE src=/go.png> <input type=text src=/no.png>
    <table background=/t.png><tr><td background=/td.png>x</td></tr></table>
    <div style="background-image:url('/inline.png')">x</div>
    <a href="/story.html"><img src="/thumb.jpg"></a>
    <iframe src="/embed.html"></iframe>
    <img data-src=/lazy.jpg>
    <noscript><img src=/noscript.png></noscript>
  </body></html>)HTML";
  EXPECT_EQ(ExtractHtmlRequisites(html, U("http://news.test/section/page.html")),
            (V{
                "http://news.test/css/site.css",
                "http://news.test/css/alt.css",
                "http://news.test/favicon.ico",
                "http://news.test/touch.png",
                "http://news.test/f.woff2",
                "http://news.test/hero-small.jpg",
                "http://news.test/hero-big.jpg",
                "http://news.test/js/mod.js",
                "http://news.test/js/app.js",
                "http://news.test/css/imported.css",
                "http://news.test/section/img/bg.png",
                "http://news.test/body-bg.gif",
                "http://news.test/section/a.jpg",
                "http://news.test/section/a-300.jpg",
                "http://news.test/section/a-1200.jpg",
                "http://news.test/section/a-600.jpg",
                "http://news.test/section/p.webp",
                "http://news.test/section/p@2x.webp",
                "http://news.test/section/p.jpg",
                "http://news.test/poster.jpg",
                "http://news.test/go.png",
                "http://news.test/t.png",
                "http://news.test/td.png",
                "http://news.test/inline.png",
                "http://news.test/thumb.jpg",
                "http://news.test/noscript.png",
            }));
}

TEST(RequisitesTest, BaseHrefResolvesEverythingEvenWhenLate) {
  const char* html = R"HTML(<html><head><link rel=stylesheet href="s.css">
      <base href="http://cdn.test/assets/"><base href="http://ignored.test/">
      <style>.x{background:url(bg.png)}</style></head>
      <body><img src="i.png" style="background:url(../up.png)"></body></html>)HTML";
  EXPECT_EQ(ExtractHtmlRequisites(html, U("http://news.test/a/b.html")),
            (V{"http://cdn.test/assets/s.css", "http://cdn.test/assets/bg.png",
               "http://cdn.test/assets/i.png", "http://cdn.test/up.png"}));
}

TEST(RequisitesTest, JunkSchemesFragmentsAndRepeatsAreDropped) {
  const char* html = R"HTML(<img src="data:image/png;base64,AAAA"><img src="javascript:alert(1)">
      <img src="  "><img src="#"><svg><rect style="clip-path:url(#clip)"/></svg>
      <img src="/x.png#frag"><img src="/x.png"><img src="HTTP://NEWS.TEST:80/x.png">
      <img src="ftp://files.test/y.png"><img src="//other.test/z.png">)HTML";
  EXPECT_EQ(ExtractHtmlRequisites(html, U("http://news.test/")),
            (V{"http://news.test/x.png", "http://other.test/z.png"}));
}

TEST(RequisitesTest, StylesheetsResolveAgainstTheirOwnUrl) {
  const char* css = R"CSS(@import "base.css"; @import url(/abs/print.css) print;
      /* http://cdn.test/index.html is in a comment */
      @font-face { src: url(../fonts/f.woff2) format("woff2"), url(data:font/woff;base64,AA) }
      .hero { background: url("../img/hero.png") } .x { background: url(#svg-filter) })CSS";
  EXPECT_EQ(ExtractCssRequisites(css, U("http://cdn.test/css/site.css")),
            (V{"http://cdn.test/css/base.css", "http://cdn.test/abs/print.css",
               "http://cdn.test/fonts/f.woff2", "http://cdn.test/img/hero.png"}));
}

TEST(RequisitesTest, SrcsetCandidates) {
  struct Case {
    const char* srcset;
    V urls;
  } cases[] = {
      {"a.jpg 300w, b.jpg 1200w, c.jpg 600w", {"a.jpg", "b.jpg", "c.jpg"}},
      {"a.jpg, b.jpg 2x, c.jpg 1.5x", {"a.jpg", "b.jpg", "c.jpg"}},
      {"only.jpg", {"only.jpg"}},
      {"a.jpg 600h", {"a.jpg"}},  // a height alone is ignored
      // Commas inside URLs stay (image CDNs put them in paths).
      {"https://img.test/w_300,h_200/a.jpg 300w, https://img.test/w_900,h_600/a.jpg 900w",
       {"https://img.test/w_300,h_200/a.jpg", "https://img.test/w_900,h_600/a.jpg"}},
      {"a.jpg,b.jpg 2x", {"a.jpg,b.jpg"}},             // a URL runs to white space
      {"a.jpg, b.jpg,, c.jpg 2x", {"a.jpg", "b.jpg", "c.jpg"}},  // trailing commas end one
      {"a.jpg 100w 2x, b.jpg 50w", {"b.jpg"}},         // two descriptors: invalid
      {"a.jpg 10q, b.jpg 5w", {"b.jpg"}},              // unknown descriptor: invalid
      // A comma inside parentheses does not end a candidate; the
      // parenthesised descriptor is unknown, which drops it.
      {"a.jpg (junk, more) 400w, b.jpg 300w", {"b.jpg"}},
      {"a.jpg -5w, b.jpg 1.5w, c.jpg 0w", {}},  // widths are positive integers
      {"", {}},
      {" , ,, ", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(SrcsetUrls(c.srcset), c.urls) << c.srcset;
}

TEST(RequisitesTest, RefererAsABrowserSendsIt) {
  EXPECT_EQ(RequisiteReferer("https://news.test/a/b.html", "https://news.test/s.css"),
            "https://news.test/a/b.html");
  EXPECT_EQ(RequisiteReferer("https://news.test/a/b.html", "https://cdn.test/s.css"),
            "https://news.test/");
  EXPECT_EQ(RequisiteReferer("http://news.test:8080/a", "http://news.test/i.png"),
            "http://news.test:8080/");  // another port is another origin
  EXPECT_EQ(RequisiteReferer("http://news.test/a", "https://cdn.test/i.png"), "http://news.test/");
  EXPECT_EQ(RequisiteReferer("https://news.test/a", "http://cdn.test/i.png"), "");  // downgrade
  EXPECT_EQ(RequisiteReferer("", "http://cdn.test/i.png"), "");
}

TEST(RequisitesTest, AtMostThePerDocumentCap) {
  std::string html;
  for (size_t i = 0; i < kMaxRequisitesPerDocument + 500; ++i) {
    html += "<img src=/i" + std::to_string(i) + ".png>";
  }
  EXPECT_EQ(ExtractHtmlRequisites(html, U("http://news.test/")).size(), kMaxRequisitesPerDocument);
  std::string css;
  for (size_t i = 0; i < kMaxRequisitesPerDocument + 500; ++i) {
    css += "a{b:url(/i" + std::to_string(i) + ".png)}";
  }
  EXPECT_EQ(ExtractCssRequisites(css, U("http://cdn.test/s.css")).size(), kMaxRequisitesPerDocument);
}

TEST(RequisitesTest, HostilePagesTakeLinearTime) {
  const size_t kSize = 8 << 20;
  std::vector<std::string> hostile;
  std::string nested, attrs, styles, srcsets;
  while (nested.size() < kSize) nested += "<a><img src=x.png><style>url(";
  while (attrs.size() < kSize) attrs += "<img srcset=\"a.jpg (((((((, ";
  while (styles.size() < kSize) styles += "<p style=\"background:url(a b\">";
  srcsets = "<img srcset=\"" + std::string(kSize, ',') + "\">";
  hostile = {nested, attrs, styles, srcsets, "<style>" + std::string(kSize, '(')};
  for (const std::string& html : hostile) {
    auto start = std::chrono::steady_clock::now();
    std::vector<std::string> urls = ExtractHtmlRequisites(html, U("http://news.test/"));
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LE(urls.size(), kMaxRequisitesPerDocument);
    EXPECT_LT(seconds, 10.0) << html.substr(0, 30);
  }
}

TEST(RequisitesTest, DiscoveryPutsRequisitesFirstAndKeepsTheirLevel) {
  const char* html = R"HTML(<html><head><meta name=robots content=nofollow>
      <link rel=stylesheet href=http://cdn.test/s.css></head>
      <body><a href=/story.html>s</a><a href=/big.jpg><img src=/big.jpg></a></body></html>)HTML";
  Url page = U("http://news.test/");
  // Without requisites: the nofollow page gives no links at all.
  EXPECT_TRUE(ParseHtmlLinks(html, "text/html", page).empty());
  std::vector<DiscoveredUrl> found = ParseHtmlLinks(html, "text/html", page, true);
  ASSERT_EQ(found.size(), 2u);  // requisites of a nofollow page are still its own
  for (const DiscoveredUrl& d : found) {
    EXPECT_EQ(d.kind, storage::UrlKind::kRequisite) << d.url;
    EXPECT_EQ(d.priority, RequisitePriority(1));
    EXPECT_EQ(RequisiteLevel(d.priority), 1);
  }
  // A URL that is both a link and a requisite is queued once, as a requisite.
  found = ParseHtmlLinks("<a href=/big.jpg><img src=/big.jpg></a><a href=/s.html>s</a>",
                         "text/html", page, true);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].url, "http://news.test/big.jpg");
  EXPECT_EQ(found[0].kind, storage::UrlKind::kRequisite);
  EXPECT_EQ(found[1].url, "http://news.test/s.html");
  EXPECT_EQ(found[1].kind, storage::UrlKind::kPage);

  // Stylesheets name requisites one level deeper, down to the bound.
  Url css = U("http://cdn.test/s.css");
  std::vector<DiscoveredUrl> in_css = ParseCssRequisites("@import 'b.css'; a{b:url(i.png)}", css, 1);
  ASSERT_EQ(in_css.size(), 2u);
  EXPECT_EQ(RequisiteLevel(in_css[0].priority), 2);
  EXPECT_EQ(in_css[0].kind, storage::UrlKind::kRequisite);
  EXPECT_EQ(ParseCssRequisites("@import 'b.css'", css, kMaxStylesheetLevel).size(), 1u);
  EXPECT_TRUE(ParseCssRequisites("@import 'b.css'", css, kMaxStylesheetLevel + 1).empty());
  // Requisites come after redirect targets and before sitemaps, seeds and pages.
  EXPECT_LT(RequisitePriority(kMaxStylesheetLevel + 1), -(int64_t{1} << 61));
  EXPECT_GT(RequisitePriority(1), -(int64_t{1} << 62));
  EXPECT_EQ(RequisiteLevel(0), kMaxStylesheetLevel + 1);  // not a requisite's priority
}

}  // namespace
}  // namespace newsarc::crawler
