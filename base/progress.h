// Progress lines on a terminal, and Ctrl-C as a polite request to stop.
//
// Long jobs (crawl, import, export, verify) call Progress::Update() as they
// go; it redraws one line on stderr at most ten times a second and only when
// stderr is a terminal. InterruptRequested() turns SIGINT/SIGTERM into a flag
// the job polls between units of work, so a commit is never cut in half.
#ifndef NEWSARC_BASE_PROGRESS_H_
#define NEWSARC_BASE_PROGRESS_H_

#include <cstdint>
#include <string>

namespace newsarc {

class Progress {
 public:
  // `label` starts the line ("import", "verify"). `total` may be 0 (unknown).
  Progress(std::string label, uint64_t total, bool enabled);
  ~Progress();  // clears the line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // `done` is in the same unit as `total`; `detail` is appended as is.
  void Update(uint64_t done, const std::string& detail = "");
  void Finish();

  // True when stderr is a terminal and NEWSARC_NO_PROGRESS is unset.
  static bool StderrIsTerminal();

 private:
  std::string label_;
  uint64_t total_;
  bool enabled_;
  int64_t start_us_;
  int64_t last_draw_us_ = 0;
  bool drawn_ = false;
};

// Installs SIGINT and SIGTERM handlers that set a flag (a second Ctrl-C
// restores the default action, so a stuck job can still be killed).
void InstallInterruptHandler();
bool InterruptRequested();
// For tests.
void ResetInterruptForTest();

}  // namespace newsarc

#endif  // NEWSARC_BASE_PROGRESS_H_
