#include "extract/byline.h"

#include <algorithm>
#include <cstdint>

#include "base/strings.h"
#include "extract/meta_tags.h"

namespace newsarc::extract {
namespace {

enum class Field { kAuthor, kSource, kEditor, kDate, kPhoto };

struct Label {
  std::string_view text;
  Field field;
  bool ascii;  // English label: needs a word boundary and a colon or "by"
};

// Longest first where one label contains another ("责任编辑" before "编辑").
constexpr Label kLabels[] = {
    {"责任编辑", Field::kEditor, false}, {"本文来源", Field::kSource, false},
    {"文章来源", Field::kSource, false}, {"新闻来源", Field::kSource, false},
    {"稿件来源", Field::kSource, false}, {"信息来源", Field::kSource, false},
    {"图片来源", Field::kPhoto, false},  {"稿源", Field::kSource, false},
    {"来源", Field::kSource, false},     {"编辑", Field::kEditor, false},
    {"编审", Field::kEditor, false},     {"校对", Field::kEditor, false},
    {"作者", Field::kAuthor, false},     {"记者", Field::kAuthor, false},
    {"撰文", Field::kAuthor, false},     {"撰稿", Field::kAuthor, false},
    {"通讯员", Field::kAuthor, false},   {"发布时间", Field::kDate, false},
    {"发表时间", Field::kDate, false},   {"更新时间", Field::kDate, false},
    {"时间", Field::kDate, false},       {"日期", Field::kDate, false},
    {"摄影", Field::kPhoto, false},      {"Source", Field::kSource, true},
    {"Edited by", Field::kEditor, true}, {"Editor", Field::kEditor, true},
    {"Author", Field::kAuthor, true},    {"Written by", Field::kAuthor, true},
};

// One code point of UTF-8 at i (U+FFFD and length 1 for a bad byte).
uint32_t DecodeUtf8(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (n == 1 || i + static_cast<size_t>(n) > s.size()) {
    *len = 1;
    return 0xFFFD;
  }
  uint32_t cp = c & (0x3F >> (n - 1));
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = static_cast<size_t>(n);
  return cp;
}

bool IsHan(uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF);
}

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || IsAsciiUpper(c); }

// Separators between a label and its value.
size_t SkipLabelSeparators(std::string_view s, size_t p) {
  while (p < s.size()) {
    size_t len = 0;
    uint32_t cp = DecodeUtf8(s, p, &len);
    if (cp == ' ' || cp == ':' || cp == 0xFF1A /*：*/ || cp == 0x3000 || cp == 0xA0 || cp == '/' ||
        cp == 0xFF0F || cp == '|' || cp == 0xFF5C || cp == '\t' || cp == 0x2002 || cp == 0x2003) {
      p += len;
    } else {
      break;
    }
  }
  return p;
}

// Characters that end a value.
bool IsValueEnd(uint32_t cp, bool allow_space) {
  if (!allow_space && (cp == ' ' || cp == 0x3000 || cp == 0xA0 || cp == '\t')) return true;
  switch (cp) {
    case '|':
    case 0xFF5C:
    case ')':
    case 0xFF09:
    case ']':
    case 0x3011:
    case 0x300B:
    case 0x3002:
    case 0xFF0C:
    case 0xFF1B:
    case ';':
    case '\n':
    case 0x2002:
    case 0x2003:
      return true;
    default:
      return false;
  }
}

bool HasHan(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    if (IsHan(DecodeUtf8(s, i, &len))) return true;
    i += len;
  }
  return false;
}

std::string TrimPunct(std::string_view v) {
  std::string s = CollapseSpace(v);
  // Trailing ASCII punctuation and a few CJK ones.
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    for (std::string_view p :
         {",", ".", ":", "-", "—", "，", "。", "：", "、", "》", "】", "）", ")"}) {
      if (s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0) {
        s.resize(s.size() - p.size());
        while (!s.empty() && s.back() == ' ') s.pop_back();
        changed = true;
      }
    }
  }
  for (std::string_view p : {"【", "（", "(", "《", "["}) {
    if (s.compare(0, p.size(), p) == 0) s.erase(0, p.size());
  }
  return s;
}

// Position of the first label occurrence at or after `from`; npos if none.
size_t FindLabel(std::string_view s, size_t from, const Label** found) {
  for (size_t i = from; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    for (const Label& l : kLabels) {
      if (s[i] != l.text[0] || s.compare(i, l.text.size(), l.text) != 0) continue;
      if (l.ascii) {
        if (i > 0 && IsAsciiLetter(s[i - 1])) continue;
        size_t e = i + l.text.size();
        // "Source:" / "Editor:"; "Edited by X" / "Written by X" need no colon.
        bool by_form = l.text.size() > 3 && l.text.substr(l.text.size() - 3) == " by";
        if (!by_form && (e >= s.size() || s[e] != ':')) continue;
        if (by_form && (e >= s.size() || s[e] != ' ')) continue;
      }
      *found = &l;
      return i;
    }
  }
  return std::string_view::npos;
}

// Words that stand where a name would and are not one: the outlet's own
// desk ("本报"), roles ("通讯员"), credits of work ("整合", "编译") and
// words of a page's furniture ("新闻", "手记", "训练营").
bool IsNotAName(std::string_view n) {
  static constexpr std::string_view kWords[] = {
      "本报", "本台", "本网", "本站", "通讯员", "实习生", "见习记者", "记者", "整合", "综合",
      "编译", "报道", "采写", "新闻", "文章", "手记", "训练营", "小编", "网友", "编辑部",
      "客户端", "特约", "专栏", "评论员", "图文", "视频", "来源", "原创", "转载",
  };
  for (std::string_view w : kWords) {
    if (n == w) return true;
  }
  return false;
}

// "记者 张三 李四" / "作者：刘玺东、易赛楠" / "记者张三报道".
std::vector<std::string> ChineseNames(std::string_view v) {
  std::vector<std::string> names;
  std::string cur;
  bool stop = false;
  bool photo = false;
  auto flush = [&] {
    std::string n = TrimPunct(cur);
    cur.clear();
    if (stop) return;
    // "张三报道" (no space) keeps the name; a separate "北京报道" or
    // "北京电" token is a place and ends the list.
    for (std::string_view tail : {"报道", "摄影", "摄", "发自", "电", "讯"}) {
      if (n.size() >= tail.size() && n.compare(n.size() - tail.size(), tail.size(), tail) == 0) {
        stop = true;
        // "通讯员刘娟 摄", "（刘通摄）": a photographer, not an author.
        if (tail == "摄" || tail == "摄影") {
          names.clear();
          photo = true;
          return;
        }
        if (!names.empty()) return;
        n.resize(n.size() - tail.size());
        break;
      }
    }
    size_t cps = CodePoints(n);
    if (cps >= 2 && cps <= 6 && !IsNotAName(n)) names.push_back(n);
  };
  for (size_t i = 0; i < v.size() && !stop;) {
    size_t len = 0;
    uint32_t cp = DecodeUtf8(v, i, &len);
    if (IsHan(cp) || cp == 0xB7 /*·*/ || cp == 0x2022) {
      cur.append(v.substr(i, len));
    } else if (cp == 0x3001 /*、*/ || cp == ' ' || cp == 0x3000 || cp == 0xA0 || cp == ',' ||
               cp == 0xFF0C) {
      if (!cur.empty()) flush();
      if (names.size() >= 6) break;
    } else {
      break;
    }
    i += len;
  }
  if (!cur.empty()) flush();
  // "张三 摄" written apart.
  if (!photo && !stop) {
    std::string_view rest = v;
    while (!rest.empty() && (rest.back() == ' ')) rest.remove_suffix(1);
    if (rest.size() >= 3 && (rest.substr(rest.size() - 3) == "摄")) names.clear();
  }
  return names;
}

// Value text from p: up to the next label, a value end, or the end.
std::string_view ValueAt(std::string_view s, size_t p, bool allow_space) {
  const Label* next = nullptr;
  size_t stop = FindLabel(s, p, &next);
  if (stop == std::string_view::npos) stop = s.size();
  size_t i = p;
  while (i < stop) {
    size_t len = 0;
    uint32_t cp = DecodeUtf8(s, i, &len);
    if (IsValueEnd(cp, allow_space)) break;
    // A date starts: the value ends.
    if (cp >= '0' && cp <= '9' && i > p && ParseDate(s.substr(i, 40)).has_value() &&
        FindDates(s.substr(i, 40)).size() == 1 && FindDates(s.substr(i, 40))[0].begin == 0) {
      break;
    }
    i += len;
  }
  return s.substr(p, i - p);
}

bool IsNameWord(std::string_view w) {
  if (w.empty()) return false;
  static constexpr std::string_view kParticles[] = {"de", "van", "von", "der", "den", "da",
                                                    "di", "del", "la",  "le",  "bin", "al"};
  for (std::string_view p : kParticles) {
    if (w == p) return true;
  }
  unsigned char c = static_cast<unsigned char>(w[0]);
  if (c < 0x80 && !IsAsciiUpper(w[0])) return false;
  // All-caps words are fine ("JANE DOE"), digits are not.
  for (char ch : w) {
    if (ch >= '0' && ch <= '9') return false;
  }
  return true;
}

bool IsCalendarWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "Monday",  "Tuesday",   "Wednesday", "Thursday",  "Friday",   "Saturday", "Sunday",
      "January", "February",  "March",     "April",     "May",      "June",     "July",
      "August",  "September", "October",   "November",  "December", "Jan",      "Feb",
      "Mar",     "Apr",       "Jun",       "Jul",       "Aug",      "Sep",      "Sept",
      "Oct",     "Nov",       "Dec",       "Christmas", "Easter"};
  for (std::string_view k : kWords) {
    if (w == k) return true;
  }
  return false;
}

}  // namespace

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::vector<std::string> ParseEnglishByline(std::string_view line) {
  std::string text = CollapseSpace(line);
  std::string_view s = text;
  if (s.size() > 200) return {};
  if (!(StartsWithIgnoreCase(s, "by ") || StartsWithIgnoreCase(s, "by:"))) return {};
  s.remove_prefix(3);
  s = TrimAscii(s);
  if (!s.empty() && s[0] == ':') s = TrimAscii(s.substr(1));
  // Cut at the usual trailers: "| Reuters", " - ", ", Staff Writer", a date.
  for (std::string_view cut : {"|", " - ", " – ", " — ", "•", "·", " on ", " for ", "Updated",
                               "Published", "Posted", "\n"}) {
    size_t at = s.find(cut);
    if (at != std::string_view::npos) s = s.substr(0, at);
  }
  std::vector<DateMatch> dates = FindDates(s);
  if (!dates.empty()) s = s.substr(0, dates[0].begin);
  std::vector<std::string> names;
  std::string cur;
  size_t words_in_name = 0;
  auto flush = [&]() -> bool {
    if (cur.empty()) return true;
    if (words_in_name > 5) return false;
    names.push_back(cur);
    cur.clear();
    words_in_name = 0;
    return true;
  };
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != ',' && s[j] != '&') ++j;
    std::string_view w = s.substr(i, j - i);
    if (w.empty()) {
      if (j < s.size()) {  // ',' or '&'
        if (!flush()) return {};
        i = j + 1;
        continue;
      }
      break;
    }
    if (w == "and" || w == "And" || w == "AND") {
      if (cur.empty() || !flush()) return {};
      i = j;
      continue;
    }
    // A role after the comma ("Jane Doe, Staff Writer") ends the byline.
    if (IsCalendarWord(w) || !IsNameWord(w)) {
      if (names.empty() && cur.empty()) return {};
      // lower-case words after a full name: a sentence, not a byline,
      // unless a comma separated them (a role or place).
      if (!cur.empty()) return {};
      break;
    }
    if (!cur.empty()) cur += ' ';
    cur += std::string(w);
    ++words_in_name;
    i = j;
  }
  if (!flush()) return {};
  // Drop names that are roles or outlets: a single all-caps word like
  // "REUTERS" or "AP" is an outlet.
  std::vector<std::string> out;
  for (std::string& n : names) {
    bool all_caps = n.find(' ') == std::string::npos &&
                    std::all_of(n.begin(), n.end(), [](char c) { return !(c >= 'a' && c <= 'z'); });
    if (all_caps && n.size() <= 8) continue;
    if (n.find("Staff") != std::string::npos || n.find("Writer") != std::string::npos ||
        n.find("Correspondent") != std::string::npos || n.find("Reporter") != std::string::npos ||
        n.find("Editor") != std::string::npos) {
      continue;
    }
    out.push_back(std::move(n));
  }
  return out;
}

std::vector<std::string> ParseSignature(std::string_view line) {
  std::string s = CollapseSpace(line);
  std::string_view v = s;
  bool open = false;
  for (std::string_view o : {"(", "（"}) {
    if (v.substr(0, o.size()) == o) {
      v.remove_prefix(o.size());
      open = true;
      break;
    }
  }
  if (!open) return {};
  bool closed = false;
  for (std::string_view c : {")", "）"}) {
    if (v.size() >= c.size() && v.substr(v.size() - c.size()) == c) {
      v.remove_suffix(c.size());
      closed = true;
      break;
    }
  }
  if (!closed) return {};
  v = TrimAscii(v);
  for (std::string_view label : {"记者", "作者", "文", "编译"}) {
    if (v.substr(0, label.size()) == label) {
      v = std::string_view(v).substr(label.size());
      v = v.substr(SkipLabelSeparators(v, 0));
      break;
    }
  }
  if (v.empty() || CodePoints(v) > 16) return {};
  // Only names: Han characters and separators.
  for (size_t i = 0; i < v.size();) {
    size_t len = 0;
    uint32_t cp = DecodeUtf8(v, i, &len);
    if (!IsHan(cp) && cp != 0x3001 && cp != ' ' && cp != 0xB7 && cp != 0x3000 && cp != 0xFF0C) {
      return {};
    }
    i += len;
  }
  std::vector<std::string> names = ChineseNames(v);
  static constexpr std::string_view kNotNames[] = {"化名", "待续", "未完待续", "下同",   "资料图",
                                                   "图片", "视频", "截图",     "原标题", "同上",
                                                   "完",   "注",   "编者按",   "记者",   "通讯员"};
  for (const std::string& n : names) {
    if (CodePoints(n) > 4) return {};
    for (std::string_view bad : kNotNames) {
      if (n == bad) return {};
    }
  }
  return names;
}

std::vector<std::string> ParseTrailingSignature(std::string_view line) {
  std::string s = CollapseSpace(line);
  if (s.size() < 6) return {};
  bool closes = s.compare(s.size() - 3, 3, "）") == 0 || s.back() == ')';
  if (!closes) return {};
  size_t open = s.rfind("（");
  size_t open_ascii = s.rfind('(');
  if (open == std::string::npos || (open_ascii != std::string::npos && open_ascii > open)) {
    open = open_ascii;
  }
  if (open == std::string::npos) return {};
  if (open == 0) return ParseSignature(s);
  // Only after the end of a sentence: "……举行。（张巨峰）".
  std::string_view before = std::string_view(s).substr(0, open);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  bool sentence_end = false;
  for (std::string_view e : {"。", "！", "？", "”", "」", ".", "!", "?"}) {
    if (before.size() >= e.size() && before.substr(before.size() - e.size()) == e) {
      sentence_end = true;
    }
  }
  if (!sentence_end) return {};
  return ParseSignature(std::string_view(s).substr(open));
}

namespace {

// Which of a line's dates is the publication: the first one not labelled
// as a modification ("Letzte Änderung: 31.10.2023 ... Erschienen am:
// 01.11.2023" gives the second). The first when all are so labelled.
size_t PublishedDateIndex(std::string_view s, const std::vector<DateMatch>& dates) {
  size_t from = 0;
  for (size_t i = 0; i < dates.size(); ++i) {
    if (!HasModifiedLabel(s.substr(from, dates[i].begin - from))) return i;
    from = dates[i].end;
  }
  return 0;
}

}  // namespace

Byline ParseBylineLine(std::string_view line, bool month_first) {
  Byline out;
  std::string text = CollapseSpace(line);
  std::string_view s = text;
  if (CodePoints(s) > 160) return out;
  const Label* label = nullptr;
  size_t pos = FindLabel(s, 0, &label);
  bool any_label = pos != std::string_view::npos;
  while (pos != std::string_view::npos) {
    const Label* cur = label;
    size_t label_end = pos + cur->text.size();
    // "来源于：X" is still a label.
    if (s.substr(label_end, 6) == "于：" || s.substr(label_end, 4) == "于:") label_end += 3;
    size_t vstart = SkipLabelSeparators(s, label_end);
    // A Chinese label must be followed by a separator or a name: "编辑部"
    // or "来源于" are words, not labels.
    bool separated = vstart > label_end;
    bool usable = true;
    if (!cur->ascii) {
      std::string_view after = s.substr(label_end);
      for (std::string_view w : {"部",   "于",   "自", "室", "组",   "者",   "们",   "的",   "单位",
                                 "简介", "介绍", "是", "在", "了解", "获悉", "注意", "发现", "采访",
                                 "表示", "看到", "从", "向", "对",   "也",   "还",   "们"}) {
        if (after.substr(0, w.size()) == w) usable = false;
      }
      if (!separated && cur->field != Field::kAuthor) usable = false;
    }
    if (usable) {
      bool ascii_value = vstart < s.size() && !HasHan(ValueAt(s, vstart, true));
      std::string_view value = ValueAt(s, vstart, /*allow_space=*/ascii_value);
      std::string v = TrimPunct(value);
      if (ascii_value) {
        // English values: at most a few words.
        size_t words = static_cast<size_t>(std::count(v.begin(), v.end(), ' ')) + 1;
        if (words > 6) v.clear();
      }
      switch (cur->field) {
        case Field::kSource:
          if (out.source.empty() && !v.empty() && CodePoints(v) <= 40) out.source = v;
          break;
        case Field::kEditor:
          if (out.editor.empty() && !v.empty() && CodePoints(v) <= 30) out.editor = v;
          break;
        case Field::kAuthor:
          if (out.authors.empty() && !v.empty()) {
            if (HasHan(v)) {
              // "记者了解到，..." is prose: an unseparated label needs a
              // short line.
              if (separated || CodePoints(s) <= 30) {
                out.authors = ChineseNames(ValueAt(s, vstart, /*allow_space=*/true));
              }
            } else if (CodePoints(v) <= 60) {
              std::vector<std::string> en = ParseEnglishByline("By " + v);
              out.authors = en;
            }
          }
          break;
        case Field::kDate:
        case Field::kPhoto:
          break;
      }
    }
    pos = FindLabel(s, pos + cur->text.size(), &label);
  }
  std::vector<DateMatch> dates = FindDates(s, month_first);
  if (!dates.empty()) {
    const DateMatch& date = dates[PublishedDateIndex(s, dates)];
    // A dateline: the date must be the main content of the line, or come
    // with labels, not a date mentioned in a sentence.
    size_t rest = CodePoints(s) - CodePoints(s.substr(date.begin, date.end - date.begin));
    // Or it is announced: "Veröffentlicht am 12.03.2020 von Max Muster".
    bool announced = false;
    if (CodePoints(s) <= 100) {
      std::string lower = AsciiLower(s);
      for (std::string_view w : {"published", "posted", "veröffentlicht", "publié", "publicado",
                                 "pubblicato", "erstellt", "erschienen", "gepostet", "geschrieben",
                                 "written", "created", "date:", "datum:", "stand:"}) {
        if (lower.find(w) != std::string::npos) announced = true;
      }
    }
    if (any_label || announced || rest <= 24) out.date = date.date;
  }
  if (out.authors.empty() && !any_label) {
    out.authors = ParseEnglishByline(s);
  }
  // "石佳/中国青年报": a reporter's name and the outlet.
  if (!any_label && out.authors.empty() && CodePoints(s) <= 20) {
    size_t slash = s.find('/');
    size_t slash_len = 1;
    if (slash == std::string_view::npos) {
      slash = s.find("／");
      slash_len = 3;
    }
    if (slash != std::string_view::npos) {
      std::string_view name = TrimAscii(s.substr(0, slash));
      std::string_view outlet = TrimAscii(s.substr(slash + slash_len));
      std::vector<std::string> names = ChineseNames(name);
      bool all_han = !outlet.empty() && HasHan(outlet);
      for (size_t i = 0; i < outlet.size() && all_han;) {
        size_t len = 0;
        all_han = IsHan(DecodeUtf8(outlet, i, &len));
        i += len;
      }
      size_t ncp = CodePoints(name), ocp = CodePoints(outlet);
      if (names.size() == 1 && ncp >= 2 && ncp <= 4 && all_han && ocp >= 2 && ocp <= 12) {
        out.authors = names;
        out.source = std::string(outlet);
      }
    }
  }
  return out;
}

bool IsMetadataLine(std::string_view line) {
  std::string text = CollapseSpace(line);
  std::string_view s = text;
  if (s.empty()) return false;
  size_t cps = CodePoints(s);
  if (cps > 160) return false;
  bool han = HasHan(s);
  // Sentence-final punctuation in a long line means prose.
  auto ends_like_sentence = [&] {
    for (std::string_view e : {"。", "！", "？", ".", "!", "?", "\""}) {
      if (s.size() >= e.size() && s.substr(s.size() - e.size()) == e) return true;
    }
    return false;
  };
  // 1. Bracketed editor/source lines and signatures.
  if (!ParseSignature(s).empty()) return true;
  // 2. English bylines and credit prefixes.
  if (!han) {
    if (!ParseEnglishByline(s).empty() && cps <= 120) return true;
    static constexpr std::string_view kPrefixes[] = {"Updated",
                                                     "Published",
                                                     "Posted",
                                                     "Last updated",
                                                     "Last modified",
                                                     "Modified",
                                                     "First published",
                                                     "Photo:",
                                                     "Photo by",
                                                     "Photos:",
                                                     "Photograph:",
                                                     "Photograph by",
                                                     "Image:",
                                                     "Image credit",
                                                     "Picture:",
                                                     "Credit:",
                                                     "Credits:",
                                                     "Source:",
                                                     "Editor:",
                                                     "Edited by",
                                                     "Reporting by",
                                                     "Writing by",
                                                     "Additional reporting",
                                                     "Compiled by",
                                                     "Written by",
                                                     "Author:",
                                                     "Copyright",
                                                     "(Photo",
                                                     "(Image",
                                                     "(Reporting",
                                                     "Publish date:",
                                                     "Publication date:",
                                                     "Date:",
                                                     // The same credits and stamps in the
                                                     // other languages of the dev sets.
                                                     "Foto:",
                                                     "Fotos:",
                                                     "Foto's:",
                                                     "Bild:",
                                                     "Bilder:",
                                                     "Titelbild:",
                                                     "Titelfoto:",
                                                     "Bildquelle:",
                                                     "Bildnachweis:",
                                                     "Fotocredit:",
                                                     "Quelle:",
                                                     "Quellen:",
                                                     "Fuente:",
                                                     "Fonte:",
                                                     "Źródło:",
                                                     "Crédit photo",
                                                     "Crédits photo",
                                                     "Photo :",
                                                     "Autor:",
                                                     "Autorin:",
                                                     "Auteur :",
                                                     "Auteur:",
                                                     "Aktualisiert am",
                                                     "Aktualisiert:",
                                                     "Veröffentlicht am",
                                                     "Erschienen am",
                                                     "Erschienen in",
                                                     "Publié le",
                                                     "Mis à jour le",
                                                     "Publicado el",
                                                     "Actualizado el",
                                                     "Pubblicato il",
                                                     "Aggiornato il"};
    for (std::string_view p : kPrefixes) {
      if (StartsWithIgnoreCase(s, p) && cps <= 140) {
        // "Updated" must be followed by a time/date or a colon, not prose.
        if (p == "Updated" || p == "Published" || p == "Posted" || p == "Modified") {
          std::string_view rest = TrimAscii(s.substr(p.size()));
          if (!rest.empty() && rest[0] == ':') return true;
          if (!FindDates(rest).empty() || ParseDate(rest).has_value()) return true;
          // "Updated 3:05 PM ET", "Updated 2 hours ago"
          if (!rest.empty() && rest[0] >= '0' && rest[0] <= '9' && cps <= 60) return true;
          if (StartsWithIgnoreCase(rest, "on ") || StartsWithIgnoreCase(rest, "at ")) {
            return cps <= 60;
          }
          continue;
        }
        if (p == "Copyright") return cps <= 100 && !ends_like_sentence();
        return true;
      }
    }
    // A dateline with a stamp after a bar: "New Delhi, Bureau | Updated : 19 November 2019".
    for (std::string_view bar : {"| Updated", "| Published", "| Posted", "| Last updated"}) {
      size_t at = s.find(bar);
      if (at != std::string_view::npos && cps <= 120 &&
          !FindDates(s.substr(at + bar.size())).empty()) {
        return true;
      }
    }
    // "/ Getty Images" style credits.
    for (std::string_view credit : {"Getty Images", "/AP", "/Reuters", "/AFP", "Shutterstock",
                                    "(AP Photo", "/ AP", "/ Reuters"}) {
      if (s.find(credit) != std::string_view::npos && cps <= 80 && !ends_like_sentence()) {
        return true;
      }
    }
  }
  // 3. Labelled Chinese/English fields (来源/责任编辑/记者/Source:).
  Byline b = ParseBylineLine(s);
  if (!b.source.empty() || !b.editor.empty()) return cps <= (han ? 80 : 120);
  if (!b.authors.empty()) {
    const Label* l = nullptr;
    size_t at = FindLabel(s, 0, &l);
    // "记者 张三" at the start of a short line (not "记者了解到，..." prose).
    if (at != std::string_view::npos && at <= 12 && cps <= 50 && !ends_like_sentence()) return true;
  }
  // 4. A line that is mostly a date/time (with or without labels).
  std::vector<DateMatch> dates = FindDates(s);
  if (!dates.empty()) {
    size_t date_cps = 0;
    for (const DateMatch& d : dates) date_cps += CodePoints(s.substr(d.begin, d.end - d.begin));
    if (cps - date_cps <= 12 && !ends_like_sentence()) return true;
  }
  // 5. Photo credits in Chinese: "图/新华社", "图片来源：视觉中国", "摄影：".
  if (han && cps <= 40) {
    for (std::string_view p : {"图/", "图／", "图片来源", "摄影", "图：", "图片：", "视频来源"}) {
      if (s.substr(0, p.size()) == p) return true;
    }
  }
  return false;
}

namespace {

// Whether the line ends with a source or author label and its colon:
// "时间：2019-09-18 06:23 来源：".
bool EndsWithLabel(std::string_view line) {
  std::string t(TrimAscii(line));
  for (std::string_view colon : {"：", ":"}) {
    if (t.size() >= colon.size() && t.compare(t.size() - colon.size(), colon.size(), colon) == 0) {
      t.resize(t.size() - colon.size());
      break;
    }
  }
  t = std::string(TrimAscii(t));
  for (std::string_view label : {"来源", "稿源", "出处", "來源", "作者", "记者"}) {
    if (t.size() >= label.size() && t.compare(t.size() - label.size(), label.size(), label) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> ParseDatelineReporters(std::string_view line) {
  // The parenthesis opens right after the dateline's "讯" or "电", within
  // the line's first characters: "新华社巴黎12月9日电（记者唐霁）".
  size_t open = std::string_view::npos, open_len = 0;
  for (std::string_view o : {"讯（", "讯(", "电（", "电(", "讯 （", "电 （"}) {
    size_t at = line.find(o);
    if (at != std::string_view::npos && at < open && CodePoints(line.substr(0, at)) <= 30) {
      open = at;
      open_len = o.size();
    }
  }
  if (open == std::string_view::npos) return {};
  std::string_view rest = line.substr(open + open_len);
  size_t close = std::min(rest.find("）"), rest.find(')'));
  if (close == std::string_view::npos || CodePoints(rest.substr(0, close)) > 40) return {};
  std::string inner = CollapseSpace(rest.substr(0, close));
  if (inner.find("记者") == std::string::npos && inner.find("通讯员") == std::string::npos) return {};
  // Labels separate the names: "记者 甲 乙 通讯员 丙", "记者陈智 整合".
  for (std::string_view label : {"见习记者", "记者", "通讯员", "实习生"}) {
    for (size_t at = inner.find(label); at != std::string::npos; at = inner.find(label)) {
      inner.replace(at, label.size(), " ");
    }
  }
  std::vector<std::string> names;
  for (const std::string& n : ChineseNames(TrimAscii(CollapseSpace(inner)))) {
    if (CodePoints(n) <= 4) names.push_back(n);
  }
  return names;
}

bool LooksLikeOutletName(std::string_view w) {
  size_t cps = CodePoints(w);
  if (cps < 2 || cps > 16 || !HasHan(w)) return false;
  for (char c : w) {
    if ((c >= '0' && c <= '9') || c == ':' || c == ' ') return false;
  }
  if (w.find("：") != std::string_view::npos) return false;
  static constexpr std::string_view kSuffixes[] = {
      "社", "报", "网", "台", "刊", "新闻", "日报", "晚报", "周刊", "杂志", "客户端", "频道",
      "在线", "电视台", "广播", "时报", "商报", "早报", "导报", "快报", "观察", "头条",
  };
  for (std::string_view sfx : kSuffixes) {
    if (w.size() > sfx.size() && w.substr(w.size() - sfx.size()) == sfx) return true;
  }
  return false;
}

Byline FindVisibleByline(const GumboNode* root, std::string_view title, bool month_first,
                         const MetadataRules& rules) {
  constexpr size_t kDatelineWindow = 8;
  Byline out;
  if (root == nullptr) return out;
  // Author-like elements first: class/id/itemprop/rel naming an author.
  std::vector<const GumboNode*> stack{root};
  std::vector<std::string> class_authors;
  std::string class_source;
  std::vector<std::string> headings;  // h2..h6 texts
  const GumboNode* h1 = nullptr;
  size_t visited = 0;
  while (!stack.empty() && visited++ < 500000) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    const GumboVector* children = nullptr;
    if (n->type == GUMBO_NODE_DOCUMENT) {
      children = &n->v.document.children;
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      GumboTag tag = n->v.element.tag;
      if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_HEAD) continue;
      if (tag == GUMBO_TAG_H1 && h1 == nullptr) h1 = n;
      if ((tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 ||
           tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6) && headings.size() < 200) {
        headings.push_back(NodeText(n));
      }
      children = &n->v.element.children;
      if (class_source.empty() && rules.source_element) {
        // An element named for the source ("source", "article-source",
        // "laiyuan"), the outlet printed beside the date.
        std::string cls = AsciiLower(std::string(Attr(n, "class")) + " " + std::string(Attr(n, "id")));
        if ((cls.find("source") != std::string::npos && cls.find("resource") == std::string::npos) ||
            cls.find("laiyuan") != std::string::npos) {
          std::string text = CollapseSpace(NodeText(n, false, 200));
          if (!text.empty() && CodePoints(text) <= 40) {
            std::string labelled = ParseBylineLine(text, month_first).source;
            if (!labelled.empty()) {
              class_source = labelled;
            } else if (LooksLikeOutletName(TrimAscii(text))) {
              class_source = std::string(TrimAscii(text));
            }
          }
        }
      }
      if (class_authors.empty()) {
        std::string cls =
            AsciiLower(std::string(Attr(n, "class")) + " " + std::string(Attr(n, "id")) + " " +
                       std::string(Attr(n, "itemprop")) + " " + std::string(Attr(n, "rel")));
        bool authorish =
            cls.find("byline") != std::string::npos || cls.find("author") != std::string::npos;
        bool negative =
            cls.find("comment") != std::string::npos || cls.find("avatar") != std::string::npos ||
            cls.find("bio") != std::string::npos || cls.find("related") != std::string::npos;
        if (authorish && !negative) {
          std::string text = NodeText(n, false, 400);
          if (!text.empty() && CodePoints(text) <= 80) {
            std::vector<std::string> names = ParseEnglishByline(text);
            if (names.empty()) {
              Byline b = ParseBylineLine(text);
              names = b.authors;
            }
            if (names.empty() && CodePoints(text) <= 40 && text.find("http") == std::string::npos &&
                text.find('@') == std::string::npos && text.find(':') == std::string::npos) {
              // A bare name in an author element: "Jane Doe".
              std::string_view t = TrimAscii(text);
              bool han = HasHan(t);
              bool name_like = han ? CodePoints(t) <= 6 : !t.empty() && IsAsciiUpper(t[0]);
              if (StartsWithIgnoreCase(t, "by ") ||
                  std::any_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
                name_like = false;
              }
              if (name_like && std::count(t.begin(), t.end(), ' ') <= 4) {
                names.push_back(std::string(t));
              }
            }
            class_authors = names;
          }
        }
      }
    } else {
      continue;
    }
    for (unsigned i = children->length; i > 0; --i) {
      stack.push_back(static_cast<const GumboNode*>(children->data[i - 1]));
    }
  }

  std::string all = NodeText(root, /*lines=*/true, 4u << 20);
  std::vector<std::string_view> lines;
  for (std::string_view l : Split(all, '\n')) {
    if (!l.empty()) lines.push_back(l);
  }
  // Anchor: the headline's line (article metadata sits right around it).
  std::string anchor_text = h1 ? NodeText(h1) : std::string();
  size_t anchor = 0;
  bool anchored = false;
  for (std::string_view want : {std::string_view(anchor_text), title}) {
    for (size_t i = 0; i < lines.size() && !anchored && !want.empty(); ++i) {
      if (lines[i] == want) {
        anchor = i;
        anchored = true;
      }
    }
  }
  // A title with a suffix the stripping missed ("标题 东区办事处"): the
  // visible line that the title starts with, when it is most of it.
  for (size_t i = 0; i < lines.size() && !anchored && title.size() > 12; ++i) {
    std::string_view l = lines[i];
    if (l.size() >= title.size() * 6 / 10 && l.size() < title.size() &&
        title.substr(0, l.size()) == l && CodePoints(l) >= 8) {
      anchor = i;
      anchored = true;
    }
  }
  // No <h1> and no visible line equal to the title (a <title> naming only
  // the section and site): the headline is the heading right above a
  // dateline, the line with a labelled date or source.
  for (size_t i = 1; rules.headline_above_dateline && h1 == nullptr && !anchored &&
                     i < lines.size() && i < 400;
       ++i) {
    Byline b = ParseBylineLine(lines[i], month_first);
    const Label* l = nullptr;
    if (!b.date || FindLabel(lines[i], 0, &l) == std::string_view::npos) continue;
    std::string_view above = lines[i - 1];
    if (CodePoints(above) < 6 ||
        std::find(headings.begin(), headings.end(), above) == headings.end()) {
      continue;
    }
    anchor = i - 1;
    anchored = true;
    out.headline_by_dateline = true;
  }
  if (anchored) out.headline = std::string(lines[anchor]);
  auto merge = [&](const Byline& b, const char* authors_from) {
    if (out.source.empty() && !b.source.empty()) {
      out.source = b.source;
      out.source_from = "byline";
    }
    if (out.editor.empty()) out.editor = b.editor;
    if (out.authors.empty() && !b.authors.empty()) {
      out.authors = b.authors;
      out.authors_from = authors_from;
    }
    if (!out.date && b.date) out.date = b.date;
  };
  // After the anchor first (a window for dates and sources, which related
  // lists repeat), then the rest.
  size_t window_end = std::min(lines.size(), anchor + (anchored ? 30 : 60));
  for (size_t i = anchor; i < window_end; ++i) {
    Byline b = ParseBylineLine(lines[i], month_first);
    // A label whose value the markup set on the next line: "<i>来源：</i>
    // 山西日报" with the name on a line of its own.
    if (rules.source_on_dateline && b.source.empty() && b.authors.empty() && i + 1 < lines.size() &&
        EndsWithLabel(lines[i]) && CodePoints(lines[i + 1]) <= 30) {
      Byline joined = ParseBylineLine(std::string(lines[i]) + " " + std::string(lines[i + 1]),
                                      month_first);
      if (b.source.empty()) b.source = joined.source;
      if (b.authors.empty()) b.authors = joined.authors;
    }
    // Reporters inside an agency dateline opening the text.
    const char* authors_from = "byline";
    if (rules.dateline_reporters && b.authors.empty() && out.authors.empty() &&
        class_authors.empty()) {
      b.authors = ParseDatelineReporters(lines[i]);
      authors_from = "dateline";
    }
    // The dateline sits right under the headline; dates further down
    // belong to the text or to teasers (measured on htmldate's pages: a
    // window of 8 lines beats 3, 15 and 30). Without a headline to anchor
    // on, no line is known to be the dateline.
    if (!anchored || i >= anchor + kDatelineWindow) b.date.reset();
    merge(b, authors_from);
  }
  // A dateline just above the headline ("Politik | 12.03.2020").
  for (size_t i = anchor; anchored && !out.date && i > 0 && i + 4 > anchor; --i) {
    Byline b = ParseBylineLine(lines[i - 1], month_first);
    if (b.date) out.date = b.date;
  }
  // Still none: a dateline with a two-digit year ("Party, 30.10.23"),
  // which FindDates refuses in running text, when the line around the
  // headline is mostly that date.
  size_t short_end = std::min(lines.size(), anchor + kDatelineWindow);
  for (size_t i = anchor > 3 ? anchor - 3 : 0; anchored && !out.date && i < short_end; ++i) {
    if (i == anchor || !FindDates(lines[i], month_first).empty()) continue;
    std::optional<DateMatch> d = FindShortYearDate(lines[i]);
    if (!d) continue;
    size_t date_cps = CodePoints(lines[i].substr(d->begin, d->end - d->begin));
    if (CodePoints(lines[i]) - date_cps <= 24) out.date = d->date;
  }
  if (!class_authors.empty()) {
    out.authors = class_authors;
    out.authors_from = "author-element";
  }
  // Signatures and editor lines close the article: search the rest.
  for (size_t i = anchor; i < lines.size(); ++i) {
    if (!out.editor.empty() && !out.authors.empty()) break;
    Byline b = ParseBylineLine(lines[i], month_first);
    if (out.editor.empty()) out.editor = b.editor;
    if (out.authors.empty()) {
      std::vector<std::string> sig = ParseTrailingSignature(lines[i]);
      if (!sig.empty()) {
        out.authors = sig;
        out.authors_from = "signature";
      }
    }
    if (out.authors.empty() && !b.authors.empty() && CodePoints(lines[i]) <= 40) {
      out.authors = b.authors;
      out.authors_from = "byline";
    }
  }
  // A credit line closing the article ("来源：无锡交警"): a short line
  // that starts with the label.
  for (size_t i = window_end; i < lines.size() && out.source.empty(); ++i) {
    if (CodePoints(lines[i]) > 40) continue;
    const Label* l = nullptr;
    size_t at = FindLabel(lines[i], 0, &l);
    if (at != std::string_view::npos && l->field == Field::kSource &&
        SkipLabelSeparators(lines[i], 0) + l->text.size() >= at && at <= 6) {
      out.source = ParseBylineLine(lines[i], month_first).source;
      out.source_from = "credit-line";
    }
  }
  // Portals print the outlet unlabelled beside the date under the
  // headline: "原创 南方都市报 2019-09-09 16:01:46".
  for (size_t i = anchor + 1; anchored && out.source.empty() && i < lines.size() && i <= anchor + 3;
       ++i) {
    std::string_view line = lines[i];
    std::vector<DateMatch> dates = FindDates(line, month_first);
    const Label* l = nullptr;
    if (dates.empty() || FindLabel(line, 0, &l) != std::string_view::npos) continue;
    std::string rest =
        std::string(line.substr(0, dates[0].begin)) + " " + std::string(line.substr(dates[0].end));
    std::vector<std::string> words;
    const std::string collapsed = CollapseSpace(rest);  // outlives the views
    for (std::string_view w : Split(collapsed, ' ')) {
      if (w.empty() || w == "原创" || w == "转载" || w == "发布于" || w == "发表于" || w == "|" ||
          w == "·") {
        continue;
      }
      words.emplace_back(w);
    }
    if (words.size() == 1 && CodePoints(words[0]) <= 20 &&
        words[0].find(':') == std::string::npos && words[0].find("：") == std::string::npos) {
      out.source = words[0];
      out.source_from = "outlet-beside-date";
    }
  }
  // The outlet as a line of its own beside the date line under the
  // headline: "<p>新华社</p><p>2020-01-03 18:13</p>".
  for (size_t i = anchor + 1; rules.source_on_dateline && anchored && out.source.empty() &&
                              i < lines.size() && i <= anchor + 4;
       ++i) {
    std::string_view line = TrimAscii(lines[i]);
    if (!LooksLikeOutletName(line)) continue;
    const Label* l = nullptr;
    if (FindLabel(line, 0, &l) != std::string_view::npos) continue;
    auto date_line = [&](size_t j) {
      return j < lines.size() && j != anchor && CodePoints(lines[j]) <= 40 &&
             !FindDates(lines[j], month_first).empty();
    };
    if (date_line(i + 1) || date_line(i - 1)) {
      out.source = std::string(line);
      out.source_from = "outlet-beside-date";
    }
  }
  // No headline to anchor on, or nothing under it: a labelled dateline
  // anywhere ("发布时间：2019-05-18 来源：中国地理学会").
  for (size_t i = 0; rules.source_on_dateline && out.source.empty() && i < lines.size() && i < 2000;
       ++i) {
    if (CodePoints(lines[i]) > 80) continue;
    Byline b = ParseBylineLine(lines[i], month_first);
    if (b.source.empty() || !b.date) continue;
    bool date_label = false;
    for (size_t at = 0; at < lines[i].size() && !date_label;) {
      const Label* l = nullptr;
      size_t found = FindLabel(lines[i], at, &l);
      if (found == std::string_view::npos) break;
      date_label = l->field == Field::kDate;
      at = found + l->text.size();
    }
    if (!date_label) continue;
    out.source = b.source;
    out.source_from = "dateline";
  }
  if (out.source.empty() && !class_source.empty()) {
    out.source = class_source;
    out.source_from = "source-element";
  }
  if (anchored && (out.source.empty() || !out.date)) {
    for (size_t i = 0; i < anchor; ++i) {
      Byline b = ParseBylineLine(lines[i], month_first);
      if (out.source.empty() && !b.source.empty()) {
        out.source = b.source;
        out.source_from = "byline";
      }
    }
  }
  return out;
}

}  // namespace newsarc::extract
