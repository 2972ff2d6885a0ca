#include "storage/payload_store.h"

#include <memory>
#include <utility>

#include "base/digest.h"

namespace newsarc::storage {

PayloadStore::PayloadStore(Db* db, int zstd_level) : db_(db), level_(zstd_level) {}

Result<PayloadStore::Encoded> PayloadStore::Encode(std::string_view bytes, int zstd_level,
                                                   const std::string* sha1) {
  // One context per thread: creating one costs more than compressing a page.
  thread_local CHandle<ZSTD_CCtx, ZSTD_freeCCtx> cctx(ZSTD_createCCtx());
  Encoded e;
  e.sha1 = sha1 != nullptr ? *sha1 : Sha1Raw(bytes);
  std::string out;
  out.resize(ZSTD_compressBound(bytes.size()));
  size_t n = ZSTD_compressCCtx(cctx.get(), out.data(), out.size(), bytes.data(), bytes.size(),
                               zstd_level);
  if (ZSTD_isError(n)) return Status::Io("compress payload", ZSTD_getErrorName(n));
  // Keep it raw when zstd does not pay (already-compressed images, gzip).
  if (n >= bytes.size()) {
    e.codec = static_cast<int>(PayloadCodec::kRaw);
    e.data = std::string(bytes);
  } else {
    out.resize(n);
    e.codec = static_cast<int>(PayloadCodec::kZstd);
    e.data = std::move(out);
  }
  return e;
}

Result<int64_t> PayloadStore::Put(std::string_view bytes) {
  Result<Encoded> e = Encode(bytes, level_);
  if (!e.ok()) return e.status();
  return Put(*e, static_cast<int64_t>(bytes.size()));
}

Result<int64_t> PayloadStore::Put(const Encoded& payload, int64_t size) {
  if (!find_.get()) {
    Result<Stmt> f = db_->Prepare("SELECT id FROM payloads WHERE sha1 = ?1");
    if (!f.ok()) return f.status();
    find_ = std::move(*f);
    Result<Stmt> i = db_->Prepare(
        "INSERT INTO payloads(sha1, size, codec, data) VALUES (?1, ?2, ?3, ?4)");
    if (!i.ok()) return i.status();
    insert_ = std::move(*i);
  }
  find_.BindBlob(1, payload.sha1);
  Result<bool> row = find_.Step();
  if (!row.ok()) return row.status();
  if (*row) {
    int64_t id = find_.Int(0);
    find_.Reset();
    return id;
  }
  find_.Reset();
  insert_.BindBlob(1, payload.sha1)
      .Bind(2, size)
      .Bind(3, static_cast<int64_t>(payload.codec))
      .BindBlob(4, payload.data);
  NEWSARC_RETURN_IF_ERROR(insert_.Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->get()));
}

namespace {

constexpr size_t kPiece = 128 * 1024;  // StreamPayload's largest piece

// One zstd decompression context and output buffer per thread, reused by
// every payload decoded on it. Creating a context allocates and initialises
// its tables and window (about 100 KB before the first byte), and the
// 128 KiB buffer was zero-filled per call: together they cost more than
// decoding a typical page, and `changes`, `history` and exports decode one
// payload per record. They live until the thread ends.
struct ThreadDecoder {
  CHandle<ZSTD_DCtx, ZSTD_freeDCtx> dctx{ZSTD_createDCtx()};
  std::unique_ptr<char[]> buf{new char[kPiece]};
  bool busy = false;
};

// The calling thread's decoder for the lifetime of the lease, or a private
// one when it is already leased further up the stack (a StreamPayload sink
// that decodes another payload).
class DecoderLease {
 public:
  DecoderLease() {
    thread_local ThreadDecoder shared;
    if (shared.busy || !shared.dctx) {
      own_ = std::make_unique<ThreadDecoder>();
      decoder_ = own_.get();
    } else {
      decoder_ = &shared;
    }
    decoder_->busy = true;
    // A previous decode may have stopped mid-frame on corrupt input.
    ZSTD_DCtx_reset(decoder_->dctx.get(), ZSTD_reset_session_only);
  }
  ~DecoderLease() { decoder_->busy = false; }
  DecoderLease(const DecoderLease&) = delete;
  DecoderLease& operator=(const DecoderLease&) = delete;

  ZSTD_DCtx* dctx() const { return decoder_->dctx.get(); }
  char* buf() const { return decoder_->buf.get(); }

 private:
  std::unique_ptr<ThreadDecoder> own_;
  ThreadDecoder* decoder_ = nullptr;
};

}  // namespace

Status StreamPayload(int codec, std::string_view data, std::string_view what,
                     const std::function<void(std::string_view)>& sink) {
  if (codec == static_cast<int>(PayloadCodec::kRaw)) {
    for (size_t off = 0; off < data.size(); off += kPiece) sink(data.substr(off, kPiece));
    return Status();
  }
  if (codec != static_cast<int>(PayloadCodec::kZstd)) {
    return Status::Corrupt(what, "unknown codec " + std::to_string(codec));
  }
  DecoderLease decoder;
  if (!decoder.dctx()) return Status::Io(what, "zstd: out of memory for a context");
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  size_t last = 1;
  while (in.pos < in.size || last != 0) {
    ZSTD_outBuffer out{decoder.buf(), kPiece, 0};
    size_t before = in.pos;
    last = ZSTD_decompressStream(decoder.dctx(), &out, &in);
    if (ZSTD_isError(last)) {
      return Status::Corrupt(what, std::string("zstd: ") + ZSTD_getErrorName(last));
    }
    if (out.pos > 0) sink(std::string_view(decoder.buf(), out.pos));
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
  if (codec == static_cast<int>(PayloadCodec::kRaw)) {
    out.assign(data);
  } else if (codec == static_cast<int>(PayloadCodec::kZstd) && size >= 0 &&
             ZSTD_getFrameContentSize(data.data(), data.size()) ==
                 static_cast<unsigned long long>(size) &&
             ZSTD_findFrameCompressedSize(data.data(), data.size()) == data.size()) {
    // The common case, one frame that declares the expected size: decoded
    // in one call straight into the result. Anything else takes the
    // streaming path below, which names what is wrong.
    out.resize(static_cast<size_t>(size));
    DecoderLease decoder;
    if (!decoder.dctx()) return Status::Io(what, "zstd: out of memory for a context");
    size_t n = ZSTD_decompressDCtx(decoder.dctx(), out.data(), out.size(), data.data(),
                                   data.size());
    if (ZSTD_isError(n)) {
      return Status::Corrupt(what, std::string("zstd: ") + ZSTD_getErrorName(n));
    }
    out.resize(n);
  } else {
    if (size > 0) out.reserve(static_cast<size_t>(size));
    Status st = StreamPayload(codec, data, what,
                              [&out](std::string_view piece) { out.append(piece); });
    if (!st.ok()) return st;
  }
  if (static_cast<int64_t>(out.size()) != size) {
    return Status::Corrupt(what, "decoded " + std::to_string(out.size()) +
                                     " bytes, expected " + std::to_string(size));
  }
  return out;
}

}  // namespace newsarc::storage
