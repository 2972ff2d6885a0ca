// A linear scan of an HTML document's start tags, shared by link discovery
// (links.h) and page requisites (requisites.h).
//
// It follows the HTML tokenizer closely enough for URLs: comments, doctypes
// and processing instructions are skipped; the content of script, style,
// textarea, title, xmp, iframe, noembed and noframes is raw text (a "<a
// href" inside a script is not a link), handed whole to the raw-text
// callback; attribute values may be quoted or not, and numeric and the
// common named character references in them are decoded; the first of
// repeated attributes wins. Not a tree builder: Gumbo takes quadratic time
// and memory on hostile markup such as thousands of nested unclosed <a>
// (measured: 4,000 take 2 s, 50,000 more than 16 GB), and URLs need no
// tree. O(n) in the input whatever it holds; never fails.
// Internal to crawler/.
#ifndef NEWSARC_CRAWLER_HTML_SCAN_H_
#define NEWSARC_CRAWLER_HTML_SCAN_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/url.h"

namespace newsarc::crawler {

struct HtmlTag {
  std::string name;  // lower case
  // Lower-case names, values with character references decoded; the first
  // of repeated attributes only.
  std::vector<std::pair<std::string, std::string>> attrs;

  // The value of attribute `name` ("" when absent or empty).
  std::string_view Get(std::string_view name) const;
};

// Calls on_tag for every start tag in document order; the callback may move
// from the tag. For a raw-text element, on_raw_text(element, text) follows
// with its content up to the matching end tag (or to the end of the input
// when it has none); `element` is the lower-case tag name.
void ScanHtml(std::string_view html, const std::function<void(HtmlTag&)>& on_tag,
              const std::function<void(std::string_view element, std::string_view text)>&
                  on_raw_text = {});

// rel (and similar attributes) is a set of space-separated, case-insensitive
// tokens: true when `token` is one of them.
bool HasToken(std::string_view tokens, std::string_view token);

// The document base a <base href> gives (resolved against the page URL),
// when it resolves to an http(s) URL; links and requisites use the first
// <base href> only, wherever it stands.
std::optional<Url> BaseFromHref(const Url& page_url, std::string_view href);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_HTML_SCAN_H_
