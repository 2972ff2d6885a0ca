// ParsedHtml (tracking allocator, nesting cap) and the tree helpers.
#include "extract/html_dom.h"

#include <gtest/gtest.h>

#include <string>

namespace newsarc::extract {
namespace {

int Depth(const GumboNode* root) {
  int max = 0;
  std::vector<std::pair<const GumboNode*, int>> stack{{root, 0}};
  while (!stack.empty()) {
    auto [n, d] = stack.back();
    stack.pop_back();
    max = std::max(max, d);
    const GumboVector* kids = dom::Children(n);
    if (kids == nullptr) continue;
    for (unsigned i = 0; i < kids->length; ++i) {
      stack.push_back({static_cast<const GumboNode*>(kids->data[i]), d + 1});
    }
  }
  return max;
}

TEST(HtmlDomTest, ParsesAndWalks) {
  ParsedHtml html("<p class=a>Hello <b>world</b></p><my-widget>x</my-widget>");
  ASSERT_NE(html.root(), nullptr);
  EXPECT_TRUE(dom::IsElement(html.root(), GUMBO_TAG_HTML));
  EXPECT_EQ(dom::SubtreeText(html.root()), "Hello worldx");
  int paragraphs = 0;
  std::string custom;
  dom::Walk(html.document(), [&](const GumboNode* n) {
    if (dom::IsElement(n, GUMBO_TAG_P)) {
      ++paragraphs;
      EXPECT_EQ(dom::Attr(n, "class"), "a");
      EXPECT_EQ(dom::Attr(n, "id"), "");
    }
    if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_UNKNOWN) {
      custom = dom::TagName(n);
    }
    return true;
  });
  EXPECT_EQ(paragraphs, 1);
  EXPECT_EQ(custom, "my-widget");
  EXPECT_FALSE(html.depth_capped());
}

TEST(HtmlDomTest, CapNestingDepthDropsOnlyExcessTags) {
  bool capped = false;
  EXPECT_EQ(CapNestingDepth("<div><div><div>x</div></div></div>", 2, &capped),
            "<div><div>x</div></div>");
  EXPECT_TRUE(capped);
  // Void elements, optional-end elements, self-closing tags, comments and
  // raw text do not count.
  std::string html = "<div><p>a<br><img src=x><li>b<svg/><!-- <div><div> --><script>"
                     "'<div><div>'</script></div>";
  EXPECT_EQ(CapNestingDepth(html, 1, &capped), html);
  EXPECT_FALSE(capped);
  // Quoted '>' inside an attribute value.
  EXPECT_EQ(CapNestingDepth("<div title=\"a>b\"><div>x</div></div>", 1, &capped),
            "<div title=\"a>b\">x</div>");
}

TEST(HtmlDomTest, CapNestingDepthCutsAfterMaxElements) {
  bool capped = false, cut = false;
  EXPECT_EQ(CapNestingDepth("<p>a<p>b<br><p>c", 100, &capped, 3, &cut), "<p>a<p>b<br>");
  EXPECT_TRUE(cut);
  EXPECT_FALSE(capped);
  EXPECT_EQ(CapNestingDepth("<p>a</p><p>b</p>", 100, &capped, 3, &cut), "<p>a</p><p>b</p>");
  EXPECT_FALSE(cut);
}

TEST(HtmlDomTest, DeepNestingIsCappedAndFreedWithoutRecursion) {
  std::string html;
  for (int i = 0; i < 500000; ++i) html += "<div>";
  html += "deep text";
  ParsedHtml parsed(html);
  EXPECT_TRUE(parsed.depth_capped());
  EXPECT_LE(Depth(parsed.document()), kMaxNestingDepth + 5);
  EXPECT_EQ(dom::SubtreeText(parsed.root()), "deep text");
}  // the destructor frees a deep tree: must not overflow the stack

TEST(HtmlDomTest, EmptyAndInvalidInput) {
  ParsedHtml empty("");
  EXPECT_NE(empty.root(), nullptr);
  ParsedHtml bad(std::string("\0\xFF\xFE<p>\x80", 7));
  EXPECT_NE(bad.root(), nullptr);
  EXPECT_EQ(dom::Attr(nullptr, "x"), "");
  EXPECT_EQ(dom::Children(nullptr), nullptr);
  EXPECT_EQ(dom::TagName(nullptr), "");
}

}  // namespace
}  // namespace newsarc::extract

namespace newsarc::extract {
namespace {

TEST(HtmlDomTest, DropUnreadRawTextEmptiesStylesAndUnreadScripts) {
  EXPECT_EQ(DropUnreadRawText("<head><style>p{color:red}</style><STYLE media=x>a{}</STYLE></head>"),
            "<head><style></style><STYLE media=x></STYLE></head>");
  EXPECT_EQ(DropUnreadRawText("<script>var a = '<p>not markup</p>';</script><p>text</p>"),
            "<script></script><p>text</p>");
  // Read by the extractor: JSON-LD and scripts holding a publication date.
  std::string ld = "<script type=\"application/ld+json\">{\"headline\":\"x\"}</script>";
  EXPECT_EQ(DropUnreadRawText(ld), ld);
  std::string state = "<script>window.__STATE__={\"datePublished\":\"2026-11-27\"}</script>";
  EXPECT_EQ(DropUnreadRawText(state), state);
  // Escaped scripts are kept whole; "<scripts>" is not a script.
  std::string escaped = "<script><!-- document.write('<script></script>') --></script>";
  EXPECT_EQ(DropUnreadRawText(escaped), escaped);
  EXPECT_EQ(DropUnreadRawText("<scripts>kept</scripts>"), "<scripts>kept</scripts>");
  // A quoted '>' in the start tag, comments, and an unterminated element.
  EXPECT_EQ(DropUnreadRawText("<style title=\"a>b\">x</style><!-- <style>y</style> -->"),
            "<style title=\"a>b\"></style><!-- <style>y</style> -->");
  EXPECT_EQ(DropUnreadRawText("<p>a<script>never closed"), "<p>a<script>never closed");
  EXPECT_EQ(DropUnreadRawText(""), "");
}

TEST(HtmlDomTest, ParsedHtmlDoesNotSeeDroppedScriptText) {
  ParsedHtml parsed("<html><body><script>var secret = 1;</script><p>visible</p></body></html>");
  ASSERT_NE(parsed.root(), nullptr);
  int scripts = 0, texts = 0;
  std::vector<const GumboNode*> stack{parsed.root()};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT) {
      ++texts;
      EXPECT_EQ(std::string(n->v.text.text), "visible");
    }
    if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_SCRIPT) {
      ++scripts;
      EXPECT_EQ(n->v.element.children.length, 0u);
    }
    const GumboVector* kids = dom::Children(n);
    for (unsigned i = 0; kids != nullptr && i < kids->length; ++i) {
      stack.push_back(static_cast<const GumboNode*>(kids->data[i]));
    }
  }
  EXPECT_EQ(scripts, 1);
  EXPECT_EQ(texts, 1);
}

}  // namespace
}  // namespace newsarc::extract
