// Each host's politeness state (host_scheduler.h, SavedHostState) kept in the
// archive next to the frontier, so a crawl killed with SIGKILL and resumed
// (or simply run again) spaces its first requests to a host from the last
// ones it sent, and keeps a learned rate limit or backoff (issue 13).
//
// Stored in the frontier's settings as "politeness.<host>" -> a JSON object
// (storage/FORMAT.md), written in the archive's current transaction. The
// crawl loop saves a host when it hands a request to curl and commits before
// curl sends it, so the saved last start is never older than the last
// request that reached the server.
#ifndef NEWSARC_CRAWLER_POLITENESS_STORE_H_
#define NEWSARC_CRAWLER_POLITENESS_STORE_H_

#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "crawler/host_scheduler.h"
#include "storage/storage.h"

namespace newsarc::crawler {

inline constexpr char kPolitenessSettingPrefix[] = "politeness.";

std::string EncodeSavedHostState(const SavedHostState& state);
// False for text that is not an encoded state (a damaged or foreign value).
bool DecodeSavedHostState(const std::string& text, SavedHostState* state);

Status SaveHostState(storage::Frontier& frontier, const std::string& host,
                     const SavedHostState& state);
// Every saved host; values that do not decode are skipped (a state is a
// courtesy to the server, never a reason to refuse to crawl).
Result<std::vector<std::pair<std::string, SavedHostState>>> LoadHostStates(
    storage::Frontier& frontier);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_POLITENESS_STORE_H_
