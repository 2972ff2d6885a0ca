// extract::LibraryVersions(): Gumbo, ICU and uchardet.
//
// Neither Gumbo nor uchardet has a run-time version query: their versions
// are the ones pkg-config reported when the build was configured
// (NEWSARC_GUMBO_VERSION, NEWSARC_UCHARDET_VERSION, set in
// extract/CMakeLists.txt). ICU's is the loaded library's (u_getVersion).
#include <unicode/uversion.h>

#include "extract/extract.h"

namespace newsarc::extract {

std::vector<LibraryVersion> LibraryVersions() {
  UVersionInfo info;
  u_getVersion(info);
  char icu[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(info, icu);
  return {
      {"Gumbo", NEWSARC_GUMBO_VERSION, "at build time: Gumbo has no run-time version query"},
      {"ICU", icu, "charset conversion"},
      {"uchardet", NEWSARC_UCHARDET_VERSION, "at build time"},
  };
}

}  // namespace newsarc::extract
