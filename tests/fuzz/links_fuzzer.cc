// Fuzzes the link scanner used for discovery. Input: the page (UTF-8 or
// not: any bytes are accepted).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "base/url.h"
#include "crawler/links.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace cr = newsarc::crawler;
  static const newsarc::Url kUrl =
      newsarc::Url::Parse("https://news.example/section/page.html?id=1").value();
  cr::PageLinks links = cr::ExtractLinks(newsarc::fuzz::AsView(data, size), kUrl);
  // Links are unique (the contract), so the set has as many entries.
  std::set<std::string> unique(links.links.begin(), links.links.end());
  NEWSARC_FUZZ_CHECK(unique.size() == links.links.size());
  for (const cr::FeedLink& feed : links.feeds) (void)cr::LooksLikeFeedUrl(feed.url);
  return 0;
}
