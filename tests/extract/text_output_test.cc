// Rendering blocks as plain text, Markdown and minimal HTML.
#include "extract/text_output.h"

#include <gtest/gtest.h>

namespace newsarc::extract {
namespace {

std::vector<Block> Sample() {
  std::vector<Block> b(7);
  b[0].text = "First paragraph with <markup> & *stars*\nand a line break.";
  b[1].kind = Block::Kind::kHeading;
  b[1].heading_level = 3;
  b[1].text = "A subheading";
  b[2].kind = Block::Kind::kListItem;
  b[2].list_depth = 1;
  b[2].text = "one";
  b[3].kind = Block::Kind::kListItem;
  b[3].list_depth = 1;
  b[3].text = "two";
  b[4].quote_depth = 1;
  b[4].text = "Quoted.";
  b[5].kind = Block::Kind::kTableRow;
  b[5].table_id = 0;
  b[5].header_row = true;
  b[5].cells = {"Name", "Age"};
  b[6].kind = Block::Kind::kTableRow;
  b[6].table_id = 0;
  b[6].cells = {"Ann", "30"};
  return b;
}

TEST(TextOutputTest, PlainText) {
  EXPECT_EQ(RenderText(Sample()),
            "First paragraph with <markup> & *stars*\nand a line break.\n\nA subheading\n\n"
            "one\n\ntwo\n\nQuoted.\n\nName | Age\n\nAnn | 30");
  EXPECT_EQ(RenderText({}), "");
}

TEST(TextOutputTest, Markdown) {
  EXPECT_EQ(RenderMarkdown(Sample()),
            "First paragraph with <markup> & \\*stars\\*  \nand a line break.\n\n### A subheading\n\n"
            "- one\n- two\n\n> Quoted.\n\n| Name | Age |\n| --- | --- |\n| Ann | 30 |");
}

TEST(TextOutputTest, Html) {
  EXPECT_EQ(RenderHtml(Sample()),
            "<p>First paragraph with &lt;markup&gt; &amp; *stars*<br>and a line break.</p>\n"
            "<h3>A subheading</h3>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
            "<blockquote>\n<p>Quoted.</p>\n</blockquote>\n"
            "<table>\n<tr><th>Name</th><th>Age</th></tr>\n<tr><td>Ann</td><td>30</td></tr>\n"
            "</table>\n");
}

TEST(TextOutputTest, OrderedAndNestedLists) {
  std::vector<Block> b(3);
  for (Block& x : b) x.kind = Block::Kind::kListItem;
  b[0].ordered = true;
  b[0].list_depth = 1;
  b[0].text = "a";
  b[1].list_depth = 2;
  b[1].text = "b";
  b[2].ordered = true;
  b[2].list_depth = 1;
  b[2].text = "c";
  EXPECT_EQ(RenderMarkdown(b), "1. a\n  - b\n1. c");
  EXPECT_EQ(RenderHtml(b), "<ol>\n<li>a</li>\n<ul>\n<li>b</li>\n</ul>\n<li>c</li>\n</ol>\n");
}

}  // namespace
}  // namespace newsarc::extract
