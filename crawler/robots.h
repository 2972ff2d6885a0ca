// robots.txt per RFC 9309, with the matching behaviour of Google's reference
// parser (github.com/google/robotstxt), which is what the RFC codified.
//
// RobotsPolicy::Parse(bytes) never fails: any bytes give a policy (the RFC
// says a crawler must make the best of whatever it gets). Rules:
//  - Only the first kRobotsParseLimit bytes (500 KiB) are parsed; a line cut
//    by the limit is dropped, so a cut Allow never widens access.
//  - Lines end at LF, CR or CRLF; a leading UTF-8 BOM is skipped; '#' starts
//    a comment; "key: value" or, Google's leniency, "key value" when the line
//    has exactly two words. Lines longer than 16663 bytes are cut there.
//  - Keys are matched case-insensitively by prefix, with Google's accepted
//    typos ("useragent", "user agent", "disallaw", "dissallow", "site-map"...).
//  - A group is a run of User-agent lines and the lines after them up to the
//    next User-agent line that follows an Allow or Disallow line (Sitemap,
//    Crawl-delay and unknown lines do not end the run of User-agent lines). All groups that
//    name the crawler's product token are merged; the `*` groups are used
//    only when no group names the token (even one without rules).
//  - A User-agent value is matched on its leading [A-Za-z_-] characters,
//    case-insensitively ("FooBot/1.2 x" names "FooBot"); "*" or "* anything"
//    is the global group.
//  - Allow/Disallow patterns are %-normalised (non-ASCII bytes escaped, hex
//    digits upper-cased); `*` matches any run of bytes, a final `$` anchors
//    the end. The longest matching pattern wins; Allow wins a tie. Empty
//    patterns match nothing. "/dir/index.htm(l)" in an Allow also allows
//    "/dir/" (Google). A URL is matched on its path, params and query, as
//    given (callers pass URLs already %-encoded, as libcurl produces them).
//  - `Sitemap:` lines are collected wherever they are, in order.
//  - `Crawl-delay:` (not in the RFC, widely used) is kept per group: a
//    non-negative decimal number of seconds.
//
// Fetch outcome (RFC 9309 section 2.3.1), applied by the crawler:
//  - 2xx: parse the body (after following at least 5 redirects);
//  - 4xx, including 404 and 410: no restrictions (allow all);
//  - 5xx or unreachable (network error, timeout, too many redirects):
//    complete disallow until a later fetch succeeds. (The crawler defers a
//    host answering 429 or 5xx rather than crawling it.)
//  - Caching: a fetched robots.txt (or a 4xx outcome) may be reused for at
//    most kRobotsMaxCacheAge (24 h); the crawler re-fetches after that, and
//    keeps using the last good copy while the server answers 5xx.
//
// Thread-compatible; a parsed policy is immutable and safe to share.
#ifndef NEWSARC_CRAWLER_ROBOTS_H_
#define NEWSARC_CRAWLER_ROBOTS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace newsarc::crawler {

inline constexpr size_t kRobotsParseLimit = 500 * 1024;
inline constexpr Micros kRobotsMaxCacheAge = int64_t{24} * 3600 * 1000000;

// The robots.txt product token of a full User-Agent header: everything before
// the first '/' or whitespace, e.g. "newsarc/0.1 (+https://x)" -> "newsarc".
std::string RobotsProductToken(std::string_view user_agent);

// True when `token` is a product token a robots.txt can name: non-empty and
// only [A-Za-z_-] (RFC 9309 section 2.2.1).
bool IsValidRobotsToken(std::string_view token);

// The path, params and query a URL is matched on: scheme, authority and
// fragment removed; always starts with '/'; "/" for anything unusable.
std::string RobotsMatchPath(std::string_view url);

// The form of `url` the crawler matches robots.txt rules against: its
// normalised URL (crawler/url_normalize.h), which percent-encodes non-ASCII
// octets, spaces and controls as UTF-8 and writes every escape in upper case,
// so "/π" is matched as "/%CF%80" and "/%e2%9d%83" as "/%E2%9D%83", the forms
// EscapeRobotsPattern gives the rules (RFC 9309 section 2.2.2). The crawler
// and `newsarc robots` both match this form. An error for text the crawler
// would not fetch (not an absolute http(s) URL).
Result<std::string> RobotsCrawlUrl(std::string_view url);

// Normalises a rule pattern's %-encoding: bytes >= 0x80 become %XX and the
// hex digits of existing %xx escapes are upper-cased.
std::string EscapeRobotsPattern(std::string_view pattern);

// What the crawler does after fetching /robots.txt.
enum class RobotsFetchRule {
  kParse,        // 2xx: parse the body
  kAllowAll,     // 4xx: no robots.txt, no restrictions
  kDisallowAll,  // 5xx or unreachable: assume complete disallow
};
// `http_status` is the final status after redirects; 0 (or any value outside
// 100..599) means the server could not be reached. 1xx and 3xx finals (a
// redirect chain that did not end) count as unreachable.
RobotsFetchRule RobotsRuleForFetch(int http_status);

class RobotsPolicy {
 public:
  // An empty policy: everything allowed.
  RobotsPolicy() = default;

  static RobotsPolicy Parse(std::string_view body);
  static RobotsPolicy AllowAll() { return RobotsPolicy(); }
  static RobotsPolicy DisallowAll();

  // Whether the crawler with product token `token` may fetch `url` (an
  // absolute URL, or a path starting with '/'). Tokens are matched exactly
  // (case-insensitively): pass RobotsProductToken(user_agent).
  bool Allowed(std::string_view token, std::string_view url) const;
  // Same, for an already extracted path+query (e.g. Url::path_query()); the
  // path is used as is (a "//x" path is not read as an authority).
  bool AllowedPath(std::string_view token, std::string_view path_query) const;

  // Crawl-delay in seconds for `token`: from the groups that name it when
  // any does (even if they give no Crawl-delay: then none), else from the
  // `*` groups; the largest value when several are given. The crawler caps it.
  std::optional<double> CrawlDelay(std::string_view token) const;

  // Sitemap URLs, in file order, as written (not resolved, not deduplicated).
  const std::vector<std::string>& Sitemaps() const { return sitemaps_; }

  // True when the body was longer than kRobotsParseLimit and was cut.
  bool truncated() const { return truncated_; }

 private:
  struct Rule {
    bool allow = false;
    std::string pattern;  // %-normalised
  };
  struct Group {
    bool global = false;               // named "*"
    std::vector<std::string> agents;   // extracted tokens, as written
    std::vector<Rule> rules;
    std::optional<double> crawl_delay;
  };

  bool NamesAgent(const Group& g, std::string_view token) const;

  std::vector<Group> groups_;
  std::vector<std::string> sitemaps_;
  bool disallow_all_ = false;
  bool truncated_ = false;
};

// --- Line-level report, for diagnostics and for checking the parser against
// Google's reporting tests. One entry per physical line (1-based).
struct RobotsLine {
  enum class Tag {
    kUnknown,    // no directive, or a key nobody uses
    kUserAgent,
    kAllow,
    kDisallow,
    kSitemap,
    kUnused,     // known elsewhere but not used for matching: crawl-delay,
                 // clean-param, host, noarchive, noindex, nofollow
  };
  int line_num = 0;
  Tag tag = Tag::kUnknown;
  std::string key;    // as written (empty when no directive)
  std::string value;  // as written, %-normalised for rules
  bool is_empty = false;        // nothing but whitespace
  bool has_comment = false;     // contains '#'
  bool is_comment = false;      // only a comment
  bool has_directive = false;   // a key and a separator were found
  bool is_acceptable_typo = false;
  bool is_line_too_long = false;
  bool is_missing_colon_separator = false;
};
// Splits and classifies every line exactly as RobotsPolicy::Parse does (same
// limits). Never fails.
std::vector<RobotsLine> ReportRobotsLines(std::string_view body);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_ROBOTS_H_
