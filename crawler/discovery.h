// Discovery: the URLs a fetched sitemap, feed or HTML page points to, ready
// for the frontier. Adapters over sitemap.h, feed.h and links.h that put a
// kind, a priority and a date hint on each URL.
//
// Priorities: lower is sooner. Articles that a sitemap or feed dates come
// first, newest first (priority = -publication time in seconds); undated
// ones after them.
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
std::vector<DiscoveredUrl> ParseHtmlLinks(std::string_view html, std::string_view content_type,
                                          const Url& url);

// The priority of an article dated `t` (newest first).
int64_t PriorityForDate(Micros t);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_DISCOVERY_H_
