// The URLs a stylesheet refers to, for page requisites: url() and @import.
//
// One pass that follows the tokenizer of CSS Syntax Level 3
// (https://www.w3.org/TR/css-syntax-3/#tokenization) far enough for URLs:
// - comments run from "/*" to the first "*/" (CSS comments do not nest, so
//   "/* /* */ url(a) */" refers to a), or to the end;
// - strings in '' or "" with backslash escapes; an unescaped newline ends
//   one as a bad string, which refers to nothing;
// - url(x) unquoted: escapes decoded, surrounding whitespace dropped; a bad
//   url (a quote, '(', inner whitespace or a control character in it) refers
//   to nothing and is skipped up to its ')'; url("x") and url('x') quoted;
//   "url" is matched as a whole identifier, case-insensitively and through
//   escapes (as browsers do: "u\72 l(x)" is url(x)), never inside a name
//   such as "--my-url(";
// - @import with a string or a url() (an import: a stylesheet itself);
// - the strings directly inside image-set() and -webkit-image-set();
// - escapes: "\" and up to six hex digits (and one white space after them)
//   is that code point (0, surrogates and beyond U+10FFFF give U+FFFD),
//   "\" and any other character is that character.
// Bytes are read as they are: UTF-8 or any ASCII-compatible charset works
// for ASCII URLs. Nothing is resolved: the caller resolves against the
// stylesheet's URL (requisites.h). O(n) in the input whatever it holds,
// at most `max_refs` references; never fails.
// Internal to crawler/.
#ifndef NEWSARC_CRAWLER_CSS_URLS_H_
#define NEWSARC_CRAWLER_CSS_URLS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsarc::crawler {

struct CssReference {
  std::string url;      // as written, escapes decoded, not resolved
  bool import = false;  // from an @import rule: a stylesheet
};

// In source order; repeats are kept (the caller deduplicates after
// resolving).
std::vector<CssReference> ScanCssUrls(std::string_view css, size_t max_refs);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_CSS_URLS_H_
