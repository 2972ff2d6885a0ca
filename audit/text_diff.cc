#include "audit/text_diff.h"

#include <dtl/dtl.hpp>

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "audit/text_tokens.h"
#include "base/strings.h"

namespace newsarc::audit {
namespace {

// One edit step over token indexes into the old (`a`) or new (`b`) text.
struct Step {
  DiffOpKind kind;
  size_t index;  // into a for kEqual/kDelete, into b for kInsert
};

// The edit script a -> b. Common prefix and suffix are matched first: edits
// to news articles are local, and dtl's cost grows with the compared length.
// The middle is diffed over non-space tokens only, then the whitespace
// between them is compared in place: otherwise a whitespace token can win a
// tie in the longest common subsequence over a word ("flood\nwarning" vs
// "flood warning  stands" matching the spaces and re-inserting "warning").
std::vector<Step> EditScript(const std::vector<Token>& a, const std::vector<Token>& b) {
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix].text == b[prefix].text) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix].text == b[b.size() - 1 - suffix].text) {
    ++suffix;
  }
  std::vector<Step> steps;
  steps.reserve(a.size() + b.size() - prefix - suffix);
  for (size_t i = 0; i < prefix; ++i) steps.push_back({DiffOpKind::kEqual, i});
  // dtl compares ints: tokens interned to ids, so equality is one compare.
  std::unordered_map<std::string_view, int> ids;
  auto id_of = [&](std::string_view t) {
    return ids.emplace(t, static_cast<int>(ids.size())).first->second;
  };
  std::vector<int> ma, mb;        // ids of the middle's non-space tokens
  std::vector<size_t> ia, ib;     // ... and their indexes in a and b
  for (size_t i = prefix; i < a.size() - suffix; ++i) {
    if (a[i].kind == TokenKind::kSpace) continue;
    ma.push_back(id_of(a[i].text));
    ia.push_back(i);
  }
  for (size_t i = prefix; i < b.size() - suffix; ++i) {
    if (b[i].kind == TokenKind::kSpace) continue;
    mb.push_back(id_of(b[i].text));
    ib.push_back(i);
  }
  size_t pa = prefix, pb = prefix;  // next tokens of a and b not yet placed
  // Places the tokens before a[ea] and b[eb] that are still pending: only
  // whitespace remains there; equal whitespace is unchanged.
  auto gap = [&](size_t ea, size_t eb) {
    bool same = ea - pa == eb - pb;
    for (size_t k = 0; same && k < ea - pa; ++k) same = a[pa + k].text == b[pb + k].text;
    if (same) {
      for (; pa < ea; ++pa, ++pb) steps.push_back({DiffOpKind::kEqual, pa});
      return;
    }
    for (; pa < ea; ++pa) steps.push_back({DiffOpKind::kDelete, pa});
    for (; pb < eb; ++pb) steps.push_back({DiffOpKind::kInsert, pb});
  };
  // Pending whitespace that is the same on both sides stays unchanged, so
  // that "to publish the" -> "to withhold the" replaces "publish", not
  // " publish".
  auto keep_equal_space = [&] {
    size_t ka = pa, kb = pb;
    while (ka < a.size() - suffix && a[ka].kind == TokenKind::kSpace) ++ka;
    while (kb < b.size() - suffix && b[kb].kind == TokenKind::kSpace) ++kb;
    if (ka == pa || ka - pa != kb - pb) return;
    for (size_t k = 0; k < ka - pa; ++k) {
      if (a[pa + k].text != b[pb + k].text) return;
    }
    for (; pa < ka; ++pa, ++pb) steps.push_back({DiffOpKind::kEqual, pa});
  };
  auto del = [&](size_t i) {  // a[i] and the whitespace before it
    keep_equal_space();
    for (; pa <= i; ++pa) steps.push_back({DiffOpKind::kDelete, pa});
  };
  auto ins = [&](size_t i) {
    keep_equal_space();
    for (; pb <= i; ++pb) steps.push_back({DiffOpKind::kInsert, pb});
  };
  if (ma.empty() || mb.empty()) {
    for (size_t i : ia) del(i);
    for (size_t i : ib) ins(i);
  } else {
    dtl::Diff<int, std::vector<int>> d(ma, mb);
    d.compose();
    for (const auto& [elem, info] : d.getSes().getSequence()) {
      (void)elem;
      if (info.type == dtl::SES_COMMON) {
        const size_t x = ia[static_cast<size_t>(info.beforeIdx - 1)];
        const size_t y = ib[static_cast<size_t>(info.afterIdx - 1)];
        gap(x, y);
        steps.push_back({DiffOpKind::kEqual, x});
        ++pa;
        ++pb;
      } else if (info.type == dtl::SES_DELETE) {
        del(ia[static_cast<size_t>(info.beforeIdx - 1)]);
      } else {
        ins(ib[static_cast<size_t>(info.afterIdx - 1)]);
      }
    }
  }
  gap(a.size() - suffix, b.size() - suffix);
  for (size_t i = a.size() - suffix; i < a.size(); ++i) steps.push_back({DiffOpKind::kEqual, i});
  return steps;
}

std::string Lower(std::string_view s) { return AsciiLower(s); }

bool OneOf(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Month and weekday names (English, full or abbreviated), clock and zone
// words: tokens that only occur in dates and times.
bool IsDateWord(std::string_view lower) {
  return OneOf(lower, {"january", "february", "march", "april", "may", "june", "july",
                       "august", "september", "october", "november", "december", "jan",
                       "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                       "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
                       "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur",
                       "thurs", "fri", "sat", "sun", "am", "pm", "utc", "gmt", "bst", "cet",
                       "cest", "est", "edt", "pst", "pdt", "t", "z"});
}

// Characters of Chinese and Japanese dates and times (年 月 日 时 分 秒 点
// 号 周 星期 上午 下午).
bool IsCjkDateChar(std::string_view t) {
  return OneOf(t, {"年", "月", "日", "时", "時", "分", "秒", "点", "點", "号", "號", "周",
                   "週", "星", "期", "上", "下", "午"});
}

// Relative-time words: "3 hours ago" -> "5 hours ago" is a stamp ticking.
bool IsTimeUnit(std::string_view lower) {
  return OneOf(lower, {"second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins",
                       "hour", "hours", "hr", "hrs", "day", "days", "week", "weeks", "month",
                       "months", "year", "years", "ago", "yesterday", "today", "now", "just"});
}

// Words that say the number beside them is a stamp or a counter. A time unit
// alone is not one: "about 5-8 minutes" and "for 3 hours" are durations in
// the article's sentences, content like any other figure; only "ago" makes
// "3 hours ago" a stamp that ticks.
bool IsStampWord(std::string_view lower) {
  return lower == "ago" ||
         OneOf(lower, {"updated", "update", "modified", "edited", "published", "posted",
                       "views", "viewed", "reads", "comments", "shares", "likes", "visits",
                       "visitors", "clicks", "readers", "hits"});
}
// CJK stamp and counter characters: 更新 (updated), 阅读/閱讀 (reads), 浏览
// (views), 评论 (comments), 点击 (clicks), 发布 (published), 赞 (likes). The
// measure words 次 (times) and 人 (people) are not: "死亡5人" is a death toll.
bool IsCjkStampChar(std::string_view t) {
  return OneOf(t, {"更", "新", "阅", "閱", "读", "讀", "浏", "瀏", "览", "覽", "评", "評",
                   "论", "論", "击", "擊", "发", "發", "布", "赞", "讚"});
}

// A number shaped like a date or a clock time: has ':' (12:30) or two
// separators of '-', '/' or '.' (2024-05-01, 01/05/2024, 1.5.2024).
bool IsDateTimeNumber(std::string_view t) {
  if (t.find(':') != std::string_view::npos) return true;
  size_t seps = 0;
  for (char c : t) seps += (c == '-' || c == '/' || c == '.') ? 1 : 0;
  return seps >= 2;
}

// A changed token that is a date or time on its own.
bool IsStrongDateToken(const Token& t) {
  if (t.kind == TokenKind::kNumber) return IsDateTimeNumber(t.text);
  if (t.kind == TokenKind::kWord) {
    std::string lower = Lower(t.text);
    // "12pm", "2024-05-01T12" split oddly: letters+digits mixes such as 12pm.
    if (lower.size() > 2 && (lower.ends_with("am") || lower.ends_with("pm")) &&
        std::isdigit(static_cast<unsigned char>(lower[0]))) {
      return true;
    }
    // The time of an ISO 8601 stamp: "2024-05-01T12:30" tokenizes as
    // "2024-05-01", "T12", ":", "30".
    if (lower.size() >= 2 && lower.size() <= 7 && lower[0] == 't' &&
        std::all_of(lower.begin() + 1, lower.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      return true;
    }
    return IsDateWord(lower);
  }
  if (t.kind == TokenKind::kCjk) return IsCjkDateChar(t.text);
  return false;
}

// A changed token that is cosmetic when its context marks a stamp or counter.
bool IsWeakStampToken(const Token& t) {
  if (t.kind == TokenKind::kNumber) return true;
  if (t.kind == TokenKind::kWord) {
    std::string lower = Lower(t.text);
    if (IsTimeUnit(lower)) return true;
    // "1.2k views", "3rd", "12th": digits with a short suffix.
    return std::isdigit(static_cast<unsigned char>(lower[0])) && lower.size() <= 6;
  }
  return false;
}

bool IsContextMarker(const Token& t) {
  if (t.kind == TokenKind::kWord) return IsStampWord(Lower(t.text)) || IsStrongDateToken(t);
  if (t.kind == TokenKind::kCjk) return IsCjkStampChar(t.text) || IsCjkDateChar(t.text);
  if (t.kind == TokenKind::kNumber) return IsDateTimeNumber(t.text);
  return false;
}

// Classifies one change: the tokens removed and added at one place, and the
// unchanged word tokens on either side (up to three each).
bool IsCosmetic(const std::vector<const Token*>& changed,
                const std::vector<const Token*>& context) {
  bool any_word = false, any_strong = false, all_stampish = true;
  for (const Token* t : changed) {
    if (t->kind == TokenKind::kSpace) continue;
    if (t->kind == TokenKind::kPunctuation) continue;  // "12:30," vs "12:30."
    any_word = true;
    if (IsStrongDateToken(*t)) {
      any_strong = true;
    } else if (!IsWeakStampToken(*t)) {
      all_stampish = false;
    }
  }
  if (!any_word) return true;  // only whitespace or punctuation moved
  if (!all_stampish) return false;
  if (any_strong) return true;
  for (const Token* t : context) {
    if (IsContextMarker(*t)) return true;
  }
  return false;
}

}  // namespace

TextDiff DiffText(std::string_view before, std::string_view after) {
  const std::vector<Token> a = Tokenize(before), b = Tokenize(after);
  const std::vector<Step> steps = EditScript(a, b);
  auto token = [&](const Step& s) -> const Token& {
    return s.kind == DiffOpKind::kInsert ? b[s.index] : a[s.index];
  };

  // Group steps into changes. A change is a maximal run of non-equal steps;
  // two runs separated only by whitespace are one change ("quick brown" ->
  // "slow red" reads better whole).
  struct Change {
    size_t begin, end;  // [begin, end) into steps, including inner whitespace
  };
  std::vector<Change> changes;
  for (size_t i = 0; i < steps.size();) {
    if (steps[i].kind == DiffOpKind::kEqual) {
      ++i;
      continue;
    }
    size_t end = i;
    for (;;) {
      while (end < steps.size() && steps[end].kind != DiffOpKind::kEqual) ++end;
      size_t j = end;
      while (j < steps.size() && steps[j].kind == DiffOpKind::kEqual &&
             token(steps[j]).kind == TokenKind::kSpace) {
        ++j;
      }
      if (j > end && j < steps.size() && steps[j].kind != DiffOpKind::kEqual) {
        end = j;
        continue;
      }
      break;
    }
    changes.push_back({i, end});
    i = end;
  }

  TextDiff out;
  auto emit = [&out](DiffOpKind kind, std::string_view text, bool cosmetic) {
    if (text.empty()) return;
    if (!out.ops.empty() && out.ops.back().kind == kind && out.ops.back().cosmetic == cosmetic) {
      out.ops.back().text.append(text);
    } else {
      out.ops.push_back({kind, std::string(text), cosmetic});
    }
  };
  size_t next = 0;  // next step not yet emitted
  for (const Change& c : changes) {
    for (; next < c.begin; ++next) emit(DiffOpKind::kEqual, token(steps[next]).text, false);
    std::vector<const Token*> changed, context;
    std::string removed, added;
    bool has_delete = false, has_insert = false;
    for (size_t i = c.begin; i < c.end; ++i) {
      const Token& t = token(steps[i]);
      has_delete |= steps[i].kind == DiffOpKind::kDelete;
      has_insert |= steps[i].kind == DiffOpKind::kInsert;
      if (steps[i].kind != DiffOpKind::kInsert) removed.append(t.text);
      if (steps[i].kind != DiffOpKind::kDelete) added.append(t.text);
      if (steps[i].kind == DiffOpKind::kEqual) continue;
      changed.push_back(&t);
      if (CountsAsWord(t)) {
        (steps[i].kind == DiffOpKind::kInsert ? out.words_added : out.words_removed) += 1;
      }
    }
    // Unchanged words on either side (two each): a stamp's label sits next
    // to its value.
    int want = 2;
    for (size_t i = c.begin; i-- > 0 && want > 0;) {
      const Token& t = token(steps[i]);
      if (t.kind == TokenKind::kSpace) continue;
      context.push_back(&t);
      --want;
    }
    want = 2;
    for (size_t i = c.end; i < steps.size() && want > 0; ++i) {
      if (steps[i].kind != DiffOpKind::kEqual) break;
      const Token& t = token(steps[i]);
      if (t.kind == TokenKind::kSpace) continue;
      context.push_back(&t);
      --want;
    }
    const bool cosmetic = IsCosmetic(changed, context);
    ++out.changes;
    if (cosmetic) ++out.cosmetic_changes;
    if (has_delete && has_insert) {
      emit(DiffOpKind::kDelete, removed, cosmetic);
      emit(DiffOpKind::kInsert, added, cosmetic);
    } else {
      // A pure insertion or deletion: the whitespace inside stays unchanged.
      for (size_t i = c.begin; i < c.end; ++i) {
        emit(steps[i].kind, token(steps[i]).text,
             steps[i].kind == DiffOpKind::kEqual ? false : cosmetic);
      }
    }
    next = c.end;
  }
  for (; next < steps.size(); ++next) emit(DiffOpKind::kEqual, token(steps[next]).text, false);
  return out;
}

}  // namespace newsarc::audit
