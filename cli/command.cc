#include "cli/command.h"

#include <cstdio>

namespace newsarc::cli {
namespace {
std::vector<CommandSetup>& Registry() {
  static std::vector<CommandSetup> registry;
  return registry;
}
int g_exit_code = kExitOk;
}  // namespace

CommandRegistrar::CommandRegistrar(CommandSetup setup) {
  Registry().push_back(setup);
}

const std::vector<CommandSetup>& RegisteredCommands() { return Registry(); }

void SetExitCode(int code) { g_exit_code = code; }
int ExitCode() { return g_exit_code; }

int ReportError(const Status& status) {
  std::fprintf(stderr, "newsarc: %s\n", status.message().c_str());
  if (status.code() == Status::Code::kCancelled) return kExitInterrupted;
  if (status.code() == Status::Code::kInvalidArgument) return kExitUsage;
  return kExitFailure;
}

}  // namespace newsarc::cli
