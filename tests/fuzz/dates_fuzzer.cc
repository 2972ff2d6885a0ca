// Fuzzes every date parser: the extractor's page dates, the feed and
// sitemap dates, and base/time.h's ISO, HTTP and 14-digit forms.
// Input: the text.
#include <cstddef>
#include <cstdint>

#include "base/time.h"
#include "crawler/feed_date.h"
#include "extract/dates.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace ex = newsarc::extract;
  std::string_view text = newsarc::fuzz::AsView(data, size);

  for (bool month_first : {true, false}) {
    if (auto d = ex::ParseDate(text, month_first)) {
      NEWSARC_FUZZ_CHECK(ex::IsPlausibleDate(d->year, d->month, d->day));
      (void)ex::FormatIso(*d);
      (void)d->DayNumber();
    }
    size_t last_end = 0;
    for (const ex::DateMatch& m : ex::FindDates(text, month_first)) {
      // In order, non-overlapping, inside the text.
      NEWSARC_FUZZ_CHECK(m.begin >= last_end && m.begin < m.end && m.end <= text.size());
      last_end = m.end;
      (void)ex::FormatIso(m.date);
    }
  }
  if (auto d = ex::DateFromUrl(text)) (void)ex::FormatIso(*d);
  (void)ex::YearMonthFromUrl(text);

  (void)newsarc::crawler::ParseFeedDate(text);
  (void)newsarc::crawler::ParseRfc822Date(text);
  if (auto t = newsarc::ParseIsoDate(text)) (void)newsarc::FormatWarcDate(*t, true);
  if (auto t = newsarc::ParseHttpDate(text)) (void)newsarc::FormatHttpDate(*t);
  if (auto t = newsarc::Parse14(text)) (void)newsarc::Format14(*t);
  return 0;
}
