#include "storage/frontier.h"

#include <gtest/gtest.h>

#include "storage/sqlite_db.h"

namespace newsarc::storage {
namespace {

class FrontierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Db::Open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(db).value();
    ASSERT_TRUE(db_.Exec(Frontier::SchemaSql()).ok());
    ASSERT_TRUE(db_.Exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)").ok());
    frontier_ = std::make_unique<Frontier>(&db_);
  }

  FrontierAdd Page(const std::string& url, const std::string& host, int64_t priority = 0) {
    FrontierAdd a;
    a.url = url;
    a.host = host;
    a.priority = priority;
    return a;
  }

  Db db_;
  std::unique_ptr<Frontier> frontier_;
};

TEST_F(FrontierTest, OneRowPerUrl) {
  EXPECT_TRUE(*frontier_->Add(Page("http://a.test/1", "a.test")));
  EXPECT_FALSE(*frontier_->Add(Page("http://a.test/1", "a.test")));
  EXPECT_TRUE(*frontier_->Add(Page("http://a.test/2", "a.test")));
  auto c = frontier_->Counts();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->queued, 2);
}

TEST_F(FrontierTest, TakesByPriorityAndMarksInFlight) {
  ASSERT_TRUE(frontier_->Add(Page("http://a.test/old", "a.test", 5)).ok());
  ASSERT_TRUE(frontier_->Add(Page("http://a.test/new", "a.test", -100)).ok());
  ASSERT_TRUE(frontier_->Add(Page("http://b.test/x", "b.test")).ok());
  auto taken = frontier_->Take("a.test", NowMicros(), 10);
  ASSERT_TRUE(taken.ok());
  ASSERT_EQ(taken->size(), 2u);
  EXPECT_EQ((*taken)[0].url, "http://a.test/new");
  EXPECT_EQ((*taken)[1].url, "http://a.test/old");
  auto c = frontier_->Counts();
  EXPECT_EQ(c->in_flight, 2);
  EXPECT_EQ(c->queued, 1);
  // Nothing more for a.test now.
  EXPECT_TRUE(frontier_->Take("a.test", NowMicros(), 10)->empty());
}

TEST_F(FrontierTest, ResumeRequeuesInFlightButNotDone) {
  ASSERT_TRUE(frontier_->Add(Page("http://a.test/1", "a.test")).ok());
  ASSERT_TRUE(frontier_->Add(Page("http://a.test/2", "a.test")).ok());
  auto taken = frontier_->Take("a.test", NowMicros(), 10);
  ASSERT_EQ(taken->size(), 2u);
  FetchOutcome done;
  done.http_status = 200;
  done.etag = "\"v1\"";
  done.record_id = "<urn:uuid:1>";
  ASSERT_TRUE(frontier_->MarkDone((*taken)[0].id, done).ok());
  // A crash here leaves /2 in flight.
  auto reset = frontier_->ResetInFlight();
  ASSERT_TRUE(reset.ok());
  EXPECT_EQ(*reset, 1);
  auto again = frontier_->Take("a.test", NowMicros(), 10);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].url, (*taken)[1].url);
}

TEST_F(FrontierTest, RetryWaitsAndCountsTries) {
  ASSERT_TRUE(frontier_->Add(Page("http://a.test/1", "a.test")).ok());
  Micros now = NowMicros();
  auto taken = frontier_->Take("a.test", now, 1);
  ASSERT_TRUE(frontier_->MarkRetry((*taken)[0].id, now + 60 * 1000000, "HTTP 503").ok());
  EXPECT_TRUE(frontier_->Take("a.test", now, 1)->empty());
  auto next = frontier_->NextReady("a.test");
  ASSERT_TRUE(next.ok());
  ASSERT_TRUE(next->has_value());
  EXPECT_EQ(**next, now + 60 * 1000000);
  auto later = frontier_->Take("a.test", now + 61 * 1000000, 1);
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ((*later)[0].tries, 1);
  ASSERT_TRUE(frontier_->MarkFailed((*later)[0].id, "gave up").ok());
  EXPECT_EQ(frontier_->Counts()->failed, 1);
  EXPECT_FALSE(frontier_->NextReady("a.test")->has_value());
}

TEST_F(FrontierTest, RevisitsComeBackWithValidators) {
  ASSERT_TRUE(frontier_->Add(Page("http://a.test/1", "a.test")).ok());
  Micros now = NowMicros();
  auto taken = frontier_->Take("a.test", now, 1);
  FetchOutcome o;
  o.http_status = 200;
  o.etag = "\"abc\"";
  o.last_modified = "Sun, 06 Nov 1994 08:49:37 GMT";
  o.payload_digest = "sha1:AAAA";
  o.record_id = "<urn:uuid:r1>";
  o.capture_time = now;
  o.revisit_interval = 3600 * int64_t{1000000};
  ASSERT_TRUE(frontier_->MarkDone((*taken)[0].id, o).ok());
  EXPECT_EQ(*frontier_->QueueRevisits(now, false), 0);  // not due yet
  EXPECT_EQ(*frontier_->QueueRevisits(now + o.revisit_interval, false), 1);
  auto again = frontier_->Take("a.test", now + o.revisit_interval, 1);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].etag, "\"abc\"");
  EXPECT_EQ((*again)[0].last_modified, "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ((*again)[0].last_payload_digest, "sha1:AAAA");
  EXPECT_EQ((*again)[0].last_record_id, "<urn:uuid:r1>");
  EXPECT_EQ((*again)[0].revisit_interval, o.revisit_interval);
}

TEST_F(FrontierTest, HostsWithWorkReportsEarliestReadyTime) {
  FrontierAdd a = Page("http://a.test/1", "a.test");
  a.not_before = 500;
  ASSERT_TRUE(frontier_->Add(a).ok());
  ASSERT_TRUE(frontier_->Add(Page("http://b.test/1", "b.test")).ok());
  auto hosts = frontier_->HostsWithWork();
  ASSERT_TRUE(hosts.ok());
  ASSERT_EQ(hosts->size(), 2u);
  for (const auto& [host, ready] : *hosts) {
    EXPECT_EQ(ready, host == "a.test" ? 500 : 0);
  }
}

TEST_F(FrontierTest, IndexesAndSeedsComeBackForScheduledRuns) {
  FrontierAdd seed = Page("http://a.test/", "a.test");
  FrontierAdd feed = Page("http://a.test/feed.xml", "a.test");
  feed.kind = UrlKind::kFeed;
  feed.depth = 1;
  FrontierAdd article = Page("http://a.test/story", "a.test");
  article.depth = 1;
  for (const auto& a : {seed, feed, article}) ASSERT_TRUE(frontier_->Add(a).ok());
  auto taken = frontier_->Take("a.test", NowMicros(), 10);
  ASSERT_EQ(taken->size(), 3u);
  for (const auto& e : *taken) ASSERT_TRUE(frontier_->MarkDone(e.id, FetchOutcome{}).ok());
  EXPECT_EQ(*frontier_->QueueIndexes(), 2);
  auto again = frontier_->Take("a.test", NowMicros(), 10);
  ASSERT_EQ(again->size(), 2u);
  for (const auto& e : *again) EXPECT_NE(e.url, "http://a.test/story");
}

TEST_F(FrontierTest, RequisitesOfSeedsKeepTheirKindAndAreNotReReadAsIndexes) {
  // A seed's stylesheet shares the seed's depth (0) and has no redirect hop,
  // yet it is no index: a scheduled run re-checks it only when it is due.
  FrontierAdd seed = Page("http://a.test/", "a.test");
  FrontierAdd css = Page("http://cdn.test/site.css", "cdn.test");
  css.kind = UrlKind::kRequisite;
  css.via = seed.url;
  for (const auto& a : {seed, css}) ASSERT_TRUE(frontier_->Add(a).ok());
  FrontierEntry stored;
  ASSERT_TRUE(*frontier_->Lookup(css.url, &stored));
  EXPECT_EQ(stored.kind, UrlKind::kRequisite);
  EXPECT_EQ(static_cast<int>(stored.kind), 4);  // the value FORMAT.md documents
  for (const char* host : {"a.test", "cdn.test"}) {
    auto taken = frontier_->Take(host, NowMicros(), 10);
    ASSERT_EQ(taken->size(), 1u);
    ASSERT_TRUE(frontier_->MarkDone(taken->front().id, FetchOutcome{}).ok());
  }
  EXPECT_EQ(*frontier_->QueueIndexes(), 1);
  EXPECT_TRUE(frontier_->Take("cdn.test", NowMicros(), 10)->empty());
  EXPECT_EQ(frontier_->Take("a.test", NowMicros(), 10)->size(), 1u);
}

TEST_F(FrontierTest, SettingsAreKeptByKeyAndListedByPrefix) {
  EXPECT_FALSE(frontier_->GetSetting("crawl.options")->has_value());
  ASSERT_TRUE(frontier_->SetSetting("crawl.options", "{\"a\":1}").ok());
  ASSERT_TRUE(frontier_->SetSetting("schedule.b", "2").ok());
  ASSERT_TRUE(frontier_->SetSetting("schedule.a", "1").ok());
  ASSERT_TRUE(frontier_->SetSetting("schedule.a", "3").ok());  // replaces
  EXPECT_EQ(**frontier_->GetSetting("crawl.options"), "{\"a\":1}");
  auto list = frontier_->ListSettings("schedule.");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0], (std::pair<std::string, std::string>("schedule.a", "3")));
  EXPECT_EQ((*list)[1].first, "schedule.b");
  EXPECT_TRUE(*frontier_->DeleteSetting("schedule.a"));
  EXPECT_FALSE(*frontier_->DeleteSetting("schedule.a"));
  EXPECT_EQ(frontier_->ListSettings("schedule.")->size(), 1u);
  EXPECT_TRUE(frontier_->ListSettings("schedule%")->empty());
}

}  // namespace
}  // namespace newsarc::storage
