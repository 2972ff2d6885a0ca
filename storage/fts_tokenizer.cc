#include "storage/fts_tokenizer.h"

#include <sqlite3.h>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/archive_impl.h"

namespace newsarc::storage {
namespace {

bool IsCjk(UChar32 c) {
  UErrorCode e = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(c, &e);
  return U_SUCCESS(e) && (s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA);
}

// One break iterator per thread: creating one loads ICU's rules and
// dictionaries (tens of microseconds), and an iterator is not thread-safe.
icu::BreakIterator* WordBreaker() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode e = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), e));
    if (U_FAILURE(e)) b.reset();
    return b;
  }();
  return it.get();
}

const icu::Normalizer2* Folder() {
  static const icu::Normalizer2* n = [] {
    UErrorCode e = U_ZERO_ERROR;
    const icu::Normalizer2* f = icu::Normalizer2::getNFKCCasefoldInstance(e);
    return U_SUCCESS(e) ? f : nullptr;
  }();
  return n;
}

// `s` NFKC case-folded, in UTF-8.
std::string Fold(const icu::UnicodeString& s) {
  std::string out;
  const icu::Normalizer2* f = Folder();
  if (f == nullptr) {
    s.toUTF8String(out);
    return out;
  }
  UErrorCode e = U_ZERO_ERROR;
  icu::UnicodeString folded = f->normalize(s, e);
  (U_SUCCESS(e) ? folded : s).toUTF8String(out);
  return out;
}

// UTF-8 text as UTF-16 for ICU, with the UTF-8 offset of every UTF-16 unit
// (and of the end) so that tokens can name their bytes.
struct Utf16Text {
  icu::UnicodeString text;
  std::vector<int32_t> byte_at;  // size text.length() + 1
};

Utf16Text ToUtf16(std::string_view in) {
  Utf16Text t;
  t.byte_at.reserve(in.size() + 1);
  const auto* s = reinterpret_cast<const uint8_t*>(in.data());
  const auto n = static_cast<int32_t>(in.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) c = 0xFFFD;  // invalid bytes: a replacement character, never a token
    t.text.append(c);
    t.byte_at.push_back(start);
    if (U16_LENGTH(c) == 2) t.byte_at.push_back(start);
  }
  t.byte_at.push_back(n);
  return t;
}

}  // namespace

void TokenizeForSearch(std::string_view text, const std::function<bool(const FtsToken&)>& fn) {
  icu::BreakIterator* breaker = WordBreaker();
  if (breaker == nullptr || text.empty()) return;
  Utf16Text t = ToUtf16(text);
  breaker->setText(t.text);
  int32_t start = breaker->first();
  for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker->next()) {
    // Spaces, punctuation and symbols are UBRK_WORD_NONE: no token.
    if (breaker->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
    icu::UnicodeString word = t.text.tempSubStringBetween(start, end);
    bool cjk = false;
    for (int32_t i = 0; i < word.length(); i = word.moveIndex32(i, 1)) {
      if (IsCjk(word.char32At(i))) {
        cjk = true;
        break;
      }
    }
    const size_t begin = static_cast<size_t>(t.byte_at[static_cast<size_t>(start)]);
    const size_t stop = static_cast<size_t>(t.byte_at[static_cast<size_t>(end)]);
    std::string folded = Fold(word);
    if (!cjk || word.countChar32() == 1) {
      if (!fn({folded, begin, stop, false})) return;
      continue;
    }
    // The word, then each character, the first at the word's position.
    if (!fn({folded, begin, stop, false})) return;
    bool first = true;
    for (int32_t i = start; i < end;) {
      const int32_t next = t.text.moveIndex32(i, 1);
      std::string ch = Fold(t.text.tempSubStringBetween(i, next));
      const size_t b = static_cast<size_t>(t.byte_at[static_cast<size_t>(i)]);
      const size_t e = static_cast<size_t>(t.byte_at[static_cast<size_t>(next)]);
      if (!fn({ch, b, e, first})) return;
      first = false;
      i = next;
    }
  }
}

namespace {

// FTS5's side of the tokenizer: no per-table state.
int Create(void*, const char**, int, Fts5Tokenizer** out) {
  static int instance;
  *out = reinterpret_cast<Fts5Tokenizer*>(&instance);
  return SQLITE_OK;
}

void Delete(Fts5Tokenizer*) {}

int Tokenize(Fts5Tokenizer*, void* ctx, int /*flags*/, const char* text, int n,
             int (*token)(void*, int, const char*, int, int, int)) {
  int rc = SQLITE_OK;
  TokenizeForSearch(std::string_view(text, n > 0 ? static_cast<size_t>(n) : 0),
                    [&](const FtsToken& t) {
                      rc = token(ctx, t.colocated ? FTS5_TOKEN_COLOCATED : 0, t.folded.data(),
                                 static_cast<int>(t.folded.size()), static_cast<int>(t.begin),
                                 static_cast<int>(t.end));
                      return rc == SQLITE_OK;
                    });
  return rc;
}

}  // namespace

Status RegisterFtsTokenizer(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) {
    return Status::Unsupported("full-text index", "this SQLite has no FTS5");
  }
  sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (api == nullptr) return Status::Unsupported("full-text index", "this SQLite has no FTS5");
  fts5_tokenizer tokenizer{Create, Delete, Tokenize};
  if (api->xCreateTokenizer(api, kFtsTokenizerName, nullptr, &tokenizer, nullptr) != SQLITE_OK) {
    return Status::Io("full-text index", std::string("registering the tokenizer: ") +
                                             sqlite3_errmsg(db));
  }
  return Status();
}

}  // namespace newsarc::storage
