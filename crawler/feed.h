// RSS (0.9x, 2.0), RDF (RSS 1.0 / 0.90), Atom (0.3, 1.0) and CDF feeds:
// the article links a feed announces, with their titles and dates.
//
// ParseFeed takes the bytes of a fetched feed and its URL. Element names
// are matched without namespace prefixes and case-insensitively for CDF, so
// the many dialects in the wild parse. Links are resolved (Atom: through
// xml:base on the element and its ancestors, then the feed URL) and
// normalised with NormalizeLink; an item without an http(s) link keeps an
// empty `url`. An RSS item without <link> uses its <guid> when that is a
// permalink URL. Dates are kept as written and parsed (ParseFeedDate:
// RFC 822 or W3C-DTF), as evidence for the extractor:
//   published: RSS pubDate, Atom published (0.3: issued), dcterms:issued
//   updated:   Atom updated (0.3: modified), dc:date, dcterms:modified,
//              CDF LASTMOD
// (a later element of a kind replaces an earlier one, as in feedparser).
// Limits: kMaxFeedBytes (decompressed, gzip accepted) and kMaxFeedItems.
// Any bytes give a Feed or an error naming the feed; never a crash.
#ifndef NEWSARC_CRAWLER_FEED_H_
#define NEWSARC_CRAWLER_FEED_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "base/url.h"
#include "crawler/feed_date.h"

namespace newsarc::crawler {

inline constexpr size_t kMaxFeedBytes = 50 * 1000 * 1000;
inline constexpr size_t kMaxFeedItems = 10000;

struct FeedItem {
  std::string url;  // normalised article link; empty when none
  std::string title;
  std::string id;   // RSS guid, Atom id, RDF rdf:about
  std::string published_text;
  std::optional<Micros> published;
  std::string updated_text;
  std::optional<Micros> updated;

  // published, else updated.
  std::optional<Micros> BestDate() const { return published ? published : updated; }
};

struct Feed {
  enum class Format { kRss, kRdf, kAtom, kCdf };
  Format format = Format::kRss;
  // feedparser's names: "rss090", "rss091u", "rss091n", "rss092", "rss093",
  // "rss094", "rss20", "rss" (no version), "rss10", "atom03", "atom10",
  // "atom" (unknown Atom namespace), "cdf".
  std::string version;
  std::string title;
  std::string link;  // the site, normalised; empty when none
  std::vector<FeedItem> items;
  bool truncated = false;  // more than kMaxFeedItems
};

// Fails when the bytes are not XML, or XML that is not a feed.
Result<Feed> ParseFeed(std::string_view bytes, const Url& feed_url);

// "2024-05-01T12:00:00Z" (FormatWarcDate), or "" for nullopt.
std::string IsoDate(const std::optional<Micros>& t);

// Orders items by BestDate(), newest first; undated items go last, in their
// original order.
void SortNewestFirst(std::vector<FeedItem>* items);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_FEED_H_
