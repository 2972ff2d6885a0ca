// WarcReader: streams the records of one WARC file.
//
// Reads WARC/1.0 and WARC/1.1, plain or gzip (one member per record, or one
// member for the whole file), as wget, Heritrix, warcio, jwarc and newsarc
// write them. Older files are converted to WARC/1.1 records as they are read
// (storage/FORMAT.md, "Importing older formats"):
//   - WARC/0.17 and WARC/0.18 (Heritrix 1.x, ClueWeb09): the same named
//     fields; the record becomes WARC/1.1 with the original version kept in
//     a "Newsarc-Original-Version" header (not WARC-*: that namespace is the
//     standard's), and a WARC-Date in a form 1.1 does not allow is rewritten
//     (the original kept in "Newsarc-Original-Date");
//   - a version line in lower case ("warc/1.0"), which jwat accepts too;
//   - ARC v1 and v2 files (they start with "filedesc://"): arc_reader.h.
// converted() counts these per original format, and warnings() lists the
// repairs made on the way (each "at offset N: ..."). The file is read in bounded chunks; only the current record's
// block is held in memory, and a record that declares a block larger than
// WarcReaderOptions::max_block_bytes (or, in a plain file, one running past
// the end of the file) is an error rather than an allocation.
//
// Pipes and FIFOs are read too (no up-front size checks then).
//
// Errors are Status::Corrupt with messages "<file>: at offset <N>: <what>".
// After an error the reader stays failed (Next() repeats the error). A record
// whose block was read completely is returned even when the damage follows
// it; the error then comes with the next call.
#ifndef NEWSARC_STORAGE_WARC_WARC_READER_H_
#define NEWSARC_STORAGE_WARC_WARC_READER_H_

#include <cstdint>
#include <memory>
#include <map>
#include <optional>
#include <string>

#include "base/status.h"
#include "storage/warc/arc_reader.h"
#include "storage/warc/warc_input.h"
#include "storage/warc/warc_record.h"

namespace newsarc::storage {

struct WarcReaderOptions {
  // Largest block accepted (the declared Content-Length). 1 GiB.
  uint64_t max_block_bytes = uint64_t{1} << 30;
  // Longest header section accepted.
  size_t max_header_bytes = 1 << 20;
};

// Where a record sits in its file, as CDX indexes record it.
struct WarcRecordLocation {
  // Byte offset of the record in the file; for gzip files, the offset of the
  // gzip member that holds the record.
  uint64_t offset = 0;
  // Gzip: compressed length of the member (when member_aligned). Plain:
  // length of version line, headers and block, without the CRLF CRLF that
  // ends the record (as warcio's index reports it).
  uint64_t length = 0;
  // Gzip: true when the record fills its own member (the normal layout; CDX
  // offsets are only meaningful then). Always true for plain files.
  bool member_aligned = true;
};

class WarcReader {
 public:
  static Result<std::unique_ptr<WarcReader>> Open(const std::string& path,
                                                  const WarcReaderOptions& options = {});

  // Reads the next record. True with a record, false at the clean end of
  // the file, or an error naming file, offset and problem.
  Result<bool> Next(WarcRecord* record, WarcRecordLocation* location = nullptr);

  const std::string& path() const { return input_.path(); }
  bool gzip() const { return input_.gzip(); }
  uint64_t file_size() const { return input_.file_size(); }
  // File bytes consumed so far (compressed bytes for gzip), for progress.
  uint64_t bytes_read() const { return input_.file_bytes_read(); }

  // Records read from an older format and converted to WARC/1.1, by the
  // original format: "WARC/0.17", "WARC/0.18", "ARC/1.0", "ARC/2.0", or
  // "lower-case version line" for WARC/1.x records that spelled it so.
  const std::map<std::string, int64_t>& converted() const { return converted_; }
  const ReadWarnings& warnings() const { return warnings_; }

 private:
  explicit WarcReader(const WarcReaderOptions& options) : options_(options) {}
  Result<bool> ReadRecord(WarcRecord* record, WarcRecordLocation* location);
  // Reads one line (without its CR LF / LF) of at most `max` bytes.
  // nullopt at end of file.
  Result<std::optional<std::string>> ReadLine(size_t max, uint64_t record_offset);
  Status ReadBlock(uint64_t length, uint64_t record_offset, std::string* block);
  Status ReadTerminator(uint64_t record_offset);
  // Skips CR and LF bytes between records. False at end of file.
  Result<bool> SkipBlankBytes();
  Status Fail(Status status);
  Status Corrupt(uint64_t offset, const std::string& why) const;

  WarcReaderOptions options_;
  WarcInput input_;
  Status error_;           // sticky
  Status pending_error_;   // found after a complete record; reported next
  uint64_t records_ = 0;
  std::unique_ptr<ArcReader> arc_;  // set when the file is an ARC file
  std::map<std::string, int64_t> converted_;
  ReadWarnings warnings_;
};

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_WARC_WARC_READER_H_
