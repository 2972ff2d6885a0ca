#include "storage/chain_backfill.h"

#include <vector>

#include "base/digest.h"
#include "storage/archive_impl.h"
#include "storage/chain.h"
#include "storage/payload_store.h"

namespace newsarc::storage {

Status BackfillChain(Db& db) {
  // Batches by id: rows are updated only after the reading statement is
  // reset, because changing a table under a pending scan of it is undefined.
  Result<Stmt> q = db.Prepare(std::string("SELECT r.id, ") + kStoredRecordColumns +
                              " FROM records r LEFT JOIN payloads p ON p.id = r.payload_id "
                              "WHERE r.id > ?1 ORDER BY r.id LIMIT 5000");
  if (!q.ok()) return q.status();
  Result<Stmt> update = db.Prepare("UPDATE records SET chain_seq = ?1, chain = ?2 WHERE id = ?3");
  if (!update.ok()) return update.status();
  std::string chain = ChainGenesis();
  int64_t position = 0, last_id = 0;
  struct Link {
    int64_t rowid, position;
    std::string chain;
  };
  std::vector<Link> batch;
  do {
    batch.clear();
    q->Bind(1, last_id);
    for (;;) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      const int64_t rowid = q->Int(0);
      StoredRecordView v = StoredRecordFromRow(*q, 1);
      const std::string what = "chain record " + std::string(v.record_id);
      std::string headers, head;
      Status st = UnpackTexts(v, &headers, &head);
      if (st.ok() && v.payload_missing) st = Status::Corrupt(what, "its payload row is missing");
      Hasher block(DigestAlgorithm::kSha1);
      block.Update(head);
      if (st.ok() && v.has_payload) {
        st = StreamPayload(v.codec, v.data, what,
                           [&](std::string_view piece) { block.Update(piece); });
      }
      if (!st.ok()) {
        q->Reset();
        return st;
      }
      ++position;
      chain = ChainNext(chain, ChainRecordDigest(position, v.version, headers, block.Finish()));
      batch.push_back({rowid, position, chain});
      last_id = rowid;
    }
    q->Reset();
    for (const Link& link : batch) {
      update->Bind(1, link.position).BindBlob(2, link.chain).Bind(3, link.rowid);
      NEWSARC_RETURN_IF_ERROR(update->Run());
    }
  } while (!batch.empty());
  return Status();
}

}  // namespace newsarc::storage
