#include "crawler/html_scan.h"

#include <cctype>
#include <cstdint>

#include "base/strings.h"

namespace newsarc::crawler {
namespace {

bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

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

// The elements whose content the tokenizer reads as text up to their end
// tag (RAWTEXT and RCDATA; noscript is not among them: with scripting off,
// as in a replay sandbox, its content is markup).
const char* RawTextElement(std::string_view name) {
  static const char* kRawText[] = {"script", "style", "textarea", "title", "xmp",
                                   "iframe", "noembed", "noframes"};
  for (const char* raw : kRawText) {
    if (name == raw) return raw;
  }
  return nullptr;
}

}  // namespace

std::string_view HtmlTag::Get(std::string_view n) const {
  for (const auto& [k, v] : attrs) {
    if (k == n) return v;
  }
  return {};
}

void ScanHtml(std::string_view h, const std::function<void(HtmlTag&)>& on_tag,
              const std::function<void(std::string_view, std::string_view)>& on_raw_text) {
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
    HtmlTag tag;
    while (i < n && !IsHtmlSpace(h[i]) && h[i] != '/' && h[i] != '>') {
      tag.name.push_back(Lower(h[i]));
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
        name.push_back(Lower(h[i]));
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
      if (!name.empty()) {
        bool dup = false;
        for (const auto& a : tag.attrs) dup = dup || a.first == name;
        if (!dup) tag.attrs.emplace_back(std::move(name), std::move(value));
      }
    }
    if (i < n) ++i;  // '>'
    // Known before on_tag, which may move the tag's name away.
    const char* raw = RawTextElement(tag.name);
    on_tag(tag);
    if (raw == nullptr) continue;
    // Skip to the matching end tag, case-insensitively.
    const std::string close = std::string("</") + raw;
    size_t j = i;
    while (true) {
      size_t lt2 = h.find("</", j);
      if (lt2 == std::string_view::npos) {
        if (on_raw_text) on_raw_text(raw, h.substr(i));
        return;
      }
      if (StartsWithIgnoreCase(h.substr(lt2), close)) {
        if (on_raw_text) on_raw_text(raw, h.substr(i, lt2 - i));
        i = lt2;
        break;
      }
      j = lt2 + 2;
    }
  }
}

bool HasToken(std::string_view tokens, std::string_view token) {
  size_t i = 0;
  while (i < tokens.size()) {
    while (i < tokens.size() && IsHtmlSpace(tokens[i])) ++i;
    size_t start = i;
    while (i < tokens.size() && !IsHtmlSpace(tokens[i])) ++i;
    if (i > start && EqualsIgnoreCase(tokens.substr(start, i - start), token)) return true;
  }
  return false;
}

std::optional<Url> BaseFromHref(const Url& page_url, std::string_view href) {
  if (href.empty()) return std::nullopt;
  auto r = page_url.Resolve(href);
  if (!r.ok() || (r->scheme() != "http" && r->scheme() != "https")) return std::nullopt;
  return std::move(r).value();
}

}  // namespace newsarc::crawler
