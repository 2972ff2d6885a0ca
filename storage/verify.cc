#include "storage/verify.h"

#include <charconv>
#include <optional>

#include "base/digest.h"
#include "base/strings.h"
#include "storage/archive_impl.h"
#include "storage/http_message.h"
#include "storage/payload_store.h"
#include "storage/record_codec.h"

namespace newsarc::storage {
namespace {

class Verifier {
 public:
  Verifier(Db* db, const VerifyOptions& options, VerifyReport* report)
      : db_(db), options_(options), report_(report) {}

  Status Run();

 private:
  Status CheckRecords();
  void CheckRecord(const Stmt& row);
  // Compares a declared digest with the computed raw digest (or with
  // `alternative` when non-empty).
  void CheckDeclared(const std::string& id, const char* header, const DeclaredDigest& d,
                     const std::string& computed, const std::string& alternative);
  Status CheckReferences(const WarcRecord& r);
  Status CheckPayloadTable();
  Status CheckPragma(const char* sql, const char* label);
  void Problem(std::string_view record_id, std::string problem) {
    report_->problems.push_back({std::string(record_id), std::move(problem)});
  }

  Db* db_;
  const VerifyOptions& options_;
  VerifyReport* report_;
  Stmt type_of_;    // SELECT type FROM records WHERE record_id = ?
  Stmt by_digest_;  // any response/resource with a payload digest
};

Status Verifier::Run() {
  // One read transaction: a consistent snapshot while a writer carries on.
  NEWSARC_RETURN_IF_ERROR(db_->Exec("BEGIN"));
  Status st = CheckRecords();
  if (st.ok() && !report_->interrupted) st = CheckPayloadTable();
  if (st.ok() && !report_->interrupted) st = CheckPragma("PRAGMA integrity_check", "integrity_check");
  if (st.ok() && !report_->interrupted) {
    st = CheckPragma("PRAGMA foreign_key_check", "foreign_key_check");
  }
  (void)db_->Exec("COMMIT");
  return st;
}

Status Verifier::CheckRecords() {
  Result<int64_t> total = db_->QueryInt("SELECT count(*) FROM records");
  if (!total.ok()) return total.status();
  Result<Stmt> t = db_->Prepare("SELECT type FROM records WHERE record_id = ?1");
  if (!t.ok()) return t.status();
  type_of_ = std::move(*t);
  Result<Stmt> d = db_->Prepare(
      "SELECT 1 FROM records WHERE payload_digest = ?1 AND "
      "type IN ('response', 'resource') LIMIT 1");
  if (!d.ok()) return d.status();
  by_digest_ = std::move(*d);

  Result<Stmt> q = db_->Prepare(std::string("SELECT ") + kStoredRecordColumns +
                                ", p.sha1 FROM records r LEFT JOIN payloads p ON "
                                "p.id = r.payload_id ORDER BY r.id");
  if (!q.ok()) return q.status();
  for (;;) {
    if (options_.cancelled && options_.cancelled()) {
      report_->interrupted = true;
      return Status();
    }
    Result<bool> row = q->Step();
    if (!row.ok()) {
      // A damaged page stops the scan; report it and let integrity_check say more.
      Problem("", "reading records stopped: " + row.status().message());
      return Status();
    }
    if (!*row) break;
    CheckRecord(*q);
    ++report_->records;
    if (options_.progress) {
      options_.progress(static_cast<uint64_t>(report_->records),
                        static_cast<uint64_t>(*total));
    }
  }
  return Status();
}

// What WARC-Payload-Digest covers for a stored record; mirrors PayloadOf()
// (record_codec.h) using the stored layout: a record has an HTTP head exactly
// when Put() split its block as an HTTP message.
enum class PayloadSpan { kNone, kBody, kBlock };

PayloadSpan SpanOf(std::string_view type, bool has_http_head) {
  if (type == "revisit" || type == "warcinfo" || type == "metadata") return PayloadSpan::kNone;
  if (has_http_head) return PayloadSpan::kBody;
  if (type == "response" || type == "request" || type == "resource" || type == "conversion") {
    return PayloadSpan::kBlock;
  }
  return PayloadSpan::kNone;
}

void Verifier::CheckRecord(const Stmt& row) {
  StoredRecordView v = StoredRecordFromRow(row, 0);
  const std::string id(v.record_id);
  WarcRecord r;  // headers only: the block is streamed through the hashers
  r.version = std::string(v.version);
  std::string headers_text, head;
  if (Status st = UnpackTexts(v, &headers_text, &head); !st.ok()) {
    Problem(id, st.message());
    return;
  }
  if (!DecodeWarcHeaders(headers_text, &r.headers)) {
    Problem(id, "stored WARC headers do not decode");
    return;
  }
  if (v.payload_missing) {
    Problem(id, "its payload row is missing");
    return;
  }
  const DeclaredDigest block_d = ParseDeclaredDigest(r.Get("WARC-Block-Digest"));
  const DeclaredDigest payload_d = ParseDeclaredDigest(r.Get("WARC-Payload-Digest"));
  const PayloadSpan span = SpanOf(r.type(), v.has_http_head);
  std::optional<HttpMessage> http;
  if (v.has_http_head) http = SplitHttpMessage(head);
  // A chunked body is collected to be de-chunked; anything else streams.
  const bool collect = span == PayloadSpan::kBody && http && http->chunked;
  const bool check_payload = span != PayloadSpan::kNone &&
                             payload_d.kind == DeclaredDigest::Kind::kKnown;

  std::optional<Hasher> block_h, payload_h, key_h;
  if (block_d.kind == DeclaredDigest::Kind::kKnown) block_h.emplace(block_d.algorithm);
  if (check_payload && !collect) payload_h.emplace(payload_d.algorithm);
  if (v.has_payload) key_h.emplace(DigestAlgorithm::kSha1);
  std::string body;  // only when `collect`
  uint64_t size = head.size();
  if (block_h) block_h->Update(head);
  if (v.has_payload) {
    Status st = StreamPayload(v.codec, v.data, "payload of record " + id,
                              [&](std::string_view piece) {
                                size += piece.size();
                                if (block_h) block_h->Update(piece);
                                key_h->Update(piece);
                                if (collect) {
                                  body.append(piece);
                                } else if (payload_h) {
                                  payload_h->Update(piece);
                                }
                              });
    if (!st.ok()) {
      Problem(id, st.message());
      return;
    }
    if (key_h->Finish() != row.Blob(9) ||
        static_cast<int64_t>(size - head.size()) != v.size) {
      Problem(id, "stored payload sha1:" + Base32Encode(std::string(row.Blob(9))) +
                      " is damaged: its bytes no longer hash to that key");
    }
  }
  report_->bytes += static_cast<int64_t>(size);

  std::string_view length_text = TrimAscii(r.Get("Content-Length"));
  uint64_t length = 0;
  auto [end, ec] =
      std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
  if (ec != std::errc() || end != length_text.data() + length_text.size() || length != size) {
    Problem(id, "Content-Length \"" + std::string(length_text) +
                    "\" does not match the block size " + std::to_string(size));
  }
  CheckDeclared(id, "WARC-Block-Digest", block_d, block_h ? block_h->Finish() : "", "");
  if (check_payload) {
    if (collect) {
      std::optional<std::string> entity = Dechunk(body);
      std::string raw_body = RawDigest(payload_d.algorithm, body);
      CheckDeclared(id, "WARC-Payload-Digest", payload_d,
                    entity ? RawDigest(payload_d.algorithm, *entity) : raw_body, raw_body);
    } else {
      CheckDeclared(id, "WARC-Payload-Digest", payload_d, payload_h->Finish(), "");
    }
  } else if (span != PayloadSpan::kNone) {
    CheckDeclared(id, "WARC-Payload-Digest", payload_d, "", "");
  }
  Status st = CheckReferences(r);
  if (!st.ok()) Problem(id, "checking references: " + st.message());
}

void Verifier::CheckDeclared(const std::string& id, const char* header,
                             const DeclaredDigest& d, const std::string& computed,
                             const std::string& alternative) {
  switch (d.kind) {
    case DeclaredDigest::Kind::kAbsent:
      if (std::string_view(header) == "WARC-Block-Digest") Problem(id, "no WARC-Block-Digest");
      return;
    case DeclaredDigest::Kind::kUnknownAlgorithm:
      return;  // kept, not checked (FORMAT.md)
    case DeclaredDigest::Kind::kMalformed:
      Problem(id, std::string("malformed ") + header);
      return;
    case DeclaredDigest::Kind::kKnown:
      break;
  }
  if (computed == d.raw || (!alternative.empty() && alternative == d.raw)) return;
  Problem(id, std::string(header) + " mismatch: declared " + DigestLabel(d.algorithm, d.raw) +
                  ", computed " + DigestLabel(d.algorithm, computed));
}

Status Verifier::CheckReferences(const WarcRecord& r) {
  std::string_view type = r.type();
  if (type != "revisit" && type != "conversion") return Status();
  std::string_view refers = TrimAscii(r.Get("WARC-Refers-To"));
  if (refers.empty()) {
    std::string_view profile = r.Get("WARC-Profile");
    std::string digest(TrimAscii(r.Get("WARC-Payload-Digest")));
    if (type == "revisit" && profile.find("identical-payload-digest") != std::string_view::npos) {
      if (digest.empty()) {
        Problem(CanonicalRecordId(r.id()), "identical-payload-digest revisit without WARC-Refers-To or "
                        "WARC-Payload-Digest");
        return Status();
      }
      by_digest_.Bind(1, digest);
      Result<bool> found = by_digest_.Step();
      by_digest_.Reset();
      if (!found.ok()) return found.status();
      if (!*found) {
        Problem(CanonicalRecordId(r.id()), "revisit without WARC-Refers-To: no stored response has its payload "
                        "digest " + digest);
      }
    }
    return Status();
  }
  type_of_.Bind(1, CanonicalRecordId(refers));
  Result<bool> found = type_of_.Step();
  if (!found.ok()) return found.status();
  std::string target_type = *found ? std::string(type_of_.Text(0)) : "";
  type_of_.Reset();
  if (!*found) {
    Problem(CanonicalRecordId(r.id()), std::string(type) + " refers to " + std::string(refers) +
                        ", which is not in the archive");
  } else if (type == "conversion" && target_type != "response") {
    Problem(CanonicalRecordId(r.id()), "conversion refers to " + std::string(refers) + ", a " + target_type +
                        " record, not a response");
  }
  return Status();
}

Status Verifier::CheckPayloadTable() {
  Result<int64_t> n = db_->QueryInt("SELECT count(*) FROM payloads");
  if (!n.ok()) return n.status();
  report_->payloads = *n;
  Result<Stmt> q = db_->Prepare(
      "SELECT id, sha1 FROM payloads p WHERE NOT EXISTS "
      "(SELECT 1 FROM records r WHERE r.payload_id = p.id)");
  if (!q.ok()) return q.status();
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    Problem("", "payload sha1:" + Base32Encode(std::string(q->Blob(1))) + " (id " +
                    std::to_string(q->Int(0)) + ") is used by no record (orphaned)");
  }
  return Status();
}

Status Verifier::CheckPragma(const char* sql, const char* label) {
  Result<Stmt> q = db_->Prepare(sql);
  if (!q.ok()) return q.status();
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) {
      Problem("", std::string(label) + ": " + row.status().message());
      return Status();
    }
    if (!*row) break;
    if (std::string_view(label) == "integrity_check") {
      if (q->Text(0) != "ok") Problem("", "integrity_check: " + std::string(q->Text(0)));
    } else {
      // foreign_key_check: table, rowid, parent, fkid
      Problem("", "foreign_key_check: " + std::string(q->Text(0)) + " row " +
                      std::to_string(q->Int(1)) + " refers to a missing " +
                      std::string(q->Text(2)) + " row");
    }
  }
  return Status();
}

}  // namespace

Result<VerifyReport> VerifyArchive(const std::string& path, const VerifyOptions& options) {
  Result<Db> db = OpenArchiveDb(path, /*read_only=*/true, /*create=*/false);
  if (!db.ok()) return db.status();
  VerifyReport report;
  Verifier v(&*db, options, &report);
  NEWSARC_RETURN_IF_ERROR(v.Run());
  return report;
}

}  // namespace newsarc::storage
