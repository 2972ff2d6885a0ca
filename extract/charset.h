// Charset sniffing and decoding of HTML bytes to UTF-8, in the WHATWG order:
// byte order mark, the HTTP Content-Type charset, a <meta> prescan of the
// first 1024 bytes, statistical detection (uchardet) on the text outside the
// markup, then windows-1252. Two deliberate deviations for archived pages:
// bytes that are valid UTF-8 (with non-ASCII) are decoded as UTF-8 whatever
// the declaration says, and gb2312/gbk/x-gbk decode as GB18030 (a superset).
// Conversion uses ICU; invalid sequences become U+FFFD, never an error.
// Internal to extract/. Pure functions, thread-safe.
#ifndef NEWSARC_EXTRACT_CHARSET_H_
#define NEWSARC_EXTRACT_CHARSET_H_

#include <string>
#include <string_view>

namespace newsarc::extract {

// The WHATWG encoding name, lower case ("windows-1252", "gbk", "shift_jis",
// "replacement"), for a label after trimming ASCII whitespace and
// lower-casing; empty when the label is unknown.
std::string_view EncodingForLabel(std::string_view label);

// The charset parameter of a Content-Type value ("text/html; charset=GBK"
// -> "GBK"), unquoted; empty when absent.
std::string_view CharsetParameter(std::string_view content_type);

// "utf-8", "utf-16le" or "utf-16be" when `bytes` starts with that BOM, with
// its length in *bom_length; else empty.
std::string_view SniffBom(std::string_view bytes, size_t* bom_length);

// The HTML Standard's prescan of the first `limit` bytes (the standard's
// 1024) for <meta charset> or <meta http-equiv=content-type
// content="...charset=...">; a WHATWG name (utf-16 becomes utf-8,
// x-user-defined becomes windows-1252) or empty. DecodeHtml runs it again
// over the first 64 KiB when the first 1024 bytes declare nothing, standing
// in for the parser's "change the encoding" when it meets a later <meta>.
std::string PrescanMetaCharset(std::string_view bytes, size_t limit = 1024);

// True when `bytes` is well-formed UTF-8.
bool IsValidUtf8(std::string_view bytes);

// Statistical guess from the text outside tags, scripts and styles: a WHATWG
// name, or empty when the detector has no answer.
std::string DetectCharset(std::string_view html);

struct DecodedHtml {
  std::string utf8;     // valid UTF-8, BOM removed
  std::string charset;  // WHATWG name used (gbk reported as "gb18030")
  std::string source;   // "bom", "http", "meta", "utf-8", "detector", "default"
};

// Sniffs and converts. Never fails.
DecodedHtml DecodeHtml(std::string_view bytes, std::string_view content_type);

// Converts `bytes` from WHATWG encoding `encoding` to UTF-8 with U+FFFD for
// invalid input; unknown encodings are treated as windows-1252.
std::string ConvertToUtf8(std::string_view bytes, std::string_view encoding);

}  // namespace newsarc::extract

#endif  // NEWSARC_EXTRACT_CHARSET_H_
