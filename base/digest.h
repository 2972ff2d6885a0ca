// Digests in the forms WARC files use.
//
// WARC-Block-Digest and WARC-Payload-Digest are written "sha1:" followed by the
// 32-character RFC 4648 Base32 of the SHA-1 (the convention of Heritrix, wget
// and pywb); "sha256:" and "md5:" digests are lowercase hex. Other writers use
// other encodings of the same bytes (warcio writes base16, base32 and base64),
// so ParseDigestLabel reads all of them. Hasher streams, so a verify pass
// never holds a whole payload twice.
#ifndef NEWSARC_BASE_DIGEST_H_
#define NEWSARC_BASE_DIGEST_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace newsarc {

enum class DigestAlgorithm { kSha1, kSha256, kMd5 };

// Incremental hash. Not thread-safe; one per stream.
class Hasher {
 public:
  explicit Hasher(DigestAlgorithm algorithm);
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  void Update(std::string_view bytes);
  // Raw digest bytes (20 for SHA-1, 32 for SHA-256, 16 for MD5). Ends the
  // stream.
  std::string Finish();
  // "sha1:<BASE32>", "sha256:<hex>" or "md5:<hex>". Ends the stream.
  std::string FinishLabelled();

 private:
  struct Impl;
  DigestAlgorithm algorithm_;
  std::unique_ptr<Impl> impl_;
};

std::string Sha1Raw(std::string_view bytes);
std::string Sha256Raw(std::string_view bytes);
// "sha1:" + 32 uppercase Base32 characters.
std::string Sha1Label(std::string_view bytes);
// "sha256:" + 64 lowercase hex characters.
std::string Sha256Label(std::string_view bytes);

std::string Base32Encode(std::string_view raw);
// Decodes RFC 4648 Base32 (upper or lower case, padding optional).
// Returns false on a character outside the alphabet.
bool Base32Decode(std::string_view text, std::string* raw);
std::string HexEncode(std::string_view raw);
bool HexDecode(std::string_view text, std::string* raw);
// Decodes RFC 4648 Base64, the standard or the URL-safe alphabet, padding
// optional. Returns false on a character outside the alphabet, padding
// anywhere but the end, or a length no encoding produces.
bool Base64Decode(std::string_view text, std::string* raw);

// The raw digest size of `algorithm` in bytes.
size_t DigestSize(DigestAlgorithm algorithm);
// "sha1", "sha256" or "md5".
const char* DigestName(DigestAlgorithm algorithm);
// The algorithm a label names: "sha1", "sha-1", "sha256", "sha-256", "md5"
// in any case; nullopt for any other.
std::optional<DigestAlgorithm> DigestAlgorithmNamed(std::string_view label);

// Parses a labelled digest ("sha1:", "sha256:" or "md5:" in any case, with or
// without the dash, then the digest in base16 (either case), base32 (padding
// optional) or base64 (standard or URL-safe, padding optional)) into
// algorithm and raw bytes. The encodings are told apart by length for the
// algorithm, so no value is read two ways.
bool ParseDigestLabel(std::string_view labelled, DigestAlgorithm* algorithm,
                      std::string* raw);

}  // namespace newsarc

#endif  // NEWSARC_BASE_DIGEST_H_
