#include "storage/payload_store.h"

#include "base/digest.h"

namespace newsarc::storage {

PayloadStore::PayloadStore(Db* db, int zstd_level)
    : db_(db), level_(zstd_level), cctx_(ZSTD_createCCtx()) {}

Result<std::string> PayloadStore::Compress(std::string_view bytes) {
  std::string out;
  out.resize(ZSTD_compressBound(bytes.size()));
  size_t n = ZSTD_compressCCtx(cctx_.get(), out.data(), out.size(), bytes.data(),
                               bytes.size(), level_);
  if (ZSTD_isError(n)) {
    return Status::Io("compress payload", ZSTD_getErrorName(n));
  }
  out.resize(n);
  return out;
}

Result<int64_t> PayloadStore::Put(std::string_view bytes) {
  if (!find_.get()) {
    Result<Stmt> f = db_->Prepare("SELECT id FROM payloads WHERE sha1 = ?1");
    if (!f.ok()) return f.status();
    find_ = std::move(*f);
    Result<Stmt> i = db_->Prepare(
        "INSERT INTO payloads(sha1, size, codec, data) VALUES (?1, ?2, ?3, ?4)");
    if (!i.ok()) return i.status();
    insert_ = std::move(*i);
  }
  const std::string sha1 = Sha1Raw(bytes);
  find_.BindBlob(1, sha1);
  Result<bool> row = find_.Step();
  if (!row.ok()) return row.status();
  if (*row) {
    int64_t id = find_.Int(0);
    find_.Reset();
    return id;
  }
  find_.Reset();

  Result<std::string> packed = Compress(bytes);
  if (!packed.ok()) return packed.status();
  // Keep it raw when zstd does not pay (already-compressed images, gzip).
  bool raw = packed->size() >= bytes.size();
  insert_.BindBlob(1, sha1)
      .Bind(2, static_cast<int64_t>(bytes.size()))
      .Bind(3, static_cast<int64_t>(raw ? PayloadCodec::kRaw : PayloadCodec::kZstd))
      .BindBlob(4, raw ? bytes : std::string_view(*packed));
  NEWSARC_RETURN_IF_ERROR(insert_.Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->get()));
}

Status StreamPayload(int codec, std::string_view data, std::string_view what,
                     const std::function<void(std::string_view)>& sink) {
  if (codec == static_cast<int>(PayloadCodec::kRaw)) {
    for (size_t off = 0; off < data.size(); off += 128 * 1024) {
      sink(data.substr(off, 128 * 1024));
    }
    return Status();
  }
  if (codec != static_cast<int>(PayloadCodec::kZstd)) {
    return Status::Corrupt(what, "unknown codec " + std::to_string(codec));
  }
  CHandle<ZSTD_DStream, ZSTD_freeDStream> ds(ZSTD_createDStream());
  ZSTD_initDStream(ds.get());
  std::string buf(128 * 1024, '\0');
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  size_t last = 1;
  while (in.pos < in.size || last != 0) {
    ZSTD_outBuffer out{buf.data(), buf.size(), 0};
    size_t before = in.pos;
    last = ZSTD_decompressStream(ds.get(), &out, &in);
    if (ZSTD_isError(last)) {
      return Status::Corrupt(what, std::string("zstd: ") + ZSTD_getErrorName(last));
    }
    if (out.pos > 0) sink(std::string_view(buf.data(), out.pos));
    if (out.pos == 0 && in.pos == before && last != 0) {
      return Status::Corrupt(what, "zstd: truncated frame");
    }
    if (last == 0 && in.pos < in.size) {
      return Status::Corrupt(what, "zstd: trailing bytes after the frame");
    }
  }
  return Status();
}

Result<std::string> DecodePayload(int codec, std::string_view data, int64_t size,
                                  std::string_view what) {
  std::string out;
  if (size > 0) out.reserve(static_cast<size_t>(size));
  Status st = StreamPayload(codec, data, what,
                            [&out](std::string_view piece) { out.append(piece); });
  if (!st.ok()) return st;
  if (static_cast<int64_t>(out.size()) != size) {
    return Status::Corrupt(what, "decoded " + std::to_string(out.size()) +
                                     " bytes, expected " + std::to_string(size));
  }
  return out;
}

}  // namespace newsarc::storage
