// newsarc: an archival news crawler.
//
// Usage: newsarc COMMAND [options]; `newsarc help` lists the commands and
// `newsarc COMMAND --help` describes one.
//
// Exit codes:
//   0    success
//   1    the command ran and failed, or found a problem (verify, import of a
//        damaged file); what was done before the failure is kept
//   2    bad command line (unknown command or option, missing argument)
//   130  interrupted with Ctrl-C; work committed so far is kept
#include <algorithm>
#include <cstdio>
#include <string>

#include "base/progress.h"
#include "base/version.h"
#include "cli/command.h"
#include "cli/version.h"

int main(int argc, char** argv) {
  using namespace newsarc::cli;
  CLI::App app{"newsarc " NEWSARC_VERSION
               ": crawl news sites, extract clean articles, archive every "
               "capture in one SQLite WARC archive, and audit its versions.",
               "newsarc"};
  app.set_version_flag("--version,-V", VersionText,
                       "Print the version, build id and library versions, then exit");
  app.require_subcommand(1);
  app.fallthrough(false);

  auto* help = app.add_subcommand("help", "Show the commands, or one command's help");
  std::string help_topic;
  help->add_option("command", help_topic, "Command to describe");

  for (CommandSetup setup : RegisteredCommands()) setup(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kExitUsage;
  }
  if (help->parsed()) {
    if (help_topic.empty()) {
      // app.help() would describe the parsed subcommand ("help" itself).
      std::fputs(app.get_formatter()->make_help(&app, "newsarc", CLI::AppFormatMode::Normal).c_str(),
                 stdout);
      return kExitOk;
    }
    try {
      CLI::App* sub = app.get_subcommand(help_topic);
      std::fputs(sub->get_formatter()->make_help(sub, "newsarc " + help_topic,
                                                 CLI::AppFormatMode::Sub).c_str(),
                 stdout);
    } catch (const CLI::OptionNotFound&) {
      std::fprintf(stderr, "newsarc: help: no command \"%s\"; try `newsarc help`\n",
                   help_topic.c_str());
      return kExitUsage;
    }
    return kExitOk;
  }
  return ExitCode();
}
