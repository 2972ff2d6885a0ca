#include "crawler/url_normalize.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "base/strings.h"

namespace newsarc::crawler {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// '.' is deliberately not decoded: "%2E%2E" would become a dot segment.
bool IsUnreservedNoDot(int c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || c == '~';
}

// True when `out` ends in a stray '%' (one not starting an escape), alone or
// followed by one hex digit. An escape is always appended whole, so such a
// '%' cannot begin one.
bool EndsInStrayPercent(const std::string& out) {
  const size_t n = out.size();
  return (n >= 1 && out[n - 1] == '%') ||
         (n >= 2 && out[n - 2] == '%' && HexValue(out[n - 1]) >= 0);
}

// Step 6: canonical %-escapes.
std::string NormalizeEscapes(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
        HexValue(s[i + 2]) >= 0) {
      int v = HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]);
      // A hex digit decoded after a stray '%' would make a new escape
      // ("%3%32" -> "%32"), which the next normalisation decodes again: the
      // result must be a fixed point (found by tests/fuzz/url_fuzzer).
      const bool forms_escape = HexValue(static_cast<char>(v)) >= 0 && EndsInStrayPercent(out);
      if (IsUnreservedNoDot(v) && !forms_escape) {
        out.push_back(static_cast<char>(v));
      } else {
        out.push_back('%');
        out.push_back(kHex[v >> 4]);
        out.push_back(kHex[v & 15]);
      }
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// Step 7: the query without tracking parameters and empty pieces.
std::string CleanQuery(std::string_view query) {
  std::string out;
  for (std::string_view piece : Split(query, '&')) {
    if (piece.empty()) continue;
    std::string_view name = piece.substr(0, piece.find('='));
    if (IsTrackingParam(name)) continue;
    if (!out.empty()) out.push_back('&');
    out.append(piece);
  }
  return out;
}

bool IsC0OrSpace(char c) { return static_cast<unsigned char>(c) <= 0x20; }

bool IsHttpScheme(std::string_view s) {
  return EqualsIgnoreCase(s, "http") || EqualsIgnoreCase(s, "https");
}

// The scheme of `ref` ("" when it has none), per RFC 3986 syntax.
std::string_view SchemeOf(std::string_view ref) {
  if (ref.empty() || !((ref[0] >= 'a' && ref[0] <= 'z') || (ref[0] >= 'A' && ref[0] <= 'Z'))) {
    return {};
  }
  for (size_t i = 1; i < ref.size(); ++i) {
    char c = ref[i];
    if (c == ':') return ref.substr(0, i);
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '-' || c == '.';
    if (!ok) return {};
  }
  return {};
}

bool IsSlash(char c) { return c == '/' || c == '\\'; }

// Percent-encodes what browsers encode in a path, query or fragment:
// non-ASCII bytes (as UTF-8 octets, upper-case hex), controls, space, and
// the few ASCII characters of the WHATWG encode sets.
void AppendEncoded(std::string_view s, std::string_view also, std::string* out) {
  static const char kHex[] = "0123456789ABCDEF";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7F || also.find(ch) != std::string_view::npos) {
      out->push_back('%');
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    } else {
      out->push_back(ch);
    }
  }
}

// "%2e" and "%2E" count as '.' in dot segments (WHATWG).
std::string DecodeDotSegments(std::string_view path) {
  std::string out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string_view seg = path.substr(start, slash == std::string_view::npos
                                                  ? std::string_view::npos
                                                  : slash - start);
    std::string lower = AsciiLower(seg);
    if (lower == "%2e") {
      out += ".";
    } else if (lower == "%2e%2e" || lower == ".%2e" || lower == "%2e.") {
      out += "..";
    } else {
      out.append(seg);
    }
    if (slash == std::string_view::npos) break;
    out.push_back('/');
    start = slash + 1;
  }
  return out;
}

// Brings a link as written in a page closer to what a browser resolves
// (WHATWG URL) before libcurl's RFC 3986 resolution: trims C0 controls and
// spaces, removes tabs and newlines, reads "http:foo" relative to an http
// base, treats '\\' as '/' before the query, and %-encodes non-ASCII and
// spaces outside the host.
std::string PrepareRef(std::string_view input, const Url* base) {
  while (!input.empty() && IsC0OrSpace(input.front())) input.remove_prefix(1);
  while (!input.empty() && IsC0OrSpace(input.back())) input.remove_suffix(1);
  std::string ref;
  ref.reserve(input.size());
  for (char c : input) {
    if (c != '\t' && c != '\n' && c != '\r') ref.push_back(c);
  }
  std::string prefix;  // "scheme:" and/or "//authority"
  std::string_view rest = ref;
  std::string_view scheme = SchemeOf(rest);
  if (!scheme.empty()) {
    if (!IsHttpScheme(scheme)) return ref;  // mailto:, javascript:, ... left to fail
    std::string lower = AsciiLower(scheme);
    rest.remove_prefix(scheme.size() + 1);
    const bool two_slashes = rest.size() >= 2 && IsSlash(rest[0]) && IsSlash(rest[1]);
    if (base != nullptr && base->scheme() == lower && !two_slashes) {
      // "http:foo" against an http base is relative (WHATWG).
    } else {
      while (!rest.empty() && IsSlash(rest.front())) rest.remove_prefix(1);
      prefix = lower + "://";
      size_t end = rest.find_first_of("/\\?#");
      prefix.append(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    }
  }
  if (prefix.empty() && rest.size() >= 2 && IsSlash(rest[0]) && IsSlash(rest[1])) {
    rest.remove_prefix(2);
    size_t end = rest.find_first_of("/\\?#");
    prefix = "//" + std::string(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  }
  size_t hash = rest.find('#');
  std::string_view fragment = hash == std::string_view::npos ? std::string_view() : rest.substr(hash);
  std::string_view before = rest.substr(0, hash);
  size_t qmark = before.find('?');
  std::string path(before.substr(0, qmark));
  std::replace(path.begin(), path.end(), '\\', '/');
  std::string out = prefix;
  AppendEncoded(DecodeDotSegments(path), "\"<>`{}", &out);
  if (qmark != std::string_view::npos) {
    out.push_back('?');
    AppendEncoded(before.substr(qmark + 1), "\"<>'", &out);
  }
  if (!fragment.empty()) {
    out.push_back('#');
    AppendEncoded(fragment.substr(1), "\"<>`", &out);
  }
  return out;
}

// WHATWG IPv4 parsing. A host whose last label is a number ("1.2.3.4",
// "0x7f.1", "foo.09") must be an IPv4 address in one of the forms
// inet_aton() accepts (hex, octal, 1-4 parts); it is rewritten dotted-
// decimal, so each address has one frontier key. Returns false for a host
// that ends in a number but is not a valid address (WHATWG: failure).
bool ParseIpv4Number(std::string_view part, uint64_t* out) {
  if (part.empty()) return false;
  int radix = 10;
  if (part.size() >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    radix = 16;
    part.remove_prefix(2);
  } else if (part.size() >= 2 && part[0] == '0') {
    radix = 8;
    part.remove_prefix(1);
  }
  uint64_t v = 0;
  for (char c : part) {
    int d = HexValue(c);
    if (d < 0 || d >= radix) return false;
    v = v * static_cast<uint64_t>(radix) + static_cast<uint64_t>(d);
    if (v > 0xFFFFFFFFull) v = 0x100000000ull;  // saturate: already too large
  }
  *out = v;
  return true;
}

bool CanonicalIpv4(std::string_view host, std::string* out) {
  out->clear();
  std::vector<std::string_view> parts = Split(host, '.');
  if (parts.size() > 1 && parts.back().empty()) parts.pop_back();
  uint64_t last = 0;
  const std::string_view tail = parts.back();
  bool digits = !tail.empty();
  for (char c : tail) digits = digits && c >= '0' && c <= '9';
  if (!digits && !(ParseIpv4Number(tail, &last) && tail.size() >= 2 &&
                   (tail[1] == 'x' || tail[1] == 'X'))) {
    return true;  // not an IPv4 host; nothing to do
  }
  if (parts.size() > 4) return false;
  uint64_t value = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    uint64_t n = 0;
    if (!ParseIpv4Number(parts[i], &n)) return false;
    if (i + 1 < parts.size()) {
      if (n > 255) return false;
      value = value * 256 + n;
    } else {
      const uint64_t limit = uint64_t{1} << (8 * (5 - parts.size()));
      if (n >= limit) return false;
      value = (value << (8 * (5 - parts.size()))) + n;
    }
  }
  *out = std::to_string(value >> 24) + "." + std::to_string((value >> 16) & 255) + "." +
         std::to_string((value >> 8) & 255) + "." + std::to_string(value & 255);
  return true;
}

// WHATWG forbidden domain code points that libcurl lets through.
bool ValidHost(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[') return true;  // IPv6, checked by curl
  for (char ch : host) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F) return false;
    if (std::string_view(" #%/:<>?@[\\]^|").find(ch) != std::string_view::npos) return false;
  }
  return true;
}

bool IsHttp(const Url& u) { return u.scheme() == "http" || u.scheme() == "https"; }

Status NotHttp(std::string_view ref, const Url& u) {
  return Status::InvalidArgument("URL \"" + std::string(ref) + "\"",
                                 "scheme \"" + u.scheme() + "\" is not http or https");
}

// Steps 5-7 on a resolved http(s) URL.
Result<Url> Canonicalize(const Url& resolved, std::string_view input) {
  Url u = resolved.WithoutFragment();
  const std::string& spec = u.spec();
  const std::string& pq = u.path_query();
  if (spec.size() < pq.size() || spec.compare(spec.size() - pq.size(), pq.size(), pq) != 0) {
    return Status::InvalidArgument("URL \"" + std::string(input) + "\"",
                                   "path does not end the normalised form");
  }
  std::string prefix = spec.substr(0, spec.size() - pq.size());
  size_t qmark = pq.find('?');
  std::string path = NormalizeEscapes(std::string_view(pq).substr(0, qmark));
  std::string query;
  if (qmark != std::string::npos) {
    query = CleanQuery(NormalizeEscapes(std::string_view(pq).substr(qmark + 1)));
  }
  std::string rebuilt = prefix + (path.empty() ? "/" : path);
  if (!query.empty()) rebuilt += "?" + query;
  if (rebuilt == spec) return u;
  auto again = Url::Parse(rebuilt);
  if (!again.ok()) return again.status().WithContext("normalising \"" + std::string(input) + "\"");
  return again;
}

}  // namespace

bool IsTrackingParam(std::string_view name) {
  for (std::string_view t : kTrackingParams) {
    if (t.back() == '_' ? StartsWithIgnoreCase(name, t) : EqualsIgnoreCase(name, t)) {
      return true;
    }
  }
  return false;
}

Result<Url> ResolveHttpUrl(const Url* base, std::string_view input) {
  auto fail = [&](std::string_view why) {
    return Status::InvalidArgument("URL \"" + std::string(input) + "\"", why);
  };
  std::string ref = PrepareRef(input, base);
  // libcurl reads C strings; a NUL inside would silently cut the URL.
  if (ref.find('\0') != std::string::npos) return fail("contains a NUL byte");
  if (ref.empty() && base == nullptr) return fail("empty");
  // Refuse other schemes here rather than after libcurl: it reads a scheme
  // longer than 40 characters as a relative path, which PrepareRef left
  // uncleaned, so the result changed when normalised again (found by
  // tests/fuzz/url_fuzzer). WHATWG has no such limit: not http(s), refused.
  if (std::string_view scheme = SchemeOf(ref); !scheme.empty() && !IsHttpScheme(scheme)) {
    return fail("scheme \"" + AsciiLower(scheme) + "\" is not http or https");
  }
  Result<Url> r = Status::InvalidArgument("", "");
  if (base != nullptr && (ref.empty() || ref[0] == '#')) {
    // libcurl resolves "" and "#x" like "." (dropping the last segment);
    // RFC 3986 and WHATWG keep the base's path and query.
    r = Url::Parse(base->WithoutFragment().spec() + ref);
  } else {
    r = base != nullptr ? base->Resolve(ref) : Url::Parse(ref);
  }
  if (!r.ok()) return r;
  if (!IsHttp(*r)) return NotHttp(input, *r);
  if (r->host().empty()) return fail("no host");
  if (!ValidHost(r->host())) return fail("host \"" + r->host() + "\" has forbidden characters");
  std::string ipv4;
  if (!CanonicalIpv4(r->host(), &ipv4)) return fail("host \"" + r->host() + "\" is not a valid IPv4 address");
  if (!ipv4.empty() && ipv4 != r->host()) {
    // Swap the host inside the authority (after any userinfo) and re-parse.
    const std::string& spec = r->spec();
    size_t auth = spec.find("://");
    size_t auth_end = auth == std::string::npos ? auth : spec.find('/', auth + 3);
    size_t at = spec.rfind('@', auth_end);
    size_t host_at = (at != std::string::npos && at > auth) ? at + 1 : auth + 3;
    if (auth == std::string::npos || spec.compare(host_at, r->host().size(), r->host()) != 0) {
      return fail("cannot rewrite the IPv4 host");
    }
    std::string rebuilt = spec.substr(0, host_at) + ipv4 + spec.substr(host_at + r->host().size());
    return Url::Parse(rebuilt);
  }
  return r;
}

Result<Url> NormalizeUrl(std::string_view text) {
  auto r = ResolveHttpUrl(nullptr, text);
  if (!r.ok()) return r;
  return Canonicalize(*r, text);
}

Result<Url> NormalizeLink(const Url& base, std::string_view ref) {
  auto r = ResolveHttpUrl(&base, ref);
  if (!r.ok()) return r;
  return Canonicalize(*r, ref);
}

bool SameHost(const Url& seed, const Url& url) {
  return EqualsIgnoreCase(seed.host(), url.host());
}

}  // namespace newsarc::crawler
