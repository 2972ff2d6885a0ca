#include "corpus/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace newsarc::corpus {

Result<AtomicFile> AtomicFile::Create(const std::string& path, bool overwrite) {
  if (path.empty()) return Status::InvalidArgument("--out", "no output file given");
  struct stat st {};
  if (stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      return Status::InvalidArgument(path, "is a directory; give a file name");
    }
    if (!overwrite) {
      return Status::InvalidArgument(path, "exists; use --force to overwrite it");
    }
  }
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  if (base.empty()) return Status::InvalidArgument(path, "names a directory; give a file name");
  std::string tmpl = (slash == std::string::npos ? std::string() : dir) + "." + base + ".tmp-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  int fd = mkstemp(buf.data());
  if (fd < 0) {
    return Status::Io(path, std::string("cannot create a file in ") + dir + ": " +
                                std::strerror(errno));
  }
  close(fd);
  AtomicFile f;
  f.path_ = path;
  f.temp_path_ = buf.data();
  return f;
}

AtomicFile::AtomicFile(AtomicFile&& o) noexcept
    : path_(std::move(o.path_)), temp_path_(std::move(o.temp_path_)), committed_(o.committed_) {
  o.temp_path_.clear();
  o.committed_ = true;
}

AtomicFile& AtomicFile::operator=(AtomicFile&& o) noexcept {
  if (this != &o) {
    Abandon();
    path_ = std::move(o.path_);
    temp_path_ = std::move(o.temp_path_);
    committed_ = o.committed_;
    o.temp_path_.clear();
    o.committed_ = true;
  }
  return *this;
}

AtomicFile::~AtomicFile() { Abandon(); }

void AtomicFile::Abandon() {
  if (!committed_ && !temp_path_.empty()) {
    unlink(temp_path_.c_str());
    temp_path_.clear();
  }
}

Status AtomicFile::Commit() {
  if (committed_ || temp_path_.empty()) {
    return Status::InvalidArgument(path_, "output already committed or abandoned");
  }
  int fd = open(temp_path_.c_str(), O_RDONLY);
  if (fd < 0) return Status::Io(temp_path_, std::strerror(errno));
  int rc = fsync(fd);
  int err = errno;
  close(fd);
  if (rc != 0) return Status::Io(temp_path_, std::string("fsync: ") + std::strerror(err));
  mode_t mask = umask(0);
  umask(mask);
  chmod(temp_path_.c_str(), 0666 & ~mask);
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    return Status::Io(path_, std::string("rename from ") + temp_path_ + ": " +
                                 std::strerror(errno));
  }
  committed_ = true;
  return Status();
}

}  // namespace newsarc::corpus
