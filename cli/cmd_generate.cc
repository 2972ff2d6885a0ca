// `newsarc __generate man|bash|zsh [--out PATH] [--date YYYY-MM-DD]`: the
// manual pages and the shell completions, written from the command table
// (cli/command_table.h) so they never drift from `--help`. Hidden from
// `newsarc help`: the build runs it (cli/CMakeLists.txt) and installs what it
// writes.
//
//   man:  newsarc.1 and newsarc-COMMAND.1 into the directory --out
//         (required; created when missing; other newsarc*.1 files there are
//         removed, so a dropped command leaves no stale page)
//   bash: the bash-completion script, to --out FILE or stdout
//   zsh:  the _newsarc completion function, to --out FILE or stdout
//
// --date goes in the pages' footer (the build gives the date of the
// release, packaging/changelog's latest entry, so pages are reproducible).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "base/version.h"
#include "cli/command.h"
#include "cli/command_table.h"
#include "cli/completion.h"
#include "cli/man_page.h"

namespace newsarc::cli {
namespace {

struct Options {
  std::string what;
  std::string out;
  std::string date;
};

Status WriteFile(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) return Status::Io("write " + path, std::strerror(errno));
  f << text;
  f.close();
  if (!f) return Status::Io("write " + path, std::strerror(errno));
  return Status();
}

int WriteManPages(const CommandEntry& table, const std::string& dir, const std::string& date) {
  namespace fs = std::filesystem;
  if (dir.empty()) {
    return ReportError(Status::InvalidArgument("__generate man", "give --out DIR"));
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return ReportError(Status::Io("create " + dir, ec.message()));
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("newsarc", 0) == 0 && e.path().extension() == ".1") fs::remove(e.path(), ec);
  }
  for (const ManPage& page : ManPages(table, "newsarc " NEWSARC_VERSION, date)) {
    Status st = WriteFile((fs::path(dir) / page.file).string(), page.text);
    if (!st.ok()) return ReportError(st);
  }
  return kExitOk;
}

int Run(const CLI::App& root, const Options& o) {
  const CommandEntry table = DescribeCommands(root);
  if (o.what == "man") return WriteManPages(table, o.out, o.date);
  const std::string script = o.what == "bash" ? BashCompletion(table) : ZshCompletion(table);
  if (o.out.empty() || o.out == "-") {
    std::fwrite(script.data(), 1, script.size(), stdout);
    return std::fflush(stdout) == 0 ? kExitOk : kExitFailure;
  }
  Status st = WriteFile(o.out, script);
  return st.ok() ? kExitOk : ReportError(st);
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  CLI::App* sub = root.add_subcommand(
      "__generate", "Write the man pages (man) or a shell completion (bash, zsh)");
  sub->group("");  // hidden: for the build, not for users
  sub->add_option("what", opts->what, "man, bash or zsh")
      ->required()
      ->check(CLI::IsMember({"man", "bash", "zsh"}));
  sub->add_option("--out", opts->out, "man: the directory; bash, zsh: the file (default stdout)");
  sub->add_option("--date", opts->date, "man: the date in the page footer (YYYY-MM-DD)");
  const CLI::App* app = &root;
  sub->callback([app, opts] { SetExitCode(Run(*app, *opts)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
