// Fuzzes the WARC reader (plain and gzip, through WarcInput) and, for each
// record it returns, the CDXJ line and SURT key an index would hold.
// Input: the bytes of a WARC file.
//
// WarcReader reads a path, so the input goes into a memfd (no disk I/O,
// nothing left behind) that the reader opens through /proc/self/fd.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "fuzz_input.h"
#include "storage/warc/cdxj.h"
#include "storage/warc/surt.h"
#include "storage/warc/warc_reader.h"

namespace {

// One memfd for the whole run, rewritten for each input.
int InputFd() {
  static const int fd = [] {
    int f = memfd_create("warc_reader_fuzzer", 0);
    if (f < 0) {
      std::perror("memfd_create");
      std::abort();
    }
    return f;
  }();
  return fd;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace st = newsarc::storage;
  int fd = InputFd();
  NEWSARC_FUZZ_CHECK(ftruncate(fd, 0) == 0);
  size_t done = 0;
  while (done < size) {
    ssize_t n = pwrite(fd, data + done, size - done, static_cast<off_t>(done));
    NEWSARC_FUZZ_CHECK(n > 0);
    done += static_cast<size_t>(n);
  }
  auto reader = st::WarcReader::Open("/proc/self/fd/" + std::to_string(fd));
  if (!reader.ok()) return 0;
  st::WarcRecord record;
  st::WarcRecordLocation location;
  // A record needs at least a version line, so there are fewer records than
  // bytes; the bound turns a reader that stops advancing into a crash.
  for (size_t i = 0; i <= size; ++i) {
    auto next = reader.value()->Next(&record, &location);
    if (!next.ok() || !next.value()) return 0;
    (void)st::CdxjLine(record, "fuzz.warc", location.offset, location.length);
    (void)st::SurtKey(record.target_uri());
  }
  NEWSARC_FUZZ_CHECK(false && "reader returned more records than input bytes");
  return 0;
}
