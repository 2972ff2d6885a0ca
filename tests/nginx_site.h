// A multi-host news web for end-to-end tests: nginx (Debian package) on
// 127.0.0.1 with one virtual host per site, reached by using the server as
// an HTTP proxy (never through DNS), with an access log that has request
// start times in milliseconds so politeness can be checked afterwards.
#ifndef NEWSARC_TESTS_NGINX_SITE_H_
#define NEWSARC_TESTS_NGINX_SITE_H_

#include <map>
#include <string>
#include <vector>

namespace newsarc::testing {

struct VirtualHost {
  std::string name;    // "a.test"
  std::string extra;   // nginx directives inside server { }
};

// One line of the access log.
struct AccessLogEntry {
  double start = 0;  // seconds since the epoch, request start (ms resolution)
  double end = 0;    // when the response was logged
  std::string host;
  std::string method;
  std::string path;  // as requested (absolute URL through the proxy: its path)
  int status = 0;
  std::string user_agent;
};

class NginxSite {
 public:
  // Serves `root`/<name>/ for each host. `http_extra` goes in http { }
  // (e.g. limit_req_zone). The server runs until destruction.
  NginxSite(const std::string& dir, const std::string& root, const std::vector<VirtualHost>& hosts,
            const std::string& http_extra = "");
  ~NginxSite();
  NginxSite(const NginxSite&) = delete;
  NginxSite& operator=(const NginxSite&) = delete;

  // "" when running, else what went wrong (with nginx's own error).
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  std::string proxy() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<AccessLogEntry> AccessLog() const;
  // Empties the access log (nginx keeps appending to the same file).
  void ClearAccessLog() const;

 private:
  std::string dir_;
  int port_ = 0;
  int pid_ = -1;
  std::string error_;
};

// A free TCP port on 127.0.0.1 (bound and released).
int FreeLoopbackPort();

}  // namespace newsarc::testing

#endif  // NEWSARC_TESTS_NGINX_SITE_H_
