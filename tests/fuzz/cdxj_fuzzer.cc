// Fuzzes CDXJ line building from a record whose headers and block come
// from the input (the HTTP split, media type, digest and date handling),
// without the WARC reader's framing in the way. Input: "Name: value" header
// lines, an empty line, then the block.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_input.h"
#include "storage/warc/cdxj.h"
#include "storage/warc/warc_record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace st = newsarc::storage;
  std::string_view rest = newsarc::fuzz::AsView(data, size);
  st::WarcRecord record;
  while (!rest.empty()) {
    auto [line, after] = newsarc::fuzz::SplitFirstLine(rest);
    rest = after;
    if (line.empty()) break;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.remove_prefix(1);
    record.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }
  record.block = std::string(rest);
  auto line = st::CdxjLine(record, "fuzz.warc.gz", 0, size);
  if (line) NEWSARC_FUZZ_CHECK(line->find('\n') == std::string::npos);
  return 0;
}
