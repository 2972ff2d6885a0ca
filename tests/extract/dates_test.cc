#include "extract/dates.h"

#include <gtest/gtest.h>
#include <gumbo.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "extract/metadata.h"

namespace newsarc::extract {
namespace {

std::string Iso(std::string_view text, bool month_first = true) {
  std::optional<DateTime> d = ParseDate(text, month_first);
  return d ? FormatIso(*d) : "none";
}

TEST(ParseDateTest, Iso8601) {
  EXPECT_EQ(Iso("2021-11-15"), "2021-11-15");
  EXPECT_EQ(Iso("2021-11-15T15:06:07+08:00"), "2021-11-15T15:06:07+08:00");
  EXPECT_EQ(Iso("2021-11-15T07:06:07Z"), "2021-11-15T07:06:07Z");
  EXPECT_EQ(Iso("2021-11-15T07:06:07.123-0500"), "2021-11-15T07:06:07-05:00");
  EXPECT_EQ(Iso("2021-11-15T15:06"), "2021-11-15T15:06");
  EXPECT_EQ(Iso("20211115"), "2021-11-15");
}

TEST(ParseDateTest, ChineseForms) {
  EXPECT_EQ(Iso("2021-11-15 15:06"), "2021-11-15T15:06");
  EXPECT_EQ(Iso("2021年11月15日 15:06"), "2021-11-15T15:06");
  EXPECT_EQ(Iso("发布时间：2021年11月5日"), "2021-11-05");
  EXPECT_EQ(Iso("2019年11月25日 16:04:30"), "2019-11-25T16:04:30");
  EXPECT_EQ(Iso("2021/11/15 15:06:07"), "2021-11-15T15:06:07");
  EXPECT_EQ(Iso("2021年11月15日15时06分"), "2021-11-15T15:06");
}

TEST(ParseDateTest, MonthNames) {
  EXPECT_EQ(Iso("Published November 15, 2021 3:05 PM"), "2021-11-15T15:05");
  EXPECT_EQ(Iso("Nov. 15th, 2021"), "2021-11-15");
  EXPECT_EQ(Iso("Mon, 15 Nov 2021 07:06:07 GMT"), "2021-11-15T07:06:07Z");
  EXPECT_EQ(Iso("15. November 2021, 14:30 Uhr"), "2021-11-15T14:30");
  EXPECT_EQ(Iso("3. März 2020"), "2020-03-03");
  EXPECT_EQ(Iso("15 de noviembre de 2021"), "2021-11-15");
  EXPECT_EQ(Iso("le 2 février 2019"), "2019-02-02");
  EXPECT_EQ(Iso("15 ноября 2021 г."), "2021-11-15");
  EXPECT_EQ(Iso("12 Kasım 2020"), "2020-11-12");
}

TEST(ParseDateTest, NumericOrders) {
  EXPECT_EQ(Iso("15.11.2021"), "2021-11-15");
  EXPECT_EQ(Iso("Stand: 05.11.2021 14:30"), "2021-11-05T14:30");
  EXPECT_EQ(Iso("11/15/2021"), "2021-11-15");
  EXPECT_EQ(Iso("15/11/2021"), "2021-11-15");
  // Ambiguous slashes follow the page's convention.
  EXPECT_EQ(Iso("03/04/2021", /*month_first=*/true), "2021-03-04");
  EXPECT_EQ(Iso("03/04/2021", /*month_first=*/false), "2021-04-03");
}

TEST(ParseDateTest, RejectsNonDates) {
  EXPECT_EQ(Iso(""), "none");
  EXPECT_EQ(Iso("version 2.3.4"), "none");
  EXPECT_EQ(Iso("2021-13-45"), "none");
  EXPECT_EQ(Iso("1850-01-01"), "none");  // outside 1990..2100
  EXPECT_EQ(Iso("2021-02-29"), "none");  // not a leap year
  EXPECT_EQ(Iso("2020-02-29"), "2020-02-29");
  EXPECT_EQ(Iso("November 2021"), "none");      // no day
  EXPECT_EQ(Iso("call 2021.11.15.3"), "none");  // a version, not a date
}

TEST(FindDatesTest, FindsAllInRunningText) {
  std::vector<DateMatch> found =
      FindDates("Posted 2021-11-15 15:06, updated Nov 16, 2021. Phone 20211115.");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(FormatIso(found[0].date), "2021-11-15T15:06");
  EXPECT_EQ(found[1].date.DayString(), "2021-11-16");
}

TEST(DateFromUrlTest, Patterns) {
  auto day = [](std::string_view url) {
    std::optional<DateTime> d = DateFromUrl(url);
    return d ? d->DayString() : "none";
  };
  EXPECT_EQ(day("https://example.com/2021/11/15/some-title/"), "2021-11-15");
  EXPECT_EQ(day("https://example.com/news/2021-11-15-some-title"), "2021-11-15");
  EXPECT_EQ(day("http://nb.example.com/a/20200911/14526474_0.shtml"), "2020-09-11");
  EXPECT_EQ(day("http://www.example.gov.cn/xxgk/t20211115_123456.html"), "2021-11-15");
  EXPECT_EQ(day("https://example.com/2021/1115/c1004-123.html"), "2021-11-15");
  EXPECT_EQ(day("https://example.com/2021/11/"), "none");             // no day
  EXPECT_EQ(day("https://example.com/article?id=20211115"), "none");  // query only
  // A web archive's 14-digit capture time is not a publication date.
  EXPECT_EQ(day("https://web.archive.org/web/20130307194448/http://example.com/x.html"), "none");
  EXPECT_EQ(day("https://example.com/item/123456789012"), "none");
  EXPECT_EQ(day("https://example.org/media-news/meldungen/29-10-2021"), "2021-10-29");
}

TEST(DateFromUrlTest, YearAndMonthOnly) {
  YearMonth ym = YearMonthFromUrl("https://blog.example.com/2018/08/irland-roadtrip.html");
  EXPECT_EQ(ym.year, 2018);
  EXPECT_EQ(ym.month, 8);
  EXPECT_EQ(YearMonthFromUrl("https://example.com/2019-10/slug").month, 10);
  EXPECT_EQ(YearMonthFromUrl("https://example.com/2019/43/slug").year, 0);  // week, not month
  EXPECT_EQ(YearMonthFromUrl("https://example.com/news/slug").year, 0);
}

TEST(FormatIsoTest, ZoneAndPrecision) {
  DateTime d;
  d.year = 2021;
  d.month = 1;
  d.day = 2;
  EXPECT_EQ(FormatIso(d), "2021-01-02");
  d.hour = 3;
  d.minute = 4;
  EXPECT_EQ(FormatIso(d), "2021-01-02T03:04");
  d.second = 5;
  d.has_zone = true;
  d.zone_minutes = -330;
  EXPECT_EQ(FormatIso(d), "2021-01-02T03:04:05-05:30");
}

// htmldate's find_date assertions on small pages (Apache-2.0; see
// tests/testdata/dates/NOTICE): the day of Article::published must match,
// or no date must be found when htmldate expects none.
TEST(HtmldateCasesTest, FindDateSample) {
  std::ifstream in(std::string(NEWSARC_TESTDATA_DIR) + "/dates/find_date_sample.jsonl");
  ASSERT_TRUE(in) << "missing testdata/dates/find_date_sample.jsonl";
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    nlohmann::json row = nlohmann::json::parse(line);
    std::string html = row["html"].get<std::string>();
    std::string url = row.value("url", "");
    std::string want =
        row["expected_date"].is_string() ? row["expected_date"].get<std::string>() : "";
    GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
    Article a;
    ExtractMetadata(out->document, url, &a);
    gumbo_destroy_output(&kGumboDefaultOptions, out);
    EXPECT_EQ(a.published.substr(0, 10), want) << row["source"] << ": " << html.substr(0, 300);
    ++cases;
  }
  EXPECT_GE(cases, 30);
}

}  // namespace
}  // namespace newsarc::extract

namespace newsarc::extract {
namespace {

// Issue 3 (publication dates): the end of a range dates an event, not the
// page; a time before the dash is a dateline, not a range.
TEST(FindDatesTest, SkipsTheEndOfADateRange) {
  struct Case {
    const char* text;
    size_t found;
  } cases[] = {
      {"Wochenbericht 14. - 20. Januar 2022", 0},
      {"am 23.-26.8.2017 hin", 0},
      {"Wochenende in Wien 12.10. - 15.10.2023", 0},
      {"vom 15.11.2021 \xE2\x80\x93 16.11.2021", 1},  // the start stays
      {"Published 15:30 - 16.11.2021", 1},
      {"Posted on 16.11.2021", 1},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FindDates(c.text).size(), c.found) << c.text;
  }
  std::vector<DateMatch> start = FindDates("vom 15.11.2021 - 16.11.2021");
  ASSERT_EQ(start.size(), 1u);
  EXPECT_EQ(start[0].date.DayString(), "2021-11-15");
}

}  // namespace
}  // namespace newsarc::extract

namespace newsarc::extract {
namespace {

TEST(HasModifiedLabelTest, KnowsModificationWords) {
  for (const char* yes : {"Updated: ", "Last modified ", "Letzte \xC3\x84nderung: ", "mis \xC3\xA0 jour le ",
                          "\xE6\x9B\xB4\xE6\x96\xB0\xE6\x97\xB6\xE9\x97\xB4\xEF\xBC\x9A"}) {
    EXPECT_TRUE(HasModifiedLabel(yes)) << yes;
  }
  for (const char* no : {"Published: ", "Erschienen am: ", "By Ann Lee, ", ""}) {
    EXPECT_FALSE(HasModifiedLabel(no)) << no;
  }
}

// A slashed date with both numbers up to 12 is marked as a guess.
TEST(ParseDateTest, MarksGuessedDayMonthOrder) {
  EXPECT_TRUE(ParseDate("11/01/2021")->order_guessed);
  EXPECT_FALSE(ParseDate("11/13/2021")->order_guessed);
  EXPECT_FALSE(ParseDate("11.01.2021")->order_guessed);
  EXPECT_FALSE(ParseDate("2021-11-01")->order_guessed);
  EXPECT_FALSE(ParseDate("01/01/2021")->order_guessed);
}

}  // namespace
}  // namespace newsarc::extract

namespace newsarc::extract {
namespace {

// Two-digit years: only "DD.MM.YY" standing alone, never in version
// numbers or longer dotted runs.
TEST(FindShortYearDateTest, DottedTwoDigitYears) {
  std::optional<DateMatch> m = FindShortYearDate("Party, 30.10.23 ");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(FormatIso(m->date), "2023-10-30");
  EXPECT_EQ(m->begin, 7u);
  EXPECT_EQ(FormatIso(FindShortYearDate("02.12.19 14:05")->date), "2019-12-02T14:05");
  EXPECT_EQ(FindShortYearDate("28.02.98")->date.year, 1998);
  for (const char* no : {"v1.02.12.19", "02.12.199", "02.12.19.4", "2.12.19", "31.02.21",
                         "12.13.14", "Score 3:1"}) {
    EXPECT_FALSE(FindShortYearDate(no).has_value()) << no;
  }
}

Article MetadataOf(const std::string& html, std::string_view url) {
  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  Article a;
  ExtractMetadata(out->document, url, &a);
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return a;
}

// A dateline next to the headline may write the year with two digits; the
// same form in the body text is not taken.
TEST(ExtractMetadataTest, TwoDigitYearDatelineBesideTheHeadline) {
  const std::string above =
      "<html><head><title>Kostüme</title></head><body><div class=\"text\">"
      "<div class=\"date\"> Party, 30.10.23 </div><h1>Kostüme</h1>"
      "<p>Gruseln auf den letzten Drücker: Ideen für kurz Entschlossene.</p></div></body></html>";
  EXPECT_EQ(MetadataOf(above, "https://example.org/magazin/kostueme").published.substr(0, 10),
            "2023-10-30");
  const std::string below =
      "<html><head><title>Cards</title></head><body><header><h1>Cards</h1>"
      "<span>02.12.19</span></header><p>What is on the cards, a long paragraph.</p></body></html>";
  EXPECT_EQ(MetadataOf(below, "https://example.org/en/cards/").published.substr(0, 10),
            "2019-12-02");
  const std::string prose =
      "<html><head><title>Release</title></head><body><h1>Release</h1>"
      "<p>Installing the update 02.12.19 on all devices took the whole team most of the "
      "afternoon, as the notes for this release explain at length.</p></body></html>";
  EXPECT_EQ(MetadataOf(prose, "https://example.org/release").published, "");
}

}  // namespace
}  // namespace newsarc::extract
