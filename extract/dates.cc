#include "extract/dates.h"

#include <array>
#include <cstdio>
#include <cstring>

#include "base/time.h"

namespace newsarc::extract {
namespace {

struct MonthName {
  const char* name;  // lower case (ASCII letters lowered; others as written)
  int month;
};

// Month names and common abbreviations. Abbreviations that are ordinary
// words in another language ("set", "out") are left out: a date needs a
// day and a year next to the name anyway, but precision matters more.
constexpr MonthName kMonthNames[] = {
    // English
    {"january", 1},
    {"february", 2},
    {"march", 3},
    {"april", 4},
    {"may", 5},
    {"june", 6},
    {"july", 7},
    {"august", 8},
    {"september", 9},
    {"october", 10},
    {"november", 11},
    {"december", 12},
    {"jan", 1},
    {"feb", 2},
    {"mar", 3},
    {"apr", 4},
    {"jun", 6},
    {"jul", 7},
    {"aug", 8},
    {"sep", 9},
    {"sept", 9},
    {"oct", 10},
    {"nov", 11},
    {"dec", 12},
    // German
    {"januar", 1},
    {"jänner", 1},
    {"jänner", 1},
    {"februar", 2},
    {"feber", 2},
    {"märz", 3},
    {"maerz", 3},
    {"mai", 5},
    {"juni", 6},
    {"juli", 7},
    {"oktober", 10},
    {"dezember", 12},
    {"mär", 3},
    {"mrz", 3},
    {"okt", 10},
    {"dez", 12},
    // French
    {"janvier", 1},
    {"février", 2},
    {"fevrier", 2},
    {"mars", 3},
    {"avril", 4},
    {"juin", 6},
    {"juillet", 7},
    {"août", 8},
    {"aout", 8},
    {"septembre", 9},
    {"octobre", 10},
    {"novembre", 11},
    {"décembre", 12},
    {"decembre", 12},
    {"janv", 1},
    {"févr", 2},
    {"fevr", 2},
    {"avr", 4},
    {"juil", 7},
    {"déc", 12},
    // Spanish
    {"enero", 1},
    {"febrero", 2},
    {"marzo", 3},
    {"abril", 4},
    {"mayo", 5},
    {"junio", 6},
    {"julio", 7},
    {"agosto", 8},
    {"septiembre", 9},
    {"setiembre", 9},
    {"octubre", 10},
    {"noviembre", 11},
    {"diciembre", 12},
    {"ene", 1},
    {"abr", 4},
    {"ago", 8},
    {"dic", 12},
    // Italian
    {"gennaio", 1},
    {"febbraio", 2},
    {"aprile", 4},
    {"maggio", 5},
    {"giugno", 6},
    {"luglio", 7},
    {"settembre", 9},
    {"ottobre", 10},
    {"dicembre", 12},
    {"gen", 1},
    {"mag", 5},
    {"giu", 6},
    {"lug", 7},
    {"ott", 10},
    // Portuguese
    {"janeiro", 1},
    {"fevereiro", 2},
    {"março", 3},
    {"maio", 5},
    {"junho", 6},
    {"julho", 7},
    {"setembro", 9},
    {"outubro", 10},
    {"dezembro", 12},
    {"fev", 2},
    // Dutch
    {"januari", 1},
    {"februari", 2},
    {"maart", 3},
    {"mei", 5},
    {"augustus", 8},
    {"mrt", 3},
    // Turkish
    {"ocak", 1},
    {"şubat", 2},
    {"mart", 3},
    {"nisan", 4},
    {"mayıs", 5},
    {"haziran", 6},
    {"temmuz", 7},
    {"ağustos", 8},
    {"eylül", 9},
    {"ekim", 10},
    {"kasım", 11},
    {"aralık", 12},
    // Russian (genitive and nominative)
    {"января", 1},
    {"февраля", 2},
    {"марта", 3},
    {"апреля", 4},
    {"мая", 5},
    {"июня", 6},
    {"июля", 7},
    {"августа", 8},
    {"сентября", 9},
    {"октября", 10},
    {"ноября", 11},
    {"декабря", 12},
    {"январь", 1},
    {"февраль", 2},
    {"март", 3},
    {"апрель", 4},
    {"май", 5},
    {"июнь", 6},
    {"июль", 7},
    {"август", 8},
    {"сентябрь", 9},
    {"октябрь", 10},
    {"ноябрь", 11},
    {"декабрь", 12},
    // Ukrainian (genitive)
    {"січня", 1},
    {"лютого", 2},
    {"березня", 3},
    {"квітня", 4},
    {"травня", 5},
    {"червня", 6},
    {"липня", 7},
    {"серпня", 8},
    {"вересня", 9},
    {"жовтня", 10},
    {"листопада", 11},
    {"грудня", 12},
    // Polish (genitive)
    {"stycznia", 1},
    {"lutego", 2},
    {"marca", 3},
    {"kwietnia", 4},
    {"maja", 5},
    {"czerwca", 6},
    {"lipca", 7},
    {"sierpnia", 8},
    {"września", 9},
    {"października", 10},
    {"listopada", 11},
    {"grudnia", 12},
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// A byte of a word: ASCII letter or any byte of a non-ASCII UTF-8 sequence.
// CJK date markers are handled before words are read, so treating all
// non-ASCII as letters only matters for month names.
bool IsWordByte(unsigned char c) { return IsAsciiAlpha(static_cast<char>(c)) || c >= 0x80; }

bool StartsWith(std::string_view s, size_t pos, std::string_view p) {
  return pos <= s.size() && s.substr(pos, p.size()) == p;
}

// Lower-cases ASCII and the Cyrillic capitals (U+0410..U+042F) so that
// "Ноября" matches; other scripts are compared as written.
std::string LowerWord(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(w[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
    } else if (c == 0xD0 && i + 1 < w.size()) {
      unsigned char d = static_cast<unsigned char>(w[i + 1]);
      if (d >= 0x90 && d <= 0x9F) {  // А..П -> а..п
        out += static_cast<char>(0xD0);
        out += static_cast<char>(d + 0x20);
      } else if (d >= 0xA0 && d <= 0xAF) {  // Р..Я -> р..я
        out += static_cast<char>(0xD1);
        out += static_cast<char>(d - 0x20);
      } else {
        out += static_cast<char>(c);
        out += static_cast<char>(d);
      }
      ++i;
    } else if (c == 0xC3 && i + 1 < w.size()) {
      unsigned char d = static_cast<unsigned char>(w[i + 1]);
      // Latin-1 capitals À..Þ (except ×) -> lower case.
      if (d >= 0x80 && d <= 0x9E && d != 0x97) d = static_cast<unsigned char>(d + 0x20);
      out += static_cast<char>(c);
      out += static_cast<char>(d);
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// First bytes (lower-cased) that a month name can start with: most words
// in running text are rejected before any copying or table scan.
constexpr std::array<bool, 256> MonthFirstBytes() {
  std::array<bool, 256> t{};
  for (const MonthName& m : kMonthNames) t[static_cast<unsigned char>(m.name[0])] = true;
  for (char c = 'A'; c <= 'Z'; ++c) {
    if (t[static_cast<unsigned char>(c + 32)]) t[static_cast<unsigned char>(c)] = true;
  }
  return t;
}
constexpr std::array<bool, 256> kMonthFirstByte = MonthFirstBytes();

int MonthFromWord(std::string_view word) {
  if (word.size() < 3 || word.size() > 24) return 0;
  if (!kMonthFirstByte[static_cast<unsigned char>(word[0])]) return 0;
  std::string lower = LowerWord(word);
  for (const MonthName& m : kMonthNames) {
    // Cheap rejections before the comparison: first byte, then length.
    if (m.name[0] != lower[0] || std::strlen(m.name) != lower.size()) continue;
    if (lower == m.name) return m.month;
  }
  return 0;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && IsLeap(y)) return 29;
  return kDays[static_cast<size_t>(m - 1)];
}

// Reads 1..max_len ASCII digits at pos; returns the count read (0: none).
// Values of more than 9 digits saturate (only their length is used).
size_t ReadNumber(std::string_view s, size_t pos, size_t max_len, int* value) {
  size_t n = 0;
  int v = 0;
  while (pos + n < s.size() && IsDigit(s[pos + n])) {
    if (n == max_len) return 0;  // longer run than allowed
    if (v < 100'000'000) v = v * 10 + (s[pos + n] - '0');
    ++n;
  }
  *value = v;
  return n;
}

size_t SkipSpaces(std::string_view s, size_t pos) {
  while (pos < s.size()) {
    if (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r') {
      ++pos;
    } else if (StartsWith(s, pos, "\xC2\xA0")) {  // no-break space
      pos += 2;
    } else if (StartsWith(s, pos, "\xE3\x80\x80")) {  // ideographic space
      pos += 3;
    } else {
      break;
    }
  }
  return pos;
}

// Time of day at pos: "15:06", "15:06:07", "15:06:07.123", "3:05 PM",
// "3.05 p.m.", "15时06分", "15h06", with an optional zone. Returns the end
// or 0 when there is no time.
size_t ParseTime(std::string_view s, size_t pos, DateTime* d) {
  int h = 0, m = 0, sec = -1;
  size_t n = ReadNumber(s, pos, 2, &h);
  if (n == 0) return 0;
  size_t p = pos + n;
  bool cjk = false;
  if (p < s.size() && s[p] == ':') {
    ++p;
  } else if (StartsWith(s, p, "时") || StartsWith(s, p, "時") || StartsWith(s, p, "点")) {
    p += 3;
    cjk = true;
  } else if (p < s.size() && s[p] == 'h' && p + 1 < s.size() && IsDigit(s[p + 1])) {
    ++p;
  } else {
    return 0;
  }
  size_t mn = ReadNumber(s, p, 2, &m);
  if (mn != 2) return 0;
  p += mn;
  if (cjk && StartsWith(s, p, "分")) p += 3;
  if (p + 2 < s.size() && s[p] == ':' && IsDigit(s[p + 1])) {
    size_t sn = ReadNumber(s, p + 1, 2, &sec);
    if (sn != 2) return 0;
    p += 1 + sn;
    if (p + 1 < s.size() && (s[p] == '.' || s[p] == ',') && IsDigit(s[p + 1])) {
      ++p;
      while (p < s.size() && IsDigit(s[p])) ++p;  // fraction dropped
    }
  } else if (cjk) {
    int cs = 0;
    size_t sn = ReadNumber(s, p, 2, &cs);
    if (sn == 2 && StartsWith(s, p + 2, "秒")) {
      sec = cs;
      p += 2 + 3;
    }
  }
  if (p < s.size() && IsDigit(s[p])) return 0;
  // AM/PM.
  size_t q = SkipSpaces(s, p);
  auto ampm = [&](std::string_view a, std::string_view b) -> size_t {
    for (std::string_view form : {a, b}) {
      if (q + form.size() <= s.size()) {
        std::string w = LowerWord(s.substr(q, form.size()));
        if (w == form && (q + form.size() == s.size() || !IsAsciiAlpha(s[q + form.size()]))) {
          return q + form.size();
        }
      }
    }
    return 0;
  };
  if (size_t e = ampm("a.m.", "am"); e != 0) {
    if (h < 1 || h > 12) return 0;
    if (h == 12) h = 0;
    p = e;
  } else if (size_t e2 = ampm("p.m.", "pm"); e2 != 0) {
    if (h < 1 || h > 12) return 0;
    if (h != 12) h += 12;
    p = e2;
  }
  if (h > 23 || m > 59 || sec > 60) return 0;
  d->hour = h;
  d->minute = m;
  d->second = sec;
  // Zone: Z, +08:00, +0800, +08, or GMT/UTC optionally followed by an offset.
  q = p;
  if (q < s.size() && s[q] == 'Z' && (q + 1 == s.size() || !IsAsciiAlpha(s[q + 1]))) {
    d->has_zone = true;
    d->zone_minutes = 0;
    return q + 1;
  }
  q = SkipSpaces(s, p);
  bool named_utc = false;
  if (StartsWith(s, q, "GMT") || StartsWith(s, q, "UTC")) {
    if (q + 3 == s.size() || !IsAsciiAlpha(s[q + 3])) {
      named_utc = true;
      q += 3;
      p = q;
      d->has_zone = true;
      d->zone_minutes = 0;
    }
  }
  if (q < s.size() &&
      (s[q] == '+' || s[q] == '-' || StartsWith(s, q, "\xE2\x88\x92"))) {  // U+2212 minus
    bool minus = s[q] != '+';
    size_t r = q + (StartsWith(s, q, "\xE2\x88\x92") ? 3 : 1);
    int zh = 0, zm = 0;
    size_t hn = ReadNumber(s, r, 4, &zh);
    if (hn == 4) {
      zm = zh % 100;
      zh /= 100;
      r += 4;
    } else if (hn == 2 || (hn == 1 && named_utc)) {
      r += hn;
      if (r + 2 < s.size() && s[r] == ':' && IsDigit(s[r + 1])) {
        size_t mn2 = ReadNumber(s, r + 1, 2, &zm);
        if (mn2 == 2) r += 3;
      }
    } else {
      return p;
    }
    if (zh > 14 || zm > 59 || (r < s.size() && IsDigit(s[r]))) return p;
    // A bare "-05" after a time without GMT could be a range ("15:00-17");
    // only accept offsets written with two-digit hours and a colon or four
    // digits, or after GMT/UTC.
    if (!named_utc && hn != 4 && !(r >= 3 && s[r - 3] == ':')) return p;
    d->has_zone = true;
    d->zone_minutes = (minus ? -1 : 1) * (zh * 60 + zm);
    return r;
  }
  return p;
}

// After a date ending at pos, an optional time: separators "T", spaces, ",",
// "at", "um", "à", "-", "|", "·". Updates d and returns the new end.
size_t ParseTrailingTime(std::string_view s, size_t pos, DateTime* d) {
  size_t p = pos;
  if (p < s.size() && s[p] == 'T') {
    size_t e = ParseTime(s, p + 1, d);
    return e ? e : pos;
  }
  p = SkipSpaces(s, p);
  for (std::string_view sep : {",", "|", "-", "·", "\xE2\x80\x93", "@", "at ", "um ", "à ",
                               "a las ", "alle ", "kl. ", "klo ", "saat "}) {
    if (StartsWith(s, p, sep)) {
      p = SkipSpaces(s, p + sep.size());
      break;
    }
  }
  size_t e = ParseTime(s, p, d);
  if (e == 0) {
    d->hour = -1;
    return pos;
  }
  // "15:06 Uhr", "15h06"
  size_t q = SkipSpaces(s, e);
  if (StartsWith(s, q, "Uhr")) e = q + 3;
  return e;
}

struct Match {
  DateTime d;
  size_t end = 0;
};

bool SetDate(int y, int m, int day, DateTime* d) {
  if (!IsPlausibleDate(y, m, day)) return false;
  d->year = y;
  d->month = m;
  d->day = day;
  return true;
}

bool DigitBefore(std::string_view s, size_t pos) { return pos > 0 && IsDigit(s[pos - 1]); }

// Year-first numeric: 2021-11-15, 2021/11/15, 2021.11.15, 2021年11月15日,
// and (when allow_compact) 20211115.
std::optional<Match> YearFirst(std::string_view s, size_t pos, bool allow_compact) {
  int y = 0;
  size_t n = ReadNumber(s, pos, 14, &y);
  if (n == 8 || n == 12 || n == 14) {
    if (!allow_compact) return std::nullopt;
    std::string_view digits = s.substr(pos, n);
    auto num = [&](size_t at, size_t len) {
      int v = 0;
      for (size_t i = 0; i < len; ++i) v = v * 10 + (digits[at + i] - '0');
      return v;
    };
    Match m;
    if (!SetDate(num(0, 4), num(4, 2), num(6, 2), &m.d)) return std::nullopt;
    if (n >= 12) {
      int h = num(8, 2), mi = num(10, 2);
      if (h < 24 && mi < 60) {
        m.d.hour = h;
        m.d.minute = mi;
        if (n == 14 && num(12, 2) < 61) m.d.second = num(12, 2);
      }
    }
    m.end = pos + n;
    return m;
  }
  if (n != 4) return std::nullopt;
  size_t p = pos + 4;
  Match m;
  if (StartsWith(s, p, "年")) {
    p = SkipSpaces(s, p + 3);
    int mo = 0, day = 0;
    size_t mn = ReadNumber(s, p, 2, &mo);
    if (mn == 0) return std::nullopt;
    p = SkipSpaces(s, p + mn);
    if (!StartsWith(s, p, "月")) return std::nullopt;
    p = SkipSpaces(s, p + 3);
    size_t dn = ReadNumber(s, p, 2, &day);
    if (dn == 0) return std::nullopt;
    p += dn;
    p = SkipSpaces(s, p);
    if (StartsWith(s, p, "日") || StartsWith(s, p, "号")) {
      p += 3;
    } else {
      return std::nullopt;
    }
    if (!SetDate(y, mo, day, &m.d)) return std::nullopt;
    m.end = ParseTrailingTime(s, p, &m.d);
    return m;
  }
  if (p >= s.size()) return std::nullopt;
  char sep = s[p];
  if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  int mo = 0, day = 0;
  size_t mn = ReadNumber(s, p + 1, 2, &mo);
  if (mn == 0 || p + 1 + mn >= s.size() || s[p + 1 + mn] != sep) return std::nullopt;
  size_t q = p + 1 + mn + 1;
  size_t dn = ReadNumber(s, q, 2, &day);
  if (dn == 0) return std::nullopt;
  q += dn;
  if (!SetDate(y, mo, day, &m.d)) return std::nullopt;
  // "2021.11.15.5" is a version number, not a date.
  if (q < s.size() && s[q] == sep && q + 1 < s.size() && IsDigit(s[q + 1])) {
    return std::nullopt;
  }
  m.end = ParseTrailingTime(s, q, &m.d);
  return m;
}

// Day/month-first numeric: 15.11.2021, 15/11/2021, 11/15/2021, 15-11-2021.
// Dots and dashes are day-first (European); slashes follow `month_first`
// unless one number cannot be a month.
std::optional<Match> DayFirst(std::string_view s, size_t pos, bool month_first) {
  int a = 0, b = 0, y = 0;
  size_t an = ReadNumber(s, pos, 2, &a);
  if (an == 0) return std::nullopt;
  size_t p = pos + an;
  if (p >= s.size()) return std::nullopt;
  char sep = s[p];
  if (sep != '.' && sep != '/' && sep != '-') return std::nullopt;
  size_t q = p + 1;
  if (sep == '.' && q < s.size() && s[q] == ' ') ++q;  // "15. 11. 2021"
  size_t bn = ReadNumber(s, q, 2, &b);
  if (bn == 0) return std::nullopt;
  q += bn;
  if (q >= s.size() || s[q] != sep) return std::nullopt;
  ++q;
  if (sep == '.' && q < s.size() && s[q] == ' ') ++q;
  size_t yn = ReadNumber(s, q, 4, &y);
  if (yn != 4) return std::nullopt;
  q += yn;
  int day = a, mo = b;
  if (sep == '/' && a <= 12 && b > 12) {
    day = b;
    mo = a;
  } else if (sep == '/' && a <= 12 && b <= 12 && month_first) {
    day = b;  // US order when ambiguous
    mo = a;
  }
  Match m;
  if (!SetDate(y, mo, day, &m.d)) return std::nullopt;
  m.d.order_guessed = sep == '/' && a <= 12 && b <= 12 && a != b;
  m.end = ParseTrailingTime(s, q, &m.d);
  return m;
}

// Reads a word (letters, possibly followed by "."), returns its end.
size_t ReadWord(std::string_view s, size_t pos, std::string_view* word) {
  size_t p = pos;
  while (p < s.size() && IsWordByte(static_cast<unsigned char>(s[p]))) {
    // Stop at CJK punctuation/ideographs (3-byte sequences starting E2..EF)
    // so "Nov.，" does not swallow them.
    unsigned char c = static_cast<unsigned char>(s[p]);
    if (c >= 0xE2 && c <= 0xEF) break;
    ++p;
  }
  *word = s.substr(pos, p - pos);
  return p;
}

// "15 November 2021", "15. November 2021", "15th Nov. 2021",
// "15 de noviembre de 2021", "15 ноября 2021 г.".
std::optional<Match> DayMonthName(std::string_view s, size_t pos) {
  int day = 0;
  size_t dn = ReadNumber(s, pos, 2, &day);
  if (dn == 0) return std::nullopt;
  size_t p = pos + dn;
  for (std::string_view suf : {"st", "nd", "rd", "th", "er", "."}) {
    if (StartsWith(s, p, suf) && !(suf.size() == 2 && p + 2 < s.size() && IsAsciiAlpha(s[p + 2]))) {
      p += suf.size();
      break;
    }
  }
  p = SkipSpaces(s, p);
  if (StartsWith(s, p, "de ")) p = SkipSpaces(s, p + 3);
  std::string_view word;
  size_t we = ReadWord(s, p, &word);
  int mo = MonthFromWord(word);
  if (mo == 0) return std::nullopt;
  p = we;
  if (p < s.size() && s[p] == '.') ++p;
  p = SkipSpaces(s, p);
  if (p < s.size() && s[p] == ',') p = SkipSpaces(s, p + 1);
  if (StartsWith(s, p, "de ")) p = SkipSpaces(s, p + 3);
  int y = 0;
  size_t yn = ReadNumber(s, p, 4, &y);
  if (yn != 4) return std::nullopt;
  p += yn;
  Match m;
  if (!SetDate(y, mo, day, &m.d)) return std::nullopt;
  size_t q = SkipSpaces(s, p);
  if (StartsWith(s, q, "г.") || StartsWith(s, q, "р.")) p = q + 3;
  m.end = ParseTrailingTime(s, p, &m.d);
  return m;
}

// "November 15, 2021", "Nov. 15th 2021", "Nov 15 2021 3:05 PM".
std::optional<Match> MonthNameDay(std::string_view s, size_t pos) {
  std::string_view word;
  size_t p = ReadWord(s, pos, &word);
  int mo = MonthFromWord(word);
  if (mo == 0) return std::nullopt;
  if (p < s.size() && s[p] == '.') ++p;
  p = SkipSpaces(s, p);
  int day = 0, y = 0;
  size_t dn = ReadNumber(s, p, 2, &day);
  Match m;
  if (dn == 0) {
    // "November 2021": month precision only; not a day, not a date.
    return std::nullopt;
  }
  p += dn;
  for (std::string_view suf : {"st", "nd", "rd", "th"}) {
    if (StartsWith(s, p, suf)) {
      p += 2;
      break;
    }
  }
  if (p < s.size() && s[p] == ',') ++p;
  p = SkipSpaces(s, p);
  size_t yn = ReadNumber(s, p, 4, &y);
  if (yn != 4) return std::nullopt;
  p += yn;
  if (!SetDate(y, mo, day, &m.d)) return std::nullopt;
  m.end = ParseTrailingTime(s, p, &m.d);
  return m;
}

// One date starting exactly at pos, or nullopt.
std::optional<Match> DateAt(std::string_view s, size_t pos, bool allow_compact, bool month_first) {
  if (IsDigit(s[pos])) {
    if (DigitBefore(s, pos)) return std::nullopt;
    if (auto m = YearFirst(s, pos, allow_compact)) return m;
    if (auto m = DayFirst(s, pos, month_first)) return m;
    if (auto m = DayMonthName(s, pos)) return m;
    return std::nullopt;
  }
  if (IsWordByte(static_cast<unsigned char>(s[pos]))) {
    if (pos > 0 && IsWordByte(static_cast<unsigned char>(s[pos - 1])) &&
        static_cast<unsigned char>(s[pos - 1]) < 0xE2) {
      return std::nullopt;  // inside a word
    }
    return MonthNameDay(s, pos);
  }
  return std::nullopt;
}

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// True when the date starting at `pos` closes a range: "14. - 20. Januar
// 2022", "23.-26.8.2017", "12.10. - 15.10.2023", "15.11.2021 – 16.11.2021".
// A range dates an event (a trip, a report's week, a festival), not the
// page, and its end is usually after the publication. A time before the
// dash ("15:30 - 16.11.2021") is a dateline, not a range.
bool EndsRange(std::string_view s, size_t pos) {
  size_t p = pos;
  auto skip_spaces_back = [&] {
    while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t')) --p;
    if (p >= 2 && s.substr(p - 2, 2) == "\xC2\xA0") {
      p -= 2;
      while (p > 0 && s[p - 1] == ' ') --p;
    }
  };
  skip_spaces_back();
  if (p >= 3 && (s.substr(p - 3, 3) == "\xE2\x80\x93" || s.substr(p - 3, 3) == "\xE2\x80\x94")) {
    p -= 3;
  } else if (p >= 1 && s[p - 1] == '-') {
    --p;
  } else {
    return false;
  }
  skip_spaces_back();
  if (p > 0 && s[p - 1] == '.') --p;
  size_t digits = 0;
  while (p > 0 && IsDigit(s[p - 1]) && digits < 5) {
    --p;
    ++digits;
  }
  if (digits == 0 || digits > 4) return false;
  return p == 0 || s[p - 1] != ':';
}

// Past the number or word at pos, so that matches start on boundaries and
// each word is looked at once (not once per byte).
size_t SkipToken(std::string_view text, size_t pos) {
  if (IsDigit(text[pos])) {
    while (pos < text.size() && IsDigit(text[pos])) ++pos;
    return pos;
  }
  if (IsWordByte(static_cast<unsigned char>(text[pos]))) {
    std::string_view word;
    size_t end = ReadWord(text, pos, &word);
    return end > pos ? end : pos + 1;
  }
  return pos + 1;
}

}  // namespace

long long DateTime::DayNumber() const {
  return DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::string DateTime::DayString() const {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string FormatIso(const DateTime& d) {
  std::string out = d.DayString();
  if (!d.has_time()) return out;
  char buf[32];
  std::snprintf(buf, sizeof(buf), "T%02d:%02d", d.hour, d.minute);
  out += buf;
  if (d.second >= 0) {
    std::snprintf(buf, sizeof(buf), ":%02d", d.second);
    out += buf;
  }
  if (d.has_zone) {
    if (d.zone_minutes == 0) {
      out += 'Z';
    } else {
      int z = d.zone_minutes < 0 ? -d.zone_minutes : d.zone_minutes;
      std::snprintf(buf, sizeof(buf), "%c%02d:%02d", d.zone_minutes < 0 ? '-' : '+', z / 60,
                    z % 60);
      out += buf;
    }
  }
  return out;
}

// Words that mark the date after them as a modification, not the
// publication ("Updated", "Letzte Änderung", "mis à jour", "更新").
bool HasModifiedLabel(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  for (std::string_view w : {"updated", "update:", "modified", "last edited", "revised",
                             "aktualisiert", "nderung", "geändert", "mis à jour", "modifié",
                             "actualizado", "actualización", "aggiornato", "更新", "修改"}) {
    if (lower.find(w) != std::string::npos) return true;
  }
  return false;
}

bool IsPlausibleDate(int year, int month, int day) {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  return day <= DaysInMonth(year, month);
}

std::vector<DateMatch> FindDates(std::string_view text, bool month_first) {
  std::vector<DateMatch> out;
  size_t pos = 0;
  while (pos < text.size()) {
    if (IsUtf8Continuation(text[pos])) {
      ++pos;
      continue;
    }
    if (auto m = DateAt(text, pos, /*allow_compact=*/false, month_first)) {
      if (!EndsRange(text, pos)) out.push_back({m->d, pos, m->end});
      pos = m->end;
      continue;
    }
    // Skip the rest of a number or word so matches start on boundaries.
    pos = SkipToken(text, pos);
  }
  return out;
}

std::optional<DateTime> ParseDate(std::string_view text, bool month_first) {
  if (text.size() > 2000) text = text.substr(0, 2000);
  size_t pos = 0;
  while (pos < text.size()) {
    if (IsUtf8Continuation(text[pos])) {
      ++pos;
      continue;
    }
    if (auto m = DateAt(text, pos, /*allow_compact=*/true, month_first)) return m->d;
    pos = SkipToken(text, pos);
  }
  return std::nullopt;
}

std::optional<DateMatch> FindShortYearDate(std::string_view text) {
  for (size_t i = 0; i + 8 <= text.size(); ++i) {
    auto two = [&](size_t at, int* v) {
      if (!IsDigit(text[at]) || !IsDigit(text[at + 1])) return false;
      *v = (text[at] - '0') * 10 + (text[at + 1] - '0');
      return true;
    };
    int day = 0, mo = 0, yy = 0;
    if (!two(i, &day) || text[i + 2] != '.' || !two(i + 3, &mo) || text[i + 5] != '.' ||
        !two(i + 6, &yy)) {
      continue;
    }
    if (i > 0 && (IsDigit(text[i - 1]) || text[i - 1] == '.')) continue;
    size_t end = i + 8;
    if (end < text.size() && IsDigit(text[end])) continue;
    if (end + 1 < text.size() && text[end] == '.' && IsDigit(text[end + 1])) continue;
    DateMatch m;
    if (!SetDate(yy >= 90 ? 1900 + yy : 2000 + yy, mo, day, &m.date)) continue;
    m.begin = i;
    m.end = ParseTrailingTime(text, end, &m.date);
    return m;
  }
  return std::nullopt;
}

std::optional<DateTime> DateFromUrl(std::string_view url) {
  // Only the path: hosts and query strings carry ids that look like dates.
  size_t scheme = url.find("://");
  size_t path_start = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path_start == std::string_view::npos) return std::nullopt;
  std::string_view path = url.substr(path_start);
  path = path.substr(0, path.find_first_of("?#"));
  auto num = [&](size_t at, size_t len, int* v) {
    if (at + len > path.size()) return false;
    int x = 0;
    for (size_t i = 0; i < len; ++i) {
      if (!IsDigit(path[at + i])) return false;
      x = x * 10 + (path[at + i] - '0');
    }
    *v = x;
    return true;
  };
  // A whole segment "DD-MM-YYYY" ("/meldungen/29-10-2021").
  for (size_t i = 0; i + 11 <= path.size(); ++i) {
    if (path[i] != '/') continue;
    std::string_view seg = path.substr(i + 1, 10);
    if (i + 11 != path.size() && path[i + 11] != '/' && path[i + 11] != '.') continue;
    int d = 0, m = 0, y = 0;
    if (ReadNumber(seg, 0, 2, &d) == 2 && seg[2] == '-' && ReadNumber(seg, 3, 2, &m) == 2 &&
        seg[5] == '-' && ReadNumber(seg, 6, 4, &y) == 4 && IsPlausibleDate(y, m, d)) {
      return DateTime{y, m, d};
    }
  }
  for (size_t i = 0; i + 8 <= path.size(); ++i) {
    if (!IsDigit(path[i]) || (i > 0 && IsDigit(path[i - 1]))) continue;
    // The year must start a path segment or follow a letter/underscore
    // ("/t20211115_123.html", "/a/20200911/...", "/2021-11-15-title").
    char before = i > 0 ? path[i - 1] : '/';
    int y = 0, m = 0, d = 0;
    if (!num(i, 4, &y)) continue;
    size_t p = i + 4;
    if (p < path.size() && (path[p] == '/' || path[p] == '-' || path[p] == '_' || path[p] == '.')) {
      char sep = path[p];
      size_t mlen = (p + 2 < path.size() && IsDigit(path[p + 2])) ? 2 : 1;
      if (!num(p + 1, mlen, &m)) continue;
      size_t q = p + 1 + mlen;
      if (sep == '/' && q + 2 <= path.size() && IsDigit(path[q])) {
        // "/2021/1115/"
        if (mlen == 2 && num(q, 2, &d) && (q + 2 == path.size() || !IsDigit(path[q + 2]))) {
          if (IsPlausibleDate(y, m, d)) return DateTime{y, m, d};
        }
        continue;
      }
      if (q >= path.size() || path[q] != sep) continue;
      size_t dlen = (q + 2 < path.size() && IsDigit(path[q + 2])) ? 2 : 1;
      if (!num(q + 1, dlen, &d)) continue;
      size_t e = q + 1 + dlen;
      if (e < path.size() && IsDigit(path[e])) continue;
      if (before != '/' && before != '-' && before != '_' && !IsAsciiAlpha(before)) continue;
      if (IsPlausibleDate(y, m, d)) return DateTime{y, m, d};
    } else if (num(i, 8, &y)) {
      // Compact "20211115", standing alone or followed by a non-digit or
      // by a time "202111151506".
      size_t e = i + 8;
      size_t run = e;
      while (run < path.size() && IsDigit(path[run])) ++run;
      if (run - i != 8) continue;  // 14 digits: a capture time (web.archive.org)
      if (before != '/' && before != '-' && before != '_' && !IsAsciiAlpha(before)) continue;
      int yy = y / 10000, mm = (y / 100) % 100, dd = y % 100;
      if (IsPlausibleDate(yy, mm, dd)) return DateTime{yy, mm, dd};
    }
  }
  return std::nullopt;
}

YearMonth YearMonthFromUrl(std::string_view url) {
  size_t scheme = url.find("://");
  size_t path_start = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path_start == std::string_view::npos) return {};
  std::string_view path = url.substr(path_start);
  path = path.substr(0, path.find_first_of("?#"));
  for (size_t i = 0; i + 8 <= path.size(); ++i) {
    if (path[i] != '/') continue;
    // "/YYYY/MM/" or "/YYYY-MM/"
    int y = 0, m = 0;
    size_t p = i + 1;
    size_t yn = ReadNumber(path, p, 4, &y);
    if (yn != 4 || p + 4 >= path.size() || (path[p + 4] != '/' && path[p + 4] != '-')) continue;
    size_t mn = ReadNumber(path, p + 5, 2, &m);
    if (mn != 2) continue;
    size_t e = p + 5 + mn;
    if (e < path.size() && path[e] != '/') continue;
    if (IsPlausibleDate(y, m, 1)) return {y, m};
  }
  return {};
}

}  // namespace newsarc::extract
