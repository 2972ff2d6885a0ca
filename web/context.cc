#include "web/context.h"

namespace newsarc::web {

Context::Handles& Context::Mine() {
  std::lock_guard<std::mutex> l(mu_);
  std::unique_ptr<Handles>& h = handles_[std::this_thread::get_id()];
  if (!h) h = std::make_unique<Handles>();
  return *h;
}

Result<storage::Archive*> Context::Archive() {
  Handles& h = Mine();
  if (!h.archive) {
    storage::ArchiveOptions o;
    o.read_only = true;
    Result<std::unique_ptr<storage::Archive>> a = storage::Archive::Open(options_.archive, o);
    if (!a.ok()) return a.status();
    h.archive = std::move(*a);
  }
  return h.archive.get();
}

Result<storage::ArticleIndex*> Context::Index() {
  Handles& h = Mine();
  if (!h.index) {
    Result<std::unique_ptr<storage::ArticleIndex>> i =
        storage::ArticleIndex::Open(options_.archive, /*writable=*/false);
    if (!i.ok()) return i.status();
    h.index = std::move(*i);
  }
  return h.index.get();
}

Result<storage::ArticleIndex*> Context::ReadyIndex() {
  IndexStatus s = index_status();
  if (!s.ready) {
    if (!s.enabled) {
      return Status::Unsupported("article index",
                                 "off (newsarc serve --no-index); build it with newsarc index");
    }
    if (!s.error.empty()) return Status::Unsupported("article index", s.error);
    return Status::Unsupported("article index",
                               "being built: " + std::to_string(s.done) + " of " +
                                   std::to_string(s.total) + " URLs");
  }
  return Index();
}

}  // namespace newsarc::web
