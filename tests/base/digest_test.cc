#include "base/digest.h"

#include <gtest/gtest.h>

namespace newsarc {
namespace {

TEST(DigestTest, Sha1Base32MatchesKnownValues) {
  // sha1("") = da39a3ee5e6b4b0d3255bfef95601890afd80709
  EXPECT_EQ(Sha1Label(""), "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  EXPECT_EQ(Sha256Label("abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(DigestTest, StreamingEqualsOneShot) {
  Hasher h(DigestAlgorithm::kSha1);
  h.Update("hello ");
  h.Update("world");
  EXPECT_EQ(h.FinishLabelled(), Sha1Label("hello world"));
}

TEST(DigestTest, ParsesLabels) {
  DigestAlgorithm alg;
  std::string raw;
  ASSERT_TRUE(ParseDigestLabel("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", &alg, &raw));
  EXPECT_EQ(alg, DigestAlgorithm::kSha1);
  EXPECT_EQ(raw, Sha1Raw(""));
  ASSERT_TRUE(ParseDigestLabel("SHA1:da39a3ee5e6b4b0d3255bfef95601890afd80709", &alg, &raw));
  EXPECT_EQ(raw, Sha1Raw(""));
  EXPECT_FALSE(ParseDigestLabel("md5:abc", &alg, &raw));
  EXPECT_FALSE(ParseDigestLabel("sha1:!!!", &alg, &raw));
}

// Issue 13: warcio writes base16, base32 and base64; every encoding of the
// same bytes is the same digest, for sha1, sha256 and md5 (values of "abc"
// from Python's hashlib and base64).
TEST(DigestTest, ParsesEveryEncodingOfEveryAlgorithm) {
  struct Case {
    const char* label;
    DigestAlgorithm alg;
  };
  const Case cases[] = {
      {"sha1:a9993e364706816aba3e25717850c26c9cd0d89d", DigestAlgorithm::kSha1},
      {"sha1:A9993E364706816ABA3E25717850C26C9CD0D89D", DigestAlgorithm::kSha1},
      {"sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5", DigestAlgorithm::kSha1},
      {"sha1:vgmt4nsha2awvor6evyxqugcnsonbwe5", DigestAlgorithm::kSha1},
      {"sha1:qZk+NkcGgWq6PiVxeFDCbJzQ2J0=", DigestAlgorithm::kSha1},
      {"sha1:qZk+NkcGgWq6PiVxeFDCbJzQ2J0", DigestAlgorithm::kSha1},
      {"sha1:qZk-NkcGgWq6PiVxeFDCbJzQ2J0=", DigestAlgorithm::kSha1},
      {"SHA-1:qZk+NkcGgWq6PiVxeFDCbJzQ2J0=", DigestAlgorithm::kSha1},
      {"sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
       DigestAlgorithm::kSha256},
      {"sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ====", DigestAlgorithm::kSha256},
      {"sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ", DigestAlgorithm::kSha256},
      {"sha-256:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=", DigestAlgorithm::kSha256},
      {"sha256:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", DigestAlgorithm::kSha256},
      {"md5:900150983cd24fb0d6963f7d28e17f72", DigestAlgorithm::kMd5},
      {"MD5:SAAVBGB42JH3BVUWH56SRYL7OI======", DigestAlgorithm::kMd5},
      {"md5:SAAVBGB42JH3BVUWH56SRYL7OI", DigestAlgorithm::kMd5},
      {"md5:kAFQmDzST7DWlj99KOF/cg==", DigestAlgorithm::kMd5},
      {"md5:kAFQmDzST7DWlj99KOF_cg", DigestAlgorithm::kMd5},
  };
  for (const Case& c : cases) {
    DigestAlgorithm alg;
    std::string raw;
    ASSERT_TRUE(ParseDigestLabel(c.label, &alg, &raw)) << c.label;
    EXPECT_EQ(alg, c.alg) << c.label;
    Hasher h(c.alg);
    h.Update("abc");
    EXPECT_EQ(raw, h.Finish()) << c.label;
  }
  EXPECT_EQ(DigestSize(DigestAlgorithm::kMd5), 16u);
  Hasher md5(DigestAlgorithm::kMd5);
  md5.Update("abc");
  EXPECT_EQ(md5.FinishLabelled(), "md5:900150983cd24fb0d6963f7d28e17f72");
}

TEST(DigestTest, RejectsValuesOfTheWrongLengthOrAlphabet) {
  DigestAlgorithm alg;
  std::string raw;
  for (const char* bad : {
           "sha1:qZk+NkcGgWq6PiVxeFDCbJzQ2J",     // one character short
           "sha1:qZk+Nk=GgWq6PiVxeFDCbJzQ2J0=",   // padding inside
           "sha1:qZk+NkcGgWq6PiVxeFDCbJzQ2J0*",   // not an alphabet character
           "sha256:qZk+NkcGgWq6PiVxeFDCbJzQ2J0=", // a sha1-sized value under sha256
           "md5:a9993e364706816aba3e25717850c26c9cd0d89d",
           "sha1:", "sha1", "crc32:abcd"}) {
    EXPECT_FALSE(ParseDigestLabel(bad, &alg, &raw)) << bad;
  }
  std::string out;
  EXPECT_FALSE(Base64Decode("a", &out));  // 4n+1 characters hold no byte
  ASSERT_TRUE(Base64Decode("aGk", &out));
  EXPECT_EQ(out, "hi");
}

}  // namespace
}  // namespace newsarc
