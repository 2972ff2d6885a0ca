// The decimal lengths WARC and ARC headers carry (Content-Length,
// Archive-length), shared by both readers.
#ifndef NEWSARC_STORAGE_WARC_DECIMAL_H_
#define NEWSARC_STORAGE_WARC_DECIMAL_H_

#include <cstdint>
#include <string_view>

#include "base/strings.h"

namespace newsarc::storage {

// ASCII digits only (surrounding whitespace ignored), at most 19 of them so
// the value fits; false for anything else ("-1", "1e3", "", "abc").
inline bool ParseDecimalLength(std::string_view text, uint64_t* value) {
  text = TrimAscii(text);
  if (text.empty() || text.size() > 19) return false;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *value = v;
  return true;
}

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_WARC_DECIMAL_H_
