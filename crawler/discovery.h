// Discovery: the URLs a fetched sitemap, feed or HTML page points to, ready
// for the frontier. Adapters over sitemap.h, feed.h and links.h that put a
// kind, a priority and a date hint on each URL.
//
// Priorities: lower is sooner. Articles that a sitemap or feed dates come
// first, newest first (priority = -publication time in seconds); undated
// ones after them. Page requisites come before all of these on their host
// (after redirect targets only), so a page's stylesheets and images are
// fetched soon after it, and a replay of a fresh capture finds them as they
// were then; Heritrix puts embeds at the front of their host's queue too.
// Their number per page is bounded (requisites.h), so pages still come.
#ifndef NEWSARC_CRAWLER_DISCOVERY_H_
#define NEWSARC_CRAWLER_DISCOVERY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/url.h"
#include "storage/storage.h"

namespace newsarc::crawler {

struct DiscoveredUrl {
  std::string url;
  storage::UrlKind kind = storage::UrlKind::kPage;
  int64_t priority = 0;
  std::string date_hint;  // ISO 8601 date from the sitemap or feed, if any
};

// Pages and child sitemaps of a sitemap (gzipped or not).
std::vector<DiscoveredUrl> ParseSitemapUrls(std::string_view body, const Url& url);
// Items of an RSS, Atom or RDF feed.
std::vector<DiscoveredUrl> ParseFeedUrls(std::string_view body, const Url& url);
// Links of an HTML page: <a href> (kPage), canonical and AMP links (kPage),
// <link rel=alternate> feeds (kFeed). Resolved against <base href> or `url`.
// With `requisites`, the page's requisites (requisites.h) come first, as
// kRequisite at level 1, also on a nofollow page (they are part of the
// page, not links from it), and a URL that is both is only a requisite.
std::vector<DiscoveredUrl> ParseHtmlLinks(std::string_view html, std::string_view content_type,
                                          const Url& url, bool requisites = false);
// The requisites a stylesheet at requisite level `level` names (@import,
// url()), as kRequisite at level + 1; none when `level` is deeper than
// kMaxStylesheetLevel.
std::vector<DiscoveredUrl> ParseCssRequisites(std::string_view css, const Url& url, int level);

// The priority of an article dated `t` (newest first).
int64_t PriorityForDate(Micros t);

// Requisite levels count the embeds from the captured page: 1 for what the
// page names, 2 for what its stylesheets name, and so on. The level is kept
// in the priority (kPriorityRequisite + level, so nearer embeds come first)
// because the frontier has no column for it. A stylesheet is read up to
// level kMaxStylesheetLevel: a <link rel=stylesheet> (level 1) and four
// @import levels below it; what a level-5 stylesheet names is fetched, not
// read (browsers set no limit; cycles end at the frontier, which knows every
// URL once).
inline constexpr int64_t kPriorityRequisite = -(int64_t{3} << 60);
inline constexpr int kMaxStylesheetLevel = 5;
int64_t RequisitePriority(int level);
// The level of a requisite entry from its priority (1 to kMaxStylesheetLevel
// + 1).
int RequisiteLevel(int64_t priority);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_DISCOVERY_H_
