// Fuzzes SURT key building. Input: a URL.
#include <cstddef>
#include <cstdint>

#include "fuzz_input.h"
#include "storage/warc/surt.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)newsarc::storage::SurtKey(newsarc::fuzz::AsView(data, size));
  return 0;
}
