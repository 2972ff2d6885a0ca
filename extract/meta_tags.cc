#include "extract/meta_tags.h"

#include <utility>

#include "base/strings.h"

namespace newsarc::extract {
namespace {

// Bounds for pathological input: the walk is iterative, so depth only
// matters for time; node count bounds the whole walk.
constexpr size_t kMaxNodes = 2'000'000;

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_PRE:
      return true;
    default:
      return false;
  }
}

bool IsSpaceAt(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    *len = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    *len = 2;
    return true;
  }
  if (c == 0xE3 && s.substr(i, 3) == "\xE3\x80\x80") {
    *len = 3;
    return true;
  }
  if (c == 0xE2 && i + 2 < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i + 1]);
    unsigned char d = static_cast<unsigned char>(s[i + 2]);
    // U+2000..U+200B spaces, U+202F, U+205F
    if ((b == 0x80 && d >= 0x80 && d <= 0x8B) || (b == 0x80 && d == 0xAF) ||
        (b == 0x81 && d == 0x9F)) {
      *len = 3;
      return true;
    }
  }
  if (c == 0xEF && s.substr(i, 3) == "\xEF\xBB\xBF") {  // stray BOM / ZWNBSP
    *len = 3;
    return true;
  }
  return false;
}

}  // namespace

std::string CollapseSpace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    if (IsSpaceAt(s, i, &len)) {
      pending = !out.empty();
      i += len;
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += s[i];
    ++i;
  }
  return out;
}

std::string_view Attr(const GumboNode* node, const char* name) {
  if (node == nullptr || node->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a && a->value ? std::string_view(a->value) : std::string_view();
}

std::string NodeText(const GumboNode* node, bool lines, size_t max_bytes) {
  std::string raw;
  // Iterative pre-order walk; a marker entry (nullptr) emits a line break
  // after a block element's children.
  std::vector<std::pair<const GumboNode*, bool>> stack;
  stack.push_back({node, false});
  while (!stack.empty() && raw.size() < max_bytes) {
    auto [n, close] = stack.back();
    stack.pop_back();
    if (close) {
      raw += lines ? '\n' : ' ';
      continue;
    }
    if (n == nullptr) continue;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
      raw += n->v.text.text;
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) continue;
    const GumboVector* children =
        n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children : &n->v.element.children;
    if (n->type == GUMBO_NODE_ELEMENT) {
      GumboTag tag = n->v.element.tag;
      if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
          tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_SELECT ||
          (tag == GUMBO_TAG_TITLE && n != node)) {  // <title> is not page text
        continue;
      }
      if (IsBlock(tag)) {
        raw += lines ? '\n' : ' ';
        stack.push_back({nullptr, true});
      }
    }
    for (unsigned i = children->length; i > 0; --i) {
      stack.push_back({static_cast<const GumboNode*>(children->data[i - 1]), false});
    }
  }
  if (!lines) return CollapseSpace(raw);
  std::string out;
  size_t start = 0;
  while (start <= raw.size()) {
    size_t nl = raw.find('\n', start);
    if (nl == std::string::npos) nl = raw.size();
    std::string line = CollapseSpace(std::string_view(raw).substr(start, nl - start));
    if (!line.empty()) {
      if (!out.empty()) out += '\n';
      out += line;
    }
    start = nl + 1;
  }
  return out;
}

std::string_view PageHead::Get(std::string_view key) const {
  for (const MetaTag& m : metas) {
    if (m.key == key && !m.content.empty()) return m.content;
  }
  return {};
}

std::vector<std::string_view> PageHead::GetAll(std::string_view key) const {
  std::vector<std::string_view> out;
  for (const MetaTag& m : metas) {
    if (m.key == key && !m.content.empty()) out.push_back(m.content);
  }
  return out;
}

PageHead CollectHead(const GumboNode* root) {
  PageHead head;
  std::vector<const GumboNode*> stack;
  if (root != nullptr) stack.push_back(root);
  size_t visited = 0;
  bool have_title = false;
  while (!stack.empty() && visited++ < kMaxNodes) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    const GumboVector* children = nullptr;
    if (n->type == GUMBO_NODE_DOCUMENT) {
      children = &n->v.document.children;
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      children = &n->v.element.children;
      GumboTag tag = n->v.element.tag;
      if (tag == GUMBO_TAG_HTML && head.html_lang.empty()) {
        std::string_view lang = Attr(n, "lang");
        if (lang.empty()) lang = Attr(n, "xml:lang");
        head.html_lang = std::string(TrimAscii(lang));
      } else if (tag == GUMBO_TAG_META) {
        std::string_view key = Attr(n, "property");
        if (key.empty()) key = Attr(n, "name");
        if (key.empty()) key = Attr(n, "itemprop");
        if (key.empty()) key = Attr(n, "http-equiv");
        std::string_view content = Attr(n, "content");
        if (content.empty()) content = Attr(n, "value");
        if (content.empty()) content = Attr(n, "datetime");
        if (!key.empty() && !content.empty()) {
          // property="og:title article:tag" lists several keys.
          std::string keys = AsciiLower(TrimAscii(key));
          std::string value = CollapseSpace(content);
          for (std::string_view k : Split(keys, ' ')) {
            if (!k.empty()) head.metas.push_back({std::string(k), value});
          }
        }
      } else if (tag == GUMBO_TAG_LINK || tag == GUMBO_TAG_A) {
        std::string_view rel = Attr(n, "rel");
        std::string_view href = Attr(n, "href");
        if (!rel.empty() && !href.empty()) {
          std::string rels = AsciiLower(rel);
          for (std::string_view r : Split(rels, ' ')) {
            if (r.empty()) continue;
            // For rel=author links the visible name matters more than the
            // href; keep the text in `rel` entries of kind "author-text".
            head.links.push_back({std::string(r), std::string(TrimAscii(href))});
            if (r == "author" && tag == GUMBO_TAG_A) {
              head.links.push_back({"author-text", NodeText(n, false, 256)});
            }
          }
        }
        if (tag == GUMBO_TAG_LINK) continue;
      } else if (tag == GUMBO_TAG_TITLE) {
        if (!have_title) {
          head.title = NodeText(n);
          // Gumbo puts <title> text in a text child; NodeText handles it.
          have_title = !head.title.empty();
        }
        continue;
      } else if (tag == GUMBO_TAG_SCRIPT) {
        std::string type = AsciiLower(TrimAscii(Attr(n, "type")));
        if (type == "application/ld+json" && n->v.element.children.length > 0) {
          const GumboNode* t = static_cast<const GumboNode*>(n->v.element.children.data[0]);
          if (t->type == GUMBO_NODE_TEXT || t->type == GUMBO_NODE_CDATA ||
              t->type == GUMBO_NODE_WHITESPACE) {
            head.jsonld.emplace_back(t->v.text.text);
          }
        }
        continue;
      } else if (tag == GUMBO_TAG_STYLE) {
        continue;
      }
    } else {
      continue;
    }
    for (unsigned i = children->length; i > 0; --i) {
      stack.push_back(static_cast<const GumboNode*>(children->data[i - 1]));
    }
  }
  return head;
}

}  // namespace newsarc::extract
