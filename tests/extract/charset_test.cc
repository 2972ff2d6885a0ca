// Charset sniffing and decoding: every WHATWG path (BOM, HTTP charset, meta
// prescan, detector, default), GB18030 for GBK labels, mislabelled UTF-8,
// invalid bytes, the WHATWG label table and the html5lib prescan cases.
#include "extract/charset.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace newsarc::extract {
namespace {

// "中国新闻网报道：今天天气很好，我们去公园散步。" in GBK.
constexpr std::string_view kGbk =
    "\xD6\xD0\xB9\xFA\xD0\xC2\xCE\xC5\xCD\xF8\xB1\xA8\xB5\xC0\xA3\xBA\xBD\xF1\xCC\xEC\xCC\xEC"
    "\xC6\xF8\xBA\xDC\xBA\xC3\xA3\xAC\xCE\xD2\xC3\xC7\xC8\xA5\xB9\xAB\xD4\xB0\xC9\xA2\xB2\xBD"
    "\xA1\xA3";
constexpr std::string_view kGbkUtf8 = "中国新闻网报道：今天天气很好，我们去公园散步。";
// "臺灣新聞報導：今天天氣很好，我們去公園散步。" in Big5.
constexpr std::string_view kBig5 =
    "\xBB\x4F\xC6\x57\xB7\x73\xBB\x44\xB3\xF8\xBE\xC9\xA1\x47\xA4\xB5\xA4\xD1\xA4\xD1\xAE\xF0"
    "\xAB\xDC\xA6\x6E\xA1\x41\xA7\xDA\xAD\xCC\xA5\x68\xA4\xBD\xB6\xE9\xB4\xB2\xA8\x42\xA1\x43";
constexpr std::string_view kBig5Utf8 = "臺灣新聞報導：今天天氣很好，我們去公園散步。";
// "日本のニュース：今日は天気がいいので、公園を散歩します。" in Shift_JIS.
constexpr std::string_view kSjis =
    "\x93\xFA\x96\x7B\x82\xCC\x83\x6A\x83\x85\x81\x5B\x83\x58\x81\x46\x8D\xA1\x93\xFA\x82\xCD"
    "\x93\x56\x8B\x43\x82\xAA\x82\xA2\x82\xA2\x82\xCC\x82\xC5\x81\x41\x8C\xF6\x89\x80\x82\xF0"
    "\x8E\x55\x95\xE0\x82\xB5\x82\xDC\x82\xB7\x81\x42";
constexpr std::string_view kSjisUtf8 = "日本のニュース：今日は天気がいいので、公園を散歩します。";
// "Новости России: сегодня хорошая погода, мы идём гулять в парк." in windows-1251.
constexpr std::string_view kCp1251 =
    "\xCD\xEE\xE2\xEE\xF1\xF2\xE8\x20\xD0\xEE\xF1\xF1\xE8\xE8\x3A\x20\xF1\xE5\xE3\xEE\xE4\xED"
    "\xFF\x20\xF5\xEE\xF0\xEE\xF8\xE0\xFF\x20\xEF\xEE\xE3\xEE\xE4\xE0\x2C\x20\xEC\xFB\x20\xE8"
    "\xE4\xB8\xEC\x20\xE3\xF3\xEB\xFF\xF2\xFC\x20\xE2\x20\xEF\xE0\xF0\xEA\x2E";
constexpr std::string_view kCp1251Utf8 =
    "Новости России: сегодня хорошая погода, мы идём гулять в парк.";

// A page without any declaration, the text repeated so a detector has
// enough to go on.
std::string UndeclaredPage(std::string_view text, int repeat = 12) {
  std::string html = "<html><head><title>t</title></head><body>";
  for (int i = 0; i < repeat; ++i) {
    html += "<p>";
    html += text;
    html += "</p>\n";
  }
  return html + "</body></html>";
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(CharsetTest, MetaCharsetGbkDecodesAsGb18030) {
  std::string html = "<html><head><meta charset=\"gb2312\"></head><body><p>" +
                     std::string(kGbk) + "</p></body></html>";
  DecodedHtml d = DecodeHtml(html, "");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_EQ(d.source, "meta");
  EXPECT_NE(d.utf8.find(kGbkUtf8), std::string::npos);
}

TEST(CharsetTest, Gb18030OnlyCharacterDecodes) {
  // U+20087 is in GB18030 (four bytes 0x95 0x32 0x90 0x31) but not in GBK.
  DecodedHtml d = DecodeHtml("<meta charset=gbk><p>\x95\x32\x90\x31</p>", "");
  EXPECT_NE(d.utf8.find("\xF0\xA0\x82\x87"), std::string::npos);
}

TEST(CharsetTest, HttpCharsetBig5) {
  std::string html = "<html><body><p>" + std::string(kBig5) + "</p></body></html>";
  DecodedHtml d = DecodeHtml(html, "text/html; charset=Big5");
  EXPECT_EQ(d.charset, "big5");
  EXPECT_EQ(d.source, "http");
  EXPECT_NE(d.utf8.find(kBig5Utf8), std::string::npos);
}

TEST(CharsetTest, HttpCharsetBeatsMeta) {
  std::string html = "<meta charset=\"windows-1252\"><p>" + std::string(kCp1251) + "</p>";
  DecodedHtml d = DecodeHtml(html, "text/html;charset=\"windows-1251\"");
  EXPECT_EQ(d.charset, "windows-1251");
  EXPECT_NE(d.utf8.find(kCp1251Utf8), std::string::npos);
}

TEST(CharsetTest, MetaHttpEquivShiftJis) {
  std::string html =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"
      "</head><body>" + std::string(kSjis) + "</body></html>";
  DecodedHtml d = DecodeHtml(html, "");
  EXPECT_EQ(d.charset, "shift_jis");
  EXPECT_EQ(d.source, "meta");
  EXPECT_NE(d.utf8.find(kSjisUtf8), std::string::npos);
}

TEST(CharsetTest, DetectorFindsUndeclaredShiftJis) {
  DecodedHtml d = DecodeHtml(UndeclaredPage(kSjis), "");
  EXPECT_EQ(d.source, "detector");
  EXPECT_EQ(d.charset, "shift_jis");
  EXPECT_NE(d.utf8.find(kSjisUtf8), std::string::npos);
}

TEST(CharsetTest, DetectorFindsUndeclaredWindows1251) {
  DecodedHtml d = DecodeHtml(UndeclaredPage(kCp1251), "");
  EXPECT_EQ(d.source, "detector");
  EXPECT_EQ(d.charset, "windows-1251");
  EXPECT_NE(d.utf8.find(kCp1251Utf8), std::string::npos);
}

TEST(CharsetTest, DetectorFindsUndeclaredGbk) {
  DecodedHtml d = DecodeHtml(UndeclaredPage(kGbk), "");
  EXPECT_EQ(d.source, "detector");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_NE(d.utf8.find(kGbkUtf8), std::string::npos);
}

TEST(CharsetTest, DetectorIgnoresMarkup) {
  // Long ASCII markup with attribute values that are not text must not drown
  // the Big5 text.
  std::string html = "<html><body>";
  for (int i = 0; i < 200; ++i) html += "<div class=\"nav-item item-" + std::to_string(i) + "\">";
  html += "<p>" + Repeat(kBig5, 8) + "</p></body></html>";
  EXPECT_EQ(DetectCharset(html), "big5");
}

TEST(CharsetTest, MislabelledUtf8IsRecognised) {
  std::string html = "<meta charset=\"iso-8859-1\"><p>Café 中国 Новости</p>";
  DecodedHtml d = DecodeHtml(html, "text/html; charset=gbk");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.source, "utf-8");
  EXPECT_NE(d.utf8.find("Café 中国 Новости"), std::string::npos);
}

TEST(CharsetTest, Utf8BomWinsOverHttpAndIsRemoved) {
  std::string html = "\xEF\xBB\xBF<p>Café</p>";
  DecodedHtml d = DecodeHtml(html, "text/html; charset=windows-1252");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.source, "bom");
  EXPECT_EQ(d.utf8, "<p>Café</p>");
}

TEST(CharsetTest, Utf16LeBom) {
  std::string html("\xFF\xFE<\0p\0>\0\xE9\0<\0/\0p\0>\0", 18);
  DecodedHtml d = DecodeHtml(html, "");
  EXPECT_EQ(d.charset, "utf-16le");
  EXPECT_EQ(d.utf8, "<p>é</p>");
}

TEST(CharsetTest, Utf16BeBom) {
  std::string html("\xFE\xFF\0<\0p\0>\0\xE9", 10);
  DecodedHtml d = DecodeHtml(html, "");
  EXPECT_EQ(d.charset, "utf-16be");
  EXPECT_EQ(d.utf8, "<p>é");
}

TEST(CharsetTest, DefaultIsWindows1252) {
  DecodedHtml d = DecodeHtml("<p>caf\xE9 \x93quoted\x94</p>", "");
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_NE(d.utf8.find("café “quoted”"), std::string::npos);
}

TEST(CharsetTest, PureAsciiWithoutDeclarationIsWindows1252) {
  DecodedHtml d = DecodeHtml("<p>plain</p>", "");
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_EQ(d.source, "default");
  EXPECT_EQ(d.utf8, "<p>plain</p>");
}

TEST(CharsetTest, InvalidUtf8IsReplacedNotFatal) {
  DecodedHtml d = DecodeHtml("<meta charset=utf-8><p>a\xFF\xFE" "b\xC3</p>", "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_TRUE(IsValidUtf8(d.utf8));
  EXPECT_NE(d.utf8.find("a\xEF\xBF\xBD"), std::string::npos);
  EXPECT_NE(d.utf8.find("b"), std::string::npos);
}

TEST(CharsetTest, InvalidGbkBytesAreReplaced) {
  DecodedHtml d = DecodeHtml("<meta charset=gbk><p>\xD6\xD0\xFF\x81</p>", "");
  EXPECT_TRUE(IsValidUtf8(d.utf8));
  EXPECT_NE(d.utf8.find("中"), std::string::npos);
}

TEST(CharsetTest, UnknownLabelFallsThrough) {
  DecodedHtml d = DecodeHtml("<meta charset=\"x-no-such\"><p>caf\xE9</p>", "text/html; charset=bogus");
  EXPECT_NE(d.source, "meta");
  EXPECT_NE(d.source, "http");
  EXPECT_TRUE(IsValidUtf8(d.utf8));
}

TEST(CharsetTest, ValidUtf8Checker) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii text longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("中文 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xE4\xB8"));       // truncated
}

TEST(CharsetTest, CharsetParameter) {
  EXPECT_EQ(CharsetParameter("text/html; charset=UTF-8"), "UTF-8");
  EXPECT_EQ(CharsetParameter("text/html;charset=\"gbk\""), "gbk");
  EXPECT_EQ(CharsetParameter("text/html"), "");
  EXPECT_EQ(CharsetParameter(""), "");
}

TEST(CharsetTest, MetaAfterLongCommentIsFound) {
  std::string html = "<!-- " + std::string(3000, 'x') + " --><meta charset=\"windows-1251\"><p>" +
                     std::string(kCp1251) + "</p>";
  EXPECT_EQ(PrescanMetaCharset(html), "");
  DecodedHtml d = DecodeHtml(html, "");
  EXPECT_EQ(d.charset, "windows-1251");
  EXPECT_NE(d.utf8.find(kCp1251Utf8), std::string::npos);
}

TEST(CharsetTest, XUserDefined) {
  EXPECT_EQ(ConvertToUtf8("a\x80", "x-user-defined"), "a\xEF\x9E\x80");
}

std::string TestData(const std::string& name) {
  return std::string(NEWSARC_TESTDATA_DIR) + "/charset/" + name;
}

TEST(CharsetTest, WhatwgLabelTable) {
  std::ifstream in(TestData("whatwg-labels.jsonl"));
  ASSERT_TRUE(in) << TestData("whatwg-labels.jsonl");
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    std::string label = j["label"], name = j["name"];
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string upper = label;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(EncodingForLabel(label), name) << label;
    EXPECT_EQ(EncodingForLabel(" \t" + upper + "\n"), name) << label;
    // Every decodable encoding converts ASCII unchanged (an ICU converter
    // exists for it).
    if (name != "replacement" && name != "utf-16le" && name != "utf-16be" &&
        name != "iso-2022-jp") {
      EXPECT_EQ(ConvertToUtf8("abc <p>", name), "abc <p>") << name;
    }
    ++n;
  }
  EXPECT_EQ(n, 228);
  EXPECT_EQ(EncodingForLabel("no-such-label"), "");
}

TEST(CharsetTest, Html5libPrescanCases) {
  std::ifstream in(TestData("html5lib-prescan.jsonl"));
  ASSERT_TRUE(in) << TestData("html5lib-prescan.jsonl");
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    std::string data;
    if (j.contains("data")) {
      data = j["data"].get<std::string>();
    } else {  // raw bytes, one code point (< 256) per byte
      std::string latin1 = j["data_latin1"].get<std::string>();
      for (size_t i = 0; i < latin1.size(); ++i) {
        auto c = static_cast<unsigned char>(latin1[i]);
        if (c < 0x80) {
          data.push_back(static_cast<char>(c));
        } else {
          data.push_back(static_cast<char>(((c & 0x1F) << 6) | (latin1[i + 1] & 0x3F)));
          ++i;
        }
      }
    }
    std::string want(EncodingForLabel(j["expected_encoding"].get<std::string>()));
    // BOM, then the 1024-byte prescan, then the later-<meta> pass.
    size_t bom = 0;
    std::string got(SniffBom(data, &bom));
    if (got.empty()) got = PrescanMetaCharset(data);
    if (got.empty()) got = PrescanMetaCharset(data, 64 * 1024);
    if (got.empty()) got = "windows-1252";
    EXPECT_EQ(got, want) << j["source"].get<std::string>() << "\n" << data.substr(0, 300);
    ++n;
  }
  EXPECT_EQ(n, 82);
}

}  // namespace
}  // namespace newsarc::extract
