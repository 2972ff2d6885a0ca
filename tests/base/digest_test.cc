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

}  // namespace
}  // namespace newsarc
