#include "crawler/host_scheduler.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsarc::crawler {
namespace {

constexpr Micros kMs = 1000;
constexpr Micros s = kSecond;

// Options with the response-time growth off, so delays are exact.
PolitenessOptions Fixed(Micros delay) {
  PolitenessOptions o;
  o.delay = delay;
  o.response_time_factor = 0;
  return o;
}

TEST(HostSchedulerTest, UnknownHostIsReadyAtOnce) {
  HostScheduler sched;
  EXPECT_EQ(sched.NextReady("a.example"), 0);
  EXPECT_TRUE(sched.CanStart("a.example", 0));
  EXPECT_EQ(sched.Find("a.example"), nullptr);
  EXPECT_EQ(sched.EffectiveDelay("a.example"), 1 * s);  // the default
}

TEST(HostSchedulerTest, DelayIsBetweenRequestStarts) {
  HostScheduler sched(Fixed(2 * s));
  const Micros t0 = 1000 * s;
  sched.OnStart("a", t0);
  EXPECT_FALSE(sched.CanStart("a", t0));
  // Finishing quickly does not shorten the wait: it counts from the start.
  sched.OnResult("a", t0 + 100 * kMs, 200, std::nullopt, 100 * kMs);
  EXPECT_EQ(sched.NextReady("a"), t0 + 2 * s);
  EXPECT_FALSE(sched.CanStart("a", t0 + 2 * s - 1));
  EXPECT_TRUE(sched.CanStart("a", t0 + 2 * s));
  // Other hosts are not held back.
  EXPECT_TRUE(sched.CanStart("b", t0 + 1));
}

TEST(HostSchedulerTest, SpacingCountsFromWhenTheRequestLeft) {
  HostScheduler sched(Fixed(2 * s));
  const Micros t0 = 1000 * s;
  sched.OnStart("a", t0);
  // curl sent it 40 ms after it was handed over (a busy loop): the next
  // request waits 2 s from the departure, not from the hand-over.
  sched.OnSent("a", t0 + 40 * kMs);
  sched.OnResult("a", t0 + 100 * kMs, 200, std::nullopt, 60 * kMs);
  EXPECT_EQ(sched.NextReady("a"), t0 + 40 * kMs + 2 * s);
  // A departure reported earlier than the start changes nothing.
  sched.OnStart("b", t0);
  sched.OnSent("b", t0 - 5 * kMs);
  sched.OnResult("b", t0 + 100 * kMs, 200, std::nullopt, 100 * kMs);
  EXPECT_EQ(sched.NextReady("b"), t0 + 2 * s);
}

TEST(HostSchedulerTest, OneConnectionPerHostByDefault) {
  HostScheduler sched(Fixed(0));
  sched.OnStart("a", 0);
  // Even with no delay, a second request waits for the first to finish.
  EXPECT_EQ(sched.NextReady("a"), HostScheduler::kNever);
  EXPECT_FALSE(sched.CanStart("a", 100 * s));
  sched.OnResult("a", 5 * s, 200, std::nullopt, 5 * s);
  EXPECT_TRUE(sched.CanStart("a", 5 * s));

  PolitenessOptions two = Fixed(0);
  two.max_connections_per_host = 2;
  HostScheduler wider(two);
  wider.OnStart("a", 0);
  EXPECT_TRUE(wider.CanStart("a", 0));
  wider.OnStart("a", 0);
  EXPECT_FALSE(wider.CanStart("a", 0));
  EXPECT_EQ(wider.Find("a")->in_flight, 2);
}

TEST(HostSchedulerTest, CrawlDelayRaisesTheDelayUpToTheCap) {
  PolitenessOptions o = Fixed(1 * s);
  o.max_crawl_delay = 10 * s;
  HostScheduler sched(o);
  sched.SetCrawlDelay("a", 5 * s);
  EXPECT_EQ(sched.EffectiveDelay("a"), 5 * s);
  sched.SetCrawlDelay("b", 3600 * s);  // capped
  EXPECT_EQ(sched.EffectiveDelay("b"), 10 * s);
  sched.SetCrawlDelay("c", 100 * kMs);  // never below --delay
  EXPECT_EQ(sched.EffectiveDelay("c"), 1 * s);
  sched.OnStart("a", 0);
  sched.OnResult("a", 1 * s, 200, std::nullopt, 1 * s);
  EXPECT_EQ(sched.NextReady("a"), 5 * s);
  // Learning the Crawl-delay after a request started still applies to it.
  sched.OnStart("d", 0);
  sched.SetCrawlDelay("d", 7 * s);
  sched.OnResult("d", 1 * s, 200, std::nullopt, 1 * s);
  EXPECT_EQ(sched.NextReady("d"), 7 * s);
}

TEST(HostSchedulerTest, IgnoringCrawlDelayWithZeroDelayTurnsPolitenessOff) {
  PolitenessOptions o;
  o.delay = 0;
  o.honor_crawl_delay = false;
  ASSERT_TRUE(o.politeness_off());
  HostScheduler sched(o);
  sched.SetCrawlDelay("a", 30 * s);
  sched.OnStart("a", 0);
  sched.OnResult("a", 3 * s, 200, std::nullopt, 3 * s);  // slow, but no growth
  EXPECT_EQ(sched.EffectiveDelay("a"), 0);
  EXPECT_TRUE(sched.CanStart("a", 3 * s));
  // Ignoring Crawl-delay alone keeps --delay.
  PolitenessOptions ignore = Fixed(2 * s);
  ignore.honor_crawl_delay = false;
  HostScheduler sched2(ignore);
  sched2.SetCrawlDelay("a", 30 * s);
  EXPECT_EQ(sched2.EffectiveDelay("a"), 2 * s);
}

TEST(HostSchedulerTest, DelayGrowsWithResponseTime) {
  PolitenessOptions o;
  o.delay = 1 * s;
  o.response_time_factor = 2.0;
  o.max_adaptive_delay = 30 * s;
  HostScheduler sched(o);
  sched.OnStart("slow", 0);
  sched.OnResult("slow", 3 * s, 200, std::nullopt, 3 * s);
  // 2 x 3 s average: the next start is 6 s after the last one.
  EXPECT_EQ(sched.EffectiveDelay("slow"), 6 * s);
  EXPECT_EQ(sched.NextReady("slow"), 6 * s);
  // A fast host keeps the configured delay.
  sched.OnStart("fast", 0);
  sched.OnResult("fast", 50 * kMs, 200, std::nullopt, 50 * kMs);
  EXPECT_EQ(sched.EffectiveDelay("fast"), 1 * s);
  // The average follows the server as it speeds up (moving average).
  Micros before = sched.EffectiveDelay("slow");
  for (int i = 0; i < 20; ++i) {
    Micros t = sched.NextReady("slow");
    sched.OnStart("slow", t);
    sched.OnResult("slow", t + 100 * kMs, 200, std::nullopt, 100 * kMs);
  }
  EXPECT_LT(sched.EffectiveDelay("slow"), before);
  EXPECT_LT(sched.EffectiveDelay("slow"), 2 * s);
  // The growth is capped.
  sched.OnStart("glacial", 0);
  sched.OnResult("glacial", 100 * s, 200, std::nullopt, 100 * s);
  EXPECT_EQ(sched.EffectiveDelay("glacial"), 30 * s);
}

TEST(HostSchedulerTest, RetryAfterIsHonouredAndCapped) {
  PolitenessOptions o = Fixed(1 * s);
  o.max_retry_after = 600 * s;
  HostScheduler sched(o);
  sched.OnStart("a", 0);
  sched.OnResult("a", 1 * s, 429, 120 * s, 1 * s);
  EXPECT_EQ(sched.NextReady("a"), 121 * s);  // from when the response arrived
  EXPECT_FALSE(sched.CanStart("a", 120 * s));
  sched.OnStart("b", 0);
  sched.OnResult("b", 0, 503, 86400 * s, 0);
  EXPECT_EQ(sched.NextReady("b"), 600 * s);  // capped
  // Retry-After on a success is not a failure and does not delay.
  sched.OnStart("c", 0);
  sched.OnResult("c", 0, 200, 500 * s, 0);
  EXPECT_EQ(sched.NextReady("c"), 1 * s);
  EXPECT_EQ(sched.Find("c")->failures, 0);
}

TEST(HostSchedulerTest, FailuresBackOffExponentiallyAndSuccessResets) {
  PolitenessOptions o = Fixed(1 * s);
  o.backoff_initial = 2 * s;
  o.backoff_max = 20 * s;
  o.host_failure_threshold = 4;
  HostScheduler sched(o);
  Micros t = 0;
  std::vector<Micros> waits;
  // 500, timeout (0), 502, 429 without Retry-After, 503: all failures.
  for (int status : {500, 0, 502, 429, 503}) {
    sched.OnStart("a", t);
    sched.OnResult("a", t, status, std::nullopt, 0);
    waits.push_back(sched.NextReady("a") - t);
    t = sched.NextReady("a");
  }
  EXPECT_EQ(waits, (std::vector<Micros>{2 * s, 4 * s, 8 * s, 16 * s, 20 * s}));
  const HostState* st = sched.Find("a");
  EXPECT_EQ(st->consecutive_failures, 5);
  EXPECT_EQ(st->failures, 5);
  EXPECT_TRUE(st->failing);
  // A success resets the backoff; the failure total stays.
  sched.OnStart("a", t);
  sched.OnResult("a", t, 200, std::nullopt, 0);
  EXPECT_EQ(sched.NextReady("a"), t + 1 * s);
  EXPECT_EQ(st->consecutive_failures, 0);
  EXPECT_FALSE(st->failing);
  EXPECT_EQ(st->failures, 5);
  EXPECT_EQ(st->successes, 1);
  // 404 and 304 are answers, not failures.
  EXPECT_FALSE(HostScheduler::IsFailure(404));
  EXPECT_FALSE(HostScheduler::IsFailure(304));
  EXPECT_TRUE(HostScheduler::IsFailure(0));
  EXPECT_TRUE(HostScheduler::IsFailure(429));
  EXPECT_TRUE(HostScheduler::IsFailure(504));
}

TEST(HostSchedulerTest, BackoffAppliesEvenWithPolitenessOff) {
  PolitenessOptions o;
  o.delay = 0;
  o.honor_crawl_delay = false;
  o.backoff_initial = 1 * s;
  HostScheduler sched(o);
  sched.OnStart("a", 0);
  sched.OnResult("a", 0, 429, std::nullopt, 0);
  EXPECT_EQ(sched.NextReady("a"), 1 * s);
  sched.OnStart("b", 0);
  sched.OnResult("b", 0, 429, 5 * s, 0);
  EXPECT_EQ(sched.NextReady("b"), 5 * s);
}

TEST(HostSchedulerTest, RateLimitAnswersTeachTheHostsIntervalEvenWithPolitenessOff) {
  PolitenessOptions o;
  o.delay = 0;
  o.honor_crawl_delay = false;
  o.backoff_initial = 1 * s;
  o.min_learned_interval = 250 * kMs;
  o.learned_decay = 0.5;
  HostScheduler sched(o);
  EXPECT_EQ(sched.EffectiveDelay("a"), 0);
  sched.OnStart("a", 0);
  sched.OnResult("a", 0, 429, std::nullopt, 0);
  EXPECT_EQ(sched.Find("a")->learned_interval, 250 * kMs);
  EXPECT_EQ(sched.EffectiveDelay("a"), 250 * kMs);
  sched.OnStart("a", 1 * s);
  sched.OnResult("a", 1 * s, 429, 2 * s, 0);  // doubles, and at least Retry-After
  EXPECT_EQ(sched.Find("a")->learned_interval, 2 * s);
  EXPECT_EQ(sched.Find("a")->rate_limited, 2);
  // Starts are spaced by the learned interval after the wait.
  sched.OnStart("a", 3 * s);
  EXPECT_EQ(sched.NextReady("a"), HostScheduler::kNever);
  sched.OnResult("a", 3 * s, 200, std::nullopt, 0);
  EXPECT_EQ(sched.Find("a")->learned_interval, 1 * s);  // decays on success
  EXPECT_EQ(sched.NextReady("a"), 3 * s + 2 * s);        // the start used 2 s
  // Other hosts are unaffected.
  EXPECT_EQ(sched.EffectiveDelay("b"), 0);
  // The learned interval never exceeds the adaptive cap.
  for (int i = 0; i < 30; ++i) {
    sched.OnStart("a", 10 * s);
    sched.OnResult("a", 10 * s, 503, std::nullopt, 0);
  }
  EXPECT_EQ(sched.Find("a")->learned_interval, o.max_adaptive_delay);
}

TEST(HostSchedulerTest, ReadyHostsListsPendingHostsSoonestFirst) {
  HostScheduler sched(Fixed(1 * s));
  for (const char* h : {"a", "b", "c", "d"}) sched.SetPending(h, true);
  sched.SetPending("d", false);  // no work queued for d
  EXPECT_EQ(sched.ReadyHosts(0, 10), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(sched.ReadyHosts(0, 2).size(), 2u);
  sched.OnStart("b", 0);
  EXPECT_EQ(sched.ReadyHosts(0, 10), (std::vector<std::string>{"a", "c"}));
  sched.OnStart("a", 100 * kMs);
  sched.OnStart("c", 200 * kMs);
  // All busy: nothing ready, and no wake-up until one finishes.
  EXPECT_TRUE(sched.ReadyHosts(10 * s, 10).empty());
  EXPECT_EQ(sched.NextWakeup(), HostScheduler::kNever);
  sched.OnResult("c", 300 * kMs, 200, std::nullopt, 0);
  sched.OnResult("a", 300 * kMs, 200, std::nullopt, 0);
  EXPECT_EQ(sched.NextWakeup(), 1100 * kMs);  // a's delay ends first
  EXPECT_TRUE(sched.ReadyHosts(1 * s, 10).empty());
  EXPECT_EQ(sched.ReadyHosts(1100 * kMs, 10), (std::vector<std::string>{"a"}));
  EXPECT_EQ(sched.ReadyHosts(2 * s, 10), (std::vector<std::string>{"a", "c"}));
  sched.DeferUntil("a", 60 * s);  // e.g. robots.txt answered 503
  EXPECT_EQ(sched.ReadyHosts(2 * s, 10), (std::vector<std::string>{"c"}));
  sched.OnResult("b", 2 * s, 200, std::nullopt, 0);
  EXPECT_EQ(sched.ReadyHosts(2 * s, 10), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(sched.host_count(), 4u);
}

// Simulates a crawl loop over many hosts with a fake clock and checks the
// invariant the end-to-end test checks in nginx's log: no two starts to one
// host closer than the delay, and at most one in flight per host.
TEST(HostSchedulerTest, SimulatedCrawlNeverViolatesTheDelay) {
  PolitenessOptions o;
  o.delay = 500 * kMs;
  HostScheduler sched(o);
  constexpr int kHosts = 20;
  std::vector<int> remaining(kHosts, 15);
  std::vector<Micros> last_start(kHosts, -1'000'000'000);
  struct InFlight {
    int host;
    Micros end;
  };
  std::vector<InFlight> flying;
  for (int h = 0; h < kHosts; ++h) sched.SetPending("h" + std::to_string(h), true);
  Micros now = 0;
  int started = 0;
  while (started < kHosts * 15 || !flying.empty()) {
    for (const std::string& host : sched.ReadyHosts(now, 8)) {
      int h = std::stoi(host.substr(1));
      ASSERT_GE(now - last_start[h], 500 * kMs) << host;
      for (const InFlight& f : flying) ASSERT_NE(f.host, h) << "two in flight to " << host;
      last_start[h] = now;
      sched.OnStart(host, now);
      if (--remaining[h] == 0) sched.SetPending(host, false);
      // Response times vary per host: 10 ms .. 590 ms.
      flying.push_back({h, now + (10 + 30 * h) * kMs});
      ++started;
    }
    // Advance to the next event: a transfer ending or a host becoming ready.
    Micros next = sched.NextWakeup();
    for (const InFlight& f : flying) next = std::min(next, f.end);
    ASSERT_NE(next, HostScheduler::kNever);
    now = std::max(now, next);
    for (size_t i = 0; i < flying.size();) {
      if (flying[i].end <= now) {
        std::string host = "h" + std::to_string(flying[i].host);
        int status = flying[i].host == 3 && remaining[3] % 4 == 0 ? 503 : 200;
        sched.OnResult(host, now, status, std::nullopt, (10 + 30 * flying[i].host) * kMs);
        flying.erase(flying.begin() + static_cast<long>(i));
      } else {
        ++i;
      }
    }
  }
  EXPECT_EQ(started, kHosts * 15);
  EXPECT_GT(sched.Find("h3")->failures, 0);
}

// Issue 13: what a run leaves behind binds the next one.
TEST(HostSchedulerTest, RestoredStateSpacesTheFirstRequestOfTheNextRun) {
  PolitenessOptions o = Fixed(500 * kMs);
  HostScheduler first(o);
  const Micros t0 = 1000 * s;
  first.SetCrawlDelay("a", 2 * s);
  first.OnStart("a", t0);
  first.OnStart("b", t0);
  first.OnResult("b", t0 + 10 * kMs, 429, 30 * s, 10 * kMs);  // Retry-After: 30
  const SavedHostState a = first.Save("a"), b = first.Save("b");
  EXPECT_EQ(a.last_start, t0);
  EXPECT_EQ(a.crawl_delay, 2 * s);
  EXPECT_GT(b.learned_interval, 0);
  EXPECT_EQ(b.next_ready, t0 + 10 * kMs + 30 * s);
  EXPECT_EQ(first.Save("never").last_start, 0);

  // The next run (a new process, same options) restores them before it
  // knows anything else: "a" waits its Crawl-delay from the last start, "b"
  // its Retry-After, and "b" keeps the rate it learned.
  HostScheduler next(o);
  next.Restore("a", a);
  next.Restore("b", b);
  next.SetPending("a", true);
  next.SetPending("b", true);
  EXPECT_EQ(next.NextReady("a"), t0 + 2 * s);
  EXPECT_EQ(next.NextReady("b"), t0 + 10 * kMs + 30 * s);
  EXPECT_EQ(next.Find("b")->learned_interval, b.learned_interval);
  EXPECT_TRUE(next.ReadyHosts(t0 + 2 * s - 1, 10).empty());
  EXPECT_EQ(next.ReadyHosts(t0 + 2 * s, 10), std::vector<std::string>{"a"});

  // A run with a longer --delay spaces from the saved start by its own.
  HostScheduler slower(Fixed(5 * s));
  SavedHostState plain;
  plain.last_start = t0;
  plain.next_ready = t0 + 500 * kMs;
  slower.Restore("c", plain);
  EXPECT_EQ(slower.NextReady("c"), t0 + 5 * s);
  // A deadline beyond this run's caps is clipped to them.
  SavedHostState absurd;
  absurd.last_start = t0;
  absurd.next_ready = t0 + 1000000 * s;
  HostScheduler capped(o);
  capped.Restore("d", absurd);
  EXPECT_EQ(capped.NextReady("d"),
            t0 + std::max(o.max_retry_after, o.backoff_max));
}

}  // namespace
}  // namespace newsarc::crawler
