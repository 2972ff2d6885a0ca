// Finding the cleaned article (a newsarc-article-1 conversion record) that
// belongs to a capture. Internal to storage/: shared by the audit queries.
//
// A response's article is the latest conversion whose WARC-Refers-To names
// it. A revisit has no conversion of its own (the crawler writes none: the
// content is unchanged), so its article is the one of the capture it refers
// to, or, without WARC-Refers-To, of the earliest response with its payload
// digest.
#ifndef NEWSARC_STORAGE_ARTICLE_LOOKUP_H_
#define NEWSARC_STORAGE_ARTICLE_LOOKUP_H_

#include <map>
#include <optional>
#include <string>

#include "base/status.h"
#include "storage/article_record.h"
#include "storage/sqlite_db.h"

namespace newsarc::storage {

struct FoundArticle {
  std::string conversion_id;  // the conversion record's WARC-Record-ID
  ArticleRecord article;
};

// Parses a conversion row selected with kStoredRecordColumns from
// `first_col`. Nullopt for conversions that are not newsarc articles (other
// tools' conversions, or damaged JSON: audits skip them; verify reports
// damage).
std::optional<FoundArticle> ArticleFromConversionRow(const Stmt& row, int first_col);

class ArticleLookup {
 public:
  explicit ArticleLookup(Db* db) : db_(db) {}

  // The article of capture `record_id` of `type` (response, revisit,
  // resource); `refers_to` and `payload_digest` are the capture's columns.
  // Nullopt when no article was extracted from it.
  Result<std::optional<FoundArticle>> ForCapture(const std::string& record_id,
                                                 const std::string& type,
                                                 const std::string& refers_to,
                                                 const std::string& payload_digest) {
    return Follow(record_id, type, refers_to, payload_digest, 0);
  }

 private:
  // Revisits may refer to revisits; `hops` bounds the walk (no cycles).
  Result<std::optional<FoundArticle>> Follow(const std::string& record_id,
                                             const std::string& type,
                                             const std::string& refers_to,
                                             const std::string& payload_digest, int hops);
  Result<std::optional<FoundArticle>> OfResponse(const std::string& record_id);

  Db* db_;
  Stmt conversion_of_, record_, by_digest_;
  std::map<std::string, std::optional<FoundArticle>> cache_;  // by response id
};

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_ARTICLE_LOOKUP_H_
