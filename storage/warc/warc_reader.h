// WarcReader: streams the records of one WARC file.
//
// Reads WARC/1.0 and WARC/1.1, plain or gzip (one member per record, or one
// member for the whole file), as wget, Heritrix, warcio, jwarc and newsarc
// write them. The file is read in bounded chunks; only the current record's
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
#include <optional>
#include <string>

#include "base/status.h"
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
};

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_WARC_WARC_READER_H_
