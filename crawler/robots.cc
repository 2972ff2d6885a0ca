#include "crawler/robots.h"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdlib>
#include <functional>

#include "base/strings.h"
#include "crawler/url_normalize.h"

namespace newsarc::crawler {
namespace {

// Google's bound: eight times the longest URL browsers accept. Bytes past it
// on one line are ignored (the line is still parsed).
constexpr size_t kMaxLineBytes = 2083 * 8 - 1;

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool IsTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
}
std::string_view Strip(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Leading [A-Za-z_-] run of a User-agent value.
std::string_view ExtractAgent(std::string_view value) {
  size_t n = 0;
  while (n < value.size() && IsTokenChar(value[n])) ++n;
  return value.substr(0, n);
}

// Splits `body` into lines the way Google's parser does and calls
// `emit(line_num, line, too_long)` for each, including the last (possibly
// empty) one.
void ForEachLine(std::string_view body,
                 const std::function<void(int, std::string_view, bool)>& emit) {
  static const unsigned char kBom[3] = {0xEF, 0xBB, 0xBF};
  std::string line;
  line.reserve(256);
  bool too_long = false;
  int line_num = 0;
  size_t bom_pos = 0;
  bool last_was_cr = false;
  for (char c : body) {
    const auto ch = static_cast<unsigned char>(c);
    // A (possibly partial) BOM prefix is skipped; the first byte that breaks
    // the prefix is consumed by the check too, which is what Google does.
    if (bom_pos < sizeof kBom && ch == kBom[bom_pos++]) continue;
    bom_pos = sizeof kBom;
    if (ch != '\n' && ch != '\r') {
      if (line.size() < kMaxLineBytes) {
        line.push_back(c);
      } else {
        too_long = true;
      }
      continue;
    }
    const bool crlf_continuation = line.empty() && last_was_cr && ch == '\n';
    if (!crlf_continuation) emit(++line_num, line, too_long);
    line.clear();
    too_long = false;
    last_was_cr = ch == '\r';
  }
  emit(++line_num, line, too_long);
}

struct KeyValue {
  std::string_view key, value;
};

// Comment removal, key/value split and the line's metadata.
KeyValue SplitLine(std::string_view raw, RobotsLine* meta) {
  std::string_view line = raw;
  size_t hash = line.find('#');
  if (hash != std::string_view::npos) {
    meta->has_comment = true;
    line = line.substr(0, hash);
  }
  line = Strip(line);
  if (line.empty()) {
    (meta->has_comment ? meta->is_comment : meta->is_empty) = true;
    return {};
  }
  size_t sep = line.find(':');
  if (sep == std::string_view::npos) {
    // Google's leniency: "key value" with exactly two words.
    sep = line.find_first_of(" \t");
    if (sep == std::string_view::npos) return {};
    std::string_view rest = Strip(line.substr(sep));
    if (rest.find_first_of(" \t") != std::string_view::npos) return {};
    meta->is_missing_colon_separator = true;
  }
  std::string_view key = Strip(line.substr(0, sep));
  if (key.empty()) return {};
  meta->has_directive = true;
  return {key, Strip(line.substr(sep + 1))};
}

RobotsLine::Tag ClassifyKey(std::string_view key, bool* typo) {
  using Tag = RobotsLine::Tag;
  *typo = false;
  if (StartsWithIgnoreCase(key, "user-agent")) return Tag::kUserAgent;
  if (StartsWithIgnoreCase(key, "useragent") || StartsWithIgnoreCase(key, "user agent")) {
    *typo = true;
    return Tag::kUserAgent;
  }
  if (StartsWithIgnoreCase(key, "allow")) return Tag::kAllow;
  if (StartsWithIgnoreCase(key, "disallow")) return Tag::kDisallow;
  for (std::string_view t : {"dissallow", "dissalow", "disalow", "diasllow", "disallaw"}) {
    if (StartsWithIgnoreCase(key, t)) {
      *typo = true;
      return Tag::kDisallow;
    }
  }
  if (StartsWithIgnoreCase(key, "sitemap")) return Tag::kSitemap;
  if (StartsWithIgnoreCase(key, "site-map")) {
    *typo = true;
    return Tag::kSitemap;
  }
  std::string lower = AsciiLower(key);
  for (std::string_view t :
       {"clean-param", "crawl-delay", "host", "noarchive", "noindex", "nofollow"}) {
    if (lower == t) return Tag::kUnused;
  }
  return Tag::kUnknown;
}

// Cuts the body at the parse limit, dropping a line the cut went through.
std::string_view LimitBody(std::string_view body, bool* truncated) {
  *truncated = body.size() > kRobotsParseLimit;
  if (!*truncated) return body;
  std::string_view cut = body.substr(0, kRobotsParseLimit);
  if (body[kRobotsParseLimit] == '\n' || body[kRobotsParseLimit] == '\r') return cut;
  size_t eol = cut.find_last_of("\r\n");
  return eol == std::string_view::npos ? std::string_view() : cut.substr(0, eol + 1);
}

// Pattern match anchored at the start of `path`: '*' matches any run of
// bytes, a final '$' anchors the end, anything else is literal. Greedy
// leftmost matching of the literal pieces between stars is exact for this
// pattern language and takes O(path * pattern) at worst, O(path) typically.
bool Matches(std::string_view path, std::string_view pattern) {
  bool anchored = false;
  if (!pattern.empty() && pattern.back() == '$') {
    anchored = true;
    pattern.remove_suffix(1);
  }
  size_t star = pattern.find('*');
  if (star == std::string_view::npos) {
    return anchored ? path == pattern : path.substr(0, pattern.size()) == pattern;
  }
  std::string_view first = pattern.substr(0, star);
  if (path.substr(0, first.size()) != first) return false;
  size_t pos = first.size();
  pattern.remove_prefix(star + 1);
  while (true) {
    star = pattern.find('*');
    std::string_view piece = pattern.substr(0, star);
    if (star == std::string_view::npos) {  // the last piece
      if (anchored) {
        return path.size() - pos >= piece.size() &&
               path.substr(path.size() - piece.size()) == piece;
      }
      return piece.empty() || path.find(piece, pos) != std::string_view::npos;
    }
    if (!piece.empty()) {
      size_t at = path.find(piece, pos);
      if (at == std::string_view::npos) return false;
      pos = at + piece.size();
    }
    pattern.remove_prefix(star + 1);
  }
}

std::optional<double> ParseDelay(std::string_view value) {
  if (value.empty() || value.size() > 32) return std::nullopt;
  std::string copy(value);
  char* end = nullptr;
  double d = std::strtod(copy.c_str(), &end);
  if (end == copy.c_str() || !std::isfinite(d) || d < 0) return std::nullopt;
  // Allow trailing junk like "10s" but not a number that is only a prefix
  // of something else entirely ("1e999" was caught by isfinite).
  return d;
}

}  // namespace

std::string RobotsProductToken(std::string_view user_agent) {
  user_agent = Strip(user_agent);
  size_t end = 0;
  while (end < user_agent.size() && user_agent[end] != '/' && !IsAsciiSpace(user_agent[end])) {
    ++end;
  }
  return std::string(user_agent.substr(0, end));
}

bool IsValidRobotsToken(std::string_view token) {
  return !token.empty() && ExtractAgent(token).size() == token.size();
}

std::string RobotsMatchPath(std::string_view url) {
  size_t search_start = 0;
  if (url.size() >= 2 && url[0] == '/' && url[1] == '/') search_start = 2;
  size_t early_path = url.find_first_of("/?;", search_start);
  size_t protocol_end = url.find("://", search_start);
  if (early_path < protocol_end) protocol_end = std::string_view::npos;  // not a scheme
  protocol_end = protocol_end == std::string_view::npos ? search_start : protocol_end + 3;
  size_t path_start = url.find_first_of("/?;", protocol_end);
  if (path_start == std::string_view::npos) return "/";
  size_t hash = url.find('#', search_start);
  if (hash < path_start) return "/";
  size_t path_end = hash == std::string_view::npos ? url.size() : hash;
  std::string out;
  if (url[path_start] != '/') out = "/";
  out.append(url.substr(path_start, path_end - path_start));
  return out;
}

Result<std::string> RobotsCrawlUrl(std::string_view url) {
  auto normal = NormalizeUrl(url);
  if (!normal.ok()) return normal.status();
  return normal->spec();
}

std::string EscapeRobotsPattern(std::string_view src) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(src.size());
  for (size_t i = 0; i < src.size(); ++i) {
    const auto c = static_cast<unsigned char>(src[i]);
    if (c == '%' && i + 2 < src.size() && IsHex(src[i + 1]) && IsHex(src[i + 2])) {
      out.push_back('%');
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(src[i + 1]))));
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(src[i + 2]))));
      i += 2;
    } else if (c & 0x80) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

RobotsFetchRule RobotsRuleForFetch(int http_status) {
  if (http_status >= 200 && http_status <= 299) return RobotsFetchRule::kParse;
  // 429 Too Many Requests is a server-side condition, treated like 5xx
  // (as Google does), so an overloaded site is not crawled at full speed.
  if (http_status == 429) return RobotsFetchRule::kDisallowAll;
  if (http_status >= 400 && http_status <= 499) return RobotsFetchRule::kAllowAll;
  return RobotsFetchRule::kDisallowAll;
}

std::vector<RobotsLine> ReportRobotsLines(std::string_view body) {
  bool truncated = false;
  body = LimitBody(body, &truncated);
  std::vector<RobotsLine> lines;
  ForEachLine(body, [&](int num, std::string_view raw, bool too_long) {
    RobotsLine line;
    line.line_num = num;
    line.is_line_too_long = too_long;
    KeyValue kv = SplitLine(raw, &line);
    if (line.has_directive) {
      line.key.assign(kv.key);
      line.tag = ClassifyKey(kv.key, &line.is_acceptable_typo);
      const bool is_pattern = line.tag != RobotsLine::Tag::kUserAgent &&
                              line.tag != RobotsLine::Tag::kSitemap;
      line.value = is_pattern ? EscapeRobotsPattern(kv.value) : std::string(kv.value);
    }
    lines.push_back(std::move(line));
  });
  return lines;
}

RobotsPolicy RobotsPolicy::DisallowAll() {
  RobotsPolicy p;
  p.disallow_all_ = true;
  return p;
}

RobotsPolicy RobotsPolicy::Parse(std::string_view body) {
  using Tag = RobotsLine::Tag;
  RobotsPolicy p;
  body = LimitBody(body, &p.truncated_);
  Group* current = nullptr;
  bool separator = false;  // an Allow/Disallow since the group began
  ForEachLine(body, [&](int, std::string_view raw, bool) {
    RobotsLine meta;
    KeyValue kv = SplitLine(raw, &meta);
    if (!meta.has_directive) return;
    bool typo = false;
    Tag tag = ClassifyKey(kv.key, &typo);
    switch (tag) {
      case Tag::kUserAgent: {
        if (current == nullptr || separator) {
          p.groups_.emplace_back();
          current = &p.groups_.back();
          separator = false;
        }
        // "*" or "* anything" is the global group (Google's leniency).
        if (!kv.value.empty() && kv.value[0] == '*' &&
            (kv.value.size() == 1 || IsAsciiSpace(kv.value[1]))) {
          current->global = true;
        } else {
          current->agents.emplace_back(ExtractAgent(kv.value));
        }
        return;
      }
      case Tag::kAllow:
      case Tag::kDisallow: {
        separator = true;
        if (current == nullptr) return;  // rules before any User-agent
        std::string pattern = EscapeRobotsPattern(kv.value);
        if (pattern.empty()) return;  // matches nothing that matters
        if (tag == Tag::kAllow) {
          // Google: "Allow: /d/index.html" also allows "/d/" itself.
          size_t slash = pattern.rfind('/');
          if (slash != std::string::npos &&
              std::string_view(pattern).substr(slash).starts_with("/index.htm")) {
            current->rules.push_back({true, pattern.substr(0, slash + 1) + "$"});
          }
        }
        current->rules.push_back({tag == Tag::kAllow, std::move(pattern)});
        return;
      }
      // Sitemap and other lines do not end a group's User-agent lines
      // (RFC 9309: only rules do; Google changed to this in 2022).
      case Tag::kSitemap:
        if (!kv.value.empty()) p.sitemaps_.emplace_back(kv.value);
        return;
      case Tag::kUnused:
      case Tag::kUnknown:
        if (current != nullptr && (StartsWithIgnoreCase(kv.key, "crawl-delay") ||
                                   StartsWithIgnoreCase(kv.key, "crawldelay"))) {
          if (auto d = ParseDelay(kv.value)) {
            current->crawl_delay = std::max(current->crawl_delay.value_or(0.0), *d);
          }
        }
        return;
    }
  });
  return p;
}

bool RobotsPolicy::NamesAgent(const Group& g, std::string_view token) const {
  for (const std::string& a : g.agents) {
    if (EqualsIgnoreCase(a, token)) return true;
  }
  return false;
}

bool RobotsPolicy::Allowed(std::string_view token, std::string_view url) const {
  return AllowedPath(token, RobotsMatchPath(url));
}

bool RobotsPolicy::AllowedPath(std::string_view token, std::string_view path_query) const {
  if (disallow_all_) return false;
  size_t hash = path_query.find('#');
  if (hash != std::string_view::npos) path_query = path_query.substr(0, hash);
  std::string path(path_query);
  if (path.empty() || path[0] != '/') path.insert(path.begin(), '/');
  // Best match length per kind; -1 = none.
  long allow_specific = -1, disallow_specific = -1, allow_global = -1, disallow_global = -1;
  bool named = false;
  for (const Group& g : groups_) {
    const bool specific = NamesAgent(g, token);
    if (specific) {
      named = true;
    } else if (!g.global) {
      continue;
    }
    for (const Rule& r : g.rules) {
      if (!Matches(path, r.pattern)) continue;
      const long len = static_cast<long>(r.pattern.size());
      long& best = specific ? (r.allow ? allow_specific : disallow_specific)
                            : (r.allow ? allow_global : disallow_global);
      best = std::max(best, len);
    }
  }
  if (allow_specific > 0 || disallow_specific > 0) return disallow_specific <= allow_specific;
  // A group names us but has no matching rule: the `*` rules do not apply.
  if (named) return true;
  if (allow_global > 0 || disallow_global > 0) return disallow_global <= allow_global;
  return true;
}

std::optional<double> RobotsPolicy::CrawlDelay(std::string_view token) const {
  if (disallow_all_) return std::nullopt;
  std::optional<double> specific, global;
  bool named = false;
  for (const Group& g : groups_) {
    const bool is_named = NamesAgent(g, token);
    named = named || is_named;
    if (!g.crawl_delay) continue;
    std::optional<double>& slot = is_named ? specific : global;
    if (is_named || g.global) slot = std::max(slot.value_or(0.0), *g.crawl_delay);
  }
  return named ? specific : global;
}

}  // namespace newsarc::crawler
