// What --page-requisites costs on real news pages: how many requisites a
// page names (printed once: median, 90th percentile, max) and how long finding them takes beside the link scan every page
// already gets. Loads every *.html / *.html.gz under the given directories
// (default: ../shared/corpus/article-benchmark/html and ../shared/corpus/
// zh-news/html next to the source tree), then times
//   BM_Links       ExtractLinks per page (what every crawl does)
//   BM_Requisites  ExtractHtmlRequisites per page (what the flag adds)
// Pages are read as bytes (UTF-8 or not), as the fuzz targets read them.
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "base/url.h"
#include "crawler/links.h"
#include "crawler/requisites.h"

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
    if (name.ends_with(".html") || name.ends_with(".html.gz")) paths.push_back(it->path().string());
  }
  std::sort(paths.begin(), paths.end());
  for (const std::string& p : paths) {
    std::string data;
    if (ReadFile(p, &data)) Pages().push_back(std::move(data));
  }
}

const newsarc::Url& PageUrl() {
  static const newsarc::Url url =
      newsarc::Url::Parse("https://news.example/world/2026/11/27/story.html").value();
  return url;
}

void PrintCounts() {
  std::vector<size_t> counts;
  size_t total = 0;
  for (const std::string& page : Pages()) {
    counts.push_back(newsarc::crawler::ExtractHtmlRequisites(page, PageUrl()).size());
    total += counts.back();
  }
  std::sort(counts.begin(), counts.end());
  std::fprintf(stderr, "requisites_bench: requisites per page: median %zu, p90 %zu, max %zu; %zu in all\n",
               counts[counts.size() / 2], counts[counts.size() * 9 / 10], counts.back(), total);
}

void SetCounters(benchmark::State& state) {
  double pages = static_cast<double>(Pages().size()) * static_cast<double>(state.iterations());
  state.counters["pages/s"] = benchmark::Counter(pages, benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(TotalBytes()) * state.iterations());
}

void BM_Links(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& page : Pages()) {
      benchmark::DoNotOptimize(newsarc::crawler::ExtractLinks(page, PageUrl()));
    }
  }
  SetCounters(state);
}
BENCHMARK(BM_Links)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Requisites(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& page : Pages()) {
      benchmark::DoNotOptimize(newsarc::crawler::ExtractHtmlRequisites(page, PageUrl()));
    }
  }
  SetCounters(state);
}
BENCHMARK(BM_Requisites)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) dirs.emplace_back(argv[i]);
  if (dirs.empty()) {
    std::string shared =
        std::filesystem::path(__FILE__).parent_path().parent_path().string() + "/../shared/corpus";
    dirs = {shared + "/article-benchmark/html", shared + "/zh-news/html"};
  }
  for (const std::string& d : dirs) LoadDir(d);
  if (Pages().empty()) {
    std::fprintf(stderr, "requisites_bench: no pages found in the given directories\n");
    return 2;
  }
  std::fprintf(stderr, "requisites_bench: %zu pages, %.1f MB\n", Pages().size(),
               static_cast<double>(TotalBytes()) / 1e6);
  PrintCounts();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
