// Splitting article text into the tokens the audit diffs compare.
//
// One tokenizer serves every language, by script: runs of letters form
// words (space-separated languages), each CJK ideograph, kana or CJK
// punctuation mark is a token of its own (Chinese and Japanese do not put
// spaces between words, so character level is the honest unit), numbers keep
// their inner separators ("1,234", "12:30", "2024-05-01"), whitespace runs
// and other punctuation marks are tokens too. Concatenating the tokens gives
// the text back exactly. Total: invalid UTF-8 bytes become one-byte tokens.
#ifndef NEWSARC_AUDIT_TEXT_TOKENS_H_
#define NEWSARC_AUDIT_TEXT_TOKENS_H_

#include <string_view>
#include <vector>

namespace newsarc::audit {

enum class TokenKind {
  kSpace,        // a run of whitespace
  kWord,         // letters (and digits/apostrophes/hyphens inside them)
  kNumber,       // digits with inner separators: 1,234  3.5  12:30  2024-05-01
  kCjk,          // one CJK ideograph, kana or Hangul syllable
  kPunctuation,  // anything else, one code point
};

struct Token {
  std::string_view text;  // a view into the tokenized text
  TokenKind kind;
};

// Views point into `text`, which must outlive them.
std::vector<Token> Tokenize(std::string_view text);

// True for tokens that count as words in "words added/removed": words,
// numbers and CJK characters (not whitespace or punctuation).
inline bool CountsAsWord(const Token& t) {
  return t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber ||
         t.kind == TokenKind::kCjk;
}

}  // namespace newsarc::audit

#endif  // NEWSARC_AUDIT_TEXT_TOKENS_H_
