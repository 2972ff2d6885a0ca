// The difference between two versions of a cleaned article
// (storage/article_record.h): title, dates, authors and body, each diffed
// with storage/text_diff.h, and the whole change classified.
#ifndef NEWSARC_STORAGE_ARTICLE_DIFF_H_
#define NEWSARC_STORAGE_ARTICLE_DIFF_H_

#include <cstdint>
#include <string>
#include <vector>

#include "storage/article_record.h"
#include "storage/text_diff.h"

namespace newsarc::storage {

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

ArticleDiff DiffArticles(const ArticleRecord& before, const ArticleRecord& after);

// True when the fields DiffArticles compares are byte-identical (cheap).
bool SameArticleContent(const ArticleRecord& a, const ArticleRecord& b);

// Words in the compared fields (for the size of a deletion).
int64_t ArticleWords(const ArticleRecord& a);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_ARTICLE_DIFF_H_
