// The article body as a list of blocks, and its three renderings: plain text
// (blocks separated by blank lines), Markdown, and minimal clean HTML (p,
// h2-h6, ul/ol/li, blockquote, pre, table). Internal to extract/.
#ifndef NEWSARC_EXTRACT_TEXT_OUTPUT_H_
#define NEWSARC_EXTRACT_TEXT_OUTPUT_H_

#include <string>
#include <vector>

namespace newsarc::extract {

struct Block {
  enum class Kind { kParagraph, kHeading, kListItem, kPre, kTableRow };
  Kind kind = Kind::kParagraph;
  int heading_level = 2;     // 2..6 for kHeading
  bool ordered = false;      // kListItem inside <ol>
  int list_depth = 0;        // nesting of lists, 1 for a top-level item
  int quote_depth = 0;       // nesting of <blockquote>
  int table_id = -1;         // rows of one table share an id
  bool header_row = false;   // kTableRow made of <th>
  std::string text;                // '\n' where the page had <br>
  std::vector<std::string> cells;  // kTableRow
};

std::string RenderText(const std::vector<Block>& blocks);
std::string RenderMarkdown(const std::vector<Block>& blocks);
std::string RenderHtml(const std::vector<Block>& blocks);

// Escapes &, <, > and " for HTML text and attribute values.
std::string HtmlEscape(std::string_view s);

}  // namespace newsarc::extract

#endif  // NEWSARC_EXTRACT_TEXT_OUTPUT_H_
