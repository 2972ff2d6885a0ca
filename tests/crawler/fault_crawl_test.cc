// Fault injection: `newsarc crawl` against a loopback server that misbehaves
// in every way the hardening issue lists, one fault per virtual host (the
// server is the crawler's HTTP proxy, so each fault host has its own
// politeness state and they run side by side). Each fault must end in a
// bounded outcome (the crawl finishes; nothing waits forever or grows without
// limit), an archived one (a response marked WARC-Truncated, or a
// fetchFailed metadata record with the reason), and a reported one (a line
// in the --log-json log). A well-behaved host in the same crawl shows that
// the faults do not disturb the rest.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "storage/storage.h"
#include "test_server.h"
#include "test_util.h"

namespace newsarc::testing {
namespace {

using namespace std::chrono_literals;

constexpr size_t kBodyCap = 10u << 20;  // the crawler's default --max-body

std::string Article(const std::string& title) {
  std::string body;
  for (int i = 0; i < 5; ++i) {
    body += "<p>Paragraph " + std::to_string(i) +
            " of the control story: the harbour board met on Monday and agreed the budget "
            "for the coming year after a long debate about dredging.</p>";
  }
  return "<!doctype html><html><head><meta charset=utf-8><title>" + title +
         "</title></head><body><article><h1>" + title + "</h1>" + body +
         "</article></body></html>";
}

std::string Head(const std::string& status, const std::string& fields) {
  return "HTTP/1.1 " + status + "\r\n" + fields + "\r\n";
}

// A gzip member that inflates to 1 MiB of zeros (about 1 KB), and bodies
// made of it: 10,240 members inflate to 10 GiB.
const std::string& ZeroMember() {
  static const std::string member = Gzip(std::string(1u << 20, '\0'));
  return member;
}
const std::string& TenGigabyteGzip() {
  static const std::string body = [] {
    std::string out;
    out.reserve(ZeroMember().size() * 10240);
    for (int i = 0; i < 10240; ++i) out += ZeroMember();
    return out;
  }();
  return body;
}

std::string HostOf(const std::string& target) {
  size_t start = target.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = target.find_first_of(":/", start);
  return target.substr(start, end == std::string::npos ? std::string::npos : end - start);
}
std::string PathOf(const std::string& target) {
  size_t start = target.find("://");
  if (start == std::string::npos) return target;
  size_t slash = target.find('/', start + 3);
  return slash == std::string::npos ? "/" : target.substr(slash);
}

// The misbehaving server. Every host but tls.test answers robots.txt with
// 404 (crawl everything); each host's /page.html is its fault.
void Misbehave(const ReceivedRequest& req, TestConnection& c) {
  if (req.method == "CONNECT") {
    // https through the proxy: the tunnel opens, then the "TLS server"
    // speaks plain text, which no TLS client can accept.
    c.Send("HTTP/1.1 200 Connection established\r\n\r\n");
    c.Send("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\nthis is not TLS\r\n");
    c.Close();
    return;
  }
  std::string host = HostOf(req.target), path = PathOf(req.target);
  if (path == "/robots.txt") {
    c.Send(Head("404 Not Found", "Content-Length: 0\r\n"));
    return;
  }
  if (host == "ok.test") {
    std::string page = Article("Control story");
    c.Send(Head("200 OK", "Content-Type: text/html\r\nContent-Length: " +
                              std::to_string(page.size()) + "\r\n") + page);
  } else if (host == "reset.test") {
    // Connection reset mid-body: 1,000 of 4,000 bytes, then RST.
    c.Send(Head("200 OK", "Content-Type: text/html\r\nContent-Length: 4000\r\n") +
           std::string(1000, 'r'));
    std::this_thread::sleep_for(50ms);
    c.Reset();
  } else if (host == "stall.test") {
    // The head, then silence.
    c.Send(Head("200 OK", "Content-Type: text/html\r\nContent-Length: 4000\r\n") + "<html>");
    c.Stall(60s);
    c.Close();
  } else if (host == "trickle.test") {
    // One byte a second.
    c.Send(Head("200 OK", "Content-Type: text/html\r\nContent-Length: 4000\r\n"));
    c.Trickle(std::string(4000, 't'), 1000ms);
    c.Close();
  } else if (host == "short.test") {
    // Content-Length says 5,000; 1,000 come, then an orderly close.
    c.Send(Head("200 OK", "Content-Type: text/html\r\nContent-Length: 5000\r\n") +
           std::string(1000, 's'));
    c.Close();
  } else if (host == "long.test") {
    // Content-Length says 10; 200 bytes follow on a kept-alive connection.
    c.Send(Head("200 OK", "Content-Type: text/plain\r\nContent-Length: 10\r\n") +
           "0123456789" + std::string(190, 'x'));
    c.Close();
  } else if (host == "chunked.test") {
    // A chunked body that never ends.
    c.Send(Head("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n"));
    std::string chunk = "4000\r\n" + std::string(0x4000, 'c') + "\r\n";
    while (c.Send(chunk)) {
    }
  } else if (host == "bomb.test") {
    // gzip that inflates to 10 GiB (10 MB on the wire).
    c.Send(Head("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: " +
                              std::to_string(TenGigabyteGzip().size()) + "\r\n"));
    c.Send(TenGigabyteGzip());
  } else if (host == "bomb2.test") {
    // The same 10 GiB gzipped twice: about 10 KB on the wire.
    static const std::string twice = Gzip(TenGigabyteGzip());
    c.Send(Head("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip, gzip\r\n"
                          "Content-Length: " + std::to_string(twice.size()) + "\r\n") + twice);
  } else if (host == "huge.test") {
    // 10 GB declared, and bytes for as long as anyone reads them.
    c.Send(Head("200 OK", "Content-Type: text/html\r\nContent-Length: 10737418240\r\n"));
    std::string block(64 * 1024, 'h');
    while (c.Send(block)) {
    }
  } else if (host == "redirect.test") {
    // /page.html -> /r/1 -> /r/2 -> ... for ever.
    int n = path == "/page.html" ? 0 : std::stoi(path.substr(3));
    c.Send(Head("302 Found", "Location: /r/" + std::to_string(n + 1) + "\r\nContent-Length: 0\r\n"));
  } else if (host == "status.test") {
    // A status line without a status code.
    c.Send("HTTP/1.1 OK\r\nContent-Length: 2\r\n\r\nok");
    c.Close();
  } else if (host == "fold.test") {
    // Obsolete header folding (RFC 9112 5.2): kept verbatim in the archive.
    std::string page = Article("Folded headers");
    c.Send("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Folded: one\r\n  two\r\n"
           "Content-Length: " + std::to_string(page.size()) + "\r\n\r\n" + page);
  } else {
    c.Send(Head("404 Not Found", "Content-Length: 0\r\n"));
  }
}

struct Outcome {
  std::vector<std::string> responses;  // WARC-Truncated value per response ("" complete)
  std::vector<size_t> body_sizes;      // response block sizes
  std::vector<std::string> heads;      // response heads
  std::vector<std::string> failures;   // fetchFailed reasons
  int conversions = 0;
};

std::map<std::string, Outcome> ReadOutcomes(const std::string& path) {
  std::map<std::string, Outcome> out;
  auto archive = storage::Archive::Open(path, {.read_only = true});
  EXPECT_TRUE(archive.ok()) << archive.status().message();
  if (!archive.ok()) return out;
  Status st = (*archive)->ForEach([&](const storage::WarcRecord& r) {
    std::string type(r.type()), uri(r.target_uri());
    Outcome& o = out[uri];
    if (type == "response") {
      o.responses.emplace_back(r.Get("WARC-Truncated"));
      o.body_sizes.push_back(r.block.size());
      o.heads.push_back(r.block.substr(0, r.block.find("\r\n\r\n") + 4));
    } else if (type == "metadata" && r.block.rfind("fetchFailed: ", 0) == 0) {
      o.failures.push_back(r.block.substr(13, r.block.find("\r\n") - 13));
    } else if (type == "conversion") {
      ++o.conversions;
    }
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

TEST(FaultCrawlTest, EveryFaultEndsBoundedArchivedAndReported) {
  TempDir tmp;
  TestServer server(Misbehave);
  const std::vector<std::string> hosts = {
      "ok.test",   "reset.test",   "stall.test", "trickle.test",  "short.test",
      "long.test", "chunked.test", "bomb.test",  "bomb2.test",    "huge.test",
      "redirect.test", "status.test", "fold.test"};
  std::string seeds;
  for (const std::string& h : hosts) seeds += " http://" + h + "/page.html";
  seeds += " https://tls.test/page.html";

  std::string archive = tmp.File("faults.db"), log = tmp.File("log.jsonl");
  auto started = std::chrono::steady_clock::now();
  // `timeout` turns a hang into a failure instead of a stuck CI job.
  CommandResult r = RunShell(
      "NEWSARC_NO_PROGRESS=1 timeout 300 " + std::string(NEWSARC_BINARY) + " crawl" + seeds +
      " --archive " + ShellQuote(archive) + " --log-json " + ShellQuote(log) + " --proxy http://" +
      server.HostPort() +
      " --allow-private --delay 0 --ignore-crawl-delay --max-tries 2 --timeout 20s"
      " --low-speed-time 2s --no-sitemaps");
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  // Bounded: every fault ends well inside the watchdog's 300 s (stalls end
  // by the 2 s low-speed limit; two tries with a 2 s backoff between).
  EXPECT_LT(seconds, 120.0) << r.err;

  std::map<std::string, Outcome> got = ReadOutcomes(archive);
  auto page = [&](const std::string& host) -> Outcome& { return got["http://" + host + "/page.html"]; };

  // The control host is untouched by its neighbours' faults.
  ASSERT_EQ(page("ok.test").responses.size(), 1u);
  EXPECT_EQ(page("ok.test").responses[0], "");
  EXPECT_EQ(page("ok.test").conversions, 1);

  // Cut connections and timeouts: two tries, then the URL is given up with
  // the reason archived, and the last try's partial response kept, marked.
  struct CutCase {
    const char* host;
    const char* truncated;  // WARC-Truncated of the kept partial response
  } cut_cases[] = {{"reset.test", "disconnect"}, {"stall.test", "time"},
                   {"trickle.test", "time"},     {"short.test", "disconnect"}};
  for (const CutCase& c : cut_cases) {
    const Outcome& o = page(c.host);
    ASSERT_EQ(o.failures.size(), 1u) << c.host;
    EXPECT_NE(o.failures[0].find("fetch http://" + std::string(c.host)), std::string::npos)
        << c.host << ": " << o.failures[0];
    ASSERT_EQ(o.responses.size(), 1u) << c.host;
    EXPECT_EQ(o.responses[0], c.truncated) << c.host;
    EXPECT_EQ(o.conversions, 0) << c.host;
  }
  std::vector<ReceivedRequest> received = server.requests();
  EXPECT_EQ(std::count_if(received.begin(), received.end(),
                          [](const ReceivedRequest& q) {
                            return q.target == "http://stall.test/page.html";
                          }),
            2);

  // A body longer than its Content-Length: the declared 10 bytes are the body.
  ASSERT_EQ(page("long.test").responses.size(), 1u);
  EXPECT_EQ(page("long.test").responses[0], "");
  EXPECT_TRUE(page("long.test").failures.empty());

  // Endless bodies and a 10 GB declared length: cut at the 10 MiB cap,
  // archived as truncated "length", not failures.
  for (const char* host : {"chunked.test", "huge.test", "bomb.test"}) {
    const Outcome& o = page(host);
    ASSERT_EQ(o.responses.size(), 1u) << host;
    EXPECT_EQ(o.responses[0], "length") << host;
    EXPECT_GT(o.body_sizes[0], kBodyCap) << host;
    EXPECT_LT(o.body_sizes[0], kBodyCap + 4096) << host;  // the cap plus the head
    EXPECT_TRUE(o.failures.empty()) << host;
  }
  // The doubly gzipped bomb is small on the wire: archived whole.
  ASSERT_EQ(page("bomb2.test").responses.size(), 1u);
  EXPECT_EQ(page("bomb2.test").responses[0], "");

  // The endless redirect chain: the first hop and ten more, each archived,
  // then given up.
  int hops = 0;
  for (const auto& [url, o] : got) {
    if (url.rfind("http://redirect.test/", 0) == 0 && url != "http://redirect.test/robots.txt") {
      hops += static_cast<int>(o.responses.size());
    }
  }
  EXPECT_EQ(hops, 11);
  ASSERT_EQ(got["http://redirect.test/r/10"].failures.size(), 1u);
  EXPECT_EQ(got["http://redirect.test/r/10"].failures[0], "more than 10 redirects");
  EXPECT_TRUE(got["http://redirect.test/r/11"].responses.empty());

  // An invalid status line is an error, tried twice, then given up.
  ASSERT_EQ(page("status.test").failures.size(), 1u);
  EXPECT_TRUE(page("status.test").responses.empty());

  // Header folding: accepted, kept byte for byte, the page extracted.
  ASSERT_EQ(page("fold.test").responses.size(), 1u);
  EXPECT_NE(page("fold.test").heads[0].find("X-Folded: one\r\n  two\r\n"), std::string::npos);
  EXPECT_EQ(page("fold.test").conversions, 1);

  // TLS failure on robots.txt: the host is unreachable, so (RFC 9309) not
  // crawled; the TLS error is archived against robots.txt.
  const Outcome& tls = got["https://tls.test/robots.txt"];
  ASSERT_EQ(tls.failures.size(), 1u);
  EXPECT_TRUE(tls.failures[0].find("SSL") != std::string::npos ||
              tls.failures[0].find("TLS") != std::string::npos)
      << tls.failures[0];
  EXPECT_TRUE(got["https://tls.test/page.html"].responses.empty());

  // Reported: the summary counts the URLs given up (reset, stall, trickle,
  // short, status, the redirect chain) and the host robots.txt kept out.
  EXPECT_NE(r.out.find("6 given up"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 blocked by robots.txt"), std::string::npos) << r.out;
  // And the JSON log names each fault.
  std::map<std::string, std::vector<nlohmann::json>> lines;
  std::istringstream log_lines(ReadFile(log));
  for (std::string line; std::getline(log_lines, line);) {
    nlohmann::json j = nlohmann::json::parse(line);
    lines[j["host"].get<std::string>()].push_back(j);
  }
  auto has = [&](const std::string& host, const std::string& key, const std::string& value) {
    for (const auto& j : lines[host]) {
      if (j.contains(key) && j[key].is_string() &&
          j[key].get<std::string>().find(value) != std::string::npos) {
        return true;
      }
    }
    return false;
  };
  EXPECT_TRUE(has("reset.test", "outcome", "error"));
  EXPECT_TRUE(has("stall.test", "truncated", "time"));
  EXPECT_TRUE(has("trickle.test", "truncated", "time"));
  EXPECT_TRUE(has("short.test", "truncated", "disconnect"));
  EXPECT_TRUE(has("chunked.test", "truncated", "length"));
  EXPECT_TRUE(has("huge.test", "truncated", "length"));
  EXPECT_TRUE(has("bomb.test", "note", "decoded body cut at 16 MiB"));
  EXPECT_TRUE(has("bomb2.test", "note", "decoded body cut at 16 MiB"));
  EXPECT_TRUE(has("status.test", "outcome", "error"));
  EXPECT_TRUE(has("tls.test", "error", "SSL") || has("tls.test", "error", "TLS"));

  // And the archive is sound.
  CommandResult verify = RunNewsarc("verify --archive " + ShellQuote(archive));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

}  // namespace
}  // namespace newsarc::testing
