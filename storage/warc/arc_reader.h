// ArcReader: the records of an ARC file (the Internet Archive's format
// before WARC), converted to WARC/1.1 records as they are read.
//
// An ARC file is a "filedesc://" record (its block starts with the version
// block, "1 0 Org" and the field-names line, sometimes followed by XML
// metadata), then one record per capture: a header line
// "URL IP-address Archive-date Content-type Archive-length" (ARC v1; v2 has
// ten fields, the length still last), the Archive-length bytes, and an LF.
// Plain files and gzip-per-record files (.arc.gz) are read, through the
// same WarcInput as WARC files; WarcReader hands over to an ArcReader when
// a file starts with "filedesc://".
//
// The mapping (documented in storage/FORMAT.md, "Importing older formats"):
//   filedesc record -> warcinfo, WARC-Filename = the name after filedesc://,
//                      block = the ARC block (version block and metadata);
//   URL record      -> response (Content-Type application/http;
//                      msgtype=response) when the block starts with an HTTP
//                      status line, else resource with the ARC content type;
//                      WARC-Target-URI, WARC-IP-Address, WARC-Warcinfo-ID;
//   every record    -> WARC-Date from the 14-digit Archive-date (UTC),
//                      a WARC-Record-ID derived from the record's bytes (so
//                      importing the file again finds the same records),
//                      Newsarc-Original-Version: ARC/1.0 (or ARC/2.0) and
//                      Newsarc-ARC-Header: the original header line.
//
// Like warcio (and so the ARC files it reads), damage that loses nothing
// is repaired and reported as a warning rather than an error: an
// Archive-length that is not a number or negative reads as 0 (warcio's
// rule), or, in a gzip-per-record file, as "up to the member's end"; a
// block that the end of the file or of its gzip member cuts short keeps the
// bytes present; an Archive-date longer than 14 digits is cut to 14. Everything else (a garbage header line, an unknown ARC version, a
// block larger than the limit) is Status::Corrupt "<file>: at offset N: ...".
#ifndef NEWSARC_STORAGE_WARC_ARC_READER_H_
#define NEWSARC_STORAGE_WARC_ARC_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "storage/warc/warc_input.h"
#include "storage/warc/warc_record.h"

namespace newsarc::storage {

struct WarcRecordLocation;

// Repairs made while reading a file ("at offset N: ..."): the first ones,
// and how many there were in all.
struct ReadWarnings {
  static constexpr size_t kMaxKept = 20;
  std::vector<std::string> first;
  int64_t total = 0;
  void Add(std::string warning);
};

class ArcReader {
 public:
  // `input` is positioned at the "filedesc://" line and outlives the reader.
  ArcReader(WarcInput* input, uint64_t max_block_bytes, ReadWarnings* warnings)
      : input_(input), max_block_bytes_(max_block_bytes), warnings_(warnings) {}

  // Reads the next record as WARC/1.1. True with a record, false at the
  // clean end of the file, or an error naming file, offset and problem.
  Result<bool> Next(WarcRecord* record, WarcRecordLocation* location);

  // "ARC/1.0" or "ARC/2.0" once the filedesc record was read.
  const std::string& format() const { return format_; }

 private:
  Result<bool> SkipBlankBytes();
  // One line without its CR LF / LF (with it, when keep_line_end); nullopt
  // at the end of the file.
  Result<std::optional<std::string>> ReadLine(uint64_t record_offset,
                                              bool keep_line_end = false);
  // Reads up to `length` bytes; fewer when the file (or, gzip, the record's
  // member) ends first.
  Status ReadBlock(uint64_t length, bool member_aligned, std::string* block);
  Status Corrupt(uint64_t offset, const std::string& why) const;
  void Warn(uint64_t offset, const std::string& why);

  WarcInput* input_;
  uint64_t max_block_bytes_;
  ReadWarnings* warnings_;
  std::string format_;
  size_t fields_ = 5;  // header fields per URL record: 5 (v1) or 10 (v2)
  std::string warcinfo_id_;
  Status pending_error_;  // found after a complete record; reported next
  int64_t records_ = 0;
};

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_WARC_ARC_READER_H_
