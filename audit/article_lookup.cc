#include "audit/article_lookup.h"

namespace newsarc::audit {

using storage::ArticleRecord;
using storage::Capture;
using storage::WarcRecord;

std::optional<FoundArticle> ArticleFromConversion(const WarcRecord& record) {
  if (record.Get("Content-Type").find("newsarc-article") == std::string_view::npos) {
    return std::nullopt;
  }
  Result<ArticleRecord> a = storage::ParseConversionRecord(record);
  if (!a.ok()) return std::nullopt;
  return FoundArticle{storage::CanonicalRecordId(record.id()), std::move(*a)};
}

Result<std::optional<FoundArticle>> ArticleLookup::OfResponse(const std::string& record_id) {
  if (auto it = cache_.find(record_id); it != cache_.end()) return it->second;
  std::optional<FoundArticle> found;
  // The latest newsarc article wins (a re-extraction supersedes older ones).
  Status s = archive_->ForEachConversionOf(record_id, [&](const WarcRecord& r) {
    found = ArticleFromConversion(r);
    return !found;
  });
  if (!s.ok()) return s;
  cache_[record_id] = found;
  return found;
}

Result<std::optional<FoundArticle>> ArticleLookup::Follow(const Capture& capture, int hops) {
  if (capture.type != "revisit") return OfResponse(capture.record_id);
  if (!capture.refers_to.empty()) {
    // Most revisits refer to a response whose article is already known.
    if (auto it = cache_.find(capture.refers_to); it != cache_.end()) return it->second;
    Result<std::optional<Capture>> original = archive_->CaptureById(capture.refers_to);
    if (!original.ok()) return original.status();
    if (!original->has_value()) return std::optional<FoundArticle>();
    if ((*original)->type == "revisit") {
      if (hops >= 8) return std::optional<FoundArticle>();
      return Follow(**original, hops + 1);
    }
    return OfResponse((*original)->record_id);
  }
  if (capture.payload_digest.empty()) return std::optional<FoundArticle>();
  Result<std::optional<Capture>> original = archive_->FindByPayloadDigest(capture.payload_digest);
  if (!original.ok()) return original.status();
  if (!original->has_value()) return std::optional<FoundArticle>();
  return OfResponse((*original)->record_id);
}

}  // namespace newsarc::audit
