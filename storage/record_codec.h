// How a WarcRecord is taken apart for storage and put back together, and
// the digest conventions shared by Put() and verify (storage/FORMAT.md).
#ifndef NEWSARC_STORAGE_RECORD_CODEC_H_
#define NEWSARC_STORAGE_RECORD_CODEC_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/digest.h"
#include "storage/warc/warc.h"

namespace newsarc::storage {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// records.warc_headers: "Name: value\r\n" per header, in order. Names never
// contain ':' or line breaks and values never contain CR or LF (Put refuses
// them), so the encoding is unambiguous.
std::string EncodeWarcHeaders(const HeaderList& headers);
// False on a line without ": ".
bool DecodeWarcHeaders(std::string_view encoded, HeaderList* headers);
// Empty when every name and value can be stored, else what is wrong.
std::string CheckHeaderText(const HeaderList& headers);

// True for the types the capture index holds (response, revisit, resource).
bool IsCaptureType(std::string_view type);
// True when the block is an HTTP message the archive splits into header
// bytes + body: request, response or revisit with Content-Type
// application/http.
bool IsHttpBlock(const WarcRecord& record);

// A declared WARC-*-Digest header value, parsed.
struct DeclaredDigest {
  enum class Kind { kAbsent, kKnown, kUnknownAlgorithm, kMalformed };
  Kind kind = Kind::kAbsent;
  DigestAlgorithm algorithm = DigestAlgorithm::kSha1;
  std::string raw;  // digest bytes when kKnown
};
DeclaredDigest ParseDeclaredDigest(std::string_view label);
// The label for `raw` in the same algorithm (sha1 Base32, sha256 and md5 hex).
std::string DigestLabel(DigestAlgorithm algorithm, std::string_view raw);
std::string RawDigest(DigestAlgorithm algorithm, std::string_view bytes);

// Which bytes WARC-Payload-Digest covers for `record`, by type:
//  response/request with an HTTP block: the entity body, de-chunked;
//  resource, conversion, and non-HTTP response/request: the whole block;
//  revisit, warcinfo, metadata: nothing (nullopt: not computed, not checked;
//  a revisit's payload digest is its original's).
// `alternative` receives the raw (still chunked) body when it differs, which
// verify also accepts because some writers digest the body as transmitted.
std::optional<std::string> PayloadOf(const WarcRecord& record,
                                     std::optional<std::string>* alternative);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_RECORD_CODEC_H_
