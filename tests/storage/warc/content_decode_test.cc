// Content-Encoding decoding for parsing: identity, gzip, deflate (zlib and
// raw), stacked codings, caps against bombs, and damaged data.
#include "storage/warc/content_decode.h"

#include <gtest/gtest.h>

#include <string>

#include "test_util.h"

namespace newsarc::storage {
namespace {

using ::newsarc::testing::Deflate;
using ::newsarc::testing::Gzip;

TEST(ContentDecodeTest, IdentityGzipAndBothDeflates) {
  const std::string text = "<html><body>hello, archive</body></html>";
  bool cut = true;
  EXPECT_EQ(*DecodeContent(text, "", 1 << 20, &cut), text);
  EXPECT_FALSE(cut);
  EXPECT_EQ(*DecodeContent(text, " Identity ", 1 << 20, &cut), text);
  EXPECT_EQ(*DecodeContent(Gzip(text), "GZIP", 1 << 20, &cut), text);
  EXPECT_EQ(*DecodeContent(Gzip(text), "x-gzip", 1 << 20, &cut), text);
  EXPECT_EQ(*DecodeContent(Deflate(text, 15), "deflate", 1 << 20, &cut), text);  // zlib
  EXPECT_EQ(*DecodeContent(Deflate(text, -15), "deflate", 1 << 20, &cut), text);  // raw
  EXPECT_FALSE(cut);
}

TEST(ContentDecodeTest, StackedCodingsAreUndoneFromTheLast) {
  const std::string text = "stacked codings are rare but legal (RFC 9110 8.4)";
  bool cut = true;
  Result<std::string> out = DecodeContent(Deflate(Gzip(text), 15), "gzip, deflate", 1 << 20, &cut);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, text);
  EXPECT_FALSE(cut);
  // identity entries are no-ops.
  EXPECT_EQ(*DecodeContent(Gzip(text), "identity, gzip", 1 << 20, &cut), text);
}

TEST(ContentDecodeTest, EachLayerIsCapped) {
  // 64 MiB of zeros gzipped twice is a few KB; decoding stops at the cap.
  std::string inner = Gzip(std::string(64u << 20, '\0'));
  std::string twice = Gzip(inner);
  ASSERT_LT(twice.size(), 200u << 10);
  bool cut = false;
  Result<std::string> out = DecodeContent(twice, "gzip, gzip", 1u << 20, &cut);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_TRUE(cut);
  EXPECT_EQ(out->size(), 1u << 20);
  // Identity bodies are capped too.
  out = DecodeContent(std::string(5000, 'x'), "", 1000, &cut);
  EXPECT_TRUE(cut);
  EXPECT_EQ(out->size(), 1000u);
}

TEST(ContentDecodeTest, UnknownOrTooManyCodingsAreErrorsNamingThem) {
  bool cut = false;
  Result<std::string> out = DecodeContent("x", "br", 1 << 20, &cut);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("\"br\""), std::string::npos) << out.status().message();
  out = DecodeContent("x", "gzip, gzip, gzip, gzip, gzip", 1 << 20, &cut);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("more than 4"), std::string::npos) << out.status().message();
}

TEST(ContentDecodeTest, DamagedGzipKeepsWhatDecodedOrFails) {
  std::string text(100000, 'a');
  for (size_t i = 0; i < text.size(); i += 7) text[i] = static_cast<char>('a' + i % 23);
  std::string gz = Gzip(text);
  bool cut = false;
  // Cut in half: the decoded start is kept, marked truncated.
  Result<std::string> out = DecodeContent(gz.substr(0, gz.size() / 2), "gzip", 1 << 20, &cut);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_TRUE(cut);
  EXPECT_GT(out->size(), 0u);
  EXPECT_EQ(*out, text.substr(0, out->size()));
  // Not gzip at all: an error.
  out = DecodeContent("this is not gzip", "gzip", 1 << 20, &cut);
  EXPECT_FALSE(out.ok());
}

}  // namespace
}  // namespace newsarc::storage
