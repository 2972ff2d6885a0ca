#include "crawler/schedules.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/progress.h"
#include "crawler/crawl_config.h"
#include "storage/storage.h"

namespace newsarc::crawler {

namespace {

constexpr const char* kPrefix = "schedule.";

std::string ToJson(const Schedule& s) {
  nlohmann::json j = {
      {"every_us", s.every},
      {"created_us", s.created},
      {"last_run_us", s.last_run},
      {"last_result", s.last_result},
      {"options", nlohmann::json::parse(CrawlOptionsToJson(s.options))},
  };
  return j.dump();
}

Result<Schedule> FromJson(const std::string& name, const std::string& text) {
  std::string what = "schedule " + name;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("options")) {
    return Status::Corrupt(what, "stored schedule is not valid JSON");
  }
  Schedule s;
  s.name = name;
  try {
    s.every = j.value("every_us", int64_t{0});
    s.created = j.value("created_us", int64_t{0});
    s.last_run = j.value("last_run_us", int64_t{0});
    s.last_result = j.value("last_result", std::string());
  } catch (const nlohmann::json::exception& e) {
    return Status::Corrupt(what, e.what());
  }
  Result<CrawlOptions> options = CrawlOptionsFromJson(j["options"].dump(), what);
  if (!options.ok()) return options.status();
  s.options = std::move(options).value();
  return s;
}

Result<std::unique_ptr<storage::Archive>> OpenForWrite(const std::string& path) {
  storage::ArchiveOptions o;
  o.holder = "schedule";
  o.create = false;
  return storage::Archive::Open(path, o);
}

// Sleeps until `t`, waking each 200 ms to notice Ctrl-C.
bool SleepUntil(Micros t) {
  while (NowMicros() < t) {
    if (InterruptRequested()) return false;
    Micros left = std::min<Micros>(t - NowMicros(), 200000);
    if (left > 0) std::this_thread::sleep_for(std::chrono::microseconds(left));
  }
  return !InterruptRequested();
}

}  // namespace

Status CheckScheduleName(std::string_view name) {
  bool ok = !name.empty() && name.size() <= 64;
  for (char c : name) {
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
  }
  if (!ok) {
    return Status::InvalidArgument("schedule name '" + std::string(name) + "'",
                                   "use 1 to 64 letters, digits, '-', '_' or '.'");
  }
  return Status();
}

Status ScheduleStore::Put(const Schedule& s) {
  NEWSARC_RETURN_IF_ERROR(CheckScheduleName(s.name));
  return frontier_->SetSetting(kPrefix + s.name, ToJson(s));
}

Result<std::vector<Schedule>> ScheduleStore::List() {
  Result<std::vector<std::pair<std::string, std::string>>> rows = frontier_->ListSettings(kPrefix);
  if (!rows.ok()) return rows.status();
  std::vector<Schedule> out;
  for (const auto& [key, value] : *rows) {
    Result<Schedule> s = FromJson(key.substr(std::string(kPrefix).size()), value);
    if (!s.ok()) return s.status();
    out.push_back(std::move(s).value());
  }
  return out;
}

Result<Schedule> ScheduleStore::Get(const std::string& name) {
  Result<std::optional<std::string>> v = frontier_->GetSetting(kPrefix + name);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return Status::NotFound("schedule " + name, "no such schedule");
  return FromJson(name, **v);
}

Status ScheduleStore::Remove(const std::string& name) {
  Result<bool> removed = frontier_->DeleteSetting(kPrefix + name);
  if (!removed.ok()) return removed.status();
  if (!*removed) return Status::NotFound("schedule " + name, "no such schedule");
  return Status();
}

Status RunSchedules(const ScheduleRunOptions& o, int* runs) {
  *runs = 0;
  while (true) {
    if (InterruptRequested()) return Status::Cancelled("schedule run", "interrupted");
    // Read the schedules afresh each round: `schedule add` may have changed
    // them while this loop slept (the archive is not held between runs).
    std::vector<Schedule> schedules;
    {
      Result<std::unique_ptr<storage::Archive>> archive =
          storage::Archive::Open(o.archive, {.read_only = true});
      if (!archive.ok()) return archive.status();
      ScheduleStore store(&(*archive)->frontier());
      Result<std::vector<Schedule>> list = store.List();
      if (!list.ok()) return list.status();
      schedules = std::move(list).value();
    }
    if (schedules.empty()) {
      return Status::NotFound("schedule run " + o.archive,
                              "no schedules (add one with: newsarc schedule add)");
    }
    std::sort(schedules.begin(), schedules.end(),
              [](const Schedule& a, const Schedule& b) { return a.NextRun() < b.NextRun(); });
    Micros now = NowMicros();
    bool ran = false;
    for (Schedule& s : schedules) {
      if (s.NextRun() > now) continue;
      CrawlOptions options = s.options;
      options.archive = o.archive;
      options.resume = false;
      options.recheck_all = false;
      options.progress = o.progress;
      options.log_json = o.log_json;
      CrawlStats stats;
      Micros start = NowMicros();
      Status st = Crawl(options, &stats);
      ++*runs;
      ran = true;
      if (o.on_run) o.on_run(s, st, stats);
      if (st.code() == Status::Code::kCancelled) return st;
      // Record the run (a failed run is retried at the next interval, not
      // at once: a broken site must not be hammered by a service loop).
      Result<std::unique_ptr<storage::Archive>> archive = OpenForWrite(o.archive);
      if (!archive.ok()) return archive.status();
      ScheduleStore store(&(*archive)->frontier());
      Result<Schedule> current = store.Get(s.name);
      if (!current.ok()) continue;  // removed meanwhile
      current->last_run = start;
      current->last_result = st.ok() ? "ok" : st.message();
      NEWSARC_RETURN_IF_ERROR(store.Put(*current));
    }
    if (o.once) return Status();
    if (!ran) {
      Micros next = schedules.front().NextRun();
      if (o.on_idle) o.on_idle(next);
      if (!SleepUntil(next)) return Status::Cancelled("schedule run", "interrupted");
    }
  }
}

}  // namespace newsarc::crawler
