// Publication-date accuracy on htmldate's evaluation pages.
//
//   dates_eval_bench [DIR] [--raw] [--verbose]
//
// DIR defaults to ../shared/conformance/dates-htmldate (run from the
// checkout's root), else /work/shared/conformance/dates-htmldate. For every line of
// DIR/eval_pages.jsonl the gzip page is run through the extractor (Extract(); with --raw: Gumbo on
// the raw bytes plus ExtractMetadata, skipping charset decoding) and the day of Article::published
// is compared with expected_date. A page counts as right when the day matches, or when the page has
// no date and none is found. Prints the share of right pages per set and overall (htmldate's
// extensive mode: 0.903 on all 1000 pages; goal 0.91). --verbose lists the misses.
#include <gumbo.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/metadata.h"

namespace {

bool ReadGzip(const std::string& path, std::string* out) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof(buf))) > 0) out->append(buf, static_cast<size_t>(n));
  gzclose(f);
  return n == 0;
}

// The shared folder sits next to the checkout (../shared from the root).
std::string DefaultDir() {
  std::ifstream probe("../shared/conformance/dates-htmldate/MANIFEST.json");
  if (probe) return "../shared/conformance/dates-htmldate";
  return "/work/shared/conformance/dates-htmldate";
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  bool raw = false, verbose = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--raw") {
      raw = true;
    } else if (a == "--verbose" || a == "-v") {
      verbose = true;
    } else if (a == "--help" || a == "-h") {
      std::printf("usage: %s [DIR] [--raw] [--verbose]\n", argv[0]);
      return 0;
    } else {
      dir = a;
    }
  }
  if (dir.empty()) dir = DefaultDir();
  std::ifstream in(dir + "/eval_pages.jsonl");
  if (!in) {
    std::fprintf(stderr, "dates_eval: %s/eval_pages.jsonl: cannot open\n", dir.c_str());
    return 1;
  }
  struct Tally {
    int right = 0, total = 0, found = 0, absent_right = 0;
  };
  std::map<std::string, Tally> sets;
  Tally all;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    // Python's json writes NaN for a missing date; JSON has no NaN.
    for (size_t at; (at = line.find(": NaN")) != std::string::npos;) line.replace(at, 5, ": null");
    nlohmann::json row = nlohmann::json::parse(line, nullptr, false);
    if (row.is_discarded() || !row.is_object()) {
      std::fprintf(stderr, "dates_eval: eval_pages.jsonl:%d: not JSON\n", lineno);
      return 1;
    }
    std::string expected;
    if (row["expected_date"].is_string()) expected = row["expected_date"].get<std::string>();
    if (expected == "na") expected.clear();
    std::string url = row.value("url", "");
    std::string set = row.value("set", "");
    if (!row["file"].is_string()) continue;
    std::string page;
    if (!ReadGzip(dir + "/" + row["file"].get<std::string>(), &page)) {
      std::fprintf(stderr, "dates_eval: %s: cannot read\n", row["file"].get<std::string>().c_str());
      return 1;
    }
    newsarc::extract::Article article;
    if (raw) {
      GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, page.data(), page.size());
      newsarc::extract::ExtractMetadata(out->document, url, &article);
      gumbo_destroy_output(&kGumboDefaultOptions, out);
    } else {
      newsarc::extract::ExtractOptions opts;
      opts.want_links = false;
      article = newsarc::extract::Extract(page, url, "", opts);
    }
    std::string got = article.published.substr(0, 10);
    bool right = got == expected;
    for (Tally* t : {&sets[set], &all}) {
      ++t->total;
      t->right += right;
      t->found += !got.empty();
    }
    if (!right && verbose) {
      std::printf("MISS %s want=%s got=%s %s\n", row["file"].get<std::string>().c_str(),
                  expected.empty() ? "-" : expected.c_str(), got.empty() ? "-" : got.c_str(),
                  url.c_str());
    }
  }
  std::printf("%-18s %6s %6s %8s\n", "set", "pages", "right", "accuracy");
  for (const auto& [name, t] : sets) {
    std::printf("%-18s %6d %6d %8.3f\n", name.c_str(), t.total, t.right,
                t.total ? static_cast<double>(t.right) / t.total : 0.0);
  }
  std::printf("%-18s %6d %6d %8.3f   (htmldate extensive 0.903, goal 0.91)\n", "all", all.total,
              all.right, all.total ? static_cast<double>(all.right) / all.total : 0.0);
  return 0;
}
