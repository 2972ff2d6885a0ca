#include "crawler/css_urls.h"

#include <algorithm>
#include <cstdint>

#include "base/strings.h"

namespace newsarc::crawler {
namespace {

bool IsNewline(char c) { return c == '\n' || c == '\r' || c == '\f'; }
bool IsWhitespace(char c) { return c == ' ' || c == '\t' || IsNewline(c); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : c - 'A' + 10;
}
bool IsNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IsNameChar(char c) { return IsNameStart(c) || IsDigit(c) || c == '-'; }
bool IsNonPrintable(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u <= 0x08 || u == 0x0B || (u >= 0x0E && u <= 0x1F) || u == 0x7F;
}

// Deeper image-set() nesting than this is not tracked (its strings are then
// not taken): a bound on memory for hostile input, far above real CSS.
constexpr size_t kMaxImageSetNesting = 32;

// Every loop below advances `i_` or ends, so the scan is linear.
class Scanner {
 public:
  Scanner(std::string_view css, size_t max_refs) : s_(css), n_(css.size()), max_(max_refs) {}

  std::vector<CssReference> Run() {
    while (i_ < n_ && out_.size() < max_) {
      char c = s_[i_];
      if (c == '/' && i_ + 1 < n_ && s_[i_ + 1] == '*') {
        size_t end = s_.find("*/", i_ + 2);
        i_ = end == std::string_view::npos ? n_ : end + 2;
        continue;  // comments and white space keep pending_import_
      }
      if (IsWhitespace(c)) {
        ++i_;
        continue;
      }
      if (c == '"' || c == '\'') {
        std::string str;
        if (ConsumeString(&str)) {
          if (pending_import_) {
            Emit(std::move(str), true);
          } else if (!image_sets_.empty() && image_sets_.back() == depth_) {
            Emit(std::move(str), false);
          }
        }
        pending_import_ = false;
        continue;
      }
      if (c == '@') {
        ++i_;
        pending_import_ = StartsIdent(i_) && AsciiLower(ConsumeName()) == "import";
        continue;
      }
      bool import = pending_import_;
      pending_import_ = false;
      if (StartsIdent(i_)) {
        ConsumeIdentLike(import);
        continue;
      }
      if (StartsNumber(i_)) {
        ConsumeNumeric();  // so "10url(x)" stays a dimension, as in CSS
        continue;
      }
      if (c == '#') {
        ++i_;
        if (i_ < n_ && (IsNameChar(s_[i_]) || ValidEscape(i_))) (void)ConsumeName();
        continue;
      }
      if (c == '(') {
        ++depth_;
      } else if (c == ')') {
        if (!image_sets_.empty() && image_sets_.back() == depth_) image_sets_.pop_back();
        if (depth_ > 0) --depth_;
      }
      ++i_;
    }
    return std::move(out_);
  }

 private:
  void Emit(std::string url, bool import) {
    if (!url.empty() && out_.size() < max_) out_.push_back({std::move(url), import});
  }

  // "\" not followed by a newline (at the end of the input too).
  bool ValidEscape(size_t at) const {
    return at < n_ && s_[at] == '\\' && (at + 1 >= n_ || !IsNewline(s_[at + 1]));
  }

  bool StartsIdent(size_t at) const {
    if (at >= n_) return false;
    char c = s_[at];
    if (c == '-') {
      size_t next = at + 1;
      if (next < n_ && (IsNameStart(s_[next]) || s_[next] == '-')) return true;
      return ValidEscape(next);
    }
    if (IsNameStart(c)) return true;
    return ValidEscape(at);
  }

  bool StartsNumber(size_t at) const {
    auto digit = [&](size_t k) { return k < n_ && IsDigit(s_[k]); };
    char c = s_[at];
    if (c == '+' || c == '-') return digit(at + 1) || (at + 1 < n_ && s_[at + 1] == '.' && digit(at + 2));
    if (c == '.') return digit(at + 1);
    return IsDigit(c);
  }

  // At the character after "\".
  void ConsumeEscape(std::string* out) {
    if (i_ >= n_) {
      AppendUtf8(0xFFFD, out);
      return;
    }
    if (!IsHex(s_[i_])) {
      out->push_back(s_[i_++]);
      return;
    }
    uint32_t cp = 0;
    for (int k = 0; k < 6 && i_ < n_ && IsHex(s_[i_]); ++k) {
      cp = cp * 16 + static_cast<uint32_t>(HexValue(s_[i_++]));
    }
    if (i_ < n_ && IsWhitespace(s_[i_])) {
      i_ += s_[i_] == '\r' && i_ + 1 < n_ && s_[i_ + 1] == '\n' ? 2 : 1;
    }
    AppendUtf8(cp, out);
  }

  // A name, escapes decoded. Call where StartsIdent() or a name char is.
  std::string ConsumeName() {
    std::string name;
    while (i_ < n_) {
      if (IsNameChar(s_[i_])) {
        name.push_back(s_[i_++]);
      } else if (ValidEscape(i_)) {
        ++i_;
        ConsumeEscape(&name);
      } else {
        break;
      }
    }
    return name;
  }

  void ConsumeNumeric() {
    if (s_[i_] == '+' || s_[i_] == '-') ++i_;
    while (i_ < n_ && IsDigit(s_[i_])) ++i_;
    if (i_ + 1 < n_ && s_[i_] == '.' && IsDigit(s_[i_ + 1])) {
      ++i_;
      while (i_ < n_ && IsDigit(s_[i_])) ++i_;
    }
    if (i_ + 1 < n_ && (s_[i_] == 'e' || s_[i_] == 'E')) {
      size_t k = i_ + 1;
      if (k < n_ && (s_[k] == '+' || s_[k] == '-')) ++k;
      if (k < n_ && IsDigit(s_[k])) {
        i_ = k;
        while (i_ < n_ && IsDigit(s_[i_])) ++i_;
      }
    }
    if (StartsIdent(i_)) {
      (void)ConsumeName();  // the unit
    } else if (i_ < n_ && s_[i_] == '%') {
      ++i_;
    }
  }

  // An identifier, a function name or url( (an @import's when `import`).
  void ConsumeIdentLike(bool import) {
    std::string name = AsciiLower(ConsumeName());
    if (i_ >= n_ || s_[i_] != '(') return;
    ++i_;
    if (name == "url") {
      ConsumeUrl(import);
      return;
    }
    ++depth_;
    if ((name == "image-set" || name == "-webkit-image-set") &&
        image_sets_.size() < kMaxImageSetNesting) {
      image_sets_.push_back(depth_);
    }
  }

  // At the opening quote. False for a bad string (an unescaped newline,
  // which is left for the caller, as the tokenizer does).
  bool ConsumeString(std::string* out) {
    char quote = s_[i_++];
    while (i_ < n_) {
      char c = s_[i_];
      if (c == quote) {
        ++i_;
        return true;
      }
      if (IsNewline(c)) return false;
      if (c == '\\') {
        ++i_;
        if (i_ >= n_) break;
        if (IsNewline(s_[i_])) {  // an escaped newline continues the string
          i_ += s_[i_] == '\r' && i_ + 1 < n_ && s_[i_ + 1] == '\n' ? 2 : 1;
        } else {
          ConsumeEscape(out);
        }
        continue;
      }
      out->push_back(c);
      ++i_;
    }
    return true;  // the end of the input closes a string
  }

  // After "url(".
  void ConsumeUrl(bool import) {
    while (i_ < n_ && IsWhitespace(s_[i_])) ++i_;
    if (i_ < n_ && (s_[i_] == '"' || s_[i_] == '\'')) {
      // url("x") is a function with a string argument; its ')' comes later.
      std::string str;
      if (ConsumeString(&str)) Emit(std::move(str), import);
      ++depth_;
      return;
    }
    std::string url;
    while (i_ < n_) {
      char c = s_[i_];
      if (c == ')') {
        ++i_;
        break;
      }
      if (IsWhitespace(c)) {
        while (i_ < n_ && IsWhitespace(s_[i_])) ++i_;
        if (i_ < n_ && s_[i_] != ')') return SkipBadUrl();
        continue;
      }
      if (c == '"' || c == '\'' || c == '(' || IsNonPrintable(c)) return SkipBadUrl();
      if (c == '\\') {
        if (!ValidEscape(i_)) return SkipBadUrl();
        ++i_;
        ConsumeEscape(&url);
        continue;
      }
      url.push_back(c);
      ++i_;
    }
    // The end of the input closes an unterminated url( as well.
    Emit(std::move(url), import);
  }

  void SkipBadUrl() {
    while (i_ < n_) {
      if (s_[i_] == ')') {
        ++i_;
        return;
      }
      // An escaped character cannot end the bad url.
      i_ = ValidEscape(i_) ? std::min(n_, i_ + 2) : i_ + 1;
    }
  }

  std::string_view s_;
  size_t n_;
  size_t max_;
  size_t i_ = 0;
  int64_t depth_ = 0;                 // open ( and functions
  std::vector<int64_t> image_sets_;   // depth_ inside each open image-set()
  bool pending_import_ = false;       // just read "@import": the next token may be its URL
  std::vector<CssReference> out_;
};

}  // namespace

std::vector<CssReference> ScanCssUrls(std::string_view css, size_t max_refs) {
  return Scanner(css, max_refs).Run();
}

}  // namespace newsarc::crawler
