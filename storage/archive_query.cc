// Archive queries for the modules above storage (audit/, corpus/): captures
// by key and id, redirects, deletions, conversions, and read snapshots. They
// exist so that no module outside storage/ needs the database or its schema.
#include "base/strings.h"
#include "storage/archive_impl.h"
#include "storage/header_codec.h"

namespace newsarc::storage {
namespace {

// Binds [first, last) to ?1 and ?2 when the range is bounded.
void BindRange(Stmt& s, const KeyRange& keys) {
  if (keys.first.empty() && keys.last.empty()) return;
  s.Bind(1, keys.first).Bind(2, keys.last);
}

bool Bounded(const KeyRange& keys) { return !keys.first.empty() || !keys.last.empty(); }

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
  // Must repeat the partial index's WHERE terms (records_status).
  std::string sql = std::string("SELECT ") + kCaptureColumns +
                    " FROM records WHERE type = 'response' AND http_status >= 300 "
                    "AND http_status IN (404, 410)";
  if (Bounded(keys)) sql += " AND surt >= ?1 AND surt < ?2";
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
                    "WHERE r.type = 'conversion'";
  if (Bounded(keys)) sql += " AND r.surt >= ?1 AND r.surt < ?2";
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
