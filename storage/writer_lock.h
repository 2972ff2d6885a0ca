// The archive's one-writer rule, enforced with flock(2) on a sidecar file.
//
// A writer opens "<archive>.lock" and takes an exclusive, non-blocking flock;
// it then writes who it is ("pid 123, import, since 2024-05-01T12:00:00Z")
// into the file. A second writer (any process, or a second Archive in the
// same process) fails with Status::Busy quoting that text. The kernel drops
// the flock when the holder exits or crashes, so a stale lock never blocks.
// The lock file is left in place on release: unlinking it would let two
// writers lock two different inodes.
#ifndef NEWSARC_STORAGE_WRITER_LOCK_H_
#define NEWSARC_STORAGE_WRITER_LOCK_H_

#include <memory>
#include <string>

#include "base/status.h"

namespace newsarc::storage {

class WriterLock {
 public:
  // Takes the lock for `archive_path`; `holder` says what is writing.
  static Result<std::unique_ptr<WriterLock>> Acquire(const std::string& archive_path,
                                                     const std::string& holder);
  ~WriterLock();  // releases
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

  static std::string LockPath(const std::string& archive_path) {
    return archive_path + ".lock";
  }

 private:
  explicit WriterLock(int fd) : fd_(fd) {}
  int fd_;
  bool held_ = false;  // only the holder may clear the holder text
};

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_WRITER_LOCK_H_
