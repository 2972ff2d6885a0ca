#include "extract/byline.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "extract/metadata.h"

namespace newsarc::extract {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(ParseBylineLineTest, ChineseLabels) {
  Byline b = ParseBylineLine("2021-11-15 15:06 来源: 郑州日报");
  EXPECT_EQ(b.source, "郑州日报");
  ASSERT_TRUE(b.date.has_value());
  EXPECT_EQ(FormatIso(*b.date), "2021-11-15T15:06");
  EXPECT_EQ(ParseBylineLine("【责任编辑:蔡东海】").editor, "蔡东海");
  EXPECT_EQ(ParseBylineLine("编辑 刘晓阳 校对 李铭").editor, "刘晓阳");
  EXPECT_THAT(ParseBylineLine("作者：刘玺东、易赛楠").authors, ElementsAre("刘玺东", "易赛楠"));
  EXPECT_THAT(ParseBylineLine("澎湃新闻记者 段彦超 廖艳").authors, ElementsAre("段彦超", "廖艳"));
  EXPECT_THAT(ParseBylineLine("记者 张三 北京报道").authors, ElementsAre("张三"));
  Byline s = ParseBylineLine("2019-09-26 12:11 来源：证券时报网 作者：李在山");
  EXPECT_EQ(s.source, "证券时报网");
  EXPECT_THAT(s.authors, ElementsAre("李在山"));
  Byline n = ParseBylineLine("石佳/中国青年报");
  EXPECT_THAT(n.authors, ElementsAre("石佳"));
  EXPECT_EQ(n.source, "中国青年报");
}

TEST(ParseBylineLineTest, ProseIsNotAByline) {
  EXPECT_THAT(ParseBylineLine("记者了解到，该项目已经停工").authors, IsEmpty());
  EXPECT_THAT(ParseBylineLine("(作者单位:郑州市委市直机关工委)").authors, IsEmpty());
  EXPECT_TRUE(ParseBylineLine("编辑部的同事们正在开会，讨论明年的计划。").editor.empty());
  // A photo credit names a photographer, not an author.
  EXPECT_THAT(ParseBylineLine("10月4日，旅游专列开往襄阳。 通讯员刘娟 摄").authors, IsEmpty());
}

TEST(ParseBylineLineTest, EnglishLabels) {
  EXPECT_EQ(ParseBylineLine("Source: Reuters").source, "Reuters");
  EXPECT_EQ(ParseBylineLine("Edited by Mary Major").editor, "Mary Major");
}

TEST(ParseEnglishBylineTest, Names) {
  EXPECT_THAT(ParseEnglishByline("By Jane Doe and John Roe"), ElementsAre("Jane Doe", "John Roe"));
  EXPECT_THAT(ParseEnglishByline("By Jane Doe, John Roe and Ann Poe | Reuters"),
              ElementsAre("Jane Doe", "John Roe", "Ann Poe"));
  EXPECT_THAT(ParseEnglishByline("BY JANE DOE, Staff Writer"), ElementsAre("JANE DOE"));
  EXPECT_THAT(ParseEnglishByline("By Ludwig van Beethoven Nov. 15, 2021"),
              ElementsAre("Ludwig van Beethoven"));
  EXPECT_THAT(ParseEnglishByline("By the end of the year, prices rose."), IsEmpty());
  EXPECT_THAT(ParseEnglishByline("By Monday the river had risen."), IsEmpty());
  EXPECT_THAT(ParseEnglishByline("By 2030 the city will grow."), IsEmpty());
  EXPECT_THAT(ParseEnglishByline("By REUTERS"), IsEmpty());
}

TEST(ParseSignatureTest, ClosingSignatures) {
  EXPECT_THAT(ParseSignature("(赵惠玲)"), ElementsAre("赵惠玲"));
  EXPECT_THAT(ParseSignature("（记者 张三）"), ElementsAre("张三"));
  EXPECT_THAT(ParseSignature("（化名）"), IsEmpty());
  EXPECT_THAT(ParseSignature("(Reuters)"), IsEmpty());
  EXPECT_THAT(ParseTrailingSignature("南美站活动将先后在巴西举行。（张巨峰）"),
              ElementsAre("张巨峰"));
  EXPECT_THAT(ParseTrailingSignature("图为启动仪式。（刘通摄）"), IsEmpty());
  EXPECT_THAT(ParseTrailingSignature("小花（化名）说她很害怕"), IsEmpty());
}

TEST(LooksLikeMetadataLineTest, MetadataLines) {
  for (const char* line : {
           "By Jane Doe and John Roe",
           "By Jane Doe, Staff Writer",
           "Updated 3:05 PM ET",
           "Updated: Nov. 15, 2021",
           "Published November 15, 2021",
           "Photo: John Roe/Reuters",
           "(Photo by Jane Doe/Getty Images)",
           "Source: Reuters",
           "Edited by Mary Major",
           "2021-11-15 15:06 来源: 郑州日报",
           "来源: 郑州日报",
           "【责任编辑:蔡东海】",
           "(赵惠玲)",
           "记者 张三 李四",
           "2021年11月15日 15:06",
           "Nov. 15, 2021 3:05 PM",
           "图/新华社",
           "编辑 刘晓阳 校对 李铭",
       }) {
    EXPECT_TRUE(LooksLikeMetadataLine(line)) << line;
  }
}

TEST(LooksLikeMetadataLineTest, ProseIsKept) {
  for (const char* line : {
           "By the end of the year, prices had risen by a third.",
           "By Monday the river had risen two metres.",
           "Updated figures show the economy grew 2% in the third quarter.",
           "The source of the leak was never found.",
           "Published in 1851, Moby-Dick sold poorly at first.",
           "On 15 November 2021 the council met to vote on the budget for next year.",
           "记者了解到，该项目已于2021年11月15日停工。",
           "市直机关必须把政治建设摆在首位,着力打造坚强有力的政治机关。",
           "来源于群众的意见，是我们改进工作的依据。",
           "编辑部的同事们正在开会，讨论明年的计划。",
           "Photographers lined the street as the motorcade passed.",
           "",
       }) {
    EXPECT_FALSE(LooksLikeMetadataLine(line)) << line;
  }
}

}  // namespace
}  // namespace newsarc::extract

namespace newsarc::extract {
namespace {

// Issue 3 (publication dates): a line with a modification date and a
// publication date gives the publication one, whichever comes first.
TEST(ParseBylineLineTest, ModificationLabelYieldsToThePublicationDate) {
  Byline de = ParseBylineLine(
      "Letzte \xC3\x84nderung: 31.10.2023 - 14:49:39 Erschienen am: 01.11.2023", false);
  ASSERT_TRUE(de.date.has_value());
  EXPECT_EQ(de.date->DayString(), "2023-11-01");
  Byline en = ParseBylineLine("Updated: March 5, 2021 | Published: March 1, 2021");
  ASSERT_TRUE(en.date.has_value());
  EXPECT_EQ(en.date->DayString(), "2021-03-01");
  Byline first = ParseBylineLine("Published: March 1, 2021 | Updated: March 5, 2021");
  ASSERT_TRUE(first.date.has_value());
  EXPECT_EQ(first.date->DayString(), "2021-03-01");
}

}  // namespace
}  // namespace newsarc::extract
