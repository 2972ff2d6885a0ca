#include "storage/crash_vfs.h"

#include <sqlite3.h>

#include <cstring>
#include <mutex>

#include "base/crash_point.h"

namespace newsarc::storage {
namespace {

// Our file object: SQLite allocates szOsFile bytes; the real VFS's file
// lives right after ours.
struct ShimFile {
  sqlite3_file base;
  sqlite3_file* real;
};

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_shim;

sqlite3_file* Real(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f)->real; }

int Close(sqlite3_file* f) { return Real(f)->pMethods->xClose(Real(f)); }
int Read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
  return Real(f)->pMethods->xRead(Real(f), buf, n, off);
}
int Write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
  CrashPoint("sqlite.write");
  return Real(f)->pMethods->xWrite(Real(f), buf, n, off);
}
int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  return Real(f)->pMethods->xTruncate(Real(f), size);
}
int Sync(sqlite3_file* f, int flags) {
  CrashPoint("sqlite.sync");
  return Real(f)->pMethods->xSync(Real(f), flags);
}
int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int Lock(sqlite3_file* f, int level) { return Real(f)->pMethods->xLock(Real(f), level); }
int Unlock(sqlite3_file* f, int level) { return Real(f)->pMethods->xUnlock(Real(f), level); }
int CheckReservedLock(sqlite3_file* f, int* out) {
  return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
}
int FileControl(sqlite3_file* f, int op, void* arg) {
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int SectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int DeviceCharacteristics(sqlite3_file* f) {
  return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
}
int ShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), page, size, extend, out);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShmUnmap(sqlite3_file* f, int remove) { return Real(f)->pMethods->xShmUnmap(Real(f), remove); }
int Fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** out) {
  return Real(f)->pMethods->xFetch(Real(f), off, n, out);
}
int Unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
  return Real(f)->pMethods->xUnfetch(Real(f), off, p);
}

const sqlite3_io_methods kMethods = {
    3,          Close,      Read,        Write,    Truncate,   Sync,       FileSize,
    Lock,       Unlock,     CheckReservedLock,     FileControl, SectorSize, DeviceCharacteristics,
    ShmMap,     ShmLock,    ShmBarrier,  ShmUnmap, Fetch,      Unfetch,
};

int Open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  auto* shim = reinterpret_cast<ShimFile*>(file);
  shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
  int rc = g_real->xOpen(g_real, name, shim->real, flags, out_flags);
  // SQLite calls xClose only when pMethods is set: leave it null on failure.
  // The unix VFS's methods are version 3, like ours.
  shim->base.pMethods = rc == SQLITE_OK && shim->real->pMethods != nullptr ? &kMethods : nullptr;
  return rc;
}

}  // namespace

void InstallCrashVfsIfArmed() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!CrashPointArmed("sqlite.")) return;
    g_real = sqlite3_vfs_find(nullptr);
    if (g_real == nullptr) return;
    // Everything but xOpen (and the file size) is the real VFS's own; its
    // pAppData stays, so its other methods work when handed our struct.
    std::memcpy(&g_shim, g_real, sizeof g_shim);
    g_shim.szOsFile = static_cast<int>(sizeof(ShimFile)) + g_real->szOsFile;
    g_shim.zName = "newsarc-crash";
    g_shim.xOpen = Open;
    g_shim.pNext = nullptr;
    sqlite3_vfs_register(&g_shim, 1);
  });
}

}  // namespace newsarc::storage
