// newsarc's extractor: the bytes of a fetched page in, a clean article out.
//
// Pure: no I/O, no clock, no globals. Extract() never fails: any bytes give
// an Article (fields empty and `reason` set when there is nothing to extract).
// Thread-safe: concurrent calls share nothing.
#ifndef NEWSARC_EXTRACT_EXTRACT_H_
#define NEWSARC_EXTRACT_EXTRACT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/library_version.h"
#include "extract/charset.h"

namespace newsarc::extract {

// The extractor's version, recorded with every conversion record so results of
// different extractor versions stay comparable. Bump on any output change.
inline constexpr const char* kExtractorVersion = "newsarc-extract/0.2";

struct Article {
  // Charset the page was decoded from (WHATWG name, e.g. "utf-8", "gb18030").
  std::string charset;
  std::string title;                 // without the site-name suffix
  std::vector<std::string> authors;  // people, in page order
  std::string published;             // ISO 8601, with zone when given
  std::string modified;              // ISO 8601
  std::string source;                // credited outlet ("郑州日报")
  std::string editor;                // "责任编辑" and the like
  std::string site_name;
  std::string language;              // BCP 47 ("en", "zh-CN")
  std::string canonical_url;
  std::string description;
  std::string image;                 // lead image URL
  std::vector<std::string> tags;
  // Body: plain text, paragraphs separated by blank lines.
  std::string text;
  std::string markdown;
  std::string html;  // minimal clean HTML (p, h2-h6, ul/ol/li, blockquote, table)
  // Absolute links found in the whole page, document order (for crawling).
  std::vector<std::string> links;
  // Why fields are empty (e.g. "no article body found"); empty on success.
  std::string reason;
};

struct ExtractOptions {
  // Maximum input considered; longer input is cut (bounded time and memory).
  size_t max_input_bytes = 50u << 20;
  size_t max_links = 5000;  // further links are dropped
  bool want_links = true;
};

// `content_type` is the HTTP Content-Type header value (may be empty); its
// charset parameter is evidence for decoding. `url` is the page's URL (may be
// empty) for resolving links and URL date patterns.
Article Extract(std::string_view bytes, std::string_view url,
                std::string_view content_type, const ExtractOptions& options = {});

// The same for a caller that has already decoded `bytes` with DecodeHtml()
// (the crawler does, for its link scan): the charset work is not repeated.
Article Extract(std::string_view bytes, DecodedHtml decoded, std::string_view url,
                const ExtractOptions& options = {});

// Gumbo, ICU and uchardet, for `newsarc --version`.
std::vector<LibraryVersion> LibraryVersions();

}  // namespace newsarc::extract

#endif  // NEWSARC_EXTRACT_EXTRACT_H_
