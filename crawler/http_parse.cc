#include "crawler/http_parse.h"

#include "base/strings.h"

namespace newsarc::crawler {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Quotes at most 80 bytes of `s` for an error message, escaping controls.
std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size() && i < 80; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (s.size() > 80) out += "...";
  out += "\"";
  return out;
}

// Next line of `rest` without its LF or CRLF; advances `rest`.
std::string_view NextLine(std::string_view* rest) {
  size_t nl = rest->find('\n');
  std::string_view line;
  if (nl == std::string_view::npos) {
    line = *rest;
    *rest = {};
  } else {
    line = rest->substr(0, nl);
    rest->remove_prefix(nl + 1);
  }
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

Status ParseStatusLine(std::string_view line, ResponseHead* head) {
  auto fail = [line](std::string_view why) {
    return Status::Corrupt("status line " + Quote(line), why);
  };
  if (line.substr(0, 5) != "HTTP/") return fail("does not start with HTTP/");
  size_t pos = 5;
  if (pos >= line.size() || !IsDigit(line[pos])) return fail("no protocol version");
  head->major = line[pos++] - '0';
  head->minor = 0;
  if (pos < line.size() && line[pos] == '.') {
    ++pos;
    if (pos >= line.size() || !IsDigit(line[pos])) return fail("bad protocol version");
    head->minor = line[pos++] - '0';
  } else if (head->major < 2) {
    return fail("bad protocol version");
  }
  if (pos >= line.size() || line[pos] != ' ') return fail("no space after the version");
  while (pos < line.size() && line[pos] == ' ') ++pos;
  if (pos + 3 > line.size() || !IsDigit(line[pos]) || !IsDigit(line[pos + 1]) ||
      !IsDigit(line[pos + 2])) {
    return fail("status code is not three digits");
  }
  head->status = (line[pos] - '0') * 100 + (line[pos + 1] - '0') * 10 + (line[pos + 2] - '0');
  pos += 3;
  if (head->status < 100) return fail("status code below 100");
  if (pos < line.size() && line[pos] != ' ') return fail("status code is not three digits");
  head->reason = std::string(TrimAscii(line.substr(pos)));
  return Status();
}

}  // namespace

const std::string* ResponseHead::Find(std::string_view name) const {
  for (const HttpHeader& h : headers) {
    if (EqualsIgnoreCase(h.name, name)) return &h.value;
  }
  return nullptr;
}

std::vector<std::string_view> ResponseHead::FindAll(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const HttpHeader& h : headers) {
    if (EqualsIgnoreCase(h.name, name)) out.push_back(h.value);
  }
  return out;
}

Result<ResponseHead> ParseResponseHead(std::string_view bytes, size_t max_fields) {
  ResponseHead head;
  std::string_view rest = bytes;
  if (rest.empty()) return Status::Corrupt("response head", "empty");
  std::string_view status_line = NextLine(&rest);
  NEWSARC_RETURN_IF_ERROR(ParseStatusLine(status_line, &head));
  while (!rest.empty()) {
    std::string_view line = NextLine(&rest);
    if (line.empty()) break;  // end of the head
    if (line.front() == ' ' || line.front() == '\t') {
      // obs-fold (RFC 9112 section 5.2): replace the fold with one space.
      if (head.headers.empty()) {
        return Status::Corrupt("header line " + Quote(line),
                               "continuation line before any field");
      }
      std::string_view more = TrimAscii(line);
      std::string& value = head.headers.back().value;
      if (!more.empty()) {
        if (!value.empty()) value += ' ';
        value.append(more);
      }
      continue;
    }
    size_t colon = line.find(':');
    std::string_view name = colon == std::string_view::npos
                                ? std::string_view()
                                : TrimAscii(line.substr(0, colon));
    if (name.empty()) {
      ++head.skipped_lines;
      continue;
    }
    if (head.headers.size() >= max_fields) {
      return Status::Corrupt("response head",
                             "more than " + std::to_string(max_fields) + " header fields");
    }
    head.headers.push_back(
        HttpHeader{std::string(name), std::string(TrimAscii(line.substr(colon + 1)))});
  }
  return head;
}

bool IsStatusLine(std::string_view line) {
  return line.size() > 5 && line.substr(0, 5) == "HTTP/" && IsDigit(line[5]);
}

int StatusCodeOf(std::string_view status_line) {
  ResponseHead head;
  while (!status_line.empty() &&
         (status_line.back() == '\n' || status_line.back() == '\r')) {
    status_line.remove_suffix(1);
  }
  if (!ParseStatusLine(status_line, &head).ok()) return 0;
  return head.status;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 103: return "Early Hints";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 203: return "Non-Authoritative Information";
    case 204: return "No Content";
    case 205: return "Reset Content";
    case 206: return "Partial Content";
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 407: return "Proxy Authentication Required";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 421: return "Misdirected Request";
    case 422: return "Unprocessable Content";
    case 425: return "Too Early";
    case 426: return "Upgrade Required";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 451: return "Unavailable For Legal Reasons";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    case 511: return "Network Authentication Required";
    default: return "";
  }
}

std::string Http11StatusLine(int status) {
  std::string line = "HTTP/1.1 " + std::to_string(status);
  const char* reason = ReasonPhrase(status);
  line += ' ';
  line += reason;
  line += "\r\n";
  return line;
}

std::optional<uint64_t> ParseContentLength(std::string_view value) {
  std::optional<uint64_t> result;
  for (std::string_view piece : Split(value, ',')) {
    piece = TrimAscii(piece);
    if (piece.empty() || piece.size() > 19) return std::nullopt;
    uint64_t n = 0;
    for (char c : piece) {
      if (!IsDigit(c)) return std::nullopt;
      n = n * 10 + static_cast<uint64_t>(c - '0');
    }
    if (n > (uint64_t{1} << 62)) return std::nullopt;
    if (result && *result != n) return std::nullopt;
    result = n;
  }
  return result;
}

}  // namespace newsarc::crawler
