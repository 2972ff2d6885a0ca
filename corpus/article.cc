#include "corpus/article.h"

#include <nlohmann/json.hpp>

#include "base/digest.h"
#include "base/url.h"

namespace newsarc::corpus {

uint32_t NextCodePoint(std::string_view s, size_t* pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = *pos, n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) {
    *pos = i + 1;
    return c;
  }
  int len = 0;
  uint32_t cp = 0, min = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    *pos = i + 1;
    return 0xFFFD;
  }
  if (i + static_cast<size_t>(len) > n) {
    *pos = i + 1;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    unsigned char cc = p[i + static_cast<size_t>(k)];
    if ((cc & 0xC0) != 0x80) {
      *pos = i + 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *pos = i + 1;
    return 0xFFFD;
  }
  *pos = i + static_cast<size_t>(len);
  return cp;
}

bool IsCjk(uint32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) ||    // Hiragana, Katakana
         (cp >= 0x31F0 && cp <= 0x31FF) ||    // Katakana extensions
         (cp >= 0x3400 && cp <= 0x4DBF) ||    // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||    // CJK unified ideographs
         (cp >= 0xAC00 && cp <= 0xD7AF) ||    // Hangul syllables
         (cp >= 0xF900 && cp <= 0xFAFF) ||    // CJK compatibility ideographs
         (cp >= 0xFF66 && cp <= 0xFF9F) ||    // half-width katakana
         (cp >= 0x20000 && cp <= 0x3134F);    // extensions B..G
}

bool IsSpace(uint32_t cp) {
  return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

bool IsWordChar(uint32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  }
  if (cp < 0xC0) return false;                  // Latin-1 punctuation and symbols
  if (cp == 0xD7 || cp == 0xF7) return false;   // x and division signs
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows
  if (cp >= 0x2E00 && cp <= 0x2E7F) return false;  // supplemental punctuation
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK symbols and punctuation
  if (cp >= 0xFE30 && cp <= 0xFE6F) return false;  // CJK compatibility/small forms
  if ((cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
      (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65)) {
    return false;  // full-width punctuation
  }
  if (cp >= 0xFFF0 && cp <= 0xFFFF) return false;    // specials, U+FFFD
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;  // emoji and pictographs
  return true;
}

TextCounts CountText(std::string_view text) {
  TextCounts counts;
  bool in_word = false;
  size_t pos = 0;
  while (pos < text.size()) {
    unsigned char b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) {  // ASCII fast path: most of any Latin-script text
      ++pos;
      bool alnum = (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
      bool space = b == ' ' || (b >= '\t' && b <= '\r');
      if (!space) ++counts.chars;
      if (alnum) {
        if (!in_word) ++counts.words;
        in_word = true;
      } else if (!(in_word && (b == '\'' || b == '-'))) {
        in_word = false;
      }
      continue;
    }
    uint32_t cp = NextCodePoint(text, &pos);
    if (!IsSpace(cp)) ++counts.chars;
    if (IsCjk(cp)) {
      ++counts.words;
      in_word = false;
    } else if (IsWordChar(cp)) {
      if (!in_word) ++counts.words;
      in_word = true;
    } else if (in_word && (cp == '\'' || cp == '-' || cp == 0x2019)) {
      // "don't", "well-known": an apostrophe or hyphen inside a word keeps it
      // one word; a dash between spaces never starts one.
    } else {
      in_word = false;
    }
  }
  return counts;
}

void ComputeDerivedFields(CorpusArticle* a) {
  TextCounts c = CountText(a->text);
  a->word_count = c.words;
  a->char_count = c.chars;
  a->digest = Sha256Label(a->text);
}

std::string CorpusArticleToJson(const CorpusArticle& a, bool with_text) {
  using nlohmann::ordered_json;
  ordered_json dups = ordered_json::array();
  for (const auto& d : a.duplicates) {
    dups.push_back({{"url", d.url}, {"conversion_record_id", d.conversion_record_id}});
  }
  ordered_json j;
  j["schema"] = kCorpusSchema;
  j["url"] = a.url;
  j["final_url"] = a.final_url;
  j["canonical_url"] = a.canonical_url;
  j["capture_time"] = a.capture_time != 0 ? FormatWarcDate(a.capture_time) : "";
  j["title"] = a.title;
  j["authors"] = a.authors;
  j["published"] = a.published;
  j["modified"] = a.modified;
  j["source"] = a.source;
  j["editor"] = a.editor;
  j["site_name"] = a.site_name;
  j["language"] = a.language;
  j["provenance"] = a.provenance;
  if (with_text) j["text"] = a.text;
  j["word_count"] = a.word_count;
  j["char_count"] = a.char_count;
  j["digest"] = a.digest;
  j["conversion_record_id"] = a.conversion_record_id;
  j["response_record_id"] = a.response_record_id;
  j["duplicates"] = std::move(dups);
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string UrlHost(std::string_view url) {
  auto u = Url::Parse(url);
  return u.ok() ? u->host() : std::string();
}

}  // namespace newsarc::corpus
