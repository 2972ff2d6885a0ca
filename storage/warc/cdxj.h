// CDXJ index lines, as pywb reads them:
//   SURT 14-DIGIT-TIMESTAMP {"url":...,"mime":...,"status":...,"digest":...,
//                            "length":...,"offset":...,"filename":...}
// Values are JSON strings as pywb writes them; "digest" is the payload
// digest without its "sha1:" label (other algorithms keep theirs); "status"
// is left out for records that carry no HTTP message. Indexed record types:
// response, revisit (mime "warc/revisit"), resource and conversion;
// warcinfo, request and metadata records are not replayable and skipped.
// A file of lines is sorted bytewise (LC_ALL=C order), which is the order
// pywb's binary search expects.
#ifndef NEWSARC_STORAGE_WARC_CDXJ_H_
#define NEWSARC_STORAGE_WARC_CDXJ_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "storage/warc/warc_record.h"

namespace newsarc::storage {

// The line (without newline) for `record` stored in `filename` at
// `offset`/`length`; nullopt when the record type is not indexed.
std::optional<std::string> CdxjLine(const WarcRecord& record, std::string_view filename,
                                    uint64_t offset, uint64_t length);

// Sorts bytewise and drops exact duplicates.
void SortCdxjLines(std::vector<std::string>* lines);

// Appends the lines of every indexed record of the WARC file at `path`
// (filename field: its base name). Fails on a damaged file, and on a .gz
// file that is not one gzip member per record (offsets would be useless).
Status IndexWarcFile(const std::string& path, std::vector<std::string>* lines);

// Writes sorted lines to `path` (via a temporary file and rename).
Status WriteCdxjFile(const std::string& path, const std::vector<std::string>& lines);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_WARC_CDXJ_H_
