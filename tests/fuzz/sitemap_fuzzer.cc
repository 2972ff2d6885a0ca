// Fuzzes sitemap parsing (XML, gzipped XML, plain-text URL lists).
// Input: the sitemap bytes.
#include <cstddef>
#include <cstdint>

#include "base/url.h"
#include "crawler/sitemap.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace cr = newsarc::crawler;
  static const newsarc::Url kUrl =
      newsarc::Url::Parse("https://news.example/sitemaps/news.xml").value();
  auto sitemap = cr::ParseSitemap(newsarc::fuzz::AsView(data, size), kUrl);
  if (sitemap.ok()) {
    cr::Sitemap s = sitemap.value();
    NEWSARC_FUZZ_CHECK(s.pages.size() + s.sitemaps.size() <= cr::kMaxSitemapEntries);
    cr::SortNewestFirst(&s.pages);
    cr::SortNewestFirst(&s.sitemaps);
  }
  return 0;
}
