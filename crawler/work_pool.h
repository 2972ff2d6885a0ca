// WorkPool: a fixed set of threads running independent CPU-bound jobs (the
// crawler's per-page work: digests, content decoding, link discovery,
// article extraction) while the crawl loop keeps fetching and writing.
//
// Jobs are closures returning a value of type T; finished values are
// collected with TakeDone() in the loop's thread, which alone touches the
// archive. `notify` runs (in a worker thread) after each job finishes, so a
// loop blocked elsewhere can wake up (the crawler passes Fetcher::Wakeup).
#ifndef NEWSARC_CRAWLER_WORK_POOL_H_
#define NEWSARC_CRAWLER_WORK_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace newsarc::crawler {

template <typename T>
class WorkPool {
 public:
  WorkPool(size_t threads, std::function<void()> notify) : notify_(std::move(notify)) {
    if (threads == 0) threads = 1;
    for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
  }
  ~WorkPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    work_cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  void Submit(uint64_t key, std::function<T()> job) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.emplace_back(key, std::move(job));
    }
    work_cv_.notify_one();
  }

  // Finished jobs, in the order they finished.
  std::vector<std::pair<uint64_t, T>> TakeDone() {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::pair<uint64_t, T>> out;
    out.swap(done_);
    return out;
  }

  // Blocks until every submitted job has finished (their values wait in
  // TakeDone()).
  void WaitIdle() {
    std::unique_lock<std::mutex> lock(mu_);
    idle_cv_.wait(lock, [this] { return running_ == 0 && queue_.empty(); });
  }

  // Jobs waiting or running (not finished).
  size_t unfinished() const {
    std::lock_guard<std::mutex> lock(mu_);
    return queue_.size() + running_;
  }
  size_t threads() const { return threads_.size(); }

 private:
  void Work() {
    while (true) {
      std::pair<uint64_t, std::function<T()>> item;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping
        item = std::move(queue_.front());
        queue_.pop_front();
        ++running_;
      }
      T value = item.second();
      {
        std::lock_guard<std::mutex> lock(mu_);
        done_.emplace_back(item.first, std::move(value));
        --running_;
      }
      idle_cv_.notify_all();
      if (notify_) notify_();
    }
  }

  std::function<void()> notify_;
  mutable std::mutex mu_;
  std::condition_variable work_cv_, idle_cv_;
  std::deque<std::pair<uint64_t, std::function<T()>>> queue_;
  std::vector<std::pair<uint64_t, T>> done_;
  size_t running_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;  // last: joined before the rest is destroyed
};

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_WORK_POOL_H_
