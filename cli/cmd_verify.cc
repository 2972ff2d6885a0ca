// `newsarc verify --archive A.db [--head VALUE]`: recompute every block and
// payload digest, check every reference (revisit -> original, conversion ->
// response) and the hash chain, find orphaned payloads, and run SQLite's
// integrity check (storage/verify.h). With --head (from `newsarc attest`),
// also prove the archive still extends that head.
//
// Prints one line per problem on stdout ("<record id>: <problem>", or
// "archive: <problem>"), then a summary line, then the chain head (or the
// first record that breaks the chain). Exit 0 when clean, 1 on any problem,
// 2 for a malformed --head, 130 on Ctrl-C (nothing is written, so stopping is
// always safe).
#include <cinttypes>
#include <cstdio>
#include <memory>
#include <string>

#include "base/progress.h"
#include "base/strings.h"
#include "base/time.h"
#include "cli/command.h"
#include "storage/storage.h"

namespace newsarc::cli {
namespace {

struct Options {
  std::string archive;
  std::string head;
};

int Run(const Options& o) {
  InstallInterruptHandler();
  // Created on the first callback, when the record count is known.
  std::unique_ptr<Progress> progress;
  storage::VerifyOptions vo;
  vo.progress = [&progress](uint64_t done, uint64_t total) {
    if (!progress) {
      progress = std::make_unique<Progress>("verify", total, Progress::StderrIsTerminal());
    }
    progress->Update(done, "records");
  };
  vo.cancelled = [] { return InterruptRequested(); };
  if (!o.head.empty()) {
    auto head = storage::ParseChainHead(o.head);
    if (!head.ok()) {
      ReportError(head.status().WithContext("verify --head"));
      return kExitUsage;
    }
    vo.head = *head;
  }
  const Micros start = NowMicros();
  auto report = storage::VerifyArchive(o.archive, vo);
  if (progress) progress->Finish();
  if (!report.ok()) return ReportError(report.status().WithContext("verify"));
  for (const auto& p : report->problems) {
    std::printf("%s: %s\n", p.record_id.empty() ? "archive" : p.record_id.c_str(),
                p.problem.c_str());
  }
  double secs = static_cast<double>(NowMicros() - start) / 1e6;
  double rate = secs > 0 ? static_cast<double>(report->bytes) / secs : 0;
  std::string verdict =
      report->interrupted ? "INTERRUPTED"
                          : (report->problems.empty()
                                 ? "OK"
                                 : std::to_string(report->problems.size()) + " problem" +
                                       (report->problems.size() == 1 ? "" : "s"));
  std::printf("verify %s: %" PRId64 " records, %" PRId64 " payloads, %s checked in %.1f s "
              "(%s/s): %s\n",
              o.archive.c_str(), report->records, report->payloads,
              HumanBytes(static_cast<double>(report->bytes)).c_str(), secs,
              HumanBytes(rate).c_str(), verdict.c_str());
  if (!report->interrupted) {
    if (report->chain_breaks > 0) {
      std::printf("hash chain: BROKEN at %lld record%s; first bad record %s\n",
                  static_cast<long long>(report->chain_breaks),
                  report->chain_breaks == 1 ? "" : "s", report->first_chain_break.c_str());
    } else {
      std::printf("hash chain: intact, head %s\n", report->chain_head.ToString().c_str());
    }
    if (report->head_checked) {
      std::printf("attested head: extended (%s)\n", o.head.c_str());
    }
  }
  std::fflush(stdout);
  if (report->interrupted) return kExitInterrupted;
  return report->problems.empty() ? kExitOk : kExitFailure;
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  CLI::App* sub = root.add_subcommand(
      "verify",
      "Recompute every block and payload digest, check revisit and conversion references, "
      "the hash chain, orphaned payloads and SQLite integrity; exit 1 on any problem");
  sub->add_option("--archive", opts->archive, "Archive file")->required();
  sub->add_option("--head", opts->head,
                  "A head printed earlier by `newsarc attest`: fail unless the archive still "
                  "extends it");
  SetExamples(sub, {
      {"newsarc verify --archive news.db", "every digest and the hash chain"},
      {"newsarc verify --archive news.db --head newsarc-chain:v1:1200:3f9a...",
       "a head `newsarc attest` printed earlier"},
  });
  sub->callback([opts] { SetExitCode(Run(*opts)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
