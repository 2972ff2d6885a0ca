// DecodePayload and StreamPayload share one zstd context per thread: a
// failed decode must not leak into the next one, and a sink that decodes
// another payload must get a context of its own.
#include "storage/payload_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zstd.h>

#include <string>

namespace newsarc::storage {
namespace {

using ::testing::HasSubstr;

constexpr int kZstd = static_cast<int>(PayloadCodec::kZstd);

std::string Text(size_t size, char seed) {
  std::string s;
  for (size_t i = 0; s.size() < size; ++i) {
    s += "Paragraph " + std::to_string(i) + " of story " + seed + ": the council met. ";
  }
  s.resize(size);
  return s;
}

std::string Compress(const std::string& s) {
  std::string out(ZSTD_compressBound(s.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), s.data(), s.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// A frame without a content size in its header (streamed, size unknown).
std::string CompressUnsized(const std::string& s) {
  CHandle<ZSTD_CCtx, ZSTD_freeCCtx> cctx(ZSTD_createCCtx());
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_contentSizeFlag, 0);
  std::string out(ZSTD_compressBound(s.size()) + 64, '\0');
  ZSTD_inBuffer in{s.data(), s.size(), 0};
  ZSTD_outBuffer o{out.data(), out.size(), 0};
  size_t left = ZSTD_compressStream2(cctx.get(), &o, &in, ZSTD_e_end);
  EXPECT_EQ(left, 0u);
  out.resize(o.pos);
  EXPECT_EQ(ZSTD_getFrameContentSize(out.data(), out.size()), ZSTD_CONTENTSIZE_UNKNOWN);
  return out;
}

int64_t Size(const std::string& s) { return static_cast<int64_t>(s.size()); }

TEST(PayloadStoreTest, DecodesRepeatedlyWithOneContext) {
  for (size_t size : {0u, 1u, 1000u, 200u * 1024u, 5000u}) {
    const std::string text = Text(size, 'a');
    Result<std::string> d = DecodePayload(kZstd, Compress(text), Size(text), "payload 1");
    ASSERT_TRUE(d.ok()) << size << ": " << d.status().message();
    EXPECT_EQ(*d, text);
  }
  const std::string text = Text(300 * 1024, 'b');
  Result<std::string> d = DecodePayload(kZstd, CompressUnsized(text), Size(text), "payload 2");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(*d, text);
}

TEST(PayloadStoreTest, DamageIsReportedAndDoesNotSpoilTheNextDecode) {
  const std::string text = Text(50 * 1024, 'c');
  const std::string packed = Compress(text);
  const std::string good_text = Text(3000, 'd');
  const std::string good = Compress(good_text);
  struct Case {
    std::string data;
    int64_t size;
    const char* want;
  } cases[] = {
      {packed.substr(0, packed.size() / 2), Size(text), "truncated"},
      {packed + "junk", Size(text), "trailing bytes"},
      {packed, Size(text) + 1, "expected"},
      {packed, Size(text) - 1, "expected"},
      {"not zstd at all", 15, "zstd"},
  };
  for (const Case& c : cases) {
    Result<std::string> d = DecodePayload(kZstd, c.data, c.size, "payload 7");
    ASSERT_FALSE(d.ok()) << c.want;
    EXPECT_EQ(d.status().code(), Status::Code::kCorrupt) << c.want;
    EXPECT_THAT(d.status().message(), HasSubstr("payload 7")) << c.want;
    EXPECT_THAT(d.status().message(), HasSubstr(c.want));
    // The thread's context decodes the next payload as if fresh.
    Result<std::string> next = DecodePayload(kZstd, good, Size(good_text), "payload 8");
    ASSERT_TRUE(next.ok()) << c.want << ": " << next.status().message();
    EXPECT_EQ(*next, good_text);
  }
}

TEST(PayloadStoreTest, SinkMayDecodeAnotherPayload) {
  const std::string outer = Text(400 * 1024, 'e'), inner = Text(20 * 1024, 'f');
  const std::string outer_packed = Compress(outer), inner_packed = Compress(inner);
  std::string got;
  int nested = 0;
  Status st = StreamPayload(kZstd, outer_packed, "payload 9", [&](std::string_view piece) {
    got.append(piece);
    Result<std::string> d = DecodePayload(kZstd, inner_packed, Size(inner), "payload 10");
    ASSERT_TRUE(d.ok()) << d.status().message();
    EXPECT_EQ(*d, inner);
    ++nested;
  });
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(got, outer);
  EXPECT_GE(nested, 3);  // 400 KiB arrives in pieces of at most 128 KiB
}

}  // namespace
}  // namespace newsarc::storage
