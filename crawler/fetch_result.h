// What one HTTP request produced: everything the archive needs to write the
// request and response records, and what the crawl loop needs to decide what
// to do next (status, Location, Retry-After, timings for politeness).
#ifndef NEWSARC_CRAWLER_FETCH_RESULT_H_
#define NEWSARC_CRAWLER_FETCH_RESULT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "crawler/http_parse.h"

namespace newsarc::crawler {

enum class HttpVersion { kUnknown, kHttp10, kHttp11, kHttp2, kHttp3 };

// "HTTP/1.0", "HTTP/1.1", "h2", "h3" (the WARC-Protocol tokens), "" unknown.
const char* HttpVersionToken(HttpVersion v);

struct FetchRequest {
  uint64_t id = 0;         // the caller's; copied into the result
  std::string url;         // absolute http(s) URL, sent as is
  std::string method = "GET";  // GET or HEAD
  // Extra request header fields; a name given here replaces the fetcher's
  // default field of that name (e.g. Accept).
  std::vector<std::pair<std::string, std::string>> headers;
  // Conditional request (re-crawls): sent when non-empty / set.
  std::string if_none_match;                  // an entity tag, quoted as stored
  std::optional<Micros> if_modified_since;    // sent as an IMF-fixdate
  // Media ranges a 2xx body may have ("text/html", "image/*"); empty: any.
  // Another type stops the transfer at the head (see refused_type).
  std::vector<std::string> accept_types;
};

struct FetchTimings {
  Micros start = 0;  // wall clock when the transfer was handed to curl
  // Durations from `start`, as curl measured them; 0 for a phase that did
  // not happen (a reused connection has no connect phase).
  Micros name_lookup = 0;
  Micros connect = 0;
  Micros tls = 0;         // TLS handshake done (0 for http)
  Micros sent = 0;        // the request head handed to the socket (0: never sent)
  Micros first_byte = 0;  // first response byte
  Micros total = 0;       // until the transfer ended, successfully or not
};

struct FetchResult {
  uint64_t id = 0;
  std::string url;
  std::string method;

  // OK when a complete response arrived, or one whose body was cut at the
  // body size cap (truncated == "length"). Otherwise a Network error
  // "fetch <url>: <reason>" (Cancelled after CancelAll()); whatever had
  // arrived is still in the fields below.
  Status status;
  bool timed_out = false;  // connect/total/low-speed timeout

  int http_status = 0;  // 0 when no final response head arrived
  HttpVersion http_version = HttpVersion::kUnknown;

  // The request as curl sent it: request line, header fields, empty line.
  // For HTTP/2 and 3 (binary on the wire) this is curl's HTTP/1-shaped view
  // of the request, with the request line's version written "HTTP/1.1".
  std::string request_head;
  // The final response's status line and header fields with the empty line,
  // byte for byte as received for HTTP/1.x. HTTP/2 and HTTP/3 have no status
  // line on the wire: it is written "HTTP/1.1 <code> <reason>" and
  // status_line_synthesized is set (the archive writes WARC-Protocol: h2).
  // Informational (1xx) heads before it are not included.
  std::string response_head;
  bool status_line_synthesized = false;
  ResponseHead head;         // response_head parsed (empty if it failed)
  std::string trailers;      // chunked trailer fields, if any, as received

  // The payload without transfer coding (chunked removed) but with its
  // Content-Encoding (gzip, ...) intact: decode it with DecodeContent()
  // (storage/warc/content_decode.h) before reading it.
  std::string body;
  // WARC-Truncated value: "" (complete), "length" (cut at the body cap),
  // "time" (timeout mid-body), "disconnect" (connection lost mid-body),
  // "unspecified" (cancelled mid-body).
  std::string truncated;
  // The Content-Type of a 2xx response that accept_types refused ("(none)"
  // when it had none): the head arrived, the body was not read, status is OK
  // and truncated is "unspecified".
  std::string refused_type;

  std::string remote_ip;  // the address connected to (the proxy's if one is set)
  int remote_port = 0;

  // For a 3xx with a Location field: that field resolved against `url`
  // (not followed; the crawl loop follows it as its own request).
  std::string location;
  // For any response with a Retry-After field that parses: the delay it
  // asks for, from the end of the transfer (see retry_after.h).
  std::optional<Micros> retry_after;

  FetchTimings timings;
};

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_FETCH_RESULT_H_
