// Audit benchmarks on an archive of one million captures: `changes` (every
// article version compared with the previous one), `history` of one URL, and
// `verify` throughput (digests + hash chain).
//
// Run (the archive is generated once, about 2 minutes, and reused):
//   build/bench/audit_bench [--archive PATH] [--captures N] [--urls N]
//                           [--benchmark_filter=...]
// Defaults: PATH=/tmp/newsarc-bench-audit-1m.db, N=1000000 captures over
// 10000 URLs on 100 hosts, one capture per URL per hour. Every tenth capture
// of a URL is a response with a new article version (plus its conversion
// record); the rest are revisits, as a daily re-crawl of mostly unchanged
// pages produces. Versions alternate between a substantive edit (a sentence
// added) and a cosmetic one (the "Updated" stamp moves).
//
// Measured 2026-11-27 on the 2-core dev VM (RelWithDebInfo, other builds
// running; CPU time): generating 1.1M records 584 s; BM_Changes 6.6 s for
// 1M captures (100k article versions read, 40k changes found, 15k
// versions/s); BM_History 2.5 ms for a URL with 100 captures; BM_Verify
// 31 s for 1.1M records (35k records/s, 12.4 MB/s: small revisit rows, per
// record cost dominates); BM_VerifyLargeRecords 308 MB/s on 20 KB pages.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "base/digest.h"
#include "base/time.h"
#include "storage/storage.h"

namespace newsarc::storage {
namespace {

std::string g_path = "/tmp/newsarc-bench-audit-1m.db";
int64_t g_captures = 1000000;
int64_t g_urls = 10000;
const Micros kStart = 1704067200LL * 1000000;  // 2024-01-01
const Micros kStep = 3600LL * 1000000;

std::string Url(int64_t i) {
  return "https://www" + std::to_string(i % 100) + ".news.example/section/" +
         std::to_string(i) + "/story.html";
}

// About 300 words; version v adds a sentence every other version and moves
// the stamp every version.
std::string ArticleText(int64_t u, int64_t v) {
  std::string text;
  for (int p = 0; p < 6; ++p) {
    text += "Paragraph " + std::to_string(p) + " of story " + std::to_string(u) +
            ": the council met on Tuesday to discuss the flood defences along the river, "
            "and residents asked how the new barrier would be paid for and when the work "
            "would start. Officials said the plan would be published next month.\n";
  }
  for (int64_t k = 0; k < v / 2; ++k) {
    text += "Correction " + std::to_string(k) + ": an earlier version misstated the cost.\n";
  }
  text += "Updated " + std::to_string(8 + v % 10) + ":00.";
  return text;
}

bool Generate() {
  ArchiveOptions o;
  o.holder = "audit_bench";
  auto a = Archive::Open(g_path, o);
  if (!a.ok()) {
    std::fprintf(stderr, "%s\n", a.status().message().c_str());
    return false;
  }
  auto s = (*a)->Stats();
  if (s.ok() && s->captures >= g_captures) return true;
  if (s.ok() && s->records > 0) {
    std::fprintf(stderr, "%s holds another data set; remove it first\n", g_path.c_str());
    return false;
  }
  std::fprintf(stderr, "generating %lld captures in %s ...\n",
               static_cast<long long>(g_captures), g_path.c_str());
  const Micros t0 = NowMicros();
  std::vector<std::string> last_id(static_cast<size_t>(g_urls));
  std::vector<std::string> last_digest(static_cast<size_t>(g_urls));
  const int64_t rounds = g_captures / g_urls;
  if (!(*a)->Begin().ok()) return false;
  int64_t in_batch = 0;
  for (int64_t round = 0; round < rounds; ++round) {
    for (int64_t u = 0; u < g_urls; ++u) {
      const size_t ui = static_cast<size_t>(u);
      const std::string uri = Url(u);
      const Micros when = kStart + round * kStep + u * 1000;
      WarcRecord r;
      r.headers = {{"WARC-Target-URI", uri},
                   {"WARC-Date", FormatWarcDate(when, true)},
                   {"Content-Type", "application/http; msgtype=response"}};
      ArticleRecord article;
      if (round % 10 == 0) {
        article.url = uri;
        article.capture_time = when;
        article.title = "Story " + std::to_string(u);
        article.text = ArticleText(u, round / 10);
        const std::string body = "<html><title>" + article.title + "</title><p>" +
                                 article.text + "</p></html>";
        r.headers.insert(r.headers.begin(), {"WARC-Type", "response"});
        r.block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body;
        last_digest[ui] = Sha1Label(body);
      } else {
        r.headers.insert(r.headers.begin(), {"WARC-Type", "revisit"});
        r.headers.emplace_back("WARC-Profile",
                               "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest");
        r.headers.emplace_back("WARC-Refers-To", last_id[ui]);
        r.headers.emplace_back("WARC-Payload-Digest", last_digest[ui]);
        r.block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
      }
      auto id = (*a)->Put(r);
      if (!id.ok()) {
        std::fprintf(stderr, "%s\n", id.status().message().c_str());
        return false;
      }
      if (round % 10 == 0) {
        last_id[ui] = *id;
        article.response_record_id = *id;
        auto conv = (*a)->Put(MakeConversionRecord(article, when));
        if (!conv.ok()) {
          std::fprintf(stderr, "%s\n", conv.status().message().c_str());
          return false;
        }
      }
      if (++in_batch == 10000) {
        if (!(*a)->Commit().ok() || !(*a)->Begin().ok()) return false;
        in_batch = 0;
      }
    }
  }
  if (!(*a)->Commit().ok()) return false;
  const double secs = static_cast<double>(NowMicros() - t0) / 1e6;
  std::fprintf(stderr, "generated %lld captures in %.1f s\n",
               static_cast<long long>(rounds * g_urls), secs);
  return true;
}

void BM_Changes(benchmark::State& state) {
  int64_t versions = 0, changes = 0;
  for (auto _ : state) {
    auto r = audit::FindChanges(g_path, {});
    if (!r.ok()) {
      state.SkipWithError(r.status().message().c_str());
      break;
    }
    versions += r->versions;
    changes += static_cast<int64_t>(r->changes.size());
  }
  state.SetItemsProcessed(versions);
  state.counters["changes_found"] = static_cast<double>(changes);
  state.counters["captures"] = static_cast<double>(g_captures);
}
BENCHMARK(BM_Changes)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_History(benchmark::State& state) {
  int64_t rows = 0, i = 0;
  for (auto _ : state) {
    auto h = audit::ArticleHistory(g_path, Url((i++ * 7919) % g_urls));
    if (!h.ok()) {
      state.SkipWithError(h.status().message().c_str());
      break;
    }
    rows += static_cast<int64_t>(h->size());
  }
  state.counters["captures_per_url"] =
      static_cast<double>(rows) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_History)->Unit(benchmark::kMillisecond);

void BM_Verify(benchmark::State& state) {
  int64_t records = 0, bytes = 0;
  for (auto _ : state) {
    auto r = VerifyArchive(g_path);
    if (!r.ok() || !r->ok()) {
      state.SkipWithError("verify failed");
      break;
    }
    records += r->records;
    bytes += r->bytes;
  }
  state.SetItemsProcessed(records);
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_Verify)->Unit(benchmark::kMillisecond)->Iterations(1);

// Verify throughput on page-sized records: 5000 responses with 20 KB HTML
// bodies (100 MB), where hashing rather than per-record overhead dominates.
void BM_VerifyLargeRecords(benchmark::State& state) {
  const std::string path = g_path + ".large";
  {
    auto a = Archive::Open(path);
    if (!a.ok()) {
      state.SkipWithError(a.status().message().c_str());
      return;
    }
    auto s = (*a)->Stats();
    if (s.ok() && s->records == 0) {
      std::string html;
      while (html.size() < 20000) {
        html += "<p>The council met on Tuesday to discuss the flood. </p>\n";
      }
      (void)(*a)->Begin();
      for (int i = 0; i < 5000; ++i) {
        WarcRecord r;
        r.headers = {{"WARC-Type", "response"},
                     {"WARC-Target-URI", "https://news.example/p/" + std::to_string(i)},
                     {"WARC-Date", "2024-05-01T12:00:00Z"},
                     {"Content-Type", "application/http; msgtype=response"}};
        r.block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html +
                  std::to_string(i);
        if (!(*a)->Put(r).ok()) state.SkipWithError("put failed");
      }
      (void)(*a)->Commit();
    }
  }
  int64_t records = 0, bytes = 0;
  for (auto _ : state) {
    auto r = VerifyArchive(path);
    if (!r.ok() || !r->ok()) {
      state.SkipWithError("verify failed");
      break;
    }
    records += r->records;
    bytes += r->bytes;
  }
  state.SetItemsProcessed(records);
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_VerifyLargeRecords)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace newsarc::storage

int main(int argc, char** argv) {
  using namespace newsarc::storage;  // NOLINT
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (i + 1 < argc && std::strcmp(argv[i], "--archive") == 0) {
      g_path = argv[++i];
    } else if (i + 1 < argc && std::strcmp(argv[i], "--captures") == 0) {
      g_captures = std::stoll(argv[++i]);
    } else if (i + 1 < argc && std::strcmp(argv[i], "--urls") == 0) {
      g_urls = std::stoll(argv[++i]);
    } else {
      rest.push_back(argv[i]);
    }
  }
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  if (!Generate()) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
