#include "storage/schema.h"

#include <cassert>
#include <cstdio>
#include <vector>

#include "base/time.h"
#include "base/version.h"
#include "storage/chain_backfill.h"
#include "storage/frontier.h"

namespace newsarc::storage {
namespace {

// One migration step: SQL, then optionally code that rewrites data the SQL
// cannot compute (run in the same transaction).
struct Migration {
  std::string sql;
  Status (*data)(Db& db) = nullptr;
};

// Migrations()[i] takes the schema from version i to version i + 1. Append
// only: a released step is never edited (FORMAT.md, "Migration policy").
const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
    // 0 -> 1: the initial schema.
    {R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE payloads (
  id    INTEGER PRIMARY KEY,
  sha1  BLOB NOT NULL UNIQUE,
  size  INTEGER NOT NULL,
  codec INTEGER NOT NULL,
  data  BLOB NOT NULL
);

CREATE TABLE records (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  record_id      TEXT NOT NULL UNIQUE,
  type           TEXT NOT NULL,
  version        TEXT NOT NULL,
  date_us        INTEGER NOT NULL,
  date_text      TEXT NOT NULL,
  target_uri     TEXT,
  surt           TEXT,
  ip             TEXT,
  content_type   TEXT,
  block_digest   TEXT NOT NULL,
  payload_digest TEXT,
  refers_to      TEXT,
  http_status    INTEGER,
  http_mime      TEXT,
  block_size     INTEGER NOT NULL,
  warc_headers   BLOB NOT NULL,
  http_head      BLOB,
  text_codec     INTEGER NOT NULL DEFAULT 0,
  payload_id     INTEGER REFERENCES payloads(id),
  source_file    TEXT,
  source_offset  INTEGER
);

CREATE INDEX records_capture ON records(surt, date_us)
  WHERE type IN ('response', 'revisit', 'resource');
CREATE INDEX records_payload ON records(payload_id) WHERE payload_id IS NOT NULL;
CREATE INDEX records_payload_digest ON records(payload_digest)
  WHERE type IN ('response', 'resource');
CREATE INDEX records_refers_to ON records(refers_to) WHERE refers_to IS NOT NULL;
)sql"},
    // 1 -> 2: the crawl frontier (storage/frontier.h).
    {Frontier::SchemaSql()},
    // 2 -> 3: the audit hash chain (storage/chain.h), computed over the
    // records already stored, and the indexes the audit queries use.
    {R"sql(
ALTER TABLE records ADD COLUMN chain_seq INTEGER;
ALTER TABLE records ADD COLUMN chain BLOB;
CREATE INDEX records_conversion ON records(surt, date_us) WHERE type = 'conversion';
CREATE INDEX records_status ON records(http_status)
  WHERE type = 'response' AND http_status >= 300;
)sql",
     BackfillChain},
    // 3 -> 4: the article index (storage/article_index.h): derived tables
    // for browsing, change lists and full-text search, filled by
    // `newsarc index` / `newsarc serve` (audit/index_builder.h), never by
    // writers of records.
    {R"sql(
CREATE TABLE index_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE article_versions (
  id                  INTEGER PRIMARY KEY,
  conversion_id       TEXT NOT NULL,
  capture_id          TEXT NOT NULL,
  surt                TEXT NOT NULL,
  url                 TEXT NOT NULL,
  host                TEXT NOT NULL,
  capture_us          INTEGER NOT NULL,
  title               TEXT NOT NULL,
  language            TEXT NOT NULL,
  published           TEXT NOT NULL,
  authors             TEXT NOT NULL,
  chars               INTEGER NOT NULL,
  text_digest         TEXT NOT NULL,
  change              TEXT NOT NULL,
  words_added         INTEGER NOT NULL,
  words_removed       INTEGER NOT NULL,
  change_size         INTEGER NOT NULL,
  fields              TEXT NOT NULL,
  previous_id         INTEGER,
  previous_us         INTEGER,
  previous_capture_id TEXT
);
CREATE INDEX article_versions_surt ON article_versions(surt, capture_us);
CREATE INDEX article_versions_changes ON article_versions(capture_us)
  WHERE change IN ('changed', 'cosmetic');
CREATE TABLE article_deletions (
  id                  INTEGER PRIMARY KEY,
  capture_id          TEXT NOT NULL,
  surt                TEXT NOT NULL,
  url                 TEXT NOT NULL,
  host                TEXT NOT NULL,
  date_us             INTEGER NOT NULL,
  title               TEXT NOT NULL,
  words_removed       INTEGER NOT NULL,
  previous_id         INTEGER,
  previous_us         INTEGER,
  previous_capture_id TEXT
);
CREATE INDEX article_deletions_surt ON article_deletions(surt, date_us);
CREATE INDEX article_deletions_date ON article_deletions(date_us);
CREATE TABLE article_urls (
  surt           TEXT PRIMARY KEY,
  url            TEXT NOT NULL,
  host           TEXT NOT NULL,
  title          TEXT NOT NULL,
  language       TEXT NOT NULL,
  chars          INTEGER NOT NULL,
  first_us       INTEGER NOT NULL,
  last_us        INTEGER NOT NULL,
  versions       INTEGER NOT NULL,
  changes        INTEGER NOT NULL,
  cosmetic       INTEGER NOT NULL,
  deleted_us     INTEGER NOT NULL,
  last_change_us INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX article_urls_last ON article_urls(last_us);
CREATE INDEX article_urls_first ON article_urls(first_us);
CREATE INDEX article_urls_host ON article_urls(host, last_us);
CREATE INDEX article_urls_title ON article_urls(title);
CREATE TABLE article_fts_done (id INTEGER PRIMARY KEY);
CREATE VIRTUAL TABLE article_fts USING fts5(title, body, content='', tokenize='newsarc_words');
)sql"},
  };
  return kMigrations;
}

std::string Hex32(int64_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08X", static_cast<unsigned>(v & 0xffffffff));
  return buf;
}

Status Migrate(Db& db, const std::string& path, int64_t from) {
  NEWSARC_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  // Re-read under the write lock: another writer may have migrated meanwhile.
  Result<int64_t> now = db.QueryInt("PRAGMA user_version");
  if (!now.ok()) {
    (void)db.Exec("ROLLBACK");
    return now.status();
  }
  for (int64_t v = *now; v < kSchemaVersion; ++v) {
    const Migration& step = Migrations()[static_cast<size_t>(v)];
    Status st = db.Exec(step.sql);
    if (st.ok() && step.data != nullptr) st = step.data(db);
    if (st.ok()) st = db.Exec("PRAGMA user_version = " + std::to_string(v + 1));
    if (!st.ok()) {
      (void)db.Exec("ROLLBACK");
      return st.WithContext("migrate " + path + " from schema " +
                            std::to_string(from));
    }
  }
  Status st = db.Exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  if (st.ok() && from == 0) {
    Result<Stmt> ins = db.Prepare(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('created', ?1), "
        "('created_by', ?2)");
    if (!ins.ok()) {
      st = ins.status();
    } else {
      ins->Bind(1, FormatWarcDate(NowMicros(), true));
      ins->Bind(2, std::string("newsarc ") + NEWSARC_VERSION);
      st = ins->Run();
    }
  }
  if (st.ok()) st = db.Exec("COMMIT");
  if (!st.ok()) (void)db.Exec("ROLLBACK");
  return st;
}

}  // namespace

Status EnsureSchema(Db& db, const std::string& path, bool writable) {
  assert(static_cast<int64_t>(Migrations().size()) == kSchemaVersion);
  const std::string what = "open " + path;
  Result<int64_t> app = db.QueryInt("PRAGMA application_id");
  if (!app.ok()) {
    // SQLITE_NOTADB surfaces here for a file that is not SQLite at all.
    return Status::InvalidArgument(
        what, "not a newsarc archive (not an SQLite database: " +
                  app.status().message() + ")");
  }
  Result<int64_t> version = db.QueryInt("PRAGMA user_version");
  if (!version.ok()) return version.status();
  Result<int64_t> objects = db.QueryInt("SELECT count(*) FROM sqlite_master");
  if (!objects.ok()) return objects.status();

  if (*app != kApplicationId) {
    if (*app == 0 && *version == 0 && *objects == 0) {
      // An empty database: a new or zero-byte file.
      if (!writable) {
        return Status::InvalidArgument(what, "not a newsarc archive (empty file)");
      }
      return Migrate(db, path, 0);
    }
    return Status::InvalidArgument(
        what, "not a newsarc archive (an SQLite database with application_id " +
                  Hex32(*app) + " and " + std::to_string(*objects) +
                  " schema objects; newsarc archives have application_id " +
                  Hex32(kApplicationId) + ")");
  }
  if (*version > kSchemaVersion) {
    return Status::Unsupported(
        what, "archive schema version " + std::to_string(*version) +
                  " is newer than this newsarc supports (" +
                  std::to_string(kSchemaVersion) + "); upgrade newsarc");
  }
  if (*version < kSchemaVersion) {
    if (!writable) {
      return Status::Unsupported(
          what, "archive schema version " + std::to_string(*version) +
                    " needs migrating to " + std::to_string(kSchemaVersion) +
                    "; open it once for writing");
    }
    return Migrate(db, path, *version);
  }
  return Status();
}

}  // namespace newsarc::storage
