// The links of an HTML page, for discovery: <a href> and <area href>, the
// canonical and AMP versions, and the feeds it advertises.
//
// The page is read by the linear start-tag scan of html_scan.h (comments
// skipped, raw-text elements skipped, character references decoded, the
// first of repeated attributes wins; O(n) whatever the markup, which a tree
// builder such as Gumbo is not). Every URL is resolved against the first
// <base href> (itself resolved against the page URL) or the page URL, then
// normalised with NormalizeLink (crawler/url_normalize.h); what does not
// give an http(s) URL (mailto:, javascript:, garbage) is dropped. Links are
// deduplicated, in document order. Never fails: any bytes give a (possibly
// empty) result. The page's requisites (stylesheets, images, ...) are
// requisites.h's.
#ifndef NEWSARC_CRAWLER_LINKS_H_
#define NEWSARC_CRAWLER_LINKS_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/url.h"

namespace newsarc::crawler {

struct FeedLink {
  std::string url;    // normalised
  std::string type;   // e.g. "application/rss+xml"; empty for a guessed <a> feed
  std::string title;
};

struct PageLinks {
  std::string base;                // the URL links were resolved against
  std::vector<std::string> links;  // <a href>, <area href>: normalised, unique
  std::string canonical;           // <link rel=canonical href>, normalised
  std::string amphtml;             // <link rel=amphtml href>, normalised
  // <link rel=alternate> with an RSS, Atom, RDF or JSON feed type (JSON
  // only with "feed" in the URL or title: WordPress marks its REST API as
  // application/json alternates), or with no type and an href that looks
  // like a feed. When the page has none, <a>
  // links that look like feeds (".rss", ".atom", "/rss", "/feed",
  // "feed.xml", "?feed=rss" ...). Comment feeds are left out.
  std::vector<FeedLink> feeds;
  // <meta name="robots" content="nofollow"> / "noindex" (also "none").
  bool meta_nofollow = false;
  bool meta_noindex = false;
};

// `html` is the page as UTF-8 (decode it first; see extract/); any bytes
// are accepted. Pages larger than kMaxLinkPageBytes are read that far.
inline constexpr size_t kMaxLinkPageBytes = 16 * 1024 * 1024;
PageLinks ExtractLinks(std::string_view html, const Url& page_url);

// The feed heuristic used for <a> links and type-less alternates.
bool LooksLikeFeedUrl(std::string_view url);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_LINKS_H_
