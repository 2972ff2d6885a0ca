// Undoes a response's Content-Encoding (gzip, deflate) for parsing. The
// archive keeps the encoded bytes; only the extractor and the link/sitemap
// parsers see decoded ones. Output is capped, so a gzip bomb costs at most
// `max_output` bytes of memory.
#ifndef NEWSARC_CRAWLER_CONTENT_DECODE_H_
#define NEWSARC_CRAWLER_CONTENT_DECODE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace newsarc::crawler {

// `encoding` is the Content-Encoding value ("", "identity", "gzip",
// "x-gzip", "deflate"). Unknown encodings fail. Output beyond `max_output`
// is cut and `*truncated` set.
Result<std::string> DecodeContent(std::string_view body, std::string_view encoding,
                                  size_t max_output, bool* truncated);

// Inflates gzip or zlib data whatever the declared encoding (sitemaps served
// as .xml.gz with no Content-Encoding). Same cap.
Result<std::string> Gunzip(std::string_view data, size_t max_output, bool* truncated);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_CONTENT_DECODE_H_
