// Fuzzes the HTML scanners used for discovery: links and page requisites.
// Input: the page (UTF-8 or not: any bytes are accepted).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "base/url.h"
#include "crawler/links.h"
#include "crawler/requisites.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace cr = newsarc::crawler;
  static const newsarc::Url kUrl =
      newsarc::Url::Parse("https://news.example/section/page.html?id=1").value();
  std::string_view html = newsarc::fuzz::AsView(data, size);
  cr::PageLinks links = cr::ExtractLinks(html, kUrl);
  // Links are unique (the contract), so the set has as many entries.
  std::set<std::string> unique(links.links.begin(), links.links.end());
  NEWSARC_FUZZ_CHECK(unique.size() == links.links.size());
  for (const cr::FeedLink& feed : links.feeds) (void)cr::LooksLikeFeedUrl(feed.url);

  std::vector<std::string> requisites = cr::ExtractHtmlRequisites(html, kUrl);
  std::set<std::string> unique_requisites(requisites.begin(), requisites.end());
  NEWSARC_FUZZ_CHECK(unique_requisites.size() == requisites.size());
  NEWSARC_FUZZ_CHECK(requisites.size() <= cr::kMaxRequisitesPerDocument);
  for (const std::string& r : requisites) {
    NEWSARC_FUZZ_CHECK(r.starts_with("http://") || r.starts_with("https://"));
  }
  for (const std::string& candidate : cr::SrcsetUrls(html)) {
    NEWSARC_FUZZ_CHECK(!candidate.empty() && candidate.size() <= size);
  }
  return 0;
}
