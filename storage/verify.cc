#include "storage/verify.h"

#include <charconv>
#include <optional>

#include "base/digest.h"
#include "base/strings.h"
#include "storage/archive_impl.h"
#include "storage/chain.h"
#include "storage/payload_store.h"
#include "storage/record_codec.h"
#include "storage/warc/warc.h"

namespace newsarc::storage {
namespace {

class Verifier {
 public:
  Verifier(Db* db, const VerifyOptions& options, VerifyReport* report)
      : db_(db), options_(options), report_(report) {}

  Status Run();

 private:
  Status CheckRecords();
  // Returns the raw SHA-1 of the record's block, or nullopt when the record
  // could not be read far enough to compute it (a problem was reported).
  std::optional<std::string> CheckRecord(const Stmt& row, std::string* headers_text);
  // Checks the record's link in the hash chain (columns from kChainCol on).
  void CheckChainLink(const Stmt& row, const std::string& headers_text,
                      const std::optional<std::string>& block_sha1);
  void CheckHead();
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
  // Chain state: the previous record's stored position and value, and the
  // value recomputed at the head's position.
  int64_t prev_position_ = 0;
  std::string prev_chain_ = ChainGenesis();
  std::optional<std::string> value_at_head_;
};

// Columns after kStoredRecordColumns in the record scan.
constexpr int kSha1Col = 9;
constexpr int kChainCol = 10;  // chain_seq, chain

Status Verifier::Run() {
  // One read transaction: a consistent snapshot while a writer carries on.
  NEWSARC_RETURN_IF_ERROR(db_->Exec("BEGIN"));
  Status st = CheckRecords();
  if (!options_.record_id.empty()) {
    (void)db_->Exec("COMMIT");
    return st;
  }
  if (st.ok() && !report_->interrupted) CheckHead();
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

  std::string where;
  int64_t only = 0;  // records.id of options_.record_id
  if (!options_.record_id.empty()) {
    Result<Stmt> id = db_->Prepare("SELECT id FROM records WHERE record_id = ?1");
    if (!id.ok()) return id.status();
    id->Bind(1, CanonicalRecordId(options_.record_id));
    Result<bool> found = id->Step();
    if (!found.ok()) return found.status();
    if (!*found) {
      return Status::NotFound("verify " + options_.record_id, "no such record in " + db_->path());
    }
    only = id->Int(0);
    // The record and the one before it, whose stored chain value it extends.
    where = " WHERE r.id <= " + std::to_string(only) +
            " AND r.id >= coalesce((SELECT max(id) FROM records WHERE id < " +
            std::to_string(only) + "), 0)";
  }
  Result<Stmt> q = db_->Prepare(std::string("SELECT ") + kStoredRecordColumns +
                                ", p.sha1, r.chain_seq, r.chain, r.id FROM records r LEFT JOIN "
                                "payloads p ON p.id = r.payload_id" + where + " ORDER BY r.id");
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
    if (only != 0 && q->Int(kChainCol + 2) != only) {
      // The predecessor: only its stored link matters.
      if (!q->IsNull(kChainCol) && q->Blob(kChainCol + 1).size() == kChainBytes) {
        prev_position_ = q->Int(kChainCol);
        prev_chain_ = std::string(q->Blob(kChainCol + 1));
      }
      continue;
    }
    std::string headers_text;
    std::optional<std::string> block_sha1 = CheckRecord(*q, &headers_text);
    ++report_->records;
    CheckChainLink(*q, headers_text, block_sha1);
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

std::optional<std::string> Verifier::CheckRecord(const Stmt& row, std::string* headers_out) {
  StoredRecordView v = StoredRecordFromRow(row, 0);
  const std::string id(v.record_id);
  WarcRecord r;  // headers only: the block is streamed through the hashers
  r.version = std::string(v.version);
  std::string& headers_text = *headers_out;
  std::string head;
  if (Status st = UnpackTexts(v, &headers_text, &head); !st.ok()) {
    Problem(id, st.message());
    return std::nullopt;
  }
  if (!DecodeWarcHeaders(headers_text, &r.headers)) {
    Problem(id, "stored WARC headers do not decode");
    return std::nullopt;
  }
  if (v.payload_missing) {
    Problem(id, "its payload row is missing");
    return std::nullopt;
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

  std::optional<Hasher> block_h, payload_h, key_h, chain_h;
  if (block_d.kind == DeclaredDigest::Kind::kKnown) block_h.emplace(block_d.algorithm);
  // The chain commits to the block's SHA-1; reuse the block hasher when the
  // declared digest is SHA-1 (nearly always), so each byte is hashed once.
  const bool block_is_sha1 = block_h && block_d.algorithm == DigestAlgorithm::kSha1;
  if (!block_is_sha1) chain_h.emplace(DigestAlgorithm::kSha1);
  if (check_payload && !collect) payload_h.emplace(payload_d.algorithm);
  if (v.has_payload) key_h.emplace(DigestAlgorithm::kSha1);
  std::string body;  // only when `collect`
  uint64_t size = head.size();
  if (block_h) block_h->Update(head);
  if (chain_h) chain_h->Update(head);
  if (v.has_payload) {
    Status st = StreamPayload(v.codec, v.data, "payload of record " + id,
                              [&](std::string_view piece) {
                                size += piece.size();
                                if (block_h) block_h->Update(piece);
                                if (chain_h) chain_h->Update(piece);
                                key_h->Update(piece);
                                if (collect) {
                                  body.append(piece);
                                } else if (payload_h) {
                                  payload_h->Update(piece);
                                }
                              });
    if (!st.ok()) {
      Problem(id, st.message());
      return std::nullopt;
    }
    if (key_h->Finish() != row.Blob(kSha1Col) ||
        static_cast<int64_t>(size - head.size()) != v.size) {
      Problem(id, "stored payload sha1:" + Base32Encode(std::string(row.Blob(kSha1Col))) +
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
  const std::string block_raw = block_h ? block_h->Finish() : "";
  std::string block_sha1 = block_is_sha1 ? block_raw : chain_h->Finish();
  CheckDeclared(id, "WARC-Block-Digest", block_d, block_raw, "");
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
  return block_sha1;
}

void Verifier::CheckChainLink(const Stmt& row, const std::string& headers_text,
                              const std::optional<std::string>& block_sha1) {
  const std::string id(row.Text(0));
  // 1-based: already counted; checking one record, its predecessor's + 1.
  const int64_t ordinal =
      options_.record_id.empty() ? report_->records : prev_position_ + report_->records;
  const bool has_link = !row.IsNull(kChainCol) && !row.IsNull(kChainCol + 1) &&
                        row.Blob(kChainCol + 1).size() == kChainBytes;
  const int64_t position = has_link ? row.Int(kChainCol) : prev_position_ + 1;
  const std::string stored = has_link ? std::string(row.Blob(kChainCol + 1)) : "";
  std::optional<std::string> recomputed;
  if (block_sha1) {
    recomputed = ChainNext(prev_chain_, ChainRecordDigest(position, row.Text(1), headers_text,
                                                          *block_sha1));
  }
  std::string why;
  if (!has_link) {
    why = "it has no hash-chain value";
  } else if (position != prev_position_ + 1) {
    why = "its chain position is " + std::to_string(position) + " but it follows position " +
          std::to_string(prev_position_) +
          (position > prev_position_ + 1
               ? ": the record(s) at the positions between were deleted"
               : ": records were reordered or copied");
  } else if (recomputed && *recomputed != stored) {
    why = "its stored chain value " + HexEncode(stored).substr(0, 16) +
          "... is not SHA-256(previous link, this record): the record (headers, block or "
          "position) was altered, or the record before it was deleted or moved";
  }
  if (!why.empty()) {
    if (report_->chain_breaks++ == 0) report_->first_chain_break = id;
    Problem(id, "hash chain broken at record " + std::to_string(ordinal) + ": " + why);
  }
  if (options_.head && options_.head->count == ordinal) {
    value_at_head_ = recomputed ? *recomputed : stored;
  }
  // Carry on from the stored value, so one bad record is reported once and
  // the links after it are still checked on their own.
  prev_position_ = position;
  prev_chain_ = has_link ? stored : recomputed.value_or(prev_chain_);
  report_->chain_head = {ordinal, prev_chain_};
}

void Verifier::CheckHead() {
  if (!options_.head) return;
  const ChainHead& want = *options_.head;
  const std::string label = want.ToString();
  if (want.count == 0) {
    report_->head_checked = true;
    return;
  }
  if (want.count > report_->records) {
    Problem("", "the attested head " + label + " covers " + std::to_string(want.count) +
                    " records but the archive holds " + std::to_string(report_->records) +
                    ": records were removed from its end, or it is another archive");
    return;
  }
  if (!value_at_head_ || *value_at_head_ != want.value) {
    Problem("", "the archive no longer extends the attested head " + label +
                    ": its chain value at record " + std::to_string(want.count) + " is " +
                    (value_at_head_ ? HexEncode(*value_at_head_) : std::string("missing")) +
                    "; a record at or before that position was altered, deleted or moved");
    return;
  }
  // Breaks elsewhere are problems of their own, reported per record.
  report_->head_checked = true;
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
