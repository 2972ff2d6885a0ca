// The bundled demo news web (scripts/demo_site: news1.test in English,
// news2.test in GBK Chinese) served by scripts/demo_server (nginx on
// 127.0.0.1) for end-to-end tests, and a background process helper.
#ifndef NEWSARC_TESTS_DEMO_WEB_H_
#define NEWSARC_TESTS_DEMO_WEB_H_

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "nginx_site.h"
#include "test_util.h"

namespace newsarc::testing {

// A command in the background with stdout and stderr in `log`; killed (SIGTERM
// unless stopped otherwise) when destroyed.
class Background {
 public:
  Background(const std::vector<std::string>& argv, const std::string& log) : log_(log) {
    pid_ = fork();
    if (pid_ == 0) {
      setpgid(0, 0);
      std::FILE* out = std::freopen(log.c_str(), "w", stdout);
      std::FILE* err = std::freopen(log.c_str(), "a", stderr);
      (void)out;
      (void)err;
      std::vector<char*> args;
      for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
  }
  ~Background() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  // Sends `sig` and waits; the exit status (as waitpid reports), or -1.
  int StopWith(int sig) {
    if (pid_ <= 0) return -1;
    kill(pid_, sig);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }
  // What it printed so far ("" before it opened the file).
  std::string Log() const { return FileExists(log_) ? ReadFile(log_) : ""; }
  pid_t pid() const { return pid_; }

 private:
  std::string log_;
  pid_t pid_ = -1;
};

class DemoWeb {
 public:
  // Builds the demo web into `work` and serves it (scripts/demo_server).
  explicit DemoWeb(const std::string& work)
      : port_(FreeLoopbackPort()),
        server_({std::string(NEWSARC_SOURCE_DIR) + "/scripts/demo_server", work,
                 std::to_string(port_)},
                work + ".log"),
        work_(work) {
    for (int i = 0; i < 200; ++i) {
      if (RunShell("curl -s -o /dev/null -x " + proxy() + " http://news1.test/robots.txt")
              .exit_code == 0) {
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    error_ = "demo_server did not start: " + server_.Log();
  }
  std::string proxy() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& error() const { return error_; }
  // A served file, e.g. "news1.test/world/ferries-return.html".
  std::string File(const std::string& rel) const { return work_ + "/site/" + rel; }

  // Crawls both demo hosts into `archive`, quickly (the demo's own
  // Crawl-delay is for show).
  CommandResult Crawl(const std::string& archive) const {
    return RunNewsarc("crawl http://news1.test/ http://news2.test/ --archive " +
                      ShellQuote(archive) + " --proxy " + proxy() +
                      " --allow-private --delay 0.05s --ignore-crawl-delay --quiet");
  }

 private:
  int port_;
  Background server_;
  std::string work_;
  std::string error_;
};

}  // namespace newsarc::testing

#endif  // NEWSARC_TESTS_DEMO_WEB_H_
