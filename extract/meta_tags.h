// The page-level metadata a document declares in markup: <meta> tags
// (name, property, itemprop, http-equiv), <link rel>, <title>, <html lang>
// and the text of JSON-LD scripts, gathered in one walk of the Gumbo tree;
// plus the small DOM helpers the metadata code shares.
// Internal to extract/.
#ifndef NEWSARC_EXTRACT_META_TAGS_H_
#define NEWSARC_EXTRACT_META_TAGS_H_

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsarc::extract {

struct MetaTag {
  std::string key;      // lower-cased name/property/itemprop/http-equiv
  std::string content;  // content (or value/datetime) attribute, trimmed
};

struct LinkTag {
  std::string rel;  // lower-cased
  std::string href;
};

struct PageHead {
  std::vector<MetaTag> metas;       // document order
  std::vector<LinkTag> links;       // <link> and <a> elements with rel
  std::string title;                // text of the first <title>, whitespace collapsed
  std::string html_lang;            // <html lang> / xml:lang
  std::vector<std::string> jsonld;  // texts of <script type=application/ld+json>
  // Content of the first meta whose key equals `key` (lower case), or "".
  std::string_view Get(std::string_view key) const;
  // All contents for `key`, document order.
  std::vector<std::string_view> GetAll(std::string_view key) const;
};

// Walks the whole tree once (bounded depth and node count).
PageHead CollectHead(const GumboNode* root);

// Attribute value or "" (never null).
std::string_view Attr(const GumboNode* node, const char* name);
// Visible text of a subtree, whitespace collapsed to single spaces, block
// elements and <br> as "\n" when `lines` is set; script/style skipped.
// Stops after `max_bytes`.
std::string NodeText(const GumboNode* node, bool lines = false, size_t max_bytes = 1 << 16);
// Collapses runs of ASCII and Unicode white space to one space and trims.
std::string CollapseSpace(std::string_view s);

}  // namespace newsarc::extract

#endif  // NEWSARC_EXTRACT_META_TAGS_H_
