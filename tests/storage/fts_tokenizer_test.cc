#include "storage/fts_tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsarc::storage {
namespace {

// "token@begin-end" with "+" for a token at the previous one's position.
std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> out;
  TokenizeForSearch(text, [&](const FtsToken& t) {
    out.push_back((t.colocated ? "+" : "") + std::string(t.folded) + "@" +
                  std::to_string(t.begin) + "-" + std::to_string(t.end));
    EXPECT_EQ(std::string(text.substr(t.begin, t.end - t.begin)).empty(), false);
    return true;
  });
  return out;
}

TEST(FtsTokenizerTest, WordsAreFoldedAndPunctuationIsDropped) {
  EXPECT_EQ(Tokens("The Harbour, re-opened!"),
            (std::vector<std::string>{"the@0-3", "harbour@4-11", "re@13-15", "opened@16-22"}));
  // NFKC case folding: ß -> ss, full-width Latin -> ASCII, Greek final sigma.
  std::vector<std::string> folded;
  TokenizeForSearch("Straße ＡＢＣ ΟΔΟΣ", [&](const FtsToken& t) {
    folded.emplace_back(t.folded);
    return true;
  });
  EXPECT_EQ(folded, (std::vector<std::string>{"strasse", "abc", "οδοσ"}));
}

TEST(FtsTokenizerTest, ChineseWordsComeWithTheirCharacters) {
  // ICU segments 记者 as a word: the word, then each character, the first
  // at the word's position (byte offsets are UTF-8).
  std::vector<std::string> t = Tokens("记者从");
  ASSERT_GE(t.size(), 3u);
  EXPECT_EQ(t[0], "记者@0-6");
  EXPECT_EQ(t[1], "+记@0-3");
  EXPECT_EQ(t[2], "者@3-6");
  // Every character of a CJK run gets a position of its own, whatever the
  // segmentation, so any substring is a phrase of characters.
  std::string chars;
  TokenizeForSearch("新华社记者报道。", [&](const FtsToken& tok) {
    if (tok.end - tok.begin == 3) chars += std::string(tok.folded) + (tok.colocated ? "+" : " ");
    return true;
  });
  EXPECT_NE(chars.find("新"), std::string::npos);
  int positions = 0;
  TokenizeForSearch("新华社记者报道。", [&](const FtsToken& tok) {
    if (!tok.colocated) ++positions;
    return true;
  });
  // 7 characters, each its own position (words share their first character's).
  EXPECT_EQ(positions, 7);
}

TEST(FtsTokenizerTest, HostileInputIsTotal) {
  std::string junk = "\xff\xfe valid \xc3\x28 \xe2\x82 text\x80";
  std::vector<std::string> words;
  TokenizeForSearch(junk, [&](const FtsToken& t) {
    EXPECT_LE(t.end, junk.size());
    EXPECT_LT(t.begin, t.end);
    words.emplace_back(t.folded);
    return true;
  });
  EXPECT_NE(std::find(words.begin(), words.end(), "valid"), words.end());
  int n = 0;
  TokenizeForSearch("", [&](const FtsToken&) { return ++n > 0; });
  TokenizeForSearch("  ,,, !!! ", [&](const FtsToken&) { return ++n > 0; });
  EXPECT_EQ(n, 0);
  // Stops when asked.
  TokenizeForSearch("one two three", [&](const FtsToken&) { return ++n < 2; });
  EXPECT_EQ(n, 2);
}

}  // namespace
}  // namespace newsarc::storage
