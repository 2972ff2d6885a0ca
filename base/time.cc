#include "base/time.h"

#include <chrono>
#include <cstdio>
#include <cstring>

namespace newsarc {

Micros NowMicros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch())
      .count();
}

// Howard Hinnant's civil-date algorithms (public domain): exact over the
// whole range, with no dependency on the process time zone.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {

struct Civil {
  int64_t y;
  unsigned m, d, hh, mm, ss;
  int64_t micros;
};

Civil CivilFromMicros(Micros t) {
  int64_t secs = t >= 0 ? t / 1000000 : (t - 999999) / 1000000;
  int64_t micros = t - secs * 1000000;
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int64_t rem = secs - days * 86400;
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Civil{y + (m <= 2),
               m,
               d,
               static_cast<unsigned>(rem / 3600),
               static_cast<unsigned>(rem % 3600 / 60),
               static_cast<unsigned>(rem % 60),
               micros};
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

std::optional<Micros> Make(int y, int mo, int d, int h, int mi, int s,
                           int64_t frac_micros, int offset_minutes) {
  // Years outside 0..9999 have no four-digit form, and sscanf'd fields
  // (ParseHttpDate) can be any int: a year of 2021021 overflowed the
  // microsecond count (found by tests/fuzz/dates_fuzzer).
  if (y < 0 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 24 ||
      mi < 0 || mi > 59 || s < 0 || s > 60) {
    return std::nullopt;
  }
  int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo),
                               static_cast<unsigned>(d));
  int64_t secs = days * 86400 + h * 3600 + mi * 60 + s -
                 static_cast<int64_t>(offset_minutes) * 60;
  return secs * 1000000 + frac_micros;
}

}  // namespace

std::string FormatWarcDate(Micros t, bool fractional) {
  Civil c = CivilFromMicros(t);
  char buf[64];
  if (fractional && c.micros != 0) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02u.%06lldZ",
                  static_cast<long long>(c.y), c.m, c.d, c.hh, c.mm, c.ss,
                  static_cast<long long>(c.micros));
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ",
                  static_cast<long long>(c.y), c.m, c.d, c.hh, c.mm, c.ss);
  }
  return buf;
}

std::string Format14(Micros t) {
  Civil c = CivilFromMicros(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld%02u%02u%02u%02u%02u",
                static_cast<long long>(c.y), c.m, c.d, c.hh, c.mm, c.ss);
  return buf;
}

std::optional<Micros> Parse14(std::string_view s) {
  if (s.size() < 4 || s.size() > 14) return std::nullopt;
  int parts[6] = {0, 1, 1, 0, 0, 0};
  const size_t widths[6] = {4, 2, 2, 2, 2, 2};
  size_t pos = 0;
  for (int i = 0; i < 6 && pos < s.size(); ++i) {
    if (!Digits(s, pos, widths[i], &parts[i])) return std::nullopt;
    pos += widths[i];
  }
  if (pos != s.size()) return std::nullopt;
  return Make(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], 0, 0);
}

std::optional<Micros> ParseIsoDate(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' ||
                        s.back() == '\n')) {
    s.remove_suffix(1);
  }
  int y = 0, mo = 1, d = 1, h = 0, mi = 0, sec = 0;
  int64_t frac = 0;
  int offset = 0;
  if (!Digits(s, 0, 4, &y)) return std::nullopt;
  size_t p = 4;
  if (p < s.size() && s[p] == '-') {
    if (!Digits(s, p + 1, 2, &mo)) return std::nullopt;
    p += 3;
    if (p < s.size() && s[p] == '-') {
      if (!Digits(s, p + 1, 2, &d)) return std::nullopt;
      p += 3;
    }
  }
  if (p < s.size() && (s[p] == 'T' || s[p] == 't' || s[p] == ' ')) {
    if (!Digits(s, p + 1, 2, &h) || p + 3 >= s.size() || s[p + 3] != ':' ||
        !Digits(s, p + 4, 2, &mi)) {
      return std::nullopt;
    }
    p += 6;
    if (p < s.size() && s[p] == ':') {
      if (!Digits(s, p + 1, 2, &sec)) return std::nullopt;
      p += 3;
      if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
        ++p;
        int64_t scale = 100000;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
          frac += (s[p] - '0') * scale;
          scale /= 10;
          ++p;
        }
      }
    }
    if (p < s.size()) {
      if (s[p] == 'Z' || s[p] == 'z') {
        ++p;
      } else if (s[p] == '+' || s[p] == '-') {
        int oh = 0, om = 0;
        if (!Digits(s, p + 1, 2, &oh)) return std::nullopt;
        size_t q = p + 3;
        if (q < s.size() && s[q] == ':') ++q;
        if (q < s.size()) {
          if (!Digits(s, q, 2, &om)) return std::nullopt;
          q += 2;
        }
        offset = (oh * 60 + om) * (s[p] == '-' ? -1 : 1);
        p = q;
      }
    }
  }
  if (p != s.size()) return std::nullopt;
  return Make(y, mo, d, h, mi, sec, frac, offset);
}

namespace {
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun",
                                 "Mon", "Tue", "Wed"};
int MonthIndex(std::string_view m) {
  for (int i = 0; i < 12; ++i) {
    if (m.size() >= 3 && strncasecmp(m.data(), kMonths[i], 3) == 0) return i + 1;
  }
  return 0;
}
}  // namespace

std::optional<Micros> ParseHttpDate(std::string_view s) {
  // Copy into a NUL-terminated buffer for sscanf; bounded.
  if (s.size() > 100) return std::nullopt;
  char buf[128];
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  char wd[16], mon[16];
  int d, y, h, mi, sec;
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
  if (std::sscanf(buf, "%15[A-Za-z], %d %15[A-Za-z] %d %d:%d:%d", wd, &d, mon,
                  &y, &h, &mi, &sec) == 7) {
    int m = MonthIndex(mon);
    if (m == 0) return std::nullopt;
    return Make(y, m, d, h, mi, sec, 0, 0);
  }
  // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
  if (std::sscanf(buf, "%15[A-Za-z], %d-%15[A-Za-z]-%d %d:%d:%d", wd, &d, mon,
                  &y, &h, &mi, &sec) == 7) {
    int m = MonthIndex(mon);
    if (m == 0) return std::nullopt;
    if (y < 100) y += y < 70 ? 2000 : 1900;
    return Make(y, m, d, h, mi, sec, 0, 0);
  }
  // asctime: "Sun Nov  6 08:49:37 1994"
  if (std::sscanf(buf, "%15[A-Za-z] %15[A-Za-z] %d %d:%d:%d %d", wd, mon, &d,
                  &h, &mi, &sec, &y) == 7) {
    int m = MonthIndex(mon);
    if (m == 0) return std::nullopt;
    return Make(y, m, d, h, mi, sec, 0, 0);
  }
  return std::nullopt;
}

std::string FormatHttpDate(Micros t) {
  Civil c = CivilFromMicros(t);
  int64_t secs = t >= 0 ? t / 1000000 : (t - 999999) / 1000000;
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int wday = static_cast<int>(((days % 7) + 7) % 7);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04lld %02u:%02u:%02u GMT",
                kDays[wday], c.d, kMonths[c.m - 1], static_cast<long long>(c.y),
                c.hh, c.mm, c.ss);
  return buf;
}

std::optional<Micros> ParseTimeArg(std::string_view text) {
  if (text.size() >= 4 && text.size() <= 14 &&
      text.find_first_not_of("0123456789") == std::string_view::npos) {
    return Parse14(text);
  }
  return ParseIsoDate(text);
}

}  // namespace newsarc
