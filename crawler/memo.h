// BoundedMemo: remembers the results of a pure function of a string key, up
// to a number of entries, then starts over. For per-thread caches of URL
// work: the pages of one site repeat most of their links, and parsing and
// normalising them through libcurl's URL API was a third of a crawl's CPU
// without extraction (bench/crawl_bench.sh, perf). Internal to crawler/;
// not thread-safe (use one per thread).
#ifndef NEWSARC_CRAWLER_MEMO_H_
#define NEWSARC_CRAWLER_MEMO_H_

#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>

namespace newsarc::crawler {

template <typename V>
class BoundedMemo {
 public:
  explicit BoundedMemo(size_t max_entries = 16384) : max_(max_entries) {}

  // The value for `key`, computed by `compute()` the first time.
  template <typename Fn>
  const V& Get(std::string key, Fn&& compute) {
    auto it = map_.find(key);
    if (it != map_.end()) return it->second;
    // Bounded: dropping everything is cheaper than an LRU, and the next
    // pages of the site fill it again with what they share.
    if (map_.size() >= max_) map_.clear();
    return map_.emplace(std::move(key), compute()).first->second;
  }

 private:
  size_t max_;
  std::unordered_map<std::string, V> map_;
};

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_MEMO_H_
