#include "storage/warc/member_end.h"

namespace newsarc::storage {

Result<bool> SkipBlankLinesToMemberEnd(WarcInput& input) {
  for (;;) {
    Result<bool> at_end = input.AtMemberEnd();
    if (!at_end.ok() || *at_end) return at_end;
    std::string_view b = input.buffered();
    size_t n = 0;
    while (n < b.size() && (b[n] == '\r' || b[n] == '\n')) ++n;
    input.Consume(n);
    if (n < b.size()) return false;
  }
}

}  // namespace newsarc::storage
