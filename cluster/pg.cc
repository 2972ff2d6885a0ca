#include "cluster/pg.h"

#include <libpq-fe.h>

#include <regex>
#include <vector>

#include "cluster/cluster.h"

namespace newsarc::cluster {

std::vector<LibraryVersion> LibraryVersions() {
  int v = PQlibVersion();  // 150018 for 15.18
  return {{"libpq", std::to_string(v / 10000) + "." + std::to_string(v % 10000),
           "the cluster database"},
          {"libpqxx", PQXX_VERSION, "at build time"}};
}

std::string RedactDbUrl(const std::string& url) {
  // postgresql://user:secret@host -> postgresql://user:***@host; a
  // "password=..." keyword in a connection string likewise.
  static const std::regex kUrlPassword(R"(^([a-z]+://[^:/@]*):[^@]*@)");
  static const std::regex kKeyword(R"(password\s*=\s*\S+)");
  std::string out = std::regex_replace(url, kUrlPassword, "$1:***@");
  return std::regex_replace(out, kKeyword, "password=***");
}

Result<std::unique_ptr<Pg>> Pg::Connect(const std::string& url) {
  std::unique_ptr<Pg> pg(new Pg(url));
  Status st = pg->Reconnect();
  if (!st.ok()) return st;
  return pg;
}

Status Pg::Reconnect() {
  conn_.reset();
  std::string target = url_;
  // Never hang on a server that does not answer: the nodes retry.
  if (target.find("connect_timeout") == std::string::npos) {
    target += (target.find("://") != std::string::npos
                   ? (target.find('?') == std::string::npos ? "?" : "&")
                   : " ");
    target += "connect_timeout=5";
  }
  try {
    conn_ = std::make_unique<pqxx::connection>(target);
  } catch (const std::exception& e) {
    std::string why = e.what();
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return Status::Network("cluster database " + RedactDbUrl(url_), "cannot connect: " + why);
  }
  return Status();
}

bool Pg::connected() const { return conn_ != nullptr && conn_->is_open(); }

pqxx::result Pg::Exec(pqxx::work& w, const std::string& sql) {
  ++statements_;
  return w.exec(sql);
}

Status Pg::Transact(const std::function<void(pqxx::work&)>& fn) {
  if (!connected()) {
    Status st = Reconnect();
    if (!st.ok()) return st;
  }
  try {
    pqxx::work w(*conn_);
    fn(w);
    ++statements_;  // COMMIT
    w.commit();
  } catch (const pqxx::broken_connection& e) {
    conn_.reset();
    return Status::Network("cluster database " + RedactDbUrl(url_),
                           std::string("connection lost: ") + e.what());
  } catch (const pqxx::transaction_rollback& e) {
    // A serialization failure or deadlock: nothing was written; try again.
    return Status::Busy("cluster database " + RedactDbUrl(url_),
                        std::string("transaction rolled back: ") + e.what());
  } catch (const pqxx::in_doubt_error& e) {
    conn_.reset();
    return Status::Network("cluster database " + RedactDbUrl(url_),
                           std::string("commit in doubt: ") + e.what());
  } catch (const std::exception& e) {
    // A server shutting down answers with an SQL error (57P01) first.
    std::string why = e.what();
    if (!conn_->is_open() || why.find("terminating connection") != std::string::npos ||
        why.find("server closed") != std::string::npos) {
      conn_.reset();
      return Status::Network("cluster database " + RedactDbUrl(url_), "connection lost: " + why);
    }
    return Status::Io("cluster database " + RedactDbUrl(url_), why);
  }
  return Status();
}

}  // namespace newsarc::cluster
