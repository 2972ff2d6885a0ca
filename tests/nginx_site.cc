#include "nginx_site.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "test_util.h"

namespace newsarc::testing {

namespace {

bool CanConnect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  close(fd);
  return ok;
}

}  // namespace

int FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

NginxSite::NginxSite(const std::string& dir, const std::string& root,
                     const std::vector<VirtualHost>& hosts, const std::string& http_extra)
    : dir_(dir), port_(FreeLoopbackPort()) {
  const char* nginx = "/usr/sbin/nginx";
  if (access(nginx, X_OK) != 0) {
    error_ = "nginx is required (Debian package nginx-light; scripts/setup installs it)";
    return;
  }
  RunShell("mkdir -p " + ShellQuote(dir + "/tmp") + " && chmod -R a+rX " + ShellQuote(root));
  std::ostringstream c;
  // nginx workers drop to "nobody" when started by root; the test files
  // live under a private temp directory, so keep root's rights.
  if (geteuid() == 0) c << "user root;\n";
  c << "daemon off;\nworker_processes 1;\npid " << dir << "/nginx.pid;\n"
    << "error_log " << dir << "/error.log warn;\nevents { worker_connections 256; }\n"
    << "http {\n"
    << "  types { text/html html; application/xml xml; application/rss+xml rss; "
       "text/plain txt; image/png png; image/svg+xml svg; text/css css; "
       "application/javascript js mjs; application/json json; application/wacz wacz; "
       "application/wasm wasm; font/woff2 woff2; }\n"
    << "  default_type application/octet-stream;\n"
    << "  log_format timed '$msec\\t$request_time\\t$host\\t$status\\t$request\\t"
       "$http_user_agent';\n"
    << "  access_log " << dir << "/access.log timed;\n"
    << "  client_body_temp_path " << dir << "/tmp; proxy_temp_path " << dir << "/tmp;\n"
    << "  fastcgi_temp_path " << dir << "/tmp; uwsgi_temp_path " << dir << "/tmp;\n"
    << "  scgi_temp_path " << dir << "/tmp;\n"
    << http_extra << "\n";
  bool first = true;
  for (const VirtualHost& h : hosts) {
    c << "  server {\n    listen 127.0.0.1:" << port_ << (first ? " default_server" : "")
      << ";\n    server_name " << h.name << ";\n    root " << root << "/" << h.name << ";\n"
      << h.extra << "\n  }\n";
    first = false;
  }
  c << "}\n";
  std::string conf = dir + "/nginx.conf";
  WriteFile(conf, c.str());
  pid_t pid = fork();
  if (pid == 0) {
    execl(nginx, "nginx", "-e", (dir + "/startup.log").c_str(), "-p", dir.c_str(), "-c",
          conf.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  pid_ = pid;
  for (int i = 0; i < 200 && !CanConnect(port_); ++i) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  if (pid_ < 0 || !CanConnect(port_)) {
    error_ = "nginx did not start: " + ReadFile(dir + "/startup.log") + ReadFile(dir + "/error.log");
  }
}

NginxSite::~NginxSite() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

std::vector<AccessLogEntry> NginxSite::AccessLog() const {
  std::vector<AccessLogEntry> out;
  std::ifstream in(dir_ + "/access.log");
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) f.push_back(field);
    if (f.size() < 6) continue;
    AccessLogEntry e;
    e.end = std::stod(f[0]);
    e.start = e.end - std::stod(f[1]);
    e.host = f[2];
    e.status = std::stoi(f[3]);
    std::stringstream req(f[4]);
    std::string target;
    req >> e.method >> target;
    // Through a proxy the request target is the absolute URL.
    size_t scheme = target.find("://");
    if (scheme != std::string::npos) {
      size_t slash = target.find('/', scheme + 3);
      target = slash == std::string::npos ? "/" : target.substr(slash);
    }
    e.path = target;
    e.user_agent = f[5];
    out.push_back(e);
  }
  return out;
}

void NginxSite::ClearAccessLog() const {
  // Truncating in place keeps nginx's open file descriptor valid.
  std::ofstream(dir_ + "/access.log", std::ios::trunc);
}

}  // namespace newsarc::testing
