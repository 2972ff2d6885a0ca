// ArchiveImpl: the SQLite implementation of storage::Archive. Internal.
// Its methods are spread over archive_open.cc, archive_put.cc,
// archive_read.cc and archive_stats.cc.
#ifndef NEWSARC_STORAGE_ARCHIVE_IMPL_H_
#define NEWSARC_STORAGE_ARCHIVE_IMPL_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "storage/payload_store.h"
#include "storage/sqlite_db.h"
#include "storage/writer_lock.h"

namespace newsarc::storage {

// Opens the SQLite connection for an archive file, with the identity and
// schema checks of schema.h, the pragmas (WAL, foreign keys, busy timeout),
// and NotFound for a missing file when reading. Shared by Archive::Open and
// verify.
Result<Db> OpenArchiveDb(const std::string& path, bool read_only, bool create);

// Makes the article index's tokenizer (fts_tokenizer.h) available to FTS5
// tables on `db`; done for every connection OpenArchiveDb() opens.
Status RegisterFtsTokenizer(sqlite3* db);

// The stored parts of one record row, as views into a statement's row.
struct StoredRecordView {
  std::string_view record_id;
  std::string_view version;
  std::string_view warc_headers;
  bool has_http_head = false;
  std::string_view http_head;
  bool has_payload = false;    // records.payload_id is set
  bool payload_missing = false;  // ... but no payloads row has that id
  int codec = 0;
  std::string_view data;
  int64_t size = 0;
  int text_codec = 0;  // how warc_headers and http_head are stored
};
// The SELECT list that StoredRecordFromRow() reads, for `records r LEFT
// JOIN payloads p ON p.id = r.payload_id`.
inline constexpr const char* kStoredRecordColumns =
    "r.record_id, r.version, r.warc_headers, r.http_head, r.payload_id, p.codec, "
    "p.data, p.size, r.text_codec";
StoredRecordView StoredRecordFromRow(const Stmt& row, int first_col);
// The stored WARC header text and HTTP head bytes, decompressed.
Status UnpackTexts(const StoredRecordView& row, std::string* warc_headers,
                   std::string* http_head);
// Rebuilds a record from its stored parts: headers in order, block = HTTP
// head + decoded payload. Corrupt (naming the record) when they do not decode.
Result<WarcRecord> AssembleRecord(const StoredRecordView& row);

class ArchiveImpl final : public Archive {
 public:
  ArchiveImpl(std::string path, ArchiveOptions options,
              std::unique_ptr<WriterLock> lock, Db db);
  ~ArchiveImpl() override;

  Result<std::string> Put(const WarcRecord& record, const RecordSource* source) override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  Result<std::string> Put(PreparedRecord prepared) override;
  Result<PreparedRecord> Prepare(const WarcRecord& record) const override {
    return PrepareRecord(record, options_);
  }

  Result<WarcRecord> Get(const std::string& record_id) override;
  Status ForEach(const std::function<bool(const WarcRecord&)>& fn) override;
  Result<std::vector<Capture>> History(const std::string& url) override;
  Result<std::optional<Capture>> Nearest(const std::string& url, Micros t) override;
  Result<ArchiveStats> Stats() override;
  Result<bool> Contains(const std::string& record_id) override;
  Result<std::optional<Capture>> FindByPayloadDigest(const std::string& digest) override;

  Result<std::vector<Capture>> CapturesOfKey(const std::string& surt_key) override;
  Result<CaptureSpan> CaptureSpanOf(const std::string& surt_key) override;
  Status ForEachCapture(const KeyRange& keys, Micros from, Micros to,
                        const std::function<bool(const Capture&)>& fn) override;
  Result<std::optional<Capture>> CaptureById(const std::string& record_id) override;
  Status ForEachRedirect(
      const std::function<bool(const Capture&, std::string_view location)>& fn) override;
  Status ForEachGone(const KeyRange& keys,
                     const std::function<bool(const Capture&)>& fn) override;
  Status ForEachConversion(const KeyRange& keys,
                           const std::function<bool(const StoredConversion&)>& fn) override;
  Status ForEachConversionOf(const std::string& record_id,
                             const std::function<bool(const WarcRecord&)>& fn) override;
  Status ForEachArticleKey(int64_t after, int64_t through,
                           const std::function<bool(const std::string& surt)>& fn) override;
  Result<int64_t> LastRecordRowid() override;
  Status BeginRead() override;
  Status EndRead() override;

  Frontier& frontier() override { return *frontier_; }
  const std::string& path() const override { return path_; }

 private:
  Status CheckWritable() const;
  // Put() inside a savepoint; the caller releases or rolls it back.
  Result<std::string> PutLocked(PreparedRecord& p);
  // The hash-chain position and value (storage/chain.h) of the record about
  // to be inserted.
  Result<std::pair<int64_t, std::string>> NextChainLink(std::string_view version,
                                                        std::string_view headers_text,
                                                        std::string_view block_sha1);
  Result<Stmt*> Cached(int slot, const char* sql);
  Result<std::optional<Capture>> OneCapture(int slot, const char* sql,
                                            const std::string& key, Micros t);

  std::string path_;
  ArchiveOptions options_;
  std::unique_ptr<WriterLock> lock_;  // null when read-only
  Db db_;
  std::unique_ptr<PayloadStore> payloads_;
  std::unique_ptr<Frontier> frontier_;
  std::vector<std::unique_ptr<Stmt>> stmts_;  // prepared once, by slot
};

// Statement cache slots.
enum StmtSlot {
  kSlotFindId,
  kSlotInsert,
  kSlotGet,
  kSlotHistory,
  kSlotBefore,
  kSlotAfter,
  kSlotByDigest,
  kSlotRefersTo,
  kSlotChainTail,
  kSlotCaptureById,
  kSlotConversionsOf,
  kSlotCaptureSpan,
  kSlotCount,
};

// The capture index columns CaptureFromRow() reads, from column 0.
inline constexpr const char* kCaptureColumns =
    "id, record_id, type, target_uri, surt, date_us, http_status, http_mime, "
    "payload_digest, refers_to";
Capture CaptureFromRow(const Stmt& s);


}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_ARCHIVE_IMPL_H_
