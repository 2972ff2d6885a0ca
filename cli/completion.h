// Shell completion scripts from the command table: bash (for
// bash-completion's completions/ folder) and zsh (an autoloaded _newsarc
// function). Both complete commands and subcommands, each command's
// options, the values of options whose check lists them (--format json ...)
// and file names elsewhere.
#ifndef NEWSARC_CLI_COMPLETION_H_
#define NEWSARC_CLI_COMPLETION_H_

#include <string>

#include "cli/command_table.h"

namespace newsarc::cli {

std::string BashCompletion(const CommandEntry& table);
std::string ZshCompletion(const CommandEntry& table);

}  // namespace newsarc::cli

#endif  // NEWSARC_CLI_COMPLETION_H_
