// End to end: `newsarc crawl --page-requisites` against nginx serving two
// hosts on 127.0.0.1 (tests/nginx_site.h): news.test with pages, cdn.test
// with their stylesheets, images and fonts. Checked from the archive and
// from nginx's access log: every requisite archived once with its type
// (stylesheets through an @import chain, a font named by url(), every
// srcset candidate, a <base href>), none of cdn.test's pages crawled, its
// robots.txt read and obeyed, per-host politeness, priority after the page,
// the metadata records, the scope and --content-type interplay, --max-pages,
// and re-crawls.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "nginx_site.h"
#include "storage/storage.h"
#include "test_util.h"

namespace newsarc::testing {
namespace {

namespace fs = std::filesystem;

constexpr double kDelay = 0.2;           // --delay
constexpr double kCdnCrawlDelay = 0.3;   // cdn.test robots.txt Crawl-delay

std::string Article(const std::string& title, const std::string& head, const std::string& body) {
  std::string text;
  for (int p = 0; p < 4; ++p) {
    text += "<p>Paragraph " + std::to_string(p) + " of " + title +
            ": the council met on Tuesday and discussed the harbour, the budget and the new "
            "library hours at length before voting.</p>";
  }
  return "<!doctype html><html><head><meta charset=utf-8><title>" + title + "</title>" + head +
         "</head><body><article><h1>" + title + "</h1>" + text + body +
         "</article></body></html>\n";
}

void MakeSite(const std::string& root) {
  std::string news = root + "/news.test", cdn = root + "/cdn.test";
  for (const std::string& d : {news + "/news", news + "/js", news + "/img", cdn + "/css",
                               cdn + "/chain", cdn + "/fonts", cdn + "/img", cdn + "/a",
                               cdn + "/private"}) {
    fs::create_directories(d);
  }
  WriteFile(news + "/robots.txt", "User-agent: *\nAllow: /\n");
  WriteFile(news + "/index.html",
            Article("News front page",
                    "<link rel=stylesheet href=http://cdn.test/css/site.css>"
                    "<link rel=stylesheet href=http://cdn.test/chain/c1.css>"
                    "<link rel=icon href=/img/favicon.png>"
                    "<script src=/js/app.js></script>"
                    "<style>.masthead{background:url(http://cdn.test/img/masthead.png)}</style>",
                    "<img src=http://cdn.test/img/logo.png>"
                    "<img src=http://cdn.test/private/secret.png>"
                    "<a href=/news/1.html>One</a> <a href=/news/2.html>Two</a> "
                    "<a href=http://cdn.test/>the CDN's own front page</a>"));
  // A <base href> on another host: relative requisites resolve there.
  WriteFile(news + "/news/1.html",
            Article("Story one",
                    "<base href=\"http://cdn.test/a/\">"
                    "<link rel=stylesheet href=\"/css/site.css\">",
                    "<img src=\"photo.jpg\"> <a href=\"http://news.test/news/2.html\">next</a>"));
  WriteFile(news + "/news/2.html",
            Article("Story two", "<link rel=stylesheet href=http://cdn.test/css/site.css>",
                    "<img src=http://cdn.test/img/s-300.jpg srcset=\"http://cdn.test/img/s-300.jpg "
                    "300w, http://cdn.test/img/s-600.jpg 600w, http://cdn.test/img/s-1200.jpg "
                    "1200w\">"
                    "<picture><source type=image/webp srcset=\"http://cdn.test/img/p.webp 1x, "
                    "http://cdn.test/img/p@2x.webp 2x\"><img src=http://cdn.test/img/p.jpg>"
                    "</picture>"
                    "<div style=\"background-image:url('http://cdn.test/img/bg.png')\"></div>"
                    "<video poster=http://cdn.test/img/poster.jpg></video>"
                    "<input type=image src=/img/go.png>"));
  WriteFile(news + "/js/app.js", "console.log('replay sandboxes do not run me');\n");
  for (const char* img : {"/img/favicon.png", "/img/go.png"}) WriteFile(news + img, "PNG news");

  WriteFile(cdn + "/robots.txt",
            "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.3\n"
            "Sitemap: http://cdn.test/sitemap.xml\n");
  WriteFile(cdn + "/sitemap.xml",
            "<?xml version=\"1.0\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            "<url><loc>http://cdn.test/page.html</loc></url></urlset>\n");
  WriteFile(cdn + "/index.html", Article("CDN home", "", "<a href=/page.html>page</a>"));
  WriteFile(cdn + "/page.html", Article("CDN page", "", ""));
  WriteFile(cdn + "/css/site.css",
            "@import \"base.css\";\n"
            "/* More of our work: http://cdn.test/index.html and url(http://cdn.test/page.html) */\n"
            "@font-face { font-family: Serif; src: url(../fonts/serif.woff2) format(\"woff2\"); }\n"
            ".hero { background: url(\"../img/hero.png\") }\n");
  WriteFile(cdn + "/css/base.css", "@import url(deep.css);\nbody { background: url(/img/base.png) }\n");
  WriteFile(cdn + "/css/deep.css", ".deep { background: url(../img/deep.png) }\n");
  // An @import chain deeper than the bound: c6 is fetched but not read.
  for (int i = 1; i <= 7; ++i) {
    WriteFile(cdn + "/chain/c" + std::to_string(i) + ".css",
              "@import \"c" + std::to_string(i + 1) + ".css\";\n");
  }
  WriteFile(cdn + "/fonts/serif.woff2", "wOF2 font bytes");
  for (const char* img : {"logo.png", "masthead.png", "hero.png", "base.png", "deep.png", "bg.png"}) {
    WriteFile(cdn + "/img/" + img, std::string("PNG ") + img);
  }
  for (const char* img : {"s-300.jpg", "s-600.jpg", "s-1200.jpg", "p.jpg", "poster.jpg"}) {
    WriteFile(cdn + "/img/" + img, std::string("JPEG ") + img);
  }
  for (const char* img : {"p.webp", "p@2x.webp"}) WriteFile(cdn + "/img/" + img, "WEBP");
  WriteFile(cdn + "/a/photo.jpg", "JPEG photo");
  WriteFile(cdn + "/private/secret.png", "PNG secret");
}

std::vector<VirtualHost> Hosts() {
  return {
      {"news.test", ""},
      // A server block's types replace the shared ones for that host.
      {"cdn.test",
       "    types { text/html html; text/css css; image/png png; image/jpeg jpg; "
       "image/webp webp; font/woff2 woff2; application/xml xml; text/plain txt; }\n"},
  };
}

// The requisites of the three pages, as the crawl must archive them.
std::map<std::string, std::string> ExpectedRequisites() {
  return {
      {"http://cdn.test/css/site.css", "text/css"},
      {"http://cdn.test/css/base.css", "text/css"},   // @import "base.css"
      {"http://cdn.test/css/deep.css", "text/css"},   // base.css @import url(deep.css)
      {"http://cdn.test/fonts/serif.woff2", "font/woff2"},
      {"http://cdn.test/img/hero.png", "image/png"},
      {"http://cdn.test/img/base.png", "image/png"},
      {"http://cdn.test/img/deep.png", "image/png"},
      {"http://cdn.test/chain/c1.css", "text/css"},
      {"http://cdn.test/chain/c2.css", "text/css"},
      {"http://cdn.test/chain/c3.css", "text/css"},
      {"http://cdn.test/chain/c4.css", "text/css"},
      {"http://cdn.test/chain/c5.css", "text/css"},
      {"http://cdn.test/chain/c6.css", "text/css"},
      {"http://cdn.test/img/masthead.png", "image/png"},  // in a <style> block
      {"http://cdn.test/img/logo.png", "image/png"},
      {"http://news.test/img/favicon.png", "image/png"},
      {"http://news.test/js/app.js", "application/javascript"},
      {"http://cdn.test/a/photo.jpg", "image/jpeg"},     // through <base href>
      {"http://cdn.test/img/s-300.jpg", "image/jpeg"},   // src, and srcset's first
      {"http://cdn.test/img/s-600.jpg", "image/jpeg"},   // every srcset candidate
      {"http://cdn.test/img/s-1200.jpg", "image/jpeg"},
      {"http://cdn.test/img/p.webp", "image/webp"},
      {"http://cdn.test/img/p@2x.webp", "image/webp"},
      {"http://cdn.test/img/p.jpg", "image/jpeg"},
      {"http://cdn.test/img/bg.png", "image/png"},       // style attribute
      {"http://cdn.test/img/poster.jpg", "image/jpeg"},
      {"http://news.test/img/go.png", "image/png"},
  };
}

const std::set<std::string>& Pages() {
  static const std::set<std::string> pages = {"http://news.test/", "http://news.test/news/1.html",
                                              "http://news.test/news/2.html"};
  return pages;
}

std::string FieldOf(const std::string& head, const std::string& name) {
  size_t at = head.find("\r\n" + name + ": ");
  if (at == std::string::npos) return "";
  at += name.size() + 4;
  return head.substr(at, head.find("\r\n", at) - at);
}

struct Captures {
  std::map<std::string, std::vector<std::string>> responses;  // URL -> Content-Types
  std::map<std::string, std::string> bodies;                 // URL -> last 200 body
  std::map<std::string, int> revisits;
  std::set<std::string> conversions;
  std::map<std::string, std::string> metadata;  // URL -> last metadata block
  std::map<std::string, std::string> requests;  // URL -> last request block
};

Captures ReadArchive(const std::string& path) {
  Captures c;
  auto archive = storage::Archive::Open(path, {.read_only = true});
  EXPECT_TRUE(archive.ok()) << archive.status().message();
  if (!archive.ok()) return c;
  Status st = (*archive)->ForEach([&](const storage::WarcRecord& r) {
    std::string type(r.type()), uri(r.target_uri());
    if (type == "response") {
      size_t end = r.block.find("\r\n\r\n");
      std::string head = r.block.substr(0, end + 2);
      c.responses[uri].push_back(FieldOf(head, "Content-Type"));
      if (end != std::string::npos) c.bodies[uri] = r.block.substr(end + 4);
    } else if (type == "revisit") {
      ++c.revisits[uri];
    } else if (type == "conversion") {
      c.conversions.insert(uri);
    } else if (type == "metadata") {
      c.metadata[uri] = r.block;
    } else if (type == "request") {
      c.requests[uri] = r.block;
    }
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.message();
  return c;
}

class PageRequisitesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MakeSite(tmp_.File("site"));
    fs::create_directories(tmp_.File("nginx"));
    site_ = std::make_unique<NginxSite>(tmp_.File("nginx"), tmp_.File("site"), Hosts());
    ASSERT_EQ(site_->error(), "");
  }

  CommandResult Crawl(const std::string& archive, const std::string& extra) const {
    return RunNewsarc("crawl http://news.test/ --archive " + ShellQuote(archive) + " --proxy " +
                      site_->proxy() + " --allow-private --delay 0.2s " + extra);
  }

  // The crawler's requests by host, in order of their start.
  std::map<std::string, std::vector<AccessLogEntry>> RequestsByHost() const {
    std::map<std::string, std::vector<AccessLogEntry>> by_host;
    for (const auto& e : site_->AccessLog()) {
      if (e.user_agent.find("newsarc/") != std::string::npos) by_host[e.host].push_back(e);
    }
    for (auto& [host, entries] : by_host) {
      std::sort(entries.begin(), entries.end(),
                [](const AccessLogEntry& x, const AccessLogEntry& y) { return x.start < y.start; });
    }
    return by_host;
  }

  static std::map<std::string, int> PathCounts(const std::vector<AccessLogEntry>& entries) {
    std::map<std::string, int> n;
    for (const auto& e : entries) ++n[e.path];
    return n;
  }

  TempDir tmp_;
  std::unique_ptr<NginxSite> site_;
};

TEST_F(PageRequisitesTest, EveryRequisiteOnceNothingMoreAndPolitely) {
  std::string archive = tmp_.File("a.db");
  CommandResult r = Crawl(archive, "--page-requisites");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("page requisites archived"), std::string::npos) << r.out;
  Captures caps = ReadArchive(archive);

  // The pages, with their articles; every requisite once, with its type,
  // and never extracted.
  for (const std::string& page : Pages()) {
    EXPECT_EQ(caps.responses[page].size(), 1u) << page;
    EXPECT_TRUE(caps.conversions.count(page)) << page;
  }
  for (const auto& [url, type] : ExpectedRequisites()) {
    ASSERT_EQ(caps.responses[url].size(), 1u) << url << " archived once";
    EXPECT_EQ(caps.responses[url][0], type) << url;
    EXPECT_FALSE(caps.conversions.count(url)) << url;
  }
  EXPECT_EQ(caps.bodies["http://cdn.test/fonts/serif.woff2"], "wOF2 font bytes");

  std::map<std::string, std::vector<AccessLogEntry>> by_host = RequestsByHost();
  std::map<std::string, int> cdn = PathCounts(by_host["cdn.test"]);
  // cdn.test: robots.txt first, then requisites only, each once; its pages,
  // its sitemap, what robots.txt disallows and the chain beyond the bound
  // are never requested.
  ASSERT_FALSE(by_host["cdn.test"].empty());
  EXPECT_EQ(by_host["cdn.test"].front().path, "/robots.txt");
  for (const auto& [path, n] : cdn) EXPECT_EQ(n, 1) << path;
  for (const char* never : {"/", "/index.html", "/page.html", "/sitemap.xml",
                            "/private/secret.png", "/chain/c7.css"}) {
    EXPECT_EQ(cdn.count(never), 0u) << never;
  }
  // robots.txt plus the requisites on cdn.test, nothing else.
  size_t cdn_requisites = 0;
  for (const auto& [url, type] : ExpectedRequisites()) cdn_requisites += url.starts_with("http://cdn.test/");
  EXPECT_EQ(by_host["cdn.test"].size(), cdn_requisites + 1);
  // The disallowed image was refused by robots.txt, not lost.
  EXPECT_EQ(caps.responses.count("http://cdn.test/private/secret.png"), 0u);

  // Politeness holds for requisites: starts on one host at least its delay
  // apart (cdn.test's Crawl-delay raises it).
  for (const auto& [host, entries] : by_host) {
    double delay = host == "cdn.test" ? kCdnCrawlDelay : kDelay;
    for (size_t i = 1; i < entries.size(); ++i) {
      EXPECT_GE(entries[i].start - entries[i - 1].start, delay - 0.002)
          << host << " " << entries[i - 1].path << " -> " << entries[i].path;
    }
  }
  // Requisites jump their host's queue: the front page's script and icon
  // come before the stories it links to.
  std::vector<std::string> news_order;
  for (const auto& e : by_host["news.test"]) news_order.push_back(e.path);
  auto pos = [&](const std::string& p) {
    return std::find(news_order.begin(), news_order.end(), p) - news_order.begin();
  };
  EXPECT_LT(pos("/js/app.js"), pos("/news/1.html"));
  EXPECT_LT(pos("/img/favicon.png"), pos("/news/1.html"));

  // Metadata: a requisite says where it came from and that it is an embed.
  const std::string& font = caps.metadata["http://cdn.test/fonts/serif.woff2"];
  EXPECT_NE(font.find("via: http://cdn.test/css/site.css\r\n"), std::string::npos) << font;
  EXPECT_NE(font.find("kind: requisite\r\nhopType: E\r\nembedHops: 2\r\n"), std::string::npos)
      << font;
  EXPECT_NE(font.find("hopsFromSeed: 0\r\n"), std::string::npos) << font;
  const std::string& photo = caps.metadata["http://cdn.test/a/photo.jpg"];
  EXPECT_NE(photo.find("via: http://news.test/news/1.html\r\n"), std::string::npos) << photo;
  EXPECT_NE(photo.find("hopsFromSeed: 1\r\n"), std::string::npos) << photo;  // the page's depth
  EXPECT_NE(photo.find("embedHops: 1\r\n"), std::string::npos) << photo;
  // The page lists its requisites as embeds, apart from its links.
  const std::string& front = caps.metadata["http://news.test/"];
  EXPECT_NE(front.find("embed: http://cdn.test/css/site.css\r\n"), std::string::npos) << front;
  EXPECT_NE(front.find("outlink: http://news.test/news/1.html\r\n"), std::string::npos) << front;
  EXPECT_EQ(front.find("outlink: http://cdn.test/css/site.css"), std::string::npos) << front;
  // Each request says which page it is for, as a browser's does (only the
  // origin to another host).
  EXPECT_EQ(FieldOf(caps.requests["http://cdn.test/img/logo.png"], "Referer"), "http://news.test/");
  EXPECT_EQ(FieldOf(caps.requests["http://news.test/js/app.js"], "Referer"), "http://news.test/");
  EXPECT_EQ(FieldOf(caps.requests["http://news.test/img/go.png"], "Referer"),
            "http://news.test/news/2.html");
  EXPECT_EQ(FieldOf(caps.requests["http://news.test/news/1.html"], "Referer"), "");  // a page
  const std::string& site_css = caps.metadata["http://cdn.test/css/site.css"];
  EXPECT_NE(site_css.find("embed: http://cdn.test/fonts/serif.woff2\r\n"), std::string::npos);
  EXPECT_EQ(site_css.find("index.html"), std::string::npos) << site_css;

  CommandResult verify = RunNewsarc("verify --archive " + ShellQuote(archive));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(PageRequisitesTest, WithoutTheFlagNothingOfTheCdnIsFetched) {
  std::string archive = tmp_.File("a.db");
  CommandResult r = Crawl(archive, "");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  std::map<std::string, std::vector<AccessLogEntry>> by_host = RequestsByHost();
  EXPECT_EQ(by_host.count("cdn.test"), 0u);
  std::map<std::string, int> news = PathCounts(by_host["news.test"]);
  EXPECT_EQ(news.count("/js/app.js"), 0u);
  EXPECT_EQ(news.count("/img/favicon.png"), 0u);
  for (const std::string& page : Pages()) {
    EXPECT_EQ(news[page.substr(std::string("http://news.test").size())], 1) << page;
  }
}

TEST_F(PageRequisitesTest, ContentTypeAndIncludeAreAboutPagesExcludeAppliesToAll) {
  // --content-type text/html keeps pages to HTML, not requisites to it;
  // --include narrows the pages (here to the stories), not the requisites;
  // --exclude holds for requisites too.
  std::string archive = tmp_.File("a.db");
  CommandResult r = Crawl(archive, "--page-requisites --content-type text/html --include /news/ "
                                   "--exclude '\\.woff2$'");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  Captures caps = ReadArchive(archive);
  for (const std::string& page : Pages()) EXPECT_EQ(caps.responses[page].size(), 1u) << page;
  for (const auto& [url, type] : ExpectedRequisites()) {
    if (url.ends_with(".woff2")) {
      EXPECT_EQ(caps.responses.count(url), 0u) << url;
      continue;
    }
    ASSERT_EQ(caps.responses[url].size(), 1u) << url;
    EXPECT_EQ(caps.responses[url][0], type) << url;
  }
  // Whole bodies, not heads cut at a refused type.
  EXPECT_EQ(caps.bodies["http://cdn.test/img/logo.png"], "PNG logo.png");
  EXPECT_EQ(caps.bodies["http://cdn.test/css/deep.css"],
            ".deep { background: url(../img/deep.png) }\n");
  EXPECT_EQ(r.out.find("not downloaded"), std::string::npos) << r.out;
}

TEST_F(PageRequisitesTest, MaxPagesStillGivesTheLastPagesTheirRequisites) {
  std::string archive = tmp_.File("a.db");
  CommandResult r = Crawl(archive, "--page-requisites --max-pages 1 --no-sitemaps");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  Captures caps = ReadArchive(archive);
  EXPECT_EQ(caps.responses.count("http://news.test/news/1.html"), 0u);
  EXPECT_EQ(caps.responses.count("http://news.test/news/2.html"), 0u);
  // The front page's requisites, through the @import chain.
  for (const char* url : {"http://cdn.test/css/site.css", "http://cdn.test/css/deep.css",
                          "http://cdn.test/img/deep.png", "http://cdn.test/fonts/serif.woff2",
                          "http://cdn.test/img/logo.png", "http://news.test/js/app.js",
                          "http://cdn.test/chain/c6.css"}) {
    EXPECT_EQ(caps.responses[url].size(), 1u) << url;
  }
  // The stories' own requisites were never found.
  EXPECT_EQ(caps.responses.count("http://cdn.test/a/photo.jpg"), 0u);
  EXPECT_NE(r.out.find("still queued"), std::string::npos) << r.out;
}

TEST_F(PageRequisitesTest, RecrawlsRecheckRequisitesAndScheduledRunsLeaveThemForLater) {
  std::string archive = tmp_.File("a.db");
  ASSERT_EQ(Crawl(archive, "--page-requisites").exit_code, 0);

  // A scheduled run re-reads the seed (304) but no requisite: theirs is the
  // longest re-visit interval.
  site_->ClearAccessLog();
  CommandResult due = Crawl(archive, "--page-requisites --due-only");
  ASSERT_EQ(due.exit_code, 0) << due.err << due.out;
  std::map<std::string, std::vector<AccessLogEntry>> by_host = RequestsByHost();
  EXPECT_EQ(PathCounts(by_host["news.test"])["/"], 1);
  for (const auto& [host, entries] : by_host) {
    for (const auto& e : entries) {
      EXPECT_FALSE(e.path.ends_with(".css") || e.path.ends_with(".png") ||
                   e.path.ends_with(".jpg") || e.path.ends_with(".js"))
          << host << e.path;
    }
  }

  // A full re-crawl re-checks every requisite with a conditional request:
  // unchanged, each becomes a revisit, still one response.
  site_->ClearAccessLog();
  CommandResult again = Crawl(archive, "--page-requisites");
  ASSERT_EQ(again.exit_code, 0) << again.err << again.out;
  Captures caps = ReadArchive(archive);
  for (const auto& [url, type] : ExpectedRequisites()) {
    EXPECT_EQ(caps.responses[url].size(), 1u) << url;
    EXPECT_EQ(caps.revisits[url], 1) << url;
  }
  int not_modified = 0;
  for (const auto& [host, entries] : RequestsByHost()) {
    for (const auto& e : entries) not_modified += e.status == 304;
  }
  EXPECT_GE(not_modified, static_cast<int>(ExpectedRequisites().size()));
  CommandResult verify = RunNewsarc("verify --archive " + ShellQuote(archive));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST(PageRequisitesCliTest, TheFlagIsKeptForResumeAndSchedules) {
  TempDir tmp;
  std::string archive = ShellQuote(tmp.File("a.db"));
  CommandResult dry = RunNewsarc("crawl http://news.test/ --page-requisites --dry-run --archive " +
                                 archive);
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("\"page_requisites\":true"), std::string::npos) << dry.out;
  dry = RunNewsarc("crawl http://news.test/ --dry-run --archive " + archive);
  EXPECT_NE(dry.out.find("\"page_requisites\":false"), std::string::npos) << dry.out;
  CommandResult add = RunNewsarc("schedule add front http://news.test/ --every 1h --page-requisites "
                                 "--archive " + archive);
  ASSERT_EQ(add.exit_code, 0) << add.err;
  auto opened = storage::Archive::Open(tmp.File("a.db"), {.read_only = true});
  ASSERT_TRUE(opened.ok());
  Result<std::optional<std::string>> saved = (*opened)->frontier().GetSetting("schedule.front");
  ASSERT_TRUE(saved.ok() && saved->has_value());
  EXPECT_NE((*saved)->find("\"page_requisites\":true"), std::string::npos) << **saved;
  CommandResult help = RunNewsarc("crawl --help");
  EXPECT_NE(help.out.find("--page-requisites"), std::string::npos);
}

}  // namespace
}  // namespace newsarc::testing
