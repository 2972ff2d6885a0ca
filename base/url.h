// Url: an absolute http(s) (or other) URL parsed by libcurl's URL API, so that
// the crawler, the extractor and the archive agree on what a URL is.
//
// Parsing normalises what RFC 3986 says is equivalent: scheme and host lower
// case, default port dropped, dot segments resolved. Crawl-specific
// normalisation (tracking parameters, fragments) lives in crawler/.
// Value type; copies are cheap strings. Thread-compatible.
#ifndef NEWSARC_BASE_URL_H_
#define NEWSARC_BASE_URL_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace newsarc {

class Url {
 public:
  Url() = default;

  // Parses an absolute URL. Fails on relative or malformed input.
  static Result<Url> Parse(std::string_view text);
  // Resolves `ref` (absolute or relative) against this URL, per RFC 3986 as
  // libcurl implements it (whitespace around `ref` is trimmed first).
  Result<Url> Resolve(std::string_view ref) const;

  const std::string& spec() const { return spec_; }
  const std::string& scheme() const { return scheme_; }
  const std::string& host() const { return host_; }
  // The port as written, or empty when it is the scheme's default.
  const std::string& port() const { return port_; }
  // Path plus "?query" when there is one; "/" at least.
  const std::string& path_query() const { return path_query_; }
  const std::string& fragment() const { return fragment_; }
  bool empty() const { return spec_.empty(); }

  // A copy without the fragment.
  Url WithoutFragment() const;

  bool operator==(const Url& o) const { return spec_ == o.spec_; }

 private:
  std::string spec_, scheme_, host_, port_, path_query_, fragment_;
};

// Percent-encodes every byte of `value` but RFC 3986's unreserved characters
// (ALPHA DIGIT - . _ ~), so it can stand as one query parameter value or path
// segment: "a b&c" -> "a%20b%26c".
std::string PercentEncodeComponent(std::string_view value);

}  // namespace newsarc

#endif  // NEWSARC_BASE_URL_H_
