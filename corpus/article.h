// CorpusArticle: one article as `newsarc export` writes it to a corpus
// (JSONL, CSV, text, Markdown, tar/zip members, WACZ pages), and the
// "newsarc-corpus/1" JSON form every format derives from. See docs/corpus.md.
#ifndef NEWSARC_CORPUS_ARTICLE_H_
#define NEWSARC_CORPUS_ARTICLE_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace newsarc::corpus {

inline constexpr const char* kCorpusSchema = "newsarc-corpus/1";

// Another capture of the same story, folded into this one by deduplication.
struct CorpusDuplicate {
  std::string url;                   // final URL of the duplicate
  std::string conversion_record_id;  // its conversion record
};

struct CorpusArticle {
  std::string url;            // URL first requested (start of the redirect chain)
  std::string final_url;      // URL that answered (the response's target URI)
  std::string canonical_url;  // <link rel=canonical>, when the page had one
  Micros capture_time = 0;    // the response's WARC-Date
  std::string title;
  std::vector<std::string> authors;
  std::string published;  // as extracted (ISO 8601 when the page said so)
  std::string modified;
  std::string source;  // credited outlet ("来源: 郑州日报")
  std::string editor;
  std::string site_name;
  std::string language;
  std::string text;  // body text, paragraphs separated by blank lines
  int64_t word_count = 0;
  int64_t char_count = 0;
  std::string digest;  // "sha256:" + hex of `text` (UTF-8 bytes)
  std::string conversion_record_id;  // "<urn:uuid:...>"
  std::string response_record_id;
  std::vector<CorpusDuplicate> duplicates;
  // Where each metadata field was read (storage::ArticleRecord::provenance).
  std::map<std::string, std::string> provenance;
};

struct TextCounts {
  int64_t words = 0;
  int64_t chars = 0;
};
// Words: maximal runs of letters/digits (apostrophes and hyphens inside a
// run included), plus every CJK ideograph, kana or Hangul syllable counted
// as one word each. Chars: Unicode code points that are not whitespace.
// Invalid UTF-8 bytes count as one character each. Total.
TextCounts CountText(std::string_view text);

// Fills word_count, char_count and digest from `text`.
void ComputeDerivedFields(CorpusArticle* article);

// The newsarc-corpus/1 JSON object on one line (no trailing newline).
// `with_text` false leaves the "text" member out (tar/zip manifests).
// Invalid UTF-8 is replaced by U+FFFD, never an error.
std::string CorpusArticleToJson(const CorpusArticle& article, bool with_text = true);

// Decodes the UTF-8 code point at `*pos` and advances `*pos` past it. An
// invalid or truncated sequence yields U+FFFD and advances one byte.
// REQUIRES: *pos < s.size().
uint32_t NextCodePoint(std::string_view s, size_t* pos);
// CJK ideographs (incl. extensions and compatibility), kana, Hangul syllables.
bool IsCjk(uint32_t cp);
// Unicode letters and digits, approximately: ASCII alnum, Latin-1 letters and
// every code point above U+00FF that is not punctuation, space or a symbol
// block we know of. Good enough for counting and shingling words.
bool IsWordChar(uint32_t cp);
bool IsSpace(uint32_t cp);

// Host of `url` in lower case ("" when it is not a URL).
std::string UrlHost(std::string_view url);

}  // namespace newsarc::corpus

#endif  // NEWSARC_CORPUS_ARTICLE_H_
