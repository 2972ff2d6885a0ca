// Archive verification: the checks behind `newsarc verify`.
//
// Reads the archive in one consistent snapshot (readers never block the
// writer, so a crawl may go on meanwhile) and checks, record by record in
// archive order:
//  - the record reassembles (headers decode, payload decompresses) and the
//    stored payload still hashes to its content address;
//  - Content-Length equals the block size;
//  - WARC-Block-Digest and WARC-Payload-Digest match the recomputed digests
//    (payload as in record_codec.h; sha1 and sha256 labels are checked);
//  - references: a revisit's WARC-Refers-To names a stored record (without
//    one, an identical-payload-digest revisit needs a stored response or
//    resource with its payload digest); a conversion's WARC-Refers-To names
//    a stored response;
// then payloads no record uses, `PRAGMA integrity_check` and
// `PRAGMA foreign_key_check`.
#ifndef NEWSARC_STORAGE_VERIFY_H_
#define NEWSARC_STORAGE_VERIFY_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace newsarc::storage {

struct VerifyProblem {
  std::string record_id;  // "<urn:uuid:...>", or empty for archive-level problems
  std::string problem;    // what is wrong, e.g. "WARC-Block-Digest mismatch: ..."
};

struct VerifyOptions {
  // Called after each record with (records done, total records).
  std::function<void(uint64_t, uint64_t)> progress;
  // Polled between records; true stops the run (report.interrupted).
  std::function<bool()> cancelled;
};

struct VerifyReport {
  int64_t records = 0;   // records checked
  int64_t payloads = 0;  // payload rows in the archive
  int64_t bytes = 0;     // record block bytes hashed
  bool interrupted = false;
  std::vector<VerifyProblem> problems;
  bool ok() const { return problems.empty() && !interrupted; }
};

// Errors only when the archive cannot be read at all (missing file, not a
// newsarc archive, newer schema); damage inside it is reported as problems.
Result<VerifyReport> VerifyArchive(const std::string& path,
                                   const VerifyOptions& options = {});

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_VERIFY_H_
