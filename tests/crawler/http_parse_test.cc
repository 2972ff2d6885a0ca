#include "crawler/http_parse.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>
#include <memory>

#include "base/time.h"
#include "crawler/retry_after.h"

namespace newsarc::crawler {
namespace {

using ::testing::HasSubstr;

TEST(HttpParseTest, ParsesStatusLineAndFields) {
  Result<ResponseHead> h = ParseResponseHead(
      "HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\n"
      "Set-Cookie: a=1\r\nset-cookie: b=2\r\nX-Empty:\r\n\r\nbody bytes");
  ASSERT_TRUE(h.ok()) << h.status().message();
  EXPECT_EQ(h->major, 1);
  EXPECT_EQ(h->minor, 1);
  EXPECT_EQ(h->status, 301);
  EXPECT_EQ(h->reason, "Moved Permanently");
  ASSERT_EQ(h->headers.size(), 4u);
  EXPECT_EQ(*h->Find("location"), "/new");
  EXPECT_EQ(h->FindAll("Set-Cookie"), (std::vector<std::string_view>{"a=1", "b=2"}));
  EXPECT_EQ(*h->Find("X-Empty"), "");
  EXPECT_EQ(h->Find("Content-Type"), nullptr);
}

TEST(HttpParseTest, AcceptsBareLfEmptyReasonAndHttp10) {
  Result<ResponseHead> h = ParseResponseHead("HTTP/1.0 200\nServer: x \n\n");
  ASSERT_TRUE(h.ok()) << h.status().message();
  EXPECT_EQ(h->minor, 0);
  EXPECT_EQ(h->status, 200);
  EXPECT_EQ(h->reason, "");
  EXPECT_EQ(*h->Find("server"), "x");
  // Without the final empty line (a head cut short) the fields still parse.
  EXPECT_TRUE(ParseResponseHead("HTTP/1.1 204 No Content\r\nA: b").ok());
}

TEST(HttpParseTest, JoinsObsFoldAndSkipsLinesWithoutColon) {
  Result<ResponseHead> h = ParseResponseHead(
      "HTTP/1.1 200 OK\r\nX-Long: one\r\n  two\r\n\tthree\r\nbogus line\r\n: no name\r\nA: 1\r\n\r\n");
  ASSERT_TRUE(h.ok()) << h.status().message();
  EXPECT_EQ(*h->Find("X-Long"), "one two three");
  EXPECT_EQ(h->skipped_lines, 2);
  EXPECT_EQ(*h->Find("A"), "1");
}

TEST(HttpParseTest, RejectsInvalidStatusLinesWithAClearMessage) {
  struct Case {
    const char* head;
    const char* why;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"", "empty"},
           {"HTTX/1.1 200 OK\r\n\r\n", "does not start with HTTP/"},
           {"HTTP/1.1 20 OK\r\n\r\n", "three digits"},
           {"HTTP/1.1 2000 OK\r\n\r\n", "three digits"},
           {"HTTP/1.1 abc OK\r\n\r\n", "three digits"},
           {"HTTP/1.1 099 Low\r\n\r\n", "below 100"},
           {"HTTP/1.1200 OK\r\n\r\n", "no space"},
           {"HTTP/x.1 200 OK\r\n\r\n", "no protocol version"},
           {"HTTP/1 200 OK\r\n\r\n", "bad protocol version"},
           {"<html>hello</html>", "does not start with HTTP/"},
       }) {
    Result<ResponseHead> h = ParseResponseHead(c.head);
    ASSERT_FALSE(h.ok()) << c.head;
    EXPECT_THAT(h.status().message(), HasSubstr(c.why)) << c.head;
  }
  Result<ResponseHead> h = ParseResponseHead("HTTP/1.1 200 OK\r\n continued\r\n\r\n");
  ASSERT_FALSE(h.ok());
  EXPECT_THAT(h.status().message(), HasSubstr("continuation line before any field"));
  // Control bytes in the quoted input are escaped in the message.
  h = ParseResponseHead(std::string("HTTP/1.1 2\x01\x02 OK\r\n", 18));
  ASSERT_FALSE(h.ok());
  EXPECT_THAT(h.status().message(), HasSubstr("\\x01\\x02"));
}

TEST(HttpParseTest, BoundsTheNumberOfFields) {
  std::string head = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 20; ++i) head += "X-" + std::to_string(i) + ": v\r\n";
  EXPECT_TRUE(ParseResponseHead(head, 20).ok());
  Result<ResponseHead> h = ParseResponseHead(head, 19);
  ASSERT_FALSE(h.ok());
  EXPECT_THAT(h.status().message(), HasSubstr("more than 19 header fields"));
}

TEST(HttpParseTest, StatusLineHelpers) {
  EXPECT_TRUE(IsStatusLine("HTTP/1.1 200 OK\r\n"));
  EXPECT_TRUE(IsStatusLine("HTTP/2 404 \r\n"));
  EXPECT_FALSE(IsStatusLine("HTTP/ 200"));
  EXPECT_FALSE(IsStatusLine("Content-Type: x\r\n"));
  EXPECT_EQ(StatusCodeOf("HTTP/2 404 \r\n"), 404);
  EXPECT_EQ(StatusCodeOf("HTTP/1.1 503 Service Unavailable\r\n"), 503);
  EXPECT_EQ(StatusCodeOf("junk"), 0);
  EXPECT_EQ(Http11StatusLine(200), "HTTP/1.1 200 OK\r\n");
  EXPECT_EQ(Http11StatusLine(429), "HTTP/1.1 429 Too Many Requests\r\n");
  EXPECT_EQ(Http11StatusLine(299), "HTTP/1.1 299 \r\n");
  // What the synthesised line parses back to.
  Result<ResponseHead> h = ParseResponseHead(Http11StatusLine(304) + "\r\n");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->status, 304);
  EXPECT_EQ(h->reason, "Not Modified");
}

TEST(HttpParseTest, ContentLength) {
  EXPECT_EQ(ParseContentLength("0"), 0u);
  EXPECT_EQ(ParseContentLength(" 1234 "), 1234u);
  EXPECT_EQ(ParseContentLength("10737418240"), 10737418240u);
  EXPECT_EQ(ParseContentLength("5, 5"), 5u);
  EXPECT_EQ(ParseContentLength("5, 6"), std::nullopt);
  EXPECT_EQ(ParseContentLength(""), std::nullopt);
  EXPECT_EQ(ParseContentLength("-1"), std::nullopt);
  EXPECT_EQ(ParseContentLength("1e3"), std::nullopt);
  EXPECT_EQ(ParseContentLength("99999999999999999999999"), std::nullopt);
}

TEST(HttpParseTest, RandomBytesNeverCrashOrOverread) {
  // Deterministic junk around a valid prefix; each input is parsed from a
  // buffer of exactly its size (ASan would catch a read past the end).
  uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return static_cast<char>((state >> 16) & 0xff);
  };
  const char* prefixes[] = {"", "HTTP/1.1 200 OK\r\n", "HTTP/1.1 200 OK\r\nA: b\r\n", "HTTP/"};
  for (int i = 0; i < 4000; ++i) {
    std::string input = prefixes[i % 4];
    const int n = i % 97;
    for (int j = 0; j < n; ++j) {
      char c = next();
      // Bias towards the bytes the parser branches on.
      if ((c & 7) == 0) c = '\n';
      if ((c & 15) == 1) c = ':';
      if ((c & 15) == 2) c = ' ';
      input.push_back(c);
    }
    auto heap = std::make_unique<char[]>(input.size());
    std::memcpy(heap.get(), input.data(), input.size());
    Result<ResponseHead> h = ParseResponseHead(std::string_view(heap.get(), input.size()));
    if (h.ok()) {
      EXPECT_GE(h->status, 100);
      EXPECT_LE(h->status, 999);
    } else {
      EXPECT_FALSE(h.status().message().empty());
    }
    StatusCodeOf(std::string_view(heap.get(), input.size()));
    ParseContentLength(std::string_view(heap.get(), input.size()));
    ParseRetryAfter(std::string_view(heap.get(), input.size()), 0);
  }
}

TEST(RetryAfterTest, Seconds) {
  const Micros now = 1'700'000'000 * Micros{1000000};
  EXPECT_EQ(ParseRetryAfter("120", now), Micros{120} * 1000000);
  EXPECT_EQ(ParseRetryAfter(" 0 ", now), Micros{0});
  EXPECT_EQ(ParseRetryAfter("99999999999999999999999999", now), kMaxRetryAfter);
}

TEST(RetryAfterTest, HttpDates) {
  const Micros now = ParseHttpDate("Wed, 21 Oct 2015 07:28:00 GMT").value();
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:30:00 GMT", now), Micros{120} * 1000000);
  EXPECT_EQ(ParseRetryAfter("Wednesday, 21-Oct-15 07:29:00 GMT", now), Micros{60} * 1000000);
  EXPECT_EQ(ParseRetryAfter("Wed Oct 21 07:28:30 2015", now), Micros{30} * 1000000);
  EXPECT_EQ(ParseRetryAfter("Tue, 20 Oct 2015 07:28:00 GMT", now), Micros{0});  // past
}

TEST(RetryAfterTest, GarbageIsNotAValue) {
  const Micros now = 1'700'000'000 * Micros{1000000};
  for (const char* junk : {"", "   ", "-5", "1.5", "soon", "120s", "0x10", "Wed, 99 Foo 2015",
                           "Wed, 21 Oct 2015 25:61:00 GMT"}) {
    EXPECT_EQ(ParseRetryAfter(junk, now), std::nullopt) << junk;
  }
}

}  // namespace
}  // namespace newsarc::crawler
