// What every handler shares: the options, the origins of the two servers,
// each worker thread's own read-only connections, and the article index's
// build state (written by the indexer thread). Internal to web/.
#ifndef NEWSARC_WEB_CONTEXT_H_
#define NEWSARC_WEB_CONTEXT_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "base/status.h"
#include "storage/storage.h"
#include "web/web.h"

namespace newsarc::web {

struct IndexStatus {
  bool enabled = true;
  bool ready = false;        // the first build finished: lists and search work
  bool building = false;
  int64_t done = 0, total = 0;  // URLs of the current update
  int64_t through = 0;       // records.id the index covers
  std::string error;         // the last update's error, if any
};

class Context {
 public:
  explicit Context(ServeOptions options) : options_(std::move(options)) {}

  const ServeOptions& options() const { return options_; }
  const std::string& archive_path() const { return options_.archive; }

  // This thread's read-only archive and index (opened on first use; one
  // SQLite connection each per worker thread).
  Result<storage::Archive*> Archive();
  Result<storage::ArticleIndex*> Index();

  // The index for a handler that needs it: Unsupported (503) while the
  // first build is running, with its progress.
  Result<storage::ArticleIndex*> ReadyIndex();

  IndexStatus index_status() const {
    std::lock_guard<std::mutex> l(mu_);
    return index_;
  }
  void set_index_status(const IndexStatus& s) {
    std::lock_guard<std::mutex> l(mu_);
    index_ = s;
  }

  std::string ui_origin;      // "http://127.0.0.1:8080"
  std::string replay_origin;  // "http://127.0.0.1:8081"

 private:
  struct Handles {
    std::unique_ptr<storage::Archive> archive;
    std::unique_ptr<storage::ArticleIndex> index;
  };
  Handles& Mine();

  ServeOptions options_;
  mutable std::mutex mu_;
  IndexStatus index_;
  std::unordered_map<std::thread::id, std::unique_ptr<Handles>> handles_;
};

}  // namespace newsarc::web

#endif  // NEWSARC_WEB_CONTEXT_H_
