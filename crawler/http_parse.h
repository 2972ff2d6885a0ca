// Parsing of HTTP/1.x response heads as received off the wire.
//
// The fetcher keeps the exact bytes of the status line and header fields for
// the archive; this parser turns those bytes into fields for the crawler's
// decisions (status, Location, Retry-After, Content-Type). It reads hostile
// input: it never reads past the given bytes, bounds the number of fields,
// and reports malformed input as an error instead of guessing, except for
// the leniencies every browser has (bare LF line ends, obs-fold continuation
// lines, which are joined with one space, and field lines without a colon,
// which are skipped and counted).
#ifndef NEWSARC_CRAWLER_HTTP_PARSE_H_
#define NEWSARC_CRAWLER_HTTP_PARSE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace newsarc::crawler {

struct HttpHeader {
  std::string name;   // as received (case kept)
  std::string value;  // leading/trailing whitespace removed
};

struct ResponseHead {
  int major = 1;
  int minor = 1;
  int status = 0;       // 100..999
  std::string reason;   // may be empty
  std::vector<HttpHeader> headers;
  int skipped_lines = 0;  // field lines without a colon, ignored

  // First value of the field `name` (case-insensitive), or nullptr.
  const std::string* Find(std::string_view name) const;
  // Every value of `name`, in order.
  std::vector<std::string_view> FindAll(std::string_view name) const;
};

inline constexpr size_t kMaxHeaderFields = 1000;

// Parses a status line and header fields. `bytes` may or may not include the
// terminating empty line; anything after it is ignored. Errors name the
// problem ("status line \"HTTP/1.1 abc\": status code is not three digits").
Result<ResponseHead> ParseResponseHead(std::string_view bytes,
                                       size_t max_fields = kMaxHeaderFields);

// True when `line` starts a response head ("HTTP/" followed by a digit).
bool IsStatusLine(std::string_view line);
// The status code of a status line, or 0 when it has none.
int StatusCodeOf(std::string_view status_line);

// The standard reason phrase for `status` ("OK", "Not Found"), or "" when
// the code has none registered.
const char* ReasonPhrase(int status);
// "HTTP/1.1 200 OK\r\n": how an HTTP/2 or HTTP/3 response's status (which has
// no status line on the wire) is written into an HTTP/1.1-shaped record.
std::string Http11StatusLine(int status);

// A Content-Length value: digits only, no overflow (values above 2^62 are
// rejected). Comma-separated repeats of one value ("5, 5") are accepted as
// RFC 9110 allows.
std::optional<uint64_t> ParseContentLength(std::string_view value);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_HTTP_PARSE_H_
