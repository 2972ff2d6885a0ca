#include "storage/warc/http_message.h"

#include <gtest/gtest.h>

namespace newsarc::storage {
namespace {

TEST(HttpMessageTest, SplitsResponseAtBlankLine) {
  const std::string block =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
      "Content-Length: 5\r\n\r\nhello";
  auto m = SplitHttpMessage(block);
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->is_response);
  EXPECT_TRUE(m->headers_complete);
  EXPECT_EQ(m->status, 200);
  EXPECT_EQ(m->protocol, "HTTP/1.1");
  EXPECT_EQ(m->content_type, "text/html");
  EXPECT_FALSE(m->chunked);
  EXPECT_EQ(m->body, "hello");
  EXPECT_EQ(std::string(m->head) + std::string(m->body), block);
  EXPECT_EQ(EntityBody(*m), "hello");
}

TEST(HttpMessageTest, DechunksBodyForEntityButKeepsRawBody) {
  const std::string body = "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: y\r\n\r\n";
  const std::string block =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n" + body;
  auto m = SplitHttpMessage(block);
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->chunked);
  EXPECT_EQ(m->body, body);
  EXPECT_EQ(EntityBody(*m), "hello, world");
}

TEST(HttpMessageTest, DechunkRejectsMalformedAndFallsBack) {
  EXPECT_FALSE(Dechunk("zz\r\nabc\r\n0\r\n\r\n"));
  EXPECT_FALSE(Dechunk("10\r\nshort\r\n"));   // data shorter than declared
  EXPECT_FALSE(Dechunk("3\r\nabc\r\n"));      // no last chunk
  EXPECT_FALSE(Dechunk("3\r\nabcX\r\n0\r\n\r\n"));  // no CRLF after data
  EXPECT_EQ(Dechunk("3\r\nabc\r\n0\r\n").value(), "abc");  // trailer end missing: tolerated
  auto m = SplitHttpMessage("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nnot chunked");
  ASSERT_TRUE(m);
  EXPECT_EQ(EntityBody(*m), "not chunked");
}

TEST(HttpMessageTest, LfOnlyLineEndings) {
  const std::string block = "HTTP/1.0 404 Not Found\nContent-Type: TEXT/Plain\n\nnope\n";
  auto m = SplitHttpMessage(block);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->status, 404);
  EXPECT_EQ(m->content_type, "text/plain");
  EXPECT_EQ(m->head, "HTTP/1.0 404 Not Found\nContent-Type: TEXT/Plain\n\n");
  EXPECT_EQ(m->body, "nope\n");
  EXPECT_EQ(Dechunk("4\nabcd\n0\n\n").value(), "abcd");
}

TEST(HttpMessageTest, MissingBlankLineKeepsWholeBlockAsHead) {
  const std::string block = "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n";
  auto m = SplitHttpMessage(block);
  ASSERT_TRUE(m);
  EXPECT_FALSE(m->headers_complete);
  EXPECT_EQ(m->status, 304);
  EXPECT_EQ(m->head, block);
  EXPECT_TRUE(m->body.empty());
  auto bare = SplitHttpMessage("HTTP/1.1 200 OK");  // no line end at all
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->head, "HTTP/1.1 200 OK");
}

TEST(HttpMessageTest, Http2StatusLines) {
  for (const char* line : {"HTTP/2 301\r\n", "HTTP/2.0 301 \r\n", "HTTP/2 301 Moved\r\n"}) {
    std::string block = std::string(line) + "Location: /x\r\n\r\n";
    auto m = SplitHttpMessage(block);
    ASSERT_TRUE(m) << line;
    EXPECT_EQ(m->status, 301) << line;
    EXPECT_TRUE(m->body.empty());
  }
  EXPECT_EQ(SplitHttpMessage("HTTP/2 200\r\n\r\n")->protocol, "HTTP/2");
}

TEST(HttpMessageTest, Requests) {
  auto m = SplitHttpMessage("GET /a?b=1 HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(m);
  EXPECT_FALSE(m->is_response);
  EXPECT_EQ(m->status, 0);
  EXPECT_EQ(m->protocol, "HTTP/1.1");
  auto post = SplitHttpMessage("POST /form HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\na=1");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->body, "a=1");
}

TEST(HttpMessageTest, ObsFoldedHeaderAndFirstContentTypeWins) {
  auto m = SplitHttpMessage(
      "HTTP/1.1 200 OK\r\nContent-Type:\r\n text/html\r\nContent-Type: image/png\r\n\r\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->content_type, "text/html");
}

TEST(HttpMessageTest, NotHttp) {
  for (const char* junk : {"", "\r\n\r\n", "hello world\r\n\r\n", "HTTP/1.1 2xx OK\r\n\r\n",
                           "HTTP/1.1\r\n\r\n", "\xff\xfe\x00"}) {
    EXPECT_FALSE(SplitHttpMessage(junk)) << junk;
  }
}

}  // namespace
}  // namespace newsarc::storage
