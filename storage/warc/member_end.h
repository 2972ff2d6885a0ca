// Where a gzip member ends after a record, for the WARC and ARC readers.
#ifndef NEWSARC_STORAGE_WARC_MEMBER_END_H_
#define NEWSARC_STORAGE_WARC_MEMBER_END_H_

#include "base/status.h"
#include "storage/warc/warc_input.h"

namespace newsarc::storage {

// gzip only, after a record's block: skips the blank lines (CR, LF) left in
// the member and says whether the member ends there (true: the record filled
// its member, as CDX offsets need) or more bytes follow inside it (false:
// records share the member); an error for damaged gzip data.
Result<bool> SkipBlankLinesToMemberEnd(WarcInput& input);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_WARC_MEMBER_END_H_
