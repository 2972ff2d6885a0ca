#include "cli/command.h"

#include <cstdio>
#include <map>
#include <utility>

namespace newsarc::cli {
namespace {
std::vector<CommandSetup>& Registry() {
  static std::vector<CommandSetup> registry;
  return registry;
}
int g_exit_code = kExitOk;
std::map<const CLI::App*, std::vector<Example>>& ExampleTable() {
  static std::map<const CLI::App*, std::vector<Example>> table;
  return table;
}
}  // namespace

CommandRegistrar::CommandRegistrar(CommandSetup setup) {
  Registry().push_back(setup);
}

const std::vector<CommandSetup>& RegisteredCommands() { return Registry(); }

void SetExamples(CLI::App* sub, std::vector<Example> examples) {
  std::string footer = "Examples:";
  for (const Example& e : examples) {
    footer += "\n  " + e.command;
    if (!e.comment.empty()) footer += "\n      " + e.comment;
  }
  sub->footer(footer);
  ExampleTable()[sub] = std::move(examples);
}

const std::vector<Example>& ExamplesOf(const CLI::App* sub) {
  static const std::vector<Example> kNone;
  auto it = ExampleTable().find(sub);
  return it == ExampleTable().end() ? kNone : it->second;
}

void SetExitCode(int code) { g_exit_code = code; }
int ExitCode() { return g_exit_code; }

int ReportError(const Status& status) {
  std::fprintf(stderr, "newsarc: %s\n", status.message().c_str());
  if (status.code() == Status::Code::kCancelled) return kExitInterrupted;
  if (status.code() == Status::Code::kInvalidArgument) return kExitUsage;
  return kExitFailure;
}

}  // namespace newsarc::cli
