// Subcommand registry for the newsarc binary.
//
// Each cli/cmd_*.cc file registers one subcommand with a file-static
// CommandRegistrar. The setup function adds a CLI11 subcommand to the root
// app (flags -> an options struct) and a callback that calls into a module
// and reports its exit code through SetExitCode(). No logic that a test
// would want to call lives in cli/.
#ifndef NEWSARC_CLI_COMMAND_H_
#define NEWSARC_CLI_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "base/status.h"

namespace newsarc::cli {

// Exit codes shared by every subcommand (also documented in main.cc).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;      // the job ran and found/hit a problem
inline constexpr int kExitUsage = 2;        // bad command line
inline constexpr int kExitInterrupted = 130;  // Ctrl-C; work so far is kept

using CommandSetup = void (*)(CLI::App& root);

// One usage example of a command: shown under "Examples:" at the end of
// `newsarc COMMAND --help` and in the EXAMPLES section of its man page, so
// the two never disagree.
struct Example {
  std::string command;  // "newsarc stats --archive news.db"
  std::string comment;  // what it does, one line; may be empty
};

// Sets the examples of `sub` (a subcommand) and its --help footer.
void SetExamples(CLI::App* sub, std::vector<Example> examples);
// The examples SetExamples() gave `sub`; empty when none.
const std::vector<Example>& ExamplesOf(const CLI::App* sub);

struct CommandRegistrar {
  explicit CommandRegistrar(CommandSetup setup);
};

const std::vector<CommandSetup>& RegisteredCommands();

void SetExitCode(int code);
int ExitCode();

// Prints "newsarc: <message>" to stderr and returns the exit code for it.
int ReportError(const Status& status);

}  // namespace newsarc::cli

#endif  // NEWSARC_CLI_COMMAND_H_
