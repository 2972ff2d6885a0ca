// newsarc's archive: every capture in one SQLite file, modelled on WARC 1.1.
//
// Records (warcinfo, request, response, revisit, metadata, resource,
// conversion) are stored with their WARC headers; HTTP header bytes are kept
// byte for byte and payloads are stored once per payload digest, compressed
// with zstd. A capture index by SURT key and time answers "all versions of
// this URL" and "the capture nearest to T". See storage/FORMAT.md.
//
// Concurrency: one writer process at a time (Open with read_only=false takes
// the writer lock and fails with Status::Busy naming the holder); any number
// of read-only openers may read meanwhile (SQLite WAL). An Archive object is
// not thread-safe; use one per thread.
#ifndef NEWSARC_STORAGE_ARCHIVE_H_
#define NEWSARC_STORAGE_ARCHIVE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "storage/frontier.h"
#include "storage/warc/warc.h"

namespace newsarc::storage {

struct ArchiveOptions {
  bool read_only = false;  // open for reading only; no writer lock
  bool create = true;      // create the file when missing (writers only)
  int zstd_level = 3;      // payload compression level
  // Store WARC header and HTTP head bytes zstd-compressed with a built-in
  // dictionary (about a third of their size); false keeps them as plain text.
  bool compress_headers = true;
  // Who holds the writer lock, shown to a second writer ("import", "crawl").
  std::string holder = "newsarc";
};

// Where a stored record came from when it was imported from a WARC file.
struct RecordSource {
  std::string filename;  // base name of the WARC file
  uint64_t offset = 0;   // byte offset of the record in that file
};

// A record checked and encoded for Archive::Put without the database: its
// headers completed (id, date, Content-Length, digests checked or filled in),
// its payload hashed and compressed, its header text packed. Building one is
// most of a Put's CPU time and needs no archive, so a writer can make them on
// worker threads and keep only the inserts on the thread that owns the
// archive. Made by PrepareRecord(); the fields are for storage/ only.
struct PreparedRecord {
  WarcRecord record;          // headers completed
  RecordSource source;
  bool has_source = false;
  std::string what;           // "put record <id>[ from F at offset N]"
  std::string type, record_id, date_text, refers_to, uri, surt, mime;
  Micros date = 0;
  std::string block_sha1;     // raw
  bool has_head = false;
  size_t head_size = 0;       // HTTP head bytes at the start of the block
  int http_status = 0;
  std::string payload_sha1;   // raw, of block[head_size..]; empty when no payload
  int payload_codec = 0;
  std::string payload_data;   // what the payloads row stores
  std::string headers_text;   // encoded WARC headers
  std::string headers_stored, head_stored;  // packed or plain, per text_codec
  int text_codec = 0;
  int zstd_level = 0;
  bool compress_headers = false;
};

// Thread-safe. Errors as Archive::Put's checks (InvalidArgument, Corrupt).
// `options` must be the archive's (Put checks the level and header packing).
Result<PreparedRecord> PrepareRecord(const WarcRecord& record, const ArchiveOptions& options,
                                     const RecordSource* source = nullptr);

// A record id as the archive stores it: with the angle brackets WARC uses
// ("urn:uuid:..." -> "<urn:uuid:...>").
std::string CanonicalRecordId(std::string_view id);

// One row of the capture index.
struct Capture {
  int64_t record_rowid = 0;
  std::string record_id;  // "<urn:uuid:...>"
  std::string type;       // response, revisit, resource
  std::string uri;
  std::string surt;
  Micros date = 0;
  int status = 0;  // HTTP status; 0 when not HTTP
  std::string mime;
  std::string payload_digest;  // "sha1:..."
  std::string refers_to;       // WARC-Refers-To (revisits); "" when absent
};

// A range of SURT keys, [first, last); an empty bound is open.
struct KeyRange {
  std::string first;
  std::string last;
  // Keys that start with `prefix`.
  static KeyRange Prefix(const std::string& prefix) { return {prefix, prefix + "\x7f"}; }
  // The one key `key` (no SURT key holds a byte below 0x20).
  static KeyRange Exactly(const std::string& key) { return {key, key + "\x01"}; }
  bool exact() const { return !first.empty() && last == first + "\x01"; }
};

// A stored conversion record with its place in the capture index.
struct StoredConversion {
  int64_t record_rowid = 0;  // archive order
  std::string surt;          // the SURT key of its WARC-Target-URI
  Micros date = 0;           // its WARC-Date
  WarcRecord record;         // reassembled, as Get() returns it
};

struct ArchiveStats {
  std::vector<std::pair<std::string, int64_t>> records_by_type;
  int64_t records = 0;
  int64_t captures = 0;
  int64_t hosts = 0;
  int64_t payloads = 0;         // distinct stored payloads
  int64_t logical_bytes = 0;    // sum of record block sizes
  int64_t stored_bytes = 0;     // compressed payload + header bytes stored
  int64_t file_bytes = 0;       // size of the SQLite file(s)
};

class Archive {
 public:
  // Errors name `path`: NotFound (read_only or !create and no file),
  // InvalidArgument (not a newsarc archive: not SQLite, or another
  // application's SQLite database), Unsupported (newer schema), Busy (another
  // writer holds the lock; the message names it: pid, program, since when).
  static Result<std::unique_ptr<Archive>> Open(const std::string& path,
                                               const ArchiveOptions& options = {});
  virtual ~Archive() = default;

  // Writes. Put() fills in WARC-Record-ID, WARC-Date, digests and
  // Content-Length when missing; it checks digests that are present and
  // refuses a record whose declared block digest does not match.
  // Returns the record's id. Writes are grouped in the current transaction
  // when Begin() was called, else each Put commits on its own. A failed Put
  // leaves nothing behind (it runs in a savepoint). Putting a record whose
  // id is already stored with the same block digest is a no-op returning the
  // id (re-importing a WARC is idempotent); a different record under a
  // stored id is InvalidArgument. Errors: InvalidArgument (missing WARC-Type,
  // unparseable WARC-Date, unstorable header text), Corrupt (declared
  // Content-Length or digest does not match the block; names the record id).
  // Destroying the Archive inside Begin() without Commit() discards the batch.
  virtual Result<std::string> Put(const WarcRecord& record,
                                  const RecordSource* source = nullptr) = 0;
  // Put() of a record made by PrepareRecord(): the same result, with only
  // the database work left to do here.
  virtual Result<std::string> Put(PreparedRecord prepared) = 0;
  // PrepareRecord() with this archive's options. Thread-safe: it reads
  // nothing that changes, so worker threads may call it during writes.
  virtual Result<PreparedRecord> Prepare(const WarcRecord& record) const = 0;
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Reads. Records come back exactly as stored (headers in order, the block
  // reassembled from header bytes and payload).
  virtual Result<WarcRecord> Get(const std::string& record_id) = 0;
  // Every record in archive order (the order they were committed). Stop
  // early by returning false from `fn`.
  virtual Status ForEach(const std::function<bool(const WarcRecord&)>& fn) = 0;
  // Captures of `url` (normalised to its SURT key), oldest first.
  virtual Result<std::vector<Capture>> History(const std::string& url) = 0;
  // The capture of `url` nearest to `t`, if any.
  virtual Result<std::optional<Capture>> Nearest(const std::string& url,
                                                 Micros t) = 0;
  virtual Result<ArchiveStats> Stats() = 0;
  // True when a record with this WARC-Record-ID is stored (the id may be
  // given with or without its angle brackets).
  virtual Result<bool> Contains(const std::string& record_id) = 0;
  // The earliest response or resource whose WARC-Payload-Digest is `digest`
  // (a "sha1:..." label as stored): the original a revisit refers to.
  virtual Result<std::optional<Capture>> FindByPayloadDigest(
      const std::string& digest) = 0;

  // Queries over the capture index for the audit and corpus modules. Each
  // runs its own statement, so `fn` may call other reads. Stop early by
  // returning false from `fn`.
  //
  // Captures whose SURT key is exactly `surt_key`, oldest first (History(url)
  // is CapturesOfKey(SurtKey(url))).
  virtual Result<std::vector<Capture>> CapturesOfKey(const std::string& surt_key) = 0;
  // How many captures a key has, and the first and last capture times.
  struct CaptureSpan {
    int64_t captures = 0;
    Micros first = 0, last = 0;
  };
  virtual Result<CaptureSpan> CaptureSpanOf(const std::string& surt_key) = 0;
  // Captures whose key is in `keys` and date in [from, to) (0: unbounded),
  // by key, then time (a CDX server's order).
  virtual Status ForEachCapture(const KeyRange& keys, Micros from, Micros to,
                                const std::function<bool(const Capture&)>& fn) = 0;
  // The capture (response, revisit or resource) stored under `record_id`.
  virtual Result<std::optional<Capture>> CaptureById(const std::string& record_id) = 0;
  // Every redirect response (3xx other than 304) in archive order, with its
  // Location header as sent ("" when it has none).
  virtual Status ForEachRedirect(
      const std::function<bool(const Capture&, std::string_view location)>& fn) = 0;
  // Every 404 or 410 response whose key is in `keys`, in archive order.
  virtual Status ForEachGone(const KeyRange& keys,
                             const std::function<bool(const Capture&)>& fn) = 0;
  // Every conversion record whose key is in `keys`, by key, then WARC-Date,
  // then archive order (one URL's versions arrive together, oldest first).
  virtual Status ForEachConversion(const KeyRange& keys,
                                   const std::function<bool(const StoredConversion&)>& fn) = 0;
  // The SURT keys of the conversion records and 404/410 responses whose
  // records.id is in (after, through], each once, in no particular order:
  // what an index derived from them must look at again.
  virtual Status ForEachArticleKey(int64_t after, int64_t through,
                                   const std::function<bool(const std::string& surt)>& fn) = 0;
  // The highest records.id stored (0 for an empty archive). Records
  // committed later always have higher ids (one writer at a time).
  virtual Result<int64_t> LastRecordRowid() = 0;
  // The conversion records whose WARC-Refers-To is `record_id`, newest first.
  virtual Status ForEachConversionOf(const std::string& record_id,
                                     const std::function<bool(const WarcRecord&)>& fn) = 0;

  // A read snapshot: every read between BeginRead() and EndRead() sees the
  // archive as it was at the first of them, however a writer commits
  // meanwhile. For read-only archives (a writer has Begin()/Commit()).
  // InvalidArgument when a transaction is already open (or none, for EndRead).
  virtual Status BeginRead() = 0;
  virtual Status EndRead() = 0;

  // The crawl frontier kept in this archive's file, on this archive's
  // connection: its writes join the current Begin()/Commit() batch. Owned by
  // the Archive. Writes through it fail on a read-only archive.
  virtual Frontier& frontier() = 0;

  virtual const std::string& path() const = 0;
};

// BeginRead() for a scope: EndRead() when it ends. status() says whether
// the snapshot began; reads work either way (each on its own snapshot).
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Archive& archive) : archive_(archive), status_(archive.BeginRead()) {}
  ~ReadSnapshot() {
    if (status_.ok()) (void)archive_.EndRead();
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  const Status& status() const { return status_; }

 private:
  Archive& archive_;
  Status status_;
};

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_ARCHIVE_H_
