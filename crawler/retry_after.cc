#include "crawler/retry_after.h"

#include "base/strings.h"

namespace newsarc::crawler {

std::optional<Micros> ParseRetryAfter(std::string_view value, Micros now) {
  value = TrimAscii(value);
  if (value.empty()) return std::nullopt;
  bool all_digits = true;
  for (char c : value) {
    if (c < '0' || c > '9') {
      all_digits = false;
      break;
    }
  }
  if (all_digits) {
    constexpr int64_t kMaxSeconds = kMaxRetryAfter / 1000000;
    int64_t seconds = 0;
    for (char c : value) {
      seconds = seconds * 10 + (c - '0');
      if (seconds > kMaxSeconds) return kMaxRetryAfter;  // saturate, never overflow
    }
    return seconds * 1000000;
  }
  std::optional<Micros> date = ParseHttpDate(value);
  if (!date) return std::nullopt;
  if (*date <= now) return Micros{0};
  Micros delay = *date - now;
  return delay > kMaxRetryAfter ? kMaxRetryAfter : delay;
}

}  // namespace newsarc::crawler
