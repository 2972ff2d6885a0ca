#include "storage/warc/http_message.h"

#include <cctype>

#include "base/strings.h"

namespace newsarc::storage {
namespace {

// Reads one line ending at '\n' from `s` at `*pos`; returns it without the
// line end (and without a '\r' before it). False when no '\n' remains.
bool NextLine(std::string_view s, size_t* pos, std::string_view* line) {
  size_t nl = s.find('\n', *pos);
  if (nl == std::string_view::npos) return false;
  size_t end = nl;
  if (end > *pos && s[end - 1] == '\r') --end;
  *line = s.substr(*pos, end - *pos);
  *pos = nl + 1;
  return true;
}

bool ParseStartLine(std::string_view line, HttpMessage* m) {
  if (StartsWithIgnoreCase(line, "HTTP/")) {
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos) return false;
    m->is_response = true;
    m->protocol = std::string(line.substr(0, sp));
    std::string_view rest = TrimAscii(line.substr(sp + 1));
    if (rest.size() < 3) return false;
    int code = 0;
    for (size_t i = 0; i < 3; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(rest[i]))) return false;
      code = code * 10 + (rest[i] - '0');
    }
    if (rest.size() > 3 && rest[3] != ' ' && rest[3] != '\t') return false;
    m->status = code;
    return true;
  }
  // METHOD SP target SP HTTP/x
  size_t sp1 = line.find(' ');
  size_t sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) return false;
  std::string_view proto = line.substr(sp2 + 1);
  if (!StartsWithIgnoreCase(proto, "HTTP/")) return false;
  for (char c : line.substr(0, sp1)) {
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  m->protocol = std::string(proto);
  return true;
}

void ApplyHeader(std::string_view name, std::string_view value, HttpMessage* m,
                 bool* have_type) {
  name = TrimAscii(name);
  value = TrimAscii(value);
  if (EqualsIgnoreCase(name, "Content-Type") && !*have_type) {
    *have_type = true;
    std::string_view type = value.substr(0, value.find(';'));
    m->content_type = AsciiLower(TrimAscii(type));
  } else if (EqualsIgnoreCase(name, "Transfer-Encoding")) {
    // The last coding applied is the outermost; only "chunked" is removed.
    size_t comma = value.rfind(',');
    std::string_view last =
        TrimAscii(comma == std::string_view::npos ? value : value.substr(comma + 1));
    m->chunked = EqualsIgnoreCase(last, "chunked");
  }
}

}  // namespace

std::optional<HttpMessage> SplitHttpMessage(std::string_view block) {
  HttpMessage m;
  size_t pos = 0;
  std::string_view line;
  if (!NextLine(block, &pos, &line)) {
    // A start line with no line end at all: still HTTP when it parses.
    if (!ParseStartLine(block, &m)) return std::nullopt;
    m.head = block;
    return m;
  }
  if (!ParseStartLine(line, &m)) return std::nullopt;
  bool have_type = false;
  std::string name, value;  // the header being read (obs-fold appends)
  bool pending = false;
  while (NextLine(block, &pos, &line)) {
    if (line.empty()) {
      m.headers_complete = true;
      break;
    }
    if ((line[0] == ' ' || line[0] == '\t') && pending) {
      value += ' ';
      value.append(TrimAscii(line));
      continue;
    }
    if (pending) ApplyHeader(name, value, &m, &have_type);
    size_t colon = line.find(':');
    pending = colon != std::string_view::npos;
    if (pending) {
      name.assign(line.substr(0, colon));
      value.assign(line.substr(colon + 1));
    }
  }
  if (pending) ApplyHeader(name, value, &m, &have_type);
  if (m.headers_complete) {
    m.head = block.substr(0, pos);
    m.body = block.substr(pos);
  } else {
    m.head = block;
  }
  return m;
}

std::optional<std::string> Dechunk(std::string_view body) {
  std::string out;
  size_t pos = 0;
  std::string_view line;
  for (;;) {
    if (!NextLine(body, &pos, &line)) return std::nullopt;
    std::string_view size_text = TrimAscii(line.substr(0, line.find(';')));
    if (size_text.empty() || size_text.size() > 15) return std::nullopt;
    size_t size = 0;
    for (char c : size_text) {
      int d = std::isdigit(static_cast<unsigned char>(c))
                  ? c - '0'
                  : (std::isxdigit(static_cast<unsigned char>(c))
                         ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                         : -1);
      if (d < 0) return std::nullopt;
      size = size * 16 + static_cast<size_t>(d);
    }
    if (size == 0) break;
    if (body.size() - pos < size) return std::nullopt;
    out.append(body.substr(pos, size));
    pos += size;
    // The CRLF (or LF) after the chunk data.
    if (!NextLine(body, &pos, &line) || !line.empty()) return std::nullopt;
  }
  // Trailer fields up to an empty line; a missing final empty line is
  // tolerated (many servers and writers drop it).
  while (NextLine(body, &pos, &line) && !line.empty()) {
  }
  return out;
}

std::string EntityBody(const HttpMessage& message) {
  if (message.chunked) {
    std::optional<std::string> plain = Dechunk(message.body);
    if (plain) return std::move(*plain);
  }
  return std::string(message.body);
}

}  // namespace newsarc::storage
