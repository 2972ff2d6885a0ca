// Visible bylines, datelines and credit lines, in English and Chinese:
// "By Jane Doe and John Roe", "记者 张三", "作者：李四", "来源：郑州日报",
// "Source: Reuters", "责任编辑：蔡东海", "Edited by ...", "(赵惠玲)".
// Pure text functions plus one DOM scan. Internal to extract/.
#ifndef NEWSARC_EXTRACT_BYLINE_H_
#define NEWSARC_EXTRACT_BYLINE_H_

#include <gumbo.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/dates.h"
#include "extract/extract.h"

namespace newsarc::extract {

struct Byline {
  std::vector<std::string> authors;
  std::string source;  // credited outlet
  std::string editor;
  std::optional<DateTime> date;  // first date on a dateline
  // FindVisibleByline only: the visible line taken as the headline (the
  // anchor of the search), or empty.
  std::string headline;
  // The headline was found as the heading right above a dateline, not as
  // the page's <h1> or its title.
  bool headline_by_dateline = false;
  // FindVisibleByline only: where the authors and the source were read
  // (see Article::Provenance): "byline", "dateline", "author-element",
  // "signature", "credit-line", "outlet-beside-date", "source-element".
  std::string authors_from;
  std::string source_from;
  bool empty() const { return authors.empty() && source.empty() && editor.empty() && !date; }
};

// Fields of one short line of visible text. Labels: 来源/本文来源/稿源/
// Source, 责任编辑/编辑/Editor/Edited by, 作者/记者/文/By/Author, and dates.
// Longer text (prose) gives an empty result.
Byline ParseBylineLine(std::string_view line, bool month_first = true);

// Names in an English byline ("By Jane Doe, John Roe and Ann Poe | Reuters"):
// the capitalised names after "By", or empty when the line is not a byline.
std::vector<std::string> ParseEnglishByline(std::string_view line);

// A lone parenthesised person name, the way Chinese portals sign articles at
// the end: "(赵惠玲)", "（记者 张三）". Returns the name(s) or empty.
std::vector<std::string> ParseSignature(std::string_view line);
// The same signature closing a paragraph after its last sentence:
// "……成功举行。（张巨峰）".
std::vector<std::string> ParseTrailingSignature(std::string_view line);

// Reporters named in an agency or desk dateline opening the text:
// "新华社巴黎12月9日电（记者唐霁）", "本报讯（记者 甲 通讯员 乙）",
// "长江网10月4日讯（记者陈智 整合）" -> {"陈智"}. Empty when the line has none.
std::vector<std::string> ParseDatelineReporters(std::string_view line);

// True for a short Han name ending like an outlet's ("新华社", "山西日报",
// "澎湃新闻"), with no digits, colon or space.
bool LooksLikeOutletName(std::string_view w);

// True when the line is metadata (see metadata.h, LooksLikeMetadataLine).
bool IsMetadataLine(std::string_view line);

// Scans the visible text of the page for bylines: lines near the first
// <h1> (or the `title` when given) first, then author-like elements
// (class/id/itemprop "author", "byline"), then the rest of the page.
// `month_first`: see ParseDate.
// `rules` switches off the rules an evaluation is ablating (extract.h).
Byline FindVisibleByline(const GumboNode* root, std::string_view title, bool month_first = true,
                         const MetadataRules& rules = {});

// Number of Unicode code points in UTF-8 text.
size_t CodePoints(std::string_view s);

}  // namespace newsarc::extract

#endif  // NEWSARC_EXTRACT_BYLINE_H_
