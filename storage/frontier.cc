#include "storage/frontier.h"

#include "storage/sqlite_db.h"

namespace newsarc::storage {

namespace {

// Columns read into a FrontierEntry, in this order.
constexpr const char* kEntryColumns =
    "id, url, host, kind, depth, hops, priority, via, date_hint, tries, etag, "
    "last_modified, last_payload_digest, last_record_id, last_capture_us, "
    "revisit_interval_us";

FrontierEntry EntryFromRow(const Stmt& s) {
  FrontierEntry e;
  e.id = s.Int(0);
  e.url = std::string(s.Text(1));
  e.host = std::string(s.Text(2));
  e.kind = static_cast<UrlKind>(s.Int(3));
  e.depth = static_cast<int>(s.Int(4));
  e.hops = static_cast<int>(s.Int(5));
  e.priority = s.Int(6);
  e.via = std::string(s.Text(7));
  e.date_hint = std::string(s.Text(8));
  e.tries = static_cast<int>(s.Int(9));
  e.etag = std::string(s.Text(10));
  e.last_modified = std::string(s.Text(11));
  e.last_payload_digest = std::string(s.Text(12));
  e.last_record_id = std::string(s.Text(13));
  e.last_capture = s.Int(14);
  e.revisit_interval = s.Int(15);
  return e;
}

}  // namespace

Frontier::Frontier(Db* db) : db_(db) {}

const char* Frontier::SchemaSql() {
  // state: 0 queued, 1 in_flight, 2 done, 3 failed (UrlState).
  // next_visit_us: for queued rows, not before; for done rows, when a
  // scheduled re-crawl should look again (0 = not scheduled).
  return R"sql(
CREATE TABLE frontier (
  id                   INTEGER PRIMARY KEY,
  url                  TEXT NOT NULL UNIQUE,
  host                 TEXT NOT NULL,
  kind                 INTEGER NOT NULL DEFAULT 0,
  state                INTEGER NOT NULL DEFAULT 0,
  depth                INTEGER NOT NULL DEFAULT 0,
  hops                 INTEGER NOT NULL DEFAULT 0,
  priority             INTEGER NOT NULL DEFAULT 0,
  via                  TEXT NOT NULL DEFAULT '',
  date_hint            TEXT NOT NULL DEFAULT '',
  tries                INTEGER NOT NULL DEFAULT 0,
  next_visit_us        INTEGER NOT NULL DEFAULT 0,
  added_us             INTEGER NOT NULL DEFAULT 0,
  last_status          INTEGER NOT NULL DEFAULT 0,
  last_error           TEXT NOT NULL DEFAULT '',
  etag                 TEXT NOT NULL DEFAULT '',
  last_modified        TEXT NOT NULL DEFAULT '',
  last_payload_digest  TEXT NOT NULL DEFAULT '',
  last_record_id       TEXT NOT NULL DEFAULT '',
  last_capture_us      INTEGER NOT NULL DEFAULT 0,
  revisit_interval_us  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX frontier_ready ON frontier(state, host, priority, id);
CREATE INDEX frontier_revisit ON frontier(state, next_visit_us);
)sql";
}

Frontier::~Frontier() = default;

Result<Stmt*> Frontier::Cached(const std::string& sql) {
  // The crawl loop runs these statements for every URL: parse them once.
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    Result<Stmt> st = db_->Prepare(sql);
    if (!st.ok()) return st.status();
    it = cache_.emplace(sql, std::make_unique<Stmt>(std::move(st).value())).first;
  }
  it->second->Reset();
  return it->second.get();
}

Result<bool> Frontier::Add(const FrontierAdd& a) {
  auto st = Cached(
      "INSERT OR IGNORE INTO frontier(url, host, kind, depth, hops, priority, via, "
      "date_hint, next_visit_us, added_us) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, a.url).Bind(2, a.host).Bind(3, static_cast<int64_t>(a.kind))
      .Bind(4, static_cast<int64_t>(a.depth)).Bind(5, static_cast<int64_t>(a.hops))
      .Bind(6, a.priority).Bind(7, a.via).Bind(8, a.date_hint).Bind(9, a.not_before)
      .Bind(10, NowMicros());
  NEWSARC_RETURN_IF_ERROR((*st)->Run());
  return sqlite3_changes(db_->get()) > 0;
}

Result<std::vector<FrontierEntry>> Frontier::Take(const std::string& host, Micros now,
                                                  size_t max) {
  auto sel = Cached(std::string("SELECT ") + kEntryColumns +
                          " FROM frontier WHERE state = 0 AND host = ?1 AND "
                          "next_visit_us <= ?2 ORDER BY priority, id LIMIT ?3");
  if (!sel.ok()) return sel.status();
  (*sel)->Bind(1, host).Bind(2, now).Bind(3, static_cast<int64_t>(max));
  std::vector<FrontierEntry> out;
  while (true) {
    auto row = (*sel)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(EntryFromRow(**sel));
  }
  auto upd = Cached("UPDATE frontier SET state = 1 WHERE id = ?1");
  if (!upd.ok()) return upd.status();
  for (const auto& e : out) {
    (*upd)->Reset();
    (*upd)->Bind(1, e.id);
    NEWSARC_RETURN_IF_ERROR((*upd)->Run());
  }
  return out;
}

Result<std::vector<std::pair<std::string, Micros>>> Frontier::HostsWithWork() {
  auto sel = db_->Prepare(
      "SELECT host, MIN(next_visit_us) FROM frontier WHERE state = 0 GROUP BY host");
  if (!sel.ok()) return sel.status();
  std::vector<std::pair<std::string, Micros>> out;
  while (true) {
    auto row = sel->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.emplace_back(std::string(sel->Text(0)), sel->Int(1));
  }
  return out;
}

Result<std::optional<Micros>> Frontier::NextReady(const std::string& host) {
  auto sel = Cached("SELECT MIN(next_visit_us) FROM frontier WHERE state = 0 AND host = ?1");
  if (!sel.ok()) return sel.status();
  (*sel)->Bind(1, host);
  auto row = (*sel)->Step();
  if (!row.ok()) return row.status();
  std::optional<Micros> next;
  if (*row && !(*sel)->IsNull(0)) next = (*sel)->Int(0);
  (*sel)->Reset();  // do not keep a read open until the next call
  return next;
}

Status Frontier::MarkDone(int64_t id, const FetchOutcome& o) {
  auto st = Cached(
      "UPDATE frontier SET state = 2, last_status = ?2, last_error = '', "
      "etag = CASE WHEN ?3 = '' THEN etag ELSE ?3 END, "
      "last_modified = CASE WHEN ?4 = '' THEN last_modified ELSE ?4 END, "
      "last_payload_digest = CASE WHEN ?5 = '' THEN last_payload_digest ELSE ?5 END, "
      "last_record_id = CASE WHEN ?6 = '' THEN last_record_id ELSE ?6 END, "
      "last_capture_us = ?7, revisit_interval_us = ?8, "
      "next_visit_us = CASE WHEN ?8 > 0 THEN ?7 + ?8 ELSE 0 END, tries = 0 "
      "WHERE id = ?1");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, id).Bind(2, static_cast<int64_t>(o.http_status)).Bind(3, o.etag)
      .Bind(4, o.last_modified).Bind(5, o.payload_digest).Bind(6, o.record_id)
      .Bind(7, o.capture_time).Bind(8, o.revisit_interval);
  return (*st)->Run();
}

Status Frontier::MarkRetry(int64_t id, Micros not_before, const std::string& reason) {
  auto st = Cached(
      "UPDATE frontier SET state = 0, tries = tries + 1, next_visit_us = ?2, "
      "last_error = ?3 WHERE id = ?1");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, id).Bind(2, not_before).Bind(3, reason);
  return (*st)->Run();
}

Status Frontier::MarkFailed(int64_t id, const std::string& reason) {
  auto st = Cached(
      "UPDATE frontier SET state = 3, tries = tries + 1, last_error = ?2, "
      "next_visit_us = 0 WHERE id = ?1");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, id).Bind(2, reason);
  return (*st)->Run();
}

Status Frontier::Requeue(int64_t id) {
  auto st = Cached("UPDATE frontier SET state = 0 WHERE id = ?1 AND state = 1");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, id);
  return (*st)->Run();
}

Result<int64_t> Frontier::ResetInFlight() {
  NEWSARC_RETURN_IF_ERROR(db_->Exec("UPDATE frontier SET state = 0 WHERE state = 1"));
  return static_cast<int64_t>(sqlite3_changes(db_->get()));
}

Result<int64_t> Frontier::QueueRevisits(Micros now, bool all) {
  auto st = db_->Prepare(
      all ? "UPDATE frontier SET state = 0, next_visit_us = 0, tries = 0 "
            "WHERE state IN (2, 3)"
          : "UPDATE frontier SET state = 0, tries = 0 WHERE state = 2 AND "
            "next_visit_us > 0 AND next_visit_us <= ?1");
  if (!st.ok()) return st.status();
  if (!all) st->Bind(1, now);
  NEWSARC_RETURN_IF_ERROR(st->Run());
  return static_cast<int64_t>(sqlite3_changes(db_->get()));
}

Result<int64_t> Frontier::QueueIndexes() {
  NEWSARC_RETURN_IF_ERROR(db_->Exec(
      "UPDATE frontier SET state = 0, next_visit_us = 0, tries = 0 "
      "WHERE state IN (2, 3) AND (kind IN (1, 2, 3) OR (kind = 0 AND depth = 0 AND hops = 0))"));
  return static_cast<int64_t>(sqlite3_changes(db_->get()));
}

Status Frontier::SetSetting(const std::string& key, const std::string& value) {
  // Cached: the crawler saves a host's politeness state per request.
  auto st = Cached("INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, key).Bind(2, value);
  return (*st)->Run();
}

Result<std::optional<std::string>> Frontier::GetSetting(const std::string& key) {
  auto st = db_->Prepare("SELECT value FROM meta WHERE key = ?1");
  if (!st.ok()) return st.status();
  st->Bind(1, key);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(std::string(st->Text(0)));
}

Result<std::vector<std::pair<std::string, std::string>>> Frontier::ListSettings(
    const std::string& prefix) {
  // substr() rather than LIKE: keys may hold '%' or '_'.
  auto st = db_->Prepare(
      "SELECT key, value FROM meta WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key");
  if (!st.ok()) return st.status();
  st->Bind(1, prefix);
  std::vector<std::pair<std::string, std::string>> out;
  while (true) {
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.emplace_back(std::string(st->Text(0)), std::string(st->Text(1)));
  }
  return out;
}

Result<bool> Frontier::DeleteSetting(const std::string& key) {
  auto st = db_->Prepare("DELETE FROM meta WHERE key = ?1");
  if (!st.ok()) return st.status();
  st->Bind(1, key);
  NEWSARC_RETURN_IF_ERROR(st->Run());
  return sqlite3_changes(db_->get()) > 0;
}

Result<int64_t> Frontier::Forget(const std::string& host) {
  auto st = Cached("DELETE FROM frontier WHERE host = ?1");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, host);
  NEWSARC_RETURN_IF_ERROR((*st)->Run());
  return static_cast<int64_t>(sqlite3_changes(db_->get()));
}

Result<FrontierCounts> Frontier::Counts() {
  auto sel = db_->Prepare("SELECT state, COUNT(*) FROM frontier GROUP BY state");
  if (!sel.ok()) return sel.status();
  FrontierCounts c;
  while (true) {
    auto row = sel->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    int64_t n = sel->Int(1);
    switch (sel->Int(0)) {
      case 0: c.queued = n; break;
      case 1: c.in_flight = n; break;
      case 2: c.done = n; break;
      default: c.failed += n; break;
    }
  }
  return c;
}

Result<bool> Frontier::Lookup(const std::string& url, FrontierEntry* entry) {
  auto sel = db_->Prepare(std::string("SELECT ") + kEntryColumns +
                          " FROM frontier WHERE url = ?1");
  if (!sel.ok()) return sel.status();
  sel->Bind(1, url);
  auto row = sel->Step();
  if (!row.ok()) return row.status();
  if (!*row) return false;
  *entry = EntryFromRow(*sel);
  return true;
}

}  // namespace newsarc::storage
