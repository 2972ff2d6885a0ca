// `newsarc changes --archive A.db [--since TIME] [--until TIME] [--site HOST]
// [--min-change N] [--cosmetic] [--format table|json]`: the articles whose
// text changed substantively between captures in the period, and those
// deleted (404/410), with the size of each change in words, largest first
// (audit/changes.h). --cosmetic lists cosmetic-only changes too.
//
// Exit 0 on success (also when nothing changed), 1 when the archive cannot
// be read, 2 on a bad command line (including an unparseable TIME).
#include <cstdio>
#include <memory>
#include <string>

#include "audit/audit.h"
#include "base/strings.h"
#include "base/time.h"
#include "cli/command.h"

namespace newsarc::cli {
namespace {

struct Options {
  std::string archive;
  std::string since, until;
  std::string site;
  int64_t min_change = 1;
  bool cosmetic = false;
  std::string format = "table";
};

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

int Run(const Options& o) {
  audit::ChangeQuery q;
  for (auto [text, field, name] : {std::tuple{&o.since, &q.since, "--since"},
                                   std::tuple{&o.until, &q.until, "--until"}}) {
    if (text->empty()) continue;
    std::optional<Micros> t = ParseTimeArg(*text);
    if (!t) {
      ReportError(Status::InvalidArgument(std::string("changes ") + name + " \"" + *text + "\"",
                                          "expected a time such as 2024-05-01, "
                                          "2024-05-01T12:00:00Z or 20240501"));
      return kExitUsage;
    }
    *field = *t;
  }
  q.site = o.site;
  q.min_change = o.min_change;
  q.include_cosmetic = o.cosmetic;
  auto report = audit::FindChanges(o.archive, q);
  if (!report.ok()) return ReportError(report.status().WithContext("changes"));
  if (o.format == "json") {
    std::fputs(audit::ChangesJson(o.archive, *report).c_str(), stdout);
    return kExitOk;
  }
  std::printf("%6s %7s %7s  %-9s %-20s %-20s %-12s %s\n", "size", "+words", "-words", "kind",
              "from", "to", "fields", "url / title");
  for (const auto& c : report->changes) {
    std::printf("%6lld %7lld %7lld  %-9s %-20s %-20s %-12s %s  %s\n",
                static_cast<long long>(c.size), static_cast<long long>(c.words_added),
                static_cast<long long>(c.words_removed), c.kind.c_str(),
                FormatWarcDate(c.from_date).c_str(), FormatWarcDate(c.to_date).c_str(),
                Join(c.fields).c_str(), c.url.c_str(), c.title.c_str());
  }
  std::printf("%zu change%s in %lld URLs (%lld article versions)\n", report->changes.size(),
              report->changes.size() == 1 ? "" : "s", static_cast<long long>(report->urls),
              static_cast<long long>(report->versions));
  return kExitOk;
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  CLI::App* sub = root.add_subcommand(
      "changes",
      "List archived articles whose text changed substantively (or that were deleted) between "
      "captures, largest change first");
  sub->add_option("--archive", opts->archive, "Archive file")->required();
  sub->add_option("--since", opts->since, "Only changes captured at or after this time");
  sub->add_option("--until", opts->until, "Only changes captured before this time");
  sub->add_option("--site", opts->site, "Only this host (and its subdomains)");
  sub->add_option("--min-change", opts->min_change, "Smallest change to list, in words (1)")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--cosmetic", opts->cosmetic, "Also list cosmetic-only changes");
  sub->add_option("--format", opts->format, "table (default) or json")
      ->check(CLI::IsMember({"table", "json"}));
  SetExamples(sub, {
      {"newsarc changes --archive news.db", "edited and deleted articles, largest change first"},
      {"newsarc changes --archive news.db --since 2026-11-01 --site example.com --min-change 20",
       ""},
      {"newsarc changes --archive news.db --cosmetic --format json",
       "also cosmetic-only edits, as JSON"},
  });
  sub->callback([opts] { SetExitCode(Run(*opts)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
