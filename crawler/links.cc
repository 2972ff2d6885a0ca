#include "crawler/links.h"

#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "crawler/html_scan.h"
#include "crawler/memo.h"
#include "crawler/url_normalize.h"

namespace newsarc::crawler {
namespace {

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

// What a link resolves against: nothing for an absolute http(s) URL, the
// base's scheme and authority for a root-relative path, the whole base
// otherwise (relative paths, queries, fragments, anything unusual).
std::string ResolutionContext(const Url& base, std::string_view href) {
  std::string_view h = TrimAscii(href);
  if (StartsWithIgnoreCase(h, "http://") || StartsWithIgnoreCase(h, "https://")) return "";
  const std::string& spec = base.spec();
  if (h.size() >= 2 && h[0] == '/' && h[1] != '/' && h[1] != '\\') {
    size_t scheme_end = spec.find("://");
    size_t path = scheme_end == std::string::npos ? std::string::npos : spec.find('/', scheme_end + 3);
    if (path != std::string::npos) return spec.substr(0, path);
  }
  return spec;
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
  std::vector<HtmlTag> anchors, link_elems;
  Url base = page_url;
  bool have_base = false;
  // <base> must be known before any link is resolved, and broken pages put
  // it after some links, so links are resolved after the scan.
  ScanHtml(html, [&](HtmlTag& tag) {
    if (tag.name == "a" || tag.name == "area") {
      if (!tag.Get("href").empty()) anchors.push_back(std::move(tag));
    } else if (tag.name == "link") {
      link_elems.push_back(std::move(tag));
    } else if (tag.name == "base" && !have_base) {
      std::string_view href = tag.Get("href");
      if (!href.empty()) {
        have_base = true;  // only the first <base href> counts
        if (std::optional<Url> b = BaseFromHref(page_url, href)) base = std::move(*b);
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

  // A link's normal form depends only on the link and its resolution
  // context, and a site's pages repeat most of their links.
  thread_local BoundedMemo<std::string> cache;
  auto normalize = [&](std::string_view href) -> std::string {
    if (TrimAscii(href).empty()) return {};
    std::string key = ResolutionContext(base, href);
    key += '\x01';
    key += href;
    return cache.Get(std::move(key), [&] {
      auto r = NormalizeLink(base, href);
      return r.ok() ? r->spec() : std::string();
    });
  };

  std::unordered_set<std::string> seen, seen_feeds;
  for (const HtmlTag& el : anchors) {
    std::string u = normalize(el.Get("href"));
    if (!u.empty() && seen.insert(u).second) out.links.push_back(std::move(u));
  }
  for (const HtmlTag& el : link_elems) {
    std::string_view rel = el.Get("rel");
    if (out.canonical.empty() && HasToken(rel, "canonical")) out.canonical = normalize(el.Get("href"));
    if (out.amphtml.empty() && HasToken(rel, "amphtml")) out.amphtml = normalize(el.Get("href"));
    if (HasToken(rel, "alternate")) {
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
