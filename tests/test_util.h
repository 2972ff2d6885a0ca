// Helpers shared by the test suites: temporary directories, files, and
// running the newsarc binary.
#ifndef NEWSARC_TESTS_TEST_UTIL_H_
#define NEWSARC_TESTS_TEST_UTIL_H_

#include <string>
#include <string_view>

namespace newsarc::testing {

// A fresh directory under $TMPDIR, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

void WriteFile(const std::string& path, std::string_view bytes);
std::string ReadFile(const std::string& path);
bool FileExists(const std::string& path);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};
// Runs `command` with /bin/sh, capturing stdout and stderr.
CommandResult RunShell(const std::string& command);
// Runs the built newsarc binary with `args` (already shell-quoted as needed).
CommandResult RunNewsarc(const std::string& args);
// Single-quotes `s` for /bin/sh.
std::string ShellQuote(std::string_view s);
// gzip-compresses `data` as one member (for building .gz test inputs).
std::string Gzip(std::string_view data);
// zlib's deflate with `window_bits` as deflateInit2 takes them: 15 zlib
// format, -15 raw deflate, 15 + 16 gzip.
std::string Deflate(std::string_view data, int window_bits);

}  // namespace newsarc::testing

#endif  // NEWSARC_TESTS_TEST_UTIL_H_
