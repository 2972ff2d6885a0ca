#include "base/time.h"

#include <gtest/gtest.h>

namespace newsarc {
namespace {

TEST(TimeTest, WarcDateRoundTrip) {
  auto t = ParseIsoDate("2021-11-15T15:06:07Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatWarcDate(*t), "2021-11-15T15:06:07Z");
  EXPECT_EQ(Format14(*t), "20211115150607");
  EXPECT_EQ(Parse14("20211115150607"), t);
}

TEST(TimeTest, ParsesOffsetsAndFractions) {
  EXPECT_EQ(ParseIsoDate("2021-11-15T23:06:07+08:00"), ParseIsoDate("2021-11-15T15:06:07Z"));
  auto f = ParseIsoDate("2021-11-15T15:06:07.250Z");
  ASSERT_TRUE(f);
  EXPECT_EQ(*f % 1000000, 250000);
  EXPECT_EQ(FormatWarcDate(*f, true), "2021-11-15T15:06:07.250000Z");
  EXPECT_EQ(ParseIsoDate("2021"), ParseIsoDate("2021-01-01T00:00:00Z"));
  EXPECT_FALSE(ParseIsoDate("yesterday"));
  EXPECT_FALSE(ParseIsoDate("2021-13-01"));
}

TEST(TimeTest, HttpDates) {
  auto a = ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT");
  auto b = ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT");
  auto c = ParseHttpDate("Sun Nov  6 08:49:37 1994");
  ASSERT_TRUE(a);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, c);
  EXPECT_EQ(FormatHttpDate(*a), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_FALSE(ParseHttpDate("not a date"));
}

// Found by tests/fuzz/dates_fuzzer and http_parse_fuzzer (via Retry-After):
// sscanf reads any int, and a seven- or eight-digit year overflowed the
// microsecond count (UBSan: signed integer overflow in time.cc Make()).
TEST(TimeTest, HttpDateOutOfRangeFieldsAreRefused) {
  const char kDatesFuzzerCrash[] =
      "NMgmon, 15 Nov 2021021 15:06:03 GMT-2./h 15:06:03 GMT-2./hed>y\0\0\0\xf3" "dab<\0\x0c\0\0";
  EXPECT_FALSE(ParseHttpDate(std::string_view(kDatesFuzzerCrash, sizeof kDatesFuzzerCrash - 1)));
  EXPECT_FALSE(ParseHttpDate("Mon, 15 Nov 40424042 15:06:06:07"));
  EXPECT_FALSE(ParseHttpDate("Sun, 06 Nov 1994 -8:49:37 GMT"));
  EXPECT_FALSE(ParseHttpDate("Sun, 06 Nov 1994 08:-49:37 GMT"));
  EXPECT_FALSE(ParseHttpDate("Sun Nov  6 08:49:37 -1994"));
  auto last = ParseHttpDate("Fri, 31 Dec 9999 23:59:59 GMT");
  ASSERT_TRUE(last);
  EXPECT_EQ(FormatHttpDate(*last), "Fri, 31 Dec 9999 23:59:59 GMT");
}

TEST(TimeTest, TimeArgumentsAsUsersWriteThem) {
  EXPECT_EQ(ParseTimeArg("2024-05-01"), ParseIsoDate("2024-05-01T00:00:00Z"));
  EXPECT_EQ(ParseTimeArg("2024-05-01T12:30:00Z"), ParseIsoDate("2024-05-01T12:30:00Z"));
  EXPECT_EQ(ParseTimeArg("20240501123000"), ParseIsoDate("2024-05-01T12:30:00Z"));
  EXPECT_EQ(ParseTimeArg("2024"), ParseIsoDate("2024-01-01T00:00:00Z"));
  EXPECT_FALSE(ParseTimeArg("yesterday").has_value());
  EXPECT_FALSE(ParseTimeArg("123").has_value());  // too short for a timestamp
  EXPECT_FALSE(ParseTimeArg("202405011230001").has_value());  // 15 digits
  EXPECT_FALSE(ParseTimeArg("").has_value());
}

}  // namespace
}  // namespace newsarc
