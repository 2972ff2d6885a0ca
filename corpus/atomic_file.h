// AtomicFile: an output file that appears under its final name only when it
// is complete.
//
// Create() reserves a temporary file in the destination's directory
// ("<dir>/.<name>.tmp-XXXXXX", so the final rename never crosses file
// systems); the writer fills temp_path(); Commit() flushes it to disk and
// renames it over the final name. Destroying an uncommitted AtomicFile (an
// error, Ctrl-C) removes the temporary, so a failed export never leaves a
// half-written file under the final name.
#ifndef NEWSARC_CORPUS_ATOMIC_FILE_H_
#define NEWSARC_CORPUS_ATOMIC_FILE_H_

#include <string>

#include "base/status.h"

namespace newsarc::corpus {

class AtomicFile {
 public:
  // Fails when `path` exists and `overwrite` is false ("... exists; use
  // --force to overwrite"), when it is a directory, or when its directory
  // is missing or not writable.
  static Result<AtomicFile> Create(const std::string& path, bool overwrite);

  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) noexcept;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();  // removes the temporary unless committed

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }

  // fsyncs the temporary, gives it the usual permissions (0666 & ~umask)
  // and renames it to path(). The writer must have closed it.
  Status Commit();
  // Removes the temporary now.
  void Abandon();

 private:
  AtomicFile() = default;
  std::string path_;
  std::string temp_path_;
  bool committed_ = false;
};

}  // namespace newsarc::corpus

#endif  // NEWSARC_CORPUS_ATOMIC_FILE_H_
