// ParsedHtml: an owned Gumbo parse of UTF-8 HTML, plus small tree helpers.
//
// Gumbo 0.10.1 frees its tree recursively (a deep page would overflow the
// stack) and has no depth limit, and its tree builder scans the stack of open
// elements for many tags (quadratic on deep nesting). So the input is first
// capped at kMaxNestingDepth open elements (further start tags and their end
// tags are dropped, their text kept), and every allocation goes through a
// tracking allocator that the destructor frees without walking the tree.
// Internal to extract/. Neither copyable nor movable (the tree points into
// the owned input).
#ifndef NEWSARC_EXTRACT_HTML_DOM_H_
#define NEWSARC_EXTRACT_HTML_DOM_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gumbo.h>

namespace newsarc::extract {

inline constexpr int kMaxNestingDepth = 400;
// Start tags after this many are cut off with the rest of the input: the tree
// costs a few hundred bytes per element, so this bounds memory on huge input.
inline constexpr size_t kMaxElements = 500000;

class ParsedHtml {
 public:
  // Parses `utf8` (need not be valid UTF-8; Gumbo replaces bad bytes).
  explicit ParsedHtml(std::string_view utf8);
  ~ParsedHtml();
  ParsedHtml(const ParsedHtml&) = delete;
  ParsedHtml& operator=(const ParsedHtml&) = delete;

  const GumboNode* root() const;      // the <html> element
  const GumboNode* document() const;  // the document node
  // True when the nesting cap dropped tags.
  bool depth_capped() const { return depth_capped_; }
  // True when the input was cut after kMaxElements start tags.
  bool elements_capped() const { return elements_capped_; }

 private:
  struct Arena;
  std::unique_ptr<Arena> arena_;
  GumboOutput* output_ = nullptr;
  std::string input_;  // Gumbo's tree points into it
  bool depth_capped_ = false;
  bool elements_capped_ = false;
};

// Copies `html` without the contents of the raw-text elements nothing reads:
// every <style>, and every <script> that is neither JSON (JSON-LD) nor holds
// a publication-date key ("datePublished", "pubDate", ...; see
// ScriptDate in metadata.cc). They are half the bytes of a typical news page
// and Gumbo tokenises them character by character. The elements themselves
// stay, empty.
std::string DropUnreadRawText(std::string_view html);

// Copies `html`, dropping start tags (and the matching number of end tags)
// beyond `max_depth` open non-void elements, and cutting the input before the
// start tag that would exceed `max_elements` (then *cut is set). Approximate
// by design (it is a guard, not a parser): raw-text elements and comments are
// skipped over.
std::string CapNestingDepth(std::string_view html, int max_depth, bool* capped,
                            size_t max_elements = kMaxElements, bool* cut = nullptr);

// Tree helpers (namespace dom: extract/ has other helpers of the same
// names). All take possibly-null nodes.
namespace dom {
const GumboVector* Children(const GumboNode* node);
bool IsElement(const GumboNode* node, GumboTag tag);
// Attribute value or empty.
std::string_view Attr(const GumboNode* node, const char* name);
// Lower-case tag name (also for unknown tags).
std::string TagName(const GumboNode* node);
// Text of the subtree (text, CDATA and whitespace nodes), no separators added
// between blocks. Iterative.
std::string SubtreeText(const GumboNode* node);
// Visits the subtree in document order, iteratively. `visit` returns false to
// skip a node's children.
template <typename Fn>
void Walk(const GumboNode* node, Fn&& visit) {
  if (node == nullptr) return;
  std::vector<const GumboNode*> stack{node};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (!visit(n)) continue;
    const GumboVector* kids = Children(n);
    if (kids == nullptr) continue;
    for (unsigned i = kids->length; i > 0; --i) {
      stack.push_back(static_cast<const GumboNode*>(kids->data[i - 1]));
    }
  }
}

}  // namespace dom
}  // namespace newsarc::extract

#endif  // NEWSARC_EXTRACT_HTML_DOM_H_
