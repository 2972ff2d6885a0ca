// newsarc serve's servers and JSON API on loopback (web/web.h), against an
// archive written in the test: every endpoint, its errors, the security
// rules, the replay origin, and the index catching up while it serves.
#include <httplib.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "base/strings.h"
#include "base/time.h"
#include "storage/storage.h"
#include "test_util.h"
#include "web/web.h"

namespace newsarc::web {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;
using storage::Archive;
using storage::ArticleRecord;
using storage::WarcRecord;

Micros T(int day, int hour = 10) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "2026-11-%02dT%02d:00:00Z", day, hour);
  return *ParseIsoDate(buf);
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new newsarc::testing::TempDir();
    path_ = tmp_->File("a.db");
    auto a = Archive::Open(path_);
    ASSERT_TRUE(a.ok()) << a.status().message();
    archive_ = a->release();
    const std::string body = "The council met on Monday. It approved the budget for the year.";
    Article("https://news.example/budget", T(1), "Budget approved", body);
    Article("https://news.example/budget", T(2), "Budget approved", body);
    Article("https://news.example/budget", T(3), "Budget approved",
            body + " The vote was 7 to 2.");
    Article("https://news.example/budget", T(4), "Budget approved, finally",
            body + " The vote was 6 to 3.");
    Article("https://news.example/bridge", T(1), "Bridge closes", "The bridge closes in May.");
    Response("https://news.example/bridge", T(5), 404, "", "");
    Article("https://zh.example/park", T(2), "城东湿地公园下月起免费开放",
            "记者从市园林局获悉，湿地公园将于下月一日起正式向市民免费开放。");
    Response("https://news.example/old-budget", T(1, 9), 301,
             "Location: https://news.example/budget\r\n", "");
    // A page with links, an image and a script, for replay.
    Response("https://news.example/page", T(3), 200, "Content-Type: text/html; charset=utf-8\r\n",
             "<html><head><link rel=stylesheet href=/s.css><script src=/x.js></script></head>"
             "<body><a href=\"/budget\">budget</a> <img src=\"https://cdn.example/i.png\" "
             "srcset=\"/a.png 1x, /b.png 2x\"><p style=\"background:url(/bg.png)\">Replayed text</p>"
             "</body></html>");
    Response("https://news.example/s.css", T(3), 200, "Content-Type: text/css\r\n",
             "body{background:url('/bg.png')} @import \"/more.css\";");
    ServeOptions o;
    o.archive = path_;
    o.port = 0;
    o.progress = false;
    auto s = Server::Start(o);
    ASSERT_TRUE(s.ok()) << s.status().message();
    server_ = s->release();
    ASSERT_TRUE(server_->WaitForIndex().ok());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete archive_;
    delete tmp_;
  }

  static std::string Response(const std::string& url, Micros when, int status,
                              const std::string& headers, const std::string& body) {
    WarcRecord r;
    r.Set("WARC-Type", "response");
    r.Set("WARC-Target-URI", url);
    r.Set("WARC-Date", FormatWarcDate(when));
    r.Set("Content-Type", "application/http; msgtype=response");
    r.block = "HTTP/1.1 " + std::to_string(status) + " X\r\n" +
              (headers.empty() ? "Content-Type: text/html\r\n" : headers) + "\r\n" +
              (body.empty() ? "<p>" + url + FormatWarcDate(when) + "</p>" : body);
    auto id = archive_->Put(r);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : "";
  }

  static void Article(const std::string& url, Micros when, const std::string& title,
                      const std::string& text) {
    ArticleRecord a;
    a.url = url;
    a.capture_time = when;
    a.response_record_id = Response(url, when, 200, "", "");
    a.title = title;
    a.text = text;
    a.language = url.find("zh.") != std::string::npos ? "zh" : "en";
    a.extractor_version = "newsarc-extract/test";
    ASSERT_TRUE(archive_->Put(storage::MakeConversionRecord(a, when + 1000000)).ok());
  }

  static httplib::Client Ui() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(30, 0);
    return c;
  }
  static httplib::Client Replay() { return httplib::Client("127.0.0.1", server_->replay_port()); }

  static Json Get(const std::string& path, int want = 200) {
    auto r = Ui().Get(path.c_str());
    EXPECT_TRUE(r) << path;
    if (!r) return Json();
    EXPECT_EQ(r->status, want) << path << "\n" << r->body;
    EXPECT_THAT(r->get_header_value("Content-Type"), HasSubstr("application/json")) << path;
    Json j = Json::parse(r->body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r->body;
    return j;
  }

  static newsarc::testing::TempDir* tmp_;
  static std::string path_;
  static Archive* archive_;
  static Server* server_;
};

newsarc::testing::TempDir* ServerTest::tmp_ = nullptr;
std::string ServerTest::path_;
Archive* ServerTest::archive_ = nullptr;
Server* ServerTest::server_ = nullptr;

TEST_F(ServerTest, ArticlesAreListedFilteredSortedAndPaged) {
  Json all = Get("/api/articles");
  EXPECT_EQ(all["total"], 3);
  EXPECT_EQ(all["rows"][0]["url"], "https://news.example/budget");  // latest version first
  EXPECT_EQ(all["rows"][0]["versions"], 4);
  EXPECT_EQ(all["rows"][0]["changes"], 2);
  EXPECT_EQ(all["rows"][0]["captures"], 4);
  EXPECT_EQ(all["rows"][0]["first_capture"], FormatWarcDate(T(1), true));
  Json changed = Get("/api/articles?changed=1&sort=title");
  std::vector<std::string> urls;
  for (const auto& r : changed["rows"]) urls.push_back(r["url"]);
  EXPECT_EQ(urls, (std::vector<std::string>{"https://news.example/bridge",
                                            "https://news.example/budget"}));
  EXPECT_EQ(Get("/api/articles?lang=zh")["total"], 1);
  EXPECT_EQ(Get("/api/articles?host=zh.example")["total"], 1);
  Json page = Get("/api/articles?limit=1&offset=1");
  EXPECT_EQ(page["rows"].size(), 1u);
  EXPECT_EQ(page["total"], 3);
  // Bad parameters: 400 naming the parameter.
  Json bad = Get("/api/articles?limit=0", 400);
  EXPECT_EQ(bad["parameter"], "limit");
  EXPECT_EQ(Get("/api/articles?sort=random", 400)["parameter"], "sort");
  EXPECT_EQ(Get("/api/articles?since=yesterday", 400)["parameter"], "since");
}

TEST_F(ServerTest, HistoryDiffAndChangesAreTheCommandLinesJson) {
  const std::string url = "https://news.example/budget";
  auto history = audit::ArticleHistory(path_, url);
  ASSERT_TRUE(history.ok());
  auto r = Ui().Get(("/api/history?url=" + url).c_str());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, audit::HistoryJson(url, path_, *history));

  Json d = Get("/api/diff?url=" + url + "&from=4&to=5");
  EXPECT_EQ(d["from"]["index"], 4);  // row 1 is the redirect from old-budget
  EXPECT_EQ(d["change"], "substantive");
  bool title_changed = false;
  for (const auto& f : d["fields"]) title_changed |= f["field"] == "title" && f["changed"] == true;
  EXPECT_TRUE(title_changed);
  EXPECT_EQ(Get("/api/diff?url=" + url + "&from=99", 400)["parameter"], "from");
  EXPECT_EQ(Get("/api/diff", 400)["parameter"], "url");
  Get("/api/diff?url=https://news.example/never", 404);

  Json c = Get("/api/changes?cosmetic=1");
  auto cli = audit::FindChanges(path_, [] {
    audit::ChangeQuery q;
    q.include_cosmetic = true;
    return q;
  }());
  ASSERT_TRUE(cli.ok());
  ASSERT_EQ(c["changes"].size(), cli->changes.size());
  for (size_t i = 0; i < cli->changes.size(); ++i) {
    EXPECT_EQ(c["changes"][i]["url"], cli->changes[i].url);
    EXPECT_EQ(c["changes"][i]["kind"], cli->changes[i].kind);
    EXPECT_EQ(c["changes"][i]["size"], cli->changes[i].size);
    EXPECT_EQ(c["changes"][i]["to"], FormatWarcDate(cli->changes[i].to_date, true));
  }
  EXPECT_EQ(Get("/api/changes?host=zh.example")["changes"].size(), 0u);
  EXPECT_EQ(Get("/api/changes?order=newest")["changes"][0]["kind"], "deleted");
}

TEST_F(ServerTest, SearchFindsChineseWordsWithSnippets) {
  Json s = Get("/api/search?q=%E8%AE%B0%E8%80%85");  // 记者
  ASSERT_EQ(s["total"], 1);
  const Json& hit = s["hits"][0];
  EXPECT_EQ(hit["url"], "https://zh.example/park");
  bool marked = false;
  for (const auto& p : hit["snippet"]) marked |= p["match"] == true && p["text"] == "记者";
  EXPECT_TRUE(marked) << hit["snippet"].dump();
  // Every version is searched; the best one per URL is shown.
  Json vote = Get("/api/search?q=vote");
  ASSERT_EQ(vote["total"], 1);
  EXPECT_EQ(vote["hits"][0]["matching_versions"], 2);
  EXPECT_EQ(Get("/api/search?q=%227%20to%202%22&mode=exact")["total"], 1);
  EXPECT_EQ(Get("/api/search?q=budget&host=zh.example")["total"], 0);
  EXPECT_EQ(Get("/api/search", 400)["parameter"], "q");
  EXPECT_EQ(Get("/api/search?q=%2C%2C%2C", 400)["parameter"], "q");
  EXPECT_EQ(Get("/api/search?q=x&mode=fuzzy", 400)["parameter"], "mode");
}

TEST_F(ServerTest, AnArticleVersionComesWithItsRecordChainAndNeighbours) {
  Json a = Get("/api/article?url=https://news.example/budget");
  EXPECT_EQ(a["version"], 5);  // the latest: 4 captures and the redirect
  EXPECT_EQ(a["article"]["title"], "Budget approved, finally");
  EXPECT_EQ(a["verify"]["ok"], true);
  EXPECT_GT(a["verify"]["chain_position"].get<int>(), 0);
  EXPECT_EQ(a["previous_change"], 4);
  EXPECT_TRUE(a["next_capture"].is_null());
  EXPECT_THAT(a["record"]["payload_digest"].get<std::string>(), HasSubstr("sha1:"));
  EXPECT_EQ(a["timeline"].size(), 5u);
  EXPECT_THAT(a["replay"].get<std::string>(), HasSubstr(server_->replay_url() + "/20261104"));
  Json first = Get("/api/article?url=https://news.example/budget&version=2");
  EXPECT_EQ(first["change"], "first");
  EXPECT_EQ(first["next_change"], 4);
  EXPECT_EQ(Get("/api/article?url=https://news.example/budget&version=1", 400)["parameter"],
            "version");  // the redirect has no article

  auto raw = Ui().Get(("/raw?record=" + a["capture"]["record_id"].get<std::string>()).c_str());
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->status, 200);
  EXPECT_THAT(raw->get_header_value("Content-Disposition"), HasSubstr("attachment"));
  EXPECT_EQ(raw->get_header_value("Content-Security-Policy"), "sandbox");
  EXPECT_THAT(raw->body, HasSubstr("https://news.example/budget"));
}

TEST_F(ServerTest, CdxServerTimeMapAndTimeGate) {
  auto r = Ui().Get("/cdx?url=https://news.example/budget&output=json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  std::vector<Json> lines;
  for (std::string_view l : Split(r->body, '\n')) {
    if (!l.empty()) lines.push_back(Json::parse(l));
  }
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["urlkey"], "example,news)/budget");
  EXPECT_EQ(lines[0]["timestamp"], "20261101100000");
  EXPECT_EQ(lines[0]["status"], "200");
  auto count = [](const std::string& body) {
    return std::count(body.begin(), body.end(), '\n');
  };
  EXPECT_EQ(count(Ui().Get("/cdx?url=news.example&matchType=host")->body), 9);
  EXPECT_EQ(count(Ui().Get("/cdx?url=example.com&matchType=domain")->body), 0);
  EXPECT_EQ(count(Ui().Get("/cdx?url=news.example/b&matchType=prefix")->body), 6);
  EXPECT_EQ(count(Ui().Get("/cdx?url=news.example&matchType=host&filter=status:404")->body), 1);
  EXPECT_EQ(count(Ui().Get("/cdx?url=news.example&matchType=host&filter=!status:200")->body), 2);
  EXPECT_EQ(count(Ui().Get("/cdx?url=news.example/budget&from=20261102&to=20261103")->body), 2);
  EXPECT_EQ(Get("/cdx?url=x&from=202611020", 400)["parameter"], "from");
  EXPECT_EQ(count(Ui().Get("/cdx?url=news.example/budget&limit=2&sort=reverse")->body), 2);
  EXPECT_EQ(count(Ui().Get("/cdx?url=news.example&matchType=host&collapse=urlkey")->body), 5);
  EXPECT_THAT(Ui().Get("/cdx?url=news.example/budget")->body,
              HasSubstr("example,news)/budget 20261101100000 {"));
  EXPECT_EQ(Get("/cdx?url=x&matchType=everything", 400)["parameter"], "matchType");
  EXPECT_EQ(Get("/cdx?url=x&filter=nocolon", 400)["parameter"], "filter");
  EXPECT_EQ(Get("/cdx?url=x&filter=status:(", 400)["parameter"], "filter");

  auto tm = Ui().Get("/timemap/link/https://news.example/budget");
  ASSERT_TRUE(tm);
  EXPECT_EQ(tm->get_header_value("Content-Type"), "application/link-format");
  EXPECT_EQ(std::count(tm->body.begin(), tm->body.end(), '\n'), 7);  // original, gate, self, 4
  EXPECT_THAT(tm->body, HasSubstr("rel=\"first memento\""));
  httplib::Headers h = {{"Accept-Datetime", "Tue, 03 Nov 2026 00:00:00 GMT"}};
  auto tg = Ui().Get("/timegate/https://news.example/budget", h);
  ASSERT_TRUE(tg);
  EXPECT_EQ(tg->status, 302);
  // The nearest capture: 10 hours after, not 14 before.
  EXPECT_EQ(tg->get_header_value("Location"),
            server_->replay_url() + "/20261103100000/https://news.example/budget");
}

TEST_F(ServerTest, AtomFeedsOfChanges) {
  auto r = Ui().Get("/feed/changes.atom?host=news.example");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_THAT(r->get_header_value("Content-Type"), HasSubstr("application/atom+xml"));
  EXPECT_THAT(r->body, HasSubstr("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
  EXPECT_EQ(std::count(r->body.begin(), r->body.end(), '<') > 10, true);
  EXPECT_THAT(r->body, HasSubstr("<title>edited: Budget approved, finally</title>"));
  EXPECT_THAT(r->body, HasSubstr("<title>deleted: Bridge closes</title>"));
  auto one = Ui().Get("/feed/changes.atom?url=https://news.example/bridge");
  EXPECT_THAT(one->body, Not(HasSubstr("Budget")));
}

TEST_F(ServerTest, OnlyOurOwnHostNamesAndReadsAreServed) {
  httplib::Client c("127.0.0.1", server_->port());
  httplib::Headers evil = {{"Host", "evil.example:" + std::to_string(server_->port())}};
  auto r = c.Get("/api/articles", evil);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_THAT(r->body, HasSubstr("DNS rebinding"));
  httplib::Headers local = {{"Host", "localhost:" + std::to_string(server_->port())}};
  EXPECT_EQ(c.Get("/api/articles", local)->status, 200);
  auto post = c.Post("/api/articles", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD");
  EXPECT_EQ(c.Delete("/api/articles")->status, 405);
  httplib::Client rc("127.0.0.1", server_->replay_port());
  EXPECT_EQ(rc.Get("/20261103000000/https://news.example/page", evil)->status, 403);
  // The interface's pages: strict policy, frames only from the replay origin.
  auto page = c.Get("/articles");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->get_header_value("Content-Security-Policy"),
              HasSubstr("frame-src " + server_->replay_url()));
  EXPECT_THAT(page->get_header_value("Content-Security-Policy"), HasSubstr("script-src 'self'"));
  EXPECT_THAT(page->body, HasSubstr("/assets/app.js"));
  EXPECT_EQ(c.Get("/assets/app.js")->status, 200);
  EXPECT_EQ(c.Get("/assets/nothing.js")->status, 404);
  EXPECT_EQ(c.Get("/no/such/page")->status, 404);
}

TEST_F(ServerTest, ReplayRewritesLinksAndBlocksScripts) {
  auto r = Replay().Get("/20261103000000/https://news.example/page");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  const std::string policy = r->get_header_value("Content-Security-Policy");
  EXPECT_THAT(policy, HasSubstr("script-src 'none'"));
  EXPECT_THAT(policy, HasSubstr("frame-ancestors " + server_->url()));
  const std::string prefix = server_->replay_url() + "/20261103100000/";
  EXPECT_THAT(r->body, HasSubstr("href=\"" + prefix + "https://news.example/budget\""));
  EXPECT_THAT(r->body, HasSubstr("src=\"" + prefix + "https://cdn.example/i.png\""));
  EXPECT_THAT(r->body, HasSubstr(prefix + "https://news.example/b.png 2x"));
  EXPECT_THAT(r->body, HasSubstr("url(" + prefix + "https://news.example/bg.png)"));
  EXPECT_THAT(r->body, HasSubstr("Replayed text"));
  EXPECT_FALSE(r->get_header_value("Memento-Datetime").empty());
  auto css = Replay().Get("/20261103000000/https://news.example/s.css");
  EXPECT_THAT(css->body, HasSubstr("@import \"" + prefix + "https://news.example/more.css\""));
  // As archived, untouched.
  auto raw = Replay().Get("/20261103000000id_/https://news.example/page");
  EXPECT_THAT(raw->body, HasSubstr("href=\"/budget\""));
  // A redirect capture replays as a redirect into the archive.
  auto moved = Replay().Get("/20261102000000/https://news.example/old-budget");
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->status, 302);
  EXPECT_EQ(moved->get_header_value("Location"),
            server_->replay_url() + "/20261101090000/https://news.example/budget");
  auto missing = Replay().Get("/2026/https://news.example/never");
  EXPECT_EQ(missing->status, 404);
  EXPECT_THAT(missing->body, HasSubstr("Not in the archive"));
  EXPECT_EQ(Replay().Get("/notatimestamp/x")->status, 400);
}

TEST_F(ServerTest, WaczDownloadsWithRanges) {
  auto whole = Ui().Get("/download/archive.wacz");
  ASSERT_TRUE(whole);
  ASSERT_EQ(whole->status, 200);
  EXPECT_EQ(whole->get_header_value("Content-Type"), "application/wacz");
  EXPECT_EQ(whole->body.substr(0, 2), "PK");
  httplib::Headers range = {{"Range", "bytes=10-109"}};
  auto part = Ui().Get("/download/archive.wacz", range);
  ASSERT_TRUE(part);
  EXPECT_EQ(part->status, 206);
  EXPECT_EQ(part->body, whole->body.substr(10, 100));
  EXPECT_EQ(Get("/download/archive.wacz?versions=some", 400)["parameter"], "versions");
}

TEST_F(ServerTest, TheIndexCatchesUpWhileServing) {
  Article("https://news.example/new", T(6), "A new story", "Ferries return to the harbour.");
  ASSERT_TRUE(server_->WaitForIndex().ok());
  EXPECT_EQ(Get("/api/search?q=ferries")["total"], 1);
  EXPECT_EQ(Get("/api/articles")["total"], 4);
  Json status = Get("/api/status");
  EXPECT_EQ(status["index"]["ready"], true);
  EXPECT_EQ(status["index"]["urls"], 4);
}

TEST(ServerStartTest, ErrorsNameTheArchiveAndTheAddress) {
  newsarc::testing::TempDir dir;
  ServeOptions o;
  o.archive = dir.File("missing.db");
  o.port = 0;
  auto missing = Server::Start(o);
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("missing.db"));

  o.archive = dir.File("a.db");
  ASSERT_TRUE(Archive::Open(o.archive).ok());
  auto first = Server::Start(o);
  ASSERT_TRUE(first.ok()) << first.status().message();
  ServeOptions same = o;
  same.port = (*first)->port();
  auto clash = Server::Start(same);
  ASSERT_FALSE(clash.ok());
  EXPECT_THAT(clash.status().message(), HasSubstr("127.0.0.1:" + std::to_string(same.port)));
}

}  // namespace
}  // namespace newsarc::web
