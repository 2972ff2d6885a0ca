// Extract() end to end on pages built here: the chinadaily-like problem page,
// charset in the result, links, and "never fails" on junk, binary, empty,
// deeply nested and large input.
#include "extract/extract.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace newsarc::extract {
namespace {

// Modelled on ../shared/examples/chinadaily-text-dump.txt: the title repeated,
// a lead, a source/date line, a share widget, the article, the author in
// parentheses, an editor line and two copyright notices.
std::string ChinaDailyLikePage() {
  return R"(<!DOCTYPE html><html><head><meta charset="utf-8">
<title>以党建“第一责任”引领和保障发展 - 中国日报网</title>
<meta name="description" content="在中国共产党百年华诞的历史节点,省第十一次党代会绘就了波澜壮阔的宏伟蓝图。">
</head><body>
<div class="topbar"><a href="/">首页</a> <a href="/news">新闻</a> <a href="/china">中国</a></div>
<div class="main">
<h1>以党建“第一责任”引领和保障发展</h1>
<div class="info"><span>来源: 郑州日报</span> <span>2021-11-15 15:06</span></div>
<div class="fx"><span>分享</span><span>分享到</span><a href="#">分享到微信</a></div>
<div id="Content">
<p>在中国共产党百年华诞的历史节点,在开启全面建设社会主义现代化河南新征程的重要时刻,省第十一次党代会绘就了波澜壮阔的宏伟蓝图,具有里程碑意义。</p>
<p>一、坚持党的领导,使机关党建走在前、做表率</p>
<p>市直机关必须把政治建设摆在首位,着力打造坚强有力的政治机关,把坚持党的坚强领导落到实处。一要自觉带头践行“两个维护”。</p>
<p>二、大抓基层基础,建强基层党组织战斗堡垒</p>
<p>牢固树立党的一切工作到支部的鲜明导向,充分发挥党支部在推动业务工作中的战斗堡垒作用。一是做好机关党建基层治理。</p>
<p>(赵惠玲)</p>
</div>
<div class="editor">【责任编辑:蔡东海】</div>
</div>
<div class="copyright"><p>中国日报网版权说明:凡注明来源为“中国日报网:XXX(署名)”,除与中国日报网签署内容授权协议的网站外,其他任何网站或单位未经允许禁止转载、使用,违者必究。</p>
<p>版权保护:本网登载的内容(包括文字、图片、多媒体资讯等)版权属中国日报网独家所有使用。 未经中国日报网事先协议授权,禁止转载使用。</p></div>
</body></html>)";
}

TEST(ExtractTest, ChinaDailyLikePageBodyIsOnlyTheArticle) {
  Article a = Extract(ChinaDailyLikePage(), "http://www.chinadaily.com.cn/a/202111/15/WS1.html",
                      "text/html");
  EXPECT_EQ(a.charset, "utf-8");
  EXPECT_TRUE(a.reason.empty()) << a.reason;
  const std::string& t = a.text;
  EXPECT_EQ(t.rfind("在中国共产党百年华诞的历史节点", 0), 0u) << t;
  EXPECT_NE(t.find("一、坚持党的领导,使机关党建走在前、做表率\n\n市直机关"), std::string::npos) << t;
  EXPECT_NE(t.find("一是做好机关党建基层治理。"), std::string::npos) << t;
  for (const char* junk : {"分享", "来源", "郑州日报", "2021-11-15", "责任编辑", "蔡东海", "版权",
                           "违者必究", "首页", "中国日报网"}) {
    EXPECT_EQ(t.find(junk), std::string::npos) << junk << "\n" << t;
  }
  // The title appears once, as the title, not in the body.
  EXPECT_EQ(t.find("引领和保障发展"), std::string::npos) << t;
}

TEST(ExtractTest, LinksAreAbsoluteAndResolvedAgainstBaseHref) {
  std::string html =
      "<html><head><base href=\"/section/\"></head><body>"
      "<a href=\"a.html\">a</a> <a href=\"/b.html\">b</a> <a href=\"https://other.org/c\">c</a>"
      "<a href=\"#top\">top</a> <a href=\"javascript:void(0)\">js</a> <a href=\"a.html\">dup</a>"
      "<a href=\"mailto:x@example.com\">mail</a></body></html>";
  Article a = Extract(html, "https://news.example.com/2021/page.html", "");
  ASSERT_EQ(a.links.size(), 3u);
  EXPECT_EQ(a.links[0], "https://news.example.com/section/a.html");
  EXPECT_EQ(a.links[1], "https://news.example.com/b.html");
  EXPECT_EQ(a.links[2], "https://other.org/c");
}

TEST(ExtractTest, LinksWithoutUrlKeepOnlyAbsoluteOnes) {
  Article a = Extract("<a href=\"rel.html\">r</a><a href=\"http://x.org/\">x</a>", "", "");
  ASSERT_EQ(a.links.size(), 1u);
  EXPECT_EQ(a.links[0], "http://x.org/");
}

TEST(ExtractTest, MaxLinksAndWantLinks) {
  std::string html;
  for (int i = 0; i < 50; ++i) html += "<a href=\"/p" + std::to_string(i) + "\">p</a>";
  ExtractOptions o;
  o.max_links = 10;
  EXPECT_EQ(Extract(html, "http://x.org/", "", o).links.size(), 10u);
  o.want_links = false;
  EXPECT_TRUE(Extract(html, "http://x.org/", "", o).links.empty());
}

TEST(ExtractTest, CharsetFromHttpHeaderIsReported) {
  // "新闻" in GBK.
  Article a = Extract("<p>\xD0\xC2\xCE\xC5</p>", "", "text/html; charset=GBK");
  EXPECT_EQ(a.charset, "gb18030");
}

TEST(ExtractTest, EmptyInputGivesReason) {
  Article a = Extract("", "", "");
  EXPECT_TRUE(a.text.empty());
  EXPECT_FALSE(a.reason.empty());
}

TEST(ExtractTest, PageWithoutArticleGivesReason) {
  Article a = Extract("<html><body><nav><a href=/x>Home</a></nav></body></html>", "", "");
  EXPECT_TRUE(a.text.empty());
  EXPECT_EQ(a.reason, "no article body found");
}

TEST(ExtractTest, BinaryInputNeverFails) {
  std::mt19937 rng(42);
  std::string bytes(1 << 20, '\0');
  for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
  Article a = Extract(bytes, "http://x.org/", "application/octet-stream");
  EXPECT_FALSE(a.reason.empty());
  EXPECT_NE(a.reason.find("binary"), std::string::npos) << a.reason;
}

TEST(ExtractTest, JunkMarkupNeverFails) {
  const char* junk[] = {
      "<", "<<<>>>", "</p></div></body>", "<table><td><table><td><p><li><b><i><a>",
      "<!--", "<![CDATA[", "<svg><math><p>x", "<meta charset=\"", "\xEF\xBB\xBF", "&#xD800;&#0;",
      "<p>a</p><p>b", "<html><head><title>x",
  };
  for (const char* j : junk) {
    Article a = Extract(j, "not a url", "text/html; charset=bogus");
    (void)a;
  }
  // A page of random tags and text.
  std::mt19937 rng(7);
  const char* pieces[] = {"<div>", "</div>", "<p>", "</p>", "<table>", "<td>", "<b>", "</b>",
                          "<a href=x>", "</a>", "text ", "文字", "<br>", "<li>", "<ul>", "<!--c-->"};
  std::string html;
  for (int i = 0; i < 200000; ++i) html += pieces[rng() % 16];
  Article a = Extract(html, "http://x.org/", "");
  EXPECT_TRUE(a.text.empty() || !a.text.empty());  // completes
}

TEST(ExtractTest, DeepNestingIsBoundedAndKeepsText) {
  // 200,000 nested divs would overflow a recursive walk and make Gumbo's
  // tree builder quadratic; the depth cap flattens them.
  std::string html = "<html><body>";
  for (int i = 0; i < 200000; ++i) html += "<div>";
  html += "<p>The deeply nested paragraph still has its words, and they are long enough to "
          "be an article of their own for the extractor.</p>";
  for (int i = 0; i < 200000; ++i) html += "</div>";
  html += "</body></html>";
  Article a = Extract(html, "", "");
  EXPECT_NE(a.text.find("deeply nested paragraph"), std::string::npos);
  EXPECT_NE(a.reason.find("nested deeper"), std::string::npos) << a.reason;
}

TEST(ExtractTest, DeepInlineNestingIsBounded) {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<b><i><span>";
  html += "x";
  EXPECT_NO_FATAL_FAILURE(Extract(html, "", ""));
}

TEST(ExtractTest, LargeInputIsCut) {
  std::string para = "<p>A sentence of a very long page, repeated many times over to make it big.</p>\n";
  std::string html = "<html><body><div>";
  while (html.size() < (4u << 20)) html += para;
  html += "</div></body></html>";
  ExtractOptions o;
  o.max_input_bytes = 1u << 20;
  Article a = Extract(html, "", "", o);
  EXPECT_FALSE(a.text.empty());
  EXPECT_LE(a.text.size(), 1u << 20);
  EXPECT_NE(a.reason.find("cut"), std::string::npos) << a.reason;
}

TEST(ExtractTest, Utf16PageIsExtracted) {
  std::string utf8 =
      "<html><body><p>A page saved as UTF-16 with a byte order mark still has its text "
      "extracted like any other page.</p></body></html>";
  std::string utf16 = "\xFF\xFE";
  for (char c : utf8) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  Article a = Extract(utf16, "", "");
  EXPECT_EQ(a.charset, "utf-16le");
  EXPECT_NE(a.text.find("saved as UTF-16"), std::string::npos) << a.text;
}

TEST(ExtractTest, PreDecodedInputGivesTheSameArticle) {
  // A GBK page: "新闻" as the title, the body twice over for length.
  std::string body;
  for (int i = 0; i < 6; ++i) {
    body += "<p>Paragraph " + std::to_string(i) +
            " of a page whose charset comes from the HTTP header, decoded once by the caller.</p>";
  }
  std::string page = "<html><head><title>\xD0\xC2\xCE\xC5</title></head><body><article>" + body +
                     "</article></body></html>";
  const char* type = "text/html; charset=GBK";
  Article once = Extract(page, DecodeHtml(page, type), "http://x.org/a");
  Article twice = Extract(page, "http://x.org/a", type);
  EXPECT_EQ(once.title, twice.title);
  EXPECT_EQ(once.title, "\xE6\x96\xB0\xE9\x97\xBB");  // UTF-8
  EXPECT_EQ(once.text, twice.text);
  EXPECT_EQ(once.charset, "gb18030");
  // The input cap applies to the pre-decoded form too.
  ExtractOptions small;
  small.max_input_bytes = 300;
  Article cut = Extract(page, DecodeHtml(page, type), "http://x.org/a", small);
  EXPECT_LT(cut.text.size(), once.text.size());
  EXPECT_FALSE(cut.reason.empty());
}

}  // namespace
}  // namespace newsarc::extract
