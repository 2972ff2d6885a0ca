#include "pg_server.h"

#include <glob.h>
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>

#include "nginx_site.h"
#include "test_util.h"

namespace newsarc::testing {

PgServer::PgServer() {
  glob_t g{};
  if (glob("/usr/lib/postgresql/*/bin/initdb", 0, nullptr, &g) != 0 || g.gl_pathc == 0) {
    globfree(&g);
    error_ = "no PostgreSQL server (/usr/lib/postgresql/*/bin/initdb); run scripts/setup";
    return;
  }
  std::string initdb = g.gl_pathv[g.gl_pathc - 1];
  globfree(&g);
  bin_ = initdb.substr(0, initdb.size() - std::string("/initdb").size());
  as_postgres_ = geteuid() == 0;
  if (as_postgres_ && getpwnam("postgres") == nullptr) {
    error_ = "running as root and there is no postgres user to run the server as";
    return;
  }
  // Not under the tests' private temporary directory: the postgres user
  // must be able to reach it.
  char tmpl[] = "/tmp/newsarc-pg-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) {
    error_ = "mkdtemp failed";
    return;
  }
  dir_ = tmpl;
  if (as_postgres_) RunShell("chown postgres:postgres " + ShellQuote(dir_));
  CommandResult init = RunShell(As(bin_ + "/initdb -D " + ShellQuote(dir_ + "/data") +
                                   " -A trust -U postgres --no-sync -E UTF8"));
  if (init.exit_code != 0) {
    error_ = "initdb failed: " + init.err + init.out;
    return;
  }
  port_ = FreeLoopbackPort();
  if (!Start()) error_ = "postgres did not start: " + ReadFile(dir_ + "/log");
}

PgServer::~PgServer() {
  if (running_) Stop();
  if (!dir_.empty()) RunShell("rm -rf " + ShellQuote(dir_));
}

std::string PgServer::As(const std::string& command) const {
  return as_postgres_ ? "runuser -u postgres -- " + command : command;
}

std::string PgServer::url() const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/postgres";
}

bool PgServer::Start() {
  std::string opts = "-p " + std::to_string(port_) + " -k " + dir_ +
                     " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                     " -c full_page_writes=off -c max_connections=50";
  CommandResult r = RunShell(As(bin_ + "/pg_ctl -D " + ShellQuote(dir_ + "/data") + " -o " +
                                ShellQuote(opts) + " -l " + ShellQuote(dir_ + "/log") +
                                " -w -t 30 start"));
  running_ = r.exit_code == 0;
  return running_;
}

bool PgServer::Stop() {
  CommandResult r =
      RunShell(As(bin_ + "/pg_ctl -D " + ShellQuote(dir_ + "/data") + " -m fast -w -t 30 stop"));
  running_ = false;
  return r.exit_code == 0;
}

std::string PgServer::Query(const std::string& sql) const {
  CommandResult r = RunShell("psql " + ShellQuote(url()) + " -X -q -A -t -v ON_ERROR_STOP=1 -c " +
                             ShellQuote(sql));
  std::string out = r.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

long long PgServer::Number(const std::string& sql) const {
  std::string out = Query(sql);
  char* end = nullptr;
  long long n = std::strtoll(out.c_str(), &end, 10);
  return out.empty() || (end != nullptr && *end != '\0') ? -1 : n;
}

}  // namespace newsarc::testing
