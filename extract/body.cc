#include "extract/body.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "extract/html_dom.h"
#include "extract/metadata.h"

namespace newsarc::extract {
namespace {

// Share of "other" text (links, short blocks, boilerplate) that counts
// against a candidate container, per byte of good text it holds.
constexpr double kOtherPenalty = 0.3;
// A unit needs this many bytes of non-space text to count as prose (UTF-8
// bytes: a CJK character weighs three, about one short word).
constexpr size_t kMinGoodUnit = 50;
constexpr double kMaxGoodLinkDensity = 0.33;
// A kept block may be at most this link-dominated.
constexpr double kMaxBlockLinkDensity = 0.5;
// Metadata and boilerplate line tests apply to blocks shorter than this.
constexpr size_t kShortLine = 400;
// A sibling of the container joins the body when this share of its text is
// good text; siblings are looked for this many ancestors up.
constexpr double kSiblingProseShare = 0.7;
constexpr int kSiblingLevels = 4;
// Past the first two levels the walk stops at an ancestor with this many
// times the container's text: past it lies the page, not the article.
constexpr double kSiblingScope = 3.0;
// An element flagged only by a weak class word stays content when this share
// of its text is good prose.
constexpr double kWeakProseShare = 0.7;
// Text bytes a <noscript> needs to be read as page content.
constexpr size_t kMinNoscriptProse = 300;
// Longest heading (code points) that DropOrphanHeadings may drop.
constexpr size_t kMaxOrphanHeading = 80;

enum class Strength : uint8_t { kNone, kWeak, kStrong };

struct Item {
  const GumboNode* node = nullptr;
  int parent = -1;
  int end = 0;  // one past the last item of the subtree
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  bool is_text = false;
  bool block = false;
  bool in_link = false;
  bool in_pre = false;
  Strength own_boiler = Strength::kNone;
  bool positive = false;  // class/id says article content
  bool boiler = false;    // flagged, itself or an ancestor (after the guard)
  int unit = -1;          // nearest block ancestor (elements: self if block)
  size_t unit_text = 0;   // direct inline text bytes of a unit
  size_t unit_link = 0;
  size_t clean_text = 0;  // unit text outside boilerplate descendants
  size_t clean_link = 0;
  bool unit_in_jsonld = false;
  size_t text_bytes = 0;  // subtree
  size_t link_bytes = 0;  // subtree text inside <a>
  double raw_good = 0;    // subtree good text ignoring boilerplate flags
  double good = 0;
  double prose = 0;       // subtree good text outside boilerplate, JSON-LD not weighed
  double total = 0;
};

bool IsBlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
    case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TR: case GUMBO_TAG_UL: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_BR:
      return true;
    default:
      return false;
  }
}

bool IsInvisibleTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE:
    case GUMBO_TAG_META: case GUMBO_TAG_LINK: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_MAP:
    case GUMBO_TAG_NOFRAMES:
    // Ruby annotations (furigana) are reading aids over the text, not text.
    case GUMBO_TAG_RT: case GUMBO_TAG_RP:
      return true;
    default:
      return false;
  }
}

int HeadingLevel(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_H1: return 1;
    case GUMBO_TAG_H2: return 2;
    case GUMBO_TAG_H3: return 3;
    case GUMBO_TAG_H4: return 4;
    case GUMBO_TAG_H5: return 5;
    case GUMBO_TAG_H6: return 6;
    default: return 0;
  }
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

bool IsHidden(const GumboNode* n) {
  if (gumbo_get_attribute(&n->v.element.attributes, "hidden") != nullptr) return true;
  std::string_view style = dom::Attr(n, "style");
  if (style.empty()) return false;
  std::string s;
  for (char c : style) {
    if (c != ' ' && c != '\t' && c != '\n') s.push_back(Lower(c));
  }
  return Contains(s, "display:none") || Contains(s, "visibility:hidden");
}

// Substrings of a class or id token that mark boilerplate.
constexpr std::string_view kStrongParts[] = {
    "share", "sharing", "social", "related", "recommend", "comment", "advert",
    "sponsor", "newsletter", "subscri", "signup", "sign-up", "promo", "popup",
    "modal", "cookie", "breadcrumb", "sidebar", "byline", "caption", "copyright",
    "outbrain", "taboola", "disqus", "trending", "mostpopular", "most-popular",
    "more-stories", "read-more", "readmore", "also-read", "author-bio", "authorbio",
    "author-info", "about-author", "navbar", "masthead", "toolbar", "pagination",
    "sr-only", "screen-reader", "visually-hidden", "footer", "dateline", "timestamp",
    "recirc", "further-reading", "next-article", "prev-article", "gallery-caption",
    "may-be-reached", "contact-author", "inline-promo", "most-read", "mostread",
    "rollover", "tooltip", "hovercard", "popover",
    // Pinyin class names of Chinese sites: recommend, related, share,
    // comments, ads, hot, copyright, disclaimer.
    "tuijian", "xiangguan", "fenxiang", "pinglun", "guanggao", "remen", "banquan", "mianze",
};
// Whole words (class/id tokens split at '-' and '_') that mark boilerplate.
constexpr std::string_view kStrongWords[] = {
    "ad", "ads", "nav", "menu", "tags", "tag", "bio", "credit", "credits",
    "print", "meta", "author", "authors", "date", "time", "source",
    "keywords", "topics", "banner", "skip", "login", "search", "rail", "tools",
    "utility", "aside", "share", "byline", "dek", "kicker", "eyebrow", "metadata",
    "sns", "qr", "qrcode", "ewm", "fx", "bdshare", "breadcrumbs", "crumbs",
    "pager", "pages", "next", "prev", "location", "position", "ly", "ft", "foot",
};
constexpr std::string_view kWeakWords[] = {
    "header", "head", "extra", "links", "list", "more", "info", "top", "bottom",
    "right", "left", "side", "hot", "rank", "widget", "editor",
};
constexpr std::string_view kPositiveParts[] = {
    "article", "content", "body", "story", "entry", "post", "text", "main", "detail",
};

bool WordIn(std::string_view w, const std::string_view* begin, const std::string_view* end) {
  return std::find(begin, end, w) != end;
}

// Whether a class/id token is a modifier such as "has-ads", "page--with-sidebar"
// or "no_comments": a word "has", "with", "without" or "no" before a later word.
bool IsLayoutModifier(std::string_view token) {
  size_t pos = 0;
  while (pos < token.size()) {
    size_t end = token.find_first_of("-_", pos);
    if (end == std::string_view::npos) return false;  // the last word modifies nothing
    std::string_view word = token.substr(pos, end - pos);
    if (word == "has" || word == "with" || word == "without" || word == "no") return true;
    pos = end + 1;
  }
  return false;
}

// Tokens that hide an element by CSS convention. Only whole tokens: in
// "field--label-hidden" (Drupal) the label is hidden, in "overflow-hidden"
// (Tailwind) nothing is, and "hidden-xs" (Bootstrap 3) shows on a desktop.
constexpr std::string_view kHiddenTokens[] = {"hidden", "is-hidden", "u-hidden", "js-hidden",
                                              "hide", "d-none", "invisible"};
// First words of CSS utility classes ("position-relative", "overflow-auto",
// "text-left"): they style an element and say nothing about its role.
constexpr std::string_view kUtilityPrefixes[] = {
    "position", "overflow", "text", "float", "align", "justify", "flex", "display", "font",
    "bg", "border", "shadow", "rounded", "pull", "col", "mt", "mb", "ml", "mr", "pt", "pb",
    "pl", "pr", "m", "p", "w", "h", "d",
};
// Boilerplate parts that, followed by these letters, form another word:
// "commentary" is an article genre, "promoted" (Drupal) a front-page flag.
constexpr std::pair<std::string_view, std::string_view> kPartExceptions[] = {
    {"comment", "commentary"}, {"promo", "promoted"}, {"related", "unrelated"},
};

bool PartMatches(std::string_view token, std::string_view part) {
  for (size_t at = token.find(part); at != std::string_view::npos; at = token.find(part, at + 1)) {
    bool excepted = false;
    for (const auto& [p, word] : kPartExceptions) {
      if (p == part && token.substr(at, word.size()) == word) excepted = true;
      if (p == part && word.starts_with("un") && at >= 2 && token.substr(at - 2, word.size()) == word) {
        excepted = true;
      }
    }
    if (!excepted) return true;
  }
  return false;
}

std::string_view FirstWord(std::string_view token) {
  return token.substr(0, std::min(token.size(), token.find_first_of("-_:")));
}

// Class tokens of a WordPress post ("hentry", "status-publish"): its
// "tag-<slug>" and "category-<slug>" tokens name taxonomies, not tag lists.
bool IsWordPressPost(std::string_view classes) {
  return Contains(classes, "hentry") || Contains(classes, "status-publish") ||
         Contains(classes, "type-post");
}

void ClassifyAttributes(const GumboNode* n, GumboTag tag, Strength* strength, bool* positive) {
  std::string s = LowerAscii(dom::Attr(n, "class"));
  bool wp_post = IsWordPressPost(s);
  // A heading's id is an anchor made from its text ("what-to-read-next").
  if (HeadingLevel(tag) == 0) {
    s += ' ';
    s += LowerAscii(dom::Attr(n, "id"));
  }
  // Weak words on a paragraph or a list named "list" describe its styling.
  bool weak_applies = tag != GUMBO_TAG_P && tag != GUMBO_TAG_TD && tag != GUMBO_TAG_TH;
  Strength best = Strength::kNone;
  size_t pos = 0;
  while (pos < s.size()) {
    while (pos < s.size() && s[pos] == ' ') ++pos;
    size_t end = s.find(' ', pos);
    if (end == std::string::npos) end = s.size();
    std::string_view token(s.data() + pos, end - pos);
    pos = end;
    if (token.empty()) continue;
    if (WordIn(token, std::begin(kHiddenTokens), std::end(kHiddenTokens))) {
      best = Strength::kStrong;
      continue;
    }
    // Layout modifiers ("o-section--has-ads", "with-sidebar", "no-comments")
    // describe the page around the element, not the element itself.
    if (IsLayoutModifier(token)) continue;
    std::string_view first = FirstWord(token);
    if (first.size() < token.size() &&
        WordIn(first, std::begin(kUtilityPrefixes), std::end(kUtilityPrefixes))) {
      continue;
    }
    if (wp_post && (first == "tag" || first == "category") && first.size() < token.size()) continue;
    for (std::string_view p : kPositiveParts) {
      if (Contains(token, p)) *positive = true;
    }
    for (std::string_view p : kStrongParts) {
      if (PartMatches(token, p)) best = Strength::kStrong;
    }
    size_t wpos = 0;
    while (wpos <= token.size()) {
      size_t wend = token.find_first_of("-_", wpos);
      if (wend == std::string_view::npos) wend = token.size();
      std::string_view word = token.substr(wpos, wend - wpos);
      if (WordIn(word, std::begin(kStrongWords), std::end(kStrongWords))) {
        best = Strength::kStrong;
      } else if (best == Strength::kNone && weak_applies &&
                 WordIn(word, std::begin(kWeakWords), std::end(kWeakWords)) &&
                 !((word == "header" || word == "head") &&
                   (tag == GUMBO_TAG_TABLE || tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TH ||
                    tag == GUMBO_TAG_HEADER)) &&
                 !(word == "list" && (tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL ||
                                      tag == GUMBO_TAG_DL || tag == GUMBO_TAG_TABLE))) {
        best = Strength::kWeak;
      }
      wpos = wend + 1;
    }
  }
  if (best > *strength) *strength = best;
}

Strength ElementBoilerplate(const GumboNode* n, GumboTag tag, bool* positive) {
  Strength s = Strength::kNone;
  switch (tag) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_MENU:
      s = Strength::kStrong;
      break;
    case GUMBO_TAG_FORM:
      s = Strength::kWeak;
      break;
    default:
      break;
  }
  std::string role = LowerAscii(dom::Attr(n, "role"));
  if (role == "navigation" || role == "banner" || role == "contentinfo" ||
      role == "complementary" || role == "search" || role == "menu" ||
      role == "menubar" || role == "dialog" || role == "alert" || role == "toolbar") {
    s = Strength::kStrong;
  }
  std::string itemprop = LowerAscii(dom::Attr(n, "itemprop"));
  if (itemprop == "author" || itemprop == "datepublished" || itemprop == "datemodified" ||
      itemprop == "publisher" || itemprop == "keywords" || itemprop == "caption") {
    s = Strength::kStrong;
  }
  // The page's own semantics outrank class names (WordPress puts
  // "tag-<slug>" and "category-<slug>" classes on the <article>).
  if (itemprop == "articlebody" || role == "main" || tag == GUMBO_TAG_ARTICLE ||
      tag == GUMBO_TAG_MAIN || tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML) {
    *positive = true;
    return s;
  }
  ClassifyAttributes(n, tag, &s, positive);
  return s;
}

bool IsSpaceByte(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Trims ASCII white space, U+00A0 and U+3000 at both ends.
std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty()) {
    if (IsSpaceByte(static_cast<unsigned char>(s.front()))) {
      s.remove_prefix(1);
    } else if (s.substr(0, 2) == "\xC2\xA0") {
      s.remove_prefix(2);
    } else if (s.substr(0, 3) == "\xE3\x80\x80") {
      s.remove_prefix(3);
    } else {
      break;
    }
  }
  while (!s.empty()) {
    if (IsSpaceByte(static_cast<unsigned char>(s.back()))) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
      s.remove_suffix(2);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

// Non-space bytes of a text, with U+00A0 and U+3000 counted as space.
size_t TextWeight(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (IsSpaceByte(c)) continue;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ++i;
      continue;
    }
    if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x80) {
      i += 2;
      continue;
    }
    ++n;
  }
  return n;
}

// Text with every kind of white space removed, for containment tests.
std::string Squeeze(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (IsSpaceByte(c)) continue;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ++i;
      continue;
    }
    if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x80) {
      i += 2;
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

// Text bytes under a node (iterative).
size_t SubtreeTextWeight(const GumboNode* root) {
  size_t n = 0;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* x = stack.back();
    stack.pop_back();
    if (x->type == GUMBO_NODE_TEXT) {
      n += TextWeight(x->v.text.text);
    } else if (x->type == GUMBO_NODE_ELEMENT) {
      const GumboVector& kids = x->v.element.children;
      for (unsigned i = 0; i < kids.length; ++i) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
    }
  }
  return n;
}

// A <noscript> that holds the article for readers without JavaScript (a
// blog platform's template fallback) is what such a reader sees; the usual
// one (a tracking pixel, "please enable JavaScript") holds little text.
bool IsProseNoscript(const GumboNode* n) {
  return n->v.element.tag == GUMBO_TAG_NOSCRIPT && SubtreeTextWeight(n) >= kMinNoscriptProse;
}

// Flattens the visible tree into preorder items.
std::vector<Item> Flatten(const GumboNode* root) {
  std::vector<Item> items;
  struct Frame {
    const GumboNode* node;
    int parent;
  };
  std::vector<Frame> stack{{root, -1}};
  std::vector<int> open;  // items whose `end` is not yet known
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    const GumboNode* n = f.node;
    // Close the subtrees that ended before this node.
    while (!open.empty() && open.back() != f.parent) {
      items[open.back()].end = static_cast<int>(items.size());
      open.pop_back();
    }
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
      if (f.parent < 0) continue;
      Item it;
      it.node = n;
      it.parent = f.parent;
      it.is_text = true;
      const Item& p = items[f.parent];
      it.in_link = p.in_link;
      it.in_pre = p.in_pre;
      it.boiler = p.boiler;
      it.unit = p.unit;
      it.end = static_cast<int>(items.size()) + 1;
      items.push_back(it);
      continue;
    }
    if (n->type == GUMBO_NODE_DOCUMENT) {
      const GumboVector& kids = n->v.document.children;
      for (unsigned i = kids.length; i > 0; --i) {
        stack.push_back({static_cast<const GumboNode*>(kids.data[i - 1]), f.parent});
      }
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
    GumboTag tag = n->v.element.tag;
    if ((IsInvisibleTag(tag) && !IsProseNoscript(n)) || IsHidden(n)) continue;
    if (tag == GUMBO_TAG_UNKNOWN) {
      // Custom elements: ad slots and widgets are commonly named so.
      std::string name = dom::TagName(n);
      if (Contains(name, "-ad") || Contains(name, "ad-") || Contains(name, "share") ||
          Contains(name, "social")) {
        continue;
      }
    }
    Item it;
    it.node = n;
    it.parent = f.parent;
    it.tag = tag;
    it.block = IsBlockTag(tag) || f.parent < 0;
    int idx = static_cast<int>(items.size());
    if (f.parent >= 0) {
      const Item& p = items[f.parent];
      it.in_link = p.in_link;
      it.in_pre = p.in_pre;
      it.unit = it.block ? idx : p.unit;
    } else {
      it.unit = idx;
    }
    it.in_link = it.in_link || tag == GUMBO_TAG_A;
    it.in_pre = it.in_pre || tag == GUMBO_TAG_PRE;
    it.own_boiler = ElementBoilerplate(n, tag, &it.positive);
    items.push_back(it);
    open.push_back(idx);
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = kids.length; i > 0; --i) {
      stack.push_back({static_cast<const GumboNode*>(kids.data[i - 1]), idx});
    }
  }
  while (!open.empty()) {
    items[open.back()].end = static_cast<int>(items.size());
    open.pop_back();
  }
  return items;
}

double UnitGood(const Item& u, bool boiler_aware, bool jsonld_complete) {
  if (boiler_aware && u.boiler) return 0;
  if (boiler_aware && jsonld_complete && !u.unit_in_jsonld) return 0;
  size_t text_bytes = boiler_aware ? u.clean_text : u.unit_text;
  if (text_bytes < kMinGoodUnit) return 0;
  double link = static_cast<double>(boiler_aware ? u.clean_link : u.unit_link);
  double text = static_cast<double>(text_bytes);
  if (link / text > kMaxGoodLinkDensity) return 0;
  double good = text - link;
  return u.unit_in_jsonld ? 2 * good : good;
}

// Sums unit text into every element's subtree totals (reverse preorder:
// children before parents).
void Accumulate(std::vector<Item>& items, bool boiler_aware, bool jsonld_complete) {
  for (Item& it : items) {
    it.good = 0;
    it.total = 0;
    if (!boiler_aware) {
      it.text_bytes = it.is_text ? TextWeight(it.node->v.text.text) : 0;
      it.link_bytes = it.is_text && it.in_link ? it.text_bytes : 0;
    }
  }
  for (size_t i = items.size(); i > 0; --i) {
    Item& it = items[i - 1];
    if (!it.is_text && it.unit == static_cast<int>(i - 1)) {
      it.good += UnitGood(it, boiler_aware, jsonld_complete);
      it.total += static_cast<double>(it.unit_text);
    }
    if (!boiler_aware) it.raw_good = it.good;
    if (it.parent >= 0) {
      Item& p = items[it.parent];
      p.good += it.good;
      p.total += it.total;
      if (!boiler_aware) {
        p.text_bytes += it.text_bytes;
        p.link_bytes += it.link_bytes;
      }
    }
  }
  if (!boiler_aware) {
    for (Item& it : items) it.raw_good = it.good;
  }
}

// Whether the subtree of items[idx] has a heading containing a link (the
// headline of a teaser card).
bool HasLinkedHeading(const std::vector<Item>& items, int idx) {
  for (int j = idx + 1; j < items[idx].end; ++j) {
    if (!items[j].is_text && HeadingLevel(items[j].tag) > 0 && items[j].link_bytes > 0) return true;
  }
  return false;
}

// Teaser lists: a parent with at least three element children of the same
// tag and class that are "cards" (short, a good share of link text: a linked
// headline with a blurb). Flags the cards strong boilerplate.
void FlagTeaserLists(std::vector<Item>& items) {
  std::vector<int> kids;
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& p = items[i];
    if (p.is_text || p.link_bytes < 60) continue;
    kids.clear();
    for (int j = static_cast<int>(i) + 1; j < p.end; j = items[j].end) {
      if (!items[j].is_text) kids.push_back(j);
    }
    if (kids.size() < 3) continue;
    std::vector<bool> done(kids.size(), false);
    for (size_t a = 0; a < kids.size(); ++a) {
      if (done[a]) continue;
      const Item& first = items[kids[a]];
      if (first.tag != GUMBO_TAG_LI && first.tag != GUMBO_TAG_DIV &&
          first.tag != GUMBO_TAG_ARTICLE && first.tag != GUMBO_TAG_SECTION &&
          first.tag != GUMBO_TAG_DL) {
        continue;
      }
      std::string_view cls = dom::Attr(first.node, "class");
      std::vector<int> group;
      for (size_t b = a; b < kids.size(); ++b) {
        const Item& k = items[kids[b]];
        if (k.tag == first.tag && dom::Attr(k.node, "class") == cls) {
          group.push_back(kids[b]);
          done[b] = true;
        }
      }
      if (group.size() < 3) continue;
      std::vector<int> cards;
      for (int g : group) {
        const Item& k = items[g];
        if (k.text_bytes == 0 || k.text_bytes >= 1000 || k.link_bytes < 15) continue;
        double share = static_cast<double>(k.link_bytes) / static_cast<double>(k.text_bytes);
        if (share >= 0.2 || (share >= 0.08 && HasLinkedHeading(items, g))) cards.push_back(g);
      }
      if (cards.size() * 10 < group.size() * 7) continue;
      // Only the cards: a sibling of the same tag and class that is not
      // one (the article among class-less <div>s) stays content.
      for (int g : cards) items[g].own_boiler = Strength::kStrong;
    }
  }
}

// Whether `text` (squeezed) occurs in the JSON-LD body (squeezed).
bool InJsonLd(const std::string& squeezed_unit, const std::string& squeezed_body) {
  if (squeezed_unit.size() < 20 || squeezed_body.empty()) return false;
  // A prefix is enough and tolerates markup differences later in the unit.
  std::string_view probe(squeezed_unit);
  if (probe.size() > 120) probe = probe.substr(0, 120);
  return squeezed_body.find(probe) != std::string::npos;
}

// Number of code points (UTF-8 lead bytes).
size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string NormalizeForCompare(std::string_view s) {
  std::string out;
  for (char c : Squeeze(s)) out.push_back(Lower(c));
  return out;
}

// Sentence ends in a text: . ! ? and their CJK forms followed by a space,
// a closing quote or the end.
int Sentences(std::string_view text) {
  int n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool end = false;
    size_t len = 1;
    if (c == '.' || c == '!' || c == '?') {
      end = true;
    } else if (text.substr(i, 3) == "。" || text.substr(i, 3) == "！" || text.substr(i, 3) == "？") {
      end = true;
      len = 3;
    }
    if (!end) continue;
    size_t next = i + len;
    if (next >= text.size() || text[next] == ' ' || text[next] == '\n' || text[next] == '"' ||
        len == 3) {
      ++n;
    }
    i = next - 1;
  }
  return n;
}

// Builds blocks from the container's subtree.
class Emitter {
 public:
  Emitter(const std::vector<Item>& items, const std::vector<std::string>& titles)
      : items_(items) {
    for (const std::string& t : titles) {
      std::string norm = NormalizeForCompare(t);
      if (!norm.empty()) titles_.push_back(std::move(norm));
    }
  }

  // Emits the subtrees `roots` (disjoint, in document order) as one body.
  std::vector<Block> Run(const std::vector<int>& roots) {
    for (int root : roots) {
      Walk(root);
      Flush();
    }
    Flush();
    return std::move(blocks_);
  }

 private:
  void Walk(int container) {
    const Item& c = items_[container];
    std::vector<int> open;
    int i = container;
    while (i < c.end) {
      while (!open.empty() && items_[open.back()].end <= i) {
        Exit(open.back());
        open.pop_back();
      }
      const Item& it = items_[i];
      if (it.is_text) {
        AddText(it);
        ++i;
        continue;
      }
      if (i != container && it.boiler) {
        i = it.end;
        continue;
      }
      if (!Enter(i)) {
        i = it.end;
        continue;
      }
      open.push_back(i);
      ++i;
    }
    while (!open.empty()) {
      Exit(open.back());
      open.pop_back();
    }
  }

  bool InCell() const { return cell_depth_ > 0; }

  // Returns false to skip the subtree.
  bool Enter(int idx) {
    const Item& it = items_[idx];
    GumboTag t = it.tag;
    if (t == GUMBO_TAG_BR) {
      Newline();
      return false;
    }
    if (t == GUMBO_TAG_TABLE) {
      Flush();
      bool data = IsDataTable(idx);
      tables_.push_back(data);
      if (data) table_id_ = next_table_id_++;
      return true;
    }
    bool data_table = !tables_.empty() && tables_.back();
    if (data_table) {
      if (t == GUMBO_TAG_TR) {
        row_.clear();
        header_row_ = true;
        return true;
      }
      if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) {
        Flush();
        ++cell_depth_;
        if (t == GUMBO_TAG_TD) header_row_ = false;
        return true;
      }
      if (t == GUMBO_TAG_CAPTION) return false;
    }
    if (it.block) {
      if (InCell()) {
        Newline();
      } else {
        Flush();
      }
    }
    if (int level = HeadingLevel(t); level > 0) {
      heading_ = level;
    } else if (t == GUMBO_TAG_UL || t == GUMBO_TAG_OL) {
      lists_.push_back(t == GUMBO_TAG_OL);
    } else if (t == GUMBO_TAG_LI) {
      ++li_depth_;
    } else if (t == GUMBO_TAG_BLOCKQUOTE) {
      ++quote_;
    } else if (t == GUMBO_TAG_PRE) {
      ++pre_;
    } else if (t == GUMBO_TAG_HEADER) {
      ++header_;
    }
    return true;
  }

  void Exit(int idx) {
    const Item& it = items_[idx];
    GumboTag t = it.tag;
    if (t == GUMBO_TAG_TABLE) {
      if (!tables_.empty()) tables_.pop_back();
      Flush();
      return;
    }
    bool data_table = !tables_.empty() && tables_.back();
    if (data_table) {
      if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) {
        row_.push_back(Trimmed(buffer_));
        row_links_ += link_bytes_;
        row_text_ += text_bytes_;
        ResetBuffer();
        if (cell_depth_ > 0) --cell_depth_;
        return;
      }
      if (t == GUMBO_TAG_TR) {
        EmitRow();
        return;
      }
    }
    if (it.block) {
      if (InCell()) {
        Newline();
      } else {
        Flush();
      }
    }
    if (HeadingLevel(t) > 0) {
      heading_ = 0;
    } else if (t == GUMBO_TAG_UL || t == GUMBO_TAG_OL) {
      if (!lists_.empty()) lists_.pop_back();
    } else if (t == GUMBO_TAG_LI) {
      if (li_depth_ > 0) --li_depth_;
    } else if (t == GUMBO_TAG_BLOCKQUOTE) {
      if (quote_ > 0) --quote_;
    } else if (t == GUMBO_TAG_PRE) {
      if (pre_ > 0) --pre_;
    } else if (t == GUMBO_TAG_HEADER) {
      if (header_ > 0) --header_;
    }
  }

  bool IsDataTable(int idx) const {
    const Item& t = items_[idx];
    int cells = 0;
    for (int j = idx + 1; j < t.end; ++j) {
      const Item& it = items_[j];
      if (it.is_text) continue;
      if (it.tag == GUMBO_TAG_TABLE) return false;
      if (it.tag == GUMBO_TAG_TD || it.tag == GUMBO_TAG_TH) {
        ++cells;
        if (it.text_bytes > 600) return false;
      }
    }
    return cells >= 2;
  }

  void AddText(const Item& it) {
    std::string_view s = it.node->v.text.text;
    size_t weight = it.text_bytes;
    if (pre_ > 0) {
      buffer_.append(s);
    } else {
      for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        bool space = IsSpaceByte(c);
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
          space = true;
          ++i;
        }
        // Invisible format characters: U+00AD soft hyphen (a hyphenation
        // hint, "Mit&shy;tel&shy;al&shy;ter"), U+200B zero-width space and
        // U+FEFF. Kept, they split words for every reader of the text.
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xAD) {
          ++i;
          continue;
        }
        if ((c == 0xE2 || c == 0xEF) && i + 2 < s.size()) {
          unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
          unsigned char c2 = static_cast<unsigned char>(s[i + 2]);
          if ((c == 0xE2 && c1 == 0x80 && c2 == 0x8B) || (c == 0xEF && c1 == 0xBB && c2 == 0xBF)) {
            i += 2;
            continue;
          }
        }
        if (space) {
          pending_space_ = true;
          continue;
        }
        if (pending_space_ && !buffer_.empty() && buffer_.back() != '\n') buffer_.push_back(' ');
        pending_space_ = false;
        buffer_.push_back(static_cast<char>(c));
      }
    }
    text_bytes_ += weight;
    if (it.in_link) link_bytes_ += weight;
  }

  void Newline() {
    if (!buffer_.empty() && buffer_.back() != '\n') buffer_.push_back('\n');
    pending_space_ = false;
  }

  void ResetBuffer() {
    buffer_.clear();
    pending_space_ = false;
    text_bytes_ = 0;
    link_bytes_ = 0;
  }

  static std::string Trimmed(const std::string& s) {
    // Trim every line, drop empty lines.
    std::string out;
    size_t pos = 0;
    while (pos <= s.size()) {
      size_t end = s.find('\n', pos);
      if (end == std::string::npos) end = s.size();
      std::string_view line = TrimSpaces(std::string_view(s.data() + pos, end - pos));
      if (!line.empty()) {
        if (!out.empty()) out.push_back('\n');
        out.append(line);
      }
      pos = end + 1;
    }
    return out;
  }

  bool IsTitle(std::string_view text) const {
    std::string norm = NormalizeForCompare(text);
    if (norm.empty()) return false;
    for (const std::string& t : titles_) {
      if (norm == t) return true;
      // The page <title> usually adds the site name; a heading or line
      // that is a long enough piece of it is the headline again.
      if (CodePoints(norm) >= 8 && t.find(norm) != std::string::npos) return true;
      // The headline with a section or site after a separator ("... | Health").
      if (CodePoints(t) >= 8 && norm.size() > t.size() && norm.size() - t.size() <= 40 &&
          norm.compare(0, t.size(), t) == 0) {
        std::string_view rest = std::string_view(norm).substr(t.size());
        for (std::string_view sep : {"|", "-", ":", "·", "–", "—", "｜", "_"}) {
          if (rest.substr(0, sep.size()) == sep) return true;
        }
      }
    }
    return false;
  }

  static bool DropLine(std::string_view line) {
    return line.size() < kShortLine &&
           (LooksLikeMetadataLine(line) || LooksLikeBoilerplateLine(line));
  }

  // Decides on a block; may drop single lines of a multi-line block.
  bool Keep(std::string* text, size_t text_bytes, size_t link_bytes, int heading) {
    if (text->empty()) return false;
    if (text_bytes > 0 &&
        static_cast<double>(link_bytes) / static_cast<double>(text_bytes) > kMaxBlockLinkDensity) {
      return false;
    }
    if (heading == 1 && kept_prose_ == 0) return false;
    if (text->find('\n') == std::string::npos || pre_ > 0) {
      return !IsTitle(*text) && !DropLine(*text);
    }
    std::string kept;
    size_t pos = 0;
    while (pos <= text->size()) {
      size_t end = text->find('\n', pos);
      if (end == std::string::npos) end = text->size();
      std::string_view line(text->data() + pos, end - pos);
      if (!IsTitle(line) && !DropLine(line)) {
        if (!kept.empty()) kept += '\n';
        kept += line;
      }
      pos = end + 1;
    }
    *text = std::move(kept);
    return !text->empty();
  }

  void Flush() {
    if (InCell()) return;
    std::string text = pre_ > 0 ? buffer_ : Trimmed(buffer_);
    size_t tb = text_bytes_, lb = link_bytes_;
    ResetBuffer();
    if (!Keep(&text, tb, lb, heading_)) return;
    // In the article's <header>: a lead of two sentences or more is the
    // article's first paragraph; a one-sentence dek, a kicker or a
    // subtitle heading is a summary of it, not its text.
    if (header_ > 0 && (heading_ > 0 || Sentences(text) < 2)) return;
    Block b;
    b.text = std::move(text);
    b.quote_depth = quote_;
    if (heading_ > 0) {
      b.kind = Block::Kind::kHeading;
      b.heading_level = std::max(2, heading_);
    } else if (pre_ > 0) {
      b.kind = Block::Kind::kPre;
    } else if (li_depth_ > 0) {
      b.kind = Block::Kind::kListItem;
      b.list_depth = std::max<int>(1, static_cast<int>(lists_.size()));
      b.ordered = !lists_.empty() && lists_.back();
    } else {
      ++kept_prose_;
    }
    blocks_.push_back(std::move(b));
  }

  void EmitRow() {
    bool any = false;
    for (const std::string& c : row_) any = any || !c.empty();
    if (any && !(row_text_ > 0 && static_cast<double>(row_links_) / static_cast<double>(row_text_) >
                                       kMaxBlockLinkDensity)) {
      Block b;
      b.kind = Block::Kind::kTableRow;
      b.cells = std::move(row_);
      b.table_id = table_id_;
      b.header_row = header_row_;
      b.quote_depth = quote_;
      blocks_.push_back(std::move(b));
    }
    row_.clear();
    row_links_ = row_text_ = 0;
  }

  const std::vector<Item>& items_;
  std::vector<std::string> titles_;
  std::vector<Block> blocks_;
  std::string buffer_;
  bool pending_space_ = false;
  size_t text_bytes_ = 0, link_bytes_ = 0;
  int heading_ = 0, li_depth_ = 0, quote_ = 0, pre_ = 0, cell_depth_ = 0;
  std::vector<bool> lists_;
  std::vector<bool> tables_;  // true: data table
  int table_id_ = -1, next_table_id_ = 0;
  std::vector<std::string> row_;
  size_t row_links_ = 0, row_text_ = 0;
  bool header_row_ = false;
  int kept_prose_ = 0;
  int header_ = 0;  // depth of <header> elements (article headers only)
};

bool StartsWith(std::string_view s, std::string_view p) { return s.rfind(p, 0) == 0; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Photo captions and credits: "▲ ... 摄", "资料图", "Photo: AP".
// `t` is lower-cased ASCII and trimmed.
bool LooksLikeCaptionOrCredit(std::string_view t) {
  size_t n = CodePoints(t);
  if (n > 120) return false;
  std::string_view u = t;
  while (!u.empty() && (u.back() == ')' || u.back() == ']' || u.back() == ' ')) u.remove_suffix(1);
  if (EndsWith(u, "）")) u.remove_suffix(3);
  if (EndsWith(u, "摄") || EndsWith(u, "摄影") || EndsWith(u, "供图") || EndsWith(u, "资料图") ||
      EndsWith(u, "视频截图") || EndsWith(u, "网络图片") || EndsWith(u, "图片来源网络")) {
    return true;
  }
  static constexpr std::string_view kStarts[] = {
      "▲", "△", "↑", "图为", "图片来源", "图片来自", "图源", "图片：", "图：", "图/",
      "photo:", "photo by", "photos:", "photograph:", "image:", "image credit", "credit:",
      "picture:", "pictured:", "(photo", "(image", "(credit", "（图片", "(图片", "点击看",
      "（点击", "(点击",
  };
  for (std::string_view p : kStarts) {
    if (StartsWith(t, p)) return true;
  }
  if (n < 60 && (Contains(t, "供图") || Contains(t, "摄影：") || Contains(t, "图片来源"))) {
    return true;
  }
  return n < 80 && (EndsWith(u, "getty images") || Contains(t, "ap photo") ||
                    Contains(t, "/getty") || Contains(t, "photo credit") ||
                    EndsWith(u, "/reuters") || EndsWith(u, "/afp"));
}

// Legal and platform notices, breadcrumbs, credits of the editing staff,
// WeChat follow-us prompts, "original title" lines.
bool LooksLikeNotice(std::string_view t) {
  static constexpr std::string_view kStarts[] = {
      "声明", "特别声明", "免责声明", "郑重声明", "notice:", "disclaimer", "您所在的位置",
      "您的位置", "当前位置", "你的位置", "所在位置", "you are here", "本文原标题", "原标题",
      "（原标题", "(原标题", "【原标题", "本文来源", "本文转载自", "文章来源",
  };
  for (std::string_view p : kStarts) {
    if (StartsWith(t, p)) return true;
  }
  static constexpr std::string_view kAnywhere[] = {
      "如有侵权", "仅提供信息存储", "不构成投资建议", "不构成实质性投资建议", "二维码",
      "长按识别", "关注我们", "关注公众号", "点击关注", "阅读原文", "投稿邮箱",
      "违者必究", "转载请注明", "转载请联系",
  };
  for (std::string_view p : kAnywhere) {
    if (Contains(t, p)) return true;
  }
  // Staff credits: "编辑|张三", "责编：李四", "校对 王五".
  static constexpr std::string_view kStaff[] = {
      "编辑", "责编", "责任编辑", "校对", "审核", "审校", "监制", "统筹", "主编", "出品",
      "策划", "撰文", "美编", "值班编辑", "终审", "初审", "复审", "编审", "制图", "来源于",
      "来源", "稿源", "作者", "记者", "通讯员", "文", "图", "摄影", "视频",
  };
  if (CodePoints(t) <= 40) {
    for (std::string_view p : kStaff) {
      if (!StartsWith(t, p)) continue;
      std::string_view rest = t.substr(p.size());
      if (StartsWith(rest, "|") || StartsWith(rest, "：") || StartsWith(rest, ":") ||
          StartsWith(rest, "丨") || StartsWith(rest, "/") || StartsWith(rest, " ") ||
          StartsWith(rest, "｜")) {
        return true;
      }
    }
  }
  return false;
}

bool IsPartOfAnArticle(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
      return true;
    default:
      return false;
  }
}

// Whether a sibling of the container is more of the article: prose (good
// text of enough weight that dominates its text) outside boilerplate.
bool IsProseSibling(const Item& s) {
  if (s.is_text || s.boiler) return false;
  return s.prose >= static_cast<double>(kMinGoodUnit) && s.prose >= kSiblingProseShare * s.total;
}

// The container and the article text beside it: a lead paragraph or a
// header's standfirst above it, text split across sibling containers. Walks
// up to kSiblingLevels ancestors; at each, takes the siblings next to the
// path that are prose, stopping in each direction at the first sibling
// with text that is not (siblings without text, an image or an ad slot,
// are stepped over).
std::vector<int> WithSiblingProse(const std::vector<Item>& items, int container) {
  std::vector<int> roots{container};
  int x = container;
  for (int level = 0; level < kSiblingLevels; ++level) {
    int p = items[x].parent;
    if (p < 0 || items[p].boiler || items[p].tag == GUMBO_TAG_BODY ||
        items[p].tag == GUMBO_TAG_HTML ||
        (level >= 2 && items[p].total > kSiblingScope * std::max(1.0, items[container].total))) {
      break;
    }
    std::vector<int> kids;
    for (int j = p + 1; j < items[p].end; j = items[j].end) {
      if (!items[j].is_text) kids.push_back(j);
    }
    size_t at = std::find(kids.begin(), kids.end(), x) - kids.begin();
    if (at == kids.size()) break;  // x is always among its parent's children
    for (size_t k = at; k-- > 0;) {
      const Item& s = items[kids[k]];
      if (s.total == 0) continue;
      if (!IsProseSibling(s)) break;
      roots.push_back(kids[k]);
    }
    for (size_t k = at + 1; k < kids.size(); ++k) {
      const Item& s = items[kids[k]];
      if (s.total == 0) continue;
      if (!IsProseSibling(s)) break;
      roots.push_back(kids[k]);
    }
    x = p;
  }
  std::sort(roots.begin(), roots.end());
  return roots;
}

// Drops headings whose section kept nothing: the heading of a related-links
// box, a newsletter or an author box whose links and form were dropped
// ("Mehr zum Thema", "Lesen Sie auch", "Explore further"), language-
// independent because it looks only at what follows. A section ends at the
// next heading of the same or a higher rank. A long heading, or one in a run
// of same-rank headings, is a page that sets its text in headings. (A label
// line, "See more photos:", is not dropped so: it announces an embed or a
// gallery as often as a box; measured, dropping it at the end of the body
// cost both the English and the segments set.)
void DropOrphanHeadings(std::vector<Block>* blocks) {
  std::vector<Block>& b = *blocks;
  std::vector<bool> drop(b.size(), false);
  for (size_t i = b.size(); i-- > 0;) {
    if (b[i].kind != Block::Kind::kHeading) continue;
    size_t j = i + 1;  // the next block that is kept
    while (j < b.size() && drop[j]) ++j;
    size_t length = CodePoints(b[i].text);
    if (j == b.size()) {
      drop[i] = length <= kMaxOrphanHeading;
    } else if (b[j].kind == Block::Kind::kHeading) {
      int level = b[i].heading_level, next = b[j].heading_level;
      bool in_run = i > 0 && b[i - 1].kind == Block::Kind::kHeading &&
                    b[i - 1].heading_level == level;
      drop[i] = length <= kMaxOrphanHeading &&
                (next < level || (next == level && !in_run && length <= kMaxOrphanHeading / 2));
    }
  }
  size_t out = 0;
  for (size_t i = 0; i < b.size(); ++i) {
    if (drop[i]) continue;
    if (out != i) b[out] = std::move(b[i]);
    ++out;
  }
  b.resize(out);
}

// The labels of read-next, related, share and author boxes, in the
// languages of the development sets: a whole line, up to its final colon or
// question mark. `t` is lower-cased ASCII and trimmed.
bool IsReadNextLabel(std::string_view ascii_lower) {
  if (CodePoints(ascii_lower) > 60) return false;
  // Latin-1 capitals too ("Über den Autor", "À lire aussi"): U+00C0..U+00DE
  // but U+00D7 are C3 80..C3 9E in UTF-8, their small letters C3 A0..C3 BE.
  std::string lower(ascii_lower);
  for (size_t i = 0; i + 1 < lower.size(); ++i) {
    unsigned char c1 = static_cast<unsigned char>(lower[i + 1]);
    if (static_cast<unsigned char>(lower[i]) == 0xC3 && c1 >= 0x80 && c1 <= 0x9E && c1 != 0x97) {
      lower[i + 1] = static_cast<char>(c1 + 0x20);
      ++i;
    }
  }
  std::string_view t = lower;
  while (!t.empty() && (t.back() == ':' || t.back() == '?' || t.back() == '!' || t.back() == ' ' ||
                        t.back() == '.')) {
    t.remove_suffix(1);
  }
  if (EndsWith(t, "…")) t.remove_suffix(3);
  static constexpr std::string_view kLabels[] = {
      // English
      "explore further", "you may also like", "you might also like", "related posts",
      "related content", "more from", "more on this", "more on this story", "read next",
      "recommended", "recommended for you", "about the author", "share this", "share this post",
      "also read", "read also", "see also", "popular", "most popular", "latest news",
      // German
      "lesen sie auch", "lies auch", "mehr zum thema", "auch interessant", "das könnte sie auch interessieren",
      "das könnte dich auch interessieren", "das könnte dich interessieren",
      "das könnte sie interessieren", "schon gelesen", "weitere beiträge", "ähnliche beiträge",
      "ähnliche artikel", "verwandte artikel", "verwandte themen", "zum weiterlesen", "weiterlesen",
      "weitere artikel", "weitere informationen", "weitere infos", "neueste artikel",
      "neueste beiträge", "über den autor", "über die autorin", "artikel teilen", "beitrag teilen",
      "jetzt teilen", "teilen", "empfehlungen", "meist gelesen", "meistgelesen", "schlagworte",
      "themen", "mehr aus dem ressort", "mehr dazu", "kommentare", "kommentieren",
      // French, Spanish, Italian, Portuguese, Polish, Dutch
      "lire aussi", "à lire aussi", "a lire aussi", "voir aussi", "sur le même sujet", "partager",
      "leer más", "lee también", "te puede interesar", "noticias relacionadas", "compartir",
      "leggi anche", "potrebbe interessarti", "condividi", "leia também", "veja também",
      "czytaj też", "czytaj także", "zobacz też", "zobacz także", "udostępnij", "lees ook",
      "meer over", "delen",
      // Comment prompts, consent placeholders and toggles.
      "what do you think", "leave a comment", "leave a reply", "write a comment",
      "post a comment", "was denkst du", "was meinst du", "was meinen sie", "kommentar schreiben",
      "schreiben sie einen kommentar", "externer inhalt", "external content", "contenu externe",
      "inhalt laden", "quellen ausblenden", "quellen anzeigen", "den artikel mit anderen teilen",
      "artikel mit anderen teilen", "laisser un commentaire", "deja un comentario",
      "related tags", "post comment", "post comment (+)", "add comment",
  };
  for (std::string_view l : kLabels) {
    if (t == l) return true;
  }
  return false;
}

}  // namespace

bool LooksLikeBoilerplateLine(std::string_view text) {
  if (text.size() >= kShortLine) return false;
  std::string s = LowerAscii(text);
  std::string_view t = TrimSpaces(s);
  static constexpr std::string_view kAnywhere[] = {
      "all rights reserved", "版权所有", "版权说明", "版权声明", "版权保护", "未经授权",
      "禁止转载", "不得转载", "未经许可", "分享到", "分享至", "share on facebook",
      "share on twitter", "share this article", "share this story", "share this:",
      "sign up for our newsletter", "subscribe to our newsletter", "扫一扫", "扫描二维码",
      "打开微信", "click here to subscribe", "our newsletter", "privacy policy",
      "terms of use", "terms of service", "cookie policy", "follow us on",
      "may be reached at", "can be reached at", "follow her on twitter",
      "follow him on twitter", "subscribe to our", "newsletters.", "sign up for our",
      // The same notices in the other languages of the development sets.
      "alle rechte vorbehalten", "tous droits réservés", "todos los derechos reservados",
      "tutti i diritti riservati", "wszelkie prawa zastrzeżone", "chroniony prawem autorskim",
      "urheberrechtlich geschützt", "direitos reservados",
      "abonnieren sie unseren newsletter", "newsletter abonnieren", "zum newsletter",
      "newsletter bestellen", "inscrivez-vous à notre newsletter", "abonnez-vous",
      "suscríbete", "iscriviti alla newsletter", "zapisz się do newslettera",
      "subscribe to email updates", "subscribe to our newsletter", "monthly newsletter",
      "weekly newsletter", "daily newsletter", "sie sind aktuell nicht eingeloggt",
      "sie müssen sich einloggen", "you must be logged in", "bitte loggen sie sich ein",
      // Affiliate disclosures.
      "affiliate link", "affiliate and/or referral", "contains affiliate", "affiliate-link",
      "contain referral links", "contains referral links",
  };
  for (std::string_view p : kAnywhere) {
    if (Contains(t, p)) return true;
  }
  static constexpr std::string_view kExact[] = {
      "advertisement", "advert", "ad", "sponsored", "this slideshow requires javascript.",
      "sponsored content", "广告", "分享", "share",
      "tweet", "email", "print", "skip advertisement", "continue reading",
      "story continues below advertisement", "scroll to continue with content",
      "read more", "更多", "返回顶部", "打印", "关闭", "收藏", "举报", "comments",
      "related", "related articles", "related stories", "相关新闻", "相关阅读",
      "推荐阅读", "热门推荐", "facebook", "twitter", "linkedin", "whatsapp",
      "pinterest", "reddit", "copy link", "anzeige", "- anzeige -", "-anzeige-", "- anzeige-",
      "werbung", "publicité", "publicidad", "pubblicità", "reklama", "微信", "微博", "qq空间", "字号", "大", "中",
      "小", "a+", "a-", "打印本页", "关闭窗口", "【打印】", "【关闭】", "分享到：",
  };
  for (std::string_view p : kExact) {
    if (t == p) return true;
  }
  if (IsReadNextLabel(t)) return true;
  if (t.rfind("copyright", 0) == 0 || t.rfind("©", 0) == 0 || t.rfind("(c) ", 0) == 0) {
    return true;
  }
  return LooksLikeCaptionOrCredit(t) || LooksLikeNotice(t);
}

std::vector<Block> ExtractBody(const GumboNode* root, const std::vector<std::string>& titles,
                               std::string_view json_ld_body) {
  if (root == nullptr) return {};
  std::vector<Item> items = Flatten(root);
  if (items.empty()) return {};

  // Direct inline text of every unit.
  std::string squeezed_body = json_ld_body.empty() ? std::string() : Squeeze(json_ld_body);
  std::vector<std::string> unit_text;
  if (!squeezed_body.empty()) unit_text.resize(items.size());
  for (Item& it : items) {
    if (!it.is_text || it.unit < 0) continue;
    size_t w = TextWeight(it.node->v.text.text);
    Item& u = items[it.unit];
    u.unit_text += w;
    if (it.in_link) u.unit_link += w;
    if (!squeezed_body.empty() && !it.in_link) {
      unit_text[it.unit] += Squeeze(it.node->v.text.text);
    }
  }
  if (!squeezed_body.empty()) {
    for (size_t i = 0; i < items.size(); ++i) {
      if (!unit_text[i].empty()) items[i].unit_in_jsonld = InJsonLd(unit_text[i], squeezed_body);
    }
  }

  // A <header> holding the page's <h1> is the article's header (headline,
  // standfirst, byline), not the site's: only its class can flag it. Its
  // byline and date lines are dropped as metadata lines when emitted.
  for (size_t i = 0; i < items.size(); ++i) {
    Item& it = items[i];
    if (it.is_text || it.tag != GUMBO_TAG_HEADER) continue;
    bool h1 = false;
    for (int j = static_cast<int>(i) + 1; j < it.end && !h1; ++j) h1 = items[j].tag == GUMBO_TAG_H1;
    if (!h1) continue;
    Strength s = Strength::kNone;
    ClassifyAttributes(it.node, it.tag, &s, &it.positive);
    it.own_boiler = s;
  }
  // Pass 1: good text ignoring boilerplate flags, for the guard.
  Accumulate(items, /*boiler_aware=*/false, false);
  double page_good = items[0].raw_good;
  FlagTeaserLists(items);
  // Flags are inherited; a flagged element holding most of the page's prose
  // is a false positive (a page wrapper class like "has-sidebar").
  for (size_t i = 0; i < items.size(); ++i) {
    Item& it = items[i];
    bool inherited = it.parent >= 0 && items[it.parent].boiler;
    if (it.is_text) {
      it.boiler = inherited;
      continue;
    }
    bool flagged = false;
    if (it.own_boiler == Strength::kStrong) {
      flagged = !(page_good > 0 && it.raw_good >= 0.6 * page_good);
    } else if (it.own_boiler == Strength::kWeak) {
      // A weak word is ambiguous ("left", "widget", "list"): prose decides.
      // A form (a newsletter sign-up) is not rescued by its prose.
      bool prose = it.tag != GUMBO_TAG_FORM && it.text_bytes > 0 &&
                   it.raw_good >= kWeakProseShare * static_cast<double>(it.text_bytes);
      flagged = !it.positive && !prose && !(page_good > 0 && it.raw_good >= 0.3 * page_good);
    }
    it.boiler = inherited || flagged;
  }
  // A complete JSON-LD body (long, not cut with an ellipsis, and found in the
  // page) is trusted: prose outside it counts against a container. A teaser
  // only adds weight to what it covers.
  bool jsonld_complete = false;
  if (squeezed_body.size() >= 400 && !squeezed_body.ends_with("...") &&
      !squeezed_body.ends_with("…") && !squeezed_body.ends_with("&hellip;")) {
    size_t matched = 0;
    for (const Item& it : items) {
      if (!it.is_text && it.unit_in_jsonld) matched += it.unit_text;
    }
    jsonld_complete = matched * 2 >= squeezed_body.size();
  }
  // Unit text again, without the text of boilerplate inside a unit (a hover
  // card of links inside a paragraph must not make it link-dominated).
  for (const Item& it : items) {
    if (!it.is_text || it.unit < 0 || it.boiler) continue;
    Item& u = items[it.unit];
    u.clean_text += it.text_bytes;
    if (it.in_link) u.clean_link += it.text_bytes;
  }
  Accumulate(items, /*boiler_aware=*/true, jsonld_complete);
  // Prose as the page shows it, for the siblings of the container: the
  // JSON-LD body often leaves out a lead that the page prints.
  for (size_t i = items.size(); i > 0; --i) {
    Item& it = items[i - 1];
    if (!it.is_text && it.unit == static_cast<int>(i - 1) && !it.boiler &&
        it.clean_text >= kMinGoodUnit &&
        static_cast<double>(it.clean_link) <= kMaxGoodLinkDensity * static_cast<double>(it.clean_text)) {
      it.prose += static_cast<double>(it.clean_text - it.clean_link);
    }
    if (it.parent >= 0) items[it.parent].prose += it.prose;
  }

  // The container: most good text for the least other text.
  int best = 0;
  double best_score = -1e300;
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    if (it.is_text || it.boiler || !it.block) continue;
    double score = it.good - kOtherPenalty * (it.total - it.good);
    if (score > best_score) {
      best_score = score;
      best = static_cast<int>(i);
    }
  }
  // A paragraph, list item, list or table is never a whole article: when
  // one wins, the article is the element around it.
  while (items[best].parent >= 0 && IsPartOfAnArticle(items[best].tag)) {
    const Item& p = items[items[best].parent];
    if (p.boiler || p.tag == GUMBO_TAG_BODY || p.tag == GUMBO_TAG_HTML) break;
    best = items[best].parent;
  }
  Emitter emitter(items, titles);
  std::vector<Block> blocks = emitter.Run(WithSiblingProse(items, best));
  DropOrphanHeadings(&blocks);
  return blocks;
}

}  // namespace newsarc::extract
