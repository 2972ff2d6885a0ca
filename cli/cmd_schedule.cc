// newsarc schedule add|list|remove|run: scheduled re-crawls kept in the
// archive (crawler/schedules.h).
//
//   newsarc schedule add NAME --seeds FILE --every 6h --archive A.db [crawl options]
//   newsarc schedule list --archive A.db
//   newsarc schedule remove NAME --archive A.db
//   newsarc schedule run --archive A.db [--once]   # a service manager runs this
#include <cstdio>
#include <memory>
#include <string>

#include "base/progress.h"
#include "cli/command.h"
#include "cli/crawl_flags.h"
#include "crawler/crawler.h"
#include "storage/storage.h"

namespace newsarc::cli {
namespace {

struct AddOptions {
  std::string name;
  std::string every;
  std::string archive;
  CrawlFlags flags;
};

std::string FormatTime(Micros t) { return t == 0 ? "never" : FormatWarcDate(t); }

std::string FormatEvery(Micros every) {
  if (every % (3600 * crawler::kSecond) == 0) return std::to_string(every / (3600 * crawler::kSecond)) + "h";
  if (every % (60 * crawler::kSecond) == 0) return std::to_string(every / (60 * crawler::kSecond)) + "m";
  return std::to_string(every / crawler::kSecond) + "s";
}

int Add(const AddOptions& o) {
  Status st = crawler::CheckScheduleName(o.name);
  if (!st.ok()) return ReportError(st);
  Result<Micros> every = ParseDuration(o.every, "--every");
  if (!every.ok()) return ReportError(every.status());
  if (*every < crawler::kSecond) {
    return ReportError(Status::InvalidArgument("--every " + o.every, "must be at least 1s"));
  }
  Result<crawler::CrawlOptions> options = ToCrawlOptions(o.flags);
  if (!options.ok()) return ReportError(options.status());
  options->archive = o.archive;
  st = crawler::CheckCrawlOptions(*options);
  if (!st.ok()) return ReportError(st);
  options->archive.clear();

  storage::ArchiveOptions aopts;
  aopts.holder = "schedule";
  auto archive = storage::Archive::Open(o.archive, aopts);
  if (!archive.ok()) return ReportError(archive.status());
  crawler::ScheduleStore store(&(*archive)->frontier());
  crawler::Schedule s;
  s.name = o.name;
  s.every = *every;
  s.options = std::move(options).value();
  s.created = NowMicros();
  Result<crawler::Schedule> existing = store.Get(o.name);
  if (existing.ok()) {
    s.created = existing->created;
    s.last_run = existing->last_run;
    s.last_result = existing->last_result;
  }
  st = store.Put(s);
  if (!st.ok()) return ReportError(st);
  std::printf("schedule %s: %zu seeds every %s, next run %s\n", s.name.c_str(),
              s.options.seeds.size(), FormatEvery(s.every).c_str(),
              FormatTime(s.NextRun()).c_str());
  return kExitOk;
}

int List(const std::string& path) {
  auto archive = storage::Archive::Open(path, {.read_only = true});
  if (!archive.ok()) return ReportError(archive.status());
  crawler::ScheduleStore store(&(*archive)->frontier());
  auto list = store.List();
  if (!list.ok()) return ReportError(list.status());
  if (list->empty()) std::printf("no schedules in %s\n", path.c_str());
  for (const auto& s : *list) {
    std::printf("%-20s every %-6s %3zu seeds  last run %s (%s)  next run %s\n", s.name.c_str(),
                FormatEvery(s.every).c_str(), s.options.seeds.size(),
                FormatTime(s.last_run).c_str(), s.last_result.empty() ? "-" : s.last_result.c_str(),
                FormatTime(s.NextRun()).c_str());
  }
  return kExitOk;
}

int Remove(const std::string& name, const std::string& path) {
  storage::ArchiveOptions aopts;
  aopts.holder = "schedule";
  aopts.create = false;
  auto archive = storage::Archive::Open(path, aopts);
  if (!archive.ok()) return ReportError(archive.status());
  crawler::ScheduleStore store(&(*archive)->frontier());
  Status st = store.Remove(name);
  if (!st.ok()) return ReportError(st);
  std::printf("schedule %s removed\n", name.c_str());
  return kExitOk;
}

int Run(const std::string& path, bool once, bool quiet) {
  InstallInterruptHandler();
  crawler::ScheduleRunOptions o;
  o.archive = path;
  o.once = once;
  o.progress = !quiet;
  o.on_run = [quiet](const crawler::Schedule& s, const Status& st, const crawler::CrawlStats& c) {
    if (quiet && st.ok()) return;
    std::printf("schedule %s: %s: %lld fetched, %lld new URLs, %lld revisits, %lld changed\n",
                s.name.c_str(), st.ok() ? "ok" : st.message().c_str(),
                static_cast<long long>(c.fetched), static_cast<long long>(c.discovered),
                static_cast<long long>(c.revisits), static_cast<long long>(c.changed));
    std::fflush(stdout);
  };
  o.on_idle = [quiet](Micros next) {
    if (!quiet) std::printf("schedule: next run at %s\n", FormatWarcDate(next).c_str());
    std::fflush(stdout);
  };
  int runs = 0;
  Status st = crawler::RunSchedules(o, &runs);
  if (once && runs == 0 && st.ok()) std::printf("schedule: nothing due\n");
  if (!st.ok()) return ReportError(st);
  return kExitOk;
}

void Setup(CLI::App& root) {
  CLI::App* sched = root.add_subcommand("schedule", "Scheduled re-crawls kept in the archive");
  sched->require_subcommand(1);
  SetExamples(sched, {
      {"newsarc schedule add world --seeds seeds/news-en.txt --every 6h --archive news.db", ""},
      {"newsarc schedule list --archive news.db", ""},
      {"newsarc schedule run --archive news.db", "a loop for a service manager; Ctrl-C stops it"},
      {"newsarc schedule run --once --archive news.db", "what is due now, then exit"},
      {"systemctl enable --now newsarc@news", "the same as a service, on /var/lib/newsarc/news.db"},
  });

  auto add = std::make_shared<AddOptions>();
  CLI::App* a = sched->add_subcommand("add", "Add or replace a scheduled crawl");
  a->add_option("name", add->name, "Schedule name")->required();
  a->add_option("--every", add->every, "Interval between runs (e.g. 30m, 6h, 1d)")->required();
  a->add_option("--archive", add->archive, "Archive file (created when missing)")->required();
  AddCrawlFlags(a, &add->flags);
  a->callback([add] { SetExitCode(Add(*add)); });

  auto path = std::make_shared<std::string>();
  CLI::App* l = sched->add_subcommand("list", "List the archive's schedules");
  l->add_option("--archive", *path, "Archive file")->required();
  l->callback([path] { SetExitCode(List(*path)); });

  auto rm_name = std::make_shared<std::string>();
  auto rm_path = std::make_shared<std::string>();
  CLI::App* r = sched->add_subcommand("remove", "Remove a schedule");
  r->add_option("name", *rm_name, "Schedule name")->required();
  r->add_option("--archive", *rm_path, "Archive file")->required();
  r->callback([rm_name, rm_path] { SetExitCode(Remove(*rm_name, *rm_path)); });

  auto run_path = std::make_shared<std::string>();
  auto once = std::make_shared<bool>(false);
  auto quiet = std::make_shared<bool>(false);
  CLI::App* run = sched->add_subcommand(
      "run", "Run due schedules; without --once, keep running them (for a service manager)");
  run->add_option("--archive", *run_path, "Archive file")->required();
  run->add_flag("--once", *once, "Run what is due now, then exit");
  run->add_flag("-q,--quiet", *quiet, "No progress and no per-run lines");
  run->callback([run_path, once, quiet] { SetExitCode(Run(*run_path, *once, *quiet)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
