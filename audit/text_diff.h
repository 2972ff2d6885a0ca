// Token-level diff of two texts (dtl's O(NP) algorithm over the tokens of
// audit/text_tokens.h: words for space-separated languages, characters for
// Chinese and Japanese), with a classifier for cosmetic changes.
//
// A change is *cosmetic* when a reader would not call it an edit: only
// whitespace changed, or every changed word is a date/time form or a number
// that stands beside a stamp or counter word ("Updated 12:30" -> "Updated
// 14:05", "1,234 views" -> "1,302 views", "阅读 1234 次", "2024年5月1日").
// A bare number changing in running text ("5 people" -> "50 people", "about
// 5-8 minutes" -> "about 6-8 minutes", "死亡5人" -> "死亡6人") is substantive:
// figures in news are content, and a time unit or measure word beside a number
// does not make it a stamp ("3 hours ago" does).
#ifndef NEWSARC_AUDIT_TEXT_DIFF_H_
#define NEWSARC_AUDIT_TEXT_DIFF_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsarc::audit {

enum class DiffOpKind { kEqual, kDelete, kInsert };

// A run of text: unchanged, removed from the old text, or added in the new.
// Within one change, the deletion comes before the insertion.
struct DiffOp {
  DiffOpKind kind;
  std::string text;
  bool cosmetic = false;  // for kDelete/kInsert: part of a cosmetic change
};

struct TextDiff {
  std::vector<DiffOp> ops;  // concatenating kEqual+kDelete gives the old text,
                            // kEqual+kInsert the new one
  int64_t words_added = 0;    // word tokens inserted (CJK: characters)
  int64_t words_removed = 0;  // word tokens deleted
  int64_t changes = 0;            // separate changed places
  int64_t cosmetic_changes = 0;   // ... of which cosmetic

  bool changed() const { return changes > 0; }
  // Changed, and every change is cosmetic.
  bool cosmetic_only() const { return changes > 0 && cosmetic_changes == changes; }
};

TextDiff DiffText(std::string_view before, std::string_view after);

}  // namespace newsarc::audit

#endif  // NEWSARC_AUDIT_TEXT_DIFF_H_
