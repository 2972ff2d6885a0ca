// Fuzzes URL parsing, resolution and crawl normalisation. Input: a base URL
// on the first line, a reference after it (one line, as in an href).
#include <cstddef>
#include <cstdint>

#include "base/url.h"
#include "crawler/url_normalize.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace cr = newsarc::crawler;
  using newsarc::Url;
  auto [base_text, ref] = newsarc::fuzz::SplitFirstLine(newsarc::fuzz::AsView(data, size));

  if (auto parsed = Url::Parse(base_text); parsed.ok()) (void)parsed.value().Resolve(ref);
  (void)cr::ResolveHttpUrl(nullptr, base_text);
  (void)cr::IsTrackingParam(ref);

  // The crawler resolves links against page URLs it normalised itself, so
  // the base is normalised too (a raw base can keep its oddities in "").
  auto normalized = cr::NormalizeUrl(base_text);
  Url base = normalized.ok() ? normalized.value()
                             : Url::Parse("https://news.example/a/b?c=d").value();
  (void)base.Resolve(ref);
  (void)base.WithoutFragment();
  (void)cr::ResolveHttpUrl(&base, ref);
  auto link = cr::NormalizeLink(base, ref);
  if (link.ok()) {
    const Url& u = link.value();
    NEWSARC_FUZZ_CHECK(u.scheme() == "http" || u.scheme() == "https");
    NEWSARC_FUZZ_CHECK(u.fragment().empty());
    (void)cr::SameHost(base, u);
    // A normalised URL is a fixed point: normalising it again must give it
    // back, or the frontier would hold two entries for one page.
    auto again = cr::NormalizeUrl(u.spec());
    NEWSARC_FUZZ_CHECK(again.ok());
    NEWSARC_FUZZ_CHECK(again.value().spec() == u.spec());
  }
  return 0;
}
