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
#include "bench/bench_archive.h"
#include "storage/storage.h"

namespace newsarc::storage {
namespace {

std::string g_path = "/tmp/newsarc-bench-audit-1m.db";
int64_t g_captures = 1000000;
int64_t g_urls = 10000;
std::string Url(int64_t i) { return bench::BenchUrl(i); }

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
  bench::BenchArchive spec;
  spec.path = g_path;
  spec.captures = g_captures;
  spec.urls = g_urls;
  spec.holder = "audit_bench";
  spec.text = ArticleText;
  return bench::GenerateBenchArchive(spec);
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
