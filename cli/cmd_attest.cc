// `newsarc attest --archive A.db`: prints the archive's hash-chain head,
// "newsarc-chain:v1:<records>:<sha256 hex>" (storage/attest.h), on one line
// of stdout so scripts can publish or timestamp it. `newsarc verify --head
// VALUE` later proves the archive still extends it.
//
// Exit 0 on success, 1 when the archive cannot be read, 2 on a bad command
// line.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"
#include "storage/storage.h"

namespace newsarc::cli {
namespace {

struct Options {
  std::string archive;
};

int Run(const Options& o) {
  auto head = storage::ReadChainHead(o.archive);
  if (!head.ok()) return ReportError(head.status().WithContext("attest"));
  std::printf("%s\n", head->ToString().c_str());
  return kExitOk;
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  CLI::App* sub = root.add_subcommand(
      "attest",
      "Print the archive's hash-chain head (newsarc-chain:v1:<records>:<hex>) to publish; "
      "`verify --head` later proves the archive still extends it");
  sub->add_option("--archive", opts->archive, "Archive file")->required();
  SetExamples(sub, {
      {"newsarc attest --archive news.db",
       "print the chain head to publish (newsarc-chain:v1:...)"},
      {"newsarc verify --archive news.db --head newsarc-chain:v1:1200:3f9a...",
       "later: prove the archive still extends it"},
  });
  sub->callback([opts] { SetExitCode(Run(*opts)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
