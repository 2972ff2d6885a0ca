// `newsarc serve` on an archive of one million captures and 100,000 article
// versions (10,000 URLs on 100 hosts, bench/bench_archive.h; a tenth of the
// stories in Chinese): the article index's build rate, then p50/p95/max
// latency of the list, search, history and diff API calls over HTTP on
// loopback (goal: p95 under 100 ms each), with the server's default 4
// threads and one client.
//
//   build/bench/serve_bench [--archive PATH] [--captures N] [--urls N]
//                           [--requests N] [--rebuild-index]
//
// Defaults: PATH=/tmp/newsarc-bench-serve-1m.db, 1,000,000 captures, 10,000
// URLs, 200 requests per call. Generating the archive takes minutes and is
// done once; the index is built once too (--rebuild-index measures it again).
// Story texts are drawn from a 30,000-word vocabulary with a Zipf-like
// spread, so search terms have realistic frequencies; queries mix common,
// middle and rare words and Chinese two-character words.
#include <httplib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "base/time.h"
#include "base/url.h"
#include "bench/bench_archive.h"
#include "storage/storage.h"
#include "web/web.h"

namespace newsarc {
namespace {

std::string g_path = "/tmp/newsarc-bench-serve-1m.db";
int64_t g_captures = 1000000;
int64_t g_urls = 10000;
int g_requests = 200;
bool g_rebuild = false;

// Pronounceable pseudo-words, word i fixed for the whole run.
std::string Word(int64_t i) {
  static const char* kSyl[] = {"ka", "lo", "mer", "tin", "sa", "ve", "dor", "pu", "ri",
                               "gan", "tho", "el", "bra", "nu", "quis", "fe"};
  std::string w;
  int64_t n = i + 17;
  do {
    w += kSyl[n % 16];
    n /= 16;
  } while (n > 0);
  return w;
}

// Two-character Chinese words from a fixed set of characters.
std::string ZhWord(int64_t i) {
  static const char* kChars[] = {"记", "者", "公", "园", "城", "市", "新", "闻", "政", "府",
                                 "经", "济", "发", "展", "人", "民", "铁", "路", "开", "放",
                                 "学", "校", "医", "院", "河", "水", "电", "车", "价", "格"};
  return std::string(kChars[i % 30]) + kChars[(i / 30) % 30];
}

// Zipf-like: small ranks much more often.
int64_t Rank(std::mt19937_64& rng, int64_t n) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  return static_cast<int64_t>(std::pow(static_cast<double>(n), u(rng))) - 1;
}

bool Chinese(int64_t u) { return u % 10 == 3; }

std::string Text(int64_t u, int64_t v) {
  std::mt19937_64 rng(static_cast<uint64_t>(u) * 7919 + 1);
  std::string text;
  for (int p = 0; p < 6; ++p) {
    for (int w = 0; w < 45; ++w) {
      const int64_t r = Rank(rng, Chinese(u) ? 900 : 30000);
      text += Chinese(u) ? ZhWord(r) : Word(r) + " ";
    }
    text += Chinese(u) ? "。\n" : ".\n";
  }
  for (int64_t k = 0; k < v / 2; ++k) {
    text += Chinese(u) ? "更正" + std::to_string(k) + "：此前版本有误。\n"
                       : "Correction " + std::to_string(k) + ": an earlier version was wrong.\n";
  }
  text += "Updated " + std::to_string(8 + v % 10) + ":00.";
  return text;
}

std::string Title(int64_t u, int64_t) {
  std::mt19937_64 rng(static_cast<uint64_t>(u) * 104729 + 3);
  std::string t;
  for (int w = 0; w < 6; ++w) {
    const int64_t r = Rank(rng, Chinese(u) ? 900 : 30000);
    t += Chinese(u) ? ZhWord(r) : (w ? " " : "") + Word(r);
  }
  return t;
}

struct Stats {
  double p50 = 0, p95 = 0, max = 0;
  int errors = 0;
};

Stats Measure(httplib::Client& c, const std::vector<std::string>& paths) {
  std::vector<double> ms;
  Stats s;
  for (const std::string& p : paths) {
    const Micros t0 = NowMicros();
    auto r = c.Get(p.c_str());
    ms.push_back(static_cast<double>(NowMicros() - t0) / 1000.0);
    if (!r || r->status != 200) ++s.errors;
  }
  std::sort(ms.begin(), ms.end());
  s.p50 = ms[ms.size() / 2];
  s.p95 = ms[std::min(ms.size() - 1, ms.size() * 95 / 100)];
  s.max = ms.back();
  return s;
}

}  // namespace
}  // namespace newsarc

int main(int argc, char** argv) {
  using namespace newsarc;  // NOLINT
  for (int i = 1; i < argc; ++i) {
    const bool more = i + 1 < argc;
    if (more && std::strcmp(argv[i], "--archive") == 0) g_path = argv[++i];
    else if (more && std::strcmp(argv[i], "--captures") == 0) g_captures = std::stoll(argv[++i]);
    else if (more && std::strcmp(argv[i], "--urls") == 0) g_urls = std::stoll(argv[++i]);
    else if (more && std::strcmp(argv[i], "--requests") == 0) g_requests = std::stoi(argv[++i]);
    else if (std::strcmp(argv[i], "--rebuild-index") == 0) g_rebuild = true;
    else {
      std::fprintf(stderr, "usage: serve_bench [--archive PATH] [--captures N] [--urls N] "
                           "[--requests N] [--rebuild-index]\n");
      return 2;
    }
  }
  bench::BenchArchive spec;
  spec.path = g_path;
  spec.captures = g_captures;
  spec.urls = g_urls;
  spec.holder = "serve_bench";
  spec.title = Title;
  spec.text = Text;
  if (!bench::GenerateBenchArchive(spec)) return 1;

  // The index: built once (the first serve of an archive does this).
  audit::IndexOptions io;
  io.rebuild = g_rebuild;
  const Micros t0 = NowMicros();
  auto built = audit::UpdateArticleIndex(g_path, io);
  const double secs = static_cast<double>(NowMicros() - t0) / 1e6;
  if (!built.ok()) {
    std::fprintf(stderr, "%s\n", built.status().message().c_str());
    return 1;
  }
  if (!built->up_to_date) {
    std::printf("index build: %lld URLs, %lld versions in %.1f s: %.0f versions/s, %.0f URLs/s\n",
                static_cast<long long>(built->urls), static_cast<long long>(built->versions),
                secs, static_cast<double>(built->versions) / secs,
                static_cast<double>(built->urls) / secs);
  } else {
    std::printf("index build: already built (--rebuild-index to measure it)\n");
  }

  web::ServeOptions o;
  o.archive = g_path;
  o.port = 0;
  o.progress = false;
  auto server = web::Server::Start(o);
  if (!server.ok()) {
    std::fprintf(stderr, "%s\n", server.status().message().c_str());
    return 1;
  }
  if (!(*server)->WaitForIndex().ok()) return 1;
  httplib::Client c("127.0.0.1", (*server)->port());
  c.set_read_timeout(60, 0);

  std::mt19937_64 rng(42);
  auto url = [&] {
    return PercentEncodeComponent(bench::BenchUrl(static_cast<int64_t>(rng() % g_urls)));
  };
  std::vector<std::string> list, search, common, history, diff;
  const char* sorts[] = {"last", "first", "title", "versions", "changes"};
  for (int i = 0; i < g_requests; ++i) {
    std::string l = "/api/articles?limit=50&offset=" + std::to_string(rng() % (g_urls - 50)) +
                    "&sort=" + sorts[i % 5];
    if (i % 4 == 1) l += "&host=www" + std::to_string(rng() % 100) + ".news.example";
    if (i % 4 == 2) l += "&changed=1";
    list.push_back(l);
    // Common (rank 10-100), middle (100-3,000) and rare (3,000-30,000) words,
    // and Chinese words.
    std::string q;
    switch (i % 4) {
      case 0: q = Word(10 + static_cast<int64_t>(rng() % 90)); break;
      case 1: q = Word(100 + static_cast<int64_t>(rng() % 2900)); break;
      case 2: q = Word(3000 + static_cast<int64_t>(rng() % 27000)) + " " +
                  Word(10 + static_cast<int64_t>(rng() % 90)); break;
      default: q = ZhWord(static_cast<int64_t>(rng() % 200)); break;
    }
    // A word of rank 10-100 is in about nine in ten versions: reported on
    // its own, since its cost grows with the archive (every match is scored).
    (i % 4 == 0 ? common : search).push_back("/api/search?q=" + PercentEncodeComponent(q));
    history.push_back("/api/history?url=" + url());
    diff.push_back("/api/diff?url=" + url());
  }
  // Warm the page cache the way a server that has been running has it.
  (void)Measure(c, {list[0], search[0], history[0], diff[0]});
  std::printf("%lld captures, %lld URLs; %d requests each, one client, 4 server threads\n",
              static_cast<long long>(g_captures), static_cast<long long>(g_urls), g_requests);
  std::printf("%-10s %9s %9s %9s %7s\n", "call", "p50 ms", "p95 ms", "max ms", "errors");
  for (const auto& [name, paths] : std::vector<std::pair<const char*, std::vector<std::string>*>>{
           {"list", &list},
           {"search", &search},
           {"search-common", &common},
           {"history", &history},
           {"diff", &diff}}) {
    Stats s = Measure(c, *paths);
    std::printf("%-10s %9.1f %9.1f %9.1f %7d\n", name, s.p50, s.p95, s.max, s.errors);
  }
  return 0;
}
