#include "audit/version_select.h"

#include <charconv>

#include "audit/article_diff.h"

namespace newsarc::audit {

Result<size_t> SelectVersion(const std::vector<ArticleVersion>& history,
                             std::string_view spec, const char* option) {
  const std::string what = std::string(option) + " \"" + std::string(spec) + "\"";
  // Short all-digit values are row numbers; 4+ digits read as a year or a
  // CDX timestamp (histories of 1000+ captures are addressed by time).
  if (!spec.empty() && spec.size() < 4 &&
      spec.find_first_not_of("0123456789") == std::string_view::npos) {
    size_t n = 0;
    std::from_chars(spec.data(), spec.data() + spec.size(), n);
    if (n < 1 || n > history.size()) {
      return Status::InvalidArgument(what, "no such version: the history has rows 1 to " +
                                               std::to_string(history.size()));
    }
    if (!history[n - 1].article) {
      return Status::InvalidArgument(
          what, "capture " + std::to_string(n) + " (HTTP " +
                    std::to_string(history[n - 1].capture.status) + ") has no article");
    }
    return n - 1;
  }
  std::optional<Micros> t = ParseTimeArg(spec);
  if (!t) {
    return Status::InvalidArgument(
        what, "expected a history row number or a time (2024-05-01, 2024-05-01T12:00:00Z, "
              "20240501120000)");
  }
  std::optional<size_t> found;
  for (size_t i = 0; i < history.size(); ++i) {
    if (history[i].capture.date > *t) break;
    if (history[i].article) found = i;
  }
  if (!found) {
    return Status::InvalidArgument(what, "no version with an article was captured by then");
  }
  return *found;
}

namespace {

bool Differs(const ArticleVersion& a, const ArticleVersion& b) {
  return !SameArticleContent(*a.article, *b.article);
}

// The latest position before `to` whose article differs from `to`'s.
std::optional<size_t> PreviousDifferent(const std::vector<ArticleVersion>& h, size_t to) {
  for (size_t i = to; i-- > 0;) {
    if (h[i].article && Differs(h[i], h[to])) return i;
  }
  return std::nullopt;
}

}  // namespace

Result<std::pair<size_t, size_t>> SelectDiffPair(const std::vector<ArticleVersion>& history,
                                                 const std::string& from,
                                                 const std::string& to) {
  std::optional<size_t> f, t;
  if (!from.empty()) {
    Result<size_t> r = SelectVersion(history, from, "--from");
    if (!r.ok()) return r.status();
    f = *r;
  }
  if (!to.empty()) {
    Result<size_t> r = SelectVersion(history, to, "--to");
    if (!r.ok()) return r.status();
    t = *r;
  }
  if (f && t) return std::make_pair(*f, *t);
  if (t) {
    std::optional<size_t> p = PreviousDifferent(history, *t);
    if (!p) return Status::NotFound("--to " + to, "no earlier version differs from it");
    return std::make_pair(*p, *t);
  }
  if (f) {
    for (size_t i = history.size(); i-- > 0;) {
      if (history[i].article) return std::make_pair(*f, i);
    }
  }
  // Default: the last change.
  for (size_t i = history.size(); i-- > 0;) {
    if (!history[i].article) continue;
    if (std::optional<size_t> p = PreviousDifferent(history, i)) return std::make_pair(*p, i);
  }
  return Status::NotFound("diff", "no two versions of the article differ");
}

}  // namespace newsarc::audit
