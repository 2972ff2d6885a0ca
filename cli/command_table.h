// The command table: every visible command, subcommand, option and example
// of the newsarc binary, read from the CLI11 app the commands registered
// themselves into (cli/command.h). The man pages and the bash and zsh
// completions (`newsarc __generate`, cli/cmd_generate.cc) are all written
// from it, so they say what `--help` says.
#ifndef NEWSARC_CLI_COMMAND_TABLE_H_
#define NEWSARC_CLI_COMMAND_TABLE_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/command.h"

namespace newsarc::cli {

struct OptionEntry {
  std::vector<std::string> names;    // "-q", "--quiet" (short first); empty for positionals
  std::string positional;            // the positional's name ("url"); empty for options
  std::string value;                 // CLI11's value type ("TEXT", "INT:POSITIVE"); "" for flags
  std::vector<std::string> choices;  // the allowed values, when a check lists them
  std::string description;           // may hold several lines
  std::string group;                 // "Options" or a named group
  std::string default_value;         // "" when none
  bool required = false;
  bool repeatable = false;  // may be given more than once / takes several values
};

struct CommandEntry {
  std::vector<std::string> path;  // {} for newsarc itself, {"schedule", "add"}
  std::string description;
  std::vector<OptionEntry> options;      // named options, in registration order
  std::vector<OptionEntry> positionals;  // in order
  std::vector<CommandEntry> subcommands;
  std::vector<Example> examples;
  bool needs_subcommand = false;

  std::string name() const;  // "newsarc", "newsarc schedule add"
};

// Walks `root` (the fully set-up app). Hidden commands and options (CLI11's
// empty group) are left out. help's argument gets the command names as
// choices.
CommandEntry DescribeCommands(const CLI::App& root);

}  // namespace newsarc::cli

#endif  // NEWSARC_CLI_COMMAND_TABLE_H_
