// `newsarc extract --archive`: re-extraction of archived HTML responses into
// new conversion records, side by side with older ones. The archive comes
// from `newsarc import` of a WARC the test writes: an English page, a GBK
// page labelled by its Content-Type charset, a gzip Content-Encoded page, a
// chunked page without a Content-Type, an image, a 404 and a redirect.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "base/digest.h"
#include "test_util.h"

namespace newsarc {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::CommandResult;
using testing::Gzip;
using testing::ReadFile;
using testing::RunNewsarc;
using testing::ShellQuote;
using testing::TempDir;
using testing::WriteFile;

std::string Id(int n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "<urn:uuid:e0a1c000-0000-4000-8000-%012d>", n);
  return buf;
}

std::string Record(const std::string& type, const std::string& id, const std::string& date,
                   const std::string& url, const std::string& extra,
                   const std::string& content_type, const std::string& block) {
  return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: " + id +
         "\r\nWARC-Date: " + date + "\r\nWARC-Target-URI: " + url + "\r\n" + extra +
         "Content-Type: " + content_type + "\r\nWARC-Block-Digest: " + Sha1Label(block) +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

std::string Response(int n, const std::string& date, const std::string& url,
                     const std::string& http) {
  return Record("response", Id(n), date, url, "", "application/http; msgtype=response", http);
}

// An article page whose body the extractor keeps: a title and a few
// paragraphs of `sentence`.
std::string Page(const std::string& title, const std::string& sentence,
                 const std::string& meta = "") {
  std::string p = "<p>" + sentence + " " + sentence + " " + sentence + "</p>\n";
  return "<!DOCTYPE html><html><head>" + meta + "<title>" + title + "</title></head><body>" +
         "<article><h1>" + title + "</h1>" + p + p + p + "</article></body></html>";
}

const char kEnglish[] =
    "The harbour board approved the new ferry timetable after a long public consultation";
// "记者从郑州市获悉，今年以来全市新建改建城市公园二十余座，市民休闲健身的去处明显增多。"
// in GBK, and the first clause of it in UTF-8.
const char kChineseGbk[] =
    "\xbc\xc7\xd5\xdf\xb4\xd3\xd6\xa3\xd6\xdd\xca\xd0\xbb\xf1\xcf\xa4\xa3\xac\xbd\xf1\xc4\xea"
    "\xd2\xd4\xc0\xb4\xc8\xab\xca\xd0\xd0\xc2\xbd\xa8\xb8\xc4\xbd\xa8\xb3\xc7\xca\xd0\xb9\xab"
    "\xd4\xb0\xb6\xfe\xca\xae\xd3\xe0\xd7\xf9\xa3\xac\xca\xd0\xc3\xf1\xd0\xdd\xcf\xd0\xbd\xa1"
    "\xc9\xed\xb5\xc4\xc8\xa5\xb4\xa6\xc3\xf7\xcf\xd4\xd4\xf6\xb6\xe0\xa1\xa3";
const char kChineseUtf8[] = "记者从郑州市获悉";
const char kGzipped[] =
    "The observatory recorded the brightest meteor shower of the decade over the valley";
const char kChunked[] =
    "Volunteers planted four thousand oak saplings along the river during the weekend";

// The WARC most tests import: four pages that are HTML, three responses
// that are not articles.
std::string MixedWarc() {
  std::string w;
  w += Response(1, "2024-01-10T08:00:00Z", "http://news.example/en",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
                    Page("Ferry timetable", kEnglish));
  w += Response(2, "2024-02-10T08:00:00Z", "http://cn.example/zh",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=GBK\r\n\r\n" +
                    Page("Parks", kChineseGbk));
  std::string gz = Gzip(Page("Meteors", kGzipped));
  w += Response(3, "2024-03-10T08:00:00Z", "http://news.example/gz",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
                "Content-Length: " + std::to_string(gz.size()) + "\r\n\r\n" + gz);
  std::string page = Page("Oaks", kChunked);
  char size[16];
  std::snprintf(size, sizeof size, "%zx", page.size());
  w += Response(4, "2024-04-10T08:00:00Z", "http://news.example/chunked",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + std::string(size) +
                    "\r\n" + page + "\r\n0\r\n\r\n");
  w += Response(5, "2024-04-11T08:00:00Z", "http://news.example/logo.png",
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\nxxxx");
  w += Response(6, "2024-04-12T08:00:00Z", "http://news.example/missing",
                "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n" +
                    Page("Not found", kEnglish));
  w += Response(7, "2024-04-13T08:00:00Z", "http://news.example/old",
                "HTTP/1.1 301 Moved\r\nLocation: http://news.example/en\r\n\r\n");
  return w;
}

class ExtractArchiveTest : public ::testing::Test {
 protected:
  void Import(const std::string& warc) {
    WriteFile(dir_.File("in.warc"), warc);
    CommandResult r = RunNewsarc("import " + ShellQuote(dir_.File("in.warc")) + " --archive " +
                                 ShellQuote(archive_));
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }

  CommandResult Extract(const std::string& flags = "") {
    return RunNewsarc("extract --archive " + ShellQuote(archive_) + " " + flags);
  }

  // Every conversion's article, as `export --format jsonl` writes it.
  std::vector<nlohmann::json> Articles() {
    std::string out = dir_.File("out.jsonl");
    std::remove(out.c_str());
    CommandResult r = RunNewsarc("export --archive " + ShellQuote(archive_) +
                                 " --format jsonl --versions all --min-chars 0 --out " +
                                 ShellQuote(out));
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    std::vector<nlohmann::json> rows;
    std::istringstream lines(ReadFile(out));
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) rows.push_back(nlohmann::json::parse(line));
    }
    return rows;
  }

  // Response URL -> how many conversions it has. ("url" would be the origin
  // of a redirect to it.)
  std::map<std::string, int> CountByUrl() {
    std::map<std::string, int> n;
    for (const auto& a : Articles()) ++n[a["final_url"].get<std::string>()];
    return n;
  }

  TempDir dir_;
  std::string archive_ = dir_.File("a.db");
};

TEST_F(ExtractArchiveTest, AddsConversionsForHtmlResponsesOnly) {
  Import(MixedWarc());
  ASSERT_TRUE(Articles().empty());
  CommandResult r = Extract();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("extract: 4 conversion records added"));
  EXPECT_THAT(r.out, HasSubstr("7 responses"));

  std::map<std::string, std::string> text;
  for (const auto& a : Articles()) {
    text[a["final_url"].get<std::string>()] = a["text"].get<std::string>();
    EXPECT_THAT(a["response_record_id"].get<std::string>(), HasSubstr("e0a1c000"));
  }
  ASSERT_EQ(text.size(), 4u);
  EXPECT_THAT(text["http://news.example/en"], HasSubstr(kEnglish));
  // Decoded from GBK per the Content-Type charset.
  EXPECT_THAT(text["http://cn.example/zh"], HasSubstr(kChineseUtf8));
  // Gunzipped before extraction.
  EXPECT_THAT(text["http://news.example/gz"], HasSubstr(kGzipped));
  // De-chunked; no Content-Type, recognised by its <!DOCTYPE html>.
  EXPECT_THAT(text["http://news.example/chunked"], HasSubstr(kChunked));
  EXPECT_EQ(text.count("http://news.example/logo.png"), 0u);
  EXPECT_EQ(text.count("http://news.example/missing"), 0u);
  EXPECT_EQ(text.count("http://news.example/old"), 0u);
}

TEST_F(ExtractArchiveTest, SecondRunAddsNothingUnlessForced) {
  Import(MixedWarc());
  ASSERT_EQ(Extract().exit_code, 0);
  CommandResult again = Extract();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("extract: 0 conversion records added"));
  EXPECT_THAT(again.out, HasSubstr("4 already extracted by this version"));
  EXPECT_EQ(Articles().size(), 4u);

  CommandResult forced = Extract("--force");
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_THAT(forced.out, HasSubstr("extract: 4 conversion records added"));
  EXPECT_EQ(Articles().size(), 8u);
}

TEST_F(ExtractArchiveTest, KeepsOlderExtractorVersionsBesideTheNewOnes) {
  std::string warc = MixedWarc();
  nlohmann::json old = {{"url", "http://news.example/en"},
                        {"response_record_id", Id(1)},
                        {"extractor", "newsarc-extract/0.0"},
                        {"title", "Old title"},
                        {"text", "old text"}};
  warc += Record("conversion", Id(100), "2024-01-10T08:00:01Z", "http://news.example/en",
                 "WARC-Refers-To: " + Id(1) + "\r\nWARC-Software: newsarc-extract/0.0\r\n",
                 "application/json; profile=newsarc-article-1", old.dump());
  Import(warc);
  CommandResult r = Extract();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("extract: 4 conversion records added"));
  std::vector<std::string> texts;
  for (const auto& a : Articles()) {
    if (a["final_url"] == "http://news.example/en") texts.push_back(a["text"].get<std::string>());
  }
  ASSERT_EQ(texts.size(), 2u);
  EXPECT_THAT(texts, ::testing::Contains("old text"));
  EXPECT_THAT(texts, ::testing::Contains(HasSubstr(kEnglish)));
}

TEST_F(ExtractArchiveTest, SiteFilterTakesTheHostAndItsSubdomains) {
  std::string warc = MixedWarc();
  warc += Response(8, "2024-05-01T08:00:00Z", "http://www.cn.example/b",
                   "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + Page("B", kEnglish));
  warc += Response(9, "2024-05-01T08:00:00Z", "http://sport.cn.example/c",
                   "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + Page("C", kEnglish));
  warc += Response(10, "2024-05-01T08:00:00Z", "http://notcn.example/d",
                   "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + Page("D", kEnglish));
  Import(warc);
  CommandResult r = Extract("--site cn.example");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("extract: 3 conversion records added"));
  std::map<std::string, int> n = CountByUrl();
  EXPECT_EQ(n.size(), 3u);
  EXPECT_EQ(n["http://cn.example/zh"], 1);
  EXPECT_EQ(n["http://www.cn.example/b"], 1);
  EXPECT_EQ(n["http://sport.cn.example/c"], 1);
}

TEST_F(ExtractArchiveTest, SinceFilterUsesTheCaptureTime) {
  Import(MixedWarc());
  CommandResult r = Extract("--since 2024-03-01");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("extract: 2 conversion records added"));
  std::map<std::string, int> n = CountByUrl();
  EXPECT_EQ(n.size(), 2u);
  EXPECT_EQ(n["http://news.example/gz"], 1);
  EXPECT_EQ(n["http://news.example/chunked"], 1);
  // The rest come with a later run without the filter.
  CommandResult all = Extract();
  EXPECT_THAT(all.out, HasSubstr("extract: 2 conversion records added"));
  EXPECT_EQ(Articles().size(), 4u);
}

TEST_F(ExtractArchiveTest, MissingArchiveIsAClearError) {
  std::string missing = dir_.File("nope.db");
  CommandResult r = RunNewsarc("extract --archive " + ShellQuote(missing));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr(missing));
  EXPECT_FALSE(testing::FileExists(missing));
}

TEST_F(ExtractArchiveTest, NotAnArchiveIsAClearError) {
  std::string junk = dir_.File("junk.db");
  WriteFile(junk, "this is not an archive at all, just some text in a file\n");
  CommandResult r = RunNewsarc("extract --archive " + ShellQuote(junk));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr(junk + ": not a newsarc archive"));
}

TEST_F(ExtractArchiveTest, BadCommandLinesExitTwo) {
  Import(MixedWarc());
  CommandResult since = Extract("--since yesterday");
  EXPECT_EQ(since.exit_code, 2);
  EXPECT_THAT(since.err, HasSubstr("--since \"yesterday\""));
  CommandResult both = RunNewsarc("extract x.html --archive " + ShellQuote(archive_));
  EXPECT_EQ(both.exit_code, 2);
  CommandResult site_alone = RunNewsarc("extract x.html --site news.example");
  EXPECT_EQ(site_alone.exit_code, 2);
  EXPECT_THAT(site_alone.err, Not(HasSubstr("conversion records added")));
  EXPECT_TRUE(Articles().empty());
}

}  // namespace
}  // namespace newsarc
