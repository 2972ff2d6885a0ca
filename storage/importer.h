// Importing WARC files into the archive.
//
// The files are read with WarcReader, so WARC/0.17 and 0.18 records and ARC
// files are imported too, as WARC/1.1 records (storage/FORMAT.md,
// "Importing older formats"); the result says what was converted and which
// repairs the reader made.
//
// Records are Put() in batches, one transaction per batch, each with its
// source file name and offset. Damage in a file ends that file's import:
// the records read before it are committed (the archive never holds half a
// batch), and the result says how many there were and where the damage is.
// A record already stored under the same id with the same block is counted
// as a duplicate (re-importing is idempotent); a record the archive refuses
// (e.g. its declared digest does not match its block, or a different record
// already has its id) is counted as rejected with the reason, and the import
// goes on.
#ifndef NEWSARC_STORAGE_IMPORTER_H_
#define NEWSARC_STORAGE_IMPORTER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "storage/archive.h"

namespace newsarc::storage {

struct ImportOptions {
  int64_t batch_records = 2000;        // commit after this many records...
  uint64_t batch_bytes = 64ull << 20;  // ...or this many block bytes
  // Called after each record with the file bytes read so far (of this file).
  std::function<void(uint64_t file_bytes_done)> progress;
  // Polled between records; true stops the import after committing.
  std::function<bool()> interrupted;
};

struct ImportFileResult {
  std::string file;
  int64_t read = 0;        // records read from the file
  int64_t imported = 0;    // newly stored
  int64_t duplicates = 0;  // already stored, skipped
  int64_t rejected = 0;    // refused by the archive
  uint64_t bytes = 0;      // file bytes read
  std::vector<std::string> rejections;  // first reasons, "offset N: ..."
  // Records converted to WARC/1.1, by original format ("WARC/0.18",
  // "ARC/1.0", ...: WarcReader::converted()).
  std::map<std::string, int64_t> converted;
  std::vector<std::string> warnings;  // first repairs, "at offset N: ..."
  int64_t warning_count = 0;          // all repairs
  Status damage;           // the reading error that ended the file, if any
  bool interrupted = false;
};

// Imports one file. The returned Status is an archive failure (e.g. a
// commit that failed, disk full), after which the caller should stop; the
// file's own damage is reported in the result.
Result<ImportFileResult> ImportWarcFile(Archive& archive, const std::string& path,
                                        const ImportOptions& options = {});

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_IMPORTER_H_
