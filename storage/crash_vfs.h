// A pass-through SQLite VFS with crash points on every write and sync, so a
// test can kill a writer between the WAL frames of one commit or halfway
// through a checkpoint (see base/crash_point.h). Installed, as the default
// VFS, only when NEWSARC_TEST_CRASH_AT names "sqlite.write" or "sqlite.sync".
#ifndef NEWSARC_STORAGE_CRASH_VFS_H_
#define NEWSARC_STORAGE_CRASH_VFS_H_

namespace newsarc::storage {

// Idempotent and thread-safe; does nothing unless armed.
void InstallCrashVfsIfArmed();

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_CRASH_VFS_H_
