// Digests in the forms WARC files use.
//
// WARC-Block-Digest and WARC-Payload-Digest are written "sha1:" followed by the
// 32-character RFC 4648 Base32 of the SHA-1 (the convention of Heritrix, wget
// and pywb); "sha256:" digests are lowercase hex. Hasher streams, so a verify
// pass never holds a whole payload twice.
#ifndef NEWSARC_BASE_DIGEST_H_
#define NEWSARC_BASE_DIGEST_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace newsarc {

enum class DigestAlgorithm { kSha1, kSha256 };

// Incremental hash. Not thread-safe; one per stream.
class Hasher {
 public:
  explicit Hasher(DigestAlgorithm algorithm);
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  void Update(std::string_view bytes);
  // Raw digest bytes (20 for SHA-1, 32 for SHA-256). Ends the stream.
  std::string Finish();
  // "sha1:<BASE32>" or "sha256:<hex>". Ends the stream.
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

// Parses a labelled digest ("sha1:BASE32", "sha1:hex", "sha256:hex",
// "sha-256:...", case-insensitive label) into algorithm and raw bytes.
bool ParseDigestLabel(std::string_view labelled, DigestAlgorithm* algorithm,
                      std::string* raw);

}  // namespace newsarc

#endif  // NEWSARC_BASE_DIGEST_H_
