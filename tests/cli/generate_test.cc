// `newsarc __generate man|bash|zsh`: the man pages and completions cover
// every command `newsarc help` lists (and schedule's subcommands), carry the
// sections a manual needs and the examples `--help` shows, render without
// groff warnings, and the completion scripts parse and complete.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace newsarc {
namespace {

using ::testing::HasSubstr;
using testing::RunNewsarc;
using testing::RunShell;
using testing::ShellQuote;

// The names in the "Subcommands:" list of CLI11's help text.
std::vector<std::string> ListedCommands(const std::string& help_args) {
  testing::CommandResult r = RunNewsarc(help_args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> names;
  std::istringstream in(r.out);
  std::string line;
  bool in_list = false;
  while (std::getline(in, line)) {
    if (line == "Subcommands:") {
      in_list = true;
    } else if (in_list && line.rfind("  ", 0) == 0) {
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
    } else if (in_list && line.empty()) {
      break;
    }
  }
  return names;
}

std::vector<std::string> TopCommands() { return ListedCommands("help"); }

// What roff makes of a command line: dashes and backslashes escaped.
std::string Roff(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '-') {
      out += "\\-";
    } else if (c == '\\') {
      out += "\\e";
    } else {
      out += c;
    }
  }
  return out;
}

// The example command lines under "Examples:" in `newsarc CMD --help`.
std::vector<std::string> HelpExamples(const std::string& command) {
  testing::CommandResult r = RunNewsarc(command + " --help");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> examples;
  std::istringstream in(r.out);
  std::string line;
  bool in_list = false;
  while (std::getline(in, line)) {
    if (line == "Examples:") {
      in_list = true;
    } else if (in_list && line.rfind("  ", 0) == 0 && line.rfind("      ", 0) != 0) {
      examples.push_back(line.substr(2));
    }
  }
  return examples;
}

TEST(GenerateTest, HelpListsTheCommandsAndHidesTheGenerator) {
  std::vector<std::string> commands = TopCommands();
  EXPECT_THAT(commands, ::testing::Contains("crawl"));
  EXPECT_THAT(commands, ::testing::Contains("schedule"));
  EXPECT_THAT(commands, ::testing::Not(::testing::Contains("__generate")));
  EXPECT_GE(commands.size(), 10u);
}

TEST(GenerateTest, ManPagesCoverEveryCommandWithTheirSections) {
  testing::TempDir dir;
  const std::string man = dir.File("man");
  testing::CommandResult r =
      RunNewsarc("__generate man --out " + ShellQuote(man) + " --date 2026-01-02");
  ASSERT_EQ(r.exit_code, 0) << r.err;

  std::set<std::string> expected = {"newsarc.1"};
  const std::string main_page = testing::ReadFile(man + "/newsarc.1");
  for (const std::string& c : TopCommands()) {
    EXPECT_THAT(main_page, HasSubstr("\\fB" + Roff(c) + "\\fR")) << c;
    if (c == "help") continue;  // described in newsarc(1)
    expected.insert("newsarc-" + c + ".1");
  }
  std::set<std::string> written;
  for (const auto& e : std::filesystem::directory_iterator(man)) {
    written.insert(e.path().filename().string());
  }
  EXPECT_EQ(written, expected);

  for (const std::string& page : expected) {
    SCOPED_TRACE(page);
    const std::string text = testing::ReadFile(man + "/" + page);
    const std::string name = page.substr(0, page.size() - 2);
    std::string upper = name;
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    EXPECT_THAT(text, HasSubstr(".TH " + Roff(upper) + " 1 \"2026-01-02\""));
    EXPECT_THAT(text, HasSubstr(".SH NAME\n" + Roff(name) + " \\- "));
    for (const char* section : {".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS",
                                ".SH EXIT STATUS", ".SH FILES", ".SH EXAMPLES", ".SH SEE ALSO"}) {
      EXPECT_THAT(text, HasSubstr(section));
    }
    for (const char* code : {".B 0\n", ".B 1\n", ".B 2\n", ".B 130\n"}) {
      EXPECT_THAT(text, HasSubstr(code));
    }
    EXPECT_THAT(text, HasSubstr("ARCHIVE \\-wal"));
    EXPECT_THAT(text, HasSubstr("/usr/share/newsarc/seeds/"));
  }

  // schedule's subcommands are in its page.
  const std::string schedule = testing::ReadFile(man + "/newsarc-schedule.1");
  std::vector<std::string> subs = ListedCommands("schedule --help");
  EXPECT_EQ(subs.size(), 4u);
  for (const std::string& s : subs) {
    EXPECT_THAT(schedule, HasSubstr(".SS \"newsarc schedule " + s + "\"")) << s;
  }

  // The examples `--help` shows are the man page's.
  for (const std::string& c : TopCommands()) {
    if (c == "help") continue;
    std::vector<std::string> examples = HelpExamples(c);
    EXPECT_FALSE(examples.empty()) << c << " --help has no examples";
    const std::string text = testing::ReadFile(man + "/newsarc-" + c + ".1");
    for (const std::string& e : examples) EXPECT_THAT(text, HasSubstr(Roff(e) + "\n")) << c;
  }
}

TEST(GenerateTest, ManPagesRenderWithoutWarnings) {
  ASSERT_EQ(RunShell("command -v man").exit_code, 0) << "man (man-db) is missing: scripts/setup";
  testing::TempDir dir;
  ASSERT_EQ(RunNewsarc("__generate man --out " + ShellQuote(dir.path())).exit_code, 0);
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    // What lintian runs (manpage-has-errors-from-man).
    testing::CommandResult r = RunShell(
        "LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z " +
        ShellQuote(e.path().string()) + " >/dev/null");
    EXPECT_EQ(r.exit_code, 0) << e.path();
    EXPECT_EQ(r.err, "") << e.path();
  }
}

TEST(GenerateTest, ManNeedsADirectoryAndUnknownKindsAreRefused) {
  testing::CommandResult r = RunNewsarc("__generate man");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--out"));
  r = RunNewsarc("__generate fish");
  EXPECT_EQ(r.exit_code, 2);
  testing::TempDir dir;
  r = RunNewsarc("__generate bash --out " + ShellQuote(dir.File("no/such/dir/newsarc")));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("write"));
}

// Completes `line` (the cursor at its end) with the generated bash script.
std::string BashComplete(const std::string& script, const std::string& line) {
  // COMP_WORDS split as readline does by default: at spaces and at "=".
  std::string words;
  std::string word;
  int count = 0;
  auto flush = [&] {
    words += ShellQuote(word) + " ";
    word.clear();
    ++count;
  };
  for (char c : line) {
    if (c == ' ') {
      flush();
    } else if (c == '=') {
      flush();
      word = "=";
      flush();
    } else {
      word += c;
    }
  }
  flush();
  const std::string program = "source " + ShellQuote(script) + "; COMP_WORDS=(" + words +
                              "); COMP_CWORD=" + std::to_string(count - 1) +
                              "; _newsarc; printf '%s\\n' \"${COMPREPLY[@]}\" | sort | xargs";
  testing::CommandResult r = RunShell("bash -c " + ShellQuote(program));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string out = r.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

TEST(GenerateTest, BashCompletionParsesAndCompletes) {
  testing::TempDir dir;
  const std::string script = dir.File("newsarc");
  ASSERT_EQ(RunNewsarc("__generate bash --out " + ShellQuote(script)).exit_code, 0);
  testing::CommandResult syntax = RunShell("bash -n " + ShellQuote(script));
  EXPECT_EQ(syntax.exit_code, 0) << syntax.err;

  std::string all = " " + BashComplete(script, "newsarc ") + " ";
  for (const std::string& c : TopCommands()) EXPECT_THAT(all, HasSubstr(" " + c + " ")) << c;
  EXPECT_THAT(all, ::testing::Not(HasSubstr("__generate")));
  std::string subs = " " + BashComplete(script, "newsarc schedule ") + " ";
  for (const std::string& s : ListedCommands("schedule --help")) {
    EXPECT_THAT(subs, HasSubstr(" " + s + " ")) << s;
  }

  EXPECT_EQ(BashComplete(script, "newsarc sched"), "schedule");
  EXPECT_EQ(BashComplete(script, "newsarc schedule r"), "remove run");
  EXPECT_EQ(BashComplete(script, "newsarc schedule run --on"), "--once");
  EXPECT_EQ(BashComplete(script, "newsarc crawl --archive a.db --arch"), "--archive");
  EXPECT_EQ(BashComplete(script, "newsarc extract --format "), "html json markdown text");
  EXPECT_EQ(BashComplete(script, "newsarc extract --format=m"), "markdown");
  EXPECT_EQ(BashComplete(script, "newsarc history --format "), "json table");
  EXPECT_EQ(BashComplete(script, "newsarc help cr"), "crawl");
  // A value option's value is a file name: nothing here matches this prefix.
  EXPECT_EQ(BashComplete(script, "newsarc stats --archive /nonexistent-prefix-"), "");
}

TEST(GenerateTest, ZshCompletionParsesAndCoversEveryCommand) {
  ASSERT_EQ(RunShell("command -v zsh").exit_code, 0) << "zsh is missing: scripts/setup installs it";
  testing::TempDir dir;
  const std::string script = dir.File("_newsarc");
  ASSERT_EQ(RunNewsarc("__generate zsh --out " + ShellQuote(script)).exit_code, 0);
  testing::CommandResult syntax = RunShell("zsh -n " + ShellQuote(script));
  EXPECT_EQ(syntax.exit_code, 0) << syntax.err;
  const std::string text = testing::ReadFile(script);
  EXPECT_EQ(text.rfind("#compdef newsarc\n", 0), 0u);
  for (const std::string& c : TopCommands()) {
    EXPECT_THAT(text, HasSubstr("        '" + c + ":")) << c;
    EXPECT_THAT(text, HasSubstr("_newsarc_" + c + "() {")) << c;
  }
  for (const std::string& s : ListedCommands("schedule --help")) {
    EXPECT_THAT(text, HasSubstr("_newsarc_schedule_" + s + "() {")) << s;
  }
  EXPECT_THAT(text, HasSubstr("'--format=[Output: json, text, markdown or html]"
                              ":format:(json text markdown html)'"));
  // Every function zsh would call for a command is defined.
  testing::CommandResult defined = RunShell(
      "zsh -c " + ShellQuote("source " + script + " 2>/dev/null; for f in ${(k)functions}; do "
                             "[[ $f == _newsarc* ]] && print $f; done | sort | xargs"));
  EXPECT_THAT(defined.out, HasSubstr("_newsarc_schedule_run"));
}

}  // namespace
}  // namespace newsarc
