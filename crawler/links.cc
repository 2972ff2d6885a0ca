#include "crawler/links.h"

#include <cctype>
#include <cstdint>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "crawler/url_normalize.h"

namespace newsarc::crawler {
namespace {

bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Character references in attribute values: numeric ones and the named
// ones that occur in URLs and titles. Others are kept as written (as
// browsers do in attributes when no known name matches).
std::string DecodeEntities(std::string_view v) {
  if (v.find('&') == std::string_view::npos) return std::string(v);
  static const struct { const char* name; const char* text; } kNamed[] = {
      {"amp;", "&"}, {"lt;", "<"}, {"gt;", ">"}, {"quot;", "\""}, {"apos;", "'"},
      {"nbsp;", "\xC2\xA0"}, {"amp", "&"}};
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '&') {
      out.push_back(v[i]);
      continue;
    }
    std::string_view rest = v.substr(i + 1);
    if (!rest.empty() && rest[0] == '#') {
      size_t j = 1;
      bool hex = j < rest.size() && (rest[j] == 'x' || rest[j] == 'X');
      if (hex) ++j;
      uint32_t cp = 0;
      size_t digits = 0;
      while (j < rest.size() && digits < 8) {
        char c = rest[j];
        int d = (c >= '0' && c <= '9') ? c - '0'
                : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                : -1;
        if (d < 0) break;
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
        ++j;
        ++digits;
      }
      if (digits > 0) {
        if (j < rest.size() && rest[j] == ';') ++j;
        AppendUtf8(cp, &out);
        i += j;
        continue;
      }
    }
    bool matched = false;
    for (const auto& e : kNamed) {
      // In attributes a reference without ';' followed by an alphanumeric
      // or '=' stays literal (HTML: "?a=1&amplifier=2" keeps "&amplifier").
      const std::string_view name = e.name;
      if (name.back() != ';' && rest.size() > name.size() &&
          (std::isalnum(static_cast<unsigned char>(rest[name.size()])) ||
           rest[name.size()] == '=')) {
        continue;
      }
      if (rest.starts_with(name)) {
        out += e.text;
        i += std::string_view(e.name).size();
        matched = true;
        break;
      }
    }
    if (!matched) out.push_back('&');
  }
  return out;
}

struct Tag {
  std::string name;  // lower case
  std::vector<std::pair<std::string, std::string>> attrs;  // lower-case names
  std::string_view Get(std::string_view n) const {
    for (const auto& [k, v] : attrs) {
      if (k == n) return v;
    }
    return {};
  }
};

// A linear scan of start tags, following the HTML tokenizer closely enough
// for links: comments, doctypes and processing instructions are skipped;
// the content of script, style, textarea, title, xmp, iframe, noembed and
// noframes is raw text (a "<a href" inside a script is not a link);
// attribute values may be quoted or not; the first of repeated attributes
// wins. O(n) in the input, whatever it holds: a tree builder (Gumbo) needs
// quadratic time and memory on some hostile markup (thousands of nested,
// unclosed <a>), which a crawler fetching arbitrary pages must not risk.
template <typename OnTag>
void ScanStartTags(std::string_view h, OnTag on_tag) {
  size_t i = 0;
  const size_t n = h.size();
  while (i < n) {
    size_t lt = h.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= n) return;
    i = lt + 1;
    if (h.substr(i, 3) == "!--") {
      size_t end = h.find("-->", i + 3);
      if (end == std::string_view::npos) return;
      i = end + 3;
      continue;
    }
    if (h[i] == '!' || h[i] == '?' || h[i] == '/') {  // doctype, PI, end tag
      size_t end = h.find('>', i);
      if (end == std::string_view::npos) return;
      i = end + 1;
      continue;
    }
    if (!IsAlpha(h[i])) continue;
    Tag tag;
    while (i < n && !IsHtmlSpace(h[i]) && h[i] != '/' && h[i] != '>') {
      tag.name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(h[i]))));
      ++i;
    }
    // Attributes.
    while (i < n && h[i] != '>') {
      if (IsHtmlSpace(h[i]) || h[i] == '/') {
        ++i;
        continue;
      }
      std::string name;
      while (i < n && !IsHtmlSpace(h[i]) && h[i] != '/' && h[i] != '>' &&
             (h[i] != '=' || name.empty())) {
        name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(h[i]))));
        ++i;
      }
      while (i < n && IsHtmlSpace(h[i])) ++i;
      std::string value;
      if (i < n && h[i] == '=') {
        ++i;
        while (i < n && IsHtmlSpace(h[i])) ++i;
        if (i < n && (h[i] == '"' || h[i] == '\'')) {
          char q = h[i++];
          size_t end = h.find(q, i);
          if (end == std::string_view::npos) end = n;
          value = DecodeEntities(h.substr(i, end - i));
          i = end < n ? end + 1 : n;
        } else {
          size_t start = i;
          while (i < n && !IsHtmlSpace(h[i]) && h[i] != '>') ++i;
          value = DecodeEntities(h.substr(start, i - start));
        }
      }
      if (tag.Get(name).empty() && !name.empty()) {
        bool dup = false;
        for (const auto& a : tag.attrs) dup = dup || a.first == name;
        if (!dup) tag.attrs.emplace_back(std::move(name), std::move(value));
      }
    }
    if (i < n) ++i;  // '>'
    on_tag(tag);
    static const char* kRawText[] = {"script", "style", "textarea", "title", "xmp",
                                     "iframe", "noembed", "noframes"};
    for (const char* raw : kRawText) {
      if (tag.name != raw) continue;
      // Skip to the matching end tag, case-insensitively.
      const std::string close = std::string("</") + raw;
      size_t j = i;
      while (true) {
        size_t lt2 = h.find("</", j);
        if (lt2 == std::string_view::npos) return;
        if (StartsWithIgnoreCase(h.substr(lt2), close)) {
          i = lt2;
          break;
        }
        j = lt2 + 2;
      }
      break;
    }
  }
}

// rel is a set of space-separated, case-insensitive tokens.
bool HasRel(std::string_view rel, std::string_view token) {
  size_t i = 0;
  while (i < rel.size()) {
    while (i < rel.size() && (rel[i] == ' ' || rel[i] == '\t' || rel[i] == '\n' ||
                              rel[i] == '\r' || rel[i] == '\f')) {
      ++i;
    }
    size_t start = i;
    while (i < rel.size() && !(rel[i] == ' ' || rel[i] == '\t' || rel[i] == '\n' ||
                               rel[i] == '\r' || rel[i] == '\f')) {
      ++i;
    }
    if (i > start && EqualsIgnoreCase(rel.substr(start, i - start), token)) return true;
  }
  return false;
}

// Whether a <link rel=alternate> is a feed. application/json alone is not
// enough: WordPress marks its REST API (/wp-json/...) that way on every
// post, so a JSON feed also needs "feed" in its URL or title.
bool IsFeedAlternate(std::string_view type, std::string_view url, std::string_view title) {
  std::string t = AsciiLower(TrimAscii(type.substr(0, type.find(';'))));
  if (t.empty()) return LooksLikeFeedUrl(url);
  if (t == "application/rss+xml" || t == "application/atom+xml" || t == "application/rdf+xml" ||
      t == "application/feed+json" || t == "application/x.atom+xml") {
    return true;
  }
  if (t == "application/json") {
    return AsciiLower(url).find("feed") != std::string::npos ||
           AsciiLower(title).find("feed") != std::string::npos;
  }
  if (t == "text/xml" || t == "application/xml") return LooksLikeFeedUrl(url);
  return false;
}

bool IsCommentFeed(std::string_view url) {
  std::string lower = AsciiLower(url);
  return lower.find("comments") != std::string::npos || lower.find("comment-feed") != std::string::npos;
}

}  // namespace

bool LooksLikeFeedUrl(std::string_view url) {
  std::string u = AsciiLower(url);
  size_t hash = u.find('#');
  if (hash != std::string::npos) u.resize(hash);
  size_t q = u.find('?');
  std::string path = q == std::string::npos ? u : u.substr(0, q);
  std::string query = q == std::string::npos ? "" : u.substr(q + 1);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  for (std::string_view end : {".rss", ".atom", ".rdf", "/rss", "/feed", "/atom", "rss.xml",
                               "atom.xml", "feed.xml", "/feeds/posts/default", "/index.xml"}) {
    if (path.ends_with(end)) return true;
  }
  return query.find("feed=rss") != std::string::npos ||
         query.find("feed=atom") != std::string::npos ||
         query.find("format=rss") != std::string::npos;
}

PageLinks ExtractLinks(std::string_view html, const Url& page_url) {
  PageLinks out;
  out.base = page_url.spec();
  if (html.size() > kMaxLinkPageBytes) html = html.substr(0, kMaxLinkPageBytes);
  std::vector<Tag> anchors, link_elems;
  Url base = page_url;
  bool have_base = false;
  // <base> must be known before any link is resolved, and broken pages put
  // it after some links, so links are resolved after the scan.
  ScanStartTags(html, [&](Tag& tag) {
    if (tag.name == "a" || tag.name == "area") {
      if (!tag.Get("href").empty()) anchors.push_back(std::move(tag));
    } else if (tag.name == "link") {
      link_elems.push_back(std::move(tag));
    } else if (tag.name == "base" && !have_base) {
      std::string_view href = tag.Get("href");
      if (!href.empty()) {
        have_base = true;  // only the first <base href> counts
        auto r = page_url.Resolve(href);
        if (r.ok() && (r->scheme() == "http" || r->scheme() == "https")) {
          base = std::move(r).value();
        }
      }
    } else if (tag.name == "meta" && EqualsIgnoreCase(tag.Get("name"), "robots")) {
      std::string content = AsciiLower(tag.Get("content"));
      if (content.find("nofollow") != std::string::npos ||
          content.find("none") != std::string::npos) {
        out.meta_nofollow = true;
      }
      if (content.find("noindex") != std::string::npos ||
          content.find("none") != std::string::npos) {
        out.meta_noindex = true;
      }
    }
  });
  out.base = base.WithoutFragment().spec();

  auto normalize = [&](std::string_view href) -> std::string {
    if (TrimAscii(href).empty()) return {};
    auto r = NormalizeLink(base, href);
    return r.ok() ? r->spec() : std::string();
  };

  std::unordered_set<std::string> seen, seen_feeds;
  for (const Tag& el : anchors) {
    std::string u = normalize(el.Get("href"));
    if (!u.empty() && seen.insert(u).second) out.links.push_back(std::move(u));
  }
  for (const Tag& el : link_elems) {
    std::string_view rel = el.Get("rel");
    if (out.canonical.empty() && HasRel(rel, "canonical")) out.canonical = normalize(el.Get("href"));
    if (out.amphtml.empty() && HasRel(rel, "amphtml")) out.amphtml = normalize(el.Get("href"));
    if (HasRel(rel, "alternate")) {
      std::string_view type = el.Get("type");
      std::string u = normalize(el.Get("href"));
      if (u.empty() || IsCommentFeed(u)) continue;
      if (IsFeedAlternate(type, u, el.Get("title")) && seen_feeds.insert(u).second) {
        out.feeds.push_back({u, std::string(TrimAscii(type)), std::string(el.Get("title"))});
      }
    }
  }
  if (out.feeds.empty()) {
    for (const std::string& u : out.links) {
      if (LooksLikeFeedUrl(u) && !IsCommentFeed(u) && seen_feeds.insert(u).second) {
        out.feeds.push_back({u, "", ""});
      }
    }
  }
  return out;
}

}  // namespace newsarc::crawler
