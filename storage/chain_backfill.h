// Schema migration 3: computes the hash chain (storage/chain.h) over the
// records an archive already holds, in archive order. Internal to storage/.
#ifndef NEWSARC_STORAGE_CHAIN_BACKFILL_H_
#define NEWSARC_STORAGE_CHAIN_BACKFILL_H_

#include "base/status.h"
#include "storage/sqlite_db.h"

namespace newsarc::storage {

// Fills records.chain_seq and records.chain for every row, in id order.
// Runs inside the caller's migration transaction. Reads every block (like
// verify), because each link commits to the block's SHA-1. A record that no
// longer decodes stops the migration with Corrupt naming it: chaining over
// damage would certify it.
Status BackfillChain(Db& db);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_CHAIN_BACKFILL_H_
