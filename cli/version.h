// `newsarc --version`: what this binary is and what it runs on.
#ifndef NEWSARC_CLI_VERSION_H_
#define NEWSARC_CLI_VERSION_H_

#include <string>

namespace newsarc::cli {

// Several lines: "newsarc 0.1.0", the build (git describe at build time and
// the binary's GNU build-id, which names its split debug file), then one
// line per library with its version: libcurl, OpenSSL, SQLite, zstd, zlib,
// Gumbo, ICU, uchardet, libarchive.
std::string VersionText();

// The GNU build-id of the running binary in hex, or "" when it has none.
std::string GnuBuildId();

}  // namespace newsarc::cli

#endif  // NEWSARC_CLI_VERSION_H_
