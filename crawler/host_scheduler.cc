#include "crawler/host_scheduler.h"

#include <algorithm>
#include <cmath>

namespace newsarc::crawler {

namespace {
// Weight of the newest response time in the moving average: recent enough
// to follow a server that slows down, smooth enough to ignore one outlier.
constexpr double kResponseTimeWeight = 0.3;
}  // namespace

HostScheduler::HostScheduler(PolitenessOptions options) : options_(options) {
  if (options_.max_connections_per_host < 1) options_.max_connections_per_host = 1;
}

HostState& HostScheduler::Get(std::string_view host) {
  auto it = hosts_.find(std::string(host));
  if (it == hosts_.end()) it = hosts_.emplace(std::string(host), HostState{}).first;
  return it->second;
}

const HostState* HostScheduler::Find(std::string_view host) const {
  auto it = hosts_.find(std::string(host));
  return it == hosts_.end() ? nullptr : &it->second;
}

bool HostScheduler::IsFailure(int http_status) {
  return http_status == 0 || http_status == 429 || http_status >= 500;
}

Micros HostScheduler::EffectiveDelayOf(const HostState& s) const {
  // The learned interval protects a server that said it is overloaded, so it
  // applies even with politeness off.
  if (options_.politeness_off()) return s.learned_interval;
  Micros base = std::max(options_.delay, s.learned_interval);
  if (options_.honor_crawl_delay && s.crawl_delay > 0) {
    base = std::max(base, std::min(s.crawl_delay, options_.max_crawl_delay));
  }
  if (options_.response_time_factor > 0 && s.avg_response_time > 0) {
    double grown = options_.response_time_factor * s.avg_response_time;
    Micros adaptive = grown >= static_cast<double>(options_.max_adaptive_delay)
                          ? options_.max_adaptive_delay
                          : static_cast<Micros>(grown);
    base = std::max(base, adaptive);
  }
  return base;
}

Micros HostScheduler::StartSpacing(const HostState& s) const {
  Micros delay = EffectiveDelayOf(s);
  return delay > 0 ? delay + options_.arrival_margin : 0;
}

Micros HostScheduler::EffectiveDelay(std::string_view host) const {
  const HostState* s = Find(host);
  return s == nullptr ? EffectiveDelayOf(HostState{}) : EffectiveDelayOf(*s);
}

Micros HostScheduler::Backoff(int n) const {
  if (n <= 0) return 0;
  Micros b = options_.backoff_initial;
  for (int i = 1; i < n && b < options_.backoff_max; ++i) b *= 2;
  return std::min(b, options_.backoff_max);
}

void HostScheduler::SetCrawlDelay(std::string_view host, Micros crawl_delay) {
  HostState& s = Get(host);
  s.crawl_delay = std::max<Micros>(0, crawl_delay);
  if (s.last_start != std::numeric_limits<Micros>::min()) {
    s.next_ready = std::max(s.next_ready, s.last_start + StartSpacing(s));
  }
  Reindex(std::string(host), s);
}

void HostScheduler::SetPending(std::string_view host, bool pending) {
  HostState& s = Get(host);
  s.pending = pending;
  Reindex(std::string(host), s);
}

void HostScheduler::DeferUntil(std::string_view host, Micros until) {
  HostState& s = Get(host);
  s.next_ready = std::max(s.next_ready, until);
  Reindex(std::string(host), s);
}

Micros HostScheduler::NextReady(std::string_view host) const {
  const HostState* s = Find(host);
  if (s == nullptr) return 0;
  if (s->in_flight >= options_.max_connections_per_host) return kNever;
  return s->next_ready;
}

bool HostScheduler::CanStart(std::string_view host, Micros now) const {
  return NextReady(host) <= now;
}

void HostScheduler::OnStart(std::string_view host, Micros now) {
  HostState& s = Get(host);
  ++s.in_flight;
  s.last_start = now;
  s.next_ready = std::max(s.next_ready, now + StartSpacing(s));
  Reindex(std::string(host), s);
}

void HostScheduler::OnSent(std::string_view host, Micros sent) {
  HostState& s = Get(host);
  if (sent <= s.last_start) return;
  s.last_start = sent;
  s.next_ready = std::max(s.next_ready, sent + StartSpacing(s));
  Reindex(std::string(host), s);
}

void HostScheduler::OnResult(std::string_view host, Micros now, int http_status,
                             std::optional<Micros> retry_after,
                             Micros response_time) {
  HostState& s = Get(host);
  if (s.in_flight > 0) --s.in_flight;
  if (http_status != 0 && response_time > 0) {
    s.avg_response_time =
        s.avg_response_time == 0
            ? static_cast<double>(response_time)
            : (1 - kResponseTimeWeight) * s.avg_response_time +
                  kResponseTimeWeight * static_cast<double>(response_time);
  }
  if (IsFailure(http_status)) {
    ++s.failures;
    ++s.consecutive_failures;
    s.failing = s.consecutive_failures >= options_.host_failure_threshold;
    Micros wait;
    if ((http_status == 429 || http_status == 503) && retry_after.has_value()) {
      wait = std::clamp<Micros>(*retry_after, 0, options_.max_retry_after);
    } else {
      wait = Backoff(s.consecutive_failures);
    }
    s.next_ready = std::max(s.next_ready, now + wait);
    if (http_status == 429 || http_status == 503) {
      ++s.rate_limited;
      Micros learned = std::max(s.learned_interval * 2, options_.min_learned_interval);
      if (retry_after.has_value()) learned = std::max(learned, *retry_after);
      s.learned_interval = std::min(learned, options_.max_adaptive_delay);
    }
  } else {
    ++s.successes;
    if (s.learned_interval > 0 && http_status != 0) {
      s.learned_interval =
          static_cast<Micros>(static_cast<double>(s.learned_interval) * options_.learned_decay);
      if (s.learned_interval < 1000) s.learned_interval = 0;
    }
    s.consecutive_failures = 0;
    s.failing = false;
  }
  // A slower average raises the delay for the request that already started.
  if (s.last_start != std::numeric_limits<Micros>::min()) {
    s.next_ready = std::max(s.next_ready, s.last_start + StartSpacing(s));
  }
  Reindex(std::string(host), s);
}

SavedHostState HostScheduler::Save(std::string_view host) const {
  SavedHostState saved;
  const HostState* s = Find(host);
  if (s == nullptr) return saved;
  if (s->last_start != std::numeric_limits<Micros>::min()) saved.last_start = s->last_start;
  saved.next_ready = s->next_ready;
  saved.crawl_delay = s->crawl_delay;
  saved.learned_interval = s->learned_interval;
  saved.avg_response_time = s->avg_response_time;
  saved.consecutive_failures = s->consecutive_failures;
  return saved;
}

void HostScheduler::Restore(std::string_view host, const SavedHostState& saved) {
  HostState& s = Get(host);
  if (saved.last_start > 0) s.last_start = std::max(s.last_start, saved.last_start);
  s.crawl_delay = std::max<Micros>(0, saved.crawl_delay);
  s.learned_interval = std::clamp<Micros>(saved.learned_interval, 0, options_.max_adaptive_delay);
  if (saved.avg_response_time > 0 && std::isfinite(saved.avg_response_time)) {
    s.avg_response_time = saved.avg_response_time;
  }
  // The failure count keeps the backoff growing, but a new run gives a
  // failing host another chance: "failing" is for this run to find out.
  s.consecutive_failures = std::max(0, saved.consecutive_failures);
  // A Retry-After or backoff deadline is honoured as it was, but never
  // further out than this run's caps allow from the last request.
  Micros cap = std::max(options_.max_retry_after, options_.backoff_max);
  Micros deadline = saved.next_ready;
  if (saved.last_start > 0) deadline = std::min(deadline, saved.last_start + cap);
  s.next_ready = std::max(s.next_ready, deadline);
  if (s.last_start != std::numeric_limits<Micros>::min()) {
    s.next_ready = std::max(s.next_ready, s.last_start + StartSpacing(s));
  }
  Reindex(std::string(host), s);
}

void HostScheduler::Reindex(const std::string& host, HostState& s) {
  auto old = indexed_at_.find(host);
  if (old != indexed_at_.end()) {
    ready_index_.erase({old->second, host});
    indexed_at_.erase(old);
  }
  if (s.pending && s.in_flight < options_.max_connections_per_host) {
    ready_index_.emplace(s.next_ready, host);
    indexed_at_.emplace(host, s.next_ready);
  }
}

std::vector<std::string> HostScheduler::ReadyHosts(Micros now, size_t max) const {
  std::vector<std::string> out;
  for (auto it = ready_index_.begin();
       it != ready_index_.end() && it->first <= now && out.size() < max; ++it) {
    out.push_back(it->second);
  }
  return out;
}

Micros HostScheduler::NextWakeup() const {
  return ready_index_.empty() ? kNever : ready_index_.begin()->first;
}

}  // namespace newsarc::crawler
