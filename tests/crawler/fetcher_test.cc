#include "crawler/fetcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "crawler/host_scheduler.h"  // kSecond
#include "crawler/test_server.h"
#include "test_util.h"

namespace newsarc::crawler {
namespace {

using ::newsarc::testing::ReceivedRequest;
using ::newsarc::testing::TestConnection;
using ::newsarc::testing::TestServer;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using namespace std::chrono_literals;

FetcherOptions LoopbackOptions() {
  FetcherOptions o;
  o.allow_private = true;  // the test server is on 127.0.0.1
  o.connect_timeout = 5 * kSecond;
  o.total_timeout = 20 * kSecond;
  return o;
}

std::unique_ptr<Fetcher> MakeFetcher(const FetcherOptions& o) {
  Result<std::unique_ptr<Fetcher>> f = Fetcher::Create(o);
  EXPECT_TRUE(f.ok()) << f.status().message();
  return std::move(f).value();
}

// Submits one request and polls until its result arrives (bounded).
FetchResult FetchOne(Fetcher& f, FetchRequest req) {
  Status st = f.Submit(std::move(req));
  EXPECT_TRUE(st.ok()) << st.message();
  auto give_up = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < give_up) {
    std::vector<FetchResult> done = f.Poll(200'000);
    if (!done.empty()) {
      EXPECT_EQ(done.size(), 1u);
      return std::move(done[0]);
    }
  }
  ADD_FAILURE() << "no result within 60 s";
  return FetchResult();
}

FetchResult FetchUrl(Fetcher& f, const std::string& url) {
  FetchRequest req;
  req.url = url;
  return FetchOne(f, std::move(req));
}

double SecondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

TEST(FetcherTest, ChunkedBodyIsDechunkedAndHeadIsByteExact) {
  const std::string head =
      "HTTP/1.1 200 OK\r\nX-Odd:   two  spaces \r\nTransfer-Encoding: chunked\r\n"
      "Content-Type: text/html\r\n\r\n";
  TestServer server(TestServer::Canned(
      {{"/a", head + "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n"}}));
  auto f = MakeFetcher(LoopbackOptions());
  FetchRequest req;
  req.id = 42;
  req.url = server.Url("/a");
  Micros before = NowMicros();
  FetchResult r = FetchOne(*f, req);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.id, 42u);
  EXPECT_EQ(r.url, server.Url("/a"));
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.response_head, head);
  EXPECT_FALSE(r.status_line_synthesized);
  EXPECT_EQ(r.body, "hello, world");
  EXPECT_EQ(r.truncated, "");
  EXPECT_EQ(r.http_version, HttpVersion::kHttp11);
  EXPECT_STREQ(HttpVersionToken(r.http_version), "HTTP/1.1");
  EXPECT_EQ(r.remote_ip, "127.0.0.1");
  EXPECT_EQ(r.remote_port, server.port());
  ASSERT_NE(r.head.Find("x-odd"), nullptr);
  EXPECT_EQ(*r.head.Find("x-odd"), "two  spaces");
  EXPECT_GE(r.timings.start, before);
  EXPECT_LE(r.timings.start, NowMicros());
  EXPECT_GT(r.timings.total, 0);
  EXPECT_LE(r.timings.connect, r.timings.first_byte);
  EXPECT_LE(r.timings.first_byte, r.timings.total);
  EXPECT_EQ(f->in_flight(), 0u);
}

TEST(FetcherTest, TrailersAreKeptApartFromTheHead) {
  const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n";
  TestServer server(TestServer::Canned(
      {{"/t", head + "3\r\nabc\r\n0\r\nX-Sum: 123\r\n\r\n"}}));
  auto f = MakeFetcher(LoopbackOptions());
  FetchResult r = FetchUrl(*f, server.Url("/t"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.response_head, head);
  EXPECT_EQ(r.body, "abc");
  EXPECT_THAT(r.trailers, HasSubstr("X-Sum: 123\r\n"));
}

TEST(FetcherTest, ContentEncodingIsKeptIntact) {
  const std::string gz = testing::Gzip(std::string(5000, 'n') + "<p>news</p>");
  TestServer server(TestServer::Canned(
      {{"/gz", "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " +
                   std::to_string(gz.size()) + "\r\n\r\n" + gz}}));
  auto f = MakeFetcher(LoopbackOptions());
  FetchRequest req;
  req.url = server.Url("/gz");
  req.headers = {{"Accept-Encoding", "gzip"}};
  FetchResult r = FetchOne(*f, req);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.body, gz);  // the gzip bytes, not the inflated text
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_THAT(server.requests()[0].raw, HasSubstr("\r\nAccept-Encoding: gzip\r\n"));
}

TEST(FetcherTest, RedirectIsNotFollowedAndLocationIsResolved) {
  TestServer server(TestServer::Canned(
      {{"/old", "HTTP/1.1 301 Moved Permanently\r\nLocation: ../new?x=1#frag\r\n"
                "Content-Length: 0\r\n\r\n"},
       {"/new?x=1", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nnew"}}));
  auto f = MakeFetcher(LoopbackOptions());
  FetchResult r = FetchUrl(*f, server.Url("/old"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.http_status, 301);
  EXPECT_EQ(r.location, server.Url("/new?x=1#frag"));
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(server.requests().size(), 1u);  // not followed
}

TEST(FetcherTest, NotFoundIsAResponseNotAnError) {
  TestServer server(TestServer::Canned({}));
  auto f = MakeFetcher(LoopbackOptions());
  FetchResult r = FetchUrl(*f, server.Url("/missing"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.http_status, 404);
  EXPECT_EQ(r.body, "not found");
  EXPECT_EQ(r.location, "");
}

TEST(FetcherTest, BodyOverTheCapIsTruncatedWithLengthFlag) {
  std::string body;
  for (int i = 0; i < 5000; ++i) body += static_cast<char>('a' + i % 26);
  TestServer server(TestServer::Canned(
      {{"/big", "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + body}}));
  FetcherOptions o = LoopbackOptions();
  o.max_body_bytes = 1000;
  auto f = MakeFetcher(o);
  FetchResult r = FetchUrl(*f, server.Url("/big"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.truncated, "length");
  EXPECT_EQ(r.body, body.substr(0, 1000));
}

TEST(FetcherTest, HugeDeclaredLengthWithShortBodyAllocatesLittle) {
  TestServer server([](const ReceivedRequest&, TestConnection& c) {
    c.Send("HTTP/1.1 200 OK\r\nContent-Length: 10737418240\r\n\r\n" + std::string(100, 'x'));
    c.Close();
  });
  auto f = MakeFetcher(LoopbackOptions());
  FetchResult r = FetchUrl(*f, server.Url("/huge"));
  EXPECT_FALSE(r.status.ok());
  EXPECT_THAT(r.status.message(), StartsWith("fetch " + server.Url("/huge") + ": "));
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.body, std::string(100, 'x'));
  EXPECT_EQ(r.truncated, "disconnect");
  EXPECT_LE(r.body.capacity(), size_t{1} << 20);
}

TEST(FetcherTest, HugeDeclaredLengthIsCutAtTheCap) {
  TestServer server([](const ReceivedRequest&, TestConnection& c) {
    c.Send("HTTP/1.1 200 OK\r\nContent-Length: 10737418240\r\n\r\n");
    std::string block(64 * 1024, 'z');
    for (int i = 0; i < 64 && c.Send(block); ++i) {
    }
    c.Close();
  });
  FetcherOptions o = LoopbackOptions();
  o.max_body_bytes = 100 * 1024;
  auto f = MakeFetcher(o);
  FetchResult r = FetchUrl(*f, server.Url("/huge"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.truncated, "length");
  EXPECT_EQ(r.body.size(), 100u * 1024);
}

TEST(FetcherTest, StallAfterHeadersEndsInATimeout) {
  TestServer server([](const ReceivedRequest&, TestConnection& c) {
    c.Send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
    c.Stall(60s);
  });
  FetcherOptions o = LoopbackOptions();
  o.total_timeout = 1 * kSecond;
  auto f = MakeFetcher(o);
  auto t0 = std::chrono::steady_clock::now();
  FetchResult r = FetchUrl(*f, server.Url("/stall"));
  EXPECT_LT(SecondsSince(t0), 15.0);
  EXPECT_FALSE(r.status.ok());
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.status.code(), Status::Code::kNetwork);
  EXPECT_THAT(r.status.message(), HasSubstr("fetch " + server.Url("/stall") + ": Timeout"));
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.body, "0123456789");
  EXPECT_EQ(r.truncated, "time");
}

TEST(FetcherTest, TrickleBelowTheLowSpeedLimitEndsInATimeout) {
  TestServer server([](const ReceivedRequest&, TestConnection& c) {
    c.Send("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
    c.Trickle(std::string(1000, 'x'), 200ms);
  });
  FetcherOptions o = LoopbackOptions();
  o.low_speed_limit = 1000;
  o.low_speed_time = 1 * kSecond;
  auto f = MakeFetcher(o);
  auto t0 = std::chrono::steady_clock::now();
  FetchResult r = FetchUrl(*f, server.Url("/trickle"));
  EXPECT_LT(SecondsSince(t0), 15.0);
  EXPECT_TRUE(r.timed_out) << r.status.message();
  EXPECT_EQ(r.truncated, "time");
  EXPECT_LT(r.body.size(), 1000u);
}

TEST(FetcherTest, ConnectionResetMidBodyIsAnError) {
  TestServer server([](const ReceivedRequest&, TestConnection& c) {
    c.Send("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + std::string(100, 'r'));
    c.Stall(300ms);  // let the client read what was sent before the RST
    c.Reset();
  });
  auto f = MakeFetcher(LoopbackOptions());
  FetchResult r = FetchUrl(*f, server.Url("/reset"));
  EXPECT_FALSE(r.status.ok());
  EXPECT_FALSE(r.timed_out);
  EXPECT_THAT(r.status.message(), StartsWith("fetch " + server.Url("/reset") + ": "));
  EXPECT_EQ(r.truncated, "disconnect");
  EXPECT_EQ(r.body, std::string(100, 'r'));
}

TEST(FetcherTest, LoopbackIsRefusedWithoutAllowPrivate) {
  TestServer server(TestServer::Canned({}));
  FetcherOptions o = LoopbackOptions();
  o.allow_private = false;
  auto f = MakeFetcher(o);
  FetchResult r = FetchUrl(*f, server.Url("/"));
  EXPECT_FALSE(r.status.ok());
  EXPECT_EQ(r.http_status, 0);
  EXPECT_THAT(r.status.message(), HasSubstr("fetch " + server.Url("/") + ": refused to connect"));
  EXPECT_THAT(r.status.message(), HasSubstr("127.0.0.1 is loopback"));
  EXPECT_THAT(r.status.message(), HasSubstr("--allow-private"));
  // Names that resolve to a private address (DNS rebinding) are refused too.
  o.resolve = {"news.example:" + std::to_string(server.port()) + ":127.0.0.1"};
  auto g = MakeFetcher(o);
  FetchResult r2 = FetchUrl(*g, "http://news.example:" + std::to_string(server.port()) + "/");
  EXPECT_THAT(r2.status.message(), HasSubstr("127.0.0.1 is loopback"));
  FetchResult r3 = FetchUrl(*g, "http://[::1]:" + std::to_string(server.port()) + "/");
  EXPECT_THAT(r3.status.message(), HasSubstr(": refused to connect: ::1 is loopback"));
  o.resolve = {"v6.example:" + std::to_string(server.port()) + ":[::1]",
               "meta.example:80:169.254.169.254"};
  auto h = MakeFetcher(o);
  FetchResult r4 = FetchUrl(*h, "http://v6.example:" + std::to_string(server.port()) + "/");
  EXPECT_THAT(r4.status.message(), HasSubstr("::1 is loopback"));
  FetchResult r5 = FetchUrl(*h, "http://meta.example/latest/meta-data/");
  EXPECT_THAT(r5.status.message(), HasSubstr("169.254.169.254 is link-local"));
  EXPECT_EQ(server.connections(), 0);  // refused before connecting
}

TEST(FetcherTest, RequestBytesAreWhatTheServerReceived) {
  TestServer server(TestServer::Canned(
      {{"/p?q=1", "HTTP/1.1 304 Not Modified\r\nETag: \"abc\"\r\n\r\n"}}));
  FetcherOptions o = LoopbackOptions();
  o.user_agent = "newsarc-test/1 (+https://example.org/bot)";
  auto f = MakeFetcher(o);
  FetchRequest req;
  req.url = server.Url("/p?q=1");
  req.headers = {{"Accept", "text/html"}, {"X-Trace", "7"}};
  req.if_none_match = "\"abc\"";
  req.if_modified_since = ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT").value();
  FetchResult r = FetchOne(*f, req);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.http_status, 304);
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(r.request_head, server.requests()[0].raw);
  EXPECT_THAT(r.request_head, StartsWith("GET /p?q=1 HTTP/1.1\r\nHost: " + server.HostPort() + "\r\n"));
  EXPECT_THAT(r.request_head, HasSubstr("\r\nUser-Agent: newsarc-test/1 (+https://example.org/bot)\r\n"));
  EXPECT_THAT(r.request_head, HasSubstr("\r\nIf-None-Match: \"abc\"\r\n"));
  EXPECT_THAT(r.request_head, HasSubstr("\r\nIf-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT\r\n"));
  EXPECT_THAT(r.request_head, HasSubstr("\r\nX-Trace: 7\r\n"));
  // The request's Accept replaced the default one.
  EXPECT_THAT(r.request_head, HasSubstr("\r\nAccept: text/html\r\n"));
  EXPECT_EQ(r.request_head.find("Accept:"), r.request_head.rfind("Accept:"));
}

TEST(FetcherTest, DefaultUserAgentHasAContactUrl) {
  EXPECT_THAT(DefaultUserAgent(), StartsWith("newsarc/"));
  EXPECT_THAT(DefaultUserAgent(), HasSubstr("(+https://"));
  TestServer server(TestServer::Canned({}));
  auto f = MakeFetcher(LoopbackOptions());
  FetchResult r = FetchUrl(*f, server.Url("/"));
  EXPECT_THAT(r.request_head, HasSubstr("\r\nUser-Agent: " + DefaultUserAgent() + "\r\n"));
  EXPECT_THAT(r.request_head, HasSubstr("\r\nAccept-Encoding: gzip, deflate\r\n"));
}

TEST(FetcherTest, ResolveMapsANameToTheTestServer) {
  TestServer server(TestServer::Canned({{"/x", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"}}));
  FetcherOptions o = LoopbackOptions();
  const std::string port = std::to_string(server.port());
  o.resolve = {"news.example:" + port + ":127.0.0.1"};
  auto f = MakeFetcher(o);
  FetchResult r = FetchUrl(*f, "http://news.example:" + port + "/x");
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.body, "ok");
  EXPECT_EQ(r.remote_ip, "127.0.0.1");
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_THAT(server.requests()[0].raw, HasSubstr("\r\nHost: news.example:" + port + "\r\n"));
}

TEST(FetcherTest, ProxySendsTheAbsoluteUrlToTheProxy) {
  TestServer proxy(TestServer::Canned(
      {{"http://news.example/a", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nproxy"}}));
  FetcherOptions o = LoopbackOptions();
  o.proxy = proxy.Url("");
  auto f = MakeFetcher(o);
  FetchResult r = FetchUrl(*f, "http://news.example/a");
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.body, "proxy");
  EXPECT_EQ(r.remote_ip, "127.0.0.1");
  EXPECT_THAT(r.request_head, StartsWith("GET http://news.example/a HTTP/1.1\r\n"));

  // A loopback proxy is a loopback connection: refused without allow_private.
  o.allow_private = false;
  auto g = MakeFetcher(o);
  FetchResult refused = FetchUrl(*g, "http://news.example/a");
  EXPECT_THAT(refused.status.message(), HasSubstr("refused to connect to the proxy: 127.0.0.1"));
  // With a proxy, a private address written in the URL is still refused
  // (the proxy would connect to it on our behalf).
  FetchResult literal = FetchUrl(*g, "http://10.1.2.3/admin");
  EXPECT_THAT(literal.status.message(),
              HasSubstr("fetch http://10.1.2.3/admin: refused to connect: 10.1.2.3 is private"));
  EXPECT_EQ(proxy.connections(), 1);  // only the first, allowed, request
}

TEST(FetcherTest, OnlyHttpAndHttpsAreAccepted) {
  auto f = MakeFetcher(LoopbackOptions());
  for (const char* url : {"ftp://example.org/x", "file:///etc/passwd", "gopher://x/",
                          "not a url", "/relative/path"}) {
    FetchRequest req;
    req.url = url;
    Status st = f->Submit(req);
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument) << url;
    EXPECT_THAT(st.message(), StartsWith(std::string("fetch ") + url + ": ")) << url;
  }
  FetchRequest post;
  post.url = "http://example.org/";
  post.method = "POST";
  EXPECT_EQ(f->Submit(post).code(), Status::Code::kInvalidArgument);
  FetchRequest injected;
  injected.url = "http://example.org/";
  injected.headers = {{"X-A", "1\r\nEvil: yes"}};
  EXPECT_EQ(f->Submit(injected).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(f->in_flight(), 0u);
}

TEST(FetcherTest, BadOptionsAreRejectedWithTheirName) {
  FetcherOptions o;
  o.resolve = {"news.example:80"};
  Result<std::unique_ptr<Fetcher>> f = Fetcher::Create(o);
  ASSERT_FALSE(f.ok());
  EXPECT_THAT(f.status().message(), HasSubstr("--resolve news.example:80"));
  o.resolve = {"news.example:80:not-an-ip"};
  EXPECT_THAT(Fetcher::Create(o).status().message(), HasSubstr("not an IP address"));
  o.resolve = {"news.example:99999:127.0.0.1"};
  EXPECT_FALSE(Fetcher::Create(o).ok());
  o.resolve = {"news.example:8080:[::1]"};
  EXPECT_TRUE(Fetcher::Create(o).ok());
  o.resolve.clear();
  o.proxy = "socks5h://127.0.0.1:1080";
  EXPECT_THAT(Fetcher::Create(o).status().message(), HasSubstr("--proxy socks5h://"));
}

TEST(FetcherTest, ConcurrencyLimitAndCancelAll) {
  TestServer server([](const ReceivedRequest&, TestConnection& c) { c.Stall(60s); });
  FetcherOptions o = LoopbackOptions();
  o.max_concurrency = 2;
  auto f = MakeFetcher(o);
  for (int i = 0; i < 2; ++i) {
    FetchRequest req;
    req.id = static_cast<uint64_t>(i);
    req.url = server.Url("/s" + std::to_string(i));
    ASSERT_TRUE(f->Submit(req).ok());
  }
  FetchRequest third;
  third.url = server.Url("/s2");
  Status busy = f->Submit(third);
  EXPECT_EQ(busy.code(), Status::Code::kBusy);
  EXPECT_THAT(busy.message(), HasSubstr(server.Url("/s2")));
  EXPECT_EQ(f->in_flight(), 2u);
  EXPECT_EQ(f->capacity(), 0u);
  EXPECT_TRUE(f->Poll(300'000).empty());  // both stalled
  std::vector<FetchResult> cancelled = f->CancelAll();
  ASSERT_EQ(cancelled.size(), 2u);
  for (const FetchResult& r : cancelled) {
    EXPECT_EQ(r.status.code(), Status::Code::kCancelled);
    EXPECT_THAT(r.status.message(), HasSubstr("cancelled"));
  }
  EXPECT_EQ(f->in_flight(), 0u);
  EXPECT_EQ(f->capacity(), 2u);
}

TEST(FetcherTest, TransfersRunInParallel) {
  constexpr int kCount = 8;
  TestServer* self = nullptr;
  TestServer server([&self](const ReceivedRequest&, TestConnection& c) {
    // Answer only once all requests are being handled at the same time
    // (or after 10 s, and then the test fails on max_active_handlers).
    for (int i = 0; i < 500 && self->max_active_handlers() < kCount; ++i) c.Stall(20ms);
    c.Send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  });
  self = &server;
  auto f = MakeFetcher(LoopbackOptions());
  for (int i = 0; i < kCount; ++i) {
    FetchRequest req;
    req.id = static_cast<uint64_t>(i);
    req.url = server.Url("/p" + std::to_string(i));
    ASSERT_TRUE(f->Submit(req).ok());
  }
  std::vector<bool> seen(kCount, false);
  int got = 0;
  for (int polls = 0; got < kCount && polls < 300; ++polls) {
    for (FetchResult& r : f->Poll(100'000)) {
      EXPECT_TRUE(r.status.ok()) << r.status.message();
      EXPECT_EQ(r.url, server.Url("/p" + std::to_string(r.id)));
      seen[r.id] = true;
      ++got;
    }
  }
  EXPECT_EQ(got, kCount);
  EXPECT_EQ(server.max_active_handlers(), kCount);
}

TEST(FetcherTest, KeepAliveConnectionIsReused) {
  TestServer server(TestServer::Canned(
      {{"/1", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1"},
       {"/2", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n2"}}));
  auto f = MakeFetcher(LoopbackOptions());
  FetchResult a = FetchUrl(*f, server.Url("/1"));
  FetchResult b = FetchUrl(*f, server.Url("/2"));
  EXPECT_EQ(a.body, "1");
  EXPECT_EQ(b.body, "2");
  EXPECT_EQ(server.connections(), 1);
  ASSERT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(b.request_head, server.requests()[1].raw);
}

TEST(FetcherTest, OversizedHeadIsAnError) {
  TestServer server(TestServer::Canned(
      {{"/h", "HTTP/1.1 200 OK\r\nX-Big: " + std::string(4000, 'h') +
                  "\r\nContent-Length: 2\r\n\r\nok"}}));
  FetcherOptions o = LoopbackOptions();
  o.max_header_bytes = 1024;
  auto f = MakeFetcher(o);
  FetchResult r = FetchUrl(*f, server.Url("/h"));
  EXPECT_FALSE(r.status.ok());
  EXPECT_THAT(r.status.message(),
              HasSubstr("fetch " + server.Url("/h") + ": response header exceeds 1024 bytes"));
}

TEST(FetcherTest, InformationalHeadsAreNotTheResponseHead) {
  const std::string final_head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n";
  TestServer server(TestServer::Canned(
      {{"/e", "HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n" +
                  final_head + "ok"}}));
  auto f = MakeFetcher(LoopbackOptions());
  FetchResult r = FetchUrl(*f, server.Url("/e"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.response_head, final_head);
  EXPECT_EQ(r.body, "ok");
}

TEST(FetcherTest, HeadRequestHasNoBody) {
  TestServer server(TestServer::Canned(
      {{"/h", "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"}}));
  auto f = MakeFetcher(LoopbackOptions());
  FetchRequest req;
  req.url = server.Url("/h");
  req.method = "HEAD";
  FetchResult r = FetchOne(*f, req);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.method, "HEAD");
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(r.truncated, "");
  EXPECT_THAT(r.request_head, StartsWith("HEAD /h HTTP/1.1\r\n"));
}

TEST(FetcherTest, InvalidStatusLineIsAnErrorNotACrash) {
  TestServer server([](const ReceivedRequest&, TestConnection& c) {
    c.Send("HTTX/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    c.Close();
  });
  auto f = MakeFetcher(LoopbackOptions());
  FetchResult r = FetchUrl(*f, server.Url("/bad"));
  EXPECT_FALSE(r.status.ok());
  EXPECT_EQ(r.http_status, 0);
  EXPECT_THAT(r.status.message(), StartsWith("fetch " + server.Url("/bad") + ": "));
}

TEST(FetcherTest, RetryAfterIsParsed) {
  TestServer server(TestServer::Canned(
      {{"/busy", "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 120\r\n"
                 "Content-Length: 0\r\n\r\n"},
       {"/junk", "HTTP/1.1 429 Too Many Requests\r\nRetry-After: soon\r\n"
                 "Content-Length: 0\r\n\r\n"}}));
  auto f = MakeFetcher(LoopbackOptions());
  FetchResult r = FetchUrl(*f, server.Url("/busy"));
  EXPECT_EQ(r.http_status, 503);
  ASSERT_TRUE(r.retry_after.has_value());
  EXPECT_EQ(*r.retry_after, 120 * kSecond);
  FetchResult j = FetchUrl(*f, server.Url("/junk"));
  EXPECT_EQ(j.http_status, 429);
  EXPECT_FALSE(j.retry_after.has_value());
}

TEST(FetcherTest, EndlessChunkedBodyIsCutAtTheCap) {
  TestServer server([](const ReceivedRequest&, TestConnection& c) {
    c.Send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    const std::string chunk = "1000\r\n" + std::string(0x1000, 'e') + "\r\n";
    while (!c.closed() && c.Send(chunk)) {
    }
  });
  FetcherOptions o = LoopbackOptions();
  o.max_body_bytes = 1 << 20;
  auto f = MakeFetcher(o);
  FetchResult r = FetchUrl(*f, server.Url("/endless"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.truncated, "length");
  EXPECT_EQ(r.body, std::string(1 << 20, 'e'));
}

TEST(FetcherTest, FoldedHeaderIsKeptVerbatimAndJoinedWhenParsed) {
  const std::string head =
      "HTTP/1.1 200 OK\r\nX-Folded: first\r\n  second\r\nContent-Length: 2\r\n\r\n";
  TestServer server(TestServer::Canned({{"/fold", head + "ok"}}));
  auto f = MakeFetcher(LoopbackOptions());
  FetchResult r = FetchUrl(*f, server.Url("/fold"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.response_head, head);
  ASSERT_NE(r.head.Find("X-Folded"), nullptr);
  EXPECT_EQ(*r.head.Find("X-Folded"), "first second");
  EXPECT_EQ(r.body, "ok");
}

TEST(FetcherTest, BodyLongerThanContentLengthDoesNotLeakIntoTheNextResponse) {
  TestServer server(TestServer::Canned(
      {{"/a", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\n"
              "Content-Length: 4\r\n\r\nfake"},
       {"/b", "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nreal"}}));
  auto f = MakeFetcher(LoopbackOptions());
  FetchResult a = FetchUrl(*f, server.Url("/a"));
  ASSERT_TRUE(a.status.ok()) << a.status.message();
  EXPECT_EQ(a.body, "hello");
  FetchResult b = FetchUrl(*f, server.Url("/b"));
  ASSERT_TRUE(b.status.ok()) << b.status.message();
  EXPECT_EQ(b.body, "real");
}

TEST(FetcherTest, ConnectionClosedBeforeAnyResponseIsAnError) {
  TestServer server([](const ReceivedRequest&, TestConnection& c) { c.Close(); });
  auto f = MakeFetcher(LoopbackOptions());
  FetchResult r = FetchUrl(*f, server.Url("/empty"));
  EXPECT_FALSE(r.status.ok());
  EXPECT_EQ(r.http_status, 0);
  EXPECT_EQ(r.truncated, "");
  EXPECT_THAT(r.status.message(), HasSubstr("fetch " + server.Url("/empty") + ": "));
  EXPECT_THAT(r.request_head, StartsWith("GET /empty HTTP/1.1\r\n"));
}

TEST(FetcherTest, NothingListeningIsAConnectError) {
  int port;
  {
    TestServer gone(TestServer::Canned({}));
    port = gone.port();
  }  // closed: nothing listens there now
  auto f = MakeFetcher(LoopbackOptions());
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";
  FetchResult r = FetchUrl(*f, url);
  EXPECT_FALSE(r.status.ok());
  EXPECT_THAT(r.status.message(), StartsWith("fetch " + url + ": Couldn't connect to server"));
}

TEST(FetcherTest, PollWithNothingInFlightWaitsAndReturns) {
  auto f = MakeFetcher(LoopbackOptions());
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(f->Poll(50'000).empty());
  EXPECT_GE(SecondsSince(t0), 0.04);
}

TEST(FetcherTest, WakeupEndsAPollFromAnotherThread) {
  auto f = MakeFetcher(LoopbackOptions());
  auto t0 = std::chrono::steady_clock::now();
  std::thread waker([&f] {
    std::this_thread::sleep_for(100ms);
    f->Wakeup();
  });
  EXPECT_TRUE(f->Poll(30 * kSecond).empty());
  waker.join();
  EXPECT_LT(SecondsSince(t0), 10.0);
}

TEST(FetcherTest, ConnectTimeoutIsBounded) {
  // A listener that never accepts, with its backlog filled: the kernel drops
  // further SYNs, so a connect hangs until the connect timeout.
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(listen(listener, 0), 0);
  socklen_t len = sizeof(addr);
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  std::vector<int> fillers;
  for (int i = 0; i < 4; ++i) {
    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    connect(c, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    fillers.push_back(c);
  }
  std::this_thread::sleep_for(200ms);
  FetcherOptions o = LoopbackOptions();
  o.connect_timeout = 500'000;
  auto f = MakeFetcher(o);
  const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/";
  auto t0 = std::chrono::steady_clock::now();
  FetchResult r = FetchUrl(*f, url);
  EXPECT_LT(SecondsSince(t0), 10.0);
  EXPECT_FALSE(r.status.ok());
  EXPECT_TRUE(r.timed_out) << r.status.message();
  EXPECT_THAT(r.status.message(), StartsWith("fetch " + url + ": Timeout was reached"));
  for (int c : fillers) close(c);
  close(listener);
}

}  // namespace
}  // namespace newsarc::crawler
