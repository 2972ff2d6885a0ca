// Finding the cleaned article (a newsarc-article-1 conversion record) that
// belongs to a capture. Internal to audit/: shared by history and changes.
//
// A response's article is the latest conversion whose WARC-Refers-To names
// it. A revisit has no conversion of its own (the crawler writes none: the
// content is unchanged), so its article is the one of the capture it refers
// to, or, without WARC-Refers-To, of the earliest response with its payload
// digest.
#ifndef NEWSARC_AUDIT_ARTICLE_LOOKUP_H_
#define NEWSARC_AUDIT_ARTICLE_LOOKUP_H_

#include <map>
#include <optional>
#include <string>

#include "base/status.h"
#include "storage/storage.h"

namespace newsarc::audit {

struct FoundArticle {
  std::string conversion_id;  // the conversion record's WARC-Record-ID
  storage::ArticleRecord article;
};

// The article in a conversion record. Nullopt for conversions that are not
// newsarc articles (other tools' conversions, or damaged JSON: audits skip
// them; verify reports damage).
std::optional<FoundArticle> ArticleFromConversion(const storage::WarcRecord& record);

class ArticleLookup {
 public:
  explicit ArticleLookup(storage::Archive* archive) : archive_(archive) {}

  // The article of `capture`. Nullopt when no article was extracted from it.
  Result<std::optional<FoundArticle>> ForCapture(const storage::Capture& capture) {
    return Follow(capture, 0);
  }

 private:
  // Revisits may refer to revisits; `hops` bounds the walk (no cycles).
  Result<std::optional<FoundArticle>> Follow(const storage::Capture& capture, int hops);
  Result<std::optional<FoundArticle>> OfResponse(const std::string& record_id);

  storage::Archive* archive_;
  std::map<std::string, std::optional<FoundArticle>> cache_;  // by response id
};

}  // namespace newsarc::audit

#endif  // NEWSARC_AUDIT_ARTICLE_LOOKUP_H_
