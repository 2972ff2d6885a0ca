#include "crawler/feed_date.h"

#include <string>
#include <vector>

#include "base/strings.h"

namespace newsarc::crawler {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

int MonthNumber(std::string_view m) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  if (m.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    if (StartsWithIgnoreCase(m, kMonths[i])) return i + 1;
  }
  return 0;
}

// Minutes east of UTC for a zone token; 0 for unknown names.
std::optional<int> ZoneOffset(std::string_view z) {
  if (z.empty()) return 0;
  if ((z[0] == '+' || z[0] == '-') && z.size() >= 3) {
    std::string digits;
    for (char c : z.substr(1)) {
      if (c >= '0' && c <= '9') digits.push_back(c);
      else if (c != ':') return std::nullopt;
    }
    if (digits.size() != 2 && digits.size() != 4) return std::nullopt;
    int hh = ToInt(std::string_view(digits).substr(0, 2));
    int mm = digits.size() == 4 ? ToInt(std::string_view(digits).substr(2, 2)) : 0;
    if (hh > 23 || mm > 59) return std::nullopt;
    return (z[0] == '-' ? -1 : 1) * (hh * 60 + mm);
  }
  static const struct { const char* name; int hours; } kZones[] = {
      {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
      {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};
  for (const auto& zone : kZones) {
    if (EqualsIgnoreCase(z, zone.name)) return zone.hours * 60;
  }
  return 0;  // GMT, UT, UTC, Z, military letters, unknown names
}

std::optional<Micros> Assemble(int y, int mo, int d, int h, int mi, int s, int offset_min) {
  if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 ||
      s > 60) {
    return std::nullopt;
  }
  int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  int64_t secs = days * 86400 + h * 3600 + mi * 60 + s - int64_t{offset_min} * 60;
  return secs * 1000000;
}

}  // namespace

std::optional<Micros> ParseRfc822Date(std::string_view text) {
  if (text.size() > 200) return std::nullopt;
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '\t' ||
                               text[i] == '\r' || text[i] == '\n')) {
      ++i;
    }
    size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != ',' && text[i] != '\t' &&
           text[i] != '\r' && text[i] != '\n') {
      ++i;
    }
    if (i > start) tokens.push_back(text.substr(start, i - start));
  }
  size_t t = 0;
  // Optional weekday.
  if (t < tokens.size() && !tokens[t].empty() && !AllDigits(tokens[t]) &&
      MonthNumber(tokens[t]) == 0) {
    ++t;
  }
  if (tokens.size() < t + 4) return std::nullopt;
  std::string_view day = tokens[t], mon = tokens[t + 1], year = tokens[t + 2];
  std::string_view time = tokens[t + 3];
  // Also "Mon DD YYYY" order.
  if (!AllDigits(day) && AllDigits(mon)) std::swap(day, mon);
  int m = MonthNumber(mon);
  if (!AllDigits(day) || day.size() > 2 || m == 0 || !AllDigits(year) ||
      (year.size() != 2 && year.size() != 4)) {
    return std::nullopt;
  }
  int y = ToInt(year);
  if (year.size() == 2) y += y < 50 ? 2000 : 1900;
  std::vector<std::string_view> hms = Split(time, ':');
  if (hms.size() < 2 || hms.size() > 3) return std::nullopt;
  for (auto part : hms) {
    if (!AllDigits(part) || part.size() > 2) return std::nullopt;
  }
  int h = ToInt(hms[0]), mi = ToInt(hms[1]), s = hms.size() == 3 ? ToInt(hms[2]) : 0;
  std::optional<int> offset = 0;
  if (tokens.size() > t + 4) offset = ZoneOffset(tokens[t + 4]);
  if (!offset) return std::nullopt;
  return Assemble(y, m, ToInt(day), h, mi, s, *offset);
}

std::optional<Micros> ParseFeedDate(std::string_view text) {
  text = TrimAscii(text);
  if (text.empty() || text.size() > 200) return std::nullopt;
  if (auto iso = ParseIsoDate(text)) return iso;
  // "2024/05/01 08:00" and "2024-05-01 08:00:00 +0800" variants.
  if (text.size() >= 10 && AllDigits(text.substr(0, 4)) &&
      (text[4] == '/' || text[4] == '-') && text[7] == text[4]) {
    std::string copy(text);
    copy[4] = copy[7] = '-';
    // A space before a numeric zone: "2024-05-01 08:00:00 +0800".
    size_t sp = copy.rfind(' ');
    if (sp != std::string::npos && sp > 10 && sp + 1 < copy.size() &&
        (copy[sp + 1] == '+' || copy[sp + 1] == '-')) {
      copy.erase(sp, 1);
    }
    if (auto iso = ParseIsoDate(copy)) return iso;
  }
  return ParseRfc822Date(text);
}

}  // namespace newsarc::crawler
