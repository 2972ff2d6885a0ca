// Per-host politeness: when may the crawler start the next request to a host?
//
// Pure bookkeeping with the time passed in by the caller, so tests drive it
// with a fake clock and the crawl loop with NowMicros(). The crawl loop:
//   SetPending(host, true) when the frontier has URLs for the host;
//   ReadyHosts(now, n) -> hosts that may start a request now (soonest first);
//   OnStart(host, now) just before submitting to the fetcher;
//   OnResult(host, now, http_status, retry_after, response_time) when it ends;
//   NextWakeup() -> when the next pending host becomes ready (a poll timeout).
//
// Rules (issue 4, "Politeness"):
// - At most max_connections_per_host requests in flight per host (default 1).
// - Request STARTS to one host are at least EffectiveDelay() apart:
//   max(delay, min(robots Crawl-delay, max_crawl_delay)), raised to
//   response_time_factor x the host's average response time (an exponential
//   moving average), that growth capped at max_adaptive_delay.
// - A 429 or 503 with a Retry-After makes the host wait that long (capped at
//   max_retry_after) from the moment the response arrived.
// - A 429 or 503 also teaches the scheduler the host's rate limit: the host's
//   learned interval doubles (at least min_learned_interval, at least the
//   Retry-After, at most max_adaptive_delay) and every success shrinks it by
//   learned_decay. Starts are then spaced by it even with politeness off, so
//   a rate-limited host is crawled at about its limit instead of in bursts
//   that each end in a run of 429s (the retry storm wget and Crawlee cause).
// - Any other failure (429/503 without a usable Retry-After, other 5xx, or no
//   response at all: timeout, refused, reset) backs the whole host off
//   exponentially: backoff_initial x 2^(n-1) after the n-th consecutive
//   failure, capped at backoff_max. A success resets n. After
//   host_failure_threshold consecutive failures the host is "failing", which
//   the crawl loop uses to give up on its URLs (with the reason archived).
// - delay == 0 with honor_crawl_delay == false turns the delays off (and
//   the response-time growth with them) for benchmarks against one's own
//   servers. Retry-After and backoff stay on: they protect a struggling
//   server, not an idle one.
// The host key is the caller's choice (the crawl loop uses the URL's host,
// with the port when it is not the default). Not thread-safe.
#ifndef NEWSARC_CRAWLER_HOST_SCHEDULER_H_
#define NEWSARC_CRAWLER_HOST_SCHEDULER_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/time.h"

namespace newsarc::crawler {

inline constexpr Micros kSecond = 1000000;

struct PolitenessOptions {
  Micros delay = 1 * kSecond;             // --delay
  bool honor_crawl_delay = true;          // false with --ignore-crawl-delay
  Micros max_crawl_delay = 60 * kSecond;  // robots Crawl-delay is capped here
  double response_time_factor = 2.0;      // 0 disables the growth
  Micros max_adaptive_delay = 30 * kSecond;
  int max_connections_per_host = 1;
  Micros max_retry_after = 15 * 60 * kSecond;
  Micros backoff_initial = 2 * kSecond;
  Micros backoff_max = 10 * 60 * kSecond;
  int host_failure_threshold = 5;
  // Added to every non-zero delay between starts. Politeness is judged by
  // when requests ARRIVE at the server, and a request on a new connection
  // (or behind a busy event loop) arrives a little later than it started,
  // so the next one on a reused connection could land closer than the
  // delay. The crawler sets 20 ms; tests of exact arithmetic keep 0.
  Micros arrival_margin = 0;
  Micros min_learned_interval = 250000;  // first step after a 429/503
  double learned_decay = 0.99;           // per success

  bool politeness_off() const { return delay == 0 && !honor_crawl_delay; }
};

// What the scheduler knows about one host. Read-only for callers.
struct HostState {
  int in_flight = 0;
  Micros next_ready = 0;       // earliest time the next request may start
  Micros last_start = std::numeric_limits<Micros>::min();
  Micros crawl_delay = 0;      // from robots.txt, uncapped as given
  double avg_response_time = 0;  // microseconds; 0 until the first response
  int consecutive_failures = 0;
  int64_t failures = 0;
  int64_t successes = 0;
  bool pending = false;        // the frontier has URLs for this host
  bool failing = false;        // consecutive_failures >= threshold
  Micros learned_interval = 0;  // from 429/503 answers; see the rules above
  int64_t rate_limited = 0;     // 429/503 answers received
};

// The part of a host's state that must outlive the process: kept in the
// archive (politeness_store.h) so that a resumed or restarted crawl spaces
// its first requests to a host from the last ones of the run before it, and
// remembers a rate limit or backoff the host taught it (issue 13).
struct SavedHostState {
  Micros last_start = 0;          // when the last request started (0: never)
  Micros next_ready = 0;          // the host's earliest next start then
  Micros crawl_delay = 0;         // robots.txt Crawl-delay, as given
  Micros learned_interval = 0;
  double avg_response_time = 0;   // microseconds
  int consecutive_failures = 0;
};

class HostScheduler {
 public:
  static constexpr Micros kNever = std::numeric_limits<Micros>::max();

  explicit HostScheduler(PolitenessOptions options = {});

  const PolitenessOptions& options() const { return options_; }

  // robots.txt Crawl-delay for `host` (0 clears it).
  void SetCrawlDelay(std::string_view host, Micros crawl_delay);
  // Marks whether the frontier has work for `host`; only pending hosts are
  // returned by ReadyHosts() and counted by NextWakeup().
  void SetPending(std::string_view host, bool pending);
  // Holds the host back until at least `until` (e.g. robots.txt answered
  // 429/5xx, so the host is deferred, not crawled).
  void DeferUntil(std::string_view host, Micros until);

  // When the next request to `host` may start: a time (possibly <= now), or
  // kNever while it has max_connections_per_host requests in flight.
  Micros NextReady(std::string_view host) const;
  bool CanStart(std::string_view host, Micros now) const;

  // The delay between starts that applies to `host` now.
  Micros EffectiveDelay(std::string_view host) const;

  void OnStart(std::string_view host, Micros now);
  // The request started at OnStart actually left at `sent` (curl sends it
  // on its next turn, which a busy or descheduled loop can delay): the
  // spacing counts from then, so a late departure never brings the next
  // request closer than the delay. Call before OnResult.
  void OnSent(std::string_view host, Micros sent);
  // `http_status` is 0 when no response arrived (timeout, refused, reset).
  // `retry_after` is the parsed Retry-After delay (see retry_after.h), if
  // the response had one. `response_time` is from request start to the end.
  void OnResult(std::string_view host, Micros now, int http_status,
                std::optional<Micros> retry_after, Micros response_time);

  // Up to `max` pending hosts that may start now, soonest-ready first.
  std::vector<std::string> ReadyHosts(Micros now, size_t max) const;
  // Earliest next_ready among pending hosts with a free connection, or kNever.
  Micros NextWakeup() const;

  // What to persist for `host` (zeros for a host never mentioned).
  SavedHostState Save(std::string_view host) const;
  // Takes back a saved state: the next start is no sooner than the saved
  // next_ready and than the saved last start plus the spacing that applies
  // now (this run's options, the saved crawl delay and learned interval).
  void Restore(std::string_view host, const SavedHostState& saved);

  // nullptr when the host was never mentioned.
  const HostState* Find(std::string_view host) const;
  size_t host_count() const { return hosts_.size(); }

  // True for the responses that count as a host failure.
  static bool IsFailure(int http_status);

 private:
  HostState& Get(std::string_view host);
  Micros EffectiveDelayOf(const HostState& state) const;
  // EffectiveDelayOf plus the arrival margin: the spacing of starts.
  Micros StartSpacing(const HostState& state) const;
  Micros Backoff(int consecutive_failures) const;
  // Keeps ready_index_ in step with a host's state.
  void Reindex(const std::string& host, HostState& state);

  PolitenessOptions options_;
  std::unordered_map<std::string, HostState> hosts_;
  // (next_ready, host) for pending hosts with a free connection slot.
  std::set<std::pair<Micros, std::string>> ready_index_;
  // The key each host currently has in ready_index_, if any.
  std::unordered_map<std::string, Micros> indexed_at_;
};

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_HOST_SCHEDULER_H_
