#include "crawler/requisites.h"

#include <cstdlib>
#include <optional>
#include <unordered_set>
#include <utility>

#include "base/strings.h"
#include "crawler/css_urls.h"
#include "crawler/html_scan.h"
#include "crawler/links.h"
#include "crawler/url_normalize.h"

namespace newsarc::crawler {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

struct SrcsetCandidate {
  std::string_view url;
  double width = -1;    // from "Nw"; -1 when none
  double density = -1;  // from "Nx"; -1 when none
};

// One descriptor ("800w", "1.5x", "600h"); false for an invalid one, which
// drops its candidate (HTML: "parse a srcset attribute", step 13).
bool ApplyDescriptor(std::string_view d, SrcsetCandidate* c) {
  if (d.size() < 2) return false;
  char kind = static_cast<char>(d.back() | 0x20);
  std::string number(d.substr(0, d.size() - 1));
  char* end = nullptr;
  double v = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size() || !(v >= 0) || v > 1e9) return false;
  if (kind == 'w') {
    if (c->width >= 0 || c->density >= 0 || number.find_first_not_of("0123456789") != std::string::npos ||
        v <= 0) {
      return false;
    }
    c->width = v;
    return true;
  }
  if (kind == 'x') {
    if (c->width >= 0 || c->density >= 0) return false;
    c->density = v;
    return true;
  }
  return kind == 'h';  // a future-compatible height: ignored
}

std::vector<SrcsetCandidate> ParseSrcset(std::string_view s) {
  std::vector<SrcsetCandidate> out;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    while (i < n && (IsSpace(s[i]) || s[i] == ',')) ++i;
    if (i >= n) break;
    size_t start = i;
    while (i < n && !IsSpace(s[i])) ++i;
    std::string_view url = s.substr(start, i - start);
    SrcsetCandidate c;
    bool valid = true;
    if (url.back() == ',') {
      // "a.jpg," ends the candidate: no descriptors.
      while (!url.empty() && url.back() == ',') url.remove_suffix(1);
    } else {
      // Descriptors up to a comma outside parentheses.
      std::string current;
      bool in_parens = false;
      auto flush = [&] {
        if (!current.empty()) valid = ApplyDescriptor(current, &c) && valid;
        current.clear();
      };
      while (i < n) {
        char ch = s[i++];
        if (in_parens) {
          current.push_back(ch);
          if (ch == ')') in_parens = false;
        } else if (IsSpace(ch)) {
          flush();
        } else if (ch == ',') {
          break;
        } else {
          current.push_back(ch);
          if (ch == '(') in_parens = true;
        }
      }
      flush();
    }
    if (valid && !url.empty()) {
      c.url = url;
      out.push_back(c);
    }
  }
  return out;
}

// Resolving and normalising is most of the work, so a document gets at most
// this many tries (a page repeating one thumbnail thousands of times is
// common, and repeats of the same text cost no try; a hostile page of
// distinct spellings of one URL is cut here).
constexpr size_t kMaxResolvesPerDocument = 16 * kMaxRequisitesPerDocument;

// Collects resolved, normalised, unique URLs up to the cap.
class UrlSet {
 public:
  explicit UrlSet(std::vector<std::string>* out) : out_(out) {}
  void Add(const Url& base, std::string_view ref) {
    ref = TrimAscii(ref);
    if (ref.empty() || ref[0] == '#' || full()) return;
    // data: URIs carry their bytes inline (fonts of 100 KB are common):
    // skip them before resolving.
    if (StartsWithIgnoreCase(ref, "data:")) return;
    if (!seen_refs_.insert(std::string(ref)).second) return;
    ++resolves_;
    Result<Url> u = NormalizeLink(base, ref);
    if (!u.ok()) return;
    if (seen_.insert(u->spec()).second) out_->push_back(u->spec());
  }
  void AddCss(const Url& base, std::string_view css) {
    if (full()) return;
    for (const CssReference& ref : ScanCssUrls(css, kMaxRequisitesPerDocument)) {
      Add(base, ref.url);
    }
  }
  bool full() const {
    return out_->size() >= kMaxRequisitesPerDocument || resolves_ >= kMaxResolvesPerDocument;
  }

 private:
  std::vector<std::string>* out_;
  std::unordered_set<std::string> seen_;       // normalised URLs
  std::unordered_set<std::string> seen_refs_;  // references as written
  size_t resolves_ = 0;
};

bool IsPreloadedRequisite(const HtmlTag& link) {
  std::string_view rel = link.Get("rel");
  if (HasToken(rel, "modulepreload")) return true;
  if (!HasToken(rel, "preload")) return false;
  std::string as = AsciiLower(TrimAscii(link.Get("as")));
  return as == "style" || as == "font" || as == "image" || as == "script";
}

bool IsLinkRequisite(const HtmlTag& link) {
  std::string_view rel = link.Get("rel");
  for (std::string_view token : {"stylesheet", "icon", "apple-touch-icon",
                                 "apple-touch-icon-precomposed", "mask-icon"}) {
    if (HasToken(rel, token)) return true;
  }
  return IsPreloadedRequisite(link);
}

}  // namespace

std::string RequisiteReferer(std::string_view via, std::string_view requisite) {
  Result<Url> from = Url::Parse(via);
  Result<Url> to = Url::Parse(requisite);
  if (!from.ok() || !to.ok()) return "";
  if (from->scheme() == "https" && to->scheme() != "https") return "";
  if (from->scheme() == to->scheme() && from->host() == to->host() && from->port() == to->port()) {
    return from->WithoutFragment().spec();
  }
  std::string origin = from->scheme() + "://" + from->host();
  if (!from->port().empty()) origin += ":" + from->port();
  return origin + "/";
}

std::vector<std::string> SrcsetUrls(std::string_view srcset) {
  std::vector<std::string> out;
  for (const SrcsetCandidate& c : ParseSrcset(srcset)) out.emplace_back(c.url);
  return out;
}

std::vector<std::string> ExtractHtmlRequisites(std::string_view html, const Url& page_url) {
  std::vector<std::string> out;
  if (html.size() > kMaxLinkPageBytes) html = html.substr(0, kMaxLinkPageBytes);
  // <base> must be known before anything is resolved, and broken pages put
  // it late, so references are kept and resolved after the scan. Each keeps
  // its kind: a URL, a srcset, or CSS text.
  enum class Ref { kUrl, kSrcset, kCss };
  std::vector<std::pair<Ref, std::string>> refs;
  std::optional<Url> base;
  bool have_base = false;
  auto keep = [&](Ref kind, std::string_view value) {
    if (!TrimAscii(value).empty()) refs.emplace_back(kind, std::string(value));
  };
  ScanHtml(
      html,
      [&](HtmlTag& tag) {
        const std::string& name = tag.name;
        if (name == "base" && !have_base && !tag.Get("href").empty()) {
          have_base = true;  // only the first <base href> counts
          base = BaseFromHref(page_url, tag.Get("href"));
        } else if (name == "link") {
          if (IsLinkRequisite(tag)) keep(Ref::kUrl, tag.Get("href"));
          if (IsPreloadedRequisite(tag)) keep(Ref::kSrcset, tag.Get("imagesrcset"));
        } else if (name == "img") {
          keep(Ref::kUrl, tag.Get("src"));
          keep(Ref::kSrcset, tag.Get("srcset"));
        } else if (name == "source") {
          keep(Ref::kSrcset, tag.Get("srcset"));
        } else if (name == "script") {
          keep(Ref::kUrl, tag.Get("src"));
        } else if (name == "video") {
          keep(Ref::kUrl, tag.Get("poster"));
        } else if (name == "input") {
          if (EqualsIgnoreCase(TrimAscii(tag.Get("type")), "image")) keep(Ref::kUrl, tag.Get("src"));
        } else if (name == "body" || name == "table" || name == "td" || name == "th") {
          keep(Ref::kUrl, tag.Get("background"));
        }
        keep(Ref::kCss, tag.Get("style"));
      },
      [&](std::string_view element, std::string_view text) {
        if (element == "style") keep(Ref::kCss, text);
      });
  const Url& resolve_against = base.has_value() ? *base : page_url;
  UrlSet set(&out);
  for (const auto& [kind, value] : refs) {
    if (set.full()) break;
    switch (kind) {
      case Ref::kUrl:
        set.Add(resolve_against, value);
        break;
      case Ref::kSrcset:
        for (const std::string& candidate : SrcsetUrls(value)) set.Add(resolve_against, candidate);
        break;
      case Ref::kCss:
        set.AddCss(resolve_against, value);
        break;
    }
  }
  return out;
}

std::vector<std::string> ExtractCssRequisites(std::string_view css, const Url& css_url) {
  std::vector<std::string> out;
  UrlSet(&out).AddCss(css_url, css);
  return out;
}

}  // namespace newsarc::crawler
