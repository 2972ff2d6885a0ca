// Sitemaps (sitemaps.org 0.9, Google News and hreflang extensions).
//
// ParseSitemap takes the bytes of a fetched sitemap - XML, gzipped XML or a
// plain-text list of URLs - and gives the page URLs (a <urlset>) or the
// child sitemaps (a <sitemapindex>). Element names are matched without
// their namespace prefix, so sitemaps missing the xmlns still work.
// Every URL is resolved against the sitemap's own URL and normalised with
// NormalizeLink (crawler/url_normalize.h); entries that do not give an
// http(s) URL are skipped and counted. Dates are kept both as written and
// parsed (W3C-DTF, or RFC 822 as some sites write) as evidence for the
// extractor. Limits: kMaxSitemapBytes decompressed (the protocol's 50 MB)
// and kMaxSitemapEntries entries (the rest is dropped and `truncated` set).
// Any bytes give a result or an error naming the sitemap; never a crash.
#ifndef NEWSARC_CRAWLER_SITEMAP_H_
#define NEWSARC_CRAWLER_SITEMAP_H_

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

inline constexpr size_t kMaxSitemapBytes = 50 * 1000 * 1000;
inline constexpr size_t kMaxSitemapEntries = 100000;

struct SitemapEntry {
  std::string url;  // normalised
  std::string lastmod_text;
  std::optional<Micros> lastmod;
  // Google News: <news:news><news:publication_date>, <news:title>, ...
  std::string news_publication_date_text;
  std::optional<Micros> news_publication_date;
  std::string news_title;
  std::string news_publication;  // <news:publication><news:name>
  std::string news_language;     // <news:publication><news:language>
  struct Alternate {
    std::string hreflang;
    std::string url;  // normalised
  };
  std::vector<Alternate> alternates;  // <xhtml:link rel="alternate" hreflang>

  // The best date known: news publication date, else lastmod.
  std::optional<Micros> BestDate() const {
    return news_publication_date ? news_publication_date : lastmod;
  }
};

struct Sitemap {
  enum class Kind { kUrlSet, kIndex, kText };
  Kind kind = Kind::kUrlSet;
  std::vector<SitemapEntry> pages;     // kUrlSet, kText
  std::vector<SitemapEntry> sitemaps;  // kIndex: child sitemaps
  size_t skipped = 0;                  // entries without a usable URL
  bool truncated = false;              // more than kMaxSitemapEntries
  bool gzipped = false;
};

// `sitemap_url` is where the bytes came from (for resolving and for error
// messages). Fails on corrupt or oversized gzip and on a document that is
// neither a sitemap nor a URL list (e.g. an HTML page).
Result<Sitemap> ParseSitemap(std::string_view bytes, const Url& sitemap_url);

// Orders entries by BestDate(), newest first; entries without a date go
// last, in their original order.
void SortNewestFirst(std::vector<SitemapEntry>* entries);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_SITEMAP_H_
