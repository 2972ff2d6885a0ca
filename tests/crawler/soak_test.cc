// Soak: one long-running `newsarc schedule run` process re-crawls a local
// nginx news web over and over while an "editor" keeps changing articles,
// and its resident memory must stay flat.
//
// "Two hours' equivalent": with the default politeness (one request a
// second per host) a two-hour crawl of this five-host site makes at most
// 5 x 7,200 = 36,000 requests. The soak makes that many (robots.txt, front
// pages, conditional re-checks answered 304, edited articles answered 200)
// with politeness off, in one process and across many scheduled runs, so a
// leak per request, per run or per re-opened archive shows up as growth.
// NEWSARC_SOAK_REQUESTS changes the count (the sanitizer stage runs a
// shorter soak: there LeakSanitizer checks the process at exit, and ASan's
// quarantine makes resident memory meaningless).
#include <signal.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "nginx_site.h"
#include "storage/storage.h"
#include "test_util.h"

namespace newsarc::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr int kHosts = 5;
constexpr int kArticles = 100;  // per host

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

std::string Host(int h) { return "s" + std::to_string(h) + ".test"; }

std::string ArticleHtml(int h, int i, int edition) {
  std::string body;
  for (int p = 0; p < 8; ++p) {
    body += "<p>Paragraph " + std::to_string(p) + " of article " + std::to_string(i) + " on " +
            Host(h) + ": the regional water authority published its annual report, with figures "
            "on leaks, new mains and the price of a cubic metre in each district.</p>";
  }
  for (int e = 0; e < edition; ++e) {
    body += "<p>Update " + std::to_string(e + 1) + ": the authority corrected a figure.</p>";
  }
  return "<!doctype html><html><head><meta charset=utf-8><title>Article " + std::to_string(i) +
         "</title></head><body><nav><a href=/>Home</a></nav><article><h1>Article " +
         std::to_string(i) + "</h1>" + body + "</article><footer>(c) Soak</footer></body></html>\n";
}

long ResidentKb(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

size_t CountLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return static_cast<size_t>(std::count(std::istreambuf_iterator<char>(in),
                                        std::istreambuf_iterator<char>(), '\n'));
}

TEST(SoakTest, ScheduledRecrawlsForTwoHoursEquivalentKeepMemoryFlat) {
  const char* env = std::getenv("NEWSARC_SOAK_REQUESTS");
  const size_t target = env != nullptr ? std::strtoul(env, nullptr, 10) : 36000;
  TempDir tmp;
  std::string root = tmp.File("site");
  for (int h = 0; h < kHosts; ++h) {
    std::string dir = root + "/" + Host(h);
    fs::create_directories(dir + "/a");
    std::string links;
    for (int i = 0; i < kArticles; ++i) {
      WriteFile(dir + "/a/" + std::to_string(i) + ".html", ArticleHtml(h, i, 0));
      links += "<li><a href=/a/" + std::to_string(i) + ".html>Article " + std::to_string(i) + "</a>";
    }
    WriteFile(dir + "/index.html",
              "<!doctype html><html><body><ul>" + links + "</ul></body></html>\n");
    WriteFile(dir + "/robots.txt", "User-agent: *\nAllow: /\n");
  }
  fs::create_directories(tmp.File("nginx"));
  std::vector<VirtualHost> hosts;
  for (int h = 0; h < kHosts; ++h) hosts.push_back({Host(h), ""});
  NginxSite site(tmp.File("nginx"), root, hosts);
  ASSERT_EQ(site.error(), "");

  std::string archive = tmp.File("soak.db"), seeds = tmp.File("seeds.txt");
  std::string seed_lines;
  for (int h = 0; h < kHosts; ++h) seed_lines += "http://" + Host(h) + "/\n";
  WriteFile(seeds, seed_lines);
  CommandResult add = RunNewsarc(
      "schedule add soak --every 1s --seeds " + ShellQuote(seeds) + " --archive " +
      ShellQuote(archive) + " --proxy " + site.proxy() +
      " --allow-private --delay 0 --ignore-crawl-delay --revisit-initial 1s --revisit-min 1s"
      " --revisit-max 1s");
  ASSERT_EQ(add.exit_code, 0) << add.err << add.out;

  // The long-running process, in a subshell that records its exit status.
  std::string pidfile = tmp.File("pid"), rcfile = tmp.File("rc"), out = tmp.File("out");
  RunShell("( NEWSARC_NO_PROGRESS=1 " + std::string(NEWSARC_BINARY) +
           " schedule run --archive " + ShellQuote(archive) + " >" + ShellQuote(out) + " 2>&1 & echo $! > " +
           ShellQuote(pidfile) + "; wait $!; echo $? > " + ShellQuote(rcfile) + " ) >/dev/null 2>&1 &");
  auto has_line = [](const std::string& path) {
    return FileExists(path) && ReadFile(path).find('\n') != std::string::npos;
  };
  for (int i = 0; i < 400 && !has_line(pidfile); ++i) std::this_thread::sleep_for(25ms);
  ASSERT_TRUE(has_line(pidfile));
  const int pid = std::stoi(ReadFile(pidfile));

  // The editor: every 200 ms one article somewhere gets an update.
  std::atomic<bool> stop{false};
  std::atomic<int> edits{0};
  std::thread editor([&] {
    std::mt19937 rng(7);
    std::vector<int> edition(kHosts * kArticles, 0);
    while (!stop.load()) {
      int k = static_cast<int>(rng() % edition.size());
      int h = k / kArticles, i = k % kArticles;
      WriteFile(root + "/" + Host(h) + "/a/" + std::to_string(i) + ".html",
                ArticleHtml(h, i, ++edition[k]));
      ++edits;
      std::this_thread::sleep_for(200ms);
    }
  });

  // Sample resident memory until the target request count (or a deadline
  // that keeps a slow machine inside the test's time limit).
  struct Sample {
    size_t requests;
    long rss_kb;
  };
  std::vector<Sample> samples;
  const std::string access_log = tmp.File("nginx") + "/access.log";
  // 240 s covers the default count at the ~270 requests/s measured here; a
  // longer soak asked for with NEWSARC_SOAK_REQUESTS gets proportionally more.
  const auto deadline = std::chrono::steady_clock::now() +
                        std::max<std::chrono::seconds>(240s, std::chrono::seconds(target / 100));
  size_t requests = 0;
  while (requests < target && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(250ms);
    long rss = ResidentKb(pid);
    if (rss < 0) break;  // the process ended on its own: a failure below
    requests = CountLines(access_log);
    samples.push_back({requests, rss});
  }
  ASSERT_EQ(kill(pid, SIGINT), 0) << "schedule run ended before it was stopped: "
                                  << ReadFile(out);
  for (int i = 0; i < 1200 && !has_line(rcfile); ++i) std::this_thread::sleep_for(25ms);
  stop = true;
  editor.join();
  ASSERT_TRUE(has_line(rcfile)) << "schedule run did not stop within 30 s of Ctrl-C";
  // 130: interrupted, cleanly. Under the sanitizers a leak report at exit
  // would change the status, so this is also the LeakSanitizer check.
  EXPECT_EQ(std::stoi(ReadFile(rcfile)), 130) << ReadFile(out);

  // It did the work: the requests, many scheduled runs, edits captured.
  if (!kSanitized) {
    EXPECT_GE(requests, target) << "the soak did not reach its request count";
  }
  std::string said = ReadFile(out);
  size_t runs = 0;
  for (size_t at = 0; (at = said.find("schedule soak: ok", at)) != std::string::npos; ++at) ++runs;
  EXPECT_GE(runs, 5u) << said;
  auto opened = storage::Archive::Open(archive, {.read_only = true});
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  int responses_200 = 0, revisits = 0;
  ASSERT_TRUE((*opened)
                  ->ForEach([&](const storage::WarcRecord& r) {
                    if (r.type() == "revisit") ++revisits;
                    if (r.type() == "response" && r.block.compare(9, 3, "200") == 0) ++responses_200;
                    return true;
                  })
                  .ok());
  EXPECT_GT(revisits, kHosts * kArticles);                    // unchanged pages re-checked
  EXPECT_GT(responses_200, kHosts * (kArticles + 2) + edits / 4);  // edits captured
  CommandResult verify = RunNewsarc("verify --archive " + ShellQuote(archive));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;

  // Flat: after a warm-up of the first fifth of the requests (caches fill,
  // the archive's page cache reaches its size), the peak of the last half
  // is within 10% (plus 8 MB of allocator noise) of the peak before it.
  ASSERT_GE(samples.size(), 8u);
  size_t warm = samples.back().requests / 5, middle = warm + (samples.back().requests - warm) / 2;
  long early = 0, late = 0;
  for (const Sample& s : samples) {
    if (s.requests < warm) continue;
    (s.requests < middle ? early : late) = std::max(s.requests < middle ? early : late, s.rss_kb);
  }
  std::printf("soak: %zu requests, %zu scheduled runs, %d edits; peak RSS %ld MB after warm-up, "
              "%ld MB in the second half\n",
              requests, runs, edits.load(), early / 1024, late / 1024);
  if (!kSanitized) {
    EXPECT_LE(late, early + early / 10 + 8 * 1024)
        << "resident memory grew from " << early << " kB to " << late << " kB";
  }
}

}  // namespace
}  // namespace newsarc::testing
