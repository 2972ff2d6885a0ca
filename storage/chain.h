// The archive's tamper-evident hash chain (FORMAT.md, "Hash chain").
//
// Every record the archive commits gets a position (1, 2, 3, ... in commit
// order) and a chain value:
//   record_digest_n = SHA-256("newsarc-chain:v1" NUL || u64be(n) ||
//                             u32be(|version|) || version ||
//                             u32be(|headers|) || headers || SHA-1(block))
//   chain_n         = SHA-256(chain_{n-1} || record_digest_n), chain_0 = 32 zero bytes
// where `headers` is the record's WARC header text as stored
// ("Name: value\r\n" per header, which includes its id, type, date and
// declared digests) and SHA-1(block) is computed over the actual block bytes,
// so the chain commits to the content even when the declared digest uses an
// algorithm newsarc does not check. Deleting, reordering or altering any
// record changes every later chain value; a published head (ChainHead) pins
// the whole prefix it covers.
#ifndef NEWSARC_STORAGE_CHAIN_H_
#define NEWSARC_STORAGE_CHAIN_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace newsarc::storage {

inline constexpr size_t kChainBytes = 32;  // SHA-256

// The value before the first record: 32 zero bytes.
std::string ChainGenesis();

// record_digest_n above. `block_sha1` is the raw 20-byte SHA-1 of the block.
std::string ChainRecordDigest(int64_t position, std::string_view version,
                              std::string_view headers_text, std::string_view block_sha1);

// chain_n from chain_{n-1} and record_digest_n.
std::string ChainNext(std::string_view previous, std::string_view record_digest);

// A chain head: how many records it covers and the chain value of the last.
struct ChainHead {
  int64_t count = 0;
  std::string value;  // raw 32 bytes

  // "newsarc-chain:v1:<count>:<64 lowercase hex>"
  std::string ToString() const;
};

// Parses ToString()'s form; InvalidArgument quoting `text` otherwise.
Result<ChainHead> ParseChainHead(std::string_view text);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_CHAIN_H_
