#include "storage/article_lookup.h"

#include "storage/archive_impl.h"

namespace newsarc::storage {

std::optional<FoundArticle> ArticleFromConversionRow(const Stmt& row, int first_col) {
  Result<WarcRecord> r = AssembleRecord(StoredRecordFromRow(row, first_col));
  if (!r.ok()) return std::nullopt;
  if (r->Get("Content-Type").find("newsarc-article") == std::string_view::npos) {
    return std::nullopt;
  }
  Result<ArticleRecord> a = ParseConversionRecord(*r);
  if (!a.ok()) return std::nullopt;
  return FoundArticle{CanonicalRecordId(r->id()), std::move(*a)};
}

Result<std::optional<FoundArticle>> ArticleLookup::OfResponse(const std::string& record_id) {
  if (auto it = cache_.find(record_id); it != cache_.end()) return it->second;
  if (!conversion_of_.get()) {
    Result<Stmt> q = db_->Prepare(std::string("SELECT ") + kStoredRecordColumns +
                                  " FROM records r LEFT JOIN payloads p ON p.id = r.payload_id "
                                  "WHERE r.refers_to = ?1 AND r.type = 'conversion' "
                                  "ORDER BY r.id DESC");
    if (!q.ok()) return q.status();
    conversion_of_ = std::move(*q);
  }
  conversion_of_.Bind(1, record_id);
  std::optional<FoundArticle> found;
  // The latest newsarc article wins (a re-extraction supersedes older ones).
  for (;;) {
    Result<bool> row = conversion_of_.Step();
    if (!row.ok()) {
      conversion_of_.Reset();
      return row.status();
    }
    if (!*row) break;
    found = ArticleFromConversionRow(conversion_of_, 0);
    if (found) break;
  }
  conversion_of_.Reset();
  cache_[record_id] = found;
  return found;
}

Result<std::optional<FoundArticle>> ArticleLookup::Follow(const std::string& record_id,
                                                          const std::string& type,
                                                          const std::string& refers_to,
                                                          const std::string& payload_digest,
                                                          int hops) {
  if (type != "revisit") return OfResponse(record_id);
  if (!refers_to.empty()) {
    if (!record_.get()) {
      Result<Stmt> q = db_->Prepare(
          "SELECT type, refers_to, payload_digest FROM records WHERE record_id = ?1");
      if (!q.ok()) return q.status();
      record_ = std::move(*q);
    }
    record_.Bind(1, refers_to);
    Result<bool> row = record_.Step();
    if (!row.ok()) {
      record_.Reset();
      return row.status();
    }
    if (!*row) {
      record_.Reset();
      return std::optional<FoundArticle>();
    }
    std::string t(record_.Text(0)), r(record_.Text(1)), d(record_.Text(2));
    record_.Reset();
    if (t == "revisit") {
      if (hops >= 8) return std::optional<FoundArticle>();
      return Follow(refers_to, t, r, d, hops + 1);
    }
    return OfResponse(refers_to);
  }
  if (payload_digest.empty()) return std::optional<FoundArticle>();
  if (!by_digest_.get()) {
    Result<Stmt> q = db_->Prepare(
        "SELECT record_id FROM records WHERE payload_digest = ?1 AND "
        "type IN ('response', 'resource') ORDER BY id LIMIT 1");
    if (!q.ok()) return q.status();
    by_digest_ = std::move(*q);
  }
  by_digest_.Bind(1, payload_digest);
  Result<bool> row = by_digest_.Step();
  if (!row.ok()) {
    by_digest_.Reset();
    return row.status();
  }
  std::string original = *row ? std::string(by_digest_.Text(0)) : "";
  by_digest_.Reset();
  if (original.empty()) return std::optional<FoundArticle>();
  return OfResponse(original);
}

}  // namespace newsarc::storage
