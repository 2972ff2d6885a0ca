// The archive's on-disk identity and schema (see storage/FORMAT.md).
//
// A newsarc archive is an SQLite file whose `PRAGMA application_id` is
// kApplicationId and whose `PRAGMA user_version` is the schema version.
// Migrations only go forward: version N is reached from N-1 by one step in
// kMigrations, each applied in its own transaction by a writer.
#ifndef NEWSARC_STORAGE_SCHEMA_H_
#define NEWSARC_STORAGE_SCHEMA_H_

#include <cstdint>
#include <string>

#include "base/status.h"
#include "storage/sqlite_db.h"

namespace newsarc::storage {

// "NARC" in ASCII, big-endian, as SQLite stores it at header offset 68.
inline constexpr int32_t kApplicationId = 0x4E415243;
// The schema version this build writes and reads.
inline constexpr int64_t kSchemaVersion = 4;

// Checks that `db` (already opened on `path`) is a newsarc archive this
// build understands and brings it to kSchemaVersion:
//  - an empty database (a zero-byte or new file) is initialised when
//    `writable`, refused otherwise;
//  - another application's SQLite database is refused (InvalidArgument);
//  - a newer schema is refused (Unsupported);
//  - an older schema is migrated when `writable`, refused otherwise.
// Every message names `path`.
Status EnsureSchema(Db& db, const std::string& path, bool writable);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_SCHEMA_H_
