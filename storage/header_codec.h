// Compression of the small per-record texts (records.warc_headers and
// records.http_head): zstd with a built-in dictionary of common WARC and
// HTTP header lines, so ~500 bytes of headers cost ~150 on disk.
//
// The dictionary is part of the file format: kHeaderDictV1 is never edited.
// A different dictionary would get a new TextCodec value.
#ifndef NEWSARC_STORAGE_HEADER_CODEC_H_
#define NEWSARC_STORAGE_HEADER_CODEC_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace newsarc::storage {

// records.text_codec values.
enum class TextCodec : int {
  kRaw = 0,        // stored as is
  kZstdDictV1 = 1  // one zstd frame, raw-content dictionary kHeaderDictV1
};

// Compresses with kZstdDictV1. Thread-compatible (one per thread).
std::string PackHeaderText(std::string_view text);
// Decodes per `codec`; Corrupt naming `what` when it does not decode.
Result<std::string> UnpackHeaderText(int codec, std::string_view data, std::string_view what);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_HEADER_CODEC_H_
