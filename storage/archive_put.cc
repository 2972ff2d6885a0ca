// Archive::Put: fill in and check a record's WARC headers, then store it as
// header rows + HTTP head bytes + a content-addressed payload.
#include <charconv>
#include <utility>

#include "base/digest.h"
#include "base/strings.h"
#include "base/uuid.h"
#include "storage/archive_impl.h"
#include "storage/chain.h"
#include "storage/header_codec.h"
#include "storage/payload_store.h"
#include "storage/record_codec.h"
#include "storage/warc/warc.h"

namespace newsarc::storage {
namespace {

// Checks a declared digest against `bytes` (and `alternative` when given);
// fills in a sha1 label when absent. `header` is the WARC header name.
// `sha1`, when given, is the raw SHA-1 of `bytes`, already computed.
Status CheckOrFillDigest(WarcRecord* r, const char* header, const std::string& bytes,
                         const std::optional<std::string>& alternative,
                         const std::string& what, const std::string* sha1 = nullptr) {
  std::string declared_text(TrimAscii(r->Get(header)));
  DeclaredDigest d = ParseDeclaredDigest(declared_text);
  switch (d.kind) {
    case DeclaredDigest::Kind::kAbsent:
      r->Set(header, sha1 ? DigestLabel(DigestAlgorithm::kSha1, *sha1) : Sha1Label(bytes));
      return Status();
    case DeclaredDigest::Kind::kUnknownAlgorithm:
      return Status();  // e.g. md5: kept, not checked (FORMAT.md)
    case DeclaredDigest::Kind::kMalformed:
      return Status::Corrupt(what, std::string("malformed ") + header + " \"" +
                                       declared_text + "\"");
    case DeclaredDigest::Kind::kKnown:
      break;
  }
  std::string computed = sha1 && d.algorithm == DigestAlgorithm::kSha1
                             ? *sha1
                             : RawDigest(d.algorithm, bytes);
  if (computed == d.raw) return Status();
  if (alternative && RawDigest(d.algorithm, *alternative) == d.raw) return Status();
  return Status::Corrupt(what, std::string(header) + " mismatch: declared " +
                                   declared_text + ", computed " +
                                   DigestLabel(d.algorithm, computed));
}

std::string MediaType(std::string_view content_type) {
  return AsciiLower(TrimAscii(content_type.substr(0, content_type.find(';'))));
}

// The stored forms of the WARC header text and the HTTP head.
void EncodeHeaders(PreparedRecord* p) {
  const bool pack = p->compress_headers;
  p->headers_text = EncodeWarcHeaders(p->record.headers);
  p->headers_stored = pack ? PackHeaderText(p->headers_text) : p->headers_text;
  if (p->has_head) {
    std::string_view head = std::string_view(p->record.block).substr(0, p->head_size);
    p->head_stored = pack ? PackHeaderText(head) : std::string(head);
  }
  p->text_codec = static_cast<int>(pack ? TextCodec::kZstdDictV1 : TextCodec::kRaw);
}

}  // namespace

Result<std::pair<int64_t, std::string>> ArchiveImpl::NextChainLink(
    std::string_view version, std::string_view headers_text, std::string_view block_sha1) {
  // The last committed (or, inside a batch, last written) link. One writer
  // holds the lock, so nothing can be appended between this read and the
  // INSERT that extends it.
  Result<Stmt*> q = Cached(kSlotChainTail,
                           "SELECT chain_seq, chain FROM records ORDER BY id DESC LIMIT 1");
  if (!q.ok()) return q.status();
  Result<bool> row = (*q)->Step();
  if (!row.ok()) return row.status();
  int64_t position = 0;
  std::string previous = ChainGenesis();
  if (*row) {
    if ((*q)->IsNull(1) || (*q)->Blob(1).size() != kChainBytes) {
      (*q)->Reset();
      return Status::Corrupt("extend the hash chain of " + path_,
                             "the last record has no chain value; run `newsarc verify`");
    }
    position = (*q)->Int(0);
    previous = std::string((*q)->Blob(1));
  }
  (*q)->Reset();
  ++position;
  return std::make_pair(position,
                        ChainNext(previous, ChainRecordDigest(position, version, headers_text,
                                                              block_sha1)));
}

std::string CanonicalRecordId(std::string_view id) {
  id = TrimAscii(id);
  if (!id.empty() && id.front() == '<') return std::string(id);
  return "<" + std::string(id) + ">";
}

Result<PreparedRecord> PrepareRecord(const WarcRecord& record, const ArchiveOptions& options,
                                     const RecordSource* source) {
  PreparedRecord p;
  p.record = record;
  WarcRecord& r = p.record;
  p.what = "put record " + (r.id().empty() ? std::string("(no WARC-Record-ID)")
                                           : std::string(r.id()));
  if (source) {
    p.source = *source;
    p.has_source = true;
    p.what += " from " + source->filename + " at offset " + std::to_string(source->offset);
  }
  const std::string& what = p.what;
  p.type = std::string(TrimAscii(r.type()));
  if (p.type.empty()) return Status::InvalidArgument(what, "missing WARC-Type");
  if (std::string bad = CheckHeaderText(r.headers); !bad.empty()) {
    return Status::InvalidArgument(what, bad);
  }
  if (TrimAscii(r.id()).empty()) r.Set("WARC-Record-ID", "<" + NewUuidUrn() + ">");
  p.record_id = CanonicalRecordId(r.id());

  if (TrimAscii(r.Get("WARC-Date")).empty()) {
    r.Set("WARC-Date", FormatWarcDate(NowMicros(), r.version != "WARC/1.0"));
  }
  p.date_text = std::string(TrimAscii(r.Get("WARC-Date")));
  std::optional<Micros> date = ParseIsoDate(p.date_text);
  if (!date) return Status::InvalidArgument(what, "unparseable WARC-Date \"" + p.date_text + "\"");
  p.date = *date;

  std::string_view length_text = TrimAscii(r.Get("Content-Length"));
  if (length_text.empty()) {
    r.Set("Content-Length", std::to_string(r.block.size()));
  } else {
    uint64_t length = 0;
    auto [end, ec] = std::from_chars(length_text.data(),
                                     length_text.data() + length_text.size(), length);
    if (ec != std::errc() || end != length_text.data() + length_text.size() ||
        length != r.block.size()) {
      return Status::Corrupt(what, "Content-Length " + std::string(length_text) +
                                       " does not match the block size " +
                                       std::to_string(r.block.size()));
    }
  }

  // Hashed once: the block digest check and the hash chain both use it.
  p.block_sha1 = Sha1Raw(r.block);
  NEWSARC_RETURN_IF_ERROR(
      CheckOrFillDigest(&r, "WARC-Block-Digest", r.block, std::nullopt, what, &p.block_sha1));
  std::optional<std::string> alternative;
  // The payload's SHA-1 serves the digest check and the content address
  // below when the stored bytes are the payload (no transfer coding to undo).
  std::string payload_sha1;
  bool payload_is_stored = false;
  if (std::optional<std::string> payload = PayloadOf(r, &alternative)) {
    payload_sha1 = Sha1Raw(*payload);
    NEWSARC_RETURN_IF_ERROR(CheckOrFillDigest(&r, "WARC-Payload-Digest", *payload, alternative,
                                              what, &payload_sha1));
    payload_is_stored = !alternative.has_value();
  }
  p.refers_to = std::string(TrimAscii(r.Get("WARC-Refers-To")));

  // Split the block: HTTP head bytes kept inline, the rest content-addressed.
  std::string_view block = r.block;
  std::string_view stored = block;
  p.mime = MediaType(r.Get("Content-Type"));
  if (IsHttpBlock(r)) {
    if (std::optional<HttpMessage> m = SplitHttpMessage(block)) {
      p.has_head = true;
      p.head_size = m->head.size();
      stored = m->body;
      p.http_status = m->status;
      p.mime = m->content_type;
    }
  }
  if (!stored.empty()) {
    // PayloadOf() gives the whole block for a non-HTTP record and the
    // entity for an HTTP one; without an alternative that is `stored`.
    Result<PayloadStore::Encoded> e = PayloadStore::Encode(
        stored, options.zstd_level, payload_is_stored ? &payload_sha1 : nullptr);
    if (!e.ok()) return e.status().WithContext(what);
    p.payload_sha1 = std::move(e->sha1);
    p.payload_codec = e->codec;
    p.payload_data = std::move(e->data);
  }
  p.uri = std::string(r.target_uri());
  if (!p.uri.empty()) p.surt = SurtKey(p.uri);
  p.zstd_level = options.zstd_level;
  p.compress_headers = options.compress_headers;
  EncodeHeaders(&p);
  return p;
}

Result<std::string> ArchiveImpl::Put(const WarcRecord& record, const RecordSource* source) {
  Result<PreparedRecord> p = PrepareRecord(record, options_, source);
  if (!p.ok()) return p.status();
  return Put(std::move(*p));
}

Result<std::string> ArchiveImpl::Put(PreparedRecord prepared) {
  NEWSARC_RETURN_IF_ERROR(CheckWritable());
  if (prepared.zstd_level != options_.zstd_level ||
      prepared.compress_headers != options_.compress_headers) {
    return Status::InvalidArgument(prepared.what, "prepared with other archive options");
  }
  // A savepoint makes each Put all-or-nothing, inside a batch or alone.
  NEWSARC_RETURN_IF_ERROR(db_.Exec("SAVEPOINT put"));
  Result<std::string> r = PutLocked(prepared);
  if (r.ok()) {
    Status st = db_.Exec("RELEASE put");
    if (st.ok()) return r;
    r = st;
  }
  (void)db_.Exec("ROLLBACK TO put");
  (void)db_.Exec("RELEASE put");
  return r;
}

Result<std::string> ArchiveImpl::PutLocked(PreparedRecord& p) {
  WarcRecord& r = p.record;
  const std::string& what = p.what;
  if (p.type == "revisit" && TrimAscii(r.Get("WARC-Payload-Digest")).empty() &&
      !p.refers_to.empty()) {
    // A revisit's payload digest is its original's; copy it when we have it.
    Result<Stmt*> q = Cached(kSlotRefersTo,
                             "SELECT payload_digest FROM records WHERE record_id = ?1");
    if (!q.ok()) return q.status();
    (*q)->Bind(1, CanonicalRecordId(p.refers_to));
    Result<bool> row = (*q)->Step();
    if (!row.ok()) return row.status();
    std::string digest = *row ? std::string((*q)->Text(0)) : "";
    (*q)->Reset();
    if (!digest.empty()) {
      r.Set("WARC-Payload-Digest", digest);
      EncodeHeaders(&p);
    }
  }

  // Already stored? The same record again is a no-op, another one an error.
  Result<Stmt*> find = Cached(kSlotFindId,
                              "SELECT block_digest FROM records WHERE record_id = ?1");
  if (!find.ok()) return find.status();
  (*find)->Bind(1, p.record_id);
  Result<bool> dup = (*find)->Step();
  if (!dup.ok()) return dup.status();
  if (*dup) {
    bool same = (*find)->Text(0) == TrimAscii(r.Get("WARC-Block-Digest"));
    (*find)->Reset();
    if (same) return std::string(TrimAscii(r.id()));
    return Status::InvalidArgument(
        what, "a different record with this WARC-Record-ID is already in " + path_);
  }
  (*find)->Reset();

  int64_t payload_id = 0;
  if (!p.payload_sha1.empty()) {
    PayloadStore::Encoded e{p.payload_sha1, p.payload_codec, std::move(p.payload_data)};
    Result<int64_t> id = payloads_->Put(e, static_cast<int64_t>(r.block.size() - p.head_size));
    if (!id.ok()) return id.status().WithContext(what);
    payload_id = *id;
  }

  Result<Stmt*> ins = Cached(
      kSlotInsert,
      "INSERT INTO records(record_id, type, version, date_us, date_text, target_uri, "
      "surt, ip, content_type, block_digest, payload_digest, refers_to, http_status, "
      "http_mime, block_size, warc_headers, http_head, payload_id, source_file, "
      "source_offset, text_codec, chain_seq, chain) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
      "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)");
  if (!ins.ok()) return ins.status();
  Stmt& s = **ins;
  s.Bind(1, p.record_id).Bind(2, p.type).Bind(3, r.version).Bind(4, p.date).Bind(5, p.date_text);
  s.BindTextOrNull(6, p.uri);
  if (p.uri.empty()) {
    s.BindNull(7);
  } else {
    s.Bind(7, p.surt);
  }
  s.BindTextOrNull(8, TrimAscii(r.Get("WARC-IP-Address")));
  s.BindTextOrNull(9, TrimAscii(r.Get("Content-Type")));
  s.Bind(10, TrimAscii(r.Get("WARC-Block-Digest")));
  s.BindTextOrNull(11, TrimAscii(r.Get("WARC-Payload-Digest")));
  if (p.refers_to.empty()) {
    s.BindNull(12);
  } else {
    s.Bind(12, CanonicalRecordId(p.refers_to));
  }
  if (p.http_status > 0) {
    s.Bind(13, static_cast<int64_t>(p.http_status));
  } else {
    s.BindNull(13);
  }
  s.BindTextOrNull(14, p.mime);
  s.Bind(15, static_cast<int64_t>(r.block.size()));
  s.BindBlob(16, p.headers_stored);
  if (p.has_head) {
    s.BindBlob(17, p.head_stored);
  } else {
    s.BindNull(17);
  }
  if (payload_id > 0) {
    s.Bind(18, payload_id);
  } else {
    s.BindNull(18);
  }
  if (p.has_source) {
    s.Bind(19, p.source.filename).Bind(20, static_cast<int64_t>(p.source.offset));
  } else {
    s.BindNull(19).BindNull(20);
  }
  s.Bind(21, static_cast<int64_t>(p.text_codec));
  Result<std::pair<int64_t, std::string>> link =
      NextChainLink(r.version, p.headers_text, p.block_sha1);
  if (!link.ok()) {
    s.Reset();
    return link.status().WithContext(what);
  }
  s.Bind(22, link->first).BindBlob(23, link->second);
  Status st = s.Run();
  if (!st.ok()) return st.WithContext(what);
  return std::string(TrimAscii(r.id()));
}

}  // namespace newsarc::storage
