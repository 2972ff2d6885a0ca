#include "cli/version.h"

#include <elf.h>
#include <link.h>

#include <cstdio>
#include <vector>

#include "base/library_version.h"
#include "base/version.h"
#include "cli/build_id.h"  // generated: NEWSARC_BUILD_ID
#include "cluster/cluster.h"
#include "corpus/corpus.h"
#include "extract/extract.h"
#include "storage/storage.h"
#include "web/web.h"

namespace newsarc::cli {
namespace {

// dl_iterate_phdr callback: the main program comes first (empty dlpi_name);
// its PT_NOTE segments hold the NT_GNU_BUILD_ID note the linker wrote.
int FindBuildId(struct dl_phdr_info* info, size_t, void* data) {
  auto* out = static_cast<std::string*>(data);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
    const char* end = p + ph.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
      const char* name = p + sizeof(ElfW(Nhdr));
      const char* desc = name + ((note->n_namesz + 3) & ~3u);
      const char* next = desc + ((note->n_descsz + 3) & ~3u);
      if (next > end) break;
      if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 &&
          std::string_view(name, 3) == "GNU") {
        static const char kHex[] = "0123456789abcdef";
        for (unsigned j = 0; j < note->n_descsz; ++j) {
          unsigned char c = static_cast<unsigned char>(desc[j]);
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        }
        return 1;
      }
      p = next;
    }
  }
  return 1;  // only the first object (the program) is looked at
}

}  // namespace

std::string GnuBuildId() {
  std::string id;
  dl_iterate_phdr(FindBuildId, &id);
  return id;
}

std::string VersionText() {
  std::string text = "newsarc " NEWSARC_VERSION "\n";
  std::string gnu = GnuBuildId();
  text += "build " NEWSARC_BUILD_ID;
  if (!gnu.empty()) text += ", GNU build-id " + gnu;
  text += "\n";
  std::vector<LibraryVersion> libs = LibraryVersions();
  for (auto* more : {&storage::LibraryVersions, &extract::LibraryVersions,
                     &corpus::LibraryVersions, &web::LibraryVersions,
                     &cluster::LibraryVersions}) {
    std::vector<LibraryVersion> v = more();
    libs.insert(libs.end(), v.begin(), v.end());
  }
  for (const LibraryVersion& lib : libs) {
    char line[256];
    std::snprintf(line, sizeof line, "%-11s %-10s%s%s%s\n", lib.name.c_str(), lib.version.c_str(),
                  lib.note.empty() ? "" : " (", lib.note.c_str(), lib.note.empty() ? "" : ")");
    text += line;
  }
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace newsarc::cli
