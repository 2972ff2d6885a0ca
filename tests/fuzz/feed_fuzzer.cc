// Fuzzes RSS/RDF/Atom/CDF feed parsing (and through it the feed date
// parser). Input: the feed bytes.
#include <cstddef>
#include <cstdint>

#include "base/url.h"
#include "crawler/feed.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace cr = newsarc::crawler;
  static const newsarc::Url kUrl = newsarc::Url::Parse("https://news.example/feed/rss").value();
  auto feed = cr::ParseFeed(newsarc::fuzz::AsView(data, size), kUrl);
  if (feed.ok()) {
    cr::Feed f = feed.value();
    NEWSARC_FUZZ_CHECK(f.items.size() <= cr::kMaxFeedItems);
    for (const cr::FeedItem& item : f.items) (void)cr::IsoDate(item.BestDate());
    cr::SortNewestFirst(&f.items);
  }
  return 0;
}
