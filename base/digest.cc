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
  const EVP_MD* md = nullptr;
  switch (algorithm) {
    case DigestAlgorithm::kSha1: md = EVP_sha1(); break;
    case DigestAlgorithm::kSha256: md = EVP_sha256(); break;
    case DigestAlgorithm::kMd5: md = EVP_md5(); break;
  }
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
  return std::string(DigestName(algorithm_)) + ":" + HexEncode(raw);
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

bool Base64Decode(std::string_view text, std::string* raw) {
  raw->clear();
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  // 4n+1 characters encode no whole byte; anything else is a valid tail.
  if (text.size() % 4 == 1) return false;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      v = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      v = c - '0' + 52;
    } else if (c == '+' || c == '-') {
      v = 62;
    } else if (c == '/' || c == '_') {
      v = 63;
    } else {
      return false;  // includes '=' before the end
    }
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      raw->push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return true;
}

size_t DigestSize(DigestAlgorithm algorithm) {
  switch (algorithm) {
    case DigestAlgorithm::kSha1: return 20;
    case DigestAlgorithm::kSha256: return 32;
    case DigestAlgorithm::kMd5: return 16;
  }
  return 0;
}

const char* DigestName(DigestAlgorithm algorithm) {
  switch (algorithm) {
    case DigestAlgorithm::kSha1: return "sha1";
    case DigestAlgorithm::kSha256: return "sha256";
    case DigestAlgorithm::kMd5: return "md5";
  }
  return "";
}

std::optional<DigestAlgorithm> DigestAlgorithmNamed(std::string_view label) {
  std::string name;
  for (char c : label) {
    if (c != '-') name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (name == "sha1") return DigestAlgorithm::kSha1;
  if (name == "sha256") return DigestAlgorithm::kSha256;
  if (name == "md5") return DigestAlgorithm::kMd5;
  return std::nullopt;
}

bool ParseDigestLabel(std::string_view labelled, DigestAlgorithm* algorithm,
                      std::string* raw) {
  const size_t colon = labelled.find(':');
  if (colon == std::string_view::npos) return false;
  const auto named = DigestAlgorithmNamed(labelled.substr(0, colon));
  if (!named) return false;
  *algorithm = *named;
  const std::string_view value = labelled.substr(colon + 1);
  const size_t want = DigestSize(*named);
  // Lengths for `want` bytes: base16 2*want; base32 ceil(8*want/5) plus
  // padding to a multiple of 8; base64 ceil(4*want/3) plus padding to a
  // multiple of 4. For 16, 20 and 32 bytes these never coincide except
  // base16 and padded base32 of MD5 (32 characters), which the '=' of the
  // padding tells apart (hex has none).
  if (value.size() == want * 2 && HexDecode(value, raw)) return true;
  if (Base32Decode(value, raw) && raw->size() == want) {
    const size_t unpadded = value.find('=') == std::string_view::npos ? value.size()
                                                                      : value.find('=');
    if (unpadded == (want * 8 + 4) / 5) return true;
  }
  if (Base64Decode(value, raw) && raw->size() == want) {
    const size_t unpadded = value.find('=') == std::string_view::npos ? value.size()
                                                                      : value.find('=');
    if (unpadded == (want * 4 + 2) / 3) return true;
  }
  raw->clear();
  return false;
}

}  // namespace newsarc
