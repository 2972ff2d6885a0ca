// Opening an archive: file checks, the writer lock, the connection, schema.
#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "storage/archive_impl.h"
#include "storage/fts_tokenizer.h"
#include "storage/schema.h"

namespace newsarc::storage {
namespace {

// Refuses a non-empty file that does not start with SQLite's magic before
// SQLite sees it, so the message says what the file is not.
Status CheckMagic(const std::string& path, off_t size) {
  if (size == 0) return Status();
  static const char kMagic[16] = "SQLite format 3";  // includes the NUL
  char head[16] = {};
  std::ifstream f(path, std::ios::binary);
  f.read(head, sizeof head);
  if (f.gcount() < static_cast<std::streamsize>(sizeof head) ||
      std::memcmp(head, kMagic, sizeof head) != 0) {
    return Status::InvalidArgument("open " + path,
                                   "not a newsarc archive (not an SQLite database)");
  }
  return Status();
}

}  // namespace

Result<Db> OpenArchiveDb(const std::string& path, bool read_only, bool create) {
  struct stat st {};
  bool exists = stat(path.c_str(), &st) == 0;
  if (!exists) {
    if (errno != ENOENT) return Status::Io("open " + path, std::strerror(errno));
    if (read_only || !create) {
      return Status::NotFound("open " + path, "no such archive file");
    }
  } else {
    if (S_ISDIR(st.st_mode)) {
      return Status::InvalidArgument("open " + path, "is a directory, not an archive file");
    }
    NEWSARC_RETURN_IF_ERROR(CheckMagic(path, st.st_size));
  }
  int flags = SQLITE_OPEN_NOMUTEX |
              (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  Result<Db> db = Db::Open(path, flags);
  if (!db.ok()) return db.status();
  // Readers wait out a checkpoint or a migration rather than fail at once.
  sqlite3_busy_timeout(db->get(), 10000);
  // The article index's full-text table needs its tokenizer on every
  // connection that reads or writes it (and on the one that creates it).
  NEWSARC_RETURN_IF_ERROR(RegisterFtsTokenizer(db->get()).WithContext("open " + path));
  NEWSARC_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys = ON"));
  NEWSARC_RETURN_IF_ERROR(EnsureSchema(*db, path, !read_only));
  if (!read_only) {
    // WAL lets readers work during a crawl; NORMAL sync is durable against
    // process crashes and never corrupts on power loss (FORMAT.md).
    Result<Stmt> wal = db->Prepare("PRAGMA journal_mode = WAL");
    if (!wal.ok()) return wal.status();
    Result<bool> row = wal->Step();
    if (!row.ok()) return row.status();
    NEWSARC_RETURN_IF_ERROR(db->Exec("PRAGMA synchronous = NORMAL"));
    // A full disk on demand, for tests of what a writer does then: SQLite
    // answers SQLITE_FULL once the file would grow past this many pages.
    if (const char* limit = std::getenv("NEWSARC_TEST_MAX_PAGE_COUNT")) {
      NEWSARC_RETURN_IF_ERROR(
          db->Exec("PRAGMA max_page_count = " + std::to_string(std::atoll(limit))));
    }
  }
  return db;
}

Result<std::unique_ptr<Archive>> Archive::Open(const std::string& path,
                                               const ArchiveOptions& options) {
  std::unique_ptr<WriterLock> lock;
  if (!options.read_only) {
    // Refuse a missing file before creating the lock file beside it.
    struct stat st {};
    if (!options.create && stat(path.c_str(), &st) != 0) {
      return Status::NotFound("open " + path, "no such archive file");
    }
    Result<std::unique_ptr<WriterLock>> l = WriterLock::Acquire(path, options.holder);
    if (!l.ok()) return l.status();
    lock = std::move(*l);
  }
  Result<Db> db = OpenArchiveDb(path, options.read_only, options.create);
  if (!db.ok()) return db.status();
  return std::unique_ptr<Archive>(
      new ArchiveImpl(path, options, std::move(lock), std::move(*db)));
}

ArchiveImpl::ArchiveImpl(std::string path, ArchiveOptions options,
                         std::unique_ptr<WriterLock> lock, Db db)
    : path_(std::move(path)),
      options_(std::move(options)),
      lock_(std::move(lock)),
      db_(std::move(db)),
      frontier_(std::make_unique<Frontier>(&db_)),
      stmts_(kSlotCount) {
  if (!options_.read_only) {
    payloads_ = std::make_unique<PayloadStore>(&db_, options_.zstd_level);
  }
}

ArchiveImpl::~ArchiveImpl() {
  // An open batch is discarded, as documented; statements go before the
  // connection, the connection before the lock.
  if (db_.get() != nullptr && db_.in_transaction()) (void)db_.Exec("ROLLBACK");
  stmts_.clear();
  payloads_.reset();
  frontier_.reset();
  db_ = Db();
  lock_.reset();
}

Result<Stmt*> ArchiveImpl::Cached(int slot, const char* sql) {
  auto& s = stmts_[static_cast<size_t>(slot)];
  if (!s) {
    Result<Stmt> st = db_.Prepare(sql);
    if (!st.ok()) return st.status();
    s = std::make_unique<Stmt>(std::move(*st));
  }
  return s.get();
}

Status ArchiveImpl::CheckWritable() const {
  if (options_.read_only) {
    return Status::InvalidArgument("write " + path_, "the archive was opened read-only");
  }
  return Status();
}

Status ArchiveImpl::Begin() {
  NEWSARC_RETURN_IF_ERROR(CheckWritable());
  if (db_.in_transaction()) {
    return Status::InvalidArgument("begin " + path_, "a transaction is already open");
  }
  return db_.Exec("BEGIN IMMEDIATE");
}

Status ArchiveImpl::Commit() {
  NEWSARC_RETURN_IF_ERROR(CheckWritable());
  if (!db_.in_transaction()) {
    return Status::InvalidArgument("commit " + path_, "no transaction is open");
  }
  return db_.Exec("COMMIT");
}

Status ArchiveImpl::Rollback() {
  NEWSARC_RETURN_IF_ERROR(CheckWritable());
  if (!db_.in_transaction()) {
    return Status::InvalidArgument("rollback " + path_, "no transaction is open");
  }
  return db_.Exec("ROLLBACK");
}

}  // namespace newsarc::storage
