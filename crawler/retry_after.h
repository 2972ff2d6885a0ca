// Retry-After (RFC 9110 section 10.2.3): "120" or an HTTP-date.
#ifndef NEWSARC_CRAWLER_RETRY_AFTER_H_
#define NEWSARC_CRAWLER_RETRY_AFTER_H_

#include <optional>
#include <string_view>

#include "base/time.h"

namespace newsarc::crawler {

// The delay a Retry-After value asks for, measured from `now`: delay-seconds
// (ASCII digits only; absurdly large values saturate at kMaxRetryAfter) or an
// HTTP-date (IMF-fixdate, RFC 850 or asctime; a date in the past means 0).
// Surrounding whitespace is ignored. Anything else (negative, fractional,
// empty, junk) gives nullopt: the caller falls back to its own backoff.
// Capping to a politeness limit is the scheduler's job.
std::optional<Micros> ParseRetryAfter(std::string_view value, Micros now);

inline constexpr Micros kMaxRetryAfter = Micros{365} * 86400 * 1000000;

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_RETRY_AFTER_H_
