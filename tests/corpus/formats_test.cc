// Every corpus format, read back by an independent reader: nlohmann-json for
// JSONL, an RFC 4180 parser written here for CSV, libarchive for tar/zip/
// WACZ, the WARC reader for WARC.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "base/chandle.h"
#include "base/digest.h"
#include "base/progress.h"
#include "corpus/corpus_fixture.h"
#include "corpus/writers.h"
#include "storage/warc/warc.h"

namespace newsarc::corpus {
namespace {

using namespace corpus_testing;
using nlohmann::json;
using storage::WarcReader;
using newsarc::testing::ReadFile;

struct Fixture {
  CorpusArchive ca;
  std::string park_id, bike_id, old_bike_id, quote_id;
  Fixture() {
    ArticleRecord park;
    park.url = "http://zzdaily.test/html/2026-11/20/park.htm";
    park.title = "城东湿地公园下月起免费开放";
    park.authors = {"王晓明", "李红"};
    park.published = "2026-11-20 06:00";
    park.source = "郑州日报";
    park.editor = "蔡东海";
    park.provenance = {{"source", "byline"}, {"publish_time", "dateline"}};
    park.site_name = "郑州日报";
    park.language = "zh-CN";
    park.canonical_url = "https://zzdaily.test/park";
    park.text = kZhOriginal;
    park.capture_time = T("2026-11-20T03:00:00Z");
    park_id = ca.AddArticle(park);

    // An old version, then a redirect and the new version of the same URL.
    old_bike_id = ca.AddSimple("http://metrowire.test/bike-lanes", "Bike lanes (draft)",
                               "Draft text of the bike lane story.", T("2026-11-18T09:00:00Z"));
    ca.AddRedirect("http://metrowire.test/s/123", "/bike-lanes", T("2026-11-19T09:00:00Z"));
    bike_id = ca.AddSimple("http://metrowire.test/bike-lanes", "Bike lanes", kEnWire,
                           T("2026-11-19T09:00:01Z"));

    ArticleRecord q;
    q.url = "http://bugle.test/2026/quotes?id=7";
    q.title = "He said \"yes, finally\", then left";
    q.authors = {"Smith, Jane"};
    q.language = "en";
    q.text = "Line one, with comma.\r\nLine \"two\".\n\n# Not a heading\n- not a list";
    q.capture_time = T("2026-11-21T10:00:00Z");
    quote_id = ca.AddArticle(q);
  }
  std::string Export(CorpusFormat format, const std::string& name) {
    CorpusOptions o;
    o.format = format;
    o.out = ca.File(name);
    Status s = ca.Export(o);
    EXPECT_TRUE(s.ok()) << s.message();
    return o.out;
  }
};

std::vector<json> ReadJsonl(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::vector<json> rows;
  while (std::getline(in, line)) rows.push_back(json::parse(line));
  return rows;
}

TEST(CorpusFormatsTest, JsonlCarriesEveryField) {
  Fixture f;
  std::vector<json> rows = ReadJsonl(f.Export(CorpusFormat::kJsonl, "out.jsonl"));
  ASSERT_EQ(rows.size(), 3u);  // the draft is superseded
  const json& park = rows[0];
  EXPECT_EQ(park["schema"], "newsarc-corpus/1");
  EXPECT_EQ(park["url"], "http://zzdaily.test/html/2026-11/20/park.htm");
  EXPECT_EQ(park["final_url"], "http://zzdaily.test/html/2026-11/20/park.htm");
  EXPECT_EQ(park["canonical_url"], "https://zzdaily.test/park");
  EXPECT_EQ(park["capture_time"], "2026-11-20T03:00:00Z");
  EXPECT_EQ(park["title"], "城东湿地公园下月起免费开放");
  EXPECT_EQ(park["authors"], json({"王晓明", "李红"}));
  EXPECT_EQ(park["published"], "2026-11-20 06:00");
  EXPECT_EQ(park["source"], "郑州日报");
  EXPECT_EQ(park["editor"], "蔡东海");
  EXPECT_EQ(park["provenance"], json({{"publish_time", "dateline"}, {"source", "byline"}}));
  EXPECT_EQ(park["site_name"], "郑州日报");
  EXPECT_EQ(park["language"], "zh-CN");
  EXPECT_EQ(park["text"], kZhOriginal);
  EXPECT_EQ(park["digest"], Sha256Label(kZhOriginal));
  EXPECT_EQ(park["conversion_record_id"], f.park_id);
  auto conv = f.ca.archive().Get(f.park_id);
  ASSERT_TRUE(conv.ok());
  EXPECT_EQ(park["response_record_id"], std::string(conv->Get("WARC-Refers-To")));
  EXPECT_TRUE(f.ca.archive().Get(park["response_record_id"]).ok());
  // CJK characters count as words; chars exclude whitespace.
  TextCounts c = CountText(kZhOriginal);
  EXPECT_EQ(park["word_count"], c.words);
  EXPECT_EQ(park["char_count"], c.chars);
  EXPECT_GT(c.words, 400);

  const json& bike = rows[1];
  EXPECT_EQ(bike["conversion_record_id"], f.bike_id);
  EXPECT_EQ(bike["url"], "http://metrowire.test/s/123");  // before the redirect
  EXPECT_EQ(bike["final_url"], "http://metrowire.test/bike-lanes");
  EXPECT_EQ(rows[2]["title"], "He said \"yes, finally\", then left");
}

TEST(CorpusFormatsTest, VersionsAllKeepsEveryCapture) {
  Fixture f;
  CorpusOptions o;
  o.out = f.ca.File("all.jsonl");
  o.versions = VersionPolicy::kAll;
  ExportSummary s;
  ASSERT_TRUE(f.ca.Export(o, &s).ok());
  std::vector<json> rows = ReadJsonl(o.out);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1]["conversion_record_id"], f.old_bike_id);
  EXPECT_EQ(rows[2]["conversion_record_id"], f.bike_id);
  EXPECT_EQ(s.superseded, 0u);
  o.versions = VersionPolicy::kLatest;
  o.force = true;
  ASSERT_TRUE(f.ca.Export(o, &s).ok());
  EXPECT_EQ(s.superseded, 1u);
  EXPECT_EQ(s.written, 3u);
}

// RFC 4180 reader, independent of the writer.
std::vector<std::vector<std::string>> ParseCsv(const std::string& data, bool* crlf_only) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  *crlf_only = true;
  for (size_t i = 0; i < data.size(); ++i) {
    char c = data[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < data.size() && data[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\r' || c == '\n') {
      if (c == '\n' || i + 1 >= data.size() || data[i + 1] != '\n') *crlf_only = false;
      if (c == '\r') ++i;
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
      any = false;
    } else {
      field.push_back(c);
      any = true;
    }
  }
  if (any || !row.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

TEST(CorpusFormatsTest, CsvIsRfc4180) {
  Fixture f;
  bool crlf = false;
  auto rows = ParseCsv(ReadFile(f.Export(CorpusFormat::kCsv, "out.csv")), &crlf);
  EXPECT_TRUE(crlf);
  ASSERT_EQ(rows.size(), 4u);
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < rows[0].size(); ++i) col[rows[0][i]] = i;
  for (const char* name : {"url", "final_url", "canonical_url", "capture_time", "title", "authors",
                           "published", "modified", "source", "editor", "site_name", "language",
                           "word_count", "char_count", "digest", "conversion_record_id",
                           "response_record_id", "text"}) {
    EXPECT_TRUE(col.count(name)) << name;
  }
  for (size_t r = 1; r < rows.size(); ++r) ASSERT_EQ(rows[r].size(), rows[0].size()) << r;
  EXPECT_EQ(rows[1][col["title"]], "城东湿地公园下月起免费开放");
  EXPECT_EQ(rows[1][col["authors"]], "王晓明; 李红");
  EXPECT_EQ(rows[1][col["text"]], kZhOriginal);
  EXPECT_EQ(rows[2][col["url"]], "http://metrowire.test/s/123");
  EXPECT_EQ(rows[3][col["title"]], "He said \"yes, finally\", then left");
  EXPECT_EQ(rows[3][col["authors"]], "Smith, Jane");
  EXPECT_EQ(rows[3][col["text"]],
            "Line one, with comma.\r\nLine \"two\".\n\n# Not a heading\n- not a list");
  EXPECT_EQ(rows[3][col["conversion_record_id"]], f.quote_id);
}

TEST(CorpusFormatsTest, TxtStreamSeparatesArticlesWithFormFeeds) {
  Fixture f;
  std::string data = ReadFile(f.Export(CorpusFormat::kTxt, "out.txt"));
  std::vector<std::string> parts;
  size_t pos = 0;
  while (true) {
    size_t ff = data.find("\f\n", pos);
    parts.push_back(data.substr(pos, ff == std::string::npos ? std::string::npos : ff - pos));
    if (ff == std::string::npos) break;
    pos = ff + 2;
  }
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_TRUE(parts[0].starts_with("Title: 城东湿地公园下月起免费开放\nURL: http://zzdaily.test/"));
  EXPECT_NE(parts[0].find("\n\n" + std::string(kZhOriginal)), std::string::npos);
  EXPECT_NE(parts[1].find("URL: http://metrowire.test/s/123\nFinal-URL: "
                          "http://metrowire.test/bike-lanes\n"),
            std::string::npos);
  EXPECT_NE(parts[2].find("Record: " + f.quote_id + "\n"), std::string::npos);
}

TEST(CorpusFormatsTest, MarkdownHasOneHeadingPerArticleAndEscapesBodyMarkup) {
  Fixture f;
  std::string md = ReadFile(f.Export(CorpusFormat::kMd, "out.md"));
  EXPECT_TRUE(md.starts_with("# 城东湿地公园下月起免费开放\n\n- **URL:** http://zzdaily.test/"));
  EXPECT_NE(md.find("\n# Bike lanes\n"), std::string::npos);
  EXPECT_NE(md.find("\n\\# Not a heading\n\\- not a list\n"), std::string::npos);
  EXPECT_NE(md.find("\n---\n"), std::string::npos);
}

struct Member {
  std::string name;
  std::string data;
};

std::vector<Member> ReadWithLibarchive(const std::string& path) {
  CHandle<struct archive, archive_read_free> a(archive_read_new());
  archive_read_support_format_all(a.get());
  archive_read_support_filter_all(a.get());
  std::vector<Member> out;
  EXPECT_EQ(archive_read_open_filename(a.get(), path.c_str(), 10240), ARCHIVE_OK)
      << archive_error_string(a.get());
  struct archive_entry* e;
  while (archive_read_next_header(a.get(), &e) == ARCHIVE_OK) {
    Member m;
    m.name = archive_entry_pathname(e);
    char buf[8192];
    la_ssize_t n;
    while ((n = archive_read_data(a.get(), buf, sizeof buf)) > 0) m.data.append(buf, static_cast<size_t>(n));
    EXPECT_GE(n, 0) << archive_error_string(a.get());
    out.push_back(m);
  }
  return out;
}

void CheckPackedArticles(const std::vector<Member>& members, const Fixture& f) {
  ASSERT_EQ(members.size(), 4u);
  EXPECT_EQ(members[3].name, "manifest.jsonl");
  std::vector<json> manifest;
  std::istringstream in(members[3].data);
  std::string line;
  while (std::getline(in, line)) manifest.push_back(json::parse(line));
  ASSERT_EQ(manifest.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(manifest[i]["path"], members[i].name);
    EXPECT_EQ(manifest[i]["schema"], "newsarc-corpus/1");
    EXPECT_FALSE(manifest[i].contains("text"));
    EXPECT_TRUE(members[i].name.starts_with("articles/"));
    EXPECT_EQ(members[i].name.find(".."), std::string::npos);
  }
  EXPECT_EQ(members[0].name, "articles/000001-zzdaily.test-park.txt");
  EXPECT_EQ(members[1].name, "articles/000002-metrowire.test-bike-lanes.txt");
  EXPECT_EQ(members[2].name, "articles/000003-bugle.test-quotes.txt");
  EXPECT_NE(members[0].data.find(kZhOriginal), std::string::npos);
  EXPECT_EQ(manifest[2]["conversion_record_id"], f.quote_id);
}

TEST(CorpusFormatsTest, TarTarGzAndZipHoldOneFilePerArticleAndAManifest) {
  Fixture f;
  std::string tar = f.Export(CorpusFormat::kTar, "out.tar");
  std::string tgz = f.Export(CorpusFormat::kTarGz, "out.tar.gz");
  std::string zip = f.Export(CorpusFormat::kZip, "out.zip");
  EXPECT_EQ(ReadFile(tgz).substr(0, 2), "\x1f\x8b");
  EXPECT_EQ(ReadFile(zip).substr(0, 4), std::string("PK\x03\x04", 4));
  for (const auto& path : {tar, tgz, zip}) {
    SCOPED_TRACE(path);
    CheckPackedArticles(ReadWithLibarchive(path), f);
  }
}

TEST(CorpusFormatsTest, MemberNamesAreSafe) {
  CorpusArticle a;
  a.final_url = "http://EVIL.test/../../etc/passwd";
  EXPECT_EQ(SafeMemberName(1, a), "articles/000001-evil.test-passwd.txt");
  a.final_url = "/etc/passwd";
  EXPECT_EQ(SafeMemberName(2, a), "articles/000002-nohost-passwd.txt");
  a.final_url = "http://x.test/..";
  EXPECT_EQ(SafeMemberName(3, a), "articles/000003-x.test-article.txt");
  a.final_url = "http://x.test/a/%2e%2e%2f..%2Fb/新闻.html?q=1";
  std::string name = SafeMemberName(4, a);
  EXPECT_EQ(name.find(".."), std::string::npos) << name;
  EXPECT_EQ(name.find('/', 9), std::string::npos) << name;
  a.final_url = "http://x.test/" + std::string(500, 'a');
  EXPECT_LE(SafeMemberName(5, a).size(), 140u);
  // Same URL twice: the sequence number keeps the names apart.
  EXPECT_NE(SafeMemberName(6, a), SafeMemberName(7, a));
}

std::vector<std::string> DirEntries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<WarcRecord> ReadWarc(const std::string& path) {
  auto reader = WarcReader::Open(path);
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  std::vector<WarcRecord> out;
  if (!reader.ok()) return out;
  WarcRecord r;
  while (true) {
    auto more = (*reader)->Next(&r);
    EXPECT_TRUE(more.ok()) << more.status().message();
    if (!more.ok() || !*more) break;
    out.push_back(r);
  }
  return out;
}

TEST(CorpusFormatsTest, WarcArticlesOnlyHasEachConversionAfterItsResponse) {
  Fixture f;
  std::vector<std::string> before = DirEntries(f.ca.File(""));
  std::string path = f.Export(CorpusFormat::kWarc, "out.warc.gz");
  std::vector<WarcRecord> records = ReadWarc(path);
  ASSERT_EQ(records.size(), 7u);
  EXPECT_EQ(records[0].type(), "warcinfo");
  const std::string ids[] = {f.park_id, f.bike_id, f.quote_id};
  for (size_t i = 0; i < 3; ++i) {
    const WarcRecord& resp = records[1 + 2 * i];
    const WarcRecord& conv = records[2 + 2 * i];
    EXPECT_EQ(resp.type(), "response");
    EXPECT_EQ(conv.type(), "conversion");
    EXPECT_EQ(conv.id(), ids[i]);
    EXPECT_EQ(conv.Get("WARC-Refers-To"), resp.id());
    EXPECT_EQ(conv.Get("WARC-Block-Digest"), Sha1Label(conv.block));
  }
  // No temporary left beside the output.
  before.push_back("out.warc.gz");
  std::sort(before.begin(), before.end());
  EXPECT_EQ(DirEntries(f.ca.File("")), before);
}

TEST(CorpusFormatsTest, WaczIsAZipWithStoredWarcIndexPagesAndPackage) {
  Fixture f;
  std::string path = f.Export(CorpusFormat::kWacz, "out.wacz");
  std::string bytes = ReadFile(path);
  // The first local header is the WARC, compression method 0 (stored).
  ASSERT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_EQ(bytes[8], 0);
  EXPECT_EQ(bytes[9], 0);
  std::vector<Member> members = ReadWithLibarchive(path);
  std::map<std::string, std::string> files;
  for (auto& m : members) files[m.name] = m.data;
  ASSERT_TRUE(files.count("archive/data.warc.gz"));
  ASSERT_TRUE(files.count("indexes/index.cdxj"));
  ASSERT_TRUE(files.count("pages/pages.jsonl"));
  ASSERT_TRUE(files.count("datapackage.json"));
  ASSERT_TRUE(files.count("datapackage-digest.json"));

  json package = json::parse(files["datapackage.json"]);
  // WACZ 1.1.1, as ReplayWeb.page reads it (docs/corpus.md, "WACZ").
  EXPECT_EQ(package["profile"], "data-package");
  EXPECT_EQ(package["wacz_version"], "1.1.1");
  EXPECT_TRUE(ParseIsoDate(package["created"].get<std::string>()).has_value());
  EXPECT_EQ(package["modified"], package["created"]);
  ASSERT_EQ(package["resources"].size(), 3u);
  for (const auto& r : package["resources"]) {
    std::string p = r["path"];
    ASSERT_TRUE(files.count(p)) << p;
    EXPECT_EQ(r["hash"], Sha256Label(files[p])) << p;
    EXPECT_EQ(r["bytes"], files[p].size()) << p;
  }
  json digest = json::parse(files["datapackage-digest.json"]);
  EXPECT_EQ(digest["path"], "datapackage.json");
  EXPECT_EQ(digest["hash"], Sha256Label(files["datapackage.json"]));

  std::istringstream pages(files["pages/pages.jsonl"]);
  std::string line;
  std::getline(pages, line);
  EXPECT_EQ(json::parse(line)["format"], "json-pages-1.0");
  std::vector<json> page_rows;
  while (std::getline(pages, line)) page_rows.push_back(json::parse(line));
  ASSERT_EQ(page_rows.size(), 3u);
  EXPECT_EQ(page_rows[0]["url"], "http://zzdaily.test/html/2026-11/20/park.htm");
  EXPECT_EQ(page_rows[0]["title"], "城东湿地公园下月起免费开放");
  EXPECT_EQ(page_rows[0]["text"], kZhOriginal);
  EXPECT_EQ(page_rows[0]["ts"], "2026-11-20T03:00:00Z");

  // Every CDXJ line points at a gzip member of the WARC holding that record.
  std::string warc_path = f.ca.File("data.warc.gz");
  newsarc::testing::WriteFile(warc_path, files["archive/data.warc.gz"]);
  EXPECT_EQ(ReadWarc(warc_path).size(), 7u);
  std::istringstream cdx(files["indexes/index.cdxj"]);
  std::vector<std::string> lines;
  while (std::getline(cdx, line)) lines.push_back(line);
  ASSERT_GE(lines.size(), 3u);  // the responses at least
  EXPECT_TRUE(std::is_sorted(lines.begin(), lines.end()));
  const std::string& warc = files["archive/data.warc.gz"];
  for (const auto& l : lines) {
    json j = json::parse(l.substr(l.find('{')));
    EXPECT_EQ(j["filename"], "data.warc.gz");
    uint64_t off = std::stoull(j["offset"].get<std::string>());
    ASSERT_LT(off + 2, warc.size());
    EXPECT_EQ(warc.substr(off, 2), "\x1f\x8b") << l;
  }
}

TEST(CorpusFormatsTest, ExistingOutputNeedsForce) {
  Fixture f;
  CorpusOptions o;
  o.out = f.ca.File("out.jsonl");
  newsarc::testing::WriteFile(o.out, "precious");
  Status s = f.ca.Export(o);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("--force"), std::string::npos) << s.message();
  EXPECT_EQ(ReadFile(o.out), "precious");
  o.force = true;
  ASSERT_TRUE(f.ca.Export(o).ok());
  EXPECT_EQ(ReadJsonl(o.out).size(), 3u);
}

TEST(CorpusFormatsTest, FailedOrInterruptedExportLeavesNothing) {
  Fixture f;
  std::vector<std::string> before = DirEntries(f.ca.File(""));
  CorpusOptions o;
  o.out = f.ca.File("out.tar.gz");
  o.format = CorpusFormat::kTarGz;
  o.filter.match = "([unclosed";
  Status s = f.ca.Export(o);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("--match"), std::string::npos) << s.message();
  EXPECT_EQ(DirEntries(f.ca.File("")), before);

  // Ctrl-C in the middle of writing.
  for (CorpusFormat format : {CorpusFormat::kTarGz, CorpusFormat::kJsonl, CorpusFormat::kWacz}) {
    o.format = format;
    o.filter.match.clear();
    InstallInterruptHandler();
    bool raised = false;
    s = ExportCorpus(f.ca.archive(), o, [&](const ExportProgress& p) {
      if (p.pass == 2 && p.written >= 1 && !raised) {
        raised = true;
        std::raise(SIGINT);
      }
    });
    ResetInterruptForTest();
    std::signal(SIGINT, SIG_DFL);
    EXPECT_TRUE(raised);
    EXPECT_EQ(s.code(), Status::Code::kCancelled) << s.message();
    EXPECT_EQ(DirEntries(f.ca.File("")), before);
  }

  // A directory that does not exist.
  o.out = f.ca.File("missing/out.jsonl");
  s = f.ca.Export(o);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("missing"), std::string::npos) << s.message();
}

TEST(CorpusFormatsTest, EmptySelectionGivesValidEmptyOutputs) {
  Fixture f;
  CorpusOptions o;
  o.filter.sites = {"nowhere.test"};
  o.out = f.ca.File("empty.csv");
  o.format = CorpusFormat::kCsv;
  ASSERT_TRUE(f.ca.Export(o).ok());
  EXPECT_EQ(ReadFile(o.out), CsvHeader());
  o.out = f.ca.File("empty.zip");
  o.format = CorpusFormat::kZip;
  ASSERT_TRUE(f.ca.Export(o).ok());
  auto members = ReadWithLibarchive(o.out);
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0].name, "manifest.jsonl");
}

}  // namespace
}  // namespace newsarc::corpus
