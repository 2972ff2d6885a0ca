// Fuzzes the stylesheet scanner behind page requisites (url(), @import).
// Input: the stylesheet, any bytes.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "base/url.h"
#include "crawler/css_urls.h"
#include "crawler/requisites.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace cr = newsarc::crawler;
  static const newsarc::Url kUrl = newsarc::Url::Parse("https://cdn.example/css/site.css").value();
  std::string_view css = newsarc::fuzz::AsView(data, size);
  std::vector<cr::CssReference> refs = cr::ScanCssUrls(css, 64);
  NEWSARC_FUZZ_CHECK(refs.size() <= 64);
  // Every reference is decoded from the input: an escape gives at most 1.5
  // times its bytes ("\0" is U+FFFD's three), and a "\" at the very end three.
  for (const cr::CssReference& r : refs) {
    NEWSARC_FUZZ_CHECK(!r.url.empty() && r.url.size() <= 2 * size + 3);
  }
  std::vector<std::string> urls = cr::ExtractCssRequisites(css, kUrl);
  std::set<std::string> unique(urls.begin(), urls.end());
  NEWSARC_FUZZ_CHECK(unique.size() == urls.size());
  NEWSARC_FUZZ_CHECK(urls.size() <= cr::kMaxRequisitesPerDocument);
  return 0;
}
