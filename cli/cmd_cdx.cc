// newsarc cdx --warc FILE... [--archive A.db] [--out INDEX.cdxj]: CDXJ index
// lines for WARC files, byte-sorted, as pywb reads them (storage/warc/cdxj.h).
//
// The index is built by reading the WARC files themselves (offsets and
// lengths of their gzip members), so it is right for any WARC file with one
// gzip member per record, such as those `newsarc export` writes (export
// also writes the same index next to its output). With --archive, each
// indexed record must also be in the archive: a check that the files are
// an export of it. Prints to stdout unless --out. Exit 0 ok, 1 on a damaged
// or unindexable file or a record missing from the archive.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "storage/storage.h"
#include "storage/warc/warc.h"

namespace newsarc::cli {
namespace {

struct Options {
  std::string archive;
  std::vector<std::string> warcs;
  std::string out;
};

// Every record of `path` that has an id must be stored in `archive`.
Status CheckInArchive(storage::Archive& archive, const std::string& path, int64_t* missing) {
  auto reader = storage::WarcReader::Open(path);
  if (!reader.ok()) return reader.status();
  storage::WarcRecord record;
  for (;;) {
    Result<bool> more = (*reader)->Next(&record);
    if (!more.ok()) return more.status();
    if (!*more) return Status();
    // The warcinfo heading an export file is written by export itself.
    if (record.type() == "warcinfo") continue;
    Result<bool> has = archive.Contains(std::string(record.id()));
    if (!has.ok()) return has.status();
    if (!*has) {
      if (++*missing <= 10) {
        std::fprintf(stderr, "newsarc: cdx: %s: record %s is not in %s\n", path.c_str(),
                     std::string(record.id()).c_str(), archive.path().c_str());
      }
    }
  }
}

int Run(const Options& o) {
  if (o.warcs.empty()) {
    return ReportError(Status::InvalidArgument(
        "cdx", "give the WARC files to index with --warc (the index is read from the files; "
               "`newsarc export` also writes one next to its output)"));
  }
  std::unique_ptr<storage::Archive> archive;
  if (!o.archive.empty()) {
    auto opened = storage::Archive::Open(o.archive, {.read_only = true});
    if (!opened.ok()) return ReportError(opened.status().WithContext("cdx"));
    archive = std::move(*opened);
  }
  std::vector<std::string> lines;
  int64_t missing = 0;
  for (const std::string& warc : o.warcs) {
    Status s = storage::IndexWarcFile(warc, &lines);
    if (!s.ok()) return ReportError(s.WithContext("cdx"));
    if (archive) {
      s = CheckInArchive(*archive, warc, &missing);
      if (!s.ok()) return ReportError(s.WithContext("cdx"));
    }
  }
  if (missing > 0) {
    return ReportError(Status::NotFound("cdx", std::to_string(missing) +
                                                   " records of the WARC files are not in the archive"));
  }
  storage::SortCdxjLines(&lines);
  if (!o.out.empty()) {
    Status s = storage::WriteCdxjFile(o.out, lines);
    if (!s.ok()) return ReportError(s.WithContext("cdx"));
    std::fprintf(stderr, "wrote %zu lines to %s\n", lines.size(), o.out.c_str());
    return kExitOk;
  }
  for (const std::string& line : lines) {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
  }
  return std::fflush(stdout) == 0 ? kExitOk : kExitFailure;
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  CLI::App* sub = root.add_subcommand(
      "cdx", "CDXJ index (pywb) of WARC files, e.g. those `newsarc export` wrote");
  sub->add_option("--warc", opts->warcs, "WARC files to index (one gzip member per record)")
      ;
  sub->add_option("--archive", opts->archive,
                  "Archive the files were exported from (checks every record is in it)");
  sub->add_option("--out", opts->out, "Write the index here instead of stdout");
  SetExamples(sub, {
      {"newsarc cdx --warc warc/*.warc.gz --archive news.db --out index.cdxj",
       "index WARC files, checking each record is in the archive"},
  });
  sub->callback([opts] { SetExitCode(Run(*opts)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
