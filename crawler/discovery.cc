#include "crawler/discovery.h"

#include <algorithm>
#include <unordered_set>

#include "crawler/feed.h"
#include "crawler/links.h"
#include "crawler/requisites.h"
#include "crawler/sitemap.h"

namespace newsarc::crawler {

namespace {

// Child sitemaps and feeds are read before the pages they list so that the
// newest articles are known early; undated articles come after dated ones.
constexpr int64_t kPriorityIndex = -(int64_t{1} << 61);
constexpr int64_t kPriorityUndated = 0;

std::string IsoOrEmpty(const std::optional<Micros>& t) { return t ? IsoDate(t) : std::string(); }

}  // namespace

int64_t PriorityForDate(Micros t) {
  // Newest first: a later date gives a lower (sooner) priority. Dates before
  // 1970 clamp to 0 so that they still come before undated pages' depth.
  int64_t seconds = t / 1000000;
  if (seconds < 0) seconds = 0;
  return -seconds - 1;
}

std::vector<DiscoveredUrl> ParseSitemapUrls(std::string_view body, const Url& url) {
  std::vector<DiscoveredUrl> out;
  Result<Sitemap> sitemap = ParseSitemap(body, url);
  if (!sitemap.ok()) return out;
  for (const SitemapEntry& child : sitemap->sitemaps) {
    out.push_back({child.url, storage::UrlKind::kSitemap, kPriorityIndex,
                   IsoOrEmpty(child.lastmod)});
  }
  std::vector<SitemapEntry> pages = std::move(sitemap->pages);
  SortNewestFirst(&pages);
  for (const SitemapEntry& page : pages) {
    std::optional<Micros> date = page.BestDate();
    out.push_back({page.url, storage::UrlKind::kPage,
                   date ? PriorityForDate(*date) : kPriorityUndated, IsoOrEmpty(date)});
  }
  return out;
}

std::vector<DiscoveredUrl> ParseFeedUrls(std::string_view body, const Url& url) {
  std::vector<DiscoveredUrl> out;
  Result<Feed> feed = ParseFeed(body, url);
  if (!feed.ok()) return out;
  std::vector<FeedItem> items = std::move(feed->items);
  SortNewestFirst(&items);
  for (const FeedItem& item : items) {
    if (item.url.empty()) continue;
    std::optional<Micros> date = item.BestDate();
    out.push_back({item.url, storage::UrlKind::kPage,
                   date ? PriorityForDate(*date) : kPriorityUndated, IsoOrEmpty(date)});
  }
  return out;
}

int64_t RequisitePriority(int level) { return kPriorityRequisite + std::max(1, level); }

int RequisiteLevel(int64_t priority) {
  int64_t level = priority - kPriorityRequisite;
  // Another priority (a row written by hand) reads as the deepest level,
  // from which nothing more is read.
  if (level < 1 || level > kMaxStylesheetLevel) return kMaxStylesheetLevel + 1;
  return static_cast<int>(level);
}

std::vector<DiscoveredUrl> ParseCssRequisites(std::string_view css, const Url& url, int level) {
  std::vector<DiscoveredUrl> out;
  if (level > kMaxStylesheetLevel) return out;
  for (std::string& u : ExtractCssRequisites(css, url)) {
    out.push_back({std::move(u), storage::UrlKind::kRequisite, RequisitePriority(level + 1), ""});
  }
  return out;
}

std::vector<DiscoveredUrl> ParseHtmlLinks(std::string_view html, std::string_view content_type,
                                          const Url& url, bool requisites) {
  (void)content_type;  // `html` is already UTF-8; kept for future non-HTML types
  std::vector<DiscoveredUrl> out;
  std::unordered_set<std::string> seen;
  auto add = [&](const std::string& u, storage::UrlKind kind, int64_t priority) {
    if (u.empty() || !seen.insert(u).second) return;
    out.push_back({u, kind, priority, ""});
  };
  if (requisites) {
    for (const std::string& u : ExtractHtmlRequisites(html, url)) {
      add(u, storage::UrlKind::kRequisite, RequisitePriority(1));
    }
  }
  PageLinks links = ExtractLinks(html, url);
  for (const FeedLink& feed : links.feeds) add(feed.url, storage::UrlKind::kFeed, kPriorityIndex);
  // A page that asks robots not to follow its links gets none followed; its
  // canonical URL is still the article itself, so it stays.
  if (!links.canonical.empty()) add(links.canonical, storage::UrlKind::kPage, kPriorityUndated);
  if (links.meta_nofollow) return out;
  if (!links.amphtml.empty()) add(links.amphtml, storage::UrlKind::kPage, kPriorityUndated);
  for (const std::string& link : links.links) {
    add(link, LooksLikeFeedUrl(link) ? storage::UrlKind::kFeed : storage::UrlKind::kPage,
        kPriorityUndated);
  }
  return out;
}

}  // namespace newsarc::crawler
