#include "extract/html_dom.h"

#include <array>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

#include "extract/script_date_keys.h"

namespace newsarc::extract {

// Every Gumbo allocation carries a header linking it into a doubly linked
// list, so the destructor can free whatever is left without walking the tree
// (gumbo_destroy_output recurses once per nesting level).
struct ParsedHtml::Arena {
  struct alignas(16) Header {
    Header* prev;
    Header* next;
  };
  Header head{&head, &head};

  ~Arena() {
    Header* h = head.next;
    while (h != &head) {
      Header* next = h->next;
      std::free(h);
      h = next;
    }
  }

  static void* Allocate(void* userdata, size_t size) {
    auto* arena = static_cast<Arena*>(userdata);
    auto* h = static_cast<Header*>(std::malloc(sizeof(Header) + size));
    if (h == nullptr) throw std::bad_alloc();
    h->next = arena->head.next;
    h->prev = &arena->head;
    arena->head.next->prev = h;
    arena->head.next = h;
    return h + 1;
  }

  static void Deallocate(void* /*userdata*/, void* ptr) {
    if (ptr == nullptr) return;
    Header* h = static_cast<Header*>(ptr) - 1;
    h->prev->next = h->next;
    h->next->prev = h->prev;
    std::free(h);
  }
};

ParsedHtml::ParsedHtml(std::string_view utf8) : arena_(std::make_unique<Arena>()) {
  input_ = CapNestingDepth(DropUnreadRawText(utf8), kMaxNestingDepth, &depth_capped_,
                           kMaxElements, &elements_capped_);
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::Allocate;
  options.deallocator = &Arena::Deallocate;
  options.userdata = arena_.get();
  options.max_errors = 0;  // error records cost memory and we never read them
  output_ = gumbo_parse_with_options(&options, input_.data(), input_.size());
}

// The arena frees everything Gumbo allocated; no gumbo_destroy_output.
ParsedHtml::~ParsedHtml() = default;

const GumboNode* ParsedHtml::root() const { return output_ ? output_->root : nullptr; }
const GumboNode* ParsedHtml::document() const {
  return output_ ? output_->document : nullptr;
}

namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Elements that never nest (void) or whose end tag is optional and usually
// omitted: counting them would make the depth estimate drift upwards.
constexpr std::array<std::string_view, 37> kUncounted = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame",
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "colgroup", "rb", "rt", "rp", "html", "head", "body"};
constexpr std::array<std::string_view, 8> kRawText = {
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"};

template <size_t N>
bool In(const std::array<std::string_view, N>& set, std::string_view name) {
  for (std::string_view s : set) {
    if (s == name) return true;
  }
  return false;
}

// Finds the end of a tag starting at `pos` (just after the name): the index
// of its '>' or npos. Quoted attribute values may contain '>'.
size_t TagEnd(std::string_view s, size_t pos) {
  char prev = 0;
  while (pos < s.size()) {
    char c = s[pos];
    if (c == '>') return pos;
    if ((c == '"' || c == '\'') && prev == '=') {
      size_t close = s.find(c, pos + 1);
      if (close == std::string_view::npos) return close;
      pos = close + 1;
      prev = c;
      continue;
    }
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') prev = c;
    ++pos;
  }
  return std::string_view::npos;
}

// Case-insensitive search for "</name".
size_t FindEndTag(std::string_view s, size_t pos, std::string_view name) {
  while (true) {
    pos = s.find("</", pos);
    if (pos == std::string_view::npos) return pos;
    size_t i = 0;
    while (i < name.size() && pos + 2 + i < s.size() && Lower(s[pos + 2 + i]) == name[i]) ++i;
    if (i == name.size()) return pos;
    pos += 2;
  }
}

// Whether a script's text may matter to the extractor.
bool ScriptIsRead(std::string_view open_tag, std::string_view text) {
  std::string tag;
  tag.reserve(open_tag.size());
  for (char c : open_tag) tag.push_back(Lower(c));
  if (tag.find("json") != std::string::npos) return true;  // ld+json, application/json
  // An escaped script ("<!--" ... "<script>") does not end at the first
  // "</script": HTML's rules are subtle there, so such a script is kept whole.
  if (text.find("<!--") != std::string_view::npos) return true;
  for (std::string_view key : kScriptDateKeys) {
    if (text.find(key) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::string DropUnreadRawText(std::string_view html) {
  std::string out;
  size_t copied = 0;  // html[copied..] not yet in `out`
  size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string_view::npos) {
    if (html.compare(pos, 4, "<!--") == 0) {
      size_t end = html.find("-->", pos + 4);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    size_t name_start = pos + 1;
    size_t name_end = name_start;
    while (name_end < html.size() && IsAsciiAlpha(html[name_end]) && name_end - name_start < 8) {
      ++name_end;
    }
    std::string name;
    for (size_t i = name_start; i < name_end; ++i) name.push_back(Lower(html[i]));
    bool boundary = name_end < html.size() &&
                    !IsAsciiAlpha(html[name_end]) && html[name_end] != '-' && html[name_end] != ':' &&
                    !(html[name_end] >= '0' && html[name_end] <= '9');
    if (!boundary || (name != "style" && name != "script")) {
      ++pos;
      continue;
    }
    size_t tag_end = TagEnd(html, name_end);
    if (tag_end == std::string_view::npos) break;
    size_t content = tag_end + 1;
    size_t close = FindEndTag(html, content, name);
    if (close == std::string_view::npos) break;  // unterminated: leave as is
    std::string_view text = html.substr(content, close - content);
    bool keep = name == "script" && ScriptIsRead(html.substr(pos, content - pos), text);
    if (!keep && !text.empty()) {
      if (out.empty()) out.reserve(html.size());
      out.append(html.substr(copied, content - copied));
      copied = close;
    }
    pos = close + 2;
  }
  if (copied == 0) return std::string(html);
  out.append(html.substr(copied));
  return out;
}

std::string CapNestingDepth(std::string_view html, int max_depth, bool* capped,
                            size_t max_elements, bool* cut) {
  *capped = false;
  if (cut != nullptr) *cut = false;
  size_t elements = 0;
  std::string out;
  out.reserve(html.size());
  int depth = 0;
  long excess = 0;  // start tags dropped and not yet matched by an end tag
  size_t copied = 0;  // html[copied..] not yet in `out`
  size_t pos = 0;
  std::string name;
  while (true) {
    pos = html.find('<', pos);
    if (pos == std::string_view::npos || pos + 1 >= html.size()) break;
    if (html.compare(pos, 4, "<!--") == 0) {
      size_t end = html.find("-->", pos + 4);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    bool is_end = html[pos + 1] == '/';
    size_t name_start = pos + (is_end ? 2 : 1);
    if (name_start >= html.size() || !IsAsciiAlpha(html[name_start])) {
      ++pos;
      continue;
    }
    size_t name_end = name_start;
    name.clear();
    while (name_end < html.size() && (IsAsciiAlpha(html[name_end]) ||
                                      (html[name_end] >= '0' && html[name_end] <= '9') ||
                                      html[name_end] == '-' || html[name_end] == ':')) {
      if (name.size() < 32) name.push_back(Lower(html[name_end]));
      ++name_end;
    }
    size_t tag_end = TagEnd(html, name_end);
    if (tag_end == std::string_view::npos) break;
    size_t next = tag_end + 1;
    if (!is_end && ++elements > max_elements) {
      if (cut != nullptr) *cut = true;
      out.append(html.substr(copied, pos - copied));
      return out;
    }
    bool self_closing = html[tag_end - 1] == '/';
    if (!is_end && In(kRawText, name)) {
      size_t close = FindEndTag(html, next, name);
      pos = close == std::string_view::npos ? html.size() : close;
      continue;
    }
    if (In(kUncounted, name) || (self_closing && !is_end)) {
      pos = next;
      continue;
    }
    bool drop = false;
    if (!is_end) {
      if (depth >= max_depth) {
        drop = true;
        ++excess;
      } else {
        ++depth;
      }
    } else if (excess > 0) {
      drop = true;
      --excess;
    } else if (depth > 0) {
      --depth;
    }
    if (drop) {
      *capped = true;
      out.append(html.substr(copied, pos - copied));
      copied = next;
    }
    pos = next;
  }
  if (!*capped) return std::string(html);
  out.append(html.substr(copied));
  return out;
}

namespace dom {

const GumboVector* Children(const GumboNode* node) {
  if (node == nullptr) return nullptr;
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
    return &node->v.element.children;
  }
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  return nullptr;
}

bool IsElement(const GumboNode* node, GumboTag tag) {
  return node != nullptr &&
         (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) &&
         node->v.element.tag == tag;
}

std::string_view Attr(const GumboNode* node, const char* name) {
  if (node == nullptr ||
      (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE)) {
    return {};
  }
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a != nullptr && a->value != nullptr ? std::string_view(a->value) : std::string_view();
}

std::string TagName(const GumboNode* node) {
  if (node == nullptr ||
      (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE)) {
    return {};
  }
  const GumboElement& e = node->v.element;
  if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
  GumboStringPiece piece = e.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data ? piece.data : "", piece.data ? piece.length : 0);
  for (char& c : name) c = Lower(c);
  return name;
}

std::string SubtreeText(const GumboNode* node) {
  std::string out;
  Walk(node, [&out](const GumboNode* n) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
      out.append(n->v.text.text);
      return false;
    }
    return n->type != GUMBO_NODE_COMMENT;
  });
  return out;
}

}  // namespace dom
}  // namespace newsarc::extract
