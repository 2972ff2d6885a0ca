#include "storage/attest.h"

#include "storage/archive_impl.h"

namespace newsarc::storage {

Result<ChainHead> ReadChainHead(const std::string& path) {
  Result<Db> db = OpenArchiveDb(path, /*read_only=*/true, /*create=*/false);
  if (!db.ok()) return db.status();
  Result<Stmt> q = db->Prepare("SELECT record_id, chain_seq, chain FROM records "
                               "ORDER BY id DESC LIMIT 1");
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  ChainHead head{0, ChainGenesis()};
  if (!*row) return head;
  if (q->IsNull(1) || q->Blob(2).size() != kChainBytes) {
    return Status::Corrupt("attest " + path, "the last record " + std::string(q->Text(0)) +
                                                 " has no hash-chain value");
  }
  head.count = q->Int(1);
  head.value = std::string(q->Blob(2));
  return head;
}

}  // namespace newsarc::storage
