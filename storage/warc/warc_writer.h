// WarcWriter: writes records as standard WARC/1.1, one gzip member per
// record, so every record can be addressed by (file, offset, length).
//
// Output is either a directory, where files rotate at max_file_bytes and are
// named after the IIPC WARC naming guidelines
//     PREFIX-YYYYMMDDhhmmssmmm-NNNNN-HOST.warc.gz
// (17-digit UTC creation time, 5-digit serial from 00000, host name), or a
// single FILE.warc.gz (no rotation). Each file starts with a warcinfo record
// (software, format, host, WARC-Filename) unless write_warcinfo is false.
// A file is written under "NAME.open" and renamed to NAME by Close() or on
// rotation, so no half-written file ever carries the final name; a writer
// destroyed without Close() deletes its unfinished file.
//
// Records keep their headers in order; the version line is WARC/1.1,
// Content-Length is set to the block size, and angle brackets around
// WARC-Target-URI (a WARC/1.0 habit of wget) are dropped as 1.1 requires.
// Not thread-safe.
#ifndef NEWSARC_STORAGE_WARC_WARC_WRITER_H_
#define NEWSARC_STORAGE_WARC_WARC_WRITER_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "base/chandle.h"
#include "base/status.h"
#include "storage/warc/warc_record.h"

namespace newsarc::storage {

struct WarcWriterOptions {
  std::string prefix = "newsarc";
  uint64_t max_file_bytes = 1000 * 1000 * 1000;  // rotate after ~1 GB
  bool write_warcinfo = true;
  // Extra "name: value" lines for the head warcinfo record (e.g. the
  // command line); software, format, conformsTo and host are always set.
  std::vector<std::pair<std::string, std::string>> warcinfo_fields;
  int gzip_level = 6;
};

// Where Write() put a record.
struct WrittenRecord {
  std::string filename;  // base name of the (final) WARC file
  uint64_t offset = 0;   // offset of the record's gzip member
  uint64_t length = 0;   // compressed length of the member
};

// The serialized version line and header section, up to and including the
// blank line, as the writer puts it before the block.
std::string WarcHeaderBytes(const WarcRecord& record);

class WarcWriter {
 public:
  // `out` ending in ".warc.gz" is a single file; anything else is a
  // directory (created when missing). Refuses an existing single file.
  static Result<std::unique_ptr<WarcWriter>> Open(const std::string& out,
                                                  const WarcWriterOptions& options = {});
  ~WarcWriter();
  WarcWriter(const WarcWriter&) = delete;
  WarcWriter& operator=(const WarcWriter&) = delete;

  Result<WrittenRecord> Write(const WarcRecord& record);
  // Finishes and renames the current file. Idempotent.
  Status Close();

  // Final paths of every file finished so far (after Close(), all of them).
  const std::vector<std::string>& files() const { return files_; }
  uint64_t bytes_written() const { return total_bytes_; }

 private:
  WarcWriter(std::string out, bool single_file, const WarcWriterOptions& options);
  Status StartFile();
  Status FinishFile();
  Result<WrittenRecord> WriteMember(const WarcRecord& record);
  WarcRecord MakeWarcinfo(const std::string& filename) const;

  std::string out_;
  bool single_file_;
  WarcWriterOptions options_;
  std::string host_;
  int serial_ = 0;

  CHandle<FILE, std::fclose> file_;
  std::string final_path_;  // of the open file
  std::string temp_path_;
  uint64_t file_bytes_ = 0;  // bytes in the open file
  uint64_t total_bytes_ = 0;
  std::vector<std::string> files_;
};

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_WARC_WARC_WRITER_H_
