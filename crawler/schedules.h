// Scheduled re-crawls: named crawls kept in the archive, each re-run every
// `every`. A scheduled run re-reads its seeds, feeds and sitemaps for new
// articles and re-checks only the known articles whose adaptive re-visit
// time has come (revisit_policy.h), with conditional requests.
//
// Schedules live in the archive's `meta` table as "schedule.NAME" -> JSON,
// so one file stays the whole state of a crawl.
#ifndef NEWSARC_CRAWLER_SCHEDULES_H_
#define NEWSARC_CRAWLER_SCHEDULES_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "crawler/crawler.h"
#include "storage/storage.h"

namespace newsarc::crawler {

struct Schedule {
  std::string name;
  Micros every = 0;
  CrawlOptions options;  // seeds and crawl options; `archive` is not kept
  Micros created = 0;
  Micros last_run = 0;       // start of the last run; 0 = never ran
  std::string last_result;   // "ok", or the error of the last run
  Micros NextRun() const { return last_run == 0 ? created : last_run + every; }
};

// Names: letters, digits, '-', '_' and '.', 1 to 64 of them.
Status CheckScheduleName(std::string_view name);

class ScheduleStore {
 public:
  explicit ScheduleStore(storage::Frontier* frontier) : frontier_(frontier) {}
  // Adds or replaces.
  Status Put(const Schedule& schedule);
  Result<std::vector<Schedule>> List();
  // NotFound when there is no such schedule.
  Result<Schedule> Get(const std::string& name);
  Status Remove(const std::string& name);

 private:
  storage::Frontier* frontier_;
};

struct ScheduleRunOptions {
  std::string archive;
  bool once = false;           // run what is due now, then return
  bool progress = true;
  std::string log_json;
  // Called with each schedule's outcome (for the command's output).
  std::function<void(const Schedule&, const Status&, const CrawlStats&)> on_run;
  // Called with the time the loop sleeps until, when it is idle.
  std::function<void(Micros)> on_idle;
};

// Runs due schedules one after another (each a Crawl() with
// recheck_all = false), recording each run's start and result; without
// `once`, sleeps until the next one is due and carries on until Ctrl-C.
// Returns Cancelled after Ctrl-C, the first archive error, or OK.
Status RunSchedules(const ScheduleRunOptions& options, int* runs);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_SCHEDULES_H_
