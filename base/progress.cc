#include "base/progress.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "base/time.h"

namespace newsarc {

Progress::Progress(std::string label, uint64_t total, bool enabled)
    : label_(std::move(label)),
      total_(total),
      enabled_(enabled),
      start_us_(NowMicros()) {}

Progress::~Progress() { Finish(); }

bool Progress::StderrIsTerminal() {
  return isatty(STDERR_FILENO) == 1 && std::getenv("NEWSARC_NO_PROGRESS") == nullptr;
}

void Progress::Update(uint64_t done, const std::string& detail) {
  if (!enabled_) return;
  int64_t now = NowMicros();
  if (drawn_ && now - last_draw_us_ < 100000) return;
  last_draw_us_ = now;
  drawn_ = true;
  double elapsed = static_cast<double>(now - start_us_) / 1e6;
  char buf[256];
  if (total_ > 0) {
    double frac = static_cast<double>(done) / static_cast<double>(total_);
    if (frac > 1) frac = 1;
    double eta = frac > 0 ? elapsed * (1 - frac) / frac : 0;
    std::snprintf(buf, sizeof buf, "\r\033[K%s: %5.1f%% eta %.0fs ", label_.c_str(),
                  frac * 100, eta);
  } else {
    std::snprintf(buf, sizeof buf, "\r\033[K%s: %llu (%.0fs) ", label_.c_str(),
                  static_cast<unsigned long long>(done), elapsed);
  }
  std::fputs(buf, stderr);
  std::fputs(detail.c_str(), stderr);
  std::fflush(stderr);
}

void Progress::Finish() {
  if (enabled_ && drawn_) {
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    drawn_ = false;
  }
}

namespace {
std::atomic<bool> g_interrupted{false};

extern "C" void OnSignal(int sig) {
  if (g_interrupted.exchange(true)) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
  }
}
}  // namespace

void InstallInterruptHandler() {
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

bool InterruptRequested() { return g_interrupted.load(std::memory_order_relaxed); }
void ResetInterruptForTest() { g_interrupted = false; }

}  // namespace newsarc
