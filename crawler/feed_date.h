// Dates as feeds and sitemaps write them.
#ifndef NEWSARC_CRAWLER_FEED_DATE_H_
#define NEWSARC_CRAWLER_FEED_DATE_H_

#include <optional>
#include <string_view>

#include "base/time.h"

namespace newsarc::crawler {

// RFC 822 / RFC 1123 / RFC 2822 dates as in RSS pubDate:
// "[Wdy,] DD Mon YYYY HH:MM[:SS] [ZONE]". Lenient as feeds require: the
// weekday and comma are optional (and not checked), month names may be full
// ("September") or "Sept", two-digit years are 19xx from 50 on and 20xx
// below, ZONE is +hhmm/-hhmm, GMT/UT/UTC/Z, the US zones (EST ... PDT) or
// missing (UTC); a military letter or an unknown zone name counts as UTC.
std::optional<Micros> ParseRfc822Date(std::string_view text);

// Any feed or sitemap date: W3C-DTF / ISO 8601 (base/time.h; also with a
// space for 'T', or without a zone = UTC, and "YYYY/MM/DD[ hh:mm[:ss]]"),
// else RFC 822. nullopt when neither reads it.
std::optional<Micros> ParseFeedDate(std::string_view text);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_FEED_DATE_H_
