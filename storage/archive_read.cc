// Archive reads: records reassembled from their stored parts, and the
// capture index queries.
#include <cstdlib>

#include "storage/archive_impl.h"
#include "storage/header_codec.h"
#include "storage/record_codec.h"
#include "storage/warc/warc.h"

namespace newsarc::storage {
namespace {

// Must repeat the partial index's WHERE term for SQLite to use it.
constexpr const char* kCaptureWhere = "type IN ('response', 'revisit', 'resource')";

std::string CaptureSql(const char* tail) {
  return std::string("SELECT ") + kCaptureColumns + " FROM records WHERE surt = ?1 AND " +
         kCaptureWhere + tail;
}

}  // namespace

Capture CaptureFromRow(const Stmt& s) {
  Capture c;
  c.record_rowid = s.Int(0);
  c.record_id = std::string(s.Text(1));
  c.type = std::string(s.Text(2));
  c.uri = std::string(s.Text(3));
  c.surt = std::string(s.Text(4));
  c.date = s.Int(5);
  c.status = static_cast<int>(s.Int(6));
  c.mime = std::string(s.Text(7));
  c.payload_digest = std::string(s.Text(8));
  c.refers_to = std::string(s.Text(9));
  return c;
}

StoredRecordView StoredRecordFromRow(const Stmt& row, int c) {
  StoredRecordView v;
  v.record_id = row.Text(c);
  v.version = row.Text(c + 1);
  v.warc_headers = row.Blob(c + 2);
  v.has_http_head = !row.IsNull(c + 3);
  v.http_head = row.Blob(c + 3);
  v.has_payload = !row.IsNull(c + 4);
  if (v.has_payload) {
    v.payload_missing = row.IsNull(c + 7);
    v.codec = static_cast<int>(row.Int(c + 5));
    v.data = row.Blob(c + 6);
    v.size = row.Int(c + 7);
  }
  v.text_codec = static_cast<int>(row.Int(c + 8));
  return v;
}

Status UnpackTexts(const StoredRecordView& row, std::string* warc_headers,
                   std::string* http_head) {
  const std::string what = "record " + std::string(row.record_id);
  Result<std::string> h = UnpackHeaderText(row.text_codec, row.warc_headers, what);
  if (!h.ok()) return h.status();
  *warc_headers = std::move(*h);
  http_head->clear();
  if (row.has_http_head) {
    Result<std::string> head = UnpackHeaderText(row.text_codec, row.http_head, what);
    if (!head.ok()) return head.status();
    *http_head = std::move(*head);
  }
  return Status();
}

Result<WarcRecord> AssembleRecord(const StoredRecordView& row) {
  const std::string what = "record " + std::string(row.record_id);
  WarcRecord r;
  r.version = std::string(row.version);
  std::string headers, head;
  NEWSARC_RETURN_IF_ERROR(UnpackTexts(row, &headers, &head));
  if (!DecodeWarcHeaders(headers, &r.headers)) {
    return Status::Corrupt(what, "stored WARC headers do not decode");
  }
  r.block = std::move(head);
  if (row.has_payload) {
    if (row.payload_missing) return Status::Corrupt(what, "its payload row is missing");
    Result<std::string> body =
        DecodePayload(row.codec, row.data, row.size, what + " payload");
    if (!body.ok()) return body.status();
    r.block += *body;
  }
  return r;
}

Result<WarcRecord> ArchiveImpl::Get(const std::string& record_id) {
  Result<Stmt*> q = Cached(kSlotGet, (std::string("SELECT ") + kStoredRecordColumns +
                                      " FROM records r LEFT JOIN payloads p ON "
                                      "p.id = r.payload_id WHERE r.record_id = ?1")
                                         .c_str());
  if (!q.ok()) return q.status();
  Stmt& s = **q;
  s.Bind(1, CanonicalRecordId(record_id));
  Result<bool> row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    s.Reset();
    return Status::NotFound("get " + record_id, "no such record in " + path_);
  }
  Result<WarcRecord> r = AssembleRecord(StoredRecordFromRow(s, 0));
  s.Reset();
  return r;
}

Status ArchiveImpl::ForEach(const std::function<bool(const WarcRecord&)>& fn) {
  // Its own statement: `fn` may call Get() or Put() on this archive.
  Result<Stmt> q = db_.Prepare(std::string("SELECT ") + kStoredRecordColumns +
                               " FROM records r LEFT JOIN payloads p ON "
                               "p.id = r.payload_id ORDER BY r.id");
  if (!q.ok()) return q.status();
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status();
    Result<WarcRecord> r = AssembleRecord(StoredRecordFromRow(*q, 0));
    if (!r.ok()) return r.status();
    if (!fn(*r)) return Status();
  }
}

Result<std::vector<Capture>> ArchiveImpl::History(const std::string& url) {
  return CapturesOfKey(SurtKey(url));
}

Result<std::vector<Capture>> ArchiveImpl::CapturesOfKey(const std::string& surt_key) {
  Result<Stmt*> q = Cached(kSlotHistory, CaptureSql(" ORDER BY date_us, id").c_str());
  if (!q.ok()) return q.status();
  Stmt& s = **q;
  s.Bind(1, surt_key);
  std::vector<Capture> out;
  for (;;) {
    Result<bool> row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(CaptureFromRow(s));
  }
  s.Reset();
  return out;
}

Result<std::optional<Capture>> ArchiveImpl::OneCapture(int slot, const char* sql,
                                                       const std::string& key, Micros t) {
  Result<Stmt*> q = Cached(slot, sql);
  if (!q.ok()) return q.status();
  Stmt& s = **q;
  s.Bind(1, key).Bind(2, t);
  Result<bool> row = s.Step();
  if (!row.ok()) return row.status();
  std::optional<Capture> c;
  if (*row) c = CaptureFromRow(s);
  s.Reset();
  return c;
}

Result<std::optional<Capture>> ArchiveImpl::Nearest(const std::string& url, Micros t) {
  const std::string key = SurtKey(url);
  // Two index probes: the last capture at or before t, the first after it.
  Result<std::optional<Capture>> before = OneCapture(
      kSlotBefore,
      CaptureSql(" AND date_us <= ?2 ORDER BY date_us DESC, id DESC LIMIT 1").c_str(), key,
      t);
  if (!before.ok()) return before.status();
  Result<std::optional<Capture>> after = OneCapture(
      kSlotAfter, CaptureSql(" AND date_us > ?2 ORDER BY date_us, id LIMIT 1").c_str(),
      key, t);
  if (!after.ok()) return after.status();
  if (!before->has_value()) return *after;
  if (!after->has_value()) return *before;
  // Ties go to the earlier capture.
  return (t - (*before)->date <= (*after)->date - t) ? *before : *after;
}

Result<bool> ArchiveImpl::Contains(const std::string& record_id) {
  Result<Stmt*> q =
      Cached(kSlotFindId, "SELECT block_digest FROM records WHERE record_id = ?1");
  if (!q.ok()) return q.status();
  (*q)->Bind(1, CanonicalRecordId(record_id));
  Result<bool> row = (*q)->Step();
  (*q)->Reset();
  return row;
}

Result<std::optional<Capture>> ArchiveImpl::FindByPayloadDigest(const std::string& digest) {
  Result<Stmt*> q = Cached(
      kSlotByDigest,
      (std::string("SELECT ") + kCaptureColumns +
       " FROM records WHERE payload_digest = ?1 AND type IN ('response', 'resource') "
       "ORDER BY id LIMIT 1")
          .c_str());
  if (!q.ok()) return q.status();
  Stmt& s = **q;
  s.Bind(1, digest);
  Result<bool> row = s.Step();
  if (!row.ok()) return row.status();
  std::optional<Capture> c;
  if (*row) c = CaptureFromRow(s);
  s.Reset();
  return c;
}

}  // namespace newsarc::storage
