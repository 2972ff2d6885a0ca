#include "extract/charset.h"

#include <uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/utypes.h>

#include <array>
#include <cstring>
#include <memory>
#include <vector>

#include "base/chandle.h"

namespace newsarc::extract {
namespace {

struct Label {
  std::string_view label;
  std::string_view name;
};

// The WHATWG Encoding Standard label table (https://encoding.spec.whatwg.org/,
// CC-BY 4.0), names lower-cased.
constexpr Label kLabels[] = {
    {"unicode-1-1-utf-8", "utf-8"},
    {"unicode11utf8", "utf-8"},
    {"unicode20utf8", "utf-8"},
    {"utf-8", "utf-8"},
    {"utf8", "utf-8"},
    {"x-unicode20utf8", "utf-8"},
    {"866", "ibm866"},
    {"cp866", "ibm866"},
    {"csibm866", "ibm866"},
    {"ibm866", "ibm866"},
    {"csisolatin2", "iso-8859-2"},
    {"iso-8859-2", "iso-8859-2"},
    {"iso-ir-101", "iso-8859-2"},
    {"iso8859-2", "iso-8859-2"},
    {"iso88592", "iso-8859-2"},
    {"iso_8859-2", "iso-8859-2"},
    {"iso_8859-2:1987", "iso-8859-2"},
    {"l2", "iso-8859-2"},
    {"latin2", "iso-8859-2"},
    {"csisolatin3", "iso-8859-3"},
    {"iso-8859-3", "iso-8859-3"},
    {"iso-ir-109", "iso-8859-3"},
    {"iso8859-3", "iso-8859-3"},
    {"iso88593", "iso-8859-3"},
    {"iso_8859-3", "iso-8859-3"},
    {"iso_8859-3:1988", "iso-8859-3"},
    {"l3", "iso-8859-3"},
    {"latin3", "iso-8859-3"},
    {"csisolatin4", "iso-8859-4"},
    {"iso-8859-4", "iso-8859-4"},
    {"iso-ir-110", "iso-8859-4"},
    {"iso8859-4", "iso-8859-4"},
    {"iso88594", "iso-8859-4"},
    {"iso_8859-4", "iso-8859-4"},
    {"iso_8859-4:1988", "iso-8859-4"},
    {"l4", "iso-8859-4"},
    {"latin4", "iso-8859-4"},
    {"csisolatincyrillic", "iso-8859-5"},
    {"cyrillic", "iso-8859-5"},
    {"iso-8859-5", "iso-8859-5"},
    {"iso-ir-144", "iso-8859-5"},
    {"iso8859-5", "iso-8859-5"},
    {"iso88595", "iso-8859-5"},
    {"iso_8859-5", "iso-8859-5"},
    {"iso_8859-5:1988", "iso-8859-5"},
    {"arabic", "iso-8859-6"},
    {"asmo-708", "iso-8859-6"},
    {"csiso88596e", "iso-8859-6"},
    {"csiso88596i", "iso-8859-6"},
    {"csisolatinarabic", "iso-8859-6"},
    {"ecma-114", "iso-8859-6"},
    {"iso-8859-6", "iso-8859-6"},
    {"iso-8859-6-e", "iso-8859-6"},
    {"iso-8859-6-i", "iso-8859-6"},
    {"iso-ir-127", "iso-8859-6"},
    {"iso8859-6", "iso-8859-6"},
    {"iso88596", "iso-8859-6"},
    {"iso_8859-6", "iso-8859-6"},
    {"iso_8859-6:1987", "iso-8859-6"},
    {"csisolatingreek", "iso-8859-7"},
    {"ecma-118", "iso-8859-7"},
    {"elot_928", "iso-8859-7"},
    {"greek", "iso-8859-7"},
    {"greek8", "iso-8859-7"},
    {"iso-8859-7", "iso-8859-7"},
    {"iso-ir-126", "iso-8859-7"},
    {"iso8859-7", "iso-8859-7"},
    {"iso88597", "iso-8859-7"},
    {"iso_8859-7", "iso-8859-7"},
    {"iso_8859-7:1987", "iso-8859-7"},
    {"sun_eu_greek", "iso-8859-7"},
    {"csiso88598e", "iso-8859-8"},
    {"csisolatinhebrew", "iso-8859-8"},
    {"hebrew", "iso-8859-8"},
    {"iso-8859-8", "iso-8859-8"},
    {"iso-8859-8-e", "iso-8859-8"},
    {"iso-ir-138", "iso-8859-8"},
    {"iso8859-8", "iso-8859-8"},
    {"iso88598", "iso-8859-8"},
    {"iso_8859-8", "iso-8859-8"},
    {"iso_8859-8:1988", "iso-8859-8"},
    {"visual", "iso-8859-8"},
    {"csiso88598i", "iso-8859-8-i"},
    {"iso-8859-8-i", "iso-8859-8-i"},
    {"logical", "iso-8859-8-i"},
    {"csisolatin6", "iso-8859-10"},
    {"iso-8859-10", "iso-8859-10"},
    {"iso-ir-157", "iso-8859-10"},
    {"iso8859-10", "iso-8859-10"},
    {"iso885910", "iso-8859-10"},
    {"l6", "iso-8859-10"},
    {"latin6", "iso-8859-10"},
    {"iso-8859-13", "iso-8859-13"},
    {"iso8859-13", "iso-8859-13"},
    {"iso885913", "iso-8859-13"},
    {"iso-8859-14", "iso-8859-14"},
    {"iso8859-14", "iso-8859-14"},
    {"iso885914", "iso-8859-14"},
    {"csisolatin9", "iso-8859-15"},
    {"iso-8859-15", "iso-8859-15"},
    {"iso8859-15", "iso-8859-15"},
    {"iso885915", "iso-8859-15"},
    {"iso_8859-15", "iso-8859-15"},
    {"l9", "iso-8859-15"},
    {"iso-8859-16", "iso-8859-16"},
    {"cskoi8r", "koi8-r"},
    {"koi", "koi8-r"},
    {"koi8", "koi8-r"},
    {"koi8-r", "koi8-r"},
    {"koi8_r", "koi8-r"},
    {"koi8-ru", "koi8-u"},
    {"koi8-u", "koi8-u"},
    {"csmacintosh", "macintosh"},
    {"mac", "macintosh"},
    {"macintosh", "macintosh"},
    {"x-mac-roman", "macintosh"},
    {"dos-874", "windows-874"},
    {"iso-8859-11", "windows-874"},
    {"iso8859-11", "windows-874"},
    {"iso885911", "windows-874"},
    {"tis-620", "windows-874"},
    {"windows-874", "windows-874"},
    {"cp1250", "windows-1250"},
    {"windows-1250", "windows-1250"},
    {"x-cp1250", "windows-1250"},
    {"cp1251", "windows-1251"},
    {"windows-1251", "windows-1251"},
    {"x-cp1251", "windows-1251"},
    {"ansi_x3.4-1968", "windows-1252"},
    {"ascii", "windows-1252"},
    {"cp1252", "windows-1252"},
    {"cp819", "windows-1252"},
    {"csisolatin1", "windows-1252"},
    {"ibm819", "windows-1252"},
    {"iso-8859-1", "windows-1252"},
    {"iso-ir-100", "windows-1252"},
    {"iso8859-1", "windows-1252"},
    {"iso88591", "windows-1252"},
    {"iso_8859-1", "windows-1252"},
    {"iso_8859-1:1987", "windows-1252"},
    {"l1", "windows-1252"},
    {"latin1", "windows-1252"},
    {"us-ascii", "windows-1252"},
    {"windows-1252", "windows-1252"},
    {"x-cp1252", "windows-1252"},
    {"cp1253", "windows-1253"},
    {"windows-1253", "windows-1253"},
    {"x-cp1253", "windows-1253"},
    {"cp1254", "windows-1254"},
    {"csisolatin5", "windows-1254"},
    {"iso-8859-9", "windows-1254"},
    {"iso-ir-148", "windows-1254"},
    {"iso8859-9", "windows-1254"},
    {"iso88599", "windows-1254"},
    {"iso_8859-9", "windows-1254"},
    {"iso_8859-9:1989", "windows-1254"},
    {"l5", "windows-1254"},
    {"latin5", "windows-1254"},
    {"windows-1254", "windows-1254"},
    {"x-cp1254", "windows-1254"},
    {"cp1255", "windows-1255"},
    {"windows-1255", "windows-1255"},
    {"x-cp1255", "windows-1255"},
    {"cp1256", "windows-1256"},
    {"windows-1256", "windows-1256"},
    {"x-cp1256", "windows-1256"},
    {"cp1257", "windows-1257"},
    {"windows-1257", "windows-1257"},
    {"x-cp1257", "windows-1257"},
    {"cp1258", "windows-1258"},
    {"windows-1258", "windows-1258"},
    {"x-cp1258", "windows-1258"},
    {"x-mac-cyrillic", "x-mac-cyrillic"},
    {"x-mac-ukrainian", "x-mac-cyrillic"},
    {"chinese", "gbk"},
    {"csgb2312", "gbk"},
    {"csiso58gb231280", "gbk"},
    {"gb2312", "gbk"},
    {"gb_2312", "gbk"},
    {"gb_2312-80", "gbk"},
    {"gbk", "gbk"},
    {"iso-ir-58", "gbk"},
    {"x-gbk", "gbk"},
    {"gb18030", "gb18030"},
    {"big5", "big5"},
    {"big5-hkscs", "big5"},
    {"cn-big5", "big5"},
    {"csbig5", "big5"},
    {"x-x-big5", "big5"},
    {"cseucpkdfmtjapanese", "euc-jp"},
    {"euc-jp", "euc-jp"},
    {"x-euc-jp", "euc-jp"},
    {"csiso2022jp", "iso-2022-jp"},
    {"iso-2022-jp", "iso-2022-jp"},
    {"csshiftjis", "shift_jis"},
    {"ms932", "shift_jis"},
    {"ms_kanji", "shift_jis"},
    {"shift-jis", "shift_jis"},
    {"shift_jis", "shift_jis"},
    {"sjis", "shift_jis"},
    {"windows-31j", "shift_jis"},
    {"x-sjis", "shift_jis"},
    {"cseuckr", "euc-kr"},
    {"csksc56011987", "euc-kr"},
    {"euc-kr", "euc-kr"},
    {"iso-ir-149", "euc-kr"},
    {"korean", "euc-kr"},
    {"ks_c_5601-1987", "euc-kr"},
    {"ks_c_5601-1989", "euc-kr"},
    {"ksc5601", "euc-kr"},
    {"ksc_5601", "euc-kr"},
    {"windows-949", "euc-kr"},
    {"csiso2022kr", "replacement"},
    {"hz-gb-2312", "replacement"},
    {"iso-2022-cn", "replacement"},
    {"iso-2022-cn-ext", "replacement"},
    {"iso-2022-kr", "replacement"},
    {"replacement", "replacement"},
    {"unicodefffe", "utf-16be"},
    {"utf-16be", "utf-16be"},
    {"csunicode", "utf-16le"},
    {"iso-10646-ucs-2", "utf-16le"},
    {"ucs-2", "utf-16le"},
    {"unicode", "utf-16le"},
    {"unicodefeff", "utf-16le"},
    {"utf-16", "utf-16le"},
    {"utf-16le", "utf-16le"},
    {"x-user-defined", "x-user-defined"},
};

// WHATWG name -> ICU converter name.
struct IcuName {
  std::string_view whatwg;
  const char* icu;
};
constexpr IcuName kIcuNames[] = {
    {"utf-8", "UTF-8"},
    {"ibm866", "IBM866"},
    {"iso-8859-2", "ISO-8859-2"},
    {"iso-8859-3", "ISO-8859-3"},
    {"iso-8859-4", "ISO-8859-4"},
    {"iso-8859-5", "ISO-8859-5"},
    {"iso-8859-6", "ISO-8859-6"},
    {"iso-8859-7", "ISO-8859-7"},
    {"iso-8859-8", "ISO-8859-8"},
    {"iso-8859-8-i", "ISO-8859-8"},
    {"iso-8859-10", "ISO-8859-10"},
    {"iso-8859-13", "ISO-8859-13"},
    {"iso-8859-14", "ISO-8859-14"},
    {"iso-8859-15", "ISO-8859-15"},
    {"iso-8859-16", "ISO-8859-16"},
    {"koi8-r", "KOI8-R"},
    {"koi8-u", "KOI8-U"},
    {"macintosh", "macintosh"},
    {"windows-874", "windows-874"},
    {"windows-1250", "windows-1250"},
    {"windows-1251", "windows-1251"},
    {"windows-1252", "windows-1252"},
    {"windows-1253", "windows-1253"},
    {"windows-1254", "windows-1254"},
    {"windows-1255", "windows-1255"},
    {"windows-1256", "windows-1256"},
    {"windows-1257", "windows-1257"},
    {"windows-1258", "windows-1258"},
    {"x-mac-cyrillic", "x-mac-cyrillic"},
    {"gbk", "GB18030"},
    {"gb18030", "GB18030"},
    {"big5", "Big5-HKSCS"},
    {"euc-jp", "EUC-JP"},
    {"iso-2022-jp", "ISO-2022-JP"},
    {"shift_jis", "windows-31j"},
    {"euc-kr", "windows-949"},
    {"utf-16be", "UTF-16BE"},
    {"utf-16le", "UTF-16LE"},
};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWithLower(std::string_view s, size_t pos, std::string_view lower) {
  if (pos + lower.size() > s.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (Lower(s[pos + i]) != lower[i]) return false;
  }
  return true;
}

using Converter = CHandle<UConverter, ucnv_close>;
using Detector = CHandle<std::remove_pointer_t<uchardet_t>, uchardet_delete>;

// The name a page is reported under: what is actually decoded.
std::string ReportedName(std::string_view whatwg) {
  if (whatwg == "gbk") return "gb18030";
  return std::string(whatwg);
}

// The HTML Standard's "get an attribute" for the prescan. Returns false when
// there is no further attribute (or the bytes run out).
bool GetAttribute(std::string_view s, size_t* pos, std::string* name, std::string* value) {
  name->clear();
  value->clear();
  size_t p = *pos;
  while (p < s.size() && (IsSpace(s[p]) || s[p] == '/')) ++p;
  if (p >= s.size() || s[p] == '>') {
    *pos = p;
    return false;
  }
  // Name.
  while (true) {
    if (p >= s.size()) return false;
    char c = s[p];
    if (c == '=' && !name->empty()) {
      ++p;
      break;
    }
    if (IsSpace(c)) {
      while (p < s.size() && IsSpace(s[p])) ++p;
      if (p >= s.size()) return false;
      if (s[p] != '=') {
        *pos = p;
        return true;
      }
      ++p;
      break;
    }
    if (c == '/' || c == '>') {
      *pos = p;
      return true;
    }
    name->push_back(Lower(c));
    ++p;
  }
  // Value.
  while (p < s.size() && IsSpace(s[p])) ++p;
  if (p >= s.size()) return false;
  char c = s[p];
  if (c == '"' || c == '\'') {
    char quote = c;
    ++p;
    while (true) {
      if (p >= s.size()) return false;
      if (s[p] == quote) {
        *pos = p + 1;
        return true;
      }
      value->push_back(Lower(s[p]));
      ++p;
    }
  }
  if (c == '>') {
    *pos = p;
    return true;
  }
  while (p < s.size() && !IsSpace(s[p]) && s[p] != '>') {
    value->push_back(Lower(s[p]));
    ++p;
  }
  if (p >= s.size()) return false;
  *pos = p;
  return true;
}

// The HTML Standard's "extract a character encoding from a meta element".
std::string_view CharsetFromContent(std::string_view s) {
  size_t pos = 0;
  while (true) {
    size_t found = std::string_view::npos;
    for (size_t i = pos; i + 7 <= s.size(); ++i) {
      if (StartsWithLower(s, i, "charset")) {
        found = i;
        break;
      }
    }
    if (found == std::string_view::npos) return {};
    pos = found + 7;
    while (pos < s.size() && IsSpace(s[pos])) ++pos;
    if (pos < s.size() && s[pos] == '=') {
      ++pos;
      break;
    }
  }
  while (pos < s.size() && IsSpace(s[pos])) ++pos;
  if (pos >= s.size()) return {};
  if (s[pos] == '"' || s[pos] == '\'') {
    size_t close = s.find(s[pos], pos + 1);
    if (close == std::string_view::npos) return {};
    return s.substr(pos + 1, close - pos - 1);
  }
  size_t end = pos;
  while (end < s.size() && !IsSpace(s[end]) && s[end] != ';') ++end;
  return s.substr(pos, end - pos);
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Text outside markup, scripts, styles and comments, for the detector.
std::string TextForDetection(std::string_view html, size_t limit) {
  std::string out;
  size_t pos = 0;
  while (pos < html.size() && out.size() < limit) {
    size_t lt = html.find('<', pos);
    size_t end = lt == std::string_view::npos ? html.size() : lt;
    out.append(html.substr(pos, std::min(end - pos, limit - out.size())));
    if (lt == std::string_view::npos) break;
    out.push_back(' ');
    if (html.compare(lt, 4, "<!--") == 0) {
      size_t close = html.find("-->", lt + 4);
      pos = close == std::string_view::npos ? html.size() : close + 3;
      continue;
    }
    bool raw = StartsWithLower(html, lt, "<script") || StartsWithLower(html, lt, "<style");
    size_t gt = html.find('>', lt);
    if (gt == std::string_view::npos) break;
    pos = gt + 1;
    if (raw) {
      std::string_view close_tag = StartsWithLower(html, lt, "<script") ? "</script" : "</style";
      size_t p = pos;
      while (true) {
        p = html.find("</", p);
        if (p == std::string_view::npos || StartsWithLower(html, p, close_tag)) break;
        p += 2;
      }
      pos = p == std::string_view::npos ? html.size() : p;
    }
  }
  return out;
}

bool HasNonAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return true;
  }
  return false;
}

// Converts with ICU through a UTF-8 pivot converter, in chunks.
std::string IcuToUtf8(std::string_view bytes, const char* icu_name) {
  UErrorCode err = U_ZERO_ERROR;
  Converter from(ucnv_open(icu_name, &err));
  if (U_FAILURE(err) || !from) {
    err = U_ZERO_ERROR;
    from.reset(ucnv_open("windows-1252", &err));
    if (U_FAILURE(err) || !from) return std::string(bytes);  // ICU data missing
  }
  err = U_ZERO_ERROR;
  Converter to(ucnv_open("UTF-8", &err));
  if (U_FAILURE(err) || !to) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  std::array<UChar, 4096> pivot;
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  const char* source = bytes.data();
  const char* source_limit = bytes.data() + bytes.size();
  std::array<char, 65536> buffer;
  bool reset = true;
  while (true) {
    char* target = buffer.data();
    err = U_ZERO_ERROR;
    ucnv_convertEx(to.get(), from.get(), &target, buffer.data() + buffer.size(), &source,
                   source_limit, pivot.data(), &pivot_source, &pivot_target,
                   pivot.data() + pivot.size(), reset, /*flush=*/true, &err);
    reset = false;
    out.append(buffer.data(), target - buffer.data());
    if (err != U_BUFFER_OVERFLOW_ERROR) break;
  }
  return out;
}

}  // namespace

std::string_view EncodingForLabel(std::string_view label) {
  label = Trim(label);
  if (label.empty() || label.size() > 40) return {};
  std::string lower(label);
  for (char& c : lower) c = Lower(c);
  for (const Label& l : kLabels) {
    if (l.label == lower) return l.name;
  }
  return {};
}

std::string_view CharsetParameter(std::string_view content_type) {
  std::string_view v = CharsetFromContent(content_type);
  // CharsetFromContent also accepts "charset" inside other parameters' values;
  // a Content-Type header is simple enough for that not to matter.
  return Trim(v);
}

std::string_view SniffBom(std::string_view bytes, size_t* bom_length) {
  *bom_length = 0;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    *bom_length = 3;
    return "utf-8";
  }
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFE\xFF") {
    *bom_length = 2;
    return "utf-16be";
  }
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFF\xFE") {
    *bom_length = 2;
    return "utf-16le";
  }
  return {};
}

std::string PrescanMetaCharset(std::string_view bytes, size_t limit) {
  std::string_view s = bytes.substr(0, limit);
  size_t pos = 0;
  std::string name, value;
  while (pos < s.size()) {
    if (s.compare(pos, 4, "<!--") == 0) {
      size_t close = s.find("-->", pos + 2);
      if (close == std::string_view::npos) return {};
      pos = close + 3;
      continue;
    }
    if (StartsWithLower(s, pos, "<meta") && pos + 5 < s.size() &&
        (IsSpace(s[pos + 5]) || s[pos + 5] == '/')) {
      pos += 6;
      std::vector<std::string> seen;
      bool got_pragma = false;
      int need_pragma = -1;  // -1 null, 0 false, 1 true
      std::string charset;
      while (GetAttribute(s, &pos, &name, &value)) {
        bool dup = false;
        for (const std::string& n : seen) dup = dup || n == name;
        if (dup) continue;
        seen.push_back(name);
        if (name == "http-equiv") {
          if (value == "content-type") got_pragma = true;
        } else if (name == "content") {
          if (charset.empty()) {
            std::string_view label = CharsetFromContent(value);
            std::string_view enc = label.empty() ? std::string_view() : EncodingForLabel(label);
            if (!enc.empty()) {
              charset = std::string(enc);
              need_pragma = 1;
            }
          }
        } else if (name == "charset") {
          charset = std::string(EncodingForLabel(value));
          need_pragma = 0;
        }
      }
      if (need_pragma == -1 || (need_pragma == 1 && !got_pragma) || charset.empty()) {
        ++pos;
        continue;
      }
      if (charset == "utf-16be" || charset == "utf-16le") return "utf-8";
      if (charset == "x-user-defined") return "windows-1252";
      return charset;
    }
    if (s[pos] == '<' && pos + 1 < s.size() &&
        (IsAsciiLetter(s[pos + 1]) ||
         (s[pos + 1] == '/' && pos + 2 < s.size() && IsAsciiLetter(s[pos + 2])))) {
      while (pos < s.size() && !IsSpace(s[pos]) && s[pos] != '>') ++pos;
      while (GetAttribute(s, &pos, &name, &value)) {
      }
      ++pos;
      continue;
    }
    if (s.compare(pos, 2, "<!") == 0 || s.compare(pos, 2, "</") == 0 ||
        s.compare(pos, 2, "<?") == 0) {
      size_t gt = s.find('>', pos);
      if (gt == std::string_view::npos) return {};
      pos = gt + 1;
      continue;
    }
    ++pos;
  }
  return {};
}

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char* end = p + s.size();
  while (p < end) {
    // Fast path over ASCII, eight bytes at a time.
    while (end - p >= 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      if (w & 0x8080808080808080ULL) break;
      p += 8;
    }
    if (p >= end) break;
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (end - p <= n) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (int i = 2; i <= n; ++i) {
      if (p[i] < 0x80 || p[i] > 0xBF) return false;
    }
    p += n + 1;
  }
  return true;
}

std::string DetectCharset(std::string_view html) {
  std::string text = TextForDetection(html, 256 * 1024);
  if (!HasNonAscii(text)) return {};
  Detector detector(uchardet_new());
  if (!detector) return {};
  if (uchardet_handle_data(detector.get(), text.data(), text.size()) != 0) return {};
  uchardet_data_end(detector.get());
  const char* guess = uchardet_get_charset(detector.get());
  if (guess == nullptr || *guess == '\0') return {};
  std::string_view name = EncodingForLabel(guess);
  if (name.empty() || name == "replacement") return {};
  return std::string(name);
}

std::string ConvertToUtf8(std::string_view bytes, std::string_view encoding) {
  if (encoding == "utf-8" && IsValidUtf8(bytes)) return std::string(bytes);
  if (encoding == "x-user-defined") {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
      if (c < 0x80) {
        out.push_back(static_cast<char>(c));
      } else {  // U+F780 + (c - 0x80): three UTF-8 bytes
        unsigned cp = 0xF780 + (c - 0x80);
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      }
    }
    return out;
  }
  const char* icu = "windows-1252";
  for (const IcuName& n : kIcuNames) {
    if (n.whatwg == encoding) icu = n.icu;
  }
  return IcuToUtf8(bytes, icu);
}

DecodedHtml DecodeHtml(std::string_view bytes, std::string_view content_type) {
  DecodedHtml out;
  size_t bom_length = 0;
  std::string encoding(SniffBom(bytes, &bom_length));
  if (!encoding.empty()) {
    out.source = "bom";
    bytes.remove_prefix(bom_length);
  }
  if (encoding.empty()) {
    std::string_view enc = EncodingForLabel(CharsetParameter(content_type));
    if (!enc.empty() && enc != "replacement") {
      encoding = std::string(enc);
      out.source = "http";
    }
  }
  if (encoding.empty()) {
    encoding = PrescanMetaCharset(bytes);
    if (encoding.empty() && bytes.size() > 1024) encoding = PrescanMetaCharset(bytes, 64 * 1024);
    if (encoding == "replacement") encoding.clear();
    if (!encoding.empty()) out.source = "meta";
  }
  // Pages saved after decoding keep their old declaration: bytes that are
  // valid UTF-8 with some non-ASCII are UTF-8 whatever they claim (a legacy
  // multi-byte text passing UTF-8 validation by chance is vanishingly rare).
  bool utf16 = encoding == "utf-16le" || encoding == "utf-16be";
  if (out.source != "bom" && encoding != "utf-8" && !utf16 && HasNonAscii(bytes) &&
      IsValidUtf8(bytes)) {
    encoding = "utf-8";
    out.source = "utf-8";
  }
  if (encoding.empty()) {
    encoding = DetectCharset(bytes);
    if (!encoding.empty()) out.source = "detector";
  }
  if (encoding.empty()) {
    encoding = "windows-1252";
    out.source = "default";
  }
  out.utf8 = ConvertToUtf8(bytes, encoding);
  out.charset = ReportedName(encoding);
  return out;
}

}  // namespace newsarc::extract
