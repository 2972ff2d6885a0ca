// A PostgreSQL server for tests (Debian postgresql-15): a fresh cluster in a
// temporary directory, listening on 127.0.0.1 on a free port, trust
// authentication, fsync off. Run as the `postgres` user when the tests run
// as root (the server refuses root), else as the current user.
#ifndef NEWSARC_TESTS_PG_SERVER_H_
#define NEWSARC_TESTS_PG_SERVER_H_

#include <string>

namespace newsarc::testing {

class PgServer {
 public:
  PgServer();  // initdb + start; error() says what failed
  ~PgServer();  // stop, remove the directory
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

  const std::string& error() const { return error_; }
  int port() const { return port_; }
  // postgresql://postgres@127.0.0.1:PORT/postgres
  std::string url() const;
  // Stops the server (fast shutdown: sessions are cut) / starts it again on
  // the same port and data. True on success.
  bool Stop();
  bool Start();
  // One SQL query through psql; its output, unaligned, tuples only.
  std::string Query(const std::string& sql) const;
  // The first column of the first row as a number (-1 when not a number).
  long long Number(const std::string& sql) const;

 private:
  std::string As(const std::string& command) const;  // prefixed for the user
  std::string bin_;   // /usr/lib/postgresql/N/bin
  std::string dir_;
  int port_ = 0;
  bool as_postgres_ = false;
  bool running_ = false;
  std::string error_;
};

}  // namespace newsarc::testing

#endif  // NEWSARC_TESTS_PG_SERVER_H_
