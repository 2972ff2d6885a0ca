// Corpus export benchmark: articles/s of `export --format jsonl`, `tar.gz`
// and `jsonl --dedup near`, and the peak RSS of each export, on generated
// archives. Run all of it with bench/corpus_bench.sh (10k and 100k
// articles; RSS should stay flat as the archive grows, apart from the
// documented per-article dedup signatures).
//
//   corpus_bench generate ARCHIVE N    N articles (response + conversion);
//                                      every 10th is a lightly edited copy
//                                      of an earlier one on another site,
//                                      every 20th URL is captured twice
//   corpus_bench export ARCHIVE FORMAT OUT [none|exact|near]
//                                      one export; prints articles, seconds,
//                                      articles/s, peak RSS (getrusage)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "base/time.h"
#include "corpus/corpus.h"
#include "storage/storage.h"

namespace newsarc::storage {
namespace {

const Micros kStart = 1763942400LL * 1000000;  // 2025-11-24

std::vector<std::string> MakeVocabulary(std::mt19937_64& rng) {
  static const char* kSyllables[] = {"ka", "ro", "mi", "te", "sul", "van", "der", "lo", "pri",
                                     "na", "qu", "is", "ten", "bar", "fo", "ly", "ge", "mon",
                                     "tri", "as", "el", "po", "cha", "ni", "war", "ble"};
  std::vector<std::string> words;
  for (int i = 0; i < 8000; ++i) {
    std::string w;
    int n = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < n; ++k) w += kSyllables[rng() % (sizeof kSyllables / sizeof *kSyllables)];
    words.push_back(w);
  }
  return words;
}

// ~420 words in 6 paragraphs; Zipf-like word choice.
std::string MakeText(std::mt19937_64& rng, const std::vector<std::string>& vocab) {
  std::string text;
  for (int p = 0; p < 6; ++p) {
    if (p > 0) text += "\n\n";
    for (int s = 0; s < 4; ++s) {
      int len = 12 + static_cast<int>(rng() % 12);
      for (int w = 0; w < len; ++w) {
        double u = std::uniform_real_distribution<double>(0, 1)(rng);
        size_t idx = static_cast<size_t>(static_cast<double>(vocab.size()) * u * u * u);
        std::string word = vocab[idx];
        if (w == 0) word[0] = static_cast<char>(word[0] - 32);
        text += word;
        text += w + 1 == len ? ". " : " ";
      }
    }
  }
  return text;
}

int Generate(const std::string& path, int64_t n) {
  auto archive = Archive::Open(path);
  if (!archive.ok()) {
    std::fprintf(stderr, "%s\n", archive.status().message().c_str());
    return 1;
  }
  Archive& a = **archive;
  std::mt19937_64 rng(42);
  std::vector<std::string> vocab = MakeVocabulary(rng);
  std::vector<std::string> recent;  // texts of the last articles, for copies
  if (!a.Begin().ok()) return 1;
  for (int64_t i = 0; i < n; ++i) {
    Micros t = kStart + i * 10 * 1000000;
    std::string text;
    std::string url;
    ArticleRecord art;
    if (i % 10 == 9 && !recent.empty()) {
      // A syndicated copy: another site, its template line, one edit.
      text = "By Wire Service | Share this\n\n" + recent[static_cast<size_t>(rng() % recent.size())];
      text.replace(text.size() / 2, 5, "fresh");
      url = "https://copy" + std::to_string(i % 7) + ".news.test/wire/" + std::to_string(i) + ".html";
      art.source = "Wire Service";
    } else if (i % 20 == 10 && i >= 20) {
      // A second capture of an earlier URL (a new version).
      text = MakeText(rng, vocab);
      url = "https://site" + std::to_string((i - 10) % 50) + ".news.test/story/" +
            std::to_string(i - 10) + ".html";
    } else {
      text = MakeText(rng, vocab);
      url = "https://site" + std::to_string(i % 50) + ".news.test/story/" + std::to_string(i) + ".html";
      recent.push_back(text);
      if (recent.size() > 50) recent.erase(recent.begin());
    }
    WarcRecord resp;
    resp.Set("WARC-Type", "response");
    resp.Set("WARC-Target-URI", url);
    resp.Set("WARC-Date", FormatWarcDate(t));
    resp.Set("Content-Type", "application/http; msgtype=response");
    resp.block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>" + text +
                 "</p></body></html>";
    auto rid = a.Put(resp);
    if (!rid.ok()) {
      std::fprintf(stderr, "%s\n", rid.status().message().c_str());
      return 1;
    }
    art.url = url;
    art.response_record_id = *rid;
    art.capture_time = t;
    art.title = text.substr(0, 60);
    art.language = "en";
    art.published = FormatWarcDate(t - 3600LL * 1000000);
    art.site_name = "Site " + std::to_string(i % 50);
    art.text = std::move(text);
    auto cid = a.Put(MakeConversionRecord(art, t + 1000000));
    if (!cid.ok()) {
      std::fprintf(stderr, "%s\n", cid.status().message().c_str());
      return 1;
    }
    if (i % 2000 == 1999) {
      if (!a.Commit().ok() || !a.Begin().ok()) return 1;
    }
  }
  if (!a.Commit().ok()) return 1;
  std::printf("generated %lld articles in %s\n", static_cast<long long>(n), path.c_str());
  return 0;
}

int Export(const std::string& path, const std::string& format, const std::string& out,
           const std::string& dedup) {
  auto archive = Archive::Open(path, {.read_only = true});
  if (!archive.ok()) {
    std::fprintf(stderr, "%s\n", archive.status().message().c_str());
    return 1;
  }
  corpus::CorpusOptions o;
  auto f = corpus::ParseCorpusFormat(format);
  if (!f) return 2;
  o.format = *f;
  o.out = out;
  o.force = true;
  o.dedup = dedup == "near" ? corpus::DedupMode::kNear : dedup == "exact" ? corpus::DedupMode::kExact : corpus::DedupMode::kNone;
  corpus::ExportSummary s;
  auto t0 = std::chrono::steady_clock::now();
  Status st = corpus::ExportCorpus(**archive, o, {}, &s);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 1;
  }
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  // CPU seconds too: on a shared machine wall time measures the neighbours.
  double cpu = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
               static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  std::printf("%-8s dedup=%-5s conversions=%llu written=%llu folded=%llu superseded=%llu "
              "wall %.2fs (%.0f articles/s) cpu %.2fs (%.0f articles/cpu-s) peak_rss=%.1fMB\n",
              format.c_str(), dedup.c_str(), static_cast<unsigned long long>(s.conversions),
              static_cast<unsigned long long>(s.written), static_cast<unsigned long long>(s.folded),
              static_cast<unsigned long long>(s.superseded), secs,
              static_cast<double>(s.conversions) / secs, cpu,
              static_cast<double>(s.conversions) / cpu, static_cast<double>(ru.ru_maxrss) / 1024.0);
  return 0;
}

}  // namespace
}  // namespace newsarc::storage

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && args[0] == "generate") {
    return newsarc::storage::Generate(args[1], std::atoll(args[2].c_str()));
  }
  if ((args.size() == 4 || args.size() == 5) && args[0] == "export") {
    return newsarc::storage::Export(args[1], args[2], args[3], args.size() == 5 ? args[4] : "none");
  }
  std::fprintf(stderr, "usage: corpus_bench generate ARCHIVE N\n"
                       "       corpus_bench export ARCHIVE FORMAT OUT [none|exact|near]\n");
  return 2;
}
