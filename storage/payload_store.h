// Content-addressed payload storage: the `payloads` table.
//
// Each distinct byte string is stored once, keyed by its raw SHA-1, and
// compressed with zstd (or kept raw when compression does not shrink it).
// A re-capture of identical content therefore adds a records row, not a
// second body.
#ifndef NEWSARC_STORAGE_PAYLOAD_STORE_H_
#define NEWSARC_STORAGE_PAYLOAD_STORE_H_

#include <zstd.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/chandle.h"
#include "base/status.h"
#include "storage/sqlite_db.h"

namespace newsarc::storage {

// payloads.codec values.
enum class PayloadCodec : int { kRaw = 0, kZstd = 1 };

class PayloadStore {
 public:
  // `db` must outlive the store.
  PayloadStore(Db* db, int zstd_level);

  // A payload hashed and compressed, ready for Put (any thread).
  struct Encoded {
    std::string sha1;  // raw
    int codec = 0;     // PayloadCodec
    std::string data;
  };
  // `sha1`, when given, is the raw SHA-1 of `bytes`, already computed.
  static Result<Encoded> Encode(std::string_view bytes, int zstd_level,
                                const std::string* sha1 = nullptr);

  // Stores `bytes` (unless already present) and returns its payloads.id.
  Result<int64_t> Put(std::string_view bytes);
  Result<int64_t> Put(const Encoded& payload, int64_t size);

 private:
  Db* db_;
  int level_;
  Stmt find_;
  Stmt insert_;
};

// Decodes a stored payload row. `what` names it in errors
// (e.g. "payload 12"); a zstd error or a size mismatch is Corrupt.
Result<std::string> DecodePayload(int codec, std::string_view data, int64_t size,
                                  std::string_view what);

// Streams the decoded bytes of a stored payload to `sink` in pieces of at
// most 128 KiB, so a verify pass never holds a large body twice.
Status StreamPayload(int codec, std::string_view data, std::string_view what,
                     const std::function<void(std::string_view)>& sink);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_PAYLOAD_STORE_H_
