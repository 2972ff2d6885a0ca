// Date and time expressions as news pages write them: ISO 8601, RFC 2822,
// Chinese (2021年11月15日 15:06), numeric (15.11.2021, 11/15/2021), with
// month names in English and the major European languages, and the date
// patterns of article URLs (/2021/11/15/, /20211115/, t20211115_123.html).
//
// Pure functions of their arguments: no clock, no locale, no globals except
// const tables. Internal to extract/.
//
// How metadata.cc chooses the publication date from these, and where it
// departs from issue 3's trust order (JSON-LD, OpenGraph, meta tags,
// <time>, visible bylines, URL date patterns), measured on htmldate's
// evaluation pages (bench/dates_eval_bench):
//  - The visible dateline under the headline comes first: structured values
//    are often a re-publication or CMS timestamp (0.877 this way, 0.869
//    structured first, when measured).
//  - A full date in the URL path decides between the candidates: it is fixed
//    at publication and never shifted to UTC. A year/month in the path rules
//    out candidates of other months.
//  - Structured data still correct a visible date where they are the better
//    evidence: a slashed date whose day/month order was guessed
//    (DateTime::order_guessed) takes the structured reading when that is
//    exactly its other order.
//  - In a line or text with several dates, one labelled as a modification
//    (HasModifiedLabel) yields to the others; the end of a date range
//    (FindDates skips it) dates an event, not the page.
//  - A two-digit year ("Party, 30.10.23") is taken only from a short line
//    within the dateline window around the headline, and only when no
//    full date was found there (FindShortYearDate); never from running text.
#ifndef NEWSARC_EXTRACT_DATES_H_
#define NEWSARC_EXTRACT_DATES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsarc::extract {

// A calendar date with optional time of day and optional UTC offset, as
// written on the page (no conversion to UTC).
struct DateTime {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31, valid for the month
  int hour = -1;  // -1: no time given
  int minute = 0;
  int second = -1;  // -1: seconds not given
  bool has_zone = false;
  int zone_minutes = 0;  // offset east of UTC
  // Day and month were read from a slashed date where either could be the
  // month ("03/04/2021"), so their order is a guess (see ParseDate).
  bool order_guessed = false;

  bool has_time() const { return hour >= 0; }
  // Days since 1970-01-01 of the calendar date.
  long long DayNumber() const;
  // "YYYY-MM-DD" only.
  std::string DayString() const;
  bool SameDay(const DateTime& o) const {
    return year == o.year && month == o.month && day == o.day;
  }
};

// ISO 8601: "2021-11-15", "2021-11-15T15:06", "2021-11-15T15:06:07+08:00",
// "2021-11-15T07:06:07Z". Seconds only when known; zone only when given.
std::string FormatIso(const DateTime& d);

// Parses a value that is meant to be one date (a meta tag's content, a
// JSON-LD datePublished, a <time datetime>, a short dateline). Accepts
// leading words ("Published: ", "发布时间：") and trailing text; returns the
// first plausible date expression. Years outside 1990..2100 are refused.
// `month_first` decides ambiguous slashed dates (03/04/2021): April 3 when
// false (most of the world), March 4 when true (US English). Dotted and
// dashed dates are always day first.
std::optional<DateTime> ParseDate(std::string_view text, bool month_first = true);

// A date expression found in running text, with its byte range.
struct DateMatch {
  DateTime date;
  size_t begin = 0;
  size_t end = 0;
};

// Every date expression in `text` (UTF-8), in order, non-overlapping.
// Stricter than ParseDate: bare 8-digit numbers and two-digit years are not
// taken from running text.
std::vector<DateMatch> FindDates(std::string_view text, bool month_first = true);

// A dotted day-first date with a two-digit year, "30.10.23" (2023-10-30),
// with an optional time after it. FindDates refuses these in running text
// (version numbers, scores); a caller takes them only from a dateline next
// to the headline. All three parts must have two digits and the date must
// stand alone (no digit or dot-digit on either side). Years 90..99 are
// 1990s, the rest 2000s.
std::optional<DateMatch> FindShortYearDate(std::string_view text);

// The date a URL's path gives: /2021/11/15/, /2021-11-15/, /20211115/,
// t20211115_123.html, /2021/1115/; nullopt when the path has no full date.
std::optional<DateTime> DateFromUrl(std::string_view url);

// Year and month from a URL path that names no day: "/2019/10/slug/",
// "/2019-10/". {0, 0} when there is none.
struct YearMonth {
  int year = 0;
  int month = 0;
};
YearMonth YearMonthFromUrl(std::string_view url);

// True when `text` (what precedes a date) labels it as a modification, not
// the publication: "Updated", "Letzte Änderung", "mis à jour", "更新".
bool HasModifiedLabel(std::string_view text);

// True for a valid proleptic Gregorian date with year in 1990..2100.
bool IsPlausibleDate(int year, int month, int day);

}  // namespace newsarc::extract

#endif  // NEWSARC_EXTRACT_DATES_H_
