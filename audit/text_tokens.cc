#include "audit/text_tokens.h"

#include <cstdint>

namespace newsarc::audit {
namespace {

// Decodes one UTF-8 code point at `p`; sets `*len`. Invalid bytes decode as
// U+FFFD with length 1, so the tokenizer always advances.
uint32_t Decode(std::string_view s, size_t p, size_t* len) {
  const auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = b(p);
  *len = 1;
  if (c < 0x80) return c;
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (n == 0 || p + n > s.size()) return 0xFFFD;
  uint32_t cp = c & (0x7F >> n);
  for (size_t i = 1; i < n; ++i) {
    if ((b(p + i) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (b(p + i) & 0x3F);
  }
  *len = n;
  return cp;
}

bool IsSpace(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
         cp == 0x205F || cp == 0xFEFF;
}

bool IsDigit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

// Scripts written without spaces between words: each character is a token.
bool IsCjk(uint32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) ||    // Hiragana, Katakana
         (cp >= 0x3400 && cp <= 0x4DBF) ||    // CJK Extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||    // CJK Unified Ideographs
         (cp >= 0xF900 && cp <= 0xFAFF) ||    // Compatibility Ideographs
         (cp >= 0x20000 && cp <= 0x3134F);    // Extensions B..G
}

// CJK and fullwidth punctuation, kept apart from words.
bool IsCjkPunctuation(uint32_t cp) {
  return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
         (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
         (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0x2010 && cp <= 0x2027);
}

// ASCII letters and every non-ASCII code point that is not space, CJK or
// punctuation: Latin with diacritics, Cyrillic, Greek, Arabic, Hangul...
bool IsLetter(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  return !IsSpace(cp) && !IsCjk(cp) && !IsCjkPunctuation(cp) && cp != 0xFFFD &&
         !(cp >= 0x80 && cp <= 0xBF);  // C1 controls and Latin-1 punctuation
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> out;
  size_t p = 0;
  while (p < text.size()) {
    size_t len = 0;
    const uint32_t cp = Decode(text, p, &len);
    const size_t start = p;
    TokenKind kind;
    p += len;
    if (IsSpace(cp)) {
      kind = TokenKind::kSpace;
      while (p < text.size()) {
        size_t l = 0;
        if (!IsSpace(Decode(text, p, &l))) break;
        p += l;
      }
    } else if (IsCjk(cp)) {
      kind = TokenKind::kCjk;
    } else if (IsDigit(cp)) {
      // Digits, with separators only between digits: "1,234", "12:30",
      // "2024-05-01", "3.5"; a trailing "." or "," stays punctuation.
      kind = TokenKind::kNumber;
      while (p < text.size()) {
        char c = text[p];
        if (IsDigit(static_cast<unsigned char>(c))) {
          ++p;
        } else if ((c == ',' || c == '.' || c == ':' || c == '-' || c == '/') &&
                   p + 1 < text.size() && IsDigit(static_cast<unsigned char>(text[p + 1]))) {
          p += 2;
        } else {
          break;
        }
      }
    } else if (IsLetter(cp)) {
      // Letters and digits; an apostrophe or hyphen only between letters
      // ("don't", "co-op").
      kind = TokenKind::kWord;
      while (p < text.size()) {
        size_t l = 0;
        uint32_t c = Decode(text, p, &l);
        if (IsLetter(c) || IsDigit(c)) {
          p += l;
        } else if ((c == '\'' || c == '-' || c == 0x2019) && p + l < text.size()) {
          size_t l2 = 0;
          if (!IsLetter(Decode(text, p + l, &l2))) break;
          p += l + l2;
        } else {
          break;
        }
      }
    } else {
      kind = TokenKind::kPunctuation;
    }
    out.push_back({text.substr(start, p - start), kind});
  }
  return out;
}

}  // namespace newsarc::audit
