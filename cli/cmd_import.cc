// newsarc import FILE.warc[.gz]... --archive A.db: reads WARC files into the
// archive (storage/importer.h). WARC/0.17, WARC/0.18 and ARC (.arc,
// .arc.gz) files are converted to WARC/1.1 records on the way; the lines
// after a file's line say so ("  converted 12 WARC/0.18 records to
// WARC/1.1", "  read ARC/1.0: 5 records, converted to WARC/1.1"), and
// repairs made to damaged ARC records are warnings on stderr.
//
// Prints one line per file ("imported N records from F (D duplicates
// skipped, R rejected)") and, for a damaged file, "imported N records from
// F before error at offset X: ..." on stderr; the records before the damage
// stay imported and the remaining files are still imported. Exit 0 when
// every file was read cleanly and every record stored, 1 otherwise, 130
// after Ctrl-C (everything read so far is committed).
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/progress.h"
#include "cli/command.h"
#include "storage/storage.h"

namespace newsarc::cli {
namespace {

struct Options {
  std::string archive;
  std::vector<std::string> files;
  int64_t batch = 2000;
};

void PrintFileResult(const storage::ImportFileResult& r) {
  std::string counts = " (" + std::to_string(r.duplicates) + " duplicates skipped, " +
                       std::to_string(r.rejected) + " rejected)";
  if (!r.damage.ok()) {
    std::fprintf(stderr, "newsarc: imported %lld records from %s before error%s: %s\n",
                 static_cast<long long>(r.imported), r.file.c_str(), counts.c_str(),
                 r.damage.message().c_str());
  } else {
    std::printf("imported %lld records from %s%s\n", static_cast<long long>(r.imported),
                r.file.c_str(), counts.c_str());
  }
  // What came from older formats, and what the reader repaired on the way.
  for (const auto& [format, count] : r.converted) {
    if (format.rfind("ARC/", 0) == 0) {
      std::printf("  read %s: %lld records, converted to WARC/1.1\n", format.c_str(),
                  static_cast<long long>(count));
    } else if (format.rfind("WARC/", 0) == 0) {
      std::printf("  converted %lld %s records to WARC/1.1\n", static_cast<long long>(count),
                  format.c_str());
    } else {
      std::printf("  accepted %lld records with a %s\n", static_cast<long long>(count),
                  format.c_str());
    }
  }
  for (const std::string& w : r.warnings) {
    std::fprintf(stderr, "newsarc: %s: warning: %s\n", r.file.c_str(), w.c_str());
  }
  if (static_cast<size_t>(r.warning_count) > r.warnings.size()) {
    std::fprintf(stderr, "newsarc: %s: ... and %lld more warnings\n", r.file.c_str(),
                 static_cast<long long>(r.warning_count -
                                        static_cast<int64_t>(r.warnings.size())));
  }
  for (const std::string& why : r.rejections) {
    std::fprintf(stderr, "newsarc: %s: record rejected at %s\n", r.file.c_str(), why.c_str());
  }
  if (static_cast<size_t>(r.rejected) > r.rejections.size()) {
    std::fprintf(stderr, "newsarc: %s: ... and %lld more rejected records\n", r.file.c_str(),
                 static_cast<long long>(r.rejected - static_cast<int64_t>(r.rejections.size())));
  }
}

int Run(const Options& o) {
  InstallInterruptHandler();
  storage::ArchiveOptions aopts;
  aopts.holder = "import";
  auto archive = storage::Archive::Open(o.archive, aopts);
  if (!archive.ok()) return ReportError(archive.status());

  uint64_t total_bytes = 0;
  for (const std::string& file : o.files) {
    std::error_code ec;
    uint64_t size = std::filesystem::file_size(file, ec);
    if (!ec) total_bytes += size;
  }
  // Progress in file bytes (compressed bytes for .gz) over all files.
  Progress progress("import", total_bytes, Progress::StderrIsTerminal());
  uint64_t bytes_before = 0;
  storage::ImportOptions iopts;
  iopts.batch_records = o.batch;
  iopts.interrupted = [] { return InterruptRequested(); };
  int64_t total_imported = 0, total_dups = 0, total_rejected = 0, damaged = 0;
  bool interrupted = false;
  for (const std::string& file : o.files) {
    iopts.progress = [&](uint64_t bytes) {
      progress.Update(bytes_before + bytes, file);
    };
    auto result = storage::ImportWarcFile(**archive, file, iopts);
    if (!result.ok()) {
      progress.Finish();
      return ReportError(result.status().WithContext("import " + file));
    }
    bytes_before += result->bytes;
    PrintFileResult(*result);
    total_imported += result->imported;
    total_dups += result->duplicates;
    total_rejected += result->rejected;
    if (!result->damage.ok()) ++damaged;
    if (result->interrupted) {
      interrupted = true;
      break;
    }
  }
  progress.Finish();
  std::printf("import: %lld records imported, %lld duplicates skipped, %lld rejected, "
              "%lld of %zu files damaged\n",
              static_cast<long long>(total_imported), static_cast<long long>(total_dups),
              static_cast<long long>(total_rejected), static_cast<long long>(damaged),
              o.files.size());
  if (interrupted) {
    std::fprintf(stderr, "newsarc: import interrupted; %lld records committed\n",
                 static_cast<long long>(total_imported));
    return kExitInterrupted;
  }
  return damaged > 0 || total_rejected > 0 ? kExitFailure : kExitOk;
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  CLI::App* sub = root.add_subcommand(
      "import", "Import WARC files (WARC/1.0 or 1.1, plain or gzip; WARC/0.17, 0.18 and ARC "
      "files are converted to WARC/1.1) into the archive");
  sub->add_option("files", opts->files, "WARC or ARC files (.warc, .warc.gz, .arc, .arc.gz)")
      ->required();
  sub->add_option("--archive", opts->archive, "Archive file (created when missing)")->required();
  sub->add_option("--batch", opts->batch, "Records per transaction")
      ->default_val(2000)
      ->check(CLI::PositiveNumber);
  SetExamples(sub, {
      {"newsarc import crawl.warc.gz --archive news.db",
       "WARC 1.0/1.1 from wget, Heritrix, warcio, newsarc"},
      {"newsarc import IA-001102.arc.gz clueweb09.warc.gz --archive old.db",
       "ARC v1/v2 and WARC/0.17, 0.18 files, converted to WARC/1.1"},
  });
  sub->callback([opts] { SetExitCode(Run(*opts)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
