// Manual pages in roff (man(7)) from the command table: newsarc(1) and one
// newsarc-COMMAND(1) per command, a command's subcommands in its page
// (newsarc-schedule(1) holds add, list, remove and run).
//
// Each page has NAME, SYNOPSIS, DESCRIPTION, OPTIONS, EXIT STATUS, FILES,
// EXAMPLES and SEE ALSO. Everything but EXIT STATUS and FILES, which are
// the same for every command and written here, comes from the commands'
// own registration: descriptions, options, defaults and examples.
#ifndef NEWSARC_CLI_MAN_PAGE_H_
#define NEWSARC_CLI_MAN_PAGE_H_

#include <string>
#include <utility>
#include <vector>

#include "cli/command_table.h"

namespace newsarc::cli {

struct ManPage {
  std::string file;  // "newsarc.1", "newsarc-crawl.1"
  std::string text;  // roff
};

// `date` goes in the page footer (may be empty); `version` is "newsarc 0.1.0".
std::vector<ManPage> ManPages(const CommandEntry& table, const std::string& version,
                              const std::string& date);

}  // namespace newsarc::cli

#endif  // NEWSARC_CLI_MAN_PAGE_H_
