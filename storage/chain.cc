#include "storage/chain.h"

#include <openssl/evp.h>

#include <charconv>
#include <initializer_list>
#include <stdexcept>

#include "base/chandle.h"
#include "base/digest.h"

namespace newsarc::storage {
namespace {

constexpr std::string_view kHeadPrefix = "newsarc-chain:v1:";

void AppendBigEndian(std::string* out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) {
    out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
}

// SHA-256 of the concatenated pieces. Verify and Put call this twice per
// record; a per-thread context with the digest fetched once avoids
// OpenSSL 3's per-call algorithm lookup, which cost ~10% of verify on small
// records.
std::string Sha256Of(std::initializer_list<std::string_view> pieces) {
  thread_local CHandle<EVP_MD, EVP_MD_free> md(EVP_MD_fetch(nullptr, "SHA256", nullptr));
  thread_local CHandle<EVP_MD_CTX, EVP_MD_CTX_free> ctx(EVP_MD_CTX_new());
  if (!md || !ctx || EVP_DigestInit_ex(ctx.get(), md.get(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL SHA-256 initialisation failed");  // a broken install
  }
  for (std::string_view p : pieces) EVP_DigestUpdate(ctx.get(), p.data(), p.size());
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

}  // namespace

std::string ChainGenesis() { return std::string(kChainBytes, '\0'); }

std::string ChainRecordDigest(int64_t position, std::string_view version,
                              std::string_view headers_text, std::string_view block_sha1) {
  // Length prefixes keep the encoding unambiguous whatever the header text holds.
  std::string prefix("newsarc-chain:v1", 16);
  prefix.push_back('\0');
  AppendBigEndian(&prefix, static_cast<uint64_t>(position), 8);
  AppendBigEndian(&prefix, version.size(), 4);
  prefix.append(version);
  AppendBigEndian(&prefix, headers_text.size(), 4);
  return Sha256Of({prefix, headers_text, block_sha1});
}

std::string ChainNext(std::string_view previous, std::string_view record_digest) {
  return Sha256Of({previous, record_digest});
}

std::string ChainHead::ToString() const {
  return std::string(kHeadPrefix) + std::to_string(count) + ":" + HexEncode(value);
}

Result<ChainHead> ParseChainHead(std::string_view text) {
  const std::string what = "chain head \"" + std::string(text) + "\"";
  if (text.substr(0, kHeadPrefix.size()) != kHeadPrefix) {
    return Status::InvalidArgument(what, "does not start with " + std::string(kHeadPrefix) +
                                             " (print one with `newsarc attest`)");
  }
  text.remove_prefix(kHeadPrefix.size());
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    return Status::InvalidArgument(what, "expected <count>:<hex> after the prefix");
  }
  ChainHead head;
  std::string_view count = text.substr(0, colon);
  auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), head.count);
  if (ec != std::errc() || end != count.data() + count.size() || head.count < 0) {
    return Status::InvalidArgument(what, "record count \"" + std::string(count) +
                                             "\" is not a non-negative number");
  }
  std::string_view hex = text.substr(colon + 1);
  if (hex.size() != 2 * kChainBytes || !HexDecode(hex, &head.value)) {
    return Status::InvalidArgument(what, "chain value is not 64 hex digits");
  }
  return head;
}

}  // namespace newsarc::storage
