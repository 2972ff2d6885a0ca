// The current hash-chain head of an archive (`newsarc attest`).
//
// The head names how many records the chain covers and the chain value of
// the last one (storage/chain.h). Published or timestamped elsewhere, it lets
// anyone later prove with `newsarc verify --head` that the archive still
// holds exactly those records, unaltered and in order.
#ifndef NEWSARC_STORAGE_ATTEST_H_
#define NEWSARC_STORAGE_ATTEST_H_

#include <string>

#include "base/status.h"
#include "storage/chain.h"

namespace newsarc::storage {

// Reads the stored head (the last record's position and chain value) without
// recomputing the chain: quick on any archive size. Verify checks it.
// An empty archive has head count 0 and the genesis value. Errors name `path`.
Result<ChainHead> ReadChainHead(const std::string& path);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_ATTEST_H_
