// Extraction speed against the floor: a Gumbo parse-only pass over the same
// bytes. Loads every *.html / *.html.gz under the given corpus directories
// (default: ../shared/corpus/article-benchmark/html and ../shared/corpus/
// zh-news/html next to the source tree) into memory, then times
//   BM_GumboParseOnly  gumbo_parse + gumbo_destroy_output per page
//   BM_Extract         newsarc::extract::Extract per page (decode, parse,
//                      metadata, body, renderings, links)
// reporting pages/s and bytes/s for each. Pin it to one core:
//   taskset -c 0 build/bench/extract_speed_bench [DIR...]
// (bench/extract_speed.sh does that and prints the ratio).
#include <benchmark/benchmark.h>
#include <gumbo.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/extract.h"

namespace {

std::vector<std::string>& Pages() {
  static std::vector<std::string> pages;
  return pages;
}
size_t TotalBytes() {
  size_t n = 0;
  for (const std::string& p : Pages()) n += p.size();
  return n;
}

bool ReadFile(const std::string& path, std::string* out) {
  gzFile f = gzopen(path.c_str(), "rb");  // reads plain files too
  if (f == nullptr) return false;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof(buf))) > 0) out->append(buf, static_cast<size_t>(n));
  gzclose(f);
  return n == 0;
}

void LoadDir(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> paths;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.ends_with(".html") || name.ends_with(".html.gz") || name.ends_with(".htm")) {
      paths.push_back(it->path().string());
    }
  }
  if (ec) std::fprintf(stderr, "extract_speed_bench: %s: %s\n", dir.c_str(), ec.message().c_str());
  std::sort(paths.begin(), paths.end());
  for (const std::string& p : paths) {
    std::string data;
    if (ReadFile(p, &data)) {
      Pages().push_back(std::move(data));
    } else {
      std::fprintf(stderr, "extract_speed_bench: cannot read %s\n", p.c_str());
    }
  }
}

void SetCounters(benchmark::State& state) {
  double pages = static_cast<double>(Pages().size()) * static_cast<double>(state.iterations());
  state.counters["pages/s"] = benchmark::Counter(pages, benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(TotalBytes()) * state.iterations());
}

void BM_GumboParseOnly(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& page : Pages()) {
      GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, page.data(), page.size());
      benchmark::DoNotOptimize(out);
      gumbo_destroy_output(&kGumboDefaultOptions, out);
    }
  }
  SetCounters(state);
}
BENCHMARK(BM_GumboParseOnly)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_Extract(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& page : Pages()) {
      newsarc::extract::Article a = newsarc::extract::Extract(page, "", "");
      benchmark::DoNotOptimize(a);
    }
  }
  SetCounters(state);
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond)->MinTime(3.0);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) dirs.emplace_back(argv[i]);
  if (dirs.empty()) {
    // The repository root is two levels above this file.
    std::string shared =
        std::filesystem::path(__FILE__).parent_path().parent_path().string() + "/../shared/corpus";
    dirs = {shared + "/article-benchmark/html", shared + "/zh-news/html"};
  }
  for (const std::string& d : dirs) LoadDir(d);
  if (Pages().empty()) {
    std::fprintf(stderr, "extract_speed_bench: no pages found in the given directories\n");
    return 2;
  }
  std::fprintf(stderr, "extract_speed_bench: %zu pages, %.1f MB\n", Pages().size(),
               static_cast<double>(TotalBytes()) / 1e6);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
