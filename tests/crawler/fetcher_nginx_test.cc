// Fetcher against nginx: HTTP/2 (cleartext with prior knowledge, and over
// TLS via ALPN) and TLS failures. nginx and openssl are Debian packages CI
// installs; when they are missing these tests fail, they do not skip.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "crawler/fetcher.h"
#include "crawler/host_scheduler.h"  // kSecond
#include "test_util.h"

namespace newsarc::crawler {
namespace {

using ::newsarc::testing::CommandResult;
using ::newsarc::testing::RunShell;
using ::newsarc::testing::ShellQuote;
using ::newsarc::testing::TempDir;
using ::newsarc::testing::WriteFile;
using ::testing::HasSubstr;
using ::testing::StartsWith;

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// nginx on 127.0.0.1 with one h2c port and one TLS (h2 + http/1.1) port,
// serving dir/www. Stopped on destruction.
class Nginx {
 public:
  Nginx() : h2c_port_(FreePort()), tls_port_(FreePort()) {}
  ~Nginx() {
    RunShell("kill $(cat " + ShellQuote(dir_.File("nginx.pid")) + ") 2>/dev/null");
    // Wait for the master to go so the temp dir can be removed.
    for (int i = 0; i < 100 && RunShell("test -e " + ShellQuote(dir_.File("nginx.pid"))).exit_code == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  // Starts nginx; returns "" or what went wrong.
  std::string Start(const std::string& body) {
    const std::string d = dir_.path();
    CommandResult mk = RunShell("mkdir -p " + ShellQuote(d + "/www") + " " + ShellQuote(d + "/tmp"));
    if (mk.exit_code != 0) return "mkdir: " + mk.err;
    WriteFile(d + "/www/page.html", body);
    // Workers run as an unprivileged user when the tests run as root.
    RunShell("chmod -R a+rX " + ShellQuote(d));
    CommandResult cert = RunShell(
        "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout " +
        ShellQuote(d + "/key.pem") + " -out " + ShellQuote(d + "/cert.pem"));
    if (cert.exit_code != 0) return "openssl (Debian package openssl) failed: " + cert.err;
    std::string conf =
        "daemon on; pid " + d + "/nginx.pid; error_log " + d + "/error.log;\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        "  access_log off;\n"
        "  client_body_temp_path " + d + "/tmp; proxy_temp_path " + d + "/tmp;\n"
        "  fastcgi_temp_path " + d + "/tmp; uwsgi_temp_path " + d + "/tmp;\n"
        "  scgi_temp_path " + d + "/tmp;\n"
        "  types { text/html html; }\n"
        "  server { listen 127.0.0.1:" + std::to_string(h2c_port_) + " http2;\n"
        "           root " + d + "/www; }\n"
        "  server { listen 127.0.0.1:" + std::to_string(tls_port_) + " ssl http2;\n"
        "           ssl_certificate " + d + "/cert.pem; ssl_certificate_key " + d + "/key.pem;\n"
        "           root " + d + "/www; }\n"
        "}\n";
    WriteFile(d + "/nginx.conf", conf);
    CommandResult run = RunShell("nginx -e " + ShellQuote(d + "/error.log") + " -p " +
                                 ShellQuote(d) + " -c " + ShellQuote(d + "/nginx.conf"));
    if (run.exit_code != 0) return "nginx (Debian package nginx) failed to start: " + run.err;
    for (int i = 0; i < 250; ++i) {
      if (RunShell("test -s " + ShellQuote(d + "/nginx.pid")).exit_code == 0) return "";
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return "nginx did not write its pid file";
  }

  int h2c_port() const { return h2c_port_; }
  int tls_port() const { return tls_port_; }

 private:
  TempDir dir_;
  int h2c_port_;
  int tls_port_;
};

FetchResult FetchOne(Fetcher& f, const std::string& url) {
  FetchRequest req;
  req.url = url;
  Status st = f.Submit(req);
  EXPECT_TRUE(st.ok()) << st.message();
  for (int i = 0; i < 300; ++i) {
    std::vector<FetchResult> done = f.Poll(100'000);
    if (!done.empty()) return std::move(done[0]);
  }
  ADD_FAILURE() << "no result for " << url;
  return FetchResult();
}

FetcherOptions Options(HttpVersionPolicy version, bool verify_tls) {
  FetcherOptions o;
  o.allow_private = true;
  o.http_version = version;
  o.verify_tls = verify_tls;
  o.total_timeout = 20 * kSecond;
  return o;
}

class FetcherNginxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error = nginx_.Start(kBody);
    ASSERT_EQ(error, "");
  }
  static constexpr const char* kBody = "<html><title>h2</title>hello over h2</html>";
  Nginx nginx_;
};

TEST_F(FetcherNginxTest, Http2StatusLineIsWrittenAsHttp11AndFlagged) {
  auto f = Fetcher::Create(Options(HttpVersionPolicy::kHttp2PriorKnowledge, true));
  ASSERT_TRUE(f.ok());
  const std::string url = "http://127.0.0.1:" + std::to_string(nginx_.h2c_port()) + "/page.html";
  FetchResult r = FetchOne(**f, url);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.http_version, HttpVersion::kHttp2);
  EXPECT_STREQ(HttpVersionToken(r.http_version), "h2");
  EXPECT_TRUE(r.status_line_synthesized);
  EXPECT_THAT(r.response_head, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(r.response_head, HasSubstr("\r\ncontent-type: text/html\r\n"));
  EXPECT_TRUE(r.response_head.ends_with("\r\n\r\n"));
  EXPECT_EQ(r.http_status, 200);
  ASSERT_NE(r.head.Find("Content-Length"), nullptr);
  EXPECT_EQ(*r.head.Find("Content-Length"), std::to_string(std::string(kBody).size()));
  EXPECT_EQ(r.body, kBody);
  EXPECT_THAT(r.request_head, StartsWith("GET /page.html HTTP/1.1\r\nHost: 127.0.0.1:"));
  EXPECT_TRUE(r.request_head.ends_with("\r\n\r\n"));
  // 404 over h2 too.
  FetchResult missing = FetchOne(**f, "http://127.0.0.1:" + std::to_string(nginx_.h2c_port()) + "/nope");
  EXPECT_EQ(missing.http_status, 404) << missing.status.message();
  EXPECT_THAT(missing.response_head, StartsWith("HTTP/1.1 404 Not Found\r\n"));
}

TEST_F(FetcherNginxTest, TlsNegotiatesHttp2AndRecordsTheHandshake) {
  auto f = Fetcher::Create(Options(HttpVersionPolicy::kDefault, /*verify_tls=*/false));
  ASSERT_TRUE(f.ok());
  FetchResult r = FetchOne(**f, "https://127.0.0.1:" + std::to_string(nginx_.tls_port()) + "/page.html");
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.http_version, HttpVersion::kHttp2);
  EXPECT_EQ(r.body, kBody);
  EXPECT_GT(r.timings.tls, 0);
  EXPECT_GE(r.timings.tls, r.timings.connect);
  // The next request reuses the h2 connection.
  FetchResult again = FetchOne(**f, "https://127.0.0.1:" + std::to_string(nginx_.tls_port()) + "/nope");
  EXPECT_EQ(again.http_status, 404) << again.status.message();
  EXPECT_THAT(again.response_head, StartsWith("HTTP/1.1 404 Not Found\r\n"));
  EXPECT_EQ(again.timings.tls, 0);  // no new handshake

  auto h1 = Fetcher::Create(Options(HttpVersionPolicy::kHttp11, false));
  ASSERT_TRUE(h1.ok());
  FetchResult r1 = FetchOne(**h1, "https://127.0.0.1:" + std::to_string(nginx_.tls_port()) + "/page.html");
  ASSERT_TRUE(r1.status.ok()) << r1.status.message();
  EXPECT_EQ(r1.http_version, HttpVersion::kHttp11);
  EXPECT_FALSE(r1.status_line_synthesized);
  EXPECT_THAT(r1.response_head, StartsWith("HTTP/1.1 200 OK\r\nServer: nginx"));
}

TEST_F(FetcherNginxTest, UntrustedCertificateIsAReportedFailure) {
  auto f = Fetcher::Create(Options(HttpVersionPolicy::kDefault, /*verify_tls=*/true));
  ASSERT_TRUE(f.ok());
  const std::string url = "https://127.0.0.1:" + std::to_string(nginx_.tls_port()) + "/page.html";
  FetchResult r = FetchOne(**f, url);
  EXPECT_FALSE(r.status.ok());
  EXPECT_EQ(r.http_status, 0);
  EXPECT_THAT(r.status.message(), StartsWith("fetch " + url + ": "));
  EXPECT_THAT(r.status.message(), HasSubstr("certificate"));
}

}  // namespace
}  // namespace newsarc::crawler
