// newsarc export --format FORMAT --out PATH --archive A.db: writes the
// archive out in another format.
//
// Record formats are a table (kFormats below): each maps a name to a
// function taking the archive and storage::ExportOptions; adding one is a
// row and its storage/ function.
//   warc  WARC/1.1, one gzip member per record; --out DIR (files rotated at
//         --max-size, named PREFIX-TIMESTAMP-SERIAL-HOST.warc.gz, plus
//         DIR/index.cdxj) or --out FILE.warc.gz (one file, plus FILE.cdxj).
// Article (corpus) formats -- jsonl, csv, txt, md, tar, zip, wacz, and warc
// --articles-only -- and their filter options come from cli/export_corpus.h
// and are dispatched to it first.
// Existing output is refused unless --force. Exit 0 ok, 1 failure, 2 usage,
// 130 interrupted (files written so far are complete and indexed).
#include <cstdio>
#include <memory>
#include <string>

#include "base/progress.h"
#include "base/strings.h"
#include "base/version.h"
#include "cli/command.h"
#include "cli/export_corpus.h"
#include "storage/storage.h"

namespace newsarc::cli {
namespace {

using ExportFn = Result<storage::ExportResult> (*)(storage::Archive&,
                                                   const storage::ExportOptions&);

struct Format {
  const char* name;
  const char* description;
  ExportFn run;
};

constexpr Format kFormats[] = {
    {"warc", "WARC/1.1, gzip per record, with a CDXJ index", &storage::ExportWarc},
};

struct Options {
  std::string archive;
  std::string format = "warc";
  std::string out;
  std::string max_size = "1G";
  bool force = false;
  bool no_index = false;
};

// "1G", "500M", "64k", "12345" (decimal units, as in "1 GB").
bool ParseSize(const std::string& text, uint64_t* bytes) {
  if (text.empty()) return false;
  uint64_t mult = 1;
  std::string digits = text;
  switch (text.back()) {
    case 'k': case 'K': mult = 1000; digits.pop_back(); break;
    case 'm': case 'M': mult = 1000 * 1000; digits.pop_back(); break;
    case 'g': case 'G': mult = 1000 * 1000 * 1000; digits.pop_back(); break;
    default: break;
  }
  if (digits.empty() || digits.size() > 12) return false;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
  }
  *bytes = std::stoull(digits) * mult;
  return *bytes > 0;
}

int Run(const Options& o, const CorpusExportFlags& corpus) {
  if (IsCorpusFormat(o.format, corpus)) {
    return RunCorpusExport(o.archive, o.format, o.out, o.force, corpus);
  }
  const Format* format = nullptr;
  std::string known;
  for (const Format& f : kFormats) {
    if (o.format == f.name) format = &f;
    known += std::string(known.empty() ? "" : ", ") + f.name;
  }
  if (format == nullptr) {
    return ReportError(Status::InvalidArgument("export --format " + o.format,
                                               "unknown format (known: " + known +
                                                   ", and the article formats in --help)"));
  }
  storage::ExportOptions eopts;
  eopts.out = o.out;
  eopts.force = o.force;
  eopts.write_index = !o.no_index;
  if (!ParseSize(o.max_size, &eopts.max_file_bytes)) {
    return ReportError(Status::InvalidArgument("export --max-size " + o.max_size,
                                               "expected a size like 1G, 500M or 100000"));
  }
  InstallInterruptHandler();
  auto archive = storage::Archive::Open(o.archive, {.read_only = true});
  if (!archive.ok()) return ReportError(archive.status().WithContext("export"));
  auto stats = (*archive)->Stats();
  uint64_t total = stats.ok() ? static_cast<uint64_t>(stats->records) : 0;
  eopts.info_fields = {{"description", "newsarc export of " + (*archive)->path()}};

  Progress progress("export", total, Progress::StderrIsTerminal());
  eopts.progress = [&](int64_t n) { progress.Update(static_cast<uint64_t>(n)); };
  eopts.interrupted = [] { return InterruptRequested(); };
  auto result = format->run(**archive, eopts);
  progress.Finish();
  if (!result.ok()) return ReportError(result.status().WithContext("export"));
  for (const std::string& f : result->files) std::printf("wrote %s\n", f.c_str());
  if (!result->index_path.empty()) {
    std::printf("wrote %s (%lld CDXJ lines)\n", result->index_path.c_str(),
                static_cast<long long>(result->index_lines));
  }
  std::printf("export: %lld records, %zu files, %s\n", static_cast<long long>(result->records),
              result->files.size(), HumanBytes(static_cast<double>(result->bytes)).c_str());
  if (result->interrupted) {
    std::fprintf(stderr, "newsarc: export interrupted after %lld records; the files written "
                         "are complete\n", static_cast<long long>(result->records));
    return kExitInterrupted;
  }
  return kExitOk;
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  auto corpus = std::make_shared<CorpusExportFlags>();
  CLI::App* sub = root.add_subcommand(
      "export", "Write the archive out: WARC files with a CDXJ index, or an article corpus");
  std::string formats;
  for (const Format& f : kFormats) formats += std::string("\n  ") + f.name + ": " + f.description;
  formats += CorpusFormatsHelp();
  sub->add_option("--format", opts->format, "Output format:" + formats)->default_val("warc");
  sub->add_option("--out", opts->out,
                  "Output: a directory or one FILE.warc.gz (warc); a file (article formats)")
      ->required();
  sub->add_option("--archive", opts->archive, "Archive file")->required();
  sub->add_option("--max-size", opts->max_size, "Rotate output files at this size (directories)")
      ->default_val("1G");
  sub->add_flag("--force", opts->force, "Replace existing output");
  sub->add_flag("--no-index", opts->no_index, "Do not write the CDXJ index (warc)");
  AddCorpusExportOptions(sub, corpus.get());
  SetExamples(sub, {
      {"newsarc export --archive news.db --format jsonl --out corpus.jsonl --dedup near",
       "an article corpus"},
      {"newsarc export --archive news.db --format warc --out warc/", "WARC files + index.cdxj"},
  });
  sub->callback([opts, corpus] { SetExitCode(Run(*opts, *corpus)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
