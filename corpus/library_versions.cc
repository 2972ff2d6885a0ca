// corpus::LibraryVersions(): libarchive, as loaded at run time.
#include <archive.h>

#include "corpus/corpus.h"

namespace newsarc::corpus {

std::vector<LibraryVersion> LibraryVersions() {
  // "libarchive 3.6.2": the number only.
  std::string v = archive_version_string();
  if (size_t space = v.rfind(' '); space != std::string::npos) v = v.substr(space + 1);
  return {{"libarchive", v, "tar and zip corpora"}};
}

}  // namespace newsarc::corpus
