// Archive queries for the modules above storage (audit/, corpus/): captures
// by key and id, redirects, deletions, conversions, and read snapshots. They
// exist so that no module outside storage/ needs the database or its schema.
#include "base/strings.h"
#include "storage/archive_impl.h"
#include "storage/header_codec.h"

namespace newsarc::storage {
namespace {

// " AND col >= ?1 AND col < ?2" for the bounds `keys` has.
std::string RangeSql(const KeyRange& keys, const char* col) {
  std::string sql;
  if (!keys.first.empty()) sql += std::string(" AND ") + col + " >= ?1";
  if (!keys.last.empty()) sql += std::string(" AND ") + col + " < ?2";
  return sql;
}

void BindRange(Stmt& s, const KeyRange& keys) {
  if (!keys.first.empty()) s.Bind(1, keys.first);
  if (!keys.last.empty()) s.Bind(2, keys.last);
}

// The Location header of an HTTP head, or "".
std::string LocationOf(std::string_view head) {
  for (std::string_view line : Split(head, '\n')) {
    if (StartsWithIgnoreCase(line, "location:")) {
      return std::string(TrimAscii(line.substr(9)));
    }
  }
  return "";
}

}  // namespace

Result<Archive::CaptureSpan> ArchiveImpl::CaptureSpanOf(const std::string& surt_key) {
  // Must repeat the partial index's WHERE term (records_capture).
  Result<Stmt*> q = Cached(kSlotCaptureSpan,
                           "SELECT count(*), coalesce(min(date_us), 0), coalesce(max(date_us), 0) "
                           "FROM records WHERE surt = ?1 AND "
                           "type IN ('response', 'revisit', 'resource')");
  if (!q.ok()) return q.status();
  Stmt& s = **q;
  s.Bind(1, surt_key);
  Result<bool> row = s.Step();
  CaptureSpan span;
  if (row.ok() && *row) span = {s.Int(0), s.Int(1), s.Int(2)};
  s.Reset();
  if (!row.ok()) return row.status();
  return span;
}

Status ArchiveImpl::ForEachCapture(const KeyRange& keys, Micros from, Micros to,
                                   const std::function<bool(const Capture&)>& fn) {
  std::string sql = std::string("SELECT ") + kCaptureColumns +
                    " FROM records WHERE type IN ('response', 'revisit', 'resource')";
  sql += keys.exact() ? " AND surt = ?1" : RangeSql(keys, "surt");
  if (from != 0) sql += " AND date_us >= ?3";
  if (to != 0) sql += " AND date_us < ?4";
  Result<Stmt> q = db_.Prepare(sql + " ORDER BY surt, date_us, id");
  if (!q.ok()) return q.status();
  if (keys.exact()) {
    q->Bind(1, keys.first);
  } else {
    BindRange(*q, keys);
  }
  if (from != 0) q->Bind(3, from);
  if (to != 0) q->Bind(4, to);
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status();
    if (!fn(CaptureFromRow(*q))) return Status();
  }
}

Result<std::optional<Capture>> ArchiveImpl::CaptureById(const std::string& record_id) {
  Result<Stmt*> q = Cached(kSlotCaptureById, (std::string("SELECT ") + kCaptureColumns +
                                              " FROM records WHERE record_id = ?1 AND "
                                              "type IN ('response', 'revisit', 'resource')")
                                                 .c_str());
  if (!q.ok()) return q.status();
  Stmt& s = **q;
  s.Bind(1, CanonicalRecordId(record_id));
  Result<bool> row = s.Step();
  std::optional<Capture> c;
  if (row.ok() && *row) c = CaptureFromRow(s);
  s.Reset();
  if (!row.ok()) return row.status();
  return c;
}

Status ArchiveImpl::ForEachRedirect(
    const std::function<bool(const Capture&, std::string_view location)>& fn) {
  // Must repeat the partial index's WHERE terms (records_status).
  Result<Stmt> q = db_.Prepare(std::string("SELECT ") + kCaptureColumns +
                               ", text_codec, http_head FROM records WHERE type = 'response' "
                               "AND http_status >= 300 AND http_status < 400 "
                               "AND http_status != 304 ORDER BY id");
  if (!q.ok()) return q.status();
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status();
    Capture c = CaptureFromRow(*q);
    Result<std::string> head = UnpackHeaderText(static_cast<int>(q->Int(10)), q->Blob(11),
                                                "record " + c.record_id);
    // A head that does not decode is verify's to report; here it has no Location.
    const std::string location = head.ok() ? LocationOf(*head) : "";
    if (!fn(c, location)) return Status();
  }
}

Status ArchiveImpl::ForEachGone(const KeyRange& keys,
                                const std::function<bool(const Capture&)>& fn) {
  std::string sql;
  if (keys.exact()) {
    // One URL: through the capture index (its partial index's WHERE term
    // repeated), not a scan of every 404 in the archive.
    sql = std::string("SELECT ") + kCaptureColumns +
          " FROM records WHERE surt = ?1 AND type IN ('response', 'revisit', 'resource') "
          "AND type = 'response' AND http_status IN (404, 410)";
  } else {
    // Must repeat the partial index's WHERE terms (records_status).
    sql = std::string("SELECT ") + kCaptureColumns +
          " FROM records WHERE type = 'response' AND http_status >= 300 "
          "AND http_status IN (404, 410)" + RangeSql(keys, "surt");
  }
  Result<Stmt> q = db_.Prepare(sql + " ORDER BY id");
  if (!q.ok()) return q.status();
  BindRange(*q, keys);
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status();
    if (!fn(CaptureFromRow(*q))) return Status();
  }
}

Status ArchiveImpl::ForEachConversion(
    const KeyRange& keys, const std::function<bool(const StoredConversion&)>& fn) {
  // The records_conversion index delivers conversions grouped by key.
  std::string sql = std::string("SELECT r.id, r.surt, r.date_us, ") + kStoredRecordColumns +
                    " FROM records r LEFT JOIN payloads p ON p.id = r.payload_id "
                    "WHERE r.type = 'conversion'" + RangeSql(keys, "r.surt");
  Result<Stmt> q = db_.Prepare(sql + " ORDER BY r.surt, r.date_us, r.id");
  if (!q.ok()) return q.status();
  BindRange(*q, keys);
  StoredConversion c;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status();
    Result<WarcRecord> r = AssembleRecord(StoredRecordFromRow(*q, 3));
    if (!r.ok()) continue;  // damage is verify's to report; audits skip it
    c.record_rowid = q->Int(0);
    c.surt = std::string(q->Text(1));
    c.date = q->Int(2);
    c.record = std::move(*r);
    if (!fn(c)) return Status();
  }
}

Status ArchiveImpl::ForEachConversionOf(const std::string& record_id,
                                        const std::function<bool(const WarcRecord&)>& fn) {
  Result<Stmt*> q = Cached(kSlotConversionsOf,
                           (std::string("SELECT ") + kStoredRecordColumns +
                            " FROM records r LEFT JOIN payloads p ON p.id = r.payload_id "
                            "WHERE r.refers_to = ?1 AND r.type = 'conversion' "
                            "ORDER BY r.id DESC")
                               .c_str());
  if (!q.ok()) return q.status();
  // Rows are copied out before `fn` runs: `fn` may use this cached statement.
  std::vector<WarcRecord> found;
  Stmt& s = **q;
  s.Bind(1, CanonicalRecordId(record_id));
  for (;;) {
    Result<bool> row = s.Step();
    if (!row.ok()) {
      s.Reset();
      return row.status();
    }
    if (!*row) break;
    Result<WarcRecord> r = AssembleRecord(StoredRecordFromRow(s, 0));
    if (r.ok()) found.push_back(std::move(*r));  // damage is verify's to report
  }
  s.Reset();
  for (const WarcRecord& r : found) {
    if (!fn(r)) break;
  }
  return Status();
}

Status ArchiveImpl::ForEachArticleKey(int64_t after, int64_t through,
                                      const std::function<bool(const std::string& surt)>& fn) {
  // A range of the primary key: only the records that arrived.
  Result<Stmt> q = db_.Prepare(
      "SELECT DISTINCT surt FROM records WHERE id > ?1 AND id <= ?2 AND surt IS NOT NULL AND "
      "(type = 'conversion' OR (type = 'response' AND http_status IN (404, 410)))");
  if (!q.ok()) return q.status();
  q->Bind(1, after).Bind(2, through);
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status();
    if (!fn(std::string(q->Text(0)))) return Status();
  }
}

Result<int64_t> ArchiveImpl::LastRecordRowid() {
  return db_.QueryInt("SELECT coalesce(max(id), 0) FROM records");
}

Status ArchiveImpl::BeginRead() {
  if (db_.in_transaction()) {
    return Status::InvalidArgument("read snapshot of " + path_, "a transaction is already open");
  }
  // A deferred transaction takes its WAL snapshot at the first read.
  return db_.Exec("BEGIN");
}

Status ArchiveImpl::EndRead() {
  if (!db_.in_transaction()) {
    return Status::InvalidArgument("end read snapshot of " + path_, "no snapshot is open");
  }
  return db_.Exec("COMMIT");
}

}  // namespace newsarc::storage
