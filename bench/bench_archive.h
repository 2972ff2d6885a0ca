// The archive the audit and serve benchmarks share the shape of: `urls`
// article URLs on 100 hosts, each captured once an hour for captures/urls
// rounds; every tenth capture of a URL is a response with a new article
// version (and its conversion record), the others are revisits, as a daily
// re-crawl of mostly unchanged pages produces. The text of version v of URL
// u comes from the caller (`text(u, v)`), so each benchmark chooses how
// varied its words are. Generated once (minutes for a million captures) and
// reused while the file holds the same data set.
#ifndef NEWSARC_BENCH_BENCH_ARCHIVE_H_
#define NEWSARC_BENCH_BENCH_ARCHIVE_H_

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "base/digest.h"
#include "base/time.h"
#include "storage/storage.h"

namespace newsarc::bench {

inline const Micros kBenchStart = 1704067200LL * 1000000;  // 2024-01-01
inline const Micros kBenchStep = 3600LL * 1000000;

inline std::string BenchUrl(int64_t i) {
  return "https://www" + std::to_string(i % 100) + ".news.example/section/" + std::to_string(i) +
         "/story.html";
}

struct BenchArchive {
  std::string path;
  int64_t captures = 1000000;
  int64_t urls = 10000;
  std::string holder = "bench";
  // The title and text of version `v` of URL `u`.
  std::function<std::string(int64_t u, int64_t v)> title = [](int64_t u, int64_t) {
    return "Story " + std::to_string(u);
  };
  std::function<std::string(int64_t u, int64_t v)> text;
  // The URL of article `u`.
  std::function<std::string(int64_t u)> url = BenchUrl;
  // Whether each new version also gets its conversion record (the article
  // index the audit and serve benchmarks read); the storage benchmark only
  // measures the capture index and leaves them out.
  bool conversions = true;
};

// True when the archive holds the data set (generated now or before).
inline bool GenerateBenchArchive(const BenchArchive& spec) {
  using storage::Archive;
  storage::ArchiveOptions o;
  o.holder = spec.holder;
  auto a = Archive::Open(spec.path, o);
  if (!a.ok()) {
    std::fprintf(stderr, "%s\n", a.status().message().c_str());
    return false;
  }
  auto s = (*a)->Stats();
  if (s.ok() && s->captures >= spec.captures) return true;
  if (s.ok() && s->records > 0) {
    std::fprintf(stderr, "%s holds another data set; remove it first\n", spec.path.c_str());
    return false;
  }
  std::fprintf(stderr, "generating %lld captures in %s ...\n",
               static_cast<long long>(spec.captures), spec.path.c_str());
  const Micros t0 = NowMicros();
  std::vector<std::string> last_id(static_cast<size_t>(spec.urls));
  std::vector<std::string> last_digest(static_cast<size_t>(spec.urls));
  const int64_t rounds = spec.captures / spec.urls;
  if (!(*a)->Begin().ok()) return false;
  int64_t in_batch = 0;
  for (int64_t round = 0; round < rounds; ++round) {
    for (int64_t u = 0; u < spec.urls; ++u) {
      const size_t ui = static_cast<size_t>(u);
      const std::string uri = spec.url(u);
      const Micros when = kBenchStart + round * kBenchStep + u * 1000;
      storage::WarcRecord r;
      r.headers = {{"WARC-Target-URI", uri},
                   {"WARC-Date", FormatWarcDate(when, true)},
                   {"Content-Type", "application/http; msgtype=response"}};
      storage::ArticleRecord article;
      if (round % 10 == 0) {
        article.url = uri;
        article.capture_time = when;
        article.title = spec.title(u, round / 10);
        article.text = spec.text(u, round / 10);
        const std::string body =
            "<html><title>" + article.title + "</title><p>" + article.text + "</p></html>";
        r.headers.insert(r.headers.begin(), {"WARC-Type", "response"});
        r.block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n" + body;
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
      if (round % 10 == 0) last_id[ui] = *id;
      if (round % 10 == 0 && spec.conversions) {
        article.response_record_id = *id;
        auto conv = (*a)->Put(storage::MakeConversionRecord(article, when));
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
  std::fprintf(stderr, "generated %lld captures in %.1f s (%.0f captures/s)\n",
               static_cast<long long>(rounds * spec.urls), secs,
               static_cast<double>(rounds * spec.urls) / secs);
  return true;
}

}  // namespace newsarc::bench

#endif  // NEWSARC_BENCH_BENCH_ARCHIVE_H_
