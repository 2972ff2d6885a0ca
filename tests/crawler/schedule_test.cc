// Scheduled re-crawls: the revisit policy, the schedule store, and
// `newsarc schedule add|list|run|remove` against nginx on 127.0.0.1.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "crawler/revisit_policy.h"
#include "crawler/schedules.h"
#include "nginx_site.h"
#include "storage/storage.h"
#include "test_util.h"

namespace newsarc::crawler {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::RunNewsarc;
using testing::ShellQuote;

constexpr Micros kHour = 3600 * kSecond;

TEST(RevisitPolicyTest, ChangedSoonerUnchangedLaterWithinBounds) {
  CrawlOptions o;
  o.revisit_initial = 6 * kHour;
  o.revisit_min = 1 * kHour;
  o.revisit_max = 48 * kHour;
  using storage::UrlKind;
  EXPECT_EQ(NextRevisitInterval(o, UrlKind::kPage, 0, false), 6 * kHour);
  EXPECT_EQ(NextRevisitInterval(o, UrlKind::kPage, 6 * kHour, true), 3 * kHour);
  EXPECT_EQ(NextRevisitInterval(o, UrlKind::kPage, 6 * kHour, false), 12 * kHour);
  EXPECT_EQ(NextRevisitInterval(o, UrlKind::kPage, 90 * 60 * kSecond, true), 1 * kHour);
  EXPECT_EQ(NextRevisitInterval(o, UrlKind::kPage, 40 * kHour, false), 48 * kHour);
  // Feeds and sitemaps are how new articles are found: always the shortest.
  EXPECT_EQ(NextRevisitInterval(o, UrlKind::kFeed, 40 * kHour, false), 1 * kHour);
  EXPECT_EQ(NextRevisitInterval(o, UrlKind::kSitemap, 0, false), 1 * kHour);
  // Page requisites rarely change under one URL: always the longest.
  EXPECT_EQ(NextRevisitInterval(o, UrlKind::kRequisite, 0, false), 48 * kHour);
  EXPECT_EQ(NextRevisitInterval(o, UrlKind::kRequisite, 6 * kHour, true), 48 * kHour);
}

TEST(ScheduleStoreTest, KeepsSchedulesWithTheirOptionsInTheArchive) {
  testing::TempDir tmp;
  std::string path = tmp.File("a.db");
  {
    auto archive = storage::Archive::Open(path);
    ASSERT_TRUE(archive.ok()) << archive.status().message();
    ScheduleStore store(&(*archive)->frontier());
    Schedule s;
    s.name = "world-news";
    s.every = 6 * kHour;
    s.created = 1000;
    s.options.seeds = {"http://a.test/"};
    s.options.politeness.delay = 3 * kSecond;
    s.options.scope = Scope::kDomain;
    ASSERT_TRUE(store.Put(s).ok());
    s.name = "bad name!";
    EXPECT_EQ(store.Put(s).code(), Status::Code::kInvalidArgument);
  }
  auto archive = storage::Archive::Open(path, {.read_only = true});
  ASSERT_TRUE(archive.ok());
  ScheduleStore store(&(*archive)->frontier());
  auto list = store.List();
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(list->size(), 1u);
  const Schedule& s = list->front();
  EXPECT_EQ(s.name, "world-news");
  EXPECT_EQ(s.every, 6 * kHour);
  EXPECT_EQ(s.NextRun(), 1000);  // never ran: due from its creation
  EXPECT_EQ(s.options.seeds, std::vector<std::string>{"http://a.test/"});
  EXPECT_EQ(s.options.politeness.delay, 3 * kSecond);
  EXPECT_EQ(s.options.scope, Scope::kDomain);
  EXPECT_EQ(store.Get("nope").status().code(), Status::Code::kNotFound);
}

TEST(ScheduleCliTest, AddListRunRemove) {
  testing::TempDir tmp;
  std::string root = tmp.File("site");
  fs::create_directories(root + "/s.test/news");
  testing::WriteFile(root + "/s.test/robots.txt", "User-agent: *\nAllow: /\n");
  testing::WriteFile(root + "/s.test/index.html",
                     "<html><body><a href=/news/1.html>1</a> <a href=/news/2.html>2</a>"
                     "</body></html>");
  for (int i = 1; i <= 2; ++i) {
    testing::WriteFile(root + "/s.test/news/" + std::to_string(i) + ".html",
                       "<html><body><article><h1>Story</h1><p>Text of a story about the "
                       "harbour and the town council meeting.</p></article></body></html>");
  }
  testing::WriteFile(tmp.File("seeds.txt"), "# test\nhttp://s.test/   # the test site\n");
  fs::create_directories(tmp.File("nginx"));
  testing::NginxSite site(tmp.File("nginx"), root, {{"s.test", ""}});
  ASSERT_EQ(site.error(), "");
  std::string archive = ShellQuote(tmp.File("a.db"));

  CommandResult r = RunNewsarc("schedule add news --seeds " + ShellQuote(tmp.File("seeds.txt")) +
                               " --every 1s --archive " + archive + " --proxy " + site.proxy() +
                               " --allow-private --delay 0.1s");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunNewsarc("schedule list --archive " + archive);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("news"), std::string::npos);
  EXPECT_NE(r.out.find("never"), std::string::npos) << r.out;

  // First run: the whole site.
  r = RunNewsarc("schedule run --once --archive " + archive);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("schedule news: ok"), std::string::npos) << r.out;
  int first = 0;
  for (const auto& e : site.AccessLog()) first += e.path.rfind("/news/", 0) == 0;
  EXPECT_EQ(first, 2);

  // A second run once the interval passed re-reads the seed (a conditional
  // request) but not the articles, whose re-visit time (6 h) has not come.
  site.ClearAccessLog();
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  r = RunNewsarc("schedule run --once --archive " + archive);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  bool seed_again = false;
  for (const auto& e : site.AccessLog()) {
    EXPECT_NE(e.path.rfind("/news/", 0), 0u) << e.path;
    if (e.path == "/") {
      seed_again = true;
      EXPECT_EQ(e.status, 304);
    }
  }
  EXPECT_TRUE(seed_again);
  r = RunNewsarc("schedule list --archive " + archive);
  EXPECT_NE(r.out.find("(ok)"), std::string::npos) << r.out;

  // Right after a run nothing is due.
  r = RunNewsarc("schedule add news2 --every 1d --archive " + archive + " http://s.test/");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(RunNewsarc("schedule remove news2 --archive " + archive).exit_code, 0);
  r = RunNewsarc("schedule remove news2 --archive " + archive);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no such schedule"), std::string::npos) << r.err;
  r = RunNewsarc("schedule add x --every soon --archive " + archive + " http://s.test/");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--every"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace newsarc::crawler
