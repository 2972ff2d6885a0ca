// The difference between two versions of a cleaned article
// (storage/article_record.h): title, dates, authors and body, each diffed
// with audit/text_diff.h, and the whole change classified.
#ifndef NEWSARC_AUDIT_ARTICLE_DIFF_H_
#define NEWSARC_AUDIT_ARTICLE_DIFF_H_

#include <cstdint>
#include <string>
#include <vector>

#include "audit/text_diff.h"
#include "storage/storage.h"

namespace newsarc::audit {

enum class ChangeKind {
  kUnchanged,    // the compared fields are identical
  kCosmetic,     // only whitespace, stamps, counters or date fields changed
  kSubstantive,  // anything else
};

// "unchanged", "cosmetic", "substantive".
const char* ChangeKindName(ChangeKind kind);

struct FieldDiff {
  std::string field;  // "title", "published", "modified", "authors", "text"
  TextDiff diff;
};

struct ArticleDiff {
  std::vector<FieldDiff> fields;  // every compared field, in the order above
  ChangeKind kind = ChangeKind::kUnchanged;
  int64_t words_added = 0;    // over all fields
  int64_t words_removed = 0;
  // Words added + removed in substantive changes only: the size `changes`
  // sorts by.
  int64_t substantive_words = 0;
};

ArticleDiff DiffArticles(const storage::ArticleRecord& before, const storage::ArticleRecord& after);

// True when the fields DiffArticles compares are byte-identical (cheap).
bool SameArticleContent(const storage::ArticleRecord& a, const storage::ArticleRecord& b);

// Words in the compared fields (for the size of a deletion).
int64_t ArticleWords(const storage::ArticleRecord& a);

}  // namespace newsarc::audit

#endif  // NEWSARC_AUDIT_ARTICLE_DIFF_H_
