#include "extract/metadata.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <gumbo.h>

#include <string>

#include "extract/byline.h"
#include "extract/jsonld.h"

namespace newsarc::extract {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Article Meta(const std::string& html, std::string_view url = "",
             const MetadataRules& rules = {}) {
  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  Article a;
  ExtractMetadata(out->document, url, &a, rules);
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return a;
}

// Modelled on the China Daily page in ../shared/examples/chinadaily-text-dump.txt.
constexpr char kChinaDaily[] = R"(<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>以党建“第一责任”引领和保障发展 - 中国日报网</title>
<meta name="keywords" content="党建,第一责任,郑州">
<meta name="description" content="在中国共产党百年华诞的历史节点……">
</head><body>
<div class="topnav"><a href="/">首页</a> <a href="/news">新闻</a></div>
<div class="main">
<h1>以党建“第一责任”引领和保障发展</h1>
<div class="info"><span>来源: 郑州日报</span><br>
<span>2021-11-15 15:06</span>
<div class="share">分享 分享到 分享到微信</div></div>
<div id="Content">
<p>在中国共产党百年华诞的历史节点,在开启全面建设社会主义现代化河南新征程的重要时刻,省第十一次党代会绘就了波澜壮阔的宏伟蓝图,具有里程碑意义。</p>
<p>一、坚持党的领导,使机关党建走在前、做表率</p>
<p>市直机关必须把政治建设摆在首位,着力打造坚强有力的政治机关。 (作者单位:郑州市委市直机关工委)</p>
<p>(赵惠玲)</p>
<p>【责任编辑:蔡东海】</p>
</div>
<div class="copyright">中国日报网版权说明:凡注明来源为“中国日报网:XXX(署名)”,除与中国日报网签署内容授权协议的网站外,其他任何网站或单位未经允许禁止转载、使用。</div>
</div></body></html>)";

TEST(ExtractMetadataTest, ChinaDailyPage) {
  Article a = Meta(kChinaDaily, "https://cn.chinadaily.com.cn/a/202111/15/WS61920.html");
  EXPECT_EQ(a.title, "以党建“第一责任”引领和保障发展");
  EXPECT_EQ(a.source, "郑州日报");
  EXPECT_EQ(a.published, "2021-11-15T15:06");
  EXPECT_THAT(a.authors, ElementsAre("赵惠玲"));
  EXPECT_EQ(a.editor, "蔡东海");
  EXPECT_THAT(a.tags, ElementsAre("党建", "第一责任", "郑州"));
  EXPECT_EQ(a.description, "在中国共产党百年华诞的历史节点……");
}

TEST(ExtractMetadataTest, OpenGraphAndMetaTags) {
  Article a = Meta(R"(<html lang="en_us"><head>
    <title>Storm hits coast - Example News</title>
    <meta property="og:title" content="Storm hits coast">
    <meta property="og:site_name" content="Example News">
    <meta property="og:image" content="/img/storm.jpg">
    <meta property="og:url" content="https://news.example.com/storm">
    <meta property="article:published_time" content="2021-11-15T15:06:00-05:00">
    <meta property="article:modified_time" content="2021-11-16T08:00:00Z">
    <meta property="article:tag" content="weather">
    <meta property="article:tag" content="storms">
    <meta name="author" content="Jane Doe and John Roe">
    <meta name="description" content="A storm.">
    </head><body><h1>Storm hits coast</h1><p>Text.</p></body></html>)",
                   "https://news.example.com/storm?utm=x");
  EXPECT_EQ(a.title, "Storm hits coast");
  EXPECT_EQ(a.site_name, "Example News");
  EXPECT_EQ(a.published, "2021-11-15T15:06:00-05:00");
  EXPECT_EQ(a.modified, "2021-11-16T08:00:00Z");
  EXPECT_THAT(a.authors, ElementsAre("Jane Doe", "John Roe"));
  EXPECT_EQ(a.image, "https://news.example.com/img/storm.jpg");
  EXPECT_EQ(a.canonical_url, "https://news.example.com/storm");
  EXPECT_EQ(a.language, "en-US");
  EXPECT_THAT(a.tags, ElementsAre("weather", "storms"));
  EXPECT_EQ(a.description, "A storm.");
}

TEST(ExtractMetadataTest, JsonLdWinsAndOrganisationsAreNotAuthors) {
  Article a = Meta(R"(<html><head><title>Ignored | Site</title>
    <meta property="article:published_time" content="2020-01-01">
    <script type="application/ld+json">
    {"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"Site"},
      {"@type":"NewsArticle","headline":"Real headline","datePublished":"2021-03-04T05:06:07Z",
       "author":[{"@type":"Person","name":"Ann Poe"},{"@type":"Organization","name":"Site Inc"}],
       "publisher":{"@type":"Organization","name":"Site Inc"}}]}
    </script></head><body><h1>Real headline</h1></body></html>)");
  EXPECT_EQ(a.title, "Real headline");
  EXPECT_EQ(a.published, "2021-03-04T05:06:07Z");
  EXPECT_THAT(a.authors, ElementsAre("Ann Poe"));
}

TEST(ExtractMetadataTest, TitleSiteSuffixes) {
  EXPECT_EQ(Meta("<title>Markets fall again - Reuters</title>").title, "Markets fall again");
  EXPECT_EQ(Meta("<title>股市再度下跌_新浪网</title>").title, "股市再度下跌");
  EXPECT_EQ(Meta("<title>股市再度下跌 | 中国日报网</title>").title, "股市再度下跌");
  EXPECT_EQ(Meta("<title>阿里发布最强AI芯片-EDN 电子技术设计</title>").title, "阿里发布最强AI芯片");
  // A hyphen inside a Latin title is not a separator.
  EXPECT_EQ(Meta("<title>Covid-19 cases rise</title>").title, "Covid-19 cases rise");
  // An og:title cut short by broken markup does not beat the <title>.
  EXPECT_EQ(Meta(R"(<title>A "quoted" word in the title_Site</title>
                    <meta property="og:title" content="A ">)")
                .title,
            "A \"quoted\" word in the title");
}

TEST(ExtractMetadataTest, VisibleBylineAndUrlDate) {
  Article a = Meta(R"(<html><body><h1>Council votes</h1>
    <p class="byline">By Jane Doe and John Roe | Reuters</p>
    <p>The council voted on Monday.</p></body></html>)",
                   "https://example.com/2021/11/15/council-votes/");
  EXPECT_THAT(a.authors, ElementsAre("Jane Doe", "John Roe"));
  EXPECT_EQ(a.published, "2021-11-15");
}

TEST(ExtractMetadataTest, DatelineUnderHeadlineAndUrlMonth) {
  // The dateline under the headline names the day the reader sees; a
  // sidebar's later dates do not count.
  Article a = Meta(R"(<html lang="de"><body>
    <h1>Laufen im Winter</h1><p class="meta">Veröffentlicht am 10.02.2019 von Heiko</p>
    <p>Text über das Laufen.</p><p>Mehr Text.</p><p>Noch mehr.</p><p>Und mehr.</p>
    <p>Weiter.</p><p>Weiter.</p><p>Weiter.</p><p>Weiter.</p>
    <aside><ul><li>Vorsätze <span class="post-date">3. Januar 2020</span></li></ul></aside>
    </body></html>)");
  EXPECT_EQ(a.published, "2019-02-10");
  EXPECT_EQ(a.language, "de");
  // Ambiguous slashes are day first outside US English.
  Article b = Meta(R"(<html lang="en-GB"><body><h1>Halls too full</h1>
    <p>02/10/2020</p><p>Students returned.</p></body></html>)");
  EXPECT_EQ(b.published, "2020-10-02");
  // A /YYYY/MM/ URL picks the candidate of that month.
  Article c = Meta(R"(<html><head>
    <meta property="article:modified_time" content="2019-01-18T10:00:00+01:00"></head>
    <body><h1>Shoe review</h1><p>October 1, 2019</p></body></html>)",
                   "https://example.com/2019/10/shoe-review/");
  EXPECT_EQ(c.published.substr(0, 10), "2019-10-01");
}

TEST(ExtractMetadataTest, UtcTimestampYieldsToLocalDateline) {
  Article a = Meta(R"(<html lang="de"><head>
    <meta property="article:published_time" content="2021-11-04T23:00Z"></head>
    <body><h1>Kommunalwahlen</h1><p>05.11.2021</p><p>Text.</p></body></html>)");
  EXPECT_EQ(a.published, "2021-11-05");
}

TEST(ExtractMetadataTest, NeverAuthorsFromUrlsOrSiteNames) {
  Article a = Meta(R"(<html><head><title>X - Example</title>
    <meta property="og:site_name" content="Example">
    <meta property="article:author" content="https://www.facebook.com/example">
    <meta name="author" content="Example"></head><body><h1>X</h1></body></html>)");
  EXPECT_THAT(a.authors, IsEmpty());
  // Wire services and job titles are credits, not people.
  EXPECT_THAT(Meta(R"(<meta name="author" content="Associated Press">)").authors, IsEmpty());
  EXPECT_THAT(Meta(R"(<meta name="author" content="TOM KRISHER, AP Auto Writer">)").authors,
              ElementsAre("TOM KRISHER"));
  EXPECT_THAT(
      Meta(R"(<body><h1>T</h1><span class="author">By admin - 2018-09-16</span></body>)").authors,
      IsEmpty());
}

TEST(ExtractMetadataTest, ChinesePortalDateline) {
  Article a = Meta(R"(<html><body><h1>男孩写纸团求救</h1>
    <div class="post_info">2019-09-09 16:19:28　来源: <a href="#">华龙网</a></div>
    <p>正文。</p><p>（记者 张三 李四 重庆报道）</p></body></html>)");
  EXPECT_EQ(a.published, "2019-09-09T16:19:28");
  EXPECT_EQ(a.source, "华龙网");
}

TEST(ExtractMetadataTest, EmptyAndHostilePagesGiveEmptyFields) {
  Article a = Meta("");
  EXPECT_TRUE(a.title.empty());
  EXPECT_TRUE(a.published.empty());
  std::string deep;
  // Deep nesting: the metadata walks are iterative (Gumbo itself is slow
  // on very deep input, so the depth here stays modest).
  for (int i = 0; i < 3000; ++i) deep += "<div>";
  deep += "2021-11-15";
  Article b = Meta(deep);
  EXPECT_EQ(b.published, "2021-11-15");
}

TEST(JsonLdTest, ToleratesBrokenJson) {
  JsonLdInfo info = ParseJsonLd({R"(<!--
    {"@type": "Article", "headline": "Line
break", "datePublished": "2021-11-15", "author": {"name": "A B",},}
    -->)"});
  EXPECT_EQ(info.headline, "Line break");
  EXPECT_EQ(info.date_published, "2021-11-15");
  EXPECT_THAT(info.authors, ElementsAre("A B"));
  // Unrecoverable: keys are still found in the text.
  JsonLdInfo broken = ParseJsonLd({R"({"@type":"NewsArticle","datePublished":"2020-02-03" "x")"});
  EXPECT_EQ(broken.date_published, "2020-02-03");
  // Arrays of objects, mainEntity nesting.
  JsonLdInfo arr = ParseJsonLd({R"([{"@type":"BreadcrumbList"},
    {"@type":"WebPage","mainEntity":{"@type":"BlogPosting","headline":"H","keywords":"a, b"}}])"});
  EXPECT_EQ(arr.headline, "H");
  EXPECT_THAT(arr.keywords, ElementsAre("a", "b"));
  EXPECT_FALSE(ParseJsonLd({"not json at all"}).found_article);
}

}  // namespace
}  // namespace newsarc::extract

namespace newsarc::extract {
namespace {

// Issue 3 (publication dates): a visible day/month-ambiguous date is
// re-read when the structured data give exactly its other reading.
TEST(MetadataDatesTest, StructuredDateResolvesAnAmbiguousVisibleDate) {
  const std::string page =
      "<html lang=\"de\"><head><title>Der Roller im Test</title>"
      "<meta property=\"article:published_time\" content=\"2021-11-01T04:00:14Z\">"
      "</head><body><article><h1>Der Roller im Test</h1>"
      "<p class=\"meta\">Von Max Muster | Stand: 11/01/2021, 05:00</p>"
      "<p>Ein Roller mit Akku-Trolley im Alltag getestet, mit allem was dazugeh\xC3\xB6rt.</p>"
      "</article></body></html>";
  EXPECT_EQ(Meta(page).published.substr(0, 10), "2021-11-01");
  // Without structured evidence the page's language decides (day first).
  std::string bare = page;
  bare.erase(bare.find("<meta property"), bare.find("</head>") - bare.find("<meta property"));
  EXPECT_EQ(Meta(bare).published.substr(0, 10), "2021-01-11");
}

// An unrelated structured date that merely equals the swapped reading of
// an unambiguous visible date does not override it.
TEST(MetadataDatesTest, SwapNeedsAnAmbiguousVisibleDate) {
  const std::string page =
      "<html lang=\"en-US\"><head><title>Water report</title>"
      "<meta property=\"article:published_time\" content=\"2023-01-11\">"
      "</head><body><article><h1>Water report</h1>"
      "<p class=\"byline\">By Ann Lee, November 1, 2023</p>"
      "<p>The drinking water report for the valley was published this week.</p>"
      "</article></body></html>";
  // The visible date is first in trust order and stays (not swapped to
  // January 11: the structured date is not its other reading's source).
  EXPECT_EQ(Meta(page).published.substr(0, 10), "2023-11-01");
}

}  // namespace
}  // namespace newsarc::extract

namespace newsarc::extract {
namespace {

// Issue 3 (publication dates): when only the page's text has dates, one
// labelled as a modification is not the publication date.
TEST(MetadataDatesTest, ExtensiveSearchSkipsModificationDates) {
  const std::string page =
      "<html lang=\"de\"><head><title>Rezension</title></head><body>"
      "<div class=\"text\"><p>Eine lange Besprechung eines Buches ohne Datum im Text.</p></div>"
      "<div class=\"rez_footer\"><p>Letzte \xC3\x84nderung: 31.10.2023 - 14:49:39<br>"
      "Erschienen am: 01.11.2023<br>Lesungen: 61</p></div></body></html>";
  EXPECT_EQ(Meta(page).published.substr(0, 10), "2023-11-01");
}

// Issue 12's Chinese metadata families, each on a page written for it.

constexpr char kProse[] =
    "<p>山西品牌丝路行活动近日在太原正式启动，来自全省的多家企业参加了启动仪式，"
    "并将赴南美多国开展推介活动。此次活动旨在推动山西品牌走向世界。</p>";

std::string ZhPage(const std::string& head, const std::string& body) {
  return "<html><head><meta charset=utf-8>" + head + "</head><body>" + body + kProse +
         "</body></html>";
}

TEST(ChineseMetadataTest, SourceLabelWithItsValueOnTheNextLine) {
  Article a = Meta(ZhPage("<title>丝路行正式启动</title>",
                          "<h1>丝路行正式启动</h1><li><span><i>时间：</i>2019-09-18 06:23</span> "
                          "<span><i>来源：</i>\n      山西日报\n   </span></li>"));
  EXPECT_EQ(a.source, "山西日报");
  EXPECT_EQ(a.provenance.source, "byline");
  EXPECT_EQ(a.published, "2019-09-18T06:23");
}

TEST(ChineseMetadataTest, OutletPrintedBesideTheDateUnlabelled) {
  Article a = Meta(ZhPage("<title>重要文章谈了啥</title>",
                          "<h1>重要文章谈了啥</h1><div class=\"news_about\"><p>新华社</p>"
                          "<p>2020-01-03 18:13</p></div>"));
  EXPECT_EQ(a.source, "新华社");
  EXPECT_EQ(a.provenance.source, "outlet-beside-date");
  // Not an outlet: a line without an outlet's ending beside the date.
  Article b = Meta(ZhPage("<title>重要文章谈了啥</title>",
                          "<h1>重要文章谈了啥</h1><div><p>习近平</p><p>2020-01-03 18:13</p></div>"));
  EXPECT_NE(b.source, "习近平");
}

TEST(ChineseMetadataTest, ElementNamedSourceAndContentSourceMeta) {
  Article a = Meta(ZhPage("<title>标题很长的新闻标题</title>",
                          "<h1>标题很长的新闻标题</h1><span class=\"article-source\">南方日报</span>"));
  EXPECT_EQ(a.source, "南方日报");
  EXPECT_EQ(a.provenance.source, "source-element");
  Article b = Meta(ZhPage("<title>标题很长的新闻标题</title><meta name=\"ContentSource\" "
                          "content=\"山西日报\">",
                          "<h1>标题很长的新闻标题</h1>"));
  EXPECT_EQ(b.source, "山西日报");
  EXPECT_EQ(b.provenance.source, "meta");
}

TEST(ChineseMetadataTest, ReportersInsideAgencyDatelines) {
  EXPECT_THAT(ParseDatelineReporters("新华社巴黎12月9日电（记者唐霁）法国总统马克龙9日表示"),
              ElementsAre("唐霁"));
  EXPECT_THAT(ParseDatelineReporters("本报讯（记者 李明 王芳 通讯员 赵强）昨日，市政府召开会议"),
              ElementsAre("李明", "王芳", "赵强"));
  EXPECT_THAT(ParseDatelineReporters("长江网10月4日讯（记者陈智 整合）国庆中秋长假过半"),
              ElementsAre("陈智"));
  EXPECT_THAT(ParseDatelineReporters("本报讯（记者 甲乙、丙丁）会议召开"), ElementsAre("甲乙", "丙丁"));
  // No reporter label, or the parenthesis far into the text: not a dateline.
  EXPECT_THAT(ParseDatelineReporters("本报讯（综合报道）会议召开"), IsEmpty());
  EXPECT_THAT(ParseDatelineReporters(
                  "市政府昨天召开会议，会议研究了城市建设的多个问题，与会者发言踊跃，会后发布讯（记者甲）"),
              IsEmpty());
  Article a = Meta(ZhPage("<title>外媒眼中的武汉长假</title>",
                          "<h1>外媒眼中的武汉长假</h1><p><strong>长江网10月4日讯（记者陈智 整合）"
                          "</strong>国庆中秋长假过半，但外媒关注武汉的热情不减。</p>"));
  EXPECT_THAT(a.authors, ElementsAre("陈智"));
  EXPECT_EQ(a.provenance.authors, "dateline");
}

TEST(ChineseMetadataTest, WordsThatAreNotNamesAreRefused) {
  for (const char* word : {"新闻", "文章", "手记", "训练营"}) {
    Article a = Meta(ZhPage("<title>标题很长的新闻标题</title>",
                            std::string("<h1>标题很长的新闻标题</h1><p>作者：") + word + "</p>"));
    EXPECT_THAT(a.authors, IsEmpty()) << word;
  }
}

TEST(ChineseMetadataTest, HeadlineAboveTheDatelineWhenTheTitleNamesOnlyTheSection) {
  Article a = Meta(ZhPage("<title>新闻动态--中国地理学会官网</title>",
                          "<div class=\"nav\"><a href=/>首页</a></div><h5>2019年人文地理学术年会成功举行</h5>"
                          "<div class=\"ly\"><b>发布时间：2019-05-18</b> <i>来源：中国地理学会</i></div>"));
  EXPECT_EQ(a.title, "2019年人文地理学术年会成功举行");
  EXPECT_EQ(a.provenance.title, "heading");
  EXPECT_EQ(a.source, "中国地理学会");
  EXPECT_EQ(a.published, "2019-05-18");
  EXPECT_EQ(a.provenance.published, "dateline");
}

TEST(ChineseMetadataTest, OutletNames) {
  EXPECT_TRUE(LooksLikeOutletName("新华社"));
  EXPECT_TRUE(LooksLikeOutletName("山西日报"));
  EXPECT_TRUE(LooksLikeOutletName("澎湃新闻"));
  EXPECT_FALSE(LooksLikeOutletName("张三"));
  EXPECT_FALSE(LooksLikeOutletName("来源：新华社"));
  EXPECT_FALSE(LooksLikeOutletName("2020年日报"));
}

TEST(MetadataProvenanceTest, EachFieldSaysWhereItWasRead) {
  Article a = Meta(R"(<html><head><title>Council expands park | Daily</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Council expands park",
"datePublished":"2021-11-15T10:00:00Z","author":{"@type":"Person","name":"Jane Doe"}}</script>
<meta property="article:modified_time" content="2021-11-16T09:00:00Z">
</head><body><h1>Council expands park</h1><p>Text of the article that goes on.</p></body></html>)");
  EXPECT_EQ(a.provenance.title, "json-ld");
  EXPECT_EQ(a.provenance.authors, "json-ld");
  EXPECT_EQ(a.provenance.modified, "meta");
  EXPECT_FALSE(a.provenance.published.empty());
  EXPECT_TRUE(a.provenance.source.empty());  // no source: no provenance
  Article b = Meta("<html><head><title>T</title></head><body><p>No metadata at all.</p></body></html>",
                   "https://example.com/2021/11/15/story.html");
  EXPECT_EQ(b.published.substr(0, 10), "2021-11-15");
  EXPECT_EQ(b.provenance.published, "url");
  EXPECT_TRUE(b.provenance.authors.empty());
}

TEST(ChineseMetadataTest, LabelledDatelineAnywhereWhenNothingAnchorsTheSearch) {
  MetadataRules no_headline;
  no_headline.headline_above_dateline = false;
  // A long menu first: the dateline is past the lines an unanchored
  // search reads for bylines.
  std::string menu;
  for (int i = 0; i < 80; ++i) menu += "<div><a href=/c" + std::to_string(i) + ">栏目" + std::to_string(i) + "</a></div>";
  std::string page = ZhPage("<title>新闻动态--某学会官网</title>",
                            menu + "<div>学术年会成功举行</div>"
                            "<div class=\"ly\"><b>发布时间：2019-05-18</b> <i>来源：中国地理学会</i></div>");
  Article a = Meta(page, "", no_headline);
  EXPECT_EQ(a.source, "中国地理学会");
  EXPECT_EQ(a.provenance.source, "dateline");
  MetadataRules off = no_headline;
  off.source_on_dateline = false;
  EXPECT_TRUE(Meta(page, "", off).source.empty());
}

TEST(ChineseMetadataTest, YearMonthDayAfterAFourDigitYearAndTheVisibleTimeFirst) {
  // "2005-5-7" is the 7th of May, never the 5th of July.
  Article a = Meta(ZhPage("<title>标题很长的新闻标题</title>",
                          "<h1>标题很长的新闻标题</h1><div>发布时间：2005-5-7 来源：某某日报</div>"));
  EXPECT_EQ(a.published, "2005-05-07");
  // The time printed in the header line wins over a meta tag that records
  // an update or a crawl.
  Article b = Meta(ZhPage("<title>标题很长的新闻标题</title><meta property=\"article:published_time\" "
                          "content=\"2020-01-05T09:00:00+08:00\">",
                          "<h1>标题很长的新闻标题</h1><div>2020-01-03 18:13 来源：新华社</div>"));
  EXPECT_EQ(b.published, "2020-01-03T18:13");
  EXPECT_EQ(b.provenance.published, "dateline");
}

}  // namespace
}  // namespace newsarc::extract
