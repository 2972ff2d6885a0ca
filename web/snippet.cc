#include "web/snippet.h"

#include <algorithm>
#include <utility>

namespace newsarc::web {
namespace {

// One token position: the folded alternatives there and their bytes.
struct Position {
  std::vector<std::string> alternatives;
  size_t begin = 0, end = 0;
};

std::vector<Position> Positions(std::string_view text) {
  std::vector<Position> out;
  storage::TokenizeForSearch(text, [&](const storage::FtsToken& t) {
    if (t.colocated && !out.empty()) {
      // A CJK word comes with its first character at its position: the
      // position stands for that character, so a phrase of characters
      // marks only itself.
      out.back().alternatives.emplace_back(t.folded);
      out.back().begin = t.begin;
      out.back().end = t.end;
    } else {
      out.push_back({{std::string(t.folded)}, t.begin, t.end});
    }
    return true;
  });
  return out;
}

// The query's terms: space-separated words or "quoted phrases" (words
// mode), or the whole query (exact mode).
std::vector<std::string> Terms(std::string_view q, storage::SearchMode mode) {
  std::vector<std::string> out;
  if (mode == storage::SearchMode::kExact) {
    out.emplace_back(q);
    return out;
  }
  size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && (q[i] == ' ' || q[i] == '\t')) ++i;
    if (i >= q.size()) break;
    if (q[i] == '"') {
      size_t close = q.find('"', i + 1);
      out.emplace_back(q.substr(i + 1, close == std::string_view::npos ? q.npos : close - i - 1));
      i = close == std::string_view::npos ? q.size() : close + 1;
    } else {
      size_t j = i;
      while (j < q.size() && q[j] != ' ' && q[j] != '\t') ++j;
      out.emplace_back(q.substr(i, j - i));
      i = j;
    }
  }
  return out;
}

bool Matches(const Position& text, const Position& term, bool prefix) {
  for (const std::string& a : text.alternatives) {
    for (const std::string& b : term.alternatives) {
      if (a == b || (prefix && a.size() > b.size() && a.compare(0, b.size(), b) == 0)) {
        return true;
      }
    }
  }
  return false;
}

// Byte ranges of `text` the query matches, sorted and merged.
std::vector<std::pair<size_t, size_t>> MatchRanges(std::string_view text, std::string_view query,
                                                   storage::SearchMode mode) {
  const std::vector<Position> t = Positions(text);
  std::vector<std::pair<size_t, size_t>> ranges;
  for (const std::string& term : Terms(query, mode)) {
    const std::vector<Position> q = Positions(term);
    if (q.empty() || q.size() > t.size()) continue;
    const bool prefix = mode == storage::SearchMode::kExact;
    for (size_t p = 0; p + q.size() <= t.size(); ++p) {
      bool all = true;
      for (size_t k = 0; k < q.size() && all; ++k) {
        all = Matches(t[p + k], q[k], prefix && k + 1 == q.size());
      }
      if (all) ranges.emplace_back(t[p].begin, t[p + q.size() - 1].end);
    }
  }
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<size_t, size_t>> merged;
  for (const auto& r : ranges) {
    if (!merged.empty() && r.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, r.second);
    } else {
      merged.push_back(r);
    }
  }
  return merged;
}

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::vector<Piece> Mark(std::string_view text, size_t from, size_t to,
                        const std::vector<std::pair<size_t, size_t>>& ranges) {
  std::vector<Piece> out;
  size_t at = from;
  for (const auto& [b, e] : ranges) {
    if (e <= from || b >= to) continue;
    const size_t mb = std::max(b, from), me = std::min(e, to);
    if (mb > at) out.push_back({std::string(text.substr(at, mb - at)), false});
    out.push_back({std::string(text.substr(mb, me - mb)), true});
    at = me;
  }
  if (at < to) out.push_back({std::string(text.substr(at, to - at)), false});
  return out;
}

}  // namespace

std::vector<Piece> Highlight(std::string_view text, std::string_view query,
                             storage::SearchMode mode) {
  return Mark(text, 0, text.size(), MatchRanges(text, query, mode));
}

std::vector<Piece> Snippet(std::string_view text, std::string_view query,
                           storage::SearchMode mode, size_t width) {
  const auto ranges = MatchRanges(text, query, mode);
  size_t from = 0;
  if (!ranges.empty() && ranges.front().first > width / 3) from = ranges.front().first - width / 3;
  size_t to = std::min(text.size(), from + width);
  // Never cut a character, and prefer to start and end at a space.
  while (from > 0 && IsContinuation(text[from])) --from;
  while (to < text.size() && IsContinuation(text[to])) ++to;
  if (from > 0) {
    size_t space = text.find(' ', from);
    if (space != std::string_view::npos && space < from + 24 &&
        (ranges.empty() || space < ranges.front().first)) {
      from = space + 1;
    }
  }
  if (to < text.size()) {
    size_t space = text.rfind(' ', to);
    if (space != std::string_view::npos && space > from && to - space < 24) to = space;
  }
  std::vector<Piece> out;
  if (from > 0) out.push_back({"…", false});
  for (Piece& p : Mark(text, from, to, ranges)) out.push_back(std::move(p));
  if (to < text.size()) out.push_back({"…", false});
  return out;
}

}  // namespace newsarc::web
