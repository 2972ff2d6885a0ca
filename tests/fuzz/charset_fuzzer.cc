// Fuzzes charset sniffing and decoding. Input: a Content-Type value on the
// first line, the page bytes after it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "extract/charset.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace ex = newsarc::extract;
  auto [content_type, bytes] = newsarc::fuzz::SplitFirstLine(newsarc::fuzz::AsView(data, size));

  ex::DecodedHtml decoded = ex::DecodeHtml(bytes, content_type);
  // The contract every later stage relies on: the output is valid UTF-8.
  NEWSARC_FUZZ_CHECK(ex::IsValidUtf8(decoded.utf8));
  NEWSARC_FUZZ_CHECK(!decoded.charset.empty());

  // The pieces on their own, with the first line as a label.
  std::string_view label = ex::EncodingForLabel(content_type);
  (void)ex::CharsetParameter(content_type);
  size_t bom = 0;
  (void)ex::SniffBom(bytes, &bom);
  NEWSARC_FUZZ_CHECK(bom <= bytes.size());
  (void)ex::PrescanMetaCharset(bytes);
  (void)ex::DetectCharset(bytes);
  std::string converted = ex::ConvertToUtf8(bytes, label.empty() ? "windows-1252" : label);
  NEWSARC_FUZZ_CHECK(ex::IsValidUtf8(converted));
  return 0;
}
