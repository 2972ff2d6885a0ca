// Fuzzes the whole extractor: charset sniffing, Gumbo parsing, metadata,
// JSON-LD, byline, dates and body extraction. Input: the page bytes; the
// page URL carries a date so the URL date patterns run too.
#include <cstddef>
#include <cstdint>

#include "extract/extract.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using newsarc::extract::Extract;
  newsarc::extract::ExtractOptions options;
  options.max_links = 100;  // the cap is part of the contract
  newsarc::extract::Article a =
      Extract(newsarc::fuzz::AsView(data, size),
              "https://news.example/2021/11/15/story.html", "", options);
  NEWSARC_FUZZ_CHECK(a.links.size() <= options.max_links);
  return 0;
}
