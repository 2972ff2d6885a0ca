// Main-body extraction on small pages built here: each kind of boilerplate
// is dropped, the article's own structure (subheadings, lists, quotes,
// tables, line breaks) is kept, and JSON-LD articleBody steers the choice.
#include "extract/body.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/extract.h"

namespace newsarc::extract {
namespace {

constexpr const char* kPara1 =
    "The city council voted on Tuesday to expand the riverside park by twelve acres, "
    "ending a debate that had lasted for most of the decade.";
constexpr const char* kPara2 =
    "Supporters said the new land would protect the wetlands from development, while "
    "opponents worried about the cost of maintaining the additional trails and bridges.";
constexpr const char* kPara3 =
    "Construction is expected to begin next spring, and the first section of the new "
    "trail should open to walkers and cyclists before the end of next year.";

constexpr const char* kPara4 =
    "The council will hold a public meeting in January to hear ideas for the names of "
    "the new paths, bridges and the small lake at the northern end of the park.";

std::string ArticleParas() {
  return std::string("<p>") + kPara1 + "</p><p>" + kPara2 + "</p><p>" + kPara3 + "</p>";
}

// A page with `extra` placed inside the article container after the prose,
// and `outside` elsewhere in the body.
std::string Page(const std::string& extra, const std::string& outside = "") {
  return "<!doctype html><html><head><meta charset=utf-8><title>Council expands park | "
         "Daily Example</title></head><body>" +
         outside + "<div class=\"content\"><h1>Council expands park</h1>" + ArticleParas() +
         extra + "</div></body></html>";
}

std::string Body(const std::string& html) {
  return Extract(html, "https://news.example.com/2021/11/15/park.html", "").text;
}

void ExpectArticleOnly(const std::string& body) {
  EXPECT_NE(body.find(kPara1), std::string::npos) << body;
  EXPECT_NE(body.find(kPara2), std::string::npos) << body;
  EXPECT_NE(body.find(kPara3), std::string::npos) << body;
}

TEST(BodyTest, PlainArticleParagraphsSeparatedByBlankLines) {
  std::string body = Body(Page(""));
  EXPECT_EQ(body, std::string(kPara1) + "\n\n" + kPara2 + "\n\n" + kPara3);
}

TEST(BodyTest, DropsNavigationHeaderFooterAside) {
  std::string outside =
      "<header><a href=/>Daily Example</a> <a href=/news>News</a></header>"
      "<nav><ul><li><a href=/a>Politics</a></li><li><a href=/b>Sports</a></li></ul></nav>"
      "<aside><p>Weather: sunny with a high of twenty degrees and light winds from the "
      "west through the afternoon.</p></aside>"
      "<footer><p>Contact us at the newsroom, 1 Main Street, Example City, for tips and "
      "corrections to our reporting.</p></footer>";
  std::string body = Body(Page("", outside));
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("Politics"), std::string::npos);
  EXPECT_EQ(body.find("Weather"), std::string::npos);
  EXPECT_EQ(body.find("Contact us"), std::string::npos);
}

TEST(BodyTest, DropsShareWidgets) {
  std::string body = Body(Page(
      "<div class=\"share-bar\"><a href=#>Share on Facebook</a> <a href=#>Tweet</a></div>"
      "<div><span>分享到微信</span></div><p>Share on Facebook</p>"));
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("Facebook"), std::string::npos) << body;
  EXPECT_EQ(body.find("分享"), std::string::npos) << body;
}

TEST(BodyTest, DropsRelatedAndRecommendedLists) {
  std::string body = Body(Page(
      "<div class=\"related-articles\"><h3>Related</h3><p>Mayor announces a new budget for "
      "the coming year with more money for schools and roads across the city.</p></div>"
      "<section id=\"recommended\"><p>Five things to do this weekend in and around Example "
      "City, from markets to concerts and a long walk.</p></section>"));
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("Mayor"), std::string::npos) << body;
  EXPECT_EQ(body.find("Five things"), std::string::npos) << body;
}

TEST(BodyTest, DropsTeaserListsWithoutClassNames) {
  std::string teasers = "<div>";
  for (int i = 0; i < 4; ++i) {
    teasers += "<div><a href=/story" + std::to_string(i) +
               ">Another story headline number " + std::to_string(i) +
               "</a><p>A short blurb about the other story that tempts the reader.</p></div>";
  }
  teasers += "</div>";
  std::string body = Body(Page(teasers));
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("blurb"), std::string::npos) << body;
}

TEST(BodyTest, DropsCommentsAdsAndNewsletterBoxes) {
  std::string body = Body(Page(
      "<div class=\"ad-slot\"><p>Buy the best mattress in the world today at half price, "
      "only while stocks last.</p></div><p>Advertisement</p>"
      "<div class=\"newsletter-signup\"><p>Get the morning briefing delivered to your inbox "
      "every weekday, free of charge.</p></div>"
      "<div id=\"comments\"><p>Great article! I have been walking in this park for years and "
      "I love the idea of more trails.</p></div>"));
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("mattress"), std::string::npos) << body;
  EXPECT_EQ(body.find("Advertisement"), std::string::npos) << body;
  EXPECT_EQ(body.find("briefing"), std::string::npos) << body;
  EXPECT_EQ(body.find("Great article"), std::string::npos) << body;
}

TEST(BodyTest, DropsCaptionsAndPhotoCredits) {
  std::string body = Body(Page(
      "<figure><img src=a.jpg><figcaption>The riverside park seen from the old bridge on "
      "a sunny morning last week.</figcaption></figure>"
      "<p>Photo: Jane Smith/Getty Images</p><p>▲公园全景。记者 李明 摄</p>"));
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("old bridge"), std::string::npos) << body;
  EXPECT_EQ(body.find("Getty"), std::string::npos) << body;
  EXPECT_EQ(body.find("公园全景"), std::string::npos) << body;
}

TEST(BodyTest, DropsBylinesDatelinesAndEditorLines) {
  std::string html =
      "<html><head><title>Council expands park</title></head><body><div class=content>"
      "<p>By Jane Doe</p><p>Updated 3:05 PM EST, Nov 15, 2021</p>" +
      ArticleParas() + "<p>责任编辑：蔡东海</p></div></body></html>";
  std::string body = Body(html);
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("Jane Doe"), std::string::npos) << body;
  EXPECT_EQ(body.find("Updated"), std::string::npos) << body;
  EXPECT_EQ(body.find("责任编辑"), std::string::npos) << body;
}

TEST(BodyTest, DropsAuthorBios) {
  std::string body = Body(Page(
      "<div class=\"author-bio\"><p>Jane Doe covers city hall and has written about local "
      "politics for fifteen years.</p></div>"));
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("fifteen years"), std::string::npos) << body;
}

TEST(BodyTest, DropsCopyrightAndLegalNotices) {
  std::string body = Body(Page(
      "<p>Copyright 2021 Daily Example. All rights reserved.</p>"
      "<p>中国日报网版权说明：凡注明来源为“中国日报网”的作品，未经允许禁止转载。</p>"
      "<p>特别声明：以上内容为自媒体平台用户上传并发布，本平台仅提供信息存储服务。</p>"));
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("rights reserved"), std::string::npos) << body;
  EXPECT_EQ(body.find("版权"), std::string::npos) << body;
  EXPECT_EQ(body.find("声明"), std::string::npos) << body;
}

TEST(BodyTest, DropsHiddenElements) {
  std::string body = Body(Page(
      "<div style=\"display: none\"><p>Hidden text that a reader never sees on the page, "
      "kept for scripts.</p></div><p hidden>Also hidden from every reader of the page "
      "whatever the stylesheet says.</p>"));
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("idden"), std::string::npos) << body;
}

TEST(BodyTest, DropsRepeatedTitle) {
  std::string body = Body(Page(""));
  EXPECT_EQ(body.find("Council expands park"), std::string::npos) << body;
}

TEST(BodyTest, KeepsSubheadingsListsQuotesAndTables) {
  std::string body = Body(Page(
      "<h2>What happens next</h2><p>The plan has three stages, listed below in the order "
      "the council approved them on Tuesday evening.</p>"
      "<ul><li>Buy the land</li><li>Build the trail</li></ul>"
      "<blockquote><p>This is a great day for everyone who loves the river and its birds, "
      "said the mayor.</p></blockquote>"
      "<table><tr><th>Stage</th><th>Cost</th></tr><tr><td>Land</td><td>$2m</td></tr></table>"));
  ExpectArticleOnly(body);
  EXPECT_NE(body.find("\n\nWhat happens next\n\n"), std::string::npos) << body;
  EXPECT_NE(body.find("Buy the land\n\nBuild the trail"), std::string::npos) << body;
  EXPECT_NE(body.find("a great day for everyone"), std::string::npos) << body;
  EXPECT_NE(body.find("Stage | Cost\n\nLand | $2m"), std::string::npos) << body;
}

TEST(BodyTest, LineBreakAtBrAndEveryBlockBoundary) {
  std::string body = Body(Page(
      "<p>First line of a poem quoted in the plan<br>second line of the poem<br/>third "
      "line</p><div>A closing remark from the council about its plans<div>nested block "
      "text</div>tail text after the nested block</div>"));
  EXPECT_NE(body.find("poem quoted in the plan\nsecond line of the poem\nthird line"),
            std::string::npos) << body;
  EXPECT_NE(body.find("about its plans\n\nnested block text\n\ntail text"), std::string::npos)
      << body;
}

TEST(BodyTest, MarkdownAndHtmlRenderings) {
  Article a = Extract(Page("<h2>Next</h2><ul><li>One item</li><li>Two items</li></ul>"
                           "<blockquote><p>Quoted words from the mayor of the city.</p></blockquote>"),
                      "", "");
  EXPECT_NE(a.markdown.find("## Next"), std::string::npos) << a.markdown;
  EXPECT_NE(a.markdown.find("- One item\n- Two items"), std::string::npos) << a.markdown;
  EXPECT_NE(a.markdown.find("> Quoted words"), std::string::npos) << a.markdown;
  EXPECT_NE(a.html.find(std::string("<p>") + kPara1 + "</p>"), std::string::npos) << a.html;
  EXPECT_NE(a.html.find("<h2>Next</h2>"), std::string::npos) << a.html;
  EXPECT_NE(a.html.find("<ul>\n<li>One item</li>\n<li>Two items</li>\n</ul>"), std::string::npos)
      << a.html;
  EXPECT_NE(a.html.find("<blockquote>\n<p>Quoted words"), std::string::npos) << a.html;
}

TEST(BodyTest, ChoosesArticleOverLongerLinkLists) {
  std::string links = "<div class=\"x\">";
  for (int i = 0; i < 40; ++i) {
    links += "<p><a href=/l" + std::to_string(i) + ">A long link text to another page on this "
             "site, number " + std::to_string(i) + "</a></p>";
  }
  links += "</div>";
  std::string body = Body(Page("", links));
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("long link text"), std::string::npos) << body;
}

TEST(BodyTest, JsonLdArticleBodySteersTheChoice) {
  // Two candidate blocks of similar size; JSON-LD names the second.
  std::string other =
      "<div class=\"a\"><p>An unrelated essay about gardening that is long enough to look "
      "like an article on its own, with many words about soil.</p><p>More words about soil, "
      "compost, seeds and the patience that every gardener needs in spring.</p><p>Even more "
      "words about soil and the right time to plant tomatoes and beans.</p></div>";
  std::string html =
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
      "\"headline\":\"Council expands park\",\"articleBody\":\"" +
      std::string(kPara1) + " " + kPara2 + " " + kPara3 + " " + kPara4 +
      "\"}</script></head><body>" + other + "<div class=\"b\">" + ArticleParas() +
      "<p>" + kPara4 + "</p></div></body></html>";
  std::string body = Body(html);
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("gardening"), std::string::npos) << body;
}

TEST(BodyTest, BoilerplateLineClassifier) {
  EXPECT_TRUE(LooksLikeBoilerplateLine("All rights reserved."));
  EXPECT_TRUE(LooksLikeBoilerplateLine("分享到微信"));
  EXPECT_TRUE(LooksLikeBoilerplateLine("Share on Facebook"));
  EXPECT_TRUE(LooksLikeBoilerplateLine("Advertisement"));
  EXPECT_TRUE(LooksLikeBoilerplateLine("© 2021 Example Media"));
  EXPECT_TRUE(LooksLikeBoilerplateLine("编辑|张三"));
  EXPECT_TRUE(LooksLikeBoilerplateLine("您所在的位置：首页 > 新闻"));
  EXPECT_FALSE(LooksLikeBoilerplateLine("The council shared its plans with residents."));
  EXPECT_FALSE(LooksLikeBoilerplateLine("编辑部的同事们都很支持这个计划。这是一个好消息，大家都很高兴。"));
}

// The general rules of issue 12, each on a page written for it.

TEST(BodyTest, LayoutModifierClassesDoNotFlagTheArticle) {
  // "has-ads" and "with-sidebar" describe the page around the element.
  std::string html =
      "<html><body><section class=\"o-section o-section--has-ads\"><div class=\"copy\">" +
      ArticleParas() + "</div></section><div class=\"teasers\">" +
      "<p>Another story about the weather this week that fills the page with words.</p>" +
      "<p>A second story about the schools that also fills the page with more words.</p>" +
      "<p>A third story about the trains that fills the page with even more words.</p>" +
      "</div></body></html>";
  ExpectArticleOnly(Body(html));
}

TEST(BodyTest, HiddenOnlyAsAWholeClassToken) {
  // Drupal's "field--label-hidden" hides the label, Tailwind's
  // "overflow-hidden" hides nothing; the class "hidden" hides the element.
  std::string body = Body(Page(
      "<div class=\"field field--label-hidden\"><p>" + std::string(kPara4) + "</p></div>"
      "<div class=\"hidden\"><p>Secret text that only a script would ever show to a "
      "reader of this page.</p></div>"));
  ExpectArticleOnly(body);
  EXPECT_NE(body.find(kPara4), std::string::npos) << body;
  EXPECT_EQ(body.find("Secret"), std::string::npos) << body;
  EXPECT_NE(Body(Page("<div class=\"overflow-hidden\"><p>" + std::string(kPara4) +
                      "</p></div>")).find(kPara4),
            std::string::npos);
}

TEST(BodyTest, WordPressTaxonomyClassesAndHeadingAnchorsAreNotBoilerplate) {
  std::string html =
      "<html><body><div class=\"post-7 post type-post status-publish hentry tag-share "
      "category-ads\"><h2 id=\"what-to-read-next\">What the council decided</h2>" +
      ArticleParas() + "</div><div class=\"sidebar\"><p>Sidebar text about other things "
      "that goes on for a while to tempt the extractor away.</p></div></body></html>";
  std::string body = Body(html);
  ExpectArticleOnly(body);
  EXPECT_NE(body.find("What the council decided"), std::string::npos) << body;
}

TEST(BodyTest, WeakClassWordYieldsToProse) {
  // "left", "list", "widget" are ambiguous: a prose block named so stays.
  std::string body = Body(Page("<div class=\"paragraph left\"><p>" + std::string(kPara4) +
                               "</p></div>"));
  EXPECT_NE(body.find(kPara4), std::string::npos) << body;
  std::string links = Body(Page(
      "<div class=\"links left\"><a href=/1>One link</a> <a href=/2>Two links</a> "
      "<a href=/3>Three links here</a></div>"));
  EXPECT_EQ(links.find("Three links"), std::string::npos) << links;
}

TEST(BodyTest, LeadParagraphBesideTheContainerJoinsTheBody) {
  // The intro sits in its own wrapper above the article text.
  std::string lead =
      "Parliament postponed the vote on the agreement, and the prime minister must now ask "
      "for another delay, which he had promised never to do.";
  std::string html =
      "<html><body><div class=\"wrap\"><div class=\"intro\"><p>" + lead +
      "</p></div><div class=\"text\">" + ArticleParas() + "<p>" + kPara4 +
      "</p></div></div><nav><a href=/a>Home</a></nav></body></html>";
  std::string body = Body(html);
  ExpectArticleOnly(body);
  ASSERT_NE(body.find(lead), std::string::npos) << body;
  EXPECT_LT(body.find(lead), body.find(kPara1));
}

TEST(BodyTest, DropsHeadingsWhoseSectionKeptNothing) {
  std::string body = Body(Page(
      "<h2>What happens next</h2><p>" + std::string(kPara4) + "</p>"
      "<h3>Mehr aus der Region</h3><ul><li><a href=/1>Ein anderer Artikel über die Stadt</a>"
      "</li><li><a href=/2>Noch ein Artikel über den Park</a></li></ul>"));
  EXPECT_NE(body.find("What happens next"), std::string::npos) << body;
  EXPECT_EQ(body.find("Mehr aus der Region"), std::string::npos) << body;
  // A page that sets its text in a run of headings keeps them.
  std::string run = Body(
      "<html><body><div><h3>First line of the poster text</h3><h3>Second line of it</h3>"
      "<h3>Third line of the poster text here</h3>" + ArticleParas() + "</div></body></html>");
  EXPECT_NE(run.find("Second line of it"), std::string::npos) << run;
}

TEST(BodyTest, DropsReadNextLabelsInSeveralLanguages) {
  for (const char* label : {"Lesen Sie auch:", "Explore further", "À lire aussi",
                            "Czytaj też", "Das könnte Sie auch interessieren"}) {
    std::string body = Body(Page("<p>" + std::string(label) + "</p><p>" + kPara4 + "</p>"));
    EXPECT_EQ(body.find(label), std::string::npos) << label << "\n" << body;
    EXPECT_NE(body.find(kPara4), std::string::npos) << body;
  }
  EXPECT_FALSE(LooksLikeBoilerplateLine("Lesen Sie auch, was der Rat beschlossen hat und warum."));
}

TEST(BodyTest, DropsCreditsAndStampsInOtherLanguages) {
  std::string body = Body(Page(
      "<p>Titelbild: Max Mustermann</p><p>Aktualisiert am 3. Mai 2021</p>"
      "<p>Quelle: Deutscher Verband</p><p>This post may contain affiliate and/or referral "
      "links. Please see my disclosure page.</p>"));
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("Titelbild"), std::string::npos) << body;
  EXPECT_EQ(body.find("Aktualisiert"), std::string::npos) << body;
  EXPECT_EQ(body.find("Quelle"), std::string::npos) << body;
  EXPECT_EQ(body.find("affiliate"), std::string::npos) << body;
}

TEST(BodyTest, ReadsANoscriptThatHoldsTheArticle) {
  // A blog platform renders the post from a template; <noscript> holds it
  // for readers without JavaScript. A tracking <noscript> stays invisible.
  std::string html =
      "<html><body><noscript><img src=/pixel.gif>Enable JavaScript</noscript>"
      "<div class=\"post-body\"><script type=\"text/template\">&lt;p&gt;x&lt;/p&gt;</script>"
      "<noscript>" + ArticleParas() + "<p>" + kPara4 + "</p></noscript></div></body></html>";
  std::string body = Body(html);
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("Enable JavaScript"), std::string::npos) << body;
}

TEST(BodyTest, DropsRubyAnnotationsAndInvisibleFormatCharacters) {
  std::string html =
      "<html><body><div><p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>虐待<rp>(</rp><rt>ぎゃくたい"
      "</rt><rp>)</rp></ruby>をなくすための法律ができて、親が子どもを育てる方法を学ぶことになり"
      "ました。</p><p>Im Mit\u00ADtel\u00ADal\u00ADter war der Wein das Aus\u00ADhän"
      "\u00ADge\u200Bschild der Region und wurde weithin gelobt und getrunken.</p>"
      "</div></body></html>";
  std::string body = Body(html);
  EXPECT_NE(body.find("子どもへの虐待をなくす"), std::string::npos) << body;
  EXPECT_NE(body.find("Im Mittelalter war der Wein das Aushängeschild"), std::string::npos)
      << body;
}

TEST(BodyTest, TeaserListFlagsOnlyItsCards) {
  // Four class-less <div>s: three link cards and the article.
  std::string cards;
  for (int i = 0; i < 3; ++i) {
    cards += "<div><a href=/s" + std::to_string(i) + ">Another headline " + std::to_string(i) +
             "</a> <a href=/t" + std::to_string(i) + ">and another link</a></div>";
  }
  std::string html = "<html><body><div>" + cards + "<div>" + ArticleParas() +
                     "</div></div></body></html>";
  std::string body = Body(html);
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("Another headline"), std::string::npos) << body;
}

TEST(BodyTest, AParagraphNeverWinsAlone) {
  // One long paragraph among short ones: the article is their parent.
  std::string long_para(kPara1);
  long_para += " " + std::string(kPara2) + " " + kPara3;
  std::string html = "<html><body><div class=\"x\"><p>" + long_para +
                     "</p><p>A short second paragraph of the story.</p>"
                     "<p>And a short third one that ends it.</p></div></body></html>";
  std::string body = Body(html);
  EXPECT_NE(body.find("short second paragraph"), std::string::npos) << body;
  EXPECT_NE(body.find("short third one"), std::string::npos) << body;
}

TEST(BodyTest, ArticleHeaderKeepsALeadAndDropsAOneSentenceDek) {
  auto page = [](const std::string& intro) {
    return "<html><body><article><header><h1>Council expands park</h1><p>" + intro +
           "</p><p>By Jane Doe</p></header>" + ArticleParas() +
           "</article><header class=\"site\"><a href=/>Daily Example</a></header></body></html>";
  };
  std::string lead =
      "The park grows by twelve acres. The vote ends a debate that lasted a decade.";
  std::string body = Body(page(lead));
  ExpectArticleOnly(body);
  EXPECT_NE(body.find(lead), std::string::npos) << body;
  EXPECT_EQ(body.find("Jane Doe"), std::string::npos) << body;
  std::string dek = "The vote ends a debate that lasted a decade.";
  std::string with_dek = Body(page(dek));
  ExpectArticleOnly(with_dek);
  EXPECT_EQ(with_dek.find(dek), std::string::npos) << with_dek;
}

TEST(BodyTest, DropsAdLabelsCommentPromptsAndConsentPlaceholders) {
  std::string body = Body(Page(
      "<p>- Anzeige -</p><p>Werbung</p><h3>What do you think?</h3><p>Externer Inhalt</p>"
      "<p>Abonnieren Sie unseren Newsletter und bleiben Sie informiert.</p>"
      "<p>Alle Rechte vorbehalten.</p>"));
  ExpectArticleOnly(body);
  for (const char* gone : {"Anzeige", "Werbung", "What do you think", "Externer Inhalt",
                           "Newsletter", "Rechte"}) {
    EXPECT_EQ(body.find(gone), std::string::npos) << gone << "\n" << body;
  }
}

TEST(BodyTest, DropsTheHeadlineRepeatedWithASectionSuffix) {
  std::string body = Body(Page("<p>Council expands park | Local News</p>"));
  ExpectArticleOnly(body);
  EXPECT_EQ(body.find("Local News"), std::string::npos) << body;
  // A sentence that merely starts like the headline stays.
  std::string kept = Body(Page("<p>Council expands park plans again after the vote.</p>"));
  EXPECT_NE(kept.find("plans again"), std::string::npos) << kept;
}

}  // namespace
}  // namespace newsarc::extract
