// The crawl loop: choosing and starting requests. Results are handled in
// crawl_results.cc.
#include "crawler/crawl_session.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <thread>
#include <utility>

#include "base/crash_point.h"
#include "base/progress.h"
#include "base/uuid.h"
#include "base/version.h"
#include "crawler/capture_records.h"
#include "crawler/crawl_config.h"
#include "crawler/links.h"
#include "crawler/politeness_store.h"
#include "crawler/requisites.h"
#include "crawler/url_normalize.h"
#include <nlohmann/json.hpp>

namespace newsarc::crawler {

namespace {

// Seeds come before links found on pages; redirect targets before anything
// else on their host, so a chain is followed while it is fresh.
constexpr int64_t kPrioritySeed = -(int64_t{1} << 60);
constexpr Micros kRefreshInterval = 2 * kSecond;
constexpr Micros kMaxPoll = 250000;
// How much later than its hand-over to curl a request's start is saved
// (SaveHost): more than a commit and the start of a Poll take even on a
// loaded machine, and small beside any politeness delay.
constexpr Micros kUnsentSlack = 250000;
// Entries skipped (robots.txt disallows them) before a host yields its turn.
constexpr int kMaxSkipsPerTurn = 64;
// Fetched pages waiting for the work pool, per worker thread.
constexpr size_t kMaxPreparingPerThread = 8;

std::string Hostname() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

storage::UrlKind SeedKind(const Url& url) {
  if (LooksLikeFeedUrl(url.spec())) return storage::UrlKind::kFeed;
  const std::string& p = url.path_query();
  std::string lower(p);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower.find("sitemap") != std::string::npos &&
      (lower.find(".xml") != std::string::npos || lower.find(".txt") != std::string::npos)) {
    return storage::UrlKind::kSitemap;
  }
  return storage::UrlKind::kPage;
}

}  // namespace

CrawlSession::CrawlSession(CrawlOptions options, ScopeRules scope,
                           std::unique_ptr<storage::Archive> archive,
                           std::unique_ptr<Fetcher> fetcher)
    : options_(std::move(options)),
      scope_(std::move(scope)),
      archive_(std::move(archive)),
      fetcher_(std::move(fetcher)),
      scheduler_(options_.politeness),
      coordinator_(options_.coordinator) {}

Status CrawlSession::Start() {
  started_at_ = NowMicros();
  robots_token_ = RobotsProductToken(options_.fetcher.user_agent);
  storage::Frontier& frontier = archive_->frontier();
  NEWSARC_RETURN_IF_ERROR(archive_->Begin());
  // We hold the writer lock, so rows left in flight are a crashed run's.
  Result<int64_t> reset = frontier.ResetInFlight();
  if (!reset.ok()) return reset.status();
  // The last run's requests, rate limits and backoffs still bind this one:
  // a server sees one crawler, however often it was restarted.
  auto saved = LoadHostStates(frontier);
  if (!saved.ok()) return saved.status();
  for (const auto& [host, state] : *saved) scheduler_.Restore(host, state);

  if (options_.resume) {
    Result<std::optional<std::string>> id = frontier.GetSetting("crawl.warcinfo");
    if (!id.ok()) return id.status();
    if (id->has_value()) warcinfo_id_ = **id;
  }
  if (warcinfo_id_.empty()) {
    storage::WarcRecord info;
    info.Set("WARC-Type", "warcinfo");
    info.Set("WARC-Record-ID", "<" + NewUuidUrn() + ">");
    info.Set("WARC-Date", FormatWarcDate(started_at_, true));
    info.Set("Content-Type", "application/warc-fields");
    info.block = std::string("software: newsarc/") + NEWSARC_VERSION +
                 "\r\nhostname: " + Hostname() +
                 "\r\nformat: WARC File Format 1.1"
                 "\r\nconformsTo: https://iipc.github.io/warc-specifications/specifications/"
                 "warc-format/warc-1.1/"
                 "\r\nrobots: " + (options_.ignore_robots ? "ignore" : "obey") +
                 "\r\nhttp-header-user-agent: " + options_.fetcher.user_agent +
                 "\r\nnewsarc-crawl-options: " + CrawlOptionsToJson(options_) + "\r\n";
    Result<std::string> id = archive_->Put(info);
    if (!id.ok()) return id.status();
    warcinfo_id_ = *id;
    NEWSARC_RETURN_IF_ERROR(frontier.SetSetting("crawl.warcinfo", warcinfo_id_));
    NEWSARC_RETURN_IF_ERROR(frontier.SetSetting("crawl.options", CrawlOptionsToJson(options_)));
  }

  if (coordinator_ != nullptr) {
    // The shared frontier decides what is crawled: no local re-checks, and
    // the seeds go to it (every node may name them; they are added once).
    std::vector<storage::FrontierAdd> seeds;
    for (const std::string& seed : options_.seeds) {
      Result<Url> url = NormalizeUrl(seed);
      if (!url.ok()) return url.status().WithContext("seed " + seed);
      seeds.push_back(MakeAdd(*url, SeedKind(*url), 0, 0, kPrioritySeed, "", ""));
    }
    NEWSARC_RETURN_IF_ERROR(coordinator_->Start(frontier, seeds));
  } else if (!options_.resume) {
    // A new run over a known archive re-checks what it knows (conditional
    // requests make that cheap for unchanged pages).
    Micros now = NowMicros();
    if (options_.recheck_all) {
      Result<int64_t> n = frontier.QueueRevisits(now, true);
      if (!n.ok()) return n.status();
    } else {
      Result<int64_t> n = frontier.QueueRevisits(now, false);
      if (!n.ok()) return n.status();
      n = frontier.QueueIndexes();
      if (!n.ok()) return n.status();
    }
    for (const std::string& seed : options_.seeds) {
      Result<Url> url = NormalizeUrl(seed);
      if (!url.ok()) return url.status().WithContext("seed " + seed);
      NEWSARC_RETURN_IF_ERROR(AddUrl(*url, SeedKind(*url), 0, 0, kPrioritySeed, "", ""));
    }
  }
  NEWSARC_RETURN_IF_ERROR(Commit());
  CrashPoint("crawl.started");
  NEWSARC_RETURN_IF_ERROR(RefreshPendingHosts(NowMicros()));

  if (!options_.log_json.empty()) {
    log_.emplace(options_.log_json, std::ios::app);
    if (!*log_) return Status::Io("--log-json " + options_.log_json, "cannot open for appending");
  }
  // One worker per core: extraction is most of a page's CPU time, and the
  // loop thread mostly waits on the network and SQLite.
  size_t cores = std::max(1u, std::thread::hardware_concurrency());
  Fetcher* fetcher = fetcher_.get();
  pool_ = std::make_unique<WorkPool<Prepared>>(cores, [fetcher] { fetcher->Wakeup(); });
  progress_ = std::make_unique<Progress>("crawl", 0,
                                         options_.progress && Progress::StderrIsTerminal());
  return Status();
}

Status CrawlSession::Run(CrawlStats* stats) {
  Status st = Start();
  if (!st.ok()) {
    (void)archive_->Rollback();
    return st;
  }
  while (true) {
    if (InterruptRequested() && !interrupted_) {
      st = Interrupt();
      break;
    }
    Micros now = NowMicros();
    if (options_.max_duration > 0 && now - started_at_ > options_.max_duration) {
      limit_reached_ = true;
    }
    if (!limit_reached_) {
      st = StartRequests(now);
      if (!st.ok()) break;
      if (starts_unsaved_) {
        // Before the Poll that sends them: a kill after this commit leaves
        // the next run knowing when these requests went out.
        st = Commit();
        if (!st.ok()) break;
      }
    }
    if (in_flight_.empty() && preparing_.empty()) {
      if (limit_reached_) break;
      if (!HasWork()) {
        st = RefreshPendingHosts(now);
        if (!st.ok()) break;
        // A node with nothing to do waits for the cluster's crawl to end.
        if (!HasWork() && (coordinator_ == nullptr || cluster_finished_)) break;
      }
    } else if (now - last_refresh_ > kRefreshInterval) {
      st = RefreshPendingHosts(now);
      if (!st.ok()) break;
    }
    Micros wake = scheduler_.NextWakeup();
    Micros timeout = kMaxPoll;
    if (wake != HostScheduler::kNever && !limit_reached_) {
      timeout = std::clamp<Micros>(wake - now, 1000, kMaxPoll);
    }
    if (in_flight_.empty() && !preparing_.empty()) {
      // Only the pool is busy: its notify wakes the Poll as a job ends.
      timeout = std::min<Micros>(timeout, 50000);
    }
    for (FetchResult& r : fetcher_->Poll(timeout)) {
      st = HandleResult(std::move(r));
      if (!st.ok()) break;
    }
    if (!st.ok()) break;
    st = FinishPrepared();
    if (!st.ok()) break;
    if (dirty_) {
      st = Commit();
      if (!st.ok()) break;
    }
    if (coordinator_ != nullptr && NowMicros() - last_sync_ >= coordinator_->SyncInterval()) {
      st = SyncCluster(NowMicros());
      if (!st.ok()) break;
    }
    DrawProgress(NowMicros());
  }
  if (!st.ok()) {
    // An archive error (disk full, I/O): stop fetching, keep what committed.
    (void)fetcher_->CancelAll();
    pool_->WaitIdle();
    (void)pool_->TakeDone();
    preparing_.clear();
    (void)archive_->Rollback();
    if (progress_) progress_->Finish();
    return st;
  }
  if (!interrupted_) {
    // Entries held for a robots.txt that a limit stopped us from reading go
    // back to the queue now rather than on the next run's crash recovery.
    for (auto& [host, entry] : held_) {
      st = archive_->frontier().Requeue(entry.id);
      if (!st.ok()) return st;
    }
    held_.clear();
    st = Commit();
    if (!st.ok()) return st;
  }
  if (coordinator_ != nullptr) {
    // Ship the last captures and hand the leases back, so other nodes
    // carry on at once instead of after the lease.
    CoordinatorSync io;
    io.host_state = [this](const std::string& host) { return scheduler_.Save(host); };
    io.touched_hosts.assign(touched_.begin(), touched_.end());
    io.robots = [this](const std::string& host) {
      auto it = robots_.find(host);
      return it == robots_.end() ? std::string() : EncodeRobots(it->second);
    };
    io.robots_touched.assign(robots_touched_.begin(), robots_touched_.end());
    // Interrupt() committed and left no transaction open.
    if (interrupted_) st = archive_->Begin();
    if (st.ok()) st = coordinator_->Stop(archive_->frontier(), &io);
    if (st.ok()) st = archive_->Commit();
    if (!st.ok()) return st;
  }
  if (progress_) progress_->Finish();

  Result<storage::FrontierCounts> counts = archive_->frontier().Counts();
  stats_.queued_left = counts.ok() ? counts->queued + counts->in_flight : 0;
  stats_.discovered = discovered_;
  stats_.seconds = static_cast<double>(NowMicros() - started_at_) / 1e6;
  stats_.interrupted = interrupted_;
  *stats = stats_;
  if (interrupted_) {
    return Status::Cancelled("crawl " + archive_->path(),
                             "interrupted; resume with: newsarc crawl --resume --archive " +
                                 archive_->path());
  }
  return Status();
}

bool CrawlSession::HasWork() const {
  return !in_flight_.empty() || !preparing_.empty() || !held_.empty() || !urgent_.empty() ||
         scheduler_.NextWakeup() != HostScheduler::kNever;
}

Status CrawlSession::StartRequests(Micros now) {
  if (fetcher_->capacity() == 0) return Status();
  // Back-pressure: do not fetch faster than the pool can prepare pages.
  if (preparing_.size() >= kMaxPreparingPerThread * pool_->threads()) return Status();
  for (const std::string& host : scheduler_.ReadyHosts(now, fetcher_->capacity())) {
    if (fetcher_->capacity() == 0 || limit_reached_) break;
    if (coordinator_ != nullptr && !coordinator_->MayStart(host, now)) {
      // Not (or no longer surely) this node's host: nothing new starts.
      scheduler_.SetPending(host, false);
      continue;
    }
    // A robots.txt redirect hop that landed on this host goes first.
    auto urgent = urgent_.find(host);
    if (urgent != urgent_.end()) {
      Job hop = std::move(urgent->second.front());
      urgent->second.erase(urgent->second.begin());
      if (urgent->second.empty()) urgent_.erase(urgent);
      NEWSARC_RETURN_IF_ERROR(SubmitRobots(host, hop.url, hop.robots_for, hop.robots_hops, now));
      continue;
    }
    RobotsState& robots = robots_[host];
    if (!options_.ignore_robots) {
      if (robots.state == RobotsState::State::kFetching) {
        // Waits for its robots.txt (fetched through another host after a
        // redirect); HandleRobots makes it pending again.
        scheduler_.SetPending(host, false);
        continue;
      }
      bool stale = robots.state == RobotsState::State::kReady &&
                   now - robots.fetched > kRobotsMaxCacheAge;
      if (robots.state == RobotsState::State::kUnknown || stale) {
        // Hold the host's first entry: it tells the scheme robots.txt is
        // read over and is fetched as soon as robots.txt allows it.
        if (held_.find(host) == held_.end()) {
          Result<std::vector<storage::FrontierEntry>> taken =
              archive_->frontier().Take(host, now, 1);
          if (!taken.ok()) return taken.status();
          dirty_ = true;
          if (taken->empty()) {
            RefreshHost(host, now);
            continue;
          }
          held_[host] = std::move(taken->front());
        }
        Result<Url> first = Url::Parse(held_[host].url);
        robots.scheme = first.ok() ? first->scheme() : "http";
        NEWSARC_RETURN_IF_ERROR(
            SubmitRobots(host, robots.scheme + "://" + host + "/robots.txt", host, 0, now));
        continue;
      }
    }
    bool started = false;
    for (int skips = 0; !started && skips < kMaxSkipsPerTurn; ++skips) {
      storage::FrontierEntry entry;
      auto held = held_.find(host);
      if (held != held_.end()) {
        entry = std::move(held->second);
        held_.erase(held);
      } else {
        Result<std::vector<storage::FrontierEntry>> taken =
            archive_->frontier().Take(host, now, 1);
        if (!taken.ok()) return taken.status();
        dirty_ = true;
        if (taken->empty()) {
          RefreshHost(host, now);
          break;
        }
        entry = std::move(taken->front());
      }
      NEWSARC_RETURN_IF_ERROR(SubmitEntry(host, std::move(entry), now, &started));
      if (limit_reached_ || capped_hosts_.count(host) != 0) break;
    }
  }
  return Status();
}

Status CrawlSession::SubmitEntry(const std::string& host, storage::FrontierEntry entry,
                                 Micros now, bool* started) {
  storage::Frontier& frontier = archive_->frontier();
  *started = false;
  dirty_ = true;
  if (!options_.ignore_robots && !robots_[host].policy.Allowed(robots_token_, entry.url)) {
    ++stats_.robots_blocked;
    std::string reason = robots_[host].failures > 0 ? "robots.txt unavailable: host not crawled"
                                                    : "disallowed by robots.txt";
    NEWSARC_RETURN_IF_ERROR(Finished(entry, true, 0, "", reason));
    return frontier.MarkFailed(entry.id, reason);
  }
  const bool page = entry.kind == storage::UrlKind::kPage;
  if (page && options_.max_pages > 0 && pages_started_ >= options_.max_pages) {
    if (!options_.page_requisites) {
      limit_reached_ = true;
      return frontier.Requeue(entry.id);
    }
    // The pages captured so far still get their requisites: from now on a
    // host is let go at its first entry that is not one (AddUrl takes it
    // back when a requisite for it turns up).
    pages_limit_reached_ = true;
  }
  bool host_capped = page && options_.max_pages_per_host > 0 &&
                     pages_per_host_[host] >= options_.max_pages_per_host;
  if (host_capped || (pages_limit_reached_ && entry.kind != storage::UrlKind::kRequisite)) {
    capped_hosts_.insert(host);
    scheduler_.SetPending(host, false);
    return frontier.Requeue(entry.id);
  }
  FetchRequest request;
  request.url = entry.url;
  if (page) request.accept_types = options_.content_types;
  if (entry.kind == storage::UrlKind::kRequisite) {
    // As a browser showing the page would: some CDNs refuse images without.
    std::string referer = RequisiteReferer(entry.via, entry.url);
    if (!referer.empty()) request.headers.emplace_back("Referer", std::move(referer));
  }
  if (!entry.last_record_id.empty()) {
    request.if_none_match = entry.etag;
    if (!entry.last_modified.empty()) {
      request.if_modified_since = ParseHttpDate(entry.last_modified);
    }
  }
  Job job;
  job.kind = Job::Kind::kEntry;
  job.host = host;
  job.url = entry.url;
  int64_t id = entry.id;
  storage::FrontierEntry job_entry_copy = entry;
  job.entry = std::move(entry);
  Status st = Submit(std::move(job), now, std::move(request));
  if (st.code() == Status::Code::kInvalidArgument) {
    // A URL the fetcher cannot speak (should not pass normalisation, but a
    // frontier written by another version might hold one): give up on it.
    ++stats_.gave_up;
    NEWSARC_RETURN_IF_ERROR(Finished(job_entry_copy, true, 0, "", st.message()));
    return frontier.MarkFailed(id, st.message());
  }
  NEWSARC_RETURN_IF_ERROR(st);
  *started = true;
  if (page) {
    ++pages_started_;
    ++pages_per_host_[host];
  }
  return Status();
}

Status CrawlSession::SubmitRobots(const std::string& host, const std::string& url,
                                  const std::string& for_host, int hops, Micros now) {
  Job job;
  job.kind = Job::Kind::kRobots;
  job.host = host;
  job.url = url;
  job.robots_for = for_host;
  job.robots_hops = hops;
  robots_[for_host].state = RobotsState::State::kFetching;
  FetchRequest request;
  request.url = url;
  Status st = Submit(std::move(job), now, std::move(request));
  if (st.code() == Status::Code::kInvalidArgument) {
    // Unfetchable robots.txt URL: as if unreachable after the last try.
    RobotsState& robots = robots_[for_host];
    robots.state = RobotsState::State::kReady;
    robots.policy = RobotsPolicy::DisallowAll();
    robots.failures = 1;
    robots.fetched = now;
    scheduler_.SetPending(for_host, true);
    return Status();
  }
  return st;
}

Status CrawlSession::Submit(Job job, Micros now, FetchRequest request) {
  request.id = next_job_id_++;
  Status st = fetcher_->Submit(request);
  if (!st.ok()) return st;
  scheduler_.OnStart(job.host, now);
  NEWSARC_RETURN_IF_ERROR(SaveHost(job.host, /*just_started=*/true));
  starts_unsaved_ = true;
  in_flight_.emplace(request.id, std::move(job));
  CrashPoint("fetch.submitted");
  return Status();
}

void CrawlSession::RefreshHost(const std::string& host, Micros now) {
  if (held_.count(host) != 0 || urgent_.count(host) != 0) return;
  Result<std::optional<Micros>> next = archive_->frontier().NextReady(host);
  if (!next.ok() || !next->has_value() || capped_hosts_.count(host) != 0) {
    scheduler_.SetPending(host, false);
    return;
  }
  if (**next > now) scheduler_.DeferUntil(host, **next);
}

Status CrawlSession::RefreshPendingHosts(Micros now) {
  last_refresh_ = now;
  Result<std::vector<std::pair<std::string, Micros>>> hosts =
      archive_->frontier().HostsWithWork();
  if (!hosts.ok()) return hosts.status();
  hosts_with_work_ = static_cast<int64_t>(hosts->size());
  for (const auto& [host, ready] : *hosts) {
    if (capped_hosts_.count(host) != 0) continue;
    scheduler_.SetPending(host, true);
    if (ready > now) scheduler_.DeferUntil(host, ready);
  }
  for (const auto& [host, entry] : held_) scheduler_.SetPending(host, true);
  for (const auto& [host, jobs] : urgent_) scheduler_.SetPending(host, true);
  return Status();
}

Status CrawlSession::Commit() {
  CrashPoint("commit.before");
  NEWSARC_RETURN_IF_ERROR(archive_->Commit());
  CrashPoint("commit.after");
  dirty_ = false;
  starts_unsaved_ = false;
  return archive_->Begin();
}

Status CrawlSession::SaveHost(const std::string& host, bool just_started) {
  dirty_ = true;
  if (coordinator_ != nullptr) touched_.insert(host);
  SavedHostState state = scheduler_.Save(host);
  // A request handed to curl leaves in the next Poll, after the commit that
  // saves this, and on a loaded machine that can be tens of milliseconds
  // later. The next run spaces from the saved start, so save one later than
  // the request will leave: a little late is polite, early is not. The real
  // departure (OnSent) replaces it when the answer arrives.
  if (just_started) state.last_start += kUnsentSlack;
  return SaveHostState(archive_->frontier(), host, state);
}

Status CrawlSession::Interrupt() {
  interrupted_ = true;
  storage::Frontier& frontier = archive_->frontier();
  // Abandon the transfers in flight: their URLs go back to the queue
  // without counting a try, so --resume fetches them again.
  for (FetchResult& r : fetcher_->CancelAll()) {
    auto it = in_flight_.find(r.id);
    if (it == in_flight_.end()) continue;
    if (it->second.kind == Job::Kind::kEntry) {
      NEWSARC_RETURN_IF_ERROR(frontier.Requeue(it->second.entry.id));
    }
    in_flight_.erase(it);
  }
  for (auto& [host, entry] : held_) NEWSARC_RETURN_IF_ERROR(frontier.Requeue(entry.id));
  held_.clear();
  // Pages already fetched are archived: the work is done, keep it.
  pool_->WaitIdle();
  NEWSARC_RETURN_IF_ERROR(FinishPrepared());
  NEWSARC_RETURN_IF_ERROR(archive_->Commit());
  dirty_ = false;
  return Status();
}

Status CrawlSession::SyncCluster(Micros now) {
  last_sync_ = now;
  // Only what committed is shipped: a capture and its outbox row go together.
  if (dirty_) NEWSARC_RETURN_IF_ERROR(Commit());
  CoordinatorSync io;
  io.host_state = [this](const std::string& host) { return scheduler_.Save(host); };
  io.touched_hosts.assign(touched_.begin(), touched_.end());
  touched_.clear();
  io.robots = [this](const std::string& host) {
    auto it = robots_.find(host);
    return it == robots_.end() ? std::string() : EncodeRobots(it->second);
  };
  io.robots_touched.assign(robots_touched_.begin(), robots_touched_.end());
  robots_touched_.clear();
  for (const auto& [id, job] : in_flight_) io.busy_hosts.insert(job.host);
  for (const auto& [id, p] : preparing_) io.busy_hosts.insert(p.job.host);
  for (const auto& [host, entry] : held_) io.busy_hosts.insert(host);
  io.local_work = HasWork();
  NEWSARC_RETURN_IF_ERROR(coordinator_->Sync(archive_->frontier(), now, &io));
  dirty_ = true;
  for (const std::string& host : io.lost) DropHost(host);
  for (const CoordinatorSync::Gained& g : io.gained) {
    scheduler_.Restore(g.host, g.state);
    // The last holder's robots.txt, while fresh: no second request for it.
    RobotsState robots;
    if (!options_.ignore_robots && robots_.count(g.host) == 0 && DecodeRobots(g.robots, &robots) &&
        now - robots.fetched < kRobotsMaxCacheAge) {
      robots_[g.host] = std::move(robots);
    }
  }
  cluster_finished_ = io.finished;
  NEWSARC_RETURN_IF_ERROR(Commit());
  return RefreshPendingHosts(NowMicros());
}

std::string CrawlSession::EncodeRobots(const RobotsState& robots) {
  if (robots.state != RobotsState::State::kReady) return "";
  nlohmann::json j = {{"rule", static_cast<int>(robots.rule)},
                      {"fetched", robots.fetched},
                      {"failures", robots.failures},
                      {"scheme", robots.scheme}};
  if (robots.rule == RobotsState::Rule::kParse) j["body"] = robots.body;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool CrawlSession::DecodeRobots(const std::string& text, RobotsState* robots) {
  if (text.empty()) return false;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("rule") || !j["rule"].is_number_integer() ||
      !j.contains("fetched") || !j["fetched"].is_number_integer()) {
    return false;
  }
  int rule = j["rule"].get<int>();
  if (rule == static_cast<int>(RobotsState::Rule::kParse)) {
    if (!j.contains("body") || !j["body"].is_string()) return false;
    robots->body = j["body"].get<std::string>();
    robots->policy = RobotsPolicy::Parse(robots->body);
  } else if (rule == static_cast<int>(RobotsState::Rule::kAllowAll)) {
    robots->policy = RobotsPolicy::AllowAll();
  } else if (rule == static_cast<int>(RobotsState::Rule::kDisallowAll)) {
    robots->policy = RobotsPolicy::DisallowAll();
  } else {
    return false;
  }
  robots->rule = static_cast<RobotsState::Rule>(rule);
  robots->fetched = j["fetched"].get<Micros>();
  robots->failures = j.value("failures", 0);
  robots->scheme = j.value("scheme", std::string("http"));
  robots->state = RobotsState::State::kReady;
  return true;
}

void CrawlSession::DropHost(const std::string& host) {
  held_.erase(host);
  urgent_.erase(host);
  robots_.erase(host);  // read again by whoever holds it next
  capped_hosts_.erase(host);
  scheduler_.SetPending(host, false);
}

void CrawlSession::DrawProgress(Micros now) {
  if (!progress_) return;
  if (now - last_counts_ > kRefreshInterval) {
    last_counts_ = now;
    Result<storage::FrontierCounts> c = archive_->frontier().Counts();
    if (c.ok()) queued_estimate_ = c->queued;
  }
  double elapsed = static_cast<double>(now - started_at_) / 1e6;
  double rate = elapsed > 0 ? static_cast<double>(stats_.fetched) / elapsed : 0;
  int64_t ready = static_cast<int64_t>(scheduler_.ReadyHosts(now, 1u << 20).size());
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "fetched, %lld queued, %.1f pages/s, %lld errors, %lld in flight, "
                "%lld hosts waiting",
                static_cast<long long>(queued_estimate_), rate,
                static_cast<long long>(stats_.errors),
                static_cast<long long>(in_flight_.size()),
                static_cast<long long>(std::max<int64_t>(0, hosts_with_work_ - ready)));
  std::string line = buf;
  if (coordinator_ != nullptr) line += ", " + coordinator_->Describe();
  progress_->Update(static_cast<uint64_t>(stats_.fetched), line);
}

}  // namespace newsarc::crawler
