#include "base/digest.h"

#include <openssl/evp.h>

#include <cctype>
#include <stdexcept>

#include "base/chandle.h"

namespace newsarc {

struct Hasher::Impl {
  CHandle<EVP_MD_CTX, EVP_MD_CTX_free> ctx{EVP_MD_CTX_new()};
};

Hasher::Hasher(DigestAlgorithm algorithm)
    : algorithm_(algorithm), impl_(std::make_unique<Impl>()) {
  const EVP_MD* md =
      algorithm == DigestAlgorithm::kSha1 ? EVP_sha1() : EVP_sha256();
  if (!impl_->ctx || EVP_DigestInit_ex(impl_->ctx.get(), md, nullptr) != 1) {
    throw std::runtime_error("OpenSSL digest initialisation failed");
  }
}

Hasher::~Hasher() = default;

void Hasher::Update(std::string_view bytes) {
  EVP_DigestUpdate(impl_->ctx.get(), bytes.data(), bytes.size());
}

std::string Hasher::Finish() {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(impl_->ctx.get(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string Hasher::FinishLabelled() {
  std::string raw = Finish();
  if (algorithm_ == DigestAlgorithm::kSha1) return "sha1:" + Base32Encode(raw);
  return "sha256:" + HexEncode(raw);
}

std::string Sha1Raw(std::string_view bytes) {
  Hasher h(DigestAlgorithm::kSha1);
  h.Update(bytes);
  return h.Finish();
}
std::string Sha256Raw(std::string_view bytes) {
  Hasher h(DigestAlgorithm::kSha256);
  h.Update(bytes);
  return h.Finish();
}
std::string Sha1Label(std::string_view bytes) {
  return "sha1:" + Base32Encode(Sha1Raw(bytes));
}
std::string Sha256Label(std::string_view bytes) {
  return "sha256:" + HexEncode(Sha256Raw(bytes));
}

namespace {
constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr char kHex[] = "0123456789abcdef";
}  // namespace

std::string Base32Encode(std::string_view raw) {
  std::string out;
  out.reserve((raw.size() + 4) / 5 * 8);
  uint64_t buffer = 0;
  int bits = 0;
  for (unsigned char c : raw) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32[(buffer << (5 - bits)) & 31]);
  while (out.size() % 8 != 0) out.push_back('=');
  return out;
}

bool Base32Decode(std::string_view text, std::string* raw) {
  raw->clear();
  uint64_t buffer = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == '=') break;
    int c = std::toupper(static_cast<unsigned char>(ch));
    int v;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= '2' && c <= '7') {
      v = c - '2' + 26;
    } else {
      return false;
    }
    buffer = (buffer << 5) | static_cast<uint64_t>(v);
    bits += 5;
    if (bits >= 8) {
      raw->push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return true;
}

std::string HexEncode(std::string_view raw) {
  std::string out;
  out.reserve(raw.size() * 2);
  for (unsigned char c : raw) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

bool HexDecode(std::string_view text, std::string* raw) {
  raw->clear();
  if (text.size() % 2 != 0) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < text.size(); i += 2) {
    int hi = nibble(text[i]), lo = nibble(text[i + 1]);
    if (hi < 0 || lo < 0) return false;
    raw->push_back(static_cast<char>(hi << 4 | lo));
  }
  return true;
}

bool ParseDigestLabel(std::string_view labelled, DigestAlgorithm* algorithm,
                      std::string* raw) {
  size_t colon = labelled.find(':');
  if (colon == std::string_view::npos) return false;
  std::string label;
  for (char c : labelled.substr(0, colon)) {
    if (c != '-') label.push_back(static_cast<char>(std::tolower(c)));
  }
  std::string_view value = labelled.substr(colon + 1);
  size_t want;
  if (label == "sha1") {
    *algorithm = DigestAlgorithm::kSha1;
    want = 20;
  } else if (label == "sha256") {
    *algorithm = DigestAlgorithm::kSha256;
    want = 32;
  } else {
    return false;
  }
  if (value.size() == want * 2 && HexDecode(value, raw)) return true;
  return Base32Decode(value, raw) && raw->size() == want;
}

}  // namespace newsarc
