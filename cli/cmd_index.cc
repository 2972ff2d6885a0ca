// `newsarc index --archive A.db [--rebuild]`: builds the archive's article
// index (storage/article_index.h), or brings it up to date with what was
// archived since, for `newsarc serve`, `search` and `articles`. Shows a
// progress line on a terminal; Ctrl-C stops after the current batch and a
// later run carries on.
//
// Exit 0 when done, 1 when the archive cannot be read or written, 2 on a
// bad command line, 130 on Ctrl-C.
#include <cstdio>
#include <memory>
#include <string>

#include "audit/audit.h"
#include "base/progress.h"
#include "base/time.h"
#include "cli/command.h"

namespace newsarc::cli {
namespace {

struct Options {
  std::string archive;
  bool rebuild = false;
};

int Run(const Options& o) {
  InstallInterruptHandler();
  std::unique_ptr<Progress> progress;
  audit::IndexOptions io;
  io.rebuild = o.rebuild;
  io.stop = [] { return InterruptRequested(); };
  io.progress = [&](const audit::IndexProgress& p) {
    if (!progress) {
      progress = std::make_unique<Progress>("index", static_cast<uint64_t>(p.urls_total),
                                            Progress::StderrIsTerminal());
    }
    progress->Update(static_cast<uint64_t>(p.urls_done), "URLs");
  };
  const Micros start = NowMicros();
  auto r = audit::UpdateArticleIndex(o.archive, io);
  if (progress) progress->Finish();
  if (!r.ok()) return ReportError(r.status());
  const double secs = static_cast<double>(NowMicros() - start) / 1e6;
  if (r->up_to_date) {
    std::printf("index %s: up to date (records through %lld)\n", o.archive.c_str(),
                static_cast<long long>(r->through));
    return kExitOk;
  }
  std::printf("index %s: %lld URLs, %lld article versions in %.1f s%s\n", o.archive.c_str(),
              static_cast<long long>(r->urls), static_cast<long long>(r->versions), secs,
              r->interrupted ? "; interrupted: run it again to carry on" : "");
  return r->interrupted ? kExitInterrupted : kExitOk;
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  CLI::App* sub = root.add_subcommand(
      "index",
      "Build or update the archive's article index (lists, changes, full-text search) for "
      "serve, search and articles");
  sub->add_option("--archive", opts->archive, "Archive file")->required();
  sub->add_flag("--rebuild", opts->rebuild, "Empty the index and build it again");
  SetExamples(sub, {
      {"newsarc index --archive news.db", "build the index, or add what arrived since"},
      {"newsarc index --archive news.db --rebuild", "from scratch"},
  });
  sub->callback([opts] { SetExitCode(Run(*opts)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
