// Micro-benchmarks for the network layer: fetcher throughput and CPU per
// request against a loopback keep-alive server, the politeness scheduler's
// bookkeeping per request, and response-head parsing.
//
//   ninja -C build fetcher_bench && build/bench/fetcher_bench
//
// The "CPU" column is the benchmark thread's CPU time, i.e. the fetcher's
// cost per request; the loopback server runs in other threads.
#include <benchmark/benchmark.h>

#include <time.h>

#include <string>

#include "../tests/crawler/test_server.h"
#include "crawler/fetcher.h"
#include "crawler/host_scheduler.h"
#include "crawler/http_parse.h"

namespace newsarc::crawler {
namespace {

std::string Page(size_t size) {
  std::string body = "<html><head><title>bench</title></head><body>";
  while (body.size() + 14 < size) body += "<p>news text</p>";
  body += "</body></html>";
  return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Arguments: concurrency, page size in bytes. Reports requests/s
// (items_per_second) and the fetcher thread's CPU microseconds per request.
void BM_FetchLoopback(benchmark::State& state) {
  const size_t concurrency = static_cast<size_t>(state.range(0));
  const size_t page_size = static_cast<size_t>(state.range(1));
  testing::TestServer server(testing::TestServer::Canned({{"/page", Page(page_size)}}));
  FetcherOptions options;
  options.allow_private = true;
  options.max_concurrency = concurrency;
  auto fetcher = std::move(Fetcher::Create(options)).value();
  const std::string url = server.Url("/page");
  uint64_t next_id = 0, done = 0, bytes = 0, errors = 0;
  const double cpu0 = ThreadCpuSeconds();
  for (auto _ : state) {
    // One iteration = one completed request, keeping `concurrency` in flight.
    while (fetcher->capacity() > 0) {
      FetchRequest req;
      req.id = next_id++;
      req.url = url;
      if (!fetcher->Submit(std::move(req)).ok()) break;
    }
    bool got = false;
    while (!got) {
      for (FetchResult& r : fetcher->Poll(1'000'000)) {
        got = true;
        ++done;
        bytes += r.body.size();
        if (!r.status.ok() || r.http_status != 200) ++errors;
      }
    }
  }
  const double cpu = ThreadCpuSeconds() - cpu0;
  fetcher->CancelAll();
  state.counters["cpu_us_per_req"] = done == 0 ? 0 : cpu * 1e6 / static_cast<double>(done);
  state.SetItemsProcessed(static_cast<int64_t>(done));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["errors"] = static_cast<double>(errors);
  state.counters["connections"] = server.connections();
}
BENCHMARK(BM_FetchLoopback)
    ->Args({1, 30000})
    ->Args({8, 30000})
    ->Args({32, 30000})
    ->Args({8, 300000})
    ->UseRealTime()
    ->MinTime(2.0);

// One scheduling cycle per iteration over `hosts` pending hosts: find ready
// hosts, start, finish. Reports the cost per scheduled request.
void BM_HostScheduler(benchmark::State& state) {
  const int hosts = static_cast<int>(state.range(0));
  PolitenessOptions options;
  options.delay = 1000000;
  HostScheduler sched(options);
  std::vector<std::string> names;
  for (int i = 0; i < hosts; ++i) {
    names.push_back("host" + std::to_string(i) + ".example");
    sched.SetPending(names.back(), true);
  }
  Micros now = 0;
  int64_t scheduled = 0;
  for (auto _ : state) {
    std::vector<std::string> ready = sched.ReadyHosts(now, 64);
    for (const std::string& h : ready) sched.OnStart(h, now);
    for (const std::string& h : ready) sched.OnResult(h, now + 50000, 200, std::nullopt, 50000);
    scheduled += static_cast<int64_t>(ready.size());
    now = std::max(now + 1000, sched.NextWakeup());
  }
  state.SetItemsProcessed(scheduled);
}
BENCHMARK(BM_HostScheduler)->Arg(10)->Arg(1000)->Arg(100000);

void BM_ParseResponseHead(benchmark::State& state) {
  const std::string head =
      "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Thu, 26 Nov 2026 17:11:32 GMT\r\n"
      "Content-Type: text/html; charset=utf-8\r\nContent-Length: 48213\r\n"
      "Connection: keep-alive\r\nLast-Modified: Thu, 26 Nov 2026 16:00:00 GMT\r\n"
      "ETag: \"6b086844-bc55\"\r\nCache-Control: max-age=60\r\nVary: Accept-Encoding\r\n"
      "X-Frame-Options: SAMEORIGIN\r\nStrict-Transport-Security: max-age=31536000\r\n"
      "Set-Cookie: a=1; Path=/\r\nAccept-Ranges: bytes\r\n\r\n";
  for (auto _ : state) {
    Result<ResponseHead> h = ParseResponseHead(head);
    benchmark::DoNotOptimize(h);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * head.size()));
}
BENCHMARK(BM_ParseResponseHead);

}  // namespace
}  // namespace newsarc::crawler

BENCHMARK_MAIN();
