// storage::LibraryVersions(): SQLite, zstd and zlib as loaded at run time.
#include <sqlite3.h>
#include <zlib.h>
#include <zstd.h>

#include "storage/storage.h"

namespace newsarc::storage {

std::vector<LibraryVersion> LibraryVersions() {
  return {
      {"SQLite", sqlite3_libversion(), "the archive"},
      {"zstd", ZSTD_versionString(), "payload compression"},
      {"zlib", zlibVersion(), "gzip WARC members"},
  };
}

}  // namespace newsarc::storage
