#include "cli/man_page.h"

#include <cctype>
#include <string_view>

namespace newsarc::cli {
namespace {

// The same for every command (README, "Commands"; cli/command.h).
constexpr const char* kExitStatus = R"(.TP
.B 0
Success.
.TP
.B 1
The command ran and failed, or found a problem (\fBverify\fR, an import of a damaged file).
Work done before the failure is kept.
.TP
.B 2
Bad command line: an unknown command or option, a missing or malformed argument.
.TP
.B 130
Interrupted (Ctrl-C, SIGINT, as \fBsystemctl stop\fR sends to the service).
Work committed so far is kept.
)";

constexpr const char* kFiles = R"(.TP
.I ARCHIVE
The archive given with \fB\-\-archive\fR: one SQLite file holding every record, the
crawl frontier and the schedules.
Beside it, SQLite keeps
.IB ARCHIVE \-wal
and
.IB ARCHIVE \-shm
while the archive is open (copy the archive only when no command has it open, or all three
files together), and newsarc keeps
.IB ARCHIVE .lock\fR,
the one-writer lock, which stays in place.
.TP
.I /usr/share/newsarc/seeds/
Curated seed lists for \fB\-\-seeds\fR: one URL per line, \fB#\fR starts a comment.
Under \fIPREFIX\fR\fB/share/newsarc/seeds/\fR for \fBcmake \-\-install \-\-prefix\fR \fIPREFIX\fR.
.TP
.I /usr/lib/systemd/system/newsarc@.service
The service unit: \fBnewsarc@\fR\fINAME\fR runs \fBnewsarc schedule run \-\-archive
/var/lib/newsarc/\fR\fINAME\fR\fB.db\fR as user \fBnewsarc\fR and stops it with SIGINT, so a
stop commits.
.TP
.I /var/lib/newsarc/
The service's archives, owned by user \fBnewsarc\fR.
)";

// Roff-safe text: backslashes and dashes escaped ("\-" is an ASCII dash in
// Debian's groff, so option names copy and paste), and a line that would
// start with a control character protected.
std::string Roff(std::string_view s) {
  std::string out;
  bool line_start = true;
  for (char c : s) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    line_start = false;
    switch (c) {
      case '\\': out += "\\e"; break;
      case '-': out += "\\-"; break;
      case '\n': out += '\n'; line_start = true; break;
      default: out += c;
    }
  }
  return out;
}

std::string Bold(std::string_view s) { return "\\fB" + Roff(s) + "\\fR"; }
std::string Italic(std::string_view s) { return "\\fI" + Roff(s) + "\\fR"; }

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string PageName(const CommandEntry& c) {
  std::string n = "newsarc";
  if (!c.path.empty()) n += "-" + c.path.front();
  return n;
}

// "Crawl news sites." from "Crawl news sites"; lower-cased first letter for
// the NAME line ("crawl news sites").
std::string Sentence(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  if (!s.empty() && s.back() != '.') s += '.';
  return s;
}
std::string Whatis(std::string s) {
  size_t nl = s.find('\n');
  if (nl != std::string::npos) s.resize(nl);
  if (s.size() > 1 && std::isupper(static_cast<unsigned char>(s[0])) &&
      std::islower(static_cast<unsigned char>(s[1]))) {
    s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  }
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
  return s;
}

// A description that may span lines ("Output format:\n  jsonl: ...").
std::string Paragraph(const std::string& text) {
  std::string out;
  size_t start = 0;
  bool first = true;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(start, nl - start);
    size_t lead = line.find_first_not_of(' ');
    if (lead != std::string::npos) {
      if (!first) out += ".br\n";
      out += Roff(line.substr(lead)) + "\n";
      first = false;
    }
    start = nl + 1;
  }
  return out;
}

std::string PositionalUsage(const OptionEntry& p) {
  std::string u = Italic(Upper(p.positional));
  if (p.repeatable) u += "\\&...";
  return p.required ? u : "[" + u + "]";
}

std::string Synopsis(const CommandEntry& c) {
  std::string s = ".B " + Roff(c.name()) + "\n";
  std::string args;
  if (!c.subcommands.empty()) args += Italic("COMMAND") + " ";
  for (const OptionEntry& p : c.positionals) args += PositionalUsage(p) + " ";
  for (const OptionEntry& o : c.options) {
    if (o.required) args += Bold(o.names.back()) + " " + Italic(o.value) + " ";
  }
  args += "[" + Italic("OPTIONS") + "]";
  return s + args + "\n";
}

std::string OptionItem(const OptionEntry& o) {
  std::string head;
  if (o.names.empty()) {
    head = Italic(Upper(o.positional));
  } else {
    for (size_t i = 0; i < o.names.size(); ++i) head += (i ? ", " : "") + Bold(o.names[i]);
    if (!o.value.empty()) head += " " + Italic(o.value);
  }
  if (o.repeatable) head += " \\&...";
  std::string body = Paragraph(o.description);
  std::string notes;
  if (o.required) notes += "Required.";
  if (!o.default_value.empty() && !o.value.empty()) {
    notes += std::string(notes.empty() ? "" : " ") + "Default: " + Bold(o.default_value) + ".";
  }
  const bool says_repeatable = o.description.find("repeatable") != std::string::npos;
  if (o.repeatable && !o.names.empty() && !says_repeatable) {
    notes += std::string(notes.empty() ? "" : " ") + "Repeatable.";
  }
  if (!notes.empty()) body += ".br\n" + notes + "\n";
  return ".TP\n" + head + "\n" + body;
}

// Arguments, then options grouped as --help groups them: the default group
// first, then each named group under a heading (.SS with `subsections`, a
// bold line inside a subcommand's .SS).
std::string OptionList(const CommandEntry& c, bool subsections) {
  std::string out;
  for (const OptionEntry& p : c.positionals) out += OptionItem(p);
  std::vector<std::string> groups;
  for (const OptionEntry& o : c.options) {
    bool seen = false;
    for (const std::string& g : groups) seen = seen || g == o.group;
    if (!seen) groups.push_back(o.group);
  }
  for (const std::string& g : groups) {
    if (g != "Options" && g != "OPTIONS") {
      out += subsections ? ".SS \"" + Roff(g) + "\"\n" : ".PP\n" + Bold(g + ":") + "\n";
    }
    for (const OptionEntry& o : c.options) {
      if (o.group == g) out += OptionItem(o);
    }
  }
  return out;
}

std::string Examples(const std::vector<Example>& examples) {
  std::string out;
  for (const Example& e : examples) {
    out += ".PP\n";
    if (!e.comment.empty()) {
      std::string comment = e.comment;
      comment[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(comment[0])));
      out += Roff(comment) + ":\n";
    }
    out += ".RS 4\n.nf\n" + Roff(e.command) + "\n.fi\n.RE\n";
  }
  return out;
}

std::string Header(const std::string& page, const std::string& version, const std::string& date) {
  return ".\\\" Generated by `newsarc __generate man` from the commands' own help; do not edit.\n"
         ".TH " + Roff(Upper(page)) + " 1 \"" + date + "\" \"" + Roff(version) +
         "\" \"newsarc manual\"\n"
         // No hyphenation, ragged right: option names and paths stay whole.
         ".nh\n.ad l\n";
}

std::string SeeAlso(const CommandEntry& table, const std::string& self) {
  std::string out = ".SH SEE ALSO\n";
  std::vector<std::string> refs;
  if (self != "newsarc") refs.push_back("newsarc");
  for (const CommandEntry& c : table.subcommands) {
    if (c.path.front() != "help" && PageName(c) != self) refs.push_back(PageName(c));
  }
  for (size_t i = 0; i < refs.size(); ++i) {
    out += ".BR " + Roff(refs[i]) + " (1)" + (i + 1 < refs.size() ? "," : "") + "\n";
  }
  out += ".PP\nThe README, docs/design.md, docs/corpus.md and FORMAT.md in "
         "\\fI/usr/share/doc/newsarc/\\fR.\n";
  return out;
}

std::string CommandPage(const CommandEntry& table, const CommandEntry& c,
                        const std::string& version, const std::string& date) {
  const std::string page = PageName(c);
  std::string t = Header(page, version, date);
  t += ".SH NAME\n" + Roff(page) + " \\- " + Roff(Whatis(c.description)) + "\n";
  t += ".SH SYNOPSIS\n";
  if (c.subcommands.empty()) {
    t += Synopsis(c);
  } else {
    for (size_t i = 0; i < c.subcommands.size(); ++i) {
      if (i) t += ".br\n";
      t += Synopsis(c.subcommands[i]);
    }
  }
  t += ".SH DESCRIPTION\n" + Paragraph(Sentence(c.description));
  if (!c.subcommands.empty()) {
    t += ".SH COMMANDS\n";
    for (const CommandEntry& sub : c.subcommands) {
      t += ".SS \"" + Roff(sub.name()) + "\"\n" + Paragraph(Sentence(sub.description));
      t += OptionList(sub, false);
    }
  }
  t += ".SH OPTIONS\n" + OptionList(c, true);
  t += ".SH EXIT STATUS\n";
  t += kExitStatus;
  t += ".SH FILES\n";
  t += kFiles;
  t += ".SH EXAMPLES\n" + Examples(c.examples);
  t += SeeAlso(table, page);
  return t;
}

std::string MainPage(const CommandEntry& table, const std::string& version,
                     const std::string& date) {
  std::string t = Header("newsarc", version, date);
  // The app's description starts "newsarc 0.1.0: crawl news sites, ...".
  std::string about = table.description;
  if (size_t colon = about.find(": "); colon != std::string::npos) about = about.substr(colon + 2);
  t += ".SH NAME\nnewsarc \\- " + Roff(Whatis(about)) + "\n";
  t += ".SH SYNOPSIS\n.B newsarc\n" + Italic("COMMAND") + " [" + Italic("OPTIONS") + "]\n";
  t += ".br\n.B newsarc help\n[" + Italic("COMMAND") + "]\n";
  t += ".br\n.B newsarc \\-\\-version\n";
  std::string capital = about;
  if (!capital.empty()) capital[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(capital[0])));
  t += ".SH DESCRIPTION\n" + Paragraph(Sentence(capital));
  t += ".PP\n" + Bold("newsarc help") + " lists the commands, " + Bold("newsarc") + " " +
       Italic("COMMAND") + " " + Bold("--help") +
       " describes one, and each has a manual page of its own.\n";
  t += ".SH COMMANDS\n";
  for (const CommandEntry& c : table.subcommands) {
    t += ".TP\n" + Bold(c.path.front()) + "\n" + Paragraph(Sentence(c.description));
    if (c.path.front() != "help") t += "See\n.BR " + Roff(PageName(c)) + " (1).\n";
  }
  t += ".SH OPTIONS\n" + OptionList(table, true);
  t += ".SH EXIT STATUS\n";
  t += kExitStatus;
  t += ".SH FILES\n";
  t += kFiles;
  std::vector<Example> tour;
  for (const CommandEntry& c : table.subcommands) {
    if (!c.examples.empty()) tour.push_back(c.examples.front());
  }
  t += ".SH EXAMPLES\n" + Examples(tour);
  t += SeeAlso(table, "newsarc");
  return t;
}

}  // namespace

std::vector<ManPage> ManPages(const CommandEntry& table, const std::string& version,
                              const std::string& date) {
  std::vector<ManPage> pages;
  pages.push_back({"newsarc.1", MainPage(table, version, date)});
  for (const CommandEntry& c : table.subcommands) {
    if (c.path.front() == "help") continue;  // described in newsarc(1)
    pages.push_back({PageName(c) + ".1", CommandPage(table, c, version, date)});
  }
  return pages;
}

}  // namespace newsarc::cli
