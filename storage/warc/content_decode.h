// Undoes a response's Content-Encoding (gzip, deflate) for parsing. The
// archive keeps the encoded bytes; only the extractor and the link/sitemap
// parsers see decoded ones. Output is capped, so a gzip bomb costs at most
// `max_output` bytes of memory.
#ifndef NEWSARC_STORAGE_WARC_CONTENT_DECODE_H_
#define NEWSARC_STORAGE_WARC_CONTENT_DECODE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace newsarc::storage {

// How far a page may inflate when decoded for parsing. The largest page in
// the development sets is about 1 MB decoded; Gumbo needs some 25 bytes of
// memory per byte of tag soup, so this bounds a hostile page's parse at a
// few hundred MB while leaving real pages fifteen times the room they use.
inline constexpr size_t kMaxDecodedPageBytes = 16u << 20;

// `encoding` is the Content-Encoding value: "", "identity", "gzip",
// "x-gzip", "deflate", or a list of them as applied ("gzip, gzip"), undone
// from the last. Unknown encodings, and more than four layers, fail. Each
// layer's output beyond `max_output` is cut and `*truncated` set.
Result<std::string> DecodeContent(std::string_view body, std::string_view encoding,
                                  size_t max_output, bool* truncated);

// Inflates gzip or zlib data whatever the declared encoding (sitemaps served
// as .xml.gz with no Content-Encoding). Same cap.
Result<std::string> Gunzip(std::string_view data, size_t max_output, bool* truncated);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_WARC_CONTENT_DECODE_H_
