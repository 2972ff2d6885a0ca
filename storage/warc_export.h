// Exporting the archive. ExportOptions/ExportResult are shared by every
// export format (cli/cmd_export.cc picks the function by --format); this
// file implements the "warc" format.
//
// WARC export writes every record, in archive order, with WarcWriter (one
// gzip member per record, WARC/1.1, rotated files or one FILE.warc.gz), and
// a CDXJ index of what it wrote: DIR/index.cdxj, or FILE.cdxj next to a
// single FILE.warc.gz. Existing output is refused unless `force`.
#ifndef NEWSARC_STORAGE_WARC_EXPORT_H_
#define NEWSARC_STORAGE_WARC_EXPORT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "storage/archive.h"

namespace newsarc::storage {

struct ExportOptions {
  std::string out;                          // directory or single file
  uint64_t max_file_bytes = 1000 * 1000 * 1000;  // rotation size (directories)
  bool force = false;                       // replace existing output
  bool write_index = true;                  // CDXJ next to the output
  // Extra fields for the warcinfo record heading each file.
  std::vector<std::pair<std::string, std::string>> info_fields;
  std::function<void(int64_t records_done)> progress;
  std::function<bool()> interrupted;  // polled between records
};

struct ExportResult {
  int64_t records = 0;
  uint64_t bytes = 0;               // bytes written
  std::vector<std::string> files;   // output files, in order
  std::string index_path;           // empty when no index was written
  int64_t index_lines = 0;
  bool interrupted = false;         // stopped early; files so far are complete
};

// Errors: InvalidArgument (existing output without force, bad --out),
// Io (cannot write), or the archive's read errors.
Result<ExportResult> ExportWarc(Archive& archive, const ExportOptions& options);

// Where the CDXJ index goes for `out` (see above).
std::string ExportIndexPath(const std::string& out);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_WARC_EXPORT_H_
