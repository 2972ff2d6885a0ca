// The CSS scanner behind page requisites (crawler/css_urls.h): the
// references CSS Syntax Level 3 tokenization gives, and bounded work on
// hostile stylesheets.
#include "crawler/css_urls.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace newsarc::crawler {
namespace {

std::vector<std::string> Urls(std::string_view css, size_t max = 1000) {
  std::vector<std::string> out;
  for (const CssReference& r : ScanCssUrls(css, max)) out.push_back(r.url);
  return out;
}

using V = std::vector<std::string>;

TEST(CssUrlsTest, UrlTokensQuotedAndUnquoted) {
  EXPECT_EQ(Urls("a{background:url(img/a.png)} b{background:URL( \"b.png\" )}"
                 "c{background:url(  'c d.png'  )} d{background:url(  e.png  )}"),
            (V{"img/a.png", "b.png", "c d.png", "e.png"}));
  EXPECT_EQ(Urls("@font-face{src:url(f.woff2) format(\"woff2\"),url(f.woff) format(\"woff\")}"),
            (V{"f.woff2", "f.woff"}));  // format() strings are no URLs
}

TEST(CssUrlsTest, ImportsWithStringsOrUrls) {
  std::vector<CssReference> refs = ScanCssUrls(
      "@import \"base.css\";\n@IMPORT url(print.css) print;\n@import /* c */ 'x.css' layer(a);"
      "@media screen{a{color:red}} \"not-an-import.css\" @importer \"no.css\";",
      100);
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0].url, "base.css");
  EXPECT_TRUE(refs[0].import);
  EXPECT_EQ(refs[1].url, "print.css");
  EXPECT_TRUE(refs[1].import);
  EXPECT_EQ(refs[2].url, "x.css");
  EXPECT_TRUE(refs[2].import);
  EXPECT_FALSE(ScanCssUrls("a{b:url(i.png)}", 10)[0].import);
}

TEST(CssUrlsTest, CommentsDoNotNestAndHideWhatTheyHold) {
  EXPECT_EQ(Urls("/* url(hidden.png) */ a{b:url(seen.png)}"), (V{"seen.png"}));
  // "/* /* */" is one comment: what follows it is CSS again.
  EXPECT_EQ(Urls("/* /* */ a{b:url(after.png)} */"), (V{"after.png"}));
  EXPECT_EQ(Urls("a{b:url(x.png)} /* unterminated url(no.png)"), (V{"x.png"}));
  // Inside a string or a url, "/*" is no comment.
  EXPECT_EQ(Urls("a{b:url(/*x*/.png)}"), (V{"/*x*/.png"}));
}

TEST(CssUrlsTest, EscapesAreDecoded) {
  EXPECT_EQ(Urls(R"CSS(a{b:url(a\)b.png)})CSS"), (V{"a)b.png"}));
  EXPECT_EQ(Urls(R"CSS(a{b:url(\61 .png)})CSS"), (V{"a.png"}));        // hex + one space
  EXPECT_EQ(Urls(R"CSS(a{b:url("q\"uote.png")})CSS"), (V{"q\"uote.png"}));
  EXPECT_EQ(Urls("a{b:url(\"line\\\ncontinued.png\")}"), (V{"linecontinued.png"}));
  EXPECT_EQ(Urls(R"CSS(a{b:url(\0 .png)})CSS"), (V{"\xEF\xBF\xBD.png"}));  // U+0000 -> U+FFFD
  // "url" through an escape is still url(), as in browsers.
  EXPECT_EQ(Urls(R"CSS(a{b:u\72 l(esc.png)})CSS"), (V{"esc.png"}));
}

TEST(CssUrlsTest, UrlOnlyAsAWholeIdentifier) {
  EXPECT_EQ(Urls("a{--my-url:1; b:myurl(no.png); c:10url(no.png); d:#url(no.png); "
                 "e:url (no.png); f:x-url(no.png)}"),
            V{});
}

TEST(CssUrlsTest, BadUrlsAndStringsReferToNothing) {
  // A quote, '(' or inner white space makes a bad url, skipped up to ')'.
  EXPECT_EQ(Urls("a{b:url(a b.png) c:url(ok1.png)}"), (V{"ok1.png"}));
  EXPECT_EQ(Urls("a{b:url(a\"b.png) c:url(ok2.png)}"), (V{"ok2.png"}));
  EXPECT_EQ(Urls("a{b:url(a(b.png) c:url(ok3.png)}"), (V{"ok3.png"}));
  EXPECT_EQ(Urls("a{b:url(a\x01" "b.png) c:url(ok4.png)}"), (V{"ok4.png"}));
  // An unescaped newline ends a string as a bad string; the quote after
  // ".css" then opens another string, which the next newline ends too.
  EXPECT_EQ(Urls("@import \"broken\n.css\";\na{b:url(ok5.png)}"), (V{"ok5.png"}));
  EXPECT_EQ(Urls("@import \"broken\n.css\"; a{b:url(swallowed.png)}"), V{});
}

TEST(CssUrlsTest, UnterminatedInputStillEndsCleanly) {
  EXPECT_EQ(Urls("a{b:url(end.png"), (V{"end.png"}));   // the end closes it
  EXPECT_EQ(Urls("a{b:url(\"end2.png"), (V{"end2.png"}));
  EXPECT_EQ(Urls("a{b:url(  "), V{});
  EXPECT_EQ(Urls("a{b:url(x\\"), (V{"x\xEF\xBF\xBD"}));
  EXPECT_EQ(Urls("@import"), V{});
  EXPECT_EQ(Urls("\\"), V{});
  EXPECT_EQ(Urls(""), V{});
}

TEST(CssUrlsTest, ImageSetStringsAreUrls) {
  EXPECT_EQ(Urls("a{b:image-set(\"a.png\" 1x, url(b.png) 2x, \"c.avif\" type(\"image/avif\"))}"
                 "c{d:-webkit-image-set('w.png' 1x)} e{content:\"text\"}"),
            (V{"a.png", "b.png", "c.avif", "w.png"}));
}

TEST(CssUrlsTest, AtMostMaxRefs) {
  std::string css;
  for (int i = 0; i < 100; ++i) css += "a{b:url(i" + std::to_string(i) + ".png)}";
  EXPECT_EQ(ScanCssUrls(css, 7).size(), 7u);
}

TEST(CssUrlsTest, HostileStylesheetsTakeLinearTime) {
  // Each of these is 8 MB; a quadratic scan would take minutes.
  const size_t kSize = 8 << 20;
  std::vector<std::string> hostile = {
      std::string(kSize, '('),
      std::string(kSize, ')'),
      "a{b:url(" + std::string(kSize, 'x'),
      "a{b:url(a b" + std::string(kSize, ' '),
      std::string(kSize, '\\'),
      "\"" + std::string(kSize, '\\'),
  };
  std::string imports, comments, sets, urls;
  while (imports.size() < kSize) imports += "@import ";
  while (comments.size() < kSize) comments += "/* /* ";
  while (sets.size() < kSize) sets += "image-set(";
  while (urls.size() < kSize) urls += "url(url(";
  for (std::string* s : {&imports, &comments, &sets, &urls}) hostile.push_back(std::move(*s));
  for (const std::string& css : hostile) {
    auto start = std::chrono::steady_clock::now();
    std::vector<CssReference> refs = ScanCssUrls(css, 1000);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LE(refs.size(), 1000u);
    EXPECT_LT(seconds, 5.0) << css.substr(0, 20);
  }
}

}  // namespace
}  // namespace newsarc::crawler
