// Splits the block of an `application/http` WARC record into its header
// bytes and its body, and removes chunked transfer coding for the payload
// digest (WARC 1.1 section 5.9: the payload is the entity body, after any
// transfer encoding is removed; Content-Encoding such as gzip stays).
//
// Total: never fails on junk. Views point into the block passed in.
#ifndef NEWSARC_STORAGE_WARC_HTTP_MESSAGE_H_
#define NEWSARC_STORAGE_WARC_HTTP_MESSAGE_H_

#include <optional>
#include <string>
#include <string_view>

namespace newsarc::storage {

struct HttpMessage {
  // Start line through the empty line that ends the headers, byte for byte
  // (CRLF or bare LF endings). When the headers never end, the whole block.
  std::string_view head;
  // Everything after `head`, exactly as in the block (possibly chunked).
  // head + body == block, always.
  std::string_view body;
  bool headers_complete = false;  // an empty line was found
  bool is_response = false;
  int status = 0;               // response status code, 0 for requests
  std::string protocol;         // "HTTP/1.1", "HTTP/2", ... as written
  std::string content_type;     // media type, lower case, no parameters
  bool chunked = false;         // Transfer-Encoding ends in "chunked"
};

// Nullopt when the first line is neither "HTTP/x status ..." nor
// "METHOD target HTTP/x".
std::optional<HttpMessage> SplitHttpMessage(std::string_view block);

// Decodes chunked transfer coding (chunk extensions and trailers dropped,
// CRLF or LF line ends). Nullopt when `body` is not well-formed chunked
// data (bad size line, data shorter than declared, no last chunk).
std::optional<std::string> Dechunk(std::string_view body);

// The entity body the payload digest covers: the de-chunked body when the
// message is chunked and decodes, else the body as is.
std::string EntityBody(const HttpMessage& message);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_WARC_HTTP_MESSAGE_H_
