#include "storage/writer_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/strings.h"
#include "base/time.h"

namespace newsarc::storage {
namespace {

std::string ReadAll(int fd) {
  std::string out;
  char buf[512];
  off_t off = 0;
  for (;;) {
    ssize_t n = pread(fd, buf, sizeof buf, off);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
    off += n;
    if (out.size() > 4096) break;
  }
  return std::string(TrimAscii(out));
}

// The short name of this program from /proc, e.g. "newsarc" or "storage_test".
std::string ProgramName() {
  int fd = open("/proc/self/comm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "?";
  std::string name = ReadAll(fd);
  close(fd);
  return name.empty() ? "?" : name;
}

}  // namespace

Result<std::unique_ptr<WriterLock>> WriterLock::Acquire(const std::string& archive_path,
                                                        const std::string& holder) {
  const std::string lock_path = LockPath(archive_path);
  int fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status::Io("open " + archive_path,
                      "cannot open writer lock file " + lock_path + ": " +
                          std::strerror(errno));
  }
  std::unique_ptr<WriterLock> lock(new WriterLock(fd));  // closes fd on return
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    if (err == EWOULDBLOCK) {
      std::string who = ReadAll(fd);
      if (who.empty()) who = "another process (no holder details yet)";
      return Status::Busy("open " + archive_path + " for writing",
                          "the archive is being written by " + who +
                              "; one writer at a time (readers may use --read-only)");
    }
    return Status::Io("open " + archive_path,
                      "cannot lock " + lock_path + ": " + std::strerror(err));
  }
  lock->held_ = true;
  std::string who = "pid " + std::to_string(getpid()) + " (" + ProgramName() + " " +
                    holder + ") since " + FormatWarcDate(NowMicros()) + "\n";
  if (ftruncate(fd, 0) != 0 ||
      pwrite(fd, who.data(), who.size(), 0) != static_cast<ssize_t>(who.size())) {
    return Status::Io("open " + archive_path,
                      "cannot write " + lock_path + ": " + std::strerror(errno));
  }
  return lock;
}

WriterLock::~WriterLock() {
  // Clear the holder text while still holding the lock, then let go.
  if (held_ && ftruncate(fd_, 0) != 0) {
    // Harmless: the next writer overwrites it.
  }
  close(fd_);
}

}  // namespace newsarc::storage
