// The full-text tokenizer of the archive's article index: words on ICU word
// breaks, for every script.
//
// FTS5's built-in tokenizers split on spaces and punctuation, so a run of
// Chinese or Japanese text is one token and a two-character word such as
// 记者 is never found (measured with Debian's SQLite 3.40). ICU's word break
// iterator segments those scripts with its dictionaries.
//
// Tokens, in order:
//  - a word in a script written with spaces (Latin, Cyrillic, Greek, Arabic,
//    Hangul, digits, ...): one token, NFKC case-folded ("Straße" -> "strasse",
//    full-width "ＡＢＣ" -> "abc");
//  - a word of Han, Hiragana or Katakana characters: the word itself, and
//    each of its characters at consecutive positions, the word colocated with
//    its first character. A phrase of characters then matches any substring
//    of CJK text whatever the segmentation (新华社记者 matches "社记"), while
//    whole words still weigh in BM25 ranking;
//  - spaces and punctuation: no token.
// Queries are tokenized the same way (FTS5 turns a quoted string into a
// phrase, the colocated word into an alternative at its position).
//
// Registered on every archive connection as "newsarc_words"
// (storage-internal). A connection without it (the sqlite3 shell) reads the
// archive's tables but not the full-text index.
#ifndef NEWSARC_STORAGE_FTS_TOKENIZER_H_
#define NEWSARC_STORAGE_FTS_TOKENIZER_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace newsarc::storage {

inline constexpr const char* kFtsTokenizerName = "newsarc_words";

// One token: its folded text, the byte range [begin, end) of `text` it came
// from, and whether it shares the previous token's position.
struct FtsToken {
  std::string_view folded;
  size_t begin = 0;
  size_t end = 0;
  bool colocated = false;
};

// Calls `fn` for each token of UTF-8 `text` (invalid bytes are skipped).
// Stops early when `fn` returns false.
void TokenizeForSearch(std::string_view text, const std::function<bool(const FtsToken&)>& fn);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_FTS_TOKENIZER_H_
