// Archive benchmarks: capture-index latency on a one-million-capture archive,
// Put throughput, and verify throughput.
//
// Run (about 2 minutes the first time; the archive is kept and reused):
//   build/bench/archive_bench [--archive PATH] [--captures N] [--urls N]
//                             [--benchmark_filter=...]
// Defaults: PATH=/tmp/newsarc-bench-1m.db, N=1000000 captures over 10000
// URLs on 100 hosts. Every tenth capture of a URL is a response with a new
// body; the rest are identical-payload-digest revisits (small rows), which is
// what a daily re-crawl of mostly unchanged pages produces.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "base/time.h"
#include "bench/bench_archive.h"
#include "storage/archive.h"
#include "storage/verify.h"

namespace newsarc::storage {
namespace {

std::string g_path = "/tmp/newsarc-bench-1m.db";
int64_t g_captures = 1000000;
int64_t g_urls = 10000;
const Micros kStart = bench::kBenchStart;
const Micros kStep = bench::kBenchStep;  // one capture per URL per hour

std::string Url(int64_t i) {
  return "https://www" + std::to_string(i % 100) + ".news.example/section/" +
         std::to_string(i) + "/story.html?id=" + std::to_string(i * 7);
}

bool Generate() {
  bench::BenchArchive spec;
  spec.path = g_path;
  spec.captures = g_captures;
  spec.urls = g_urls;
  spec.holder = "archive_bench";
  spec.url = Url;
  spec.conversions = false;
  spec.text = [](int64_t, int64_t v) {
    return "version " + std::to_string(v) + " " + std::string(300, 'x');
  };
  return bench::GenerateBenchArchive(spec);
}

Archive* Reader() {
  static std::unique_ptr<Archive> reader = [] {
    ArchiveOptions o;
    o.read_only = true;
    auto a = Archive::Open(g_path, o);
    if (!a.ok()) {
      std::fprintf(stderr, "%s\n", a.status().message().c_str());
      std::abort();
    }
    return std::move(*a);
  }();
  return reader.get();
}

void BM_History(benchmark::State& state) {
  Archive* a = Reader();
  std::mt19937_64 rng(1);
  size_t rows = 0;
  for (auto _ : state) {
    auto h = a->History(Url(static_cast<int64_t>(rng() % static_cast<uint64_t>(g_urls))));
    if (!h.ok()) state.SkipWithError(h.status().message().c_str());
    rows += h->size();
    benchmark::DoNotOptimize(h);
  }
  state.counters["captures_per_url"] =
      static_cast<double>(rows) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_History)->Unit(benchmark::kMicrosecond);

void BM_Nearest(benchmark::State& state) {
  Archive* a = Reader();
  std::mt19937_64 rng(2);
  const Micros span = (g_captures / g_urls) * kStep;
  for (auto _ : state) {
    int64_t u = static_cast<int64_t>(rng() % static_cast<uint64_t>(g_urls));
    Micros t = kStart + static_cast<Micros>(rng() % static_cast<uint64_t>(span));
    auto n = a->Nearest(Url(u), t);
    if (!n.ok() || !n->has_value()) state.SkipWithError("no capture");
    benchmark::DoNotOptimize(n);
  }
}
BENCHMARK(BM_Nearest)->Unit(benchmark::kMicrosecond);

void BM_GetRecord(benchmark::State& state) {
  Archive* a = Reader();
  auto h = a->History(Url(42));
  std::vector<std::string> ids;
  for (const Capture& c : *h) ids.push_back(c.record_id);
  size_t i = 0;
  for (auto _ : state) {
    auto r = a->Get(ids[i++ % ids.size()]);
    if (!r.ok()) state.SkipWithError(r.status().message().c_str());
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_GetRecord)->Unit(benchmark::kMicrosecond);

// Put throughput into a fresh archive, batches of 1000, 20 KB HTML bodies.
void BM_PutResponses(benchmark::State& state) {
  const std::string path = g_path + ".put";
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  auto a = Archive::Open(path);
  if (!a.ok()) {
    state.SkipWithError(a.status().message().c_str());
    return;
  }
  std::string html;
  while (html.size() < 20000) html += "<p>The council met on Tuesday to discuss the flood. </p>\n";
  int64_t n = 0, bytes = 0;
  (void)(*a)->Begin();
  for (auto _ : state) {
    WarcRecord r;
    r.headers = {{"WARC-Type", "response"},
                 {"WARC-Target-URI", "https://news.example/p/" + std::to_string(n)},
                 {"WARC-Date", "2024-05-01T12:00:00Z"},
                 {"Content-Type", "application/http; msgtype=response"}};
    std::string body = html + std::to_string(n);
    r.block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body;
    bytes += static_cast<int64_t>(r.block.size());
    if (!(*a)->Put(r).ok()) state.SkipWithError("put failed");
    if (++n % 1000 == 0) {
      (void)(*a)->Commit();
      (void)(*a)->Begin();
    }
  }
  (void)(*a)->Commit();
  state.SetItemsProcessed(n);
  state.SetBytesProcessed(bytes);
  a->reset();
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
  std::remove((path + ".lock").c_str());
}
BENCHMARK(BM_PutResponses)->Unit(benchmark::kMicrosecond)->Iterations(20000);

// Verify of the whole generated archive (one iteration).
void BM_VerifyArchive(benchmark::State& state) {
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
BENCHMARK(BM_VerifyArchive)->Unit(benchmark::kMillisecond)->Iterations(1);

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
