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
//  - the hash chain (storage/chain.h): the record's position follows the
//    previous record's, and its stored chain value is SHA-256 of the previous
//    stored value and the digest recomputed from this record, so a deleted,
//    moved or altered record is named by the first link it breaks;
// then, with VerifyOptions::head, that the archive still extends that head
// (the record at the head's position has the head's chain value), payloads
// no record uses, `PRAGMA integrity_check` and `PRAGMA foreign_key_check`.
//
// What the chain alone cannot show: records removed from the end, or a
// forger who rewrites every later link. A head published earlier (`newsarc
// attest`) catches both.
#ifndef NEWSARC_STORAGE_VERIFY_H_
#define NEWSARC_STORAGE_VERIFY_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "storage/chain.h"

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
  // When set, the archive must still extend this head (from `newsarc attest`).
  std::optional<ChainHead> head;
  // When set, only this record is checked: its digests, its references and
  // its link in the hash chain (from the stored value of the record before
  // it); archive-level checks are skipped. NotFound when it is not stored.
  std::string record_id;
};

struct VerifyReport {
  int64_t records = 0;   // records checked
  int64_t payloads = 0;  // payload rows in the archive
  int64_t bytes = 0;     // record block bytes hashed
  bool interrupted = false;
  std::vector<VerifyProblem> problems;
  // The stored chain head after the last record checked; meaningful when
  // chain_breaks is 0. (For one record: its position and stored value.)
  ChainHead chain_head;
  int64_t chain_breaks = 0;        // records whose chain link does not hold
  std::string first_chain_break;   // record id of the first of them
  bool head_checked = false;       // options.head was given and holds
  bool ok() const { return problems.empty() && !interrupted; }
};

// Errors only when the archive cannot be read at all (missing file, not a
// newsarc archive, newer schema); damage inside it is reported as problems.
Result<VerifyReport> VerifyArchive(const std::string& path,
                                   const VerifyOptions& options = {});

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_VERIFY_H_
