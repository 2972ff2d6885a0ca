// --content-type: media ranges, the extension pre-filter, and a crawl that
// keeps to HTML pages (the head of a refused page is archived, its body is
// never downloaded, and links to obvious images are not requested at all).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "base/url.h"
#include "crawler/scope.h"
#include "storage/storage.h"
#include "test_server.h"
#include "test_util.h"

namespace newsarc::testing {
namespace {

using crawler::CheckMediaRange;
using crawler::ContentTypeAccepted;
using crawler::MediaTypeFromExtension;

TEST(ContentTypeScopeTest, MediaRangesAreCheckedAndLowerCased) {
  EXPECT_EQ(*CheckMediaRange(" Text/HTML "), "text/html");
  EXPECT_EQ(*CheckMediaRange("image/*"), "image/*");
  EXPECT_EQ(*CheckMediaRange("*/*"), "*/*");
  EXPECT_EQ(*CheckMediaRange("application/rss+xml"), "application/rss+xml");
  for (const char* bad : {"html", "text/", "/html", "*/html", "text/ht ml", "text/html;q=1", ""}) {
    Result<std::string> r = CheckMediaRange(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("--content-type"), std::string::npos);
  }
}

TEST(ContentTypeScopeTest, ContentTypeFieldsMatchRanges) {
  std::vector<std::string> html = {"text/html", "application/xhtml+xml"};
  EXPECT_TRUE(ContentTypeAccepted("text/html; charset=GBK", html));
  EXPECT_TRUE(ContentTypeAccepted("TEXT/HTML", html));
  EXPECT_TRUE(ContentTypeAccepted("application/xhtml+xml", html));
  EXPECT_FALSE(ContentTypeAccepted("text/html-sandboxed", html));
  EXPECT_FALSE(ContentTypeAccepted("image/png", html));
  EXPECT_FALSE(ContentTypeAccepted("", html));  // no type: refused unless */*
  EXPECT_TRUE(ContentTypeAccepted("image/png", {"image/*"}));
  EXPECT_FALSE(ContentTypeAccepted("imagex/png", {"image/*"}));
  EXPECT_TRUE(ContentTypeAccepted("", {"*/*"}));
  EXPECT_TRUE(ContentTypeAccepted("anything/at-all", {}));
}

TEST(ContentTypeScopeTest, ExtensionsAnnounceCommonTypes) {
  auto type = [](const char* url) { return MediaTypeFromExtension(*Url::Parse(url)); };
  EXPECT_EQ(type("http://a.test/p/photo.JPG?w=300"), "image/jpeg");
  EXPECT_EQ(type("http://a.test/report.pdf"), "application/pdf");
  EXPECT_EQ(type("http://a.test/clip.mp4"), "video/mp4");
  EXPECT_EQ(type("http://a.test/news/story.html"), "");
  EXPECT_EQ(type("http://a.test/news/2026/11/27/story"), "");
  EXPECT_EQ(type("http://a.test/index.php?id=3.jpg"), "");  // the query is not the name
  EXPECT_EQ(type("http://a.test/v1.2/story"), "");
}

std::string Response(const std::string& type, const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

TEST(ContentTypeScopeTest, CrawlKeepsToTheGivenTypes) {
  std::string story = "<!doctype html><html><head><title>Story</title></head><body><article>"
                      "<h1>Story</h1><p>The ferry timetable changes on Monday, the port said, "
                      "with two extra crossings on weekdays.</p></article></body></html>";
  std::string pdf = "%PDF-1.7\n" + std::string(200000, 'p');
  TestServer server(TestServer::Canned({
      {"http://types.test/robots.txt", "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"},
      {"http://types.test/",
       Response("text/html", "<html><body><a href=/story.html>story</a> "
                             "<a href=/photo.jpg>photo</a> <a href=/report>report</a> "
                             "<a href=/data>data</a></body></html>")},
      {"http://types.test/story.html", Response("text/html; charset=utf-8", story)},
      {"http://types.test/photo.jpg", Response("image/jpeg", "JPEG")},
      {"http://types.test/report", Response("application/pdf", pdf)},
      {"http://types.test/data", Response("application/xhtml+xml", "<html/>")},
  }));
  TempDir tmp;
  std::string archive = tmp.File("a.db");
  CommandResult r = RunNewsarc("crawl http://types.test/ --archive " + ShellQuote(archive) +
                               " --proxy http://" + server.HostPort() +
                               " --allow-private --delay 0 --no-sitemaps"
                               " --content-type text/html --content-type application/xhtml+xml");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("1 pages not downloaded"), std::string::npos) << r.out;

  std::map<std::string, int> requested;
  for (const ReceivedRequest& q : server.requests()) ++requested[q.target];
  EXPECT_EQ(requested["http://types.test/photo.jpg"], 0);  // known by its extension
  EXPECT_EQ(requested["http://types.test/report"], 1);     // refused at its head
  EXPECT_EQ(requested["http://types.test/story.html"], 1);
  EXPECT_EQ(requested["http://types.test/data"], 1);

  std::map<std::string, std::string> truncated;
  std::map<std::string, size_t> sizes;
  auto opened = storage::Archive::Open(archive, {.read_only = true});
  ASSERT_TRUE(opened.ok());
  ASSERT_TRUE((*opened)
                  ->ForEach([&](const storage::WarcRecord& rec) {
                    if (rec.type() != "response") return true;
                    std::string uri(rec.target_uri());
                    truncated[uri] = std::string(rec.Get("WARC-Truncated"));
                    sizes[uri] = rec.block.size();
                    return true;
                  })
                  .ok());
  ASSERT_TRUE(truncated.count("http://types.test/report"));
  EXPECT_EQ(truncated["http://types.test/report"], "unspecified");
  EXPECT_LT(sizes["http://types.test/report"], 1000u);  // the head, not the 200 KB body
  EXPECT_EQ(truncated["http://types.test/story.html"], "");
  EXPECT_EQ(truncated["http://types.test/data"], "");

  // A bad range is refused before anything is created.
  CommandResult bad = RunNewsarc("crawl http://types.test/ --archive " +
                                 ShellQuote(tmp.File("b.db")) + " --content-type html");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--content-type html"), std::string::npos) << bad.err;
  EXPECT_FALSE(FileExists(tmp.File("b.db")));
}

}  // namespace
}  // namespace newsarc::testing
