#include "storage/sqlite_db.h"

#include <utility>

#include "storage/crash_vfs.h"

namespace newsarc::storage {

Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_.get(), i, v);
  return *this;
}

Stmt& Stmt::Bind(int i, std::string_view text) {
  // SQLITE_TRANSIENT: callers often bind temporaries.
  sqlite3_bind_text64(stmt_.get(), i, text.data(), text.size(), SQLITE_TRANSIENT,
                      SQLITE_UTF8);
  return *this;
}

Stmt& Stmt::BindBlob(int i, std::string_view bytes) {
  // A zero-length blob must still be a blob, not NULL: pass a non-null pointer.
  static const char kEmpty = 0;
  sqlite3_bind_blob64(stmt_.get(), i, bytes.empty() ? &kEmpty : bytes.data(),
                      bytes.size(), SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(stmt_.get(), i);
  return *this;
}

Stmt& Stmt::BindTextOrNull(int i, std::string_view text) {
  return text.empty() ? BindNull(i) : Bind(i, text);
}

Result<bool> Stmt::Step() {
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string sql = sqlite3_sql(stmt_.get());
  if (sql.size() > 60) sql = sql.substr(0, 60) + "...";
  Status st = SqliteError(sqlite3_db_handle(stmt_.get()), sql, rc);
  sqlite3_reset(stmt_.get());
  return st;
}

Status Stmt::Run() {
  for (;;) {
    Result<bool> r = Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
  }
  Reset();
  return Status();
}

void Stmt::Reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

bool Stmt::IsNull(int col) const {
  return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL;
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_.get(), col); }

std::string_view Stmt::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_.get(), col);
  int n = sqlite3_column_bytes(stmt_.get(), col);
  if (p == nullptr) return {};
  return std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
}

std::string_view Stmt::Blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_.get(), col);
  int n = sqlite3_column_bytes(stmt_.get(), col);
  if (p == nullptr) return {};
  return std::string_view(static_cast<const char*>(p), static_cast<size_t>(n));
}

Result<Db> Db::Open(const std::string& path, int flags) {
  InstallCrashVfsIfArmed();  // tests only; a no-op otherwise
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db;
  db.db_.reset(raw);  // owned before any return, even on failure
  db.path_ = path;
  if (rc != SQLITE_OK) {
    return Status::Io("open " + path,
                      raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Status Db::Exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_.get(), s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    if (s.size() > 60) s = s.substr(0, 60) + "...";
    std::string w = "sqlite " + path_ + ": " + s;
    int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Status::Busy(w, msg);
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return Status::Corrupt(w, msg);
    return Status::Io(w, msg);
  }
  return Status();
}

Result<Stmt> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()),
                              &raw, nullptr);
  SqliteStmtHandle stmt(raw);
  if (rc != SQLITE_OK) return SqliteError(db_.get(), "prepare " + std::string(sql), rc);
  return Stmt(std::move(stmt));
}

Result<int64_t> Db::QueryInt(std::string_view sql) {
  Result<Stmt> st = Prepare(sql);
  if (!st.ok()) return st.status();
  Result<bool> row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Io("sqlite " + path_ + ": " + std::string(sql), "no row");
  return st->Int(0);
}

Status Db::Error(std::string_view what) const {
  return SqliteError(db_.get(), what, sqlite3_errcode(db_.get()));
}

Status SqliteError(sqlite3* db, std::string_view what, int rc) {
  std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  std::string w = "sqlite " + std::string(file ? file : "") + ": " + std::string(what);
  int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Status::Busy(w, why);
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return Status::Corrupt(w, why);
  return Status::Io(w, why);
}

}  // namespace newsarc::storage
