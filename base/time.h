// Time points as microseconds since the Unix epoch (UTC), and the text forms
// that web archives use for them.
#ifndef NEWSARC_BASE_TIME_H_
#define NEWSARC_BASE_TIME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsarc {

using Micros = int64_t;  // microseconds since 1970-01-01T00:00:00Z

Micros NowMicros();

// WARC-Date: "2024-05-01T12:00:00Z", or with fractional seconds
// ("...T12:00:00.123456Z") when `fractional` and the value has them.
std::string FormatWarcDate(Micros t, bool fractional = false);
// Accepts W3C-DTF / ISO 8601 as WARC allows: YYYY, YYYY-MM, YYYY-MM-DD,
// YYYY-MM-DDThh:mmZ, with seconds, fraction and Z or +hh:mm offset.
std::optional<Micros> ParseIsoDate(std::string_view text);
// CDX 14-digit timestamp "YYYYMMDDhhmmss".
std::string Format14(Micros t);
// Parses 4..14 digit timestamps (missing parts are the earliest).
std::optional<Micros> Parse14(std::string_view digits);
// A point in time as users write it on a command line or in a URL: ISO 8601
// / W3C-DTF ("2024-05-01", "2024-05-01T12:00:00Z") or a 4..14-digit CDX
// timestamp ("2024", "20240501120000").
std::optional<Micros> ParseTimeArg(std::string_view text);
// RFC 7231 IMF-fixdate, plus the obsolete RFC 850 and asctime forms.
std::optional<Micros> ParseHttpDate(std::string_view text);
std::string FormatHttpDate(Micros t);

// Days since epoch for a civil date (proleptic Gregorian); exposed for tests.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);

}  // namespace newsarc

#endif  // NEWSARC_BASE_TIME_H_
