// SURT keys as pywb and the Python `surt` library compute them. The steps
// follow jwarc's URIs.toNormalizedSurt, which was written to match Python
// surt (including its quirks), so our CDXJ keys sort and match like pywb's.
#include "storage/warc/surt.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <vector>

#include "base/strings.h"

namespace newsarc::storage {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One pass of %XX decoding (invalid escapes kept as written).
std::string PercentDecodeOnce(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// Decodes until nothing changes ("%2541" -> "%41" -> "A"), as surt does.
std::string FullyPercentDecode(std::string_view s) {
  std::string prev(s);
  for (;;) {
    std::string next = PercentDecodeOnce(prev);
    if (next == prev) return prev;
    prev = std::move(next);
  }
}

// Escapes '%', '#', controls, space and non-ASCII bytes, lowercase hex.
std::string PercentEncodeIllegals(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto b = static_cast<unsigned char>(ch);
    if (b == '%' || b == '#' || b <= 0x20 || b >= 0x7f) {
      out.push_back('%');
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 15]);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

std::string NormalizePercentEncoding(std::string_view s) {
  return PercentEncodeIllegals(FullyPercentDecode(s));
}

// "a.b.c" -> "c,b,a".
std::string ReverseHost(std::string_view host) {
  std::vector<std::string_view> parts = Split(host, '.');
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!out.empty() || it != parts.rbegin()) out.push_back(',');
    out.append(*it);
  }
  return out;
}

// Drops "www." / "www123." at the start.
std::string_view TrimWww(std::string_view host) {
  if (host.substr(0, 3) != "www") return host;
  size_t i = 3;
  while (i < host.size() && IsDigit(host[i])) ++i;
  if (i < host.size() && host[i] == '.') return host.substr(i + 1);
  return host;
}

// Resolves "." and "..", collapses empty segments, drops the trailing slash.
std::string NormalizePathSegments(std::string_view path) {
  std::vector<std::string_view> kept;
  for (std::string_view seg : Split(path, '/')) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!kept.empty()) kept.pop_back();
      continue;
    }
    kept.push_back(seg);
  }
  if (kept.empty()) return "/";
  std::string out;
  for (std::string_view seg : kept) {
    out.push_back('/');
    out.append(seg);
  }
  return out;
}

bool IsDefaultPort(std::string_view scheme, std::string_view port) {
  return (EqualsIgnoreCase(scheme, "http") && port == "80") ||
         (EqualsIgnoreCase(scheme, "https") && port == "443");
}

bool HasScheme(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == ':') return true;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return false;
}

std::string StripSessionIdsFromQuery(const std::string& query) {
  static const std::regex kQuerySession(
      "(?:jsessionid=[0-9a-zA-Z]{32}|phpsessid=[0-9a-zA-Z]{32}|sid=[0-9a-zA-Z]{32}"
      "|aspsessionid[a-zA-Z]{8}=[a-zA-Z]{24}|cfid=[^&]+&cftoken=[^&]+)(?:&|$)");
  return std::regex_replace(query, kQuerySession, "");
}

std::string StripSessionIdsFromPath(std::string path) {
  static const std::regex kPathSessions[] = {
      std::regex(R"(/\([a-z]\([0-9a-z]{24}\)\)(/[^?]+\.aspx))"),
      std::regex(R"(/\([0-9a-z]{24}\)(/[^?]+\.aspx))"),
  };
  for (const std::regex& re : kPathSessions) {
    path = std::regex_replace(path, re, "$1", std::regex_constants::format_first_only);
  }
  return path;
}

}  // namespace

std::string SurtKey(std::string_view url_in) {
  // Python surt returns these pseudo-URLs untouched.
  if (url_in.substr(0, 8) == "filedesc") return std::string(url_in);

  std::string url;
  {
    size_t b = 0, e = url_in.size();
    while (b < e && url_in[b] == ' ') ++b;
    while (e > b && url_in[e - 1] == ' ') --e;
    for (size_t i = b; i < e; ++i) {
      char c = url_in[i];
      if (c != '\r' && c != '\n' && c != '\t') url.push_back(c);
    }
  }
  if (!url.empty() && !HasScheme(url)) url = "http://" + url;

  // scheme ":" ["//" authority] path ["?" query] ["#" fragment]
  std::string_view rest = url;
  std::string_view scheme;
  bool has_scheme = HasScheme(rest);
  if (has_scheme) {
    size_t colon = rest.find(':');
    scheme = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  bool has_authority = false;
  std::string_view authority;
  if (rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
    size_t end = rest.find_first_of("/?#");
    if (end == std::string_view::npos) end = rest.size();
    authority = rest.substr(0, end);
    rest.remove_prefix(end);
    has_authority = true;
  }
  // The fragment is dropped: capture keys never carry one.
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) {
    rest = rest.substr(0, hash);
  }
  std::string_view query;
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view path = rest;

  std::string out;
  if (!has_authority) {
    if (has_scheme) {
      out.append(scheme);
      out.push_back(':');
    }
  } else {
    // user@host:port; the port is the trailing digits after the last colon.
    size_t at = authority.find('@');
    size_t host_begin = at == std::string_view::npos ? 0 : at + 1;
    std::string_view host = authority.substr(host_begin);
    std::string_view port;
    bool has_port = false;
    for (size_t i = authority.size(); i > host_begin; --i) {
      char c = authority[i - 1];
      if (c == ':') {
        host = authority.substr(host_begin, i - 1 - host_begin);
        port = authority.substr(i);
        has_port = true;
        break;
      }
      if (!IsDigit(c)) break;
    }
    if (!host.empty() && host.front() == '[' && host.size() >= 2) {
      host = host.substr(1, host.size() - 2);
    }
    std::string lower_host = AsciiLower(host);
    out += NormalizePercentEncoding(ReverseHost(TrimWww(lower_host)));
    if (has_port && !port.empty() && !IsDefaultPort(scheme, port)) {
      out.push_back(':');
      out.append(port);
    }
    out.push_back(')');
  }

  std::string p = AsciiLower(FullyPercentDecode(path));
  if (has_authority) {
    p = NormalizePathSegments(p);
  } else if (p.size() > 1 && p.back() == '/') {
    p.pop_back();  // Python surt strips a trailing slash from opaque paths too.
  }
  p = StripSessionIdsFromPath(std::move(p));
  out += PercentEncodeIllegals(p);

  if (!query.empty()) {
    std::string q = StripSessionIdsFromQuery(AsciiLower(NormalizePercentEncoding(query)));
    std::vector<std::string_view> params = Split(q, '&');
    std::sort(params.begin(), params.end());
    out.push_back('?');
    for (size_t i = 0; i < params.size(); ++i) {
      if (i > 0) out.push_back('&');
      out.append(params[i]);
    }
  }
  return out;
}

}  // namespace newsarc::storage
