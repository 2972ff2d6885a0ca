// End to end: nginx serves a small site, wget crawls it into a WARC, and the
// WARC goes through newsarc import, verify, export, cdx and a second import.
// The exported files are checked by an independent reader (warcio.js, via
// tests/tools/validate_warc.mjs). nginx, wget and node are required: a
// missing tool fails the test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "nginx_site.h"
#include "test_util.h"

namespace newsarc {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::CommandResult;
using testing::RunNewsarc;
using testing::RunShell;
using testing::ShellQuote;
using testing::TempDir;
using testing::WriteFile;

const std::string kTools = NEWSARC_SOURCE_DIR "/tests/tools";

void MakeSite(const std::string& root) {
  fs::create_directories(root + "/img");
  auto page = [](const std::string& title, const std::string& body) {
    return "<!doctype html><html><head><title>" + title + "</title>"
           "<link rel=stylesheet href=/style.css></head><body><h1>" + title + "</h1>" + body +
           "</body></html>\n";
  };
  WriteFile(root + "/index.html",
            page("Front page", "<a href=a.html>A</a> <a href=b.html>B</a> "
                               "<a href=old.html>moved</a> <a href=missing.html>gone</a>"));
  WriteFile(root + "/a.html", page("Story A", "<p>" + std::string(3000, 'a') +
                                                  "</p><img src=img/pic.png><a href=b.html>B</a>"));
  WriteFile(root + "/b.html", page("Story B", "<p>Second story.</p><a href=index.html>home</a>"));
  WriteFile(root + "/style.css", "body { font-family: serif; }\n");
  std::string png = "\x89PNG\r\n\x1a\n";
  for (int i = 0; i < 5000; ++i) png.push_back(static_cast<char>((i * 7919) & 0xff));
  WriteFile(root + "/img/pic.png", png);
}

// validate_warc.mjs --json over `files`: one object per file.
std::vector<nlohmann::json> Validate(const std::vector<std::string>& files) {
  std::string cmd = "node " + ShellQuote(kTools + "/validate_warc.mjs") + " --json";
  for (const auto& f : files) cmd += " " + ShellQuote(f);
  CommandResult r = RunShell(cmd);
  std::vector<nlohmann::json> out;
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  EXPECT_EQ(out.size(), files.size()) << r.out << r.err;
  return out;
}

std::vector<std::string> WarcFiles(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string p = e.path().string();
    if (p.size() > 8 && p.substr(p.size() - 8) == ".warc.gz") files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// id -> [type, block digest, payload digest], over every file.
std::map<std::string, nlohmann::json> Ids(const std::vector<nlohmann::json>& results) {
  std::map<std::string, nlohmann::json> ids;
  for (const auto& r : results) {
    for (const auto& [id, v] : r["ids"].items()) ids[id] = v;
  }
  return ids;
}

nlohmann::json StatsJson(const std::string& archive) {
  CommandResult r = RunNewsarc("stats --json --archive " + ShellQuote(archive));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

TEST(WgetRoundTripTest, ImportVerifyExportValidateReimport) {
  ASSERT_TRUE(fs::exists("/usr/sbin/nginx")) << "nginx is required (Debian package nginx-light)";
  ASSERT_EQ(RunShell("command -v wget").exit_code, 0) << "wget is required";
  ASSERT_EQ(RunShell("command -v node").exit_code, 0) << "node is required";
  ASSERT_TRUE(fs::exists(kTools + "/node_modules/warcio"))
      << "run `npm ci` in tests/tools (scripts/setup does)";

  TempDir tmp;
  // nginx workers run as "nobody" when started by root: let them in.
  fs::permissions(tmp.path(), fs::perms::owner_all | fs::perms::group_read |
                                  fs::perms::group_exec | fs::perms::others_read |
                                  fs::perms::others_exec);
  MakeSite(tmp.File("site/127.0.0.1"));
  fs::create_directories(tmp.File("nginx"));
  testing::NginxSite nginx(tmp.File("nginx"), tmp.File("site"),
                           {{"127.0.0.1", "    location = /old.html { return 301 /a.html; }\n"}});
  ASSERT_EQ(nginx.error(), "");
  const std::string base = "http://127.0.0.1:" + std::to_string(nginx.port());

  // 1. wget crawls the site into crawl.warc.gz (exit 8: the 404 it met).
  CommandResult w = RunShell("cd " + ShellQuote(tmp.path()) +
                             " && wget --warc-file=crawl --recursive --level=3 -e robots=off "
                             "--no-verbose --tries=1 --timeout=10 --directory-prefix=mirror " +
                             ShellQuote(base + "/index.html"));
  ASSERT_TRUE(w.exit_code == 0 || w.exit_code == 8) << w.exit_code << w.err;
  const std::string wget_warc = tmp.File("crawl.warc.gz");
  ASSERT_TRUE(fs::exists(wget_warc));
  std::vector<nlohmann::json> wget_check = Validate({wget_warc});
  ASSERT_EQ(wget_check.size(), 1u);
  EXPECT_TRUE(wget_check[0]["valid"].get<bool>()) << wget_check[0].dump();
  std::map<std::string, nlohmann::json> wget_ids = Ids(wget_check);

  // 2. Import; importing again skips every record as a duplicate.
  const std::string a1 = tmp.File("a1.db");
  CommandResult imp = RunNewsarc("import " + ShellQuote(wget_warc) + " --archive " + ShellQuote(a1));
  ASSERT_EQ(imp.exit_code, 0) << imp.out << imp.err;
  EXPECT_THAT(imp.out, HasSubstr("imported " + std::to_string(wget_ids.size()) + " records from"));
  CommandResult again = RunNewsarc("import " + ShellQuote(wget_warc) + " --archive " + ShellQuote(a1));
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("imported 0 records from " + wget_warc + " (" +
                                   std::to_string(wget_ids.size()) + " duplicates skipped"));
  nlohmann::json stats = StatsJson(a1);
  EXPECT_EQ(stats["records"].get<size_t>(), wget_ids.size());
  // index, a, b, style, png, the 301 and the 404.
  EXPECT_GE(stats["records_by_type"]["response"].get<int>(), 7);

  // 3. verify recomputes every digest.
  CommandResult ver = RunNewsarc("verify --archive " + ShellQuote(a1));
  EXPECT_EQ(ver.exit_code, 0) << ver.out << ver.err;

  // 4. Export; warcio.js checks every digest of the output.
  const std::string out1 = tmp.File("export1");
  CommandResult exp = RunNewsarc("export --format warc --out " + ShellQuote(out1) +
                                 " --archive " + ShellQuote(a1));
  ASSERT_EQ(exp.exit_code, 0) << exp.out << exp.err;
  std::vector<std::string> files1 = WarcFiles(out1);
  ASSERT_EQ(files1.size(), 1u);
  std::vector<nlohmann::json> check1 = Validate(files1);
  ASSERT_EQ(check1.size(), 1u);
  EXPECT_TRUE(check1[0]["valid"].get<bool>()) << check1[0].dump();
  EXPECT_GE(check1[0]["digests_checked"].get<int>(), static_cast<int>(wget_ids.size()));
  std::map<std::string, nlohmann::json> ids1 = Ids(check1);
  // Every wget record is exported with its id, type and digests; the only
  // extra record is the warcinfo that heads the export file.
  // (The archive adds a WARC-Payload-Digest where wget wrote none.)
  for (const auto& [id, v] : wget_ids) {
    ASSERT_TRUE(ids1.count(id)) << "missing " << id;
    EXPECT_EQ(ids1[id][0], v[0]) << id;
    EXPECT_EQ(ids1[id][1], v[1]) << id;
    if (!v[2].is_null()) {
      EXPECT_EQ(ids1[id][2], v[2]) << id;
    }
  }
  EXPECT_EQ(ids1.size(), wget_ids.size() + files1.size());

  // 5. The CDXJ index export wrote equals `newsarc cdx` over the files.
  CommandResult cdx = RunNewsarc("cdx --warc " + ShellQuote(files1[0]) + " --archive " + ShellQuote(a1));
  ASSERT_EQ(cdx.exit_code, 0) << cdx.err;
  EXPECT_EQ(cdx.out, testing::ReadFile(out1 + "/index.cdxj"));
  const std::string key = "1,0,0,127:" + std::to_string(nginx.port()) + ")/";
  EXPECT_THAT(cdx.out, HasSubstr(key + "a.html "));
  EXPECT_THAT(cdx.out, HasSubstr(key + "img/pic.png "));
  EXPECT_THAT(cdx.out, HasSubstr("\"mime\":\"image/png\""));
  EXPECT_THAT(cdx.out, HasSubstr("\"status\":\"301\""));
  EXPECT_THAT(cdx.out, HasSubstr("\"status\":\"404\""));
  std::vector<std::string> lines;
  std::istringstream cin(cdx.out);
  for (std::string l; std::getline(cin, l);) lines.push_back(l);
  EXPECT_TRUE(std::is_sorted(lines.begin(), lines.end()));

  // 6. Re-import the export into a second archive and export again: the
  // same records with the same digests (plus the new head warcinfo).
  const std::string a2 = tmp.File("a2.db");
  CommandResult imp2 = RunNewsarc("import " + ShellQuote(files1[0]) + " --archive " + ShellQuote(a2));
  ASSERT_EQ(imp2.exit_code, 0) << imp2.out << imp2.err;
  EXPECT_EQ(RunNewsarc("verify --archive " + ShellQuote(a2)).exit_code, 0);
  const std::string out2 = tmp.File("export2.warc.gz");
  CommandResult exp2 = RunNewsarc("export --out " + ShellQuote(out2) + " --archive " + ShellQuote(a2));
  ASSERT_EQ(exp2.exit_code, 0) << exp2.err;
  std::vector<nlohmann::json> check2 = Validate({out2});
  ASSERT_EQ(check2.size(), 1u);
  EXPECT_TRUE(check2[0]["valid"].get<bool>()) << check2[0].dump();
  std::map<std::string, nlohmann::json> ids2 = Ids(check2);
  for (const auto& [id, v] : ids1) {
    ASSERT_TRUE(ids2.count(id)) << "missing after re-import " << id;
    EXPECT_EQ(ids2[id], v) << id;
  }
  EXPECT_EQ(ids2.size(), ids1.size() + 1);
  EXPECT_EQ(StatsJson(a2)["records"].get<size_t>(), ids1.size());

  // 7. Existing output is kept unless --force.
  CommandResult refuse = RunNewsarc("export --out " + ShellQuote(out2) + " --archive " + ShellQuote(a2));
  EXPECT_NE(refuse.exit_code, 0);
  EXPECT_THAT(refuse.err, HasSubstr("already exists"));
  CommandResult force = RunNewsarc("export --force --out " + ShellQuote(out2) + " --archive " + ShellQuote(a2));
  EXPECT_EQ(force.exit_code, 0) << force.err;
}

}  // namespace
}  // namespace newsarc
