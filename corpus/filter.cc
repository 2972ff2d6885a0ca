#include "corpus/filter.h"

#include "base/strings.h"

namespace newsarc::corpus {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// The end (exclusive) of the period that `text` names: the next year, month
// or day for a date without time, else one microsecond after it.
std::optional<Micros> EndOfPeriod(std::string_view text) {
  auto start = ParsePublicationDate(text);
  if (!start) return std::nullopt;
  text = TrimAscii(text);
  if (text.size() == 4 && AllDigits(text)) {
    int y = std::stoi(std::string(text));
    return DaysFromCivil(y + 1, 1, 1) * 86400 * int64_t{1000000};
  }
  if (text.size() == 7 && text[4] == '-') {
    int y = std::stoi(std::string(text.substr(0, 4)));
    unsigned m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
    if (m == 12) return DaysFromCivil(y + 1, 1, 1) * 86400 * int64_t{1000000};
    return DaysFromCivil(y, m + 1, 1) * 86400 * int64_t{1000000};
  }
  if (text.size() == 10) return *start + 86400 * int64_t{1000000};
  return *start + 1;
}

}  // namespace

std::optional<Micros> ParsePublicationDate(std::string_view text) {
  std::string t(TrimAscii(text));
  if (t.empty()) return std::nullopt;
  // "2021-11-15 15:06" -> "2021-11-15T15:06"
  if (t.size() > 10 && t[10] == ' ') t[10] = 'T';
  if (auto v = ParseIsoDate(t)) return v;
  // A time without a zone: read it as UTC.
  if (t.size() > 10 && t[10] == 'T') {
    if (auto v = ParseIsoDate(t + "Z")) return v;
    if (t.size() == 16) {
      if (auto v = ParseIsoDate(t + ":00Z")) return v;
    }
  }
  return std::nullopt;
}

Result<CorpusFilter> CorpusFilter::Create(const CorpusFilterOptions& options) {
  CorpusFilter f;
  f.options_ = options;
  if (!options.since.empty()) {
    f.since_ = ParsePublicationDate(options.since);
    if (!f.since_) {
      return Status::InvalidArgument("--since " + options.since,
                                     "not an ISO 8601 date (e.g. 2026-11-21)");
    }
  }
  if (!options.until.empty()) {
    f.until_end_ = EndOfPeriod(options.until);
    if (!f.until_end_) {
      return Status::InvalidArgument("--until " + options.until,
                                     "not an ISO 8601 date (e.g. 2026-11-21)");
    }
  }
  for (const auto& s : options.sites) {
    std::string host = AsciiLower(TrimAscii(s));
    while (!host.empty() && host.back() == '.') host.pop_back();
    if (host.empty() || host.find('/') != std::string::npos) {
      return Status::InvalidArgument("--site " + s, "expected a host name such as example.com");
    }
    f.sites_.push_back(host);
  }
  for (const auto& l : options.languages) {
    std::string lang = AsciiLower(TrimAscii(l));
    if (lang.empty()) return Status::InvalidArgument("--lang", "empty language tag");
    f.languages_.push_back(lang);
  }
  if (options.min_chars < 0) {
    return Status::InvalidArgument("--min-chars", "must not be negative");
  }
  if (!options.match.empty()) {
    try {
      f.match_ = std::make_shared<const std::regex>(options.match, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return Status::InvalidArgument("--match " + options.match, e.what());
    }
  }
  return f;
}

bool CorpusFilter::Accept(const CorpusArticle& a) const {
  if (a.char_count < options_.min_chars) return false;
  if (!sites_.empty()) {
    std::string host = UrlHost(a.final_url.empty() ? a.url : a.final_url);
    bool ok = false;
    for (const auto& s : sites_) {
      if (host == s || (host.size() > s.size() && host.ends_with(s) &&
                        host[host.size() - s.size() - 1] == '.')) {
        ok = true;
        break;
      }
    }
    if (!ok) return false;
  }
  if (!languages_.empty()) {
    std::string lang = AsciiLower(a.language);
    bool ok = false;
    for (const auto& l : languages_) {
      if (lang == l || (lang.size() > l.size() && lang.starts_with(l) &&
                        (lang[l.size()] == '-' || lang[l.size()] == '_'))) {
        ok = true;
        break;
      }
    }
    if (!ok) return false;
  }
  if (since_ || until_end_) {
    std::optional<Micros> t;
    if (options_.by == DateBasis::kCapture) {
      t = a.capture_time;
    } else {
      t = ParsePublicationDate(a.published);
    }
    if (!t) return false;
    if (since_ && *t < *since_) return false;
    if (until_end_ && *t >= *until_end_) return false;
  }
  if (match_) {
    if (!std::regex_search(a.final_url, *match_) &&
        !(!a.canonical_url.empty() && std::regex_search(a.canonical_url, *match_))) {
      return false;
    }
  }
  return true;
}

}  // namespace newsarc::corpus
