// Versions of the third-party libraries a module links, for `newsarc
// --version` and bug reports.
//
// Each module that links a library privately reports it through its face
// (storage::LibraryVersions(), extract::LibraryVersions(), ...), so the
// caller never includes that library's headers. Versions are the ones loaded
// at run time where the library can say (curl_version_info,
// sqlite3_libversion, ...); otherwise the one found at build time, with
// `note` saying so.
#ifndef NEWSARC_BASE_LIBRARY_VERSION_H_
#define NEWSARC_BASE_LIBRARY_VERSION_H_

#include <string>
#include <vector>

namespace newsarc {

struct LibraryVersion {
  std::string name;     // "libcurl", "SQLite", ...
  std::string version;  // "7.88.1"
  std::string note;     // e.g. "OpenSSL/3.0.15" or "at build time"; may be empty
};

// The libraries base links: libcurl (with its TLS library) and OpenSSL.
std::vector<LibraryVersion> LibraryVersions();

}  // namespace newsarc

#endif  // NEWSARC_BASE_LIBRARY_VERSION_H_
