// The cluster mode end to end (docs/cluster.md): a PostgreSQL server the
// test starts on 127.0.0.1, nginx serving a many-host news web on
// 127.0.0.1, and `newsarc crawl --cluster` nodes as separate processes.
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "cluster/cluster.h"
#include "demo_web.h"
#include "nginx_site.h"
#include "pg_server.h"
#include "storage/storage.h"
#include "test_util.h"

namespace newsarc::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kHosts = 24;
constexpr int kPagesPerHost = 6;
constexpr double kDelay = 0.3;  // seconds between request starts per host

std::string HostName(int h) { return "h" + std::to_string(h) + ".test"; }

// Every host: an index linking its pages; every page links two pages of its
// host and the index of the next host (found by more than one node).
void BuildWeb(const std::string& root) {
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "The council met again on Tuesday to discuss the budget. ";
  for (int h = 0; h < kHosts; ++h) {
    std::string dir = root + "/" + HostName(h);
    RunShell("mkdir -p " + ShellQuote(dir));
    std::string index = "<html><head><title>Host " + std::to_string(h) + "</title></head><body>";
    for (int p = 1; p <= kPagesPerHost; ++p) {
      index += "<a href=\"/p" + std::to_string(p) + ".html\">story " + std::to_string(p) + "</a> ";
    }
    WriteFile(dir + "/index.html", index + "</body></html>");
    for (int p = 1; p <= kPagesPerHost; ++p) {
      std::string page = "<html><head><title>Story " + std::to_string(p) + " on host " +
                         std::to_string(h) + "</title></head><body><article><h1>Story " +
                         std::to_string(p) + "</h1><p>" + filler + "</p></article>";
      page += "<a href=\"/p" + std::to_string(p % kPagesPerHost + 1) + ".html\">next</a> ";
      page += "<a href=\"/p" + std::to_string((p + 2) % kPagesPerHost + 1) + ".html\">more</a> ";
      page += "<a href=\"http://" + HostName((h + 1) % kHosts) + "/\">elsewhere</a>";
      WriteFile(dir + "/p" + std::to_string(p) + ".html", page + "</body></html>");
    }
  }
}

// The pages every crawl of this web must capture.
std::set<std::string> ExpectedPages() {
  std::set<std::string> out;
  for (int h = 0; h < kHosts; ++h) {
    out.insert("http://" + HostName(h) + "/");
    for (int p = 1; p <= kPagesPerHost; ++p) {
      out.insert("http://" + HostName(h) + "/p" + std::to_string(p) + ".html");
    }
  }
  return out;
}

// Response records by target URL (robots.txt left out: a host's robots.txt
// is read again by a node that takes the host over, as after 24 hours).
std::map<std::string, int> Responses(const std::string& archive) {
  std::map<std::string, int> out;
  storage::ArchiveOptions o;
  o.read_only = true;
  o.create = false;
  auto a = storage::Archive::Open(archive, o);
  EXPECT_TRUE(a.ok()) << archive << ": " << a.status().message();
  if (!a.ok()) return out;
  Status st = (*a)->ForEach([&](const storage::WarcRecord& r) {
    if (r.type() == "response") {
      std::string url(r.Get("WARC-Target-URI"));
      if (url.find("/robots.txt") == std::string::npos) ++out[url];
    }
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

class ClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pg_ = std::make_unique<PgServer>();
    ASSERT_EQ(pg_->error(), "");
    BuildWeb(tmp_.File("web"));
    StartWeb("");
  }

  void StartWeb(const std::string& extra) {
    site_.reset();
    std::vector<VirtualHost> hosts;
    for (int h = 0; h < kHosts; ++h) hosts.push_back({HostName(h), extra});
    site_ = std::make_unique<NginxSite>(tmp_.File("nginx"), tmp_.File("web"), hosts);
    ASSERT_EQ(site_->error(), "");
  }

  void Init(int buckets) {
    CommandResult r =
        RunNewsarc("cluster init --db " + pg_->url() + " --buckets " + std::to_string(buckets));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  std::string Seeds() const {
    std::string s;
    for (int h = 0; h < kHosts; ++h) s += " http://" + HostName(h) + "/";
    return s;
  }

  std::vector<std::string> CrawlArgv(const std::string& extra_flags,
                                     const std::string& timeout = "4s") const {
    std::vector<std::string> argv = {NEWSARC_BINARY, "crawl"};
    for (int h = 0; h < kHosts; ++h) argv.push_back("http://" + HostName(h) + "/");
    for (const std::string& a :
         {std::string("--proxy"), site_->proxy(), std::string("--allow-private"),
          std::string("--delay"), std::to_string(kDelay) + "s", std::string("--timeout"),
          timeout, std::string("--max-tries"), std::string("5"),
          std::string("--no-sitemaps"), std::string("--no-feeds"), std::string("--quiet")}) {
      argv.push_back(a);
    }
    std::string rest = extra_flags;
    size_t pos = 0;
    while (pos < rest.size()) {
      size_t sp = rest.find(' ', pos);
      if (sp == std::string::npos) sp = rest.size();
      if (sp > pos) argv.push_back(rest.substr(pos, sp - pos));
      pos = sp + 1;
    }
    return argv;
  }

  std::unique_ptr<Background> Node(const std::string& name, const std::string& lease = "3s") {
    return std::make_unique<Background>(
        CrawlArgv("--cluster " + pg_->url() + " --node " + name + " --lease " + lease +
                  " --archive " + Shard(name)),
        tmp_.File(name + ".log"));
  }
  std::string Shard(const std::string& name) const { return tmp_.File(name + ".db"); }

  // Waits for a node to exit by itself; its exit status, or -1 on timeout.
  static int Wait(Background& node, std::chrono::seconds limit) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      int status = 0;
      pid_t r = waitpid(node.pid(), &status, WNOHANG);
      if (r == node.pid()) {
        node.StopWith(0);  // reaped already; forget the pid
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(100ms);
    }
    return -1;
  }

  // Polls until `sql` gives at least `n`.
  bool WaitFor(const std::string& sql, long long n, std::chrono::seconds limit) const {
    auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      if (pg_->Number(sql) >= n) return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  }

  // Request starts to one host closer than the delay, from nginx's log.
  std::vector<std::string> PolitenessGaps() const {
    std::map<std::string, std::vector<double>> starts;
    for (const AccessLogEntry& e : site_->AccessLog()) {
      if (e.user_agent.find("newsarc/") != std::string::npos) starts[e.host].push_back(e.start);
    }
    std::vector<std::string> gaps;
    for (auto& [host, t] : starts) {
      std::sort(t.begin(), t.end());
      for (size_t i = 1; i < t.size(); ++i) {
        // The log has millisecond resolution.
        if (t[i] - t[i - 1] < kDelay - 0.002) {
          gaps.push_back(host + ": " + std::to_string(t[i] - t[i - 1]) + " s");
        }
      }
    }
    return gaps;
  }

  // URL -> captures, over the shards.
  std::map<std::string, int> Union(const std::vector<std::string>& names) const {
    std::map<std::string, int> all;
    for (const std::string& n : names) {
      for (const auto& [url, count] : Responses(Shard(n))) all[url] += count;
    }
    return all;
  }

  static std::set<std::string> Keys(const std::map<std::string, int>& m) {
    std::set<std::string> out;
    for (const auto& [k, v] : m) out.insert(k);
    return out;
  }

  static int Repeats(const std::map<std::string, int>& m) {
    int n = 0;
    for (const auto& [k, v] : m) n += v - 1;
    return n;
  }

  TempDir tmp_;
  std::unique_ptr<PgServer> pg_;
  std::unique_ptr<NginxSite> site_;
};

TEST(ClusterHashing, BucketsAreStableAndSpreadAndAJoinMovesAboutAQuarter) {
  EXPECT_EQ(cluster::BucketOf("news1.test", 256), cluster::BucketOf("news1.test", 256));
  std::vector<int> per(16, 0);
  for (int i = 0; i < 1600; ++i) ++per[cluster::BucketOf("host" + std::to_string(i) + ".test", 16)];
  for (int n : per) EXPECT_GT(n, 50) << "a bucket got few hosts";
  std::vector<std::string> three = {"a", "b", "c"}, four = {"a", "b", "c", "d"};
  int moved = 0, to_d = 0;
  for (int b = 0; b < 256; ++b) {
    std::string before = cluster::DesiredOwner(b, three), after = cluster::DesiredOwner(b, four);
    if (before != after) ++moved;
    if (after == "d") ++to_d;
    // Only buckets that go to the new node move.
    if (before != after) {
      EXPECT_EQ(after, "d");
    }
  }
  EXPECT_EQ(moved, to_d);
  EXPECT_GT(to_d, 256 * 15 / 100);
  EXPECT_LT(to_d, 256 * 35 / 100);
  // Leaving: only the leaver's buckets move.
  for (int b = 0; b < 256; ++b) {
    if (cluster::DesiredOwner(b, four) != "d") {
      EXPECT_EQ(cluster::DesiredOwner(b, four), cluster::DesiredOwner(b, three));
    }
  }
}

TEST(ClusterErrors, AnUnreachableDatabaseIsNamed) {
  TempDir tmp;
  int port = FreeLoopbackPort();
  std::string url = "postgresql://crawler:s3cret@127.0.0.1:" + std::to_string(port) + "/news";
  CommandResult r = RunNewsarc("crawl http://a.test/ --cluster " + ShellQuote(url) +
                               " --node n1 --archive " + tmp.File("s.db"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("127.0.0.1:" + std::to_string(port)), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cannot connect"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("s3cret"), std::string::npos) << "password shown: " << r.err;
  EXPECT_FALSE(FileExists(tmp.File("s.db"))) << "nothing is written before the database answers";
  r = RunNewsarc("cluster status --db " + ShellQuote(url));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot connect"), std::string::npos) << r.err;
  r = RunNewsarc("crawl http://a.test/ --node n1 --archive " + tmp.File("s.db"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST_F(ClusterTest, ADatabaseWithoutTheSchemaSaysHowToCreateIt) {
  CommandResult r = RunNewsarc("cluster status --db " + pg_->url());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("newsarc cluster init"), std::string::npos) << r.err;
  Init(32);
  r = RunNewsarc("cluster init --db " + pg_->url() + " --buckets 64");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("already has 32 buckets"), std::string::npos) << r.err;
  r = RunNewsarc("cluster init --db " + pg_->url() + " --buckets 32");
  EXPECT_EQ(r.exit_code, 0) << "init is idempotent: " << r.err;
  r = RunNewsarc("cluster status --db " + pg_->url());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("buckets: 32"), std::string::npos) << r.out;
}

TEST_F(ClusterTest, ADatabaseErrorThatIsNotAnOutageStopsTheNodeWithTheError) {
  Init(16);
  // A damaged schema: retrying would wait forever, so the node stops.
  pg_->Query("DROP TABLE frontier CASCADE");
  std::string cmd = "timeout 60 ";
  for (const std::string& a : CrawlArgv("--cluster " + pg_->url() + " --node a --archive " +
                                        Shard("a"))) {
    cmd += ShellQuote(a) + " ";
  }
  CommandResult r = RunShell(cmd);
  EXPECT_EQ(r.exit_code, 1) << r.err << r.out;
  EXPECT_NE(r.err.find("cluster node a"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("frontier"), std::string::npos) << r.err;
}

TEST_F(ClusterTest, ThreeNodesCrawlTheWebAsOneNodeWould) {
  // One machine first: the reference.
  CommandResult single = RunShell([&] {
    std::string cmd;
    for (const std::string& a : CrawlArgv("--archive " + tmp_.File("single.db"))) {
      cmd += ShellQuote(a) + " ";
    }
    return cmd;
  }());
  ASSERT_EQ(single.exit_code, 0) << single.err;
  std::map<std::string, int> reference = Responses(tmp_.File("single.db"));
  ASSERT_EQ(Keys(reference), ExpectedPages());
  site_->ClearAccessLog();

  Init(64);
  auto a = Node("a"), b = Node("b"), c = Node("c");
  EXPECT_EQ(Wait(*a, 120s), 0) << a->Log();
  EXPECT_EQ(Wait(*b, 120s), 0) << b->Log();
  EXPECT_EQ(Wait(*c, 120s), 0) << c->Log();

  std::map<std::string, int> all = Union({"a", "b", "c"});
  EXPECT_EQ(Keys(all), Keys(reference));
  EXPECT_EQ(Repeats(all), 0) << "a URL was captured by two shards";
  std::vector<std::string> gaps = PolitenessGaps();
  EXPECT_TRUE(gaps.empty()) << gaps.size() << " gaps, first " << gaps.front();
  // robots.txt moves with its host: read once per host, however often the
  // host's bucket moved while the nodes came up.
  std::map<std::string, int> robots_reads;
  for (const AccessLogEntry& e : site_->AccessLog()) {
    if (e.path == "/robots.txt") ++robots_reads[e.host];
  }
  EXPECT_EQ(robots_reads.size(), static_cast<size_t>(kHosts));
  for (const auto& [host, n] : robots_reads) EXPECT_EQ(n, 1) << host;
  EXPECT_GT(pg_->Number("SELECT count(*) FROM hosts WHERE robots IS NOT NULL"), 0);
  // Each node did a share of the work.
  for (const char* n : {"a", "b", "c"}) EXPECT_GT(Responses(Shard(n)).size(), 10u) << n;
  EXPECT_EQ(pg_->Number("SELECT count(*) FROM frontier WHERE state <= 1"), 0);
  EXPECT_EQ(pg_->Number("SELECT count(*) FROM refused"), 0);
  EXPECT_EQ(pg_->Number("SELECT count(*) FROM catalog WHERE url NOT LIKE '%/robots.txt'"),
            static_cast<long long>(reference.size()));

  // One archive of the three: it verifies and exports like the single one.
  CommandResult merge = RunNewsarc("cluster merge --quiet --db " + pg_->url() + " --out " +
                                   tmp_.File("all.db") + " " + Shard("a") + " " + Shard("b") +
                                   " " + Shard("c"));
  ASSERT_EQ(merge.exit_code, 0) << merge.err << merge.out;
  EXPECT_NE(merge.out.find(" 0 missing"), std::string::npos) << merge.out;
  EXPECT_EQ(Keys(Responses(tmp_.File("all.db"))), Keys(reference));
  CommandResult verify = RunNewsarc("verify --archive " + tmp_.File("all.db"));
  EXPECT_EQ(verify.exit_code, 0) << verify.err << verify.out;
  CommandResult again = RunNewsarc("cluster merge --quiet --db " + pg_->url() + " --out " +
                                   tmp_.File("all.db") + " " + Shard("a") + " " + Shard("b") +
                                   " " + Shard("c"));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("merge: 0 records copied"), std::string::npos) << again.out;
  CommandResult exported = RunNewsarc("export --archive " + tmp_.File("all.db") +
                                      " --format jsonl --out " + tmp_.File("corpus.jsonl"));
  EXPECT_EQ(exported.exit_code, 0) << exported.err;
  CommandResult warc = RunNewsarc("export --archive " + tmp_.File("all.db") + " --out " +
                                  tmp_.File("all.warc.gz"));
  EXPECT_EQ(warc.exit_code, 0) << warc.err;
  CommandResult status = RunNewsarc("cluster status --db " + pg_->url());
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("0 queued, 0 claimed"), std::string::npos) << status.out;
}


// Slow pages (about a second each) keep requests in flight at any moment.
constexpr char kSlow[] = "limit_rate 3k;";

TEST_F(ClusterTest, AKilledNodesBucketsAreTakenOverAndNothingIsLost) {
  StartWeb(kSlow);
  Init(64);
  auto a = Node("a"), b = Node("b"), c = Node("c");
  ASSERT_TRUE(WaitFor("SELECT count(*) FROM catalog WHERE node = 'b'", 5, 60s))
      << b->Log() << RunNewsarc("cluster status --db " + pg_->url()).out;
  b->StopWith(SIGKILL);
  // What b held when it died: the only URLs that may be fetched twice.
  long long claimed_by_b =
      pg_->Number("SELECT count(*) FROM frontier WHERE state = 1 AND claimed_by = 'b'");
  EXPECT_GT(pg_->Number("SELECT count(*) FROM buckets WHERE owner = 'b'"), 0);
  EXPECT_EQ(Wait(*a, 180s), 0) << a->Log();
  EXPECT_EQ(Wait(*c, 180s), 0) << c->Log();
  EXPECT_EQ(pg_->Number("SELECT count(*) FROM buckets WHERE owner = 'b'"), 0);
  EXPECT_EQ(pg_->Number("SELECT count(*) FROM frontier WHERE state <= 1"), 0);

  std::map<std::string, int> all = Union({"a", "b", "c"});
  EXPECT_EQ(Keys(all), ExpectedPages());
  EXPECT_LE(Repeats(all), claimed_by_b);
  std::vector<std::string> gaps = PolitenessGaps();
  EXPECT_TRUE(gaps.empty()) << gaps.size() << " gaps, first " << gaps.front();
  // The catalog lists each page once.
  EXPECT_EQ(pg_->Number("SELECT count(*) - count(DISTINCT url) FROM catalog"), 0);
  CommandResult merge = RunNewsarc("cluster merge --quiet --db " + pg_->url() + " --out " +
                                   tmp_.File("all.db") + " " + Shard("a") + " " + Shard("b") +
                                   " " + Shard("c"));
  ASSERT_EQ(merge.exit_code, 0) << merge.err << merge.out;
  EXPECT_EQ(RunNewsarc("verify --archive " + tmp_.File("all.db")).exit_code, 0);
}

TEST_F(ClusterTest, AStoppedNodesLateWritesAreRefusedByTheEpoch) {
  StartWeb(kSlow);
  Init(64);
  auto a = Node("a");
  auto b = std::make_unique<Background>(
      CrawlArgv("--cluster " + pg_->url() + " --node b --lease 3s --archive " + Shard("b"), "15s"),
      tmp_.File("b.log"));
  ASSERT_TRUE(WaitFor("SELECT count(*) FROM catalog WHERE node = 'b'", 3, 60s)) << b->Log();
  kill(b->pid(), SIGSTOP);
  // Past b's lease: a takes b's buckets over, under new epochs.
  ASSERT_TRUE(WaitFor("SELECT count(*) FROM buckets WHERE owner = 'a'", 64, 30s))
      << RunNewsarc("cluster status --db " + pg_->url()).out;
  std::this_thread::sleep_for(1s);
  kill(b->pid(), SIGCONT);
  EXPECT_EQ(Wait(*a, 240s), 0) << a->Log();
  EXPECT_EQ(Wait(*b, 240s), 0) << b->Log();
  // b's results from before the stop came back under the old epoch.
  EXPECT_GT(pg_->Number("SELECT count(*) FROM refused WHERE node = 'b'"), 0)
      << pg_->Query("SELECT * FROM refused");
  EXPECT_EQ(pg_->Number("SELECT count(*) FROM refused r JOIN catalog c ON c.record_id = "
                        "r.record_id"),
            0)
      << "a refused capture reached the catalog";
  EXPECT_EQ(pg_->Number("SELECT count(*) - count(DISTINCT url) FROM catalog"), 0);
  EXPECT_EQ(Keys(Union({"a", "b"})), ExpectedPages());
  std::vector<std::string> gaps = PolitenessGaps();
  EXPECT_TRUE(gaps.empty()) << gaps.size() << " gaps, first " << gaps.front();
  CommandResult merge = RunNewsarc("cluster merge --quiet --db " + pg_->url() + " --out " +
                                   tmp_.File("all.db") + " " + Shard("a") + " " + Shard("b"));
  ASSERT_EQ(merge.exit_code, 0) << merge.err << merge.out;
  EXPECT_EQ(merge.out.find(" 0 responses the catalog"), std::string::npos)
      << "the refused captures are in the shard, outside the catalog: " << merge.out;
}

TEST_F(ClusterTest, AFourthNodeJoiningGetsAboutAQuarterOfTheBuckets) {
  StartWeb(kSlow);
  Init(64);
  auto a = Node("a"), b = Node("b"), c = Node("c");
  ASSERT_TRUE(WaitFor("SELECT count(*) FROM catalog", 10, 60s));
  auto d = Node("d");
  // d's share under rendezvous hashing of 64 buckets over 4 nodes.
  int share = 0;
  for (int bucket = 0; bucket < 64; ++bucket) {
    if (cluster::DesiredOwner(bucket, {"a", "b", "c", "d"}) == "d") ++share;
  }
  EXPECT_GE(share, 64 * 15 / 100);
  EXPECT_LE(share, 64 * 35 / 100);
  EXPECT_TRUE(WaitFor("SELECT count(*) FROM buckets WHERE owner = 'd'", share, 30s))
      << RunNewsarc("cluster status --db " + pg_->url()).out;
  // The others gave up only what is d's.
  EXPECT_EQ(pg_->Number("SELECT count(*) FROM buckets WHERE owner = 'd'"), share);
  for (auto* n : {a.get(), b.get(), c.get(), d.get()}) EXPECT_EQ(Wait(*n, 240s), 0) << n->Log();
  std::map<std::string, int> all = Union({"a", "b", "c", "d"});
  EXPECT_EQ(Keys(all), ExpectedPages());
  EXPECT_EQ(Repeats(all), 0);
  std::vector<std::string> gaps = PolitenessGaps();
  EXPECT_TRUE(gaps.empty()) << gaps.size() << " gaps, first " << gaps.front();
}

TEST_F(ClusterTest, TheCrawlCompletesAcrossAPostgresRestart) {
  StartWeb(kSlow);
  Init(64);
  auto a = Node("a"), b = Node("b");
  ASSERT_TRUE(WaitFor("SELECT count(*) FROM catalog", 10, 60s));
  ASSERT_TRUE(pg_->Stop());
  std::this_thread::sleep_for(4s);  // past the lease: the nodes pause
  ASSERT_TRUE(pg_->Start());
  EXPECT_EQ(Wait(*a, 240s), 0) << a->Log();
  EXPECT_EQ(Wait(*b, 240s), 0) << b->Log();
  std::map<std::string, int> all = Union({"a", "b"});
  EXPECT_EQ(Keys(all), ExpectedPages());
  EXPECT_EQ(Repeats(all), 0);
  EXPECT_EQ(pg_->Number("SELECT count(*) FROM frontier WHERE state <= 1"), 0);
  std::vector<std::string> gaps = PolitenessGaps();
  EXPECT_TRUE(gaps.empty()) << gaps.size() << " gaps, first " << gaps.front();
}

TEST_F(ClusterTest, CtrlCOnANodeHandsItsBucketsBackAtOnce) {
  StartWeb(kSlow);
  Init(64);
  // A long lease: the other node must not have to wait it out.
  auto a = Node("a", "60s"), b = Node("b", "60s");
  ASSERT_TRUE(WaitFor("SELECT count(*) FROM catalog WHERE node = 'a'", 3, 60s)) << a->Log();
  int status = a->StopWith(SIGINT);
  ASSERT_TRUE(WIFEXITED(status)) << a->Log();
  EXPECT_EQ(WEXITSTATUS(status), 130) << a->Log();
  EXPECT_EQ(pg_->Number("SELECT count(*) FROM buckets WHERE owner = 'a'"), 0);
  EXPECT_EQ(pg_->Number("SELECT count(*) FROM frontier WHERE state = 1 AND claimed_by = 'a'"), 0);
  EXPECT_EQ(pg_->Query("SELECT left_at IS NOT NULL FROM nodes WHERE name = 'a'"), "t");
  EXPECT_EQ(Wait(*b, 120s), 0) << b->Log();
  std::map<std::string, int> all = Union({"a", "b"});
  EXPECT_EQ(Keys(all), ExpectedPages());
  EXPECT_EQ(Repeats(all), 0);
  EXPECT_EQ(pg_->Number("SELECT count(*) FROM refused"), 0);
  std::vector<std::string> gaps = PolitenessGaps();
  EXPECT_TRUE(gaps.empty()) << gaps.size() << " gaps, first " << gaps.front();
}

}  // namespace
}  // namespace newsarc::testing
