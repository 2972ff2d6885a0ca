// Token diffs and the cosmetic-change classifier, in English and Chinese.
#include "audit/text_diff.h"

#include <gtest/gtest.h>

#include "audit/article_diff.h"
#include "audit/text_tokens.h"

namespace newsarc::audit {
namespace {

using storage::ArticleRecord;

std::string Old(const TextDiff& d) {
  std::string s;
  for (const DiffOp& op : d.ops) {
    if (op.kind != DiffOpKind::kInsert) s += op.text;
  }
  return s;
}
std::string New(const TextDiff& d) {
  std::string s;
  for (const DiffOp& op : d.ops) {
    if (op.kind != DiffOpKind::kDelete) s += op.text;
  }
  return s;
}

TEST(TextTokensTest, SplitsWordsNumbersAndChineseCharacters) {
  std::vector<std::string> got;
  for (const Token& t : Tokenize("Flood at 12:30, 1,234 views. 北京下雨")) got.emplace_back(t.text);
  std::vector<std::string> want = {"Flood", " ", "at", " ", "12:30", ",", " ", "1,234",
                                   " ",     "views", ".", " ", "北", "京", "下", "雨"};
  EXPECT_EQ(got, want);
  // Junk bytes are tokens too: concatenation gives the input back.
  std::string junk = "a\xff\xfe b\xe4\xb8";
  std::string back;
  for (const Token& t : Tokenize(junk)) back += t.text;
  EXPECT_EQ(back, junk);
}

TEST(TextDiffTest, WordLevelEnglishEdit) {
  const std::string a = "The council met on Tuesday to discuss the flood.\nIt rained.";
  const std::string b = "The council met on Wednesday to discuss the flood defences.\nIt rained.";
  TextDiff d = DiffText(a, b);
  EXPECT_EQ(Old(d), a);
  EXPECT_EQ(New(d), b);
  EXPECT_EQ(d.words_removed, 1);  // Tuesday
  EXPECT_EQ(d.words_added, 2);    // Wednesday, defences
  EXPECT_EQ(d.changes, 2);
  // A weekday is a date word: that change alone is cosmetic; "defences" is not.
  EXPECT_EQ(d.cosmetic_changes, 1);
  EXPECT_FALSE(d.cosmetic_only());
}

TEST(TextDiffTest, CharacterLevelChinese) {
  const std::string a = "市政府今天宣布新的防洪计划。";
  const std::string b = "市政府昨天宣布新的抗洪计划。";
  TextDiff d = DiffText(a, b);
  EXPECT_EQ(Old(d), a);
  EXPECT_EQ(New(d), b);
  EXPECT_EQ(d.words_removed, 2);  // 今, 防
  EXPECT_EQ(d.words_added, 2);    // 昨, 抗
  EXPECT_FALSE(d.cosmetic_only());
}

TEST(TextDiffTest, IdenticalTextHasNoChanges) {
  TextDiff d = DiffText("same text", "same text");
  EXPECT_FALSE(d.changed());
  ASSERT_EQ(d.ops.size(), 1u);
  EXPECT_EQ(d.ops[0].kind, DiffOpKind::kEqual);
}

// Issue 6 end to end: the whitespace around a replaced word is unchanged,
// so the diff shows "[-publish-]{+withhold+}", not "[- publish-]{+ withhold+}".
TEST(TextDiffTest, ReplacedWordKeepsItsSpaces) {
  TextDiff d = DiffText("The mayor promised officers to publish the full cost.",
                        "The mayor refused officers to withhold the full cost.");
  std::vector<std::string> changed;
  for (const DiffOp& op : d.ops) {
    if (op.kind != DiffOpKind::kEqual) changed.push_back(op.text);
  }
  EXPECT_EQ(changed, (std::vector<std::string>{"promised", "refused", "publish", "withhold"}));
  EXPECT_EQ(d.words_added, 2);
  EXPECT_EQ(d.words_removed, 2);
}

struct CosmeticCase {
  const char* name;
  const char* before;
  const char* after;
  bool cosmetic;
};

TEST(TextDiffTest, ClassifiesCosmeticChanges) {
  const CosmeticCase cases[] = {
      {"whitespace", "The  flood\nwarning stands.", "The flood warning  stands.", true},
      {"updated stamp", "Updated 12:30 GMT. Rain fell.", "Updated 14:05 GMT. Rain fell.", true},
      {"iso date", "Last modified 2024-05-01. Rain.", "Last modified 2024-05-03. Rain.", true},
      {"view counter", "Rain fell. 1,234 views", "Rain fell. 1,302 views", true},
      {"relative time", "Posted 3 hours ago. Rain.", "Posted 5 hours ago. Rain.", true},
      {"month day", "Published May 5, 2024. Rain.", "Published May 6, 2024. Rain.", true},
      {"chinese date", "发布时间：2024年5月1日。大雨。", "发布时间：2024年5月2日。大雨。", true},
      {"chinese counter", "大雨。阅读 1234 次", "大雨。阅读 1302 次", true},
      {"figure in text", "At least 5 people died.", "At least 50 people died.", false},
      // Issue 13: a number in the article's sentences is content, even beside
      // a time unit or a measure word; counters and stamps stay cosmetic.
      {"duration", "Boil the eggs for about 5-8 minutes.", "Boil the eggs for about 6-8 minutes.",
       false},
      {"single digit", "The vote was 5 to 4.", "The vote was 6 to 4.", false},
      {"price", "Tickets cost 12 euros.", "Tickets cost 15 euros.", false},
      {"hours in text", "The siege lasted 3 hours.", "The siege lasted 4 hours.", false},
      {"chinese toll", "事故造成5人死亡。", "事故造成6人死亡。", false},
      {"minutes ago", "Rain fell. Updated 3 minutes ago", "Rain fell. Updated 7 minutes ago", true},
      {"days ago", "Rain fell. 2 days ago", "Rain fell. 3 days ago", true},
      {"chinese views", "大雨。浏览量 1234", "大雨。浏览量 1302", true},
      {"word changed", "The mayor resigned.", "The mayor did not resign.", false},
      {"chinese edit", "五人死亡。", "五十人死亡。", false},
      {"stamp and edit", "Updated 12:30. Rain fell.", "Updated 14:05. Snow fell.", false},
      // Issue 6 end to end: an ISO 8601 stamp tokenizes as "2026-11-20", "T09", ...
      {"iso timestamp", "Rain. 2026-11-20T09:15Z", "Rain. 2026-11-21T14:40Z", true},
  };
  for (const auto& c : cases) {
    TextDiff d = DiffText(c.before, c.after);
    EXPECT_TRUE(d.changed()) << c.name;
    EXPECT_EQ(d.cosmetic_only(), c.cosmetic) << c.name;
    EXPECT_EQ(New(d), c.after) << c.name;
  }
}

TEST(ArticleDiffTest, ClassifiesWholeArticles) {
  ArticleRecord a;
  a.url = "https://news.example/a";
  a.title = "Flood warning";
  a.modified = "2024-05-01T10:00:00Z";
  a.authors = {"Ann Lee"};
  a.text = "Rain fell all night.\nUpdated 10:00.";
  ArticleRecord stamp = a;
  stamp.modified = "2024-05-01T12:00:00Z";
  stamp.text = "Rain fell all night.\nUpdated 12:00.";
  ArticleDiff d = DiffArticles(a, stamp);
  EXPECT_EQ(d.kind, ChangeKind::kCosmetic);
  EXPECT_EQ(d.substantive_words, 0);

  ArticleRecord edited = stamp;
  edited.title = "Flood warning lifted";
  d = DiffArticles(a, edited);
  EXPECT_EQ(d.kind, ChangeKind::kSubstantive);
  EXPECT_EQ(d.substantive_words, 1);  // "lifted"

  // A changed date field is cosmetic, and its ops say so (issue 6 end to
  // end: renderers mark it "(cosmetic)").
  ArticleRecord published = a;
  published.published = "2026-11-21T14:40Z";
  d = DiffArticles(a, published);
  EXPECT_EQ(d.kind, ChangeKind::kCosmetic);
  for (const FieldDiff& f : d.fields) {
    if (f.field != "published") continue;
    EXPECT_TRUE(f.diff.cosmetic_only());
    for (const DiffOp& op : f.diff.ops) {
      EXPECT_TRUE(op.kind == DiffOpKind::kEqual || op.cosmetic) << op.text;
    }
  }

  ArticleRecord byline = a;
  byline.authors = {"Ann Lee", "Bo Chen"};
  EXPECT_EQ(DiffArticles(a, byline).kind, ChangeKind::kSubstantive);
  EXPECT_EQ(DiffArticles(a, a).kind, ChangeKind::kUnchanged);
  EXPECT_TRUE(SameArticleContent(a, a));
  EXPECT_EQ(ArticleWords(a), 2 + 6);  // title + text words ("10:00" is one)
}

}  // namespace
}  // namespace newsarc::audit
