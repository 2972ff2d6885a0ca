// Thin RAII wrappers over the SQLite C API for the archive's own use.
//
// Db owns a sqlite3 connection; Stmt owns a prepared statement and is reset
// (not finalised) between uses so hot statements are prepared once. Errors
// come back as Status with the SQL and SQLite's message, e.g.
//   "sqlite /tmp/a.db: INSERT INTO records ...: UNIQUE constraint failed".
// Internal to storage/; SQLite never appears in storage/archive.h.
#ifndef NEWSARC_STORAGE_SQLITE_DB_H_
#define NEWSARC_STORAGE_SQLITE_DB_H_

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/chandle.h"
#include "base/status.h"

namespace newsarc::storage {

using SqliteHandle = CHandle<sqlite3, sqlite3_close_v2>;
using SqliteStmtHandle = CHandle<sqlite3_stmt, sqlite3_finalize>;

// A prepared statement. Bind* take 1-based indexes as SQLite does; Step()
// returns true while a row is available. Views from Column*() are valid until
// the next Step()/Reset().
class Stmt {
 public:
  Stmt() = default;
  explicit Stmt(SqliteStmtHandle stmt) : stmt_(std::move(stmt)) {}

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, std::string_view text);  // TEXT
  Stmt& BindBlob(int i, std::string_view bytes);
  Stmt& BindNull(int i);
  // Binds NULL for an empty optional / empty view when `null_if_empty`.
  Stmt& BindTextOrNull(int i, std::string_view text);

  // True: a row is ready. False: done. Error: SQLite's message.
  Result<bool> Step();
  // Runs to completion, ignoring rows.
  Status Run();
  void Reset();

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  std::string_view Text(int col) const;
  std::string_view Blob(int col) const;

  sqlite3_stmt* get() const { return stmt_.get(); }

 private:
  SqliteStmtHandle stmt_;
};

// "sqlite <path>: <what>: <errmsg>" with a Status code for `rc` (BUSY ->
// Busy, CORRUPT/NOTADB -> Corrupt, else Io).
Status SqliteError(sqlite3* db, std::string_view what, int rc);

class Db {
 public:
  // Opens `path` (flags as sqlite3_open_v2). The label names the file in
  // error messages.
  static Result<Db> Open(const std::string& path, int flags);

  Db() = default;
  Db(Db&&) = default;
  Db& operator=(Db&&) = default;

  Status Exec(std::string_view sql);
  Result<Stmt> Prepare(std::string_view sql);
  // Single integer from a one-row query (e.g. a PRAGMA).
  Result<int64_t> QueryInt(std::string_view sql);

  // "sqlite <path>: <what>: <sqlite errmsg>"
  Status Error(std::string_view what) const;

  sqlite3* get() const { return db_.get(); }
  const std::string& path() const { return path_; }
  bool in_transaction() const { return sqlite3_get_autocommit(db_.get()) == 0; }

 private:
  SqliteHandle db_;
  std::string path_;
};

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_SQLITE_DB_H_
