// Pg: one connection to the cluster's PostgreSQL database (libpqxx), with
// the two things the cluster needs beside it: errors as Status naming the
// database (without its password), and a count of the statements sent, which
// the nodes report so that `cluster status` and the bench can give
// statements per page. Internal to cluster/.
#ifndef NEWSARC_CLUSTER_PG_H_
#define NEWSARC_CLUSTER_PG_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <pqxx/pqxx>

#include "base/status.h"

namespace newsarc::cluster {

// `url` without a password ("postgresql://user:***@host/db"), for messages.
std::string RedactDbUrl(const std::string& url);

class Pg {
 public:
  // Connects (a few seconds at most); Network error naming the URL if not.
  static Result<std::unique_ptr<Pg>> Connect(const std::string& url);

  // Runs `fn` in one transaction and commits. A lost connection or a server
  // going away is a Network error (the next call reconnects); a transaction
  // the server rolled back (serialization failure, deadlock) is Busy; any
  // other SQL error is Io with the server's message.
  Status Transact(const std::function<void(pqxx::work&)>& fn);
  Status Reconnect();
  bool connected() const;

  // Statements sent so far (counted by the callers through Exec below).
  int64_t statements() const { return statements_; }
  pqxx::result Exec(pqxx::work& w, const std::string& sql);
  template <typename... Args>
  pqxx::result Exec(pqxx::work& w, const std::string& sql, Args&&... args) {
    ++statements_;
    return w.exec_params(sql, std::forward<Args>(args)...);
  }

  const std::string& url() const { return url_; }

 private:
  explicit Pg(std::string url) : url_(std::move(url)) {}
  std::string url_;
  std::unique_ptr<pqxx::connection> conn_;
  int64_t statements_ = 0;
};

}  // namespace newsarc::cluster

#endif  // NEWSARC_CLUSTER_PG_H_
