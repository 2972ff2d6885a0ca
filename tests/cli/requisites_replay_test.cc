// Issue 15: `crawl --page-requisites` makes a capture replay as it looked. A
// page on news.test styled and illustrated from cdn.test (a stylesheet that
// @imports another, which names a background image; a logo; an image with a
// srcset) is crawled with and without the flag through nginx on 127.0.0.1,
// exported as WARC, and replayed in ReplayWeb.page 2.5.3 (the reference
// reader, tests/tools/replaywebpage, unpacked by scripts/setup) in headless
// Chromium (tests/tools/browser/requisites_replay.mjs). With the flag the
// replay frame has both stylesheets' rules and every image, at a desktop and
// a phone width (the browser picks another srcset candidate at each);
// without it, none.
//
// Screenshots are kept in build/test-artifacts/requisites_replay/.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "nginx_site.h"
#include "test_util.h"

namespace newsarc::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const std::string kSource = NEWSARC_SOURCE_DIR;
const std::string kReader = kSource + "/tests/tools/replaywebpage";
const std::string kArtifacts = std::string(NEWSARC_BINARY_DIR) + "/test-artifacts/requisites_replay";

// A `width` x 1 RGB PNG: its natural width in the replay tells which file
// the browser got.
std::string Png(int width) {
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  auto chunk = [&](const std::string& type, const std::string& data) {
    std::string td = type + data;
    uLong crc = crc32(0, reinterpret_cast<const Bytef*>(td.data()), static_cast<uInt>(td.size()));
    return be32(static_cast<uint32_t>(data.size())) + td + be32(static_cast<uint32_t>(crc));
  };
  std::string row(1, '\0');
  for (int i = 0; i < width; ++i) row += "\x80\x20\x20";
  uLongf size = compressBound(static_cast<uLong>(row.size()));
  std::string z(size, '\0');
  compress(reinterpret_cast<Bytef*>(z.data()), &size, reinterpret_cast<const Bytef*>(row.data()),
           static_cast<uLong>(row.size()));
  z.resize(size);
  std::string ihdr = be32(static_cast<uint32_t>(width)) + be32(1) + std::string("\x08\x02\x00\x00\x00", 5);
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", z) +
         chunk("IEND", "");
}

void MakeSite(const std::string& root) {
  for (const char* d : {"news.test", "cdn.test/css", "cdn.test/img"}) fs::create_directories(root + "/" + d);
  WriteFile(root + "/news.test/robots.txt", "User-agent: *\nAllow: /\n");
  WriteFile(root + "/news.test/index.html",
            "<!doctype html><html><head><meta charset=utf-8><title>Ferries return</title>"
            "<link rel=stylesheet href=\"http://cdn.test/css/site.css\"></head><body>"
            "<h1>Ferries return</h1><div class=box>box</div>"
            "<img id=logo src=\"http://cdn.test/img/logo.png\">"
            "<img id=hero src=\"http://cdn.test/img/hero-300.png\" srcset=\""
            "http://cdn.test/img/hero-300.png 300w, http://cdn.test/img/hero-600.png 600w, "
            "http://cdn.test/img/hero-1200.png 1200w\">"
            "<p>Ferry services across the harbour resumed on Saturday morning.</p></body></html>");
  WriteFile(root + "/cdn.test/css/site.css",
            "@import \"theme.css\";\nbody { background-color: rgb(250, 240, 210) }\n");
  WriteFile(root + "/cdn.test/css/theme.css",
            "h1 { color: rgb(150, 20, 40) }\n.box { background-image: url(../img/bg.png) }\n");
  for (auto [name, width] : std::vector<std::pair<const char*, int>>{
           {"logo", 2}, {"hero-300", 3}, {"hero-600", 6}, {"hero-1200", 12}, {"bg", 4}}) {
    WriteFile(root + "/cdn.test/img/" + name + ".png", Png(width));
  }
}

class RequisitesReplayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(FileExists(kReader + "/sw.js"))
        << kReader << ": ReplayWeb.page is missing (scripts/setup unpacks its npm tarball)";
    ASSERT_TRUE(FileExists(kSource + "/tests/tools/node_modules/playwright-core/package.json"))
        << "playwright-core is missing (scripts/setup runs npm ci in tests/tools)";
    MakeSite(tmp_.File("site"));
    fs::create_directories(tmp_.File("nginx"));
    web_ = std::make_unique<NginxSite>(tmp_.File("nginx"), tmp_.File("site"),
                                       std::vector<VirtualHost>{{"news.test", ""}, {"cdn.test", ""}});
    ASSERT_EQ(web_->error(), "");
    docs_ = tmp_.File("serve/127.0.0.1");
    fs::create_directories(docs_);
    for (const char* f : {"index.html", "ui.js", "sw.js"}) {
      fs::create_symlink(kReader + "/" + f, docs_ + "/" + f);
    }
    fs::create_directories(tmp_.File("nginx-serve"));
    reader_ = std::make_unique<NginxSite>(tmp_.File("nginx-serve"), tmp_.File("serve"),
                                          std::vector<VirtualHost>{{"127.0.0.1", ""}});
    ASSERT_EQ(reader_->error(), "");
  }

  // Crawls news.test into NAME.db, exports it as NAME.warc.gz beside the
  // reader, and returns the front page's capture time (14 digits), or "".
  std::string CrawlAndExport(const std::string& name, const std::string& flags) {
    std::string db = tmp_.File(name + ".db");
    CommandResult crawl = RunNewsarc("crawl http://news.test/ --archive " + ShellQuote(db) +
                                     " --proxy " + web_->proxy() +
                                     " --allow-private --delay 0.05s --no-sitemaps --quiet " + flags);
    EXPECT_EQ(crawl.exit_code, 0) << crawl.err;
    std::string out = tmp_.File(name + "-warc");
    CommandResult ex = RunNewsarc("export --archive " + ShellQuote(db) + " --format warc --out " +
                                  ShellQuote(out + "/"));
    EXPECT_EQ(ex.exit_code, 0) << ex.err;
    std::string ts;
    for (const auto& f : fs::directory_iterator(out)) {
      std::string file = f.path().filename().string();
      if (file.ends_with(".warc.gz")) fs::copy_file(f.path(), docs_ + "/" + name + ".warc.gz");
    }
    // "test,news)/ 20261202161513 {...text/html...}" in the CDXJ index.
    std::string cdxj = ReadFile(out + "/index.cdxj");
    size_t at = cdxj.find("test,news)/ ");
    while (at != std::string::npos) {
      size_t eol = cdxj.find('\n', at);
      std::string line = cdxj.substr(at, eol - at);
      if (line.find("\"text/html\"") != std::string::npos) ts = line.substr(12, 14);
      at = cdxj.find("test,news)/ ", at + 1);
    }
    return ts;
  }

  // What the replay frame of the front page shows at `width` pixels.
  nlohmann::json Replay(const std::string& name, const std::string& ts, int width) {
    const std::string origin = "http://127.0.0.1:" + std::to_string(reader_->port());
    std::string cmd = "cd " + ShellQuote(kSource + "/tests/tools") +
                      " && node browser/requisites_replay.mjs --app " + origin +
                      "/index.html --source " + origin + "/" + name + ".warc.gz --shots " +
                      ShellQuote(kArtifacts + "/" + name + "-" + std::to_string(width)) +
                      " --width " + std::to_string(width) + " --open " +
                      ShellQuote("http://news.test/@" + ts) +
                      " --style body:background-color --style h1:color"
                      " --style .box:background-image";
    CommandResult r = RunShell(cmd);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    nlohmann::json j = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
    if (j.is_discarded() || !j.contains("opened") || j["opened"].size() != 1) {
      ADD_FAILURE() << r.out << r.err;
      return nlohmann::json::object();
    }
    return j["opened"][0];
  }

  // The image's natural width (0: broken) and the source the browser chose.
  static std::pair<int, std::string> Image(const nlohmann::json& seen, const std::string& id) {
    for (const auto& img : seen.value("images", nlohmann::json::array())) {
      if (img["id"] == id) return {img["width"].get<int>(), img["src"].get<std::string>()};
    }
    return {-1, ""};
  }

  TempDir tmp_;
  std::unique_ptr<NginxSite> web_, reader_;
  std::string docs_;
};

TEST_F(RequisitesReplayTest, ReplayHasTheStylesheetsAndImagesOnlyWithTheFlag) {
  std::string ts = CrawlAndExport("with", "--page-requisites");
  ASSERT_EQ(ts.size(), 14u);
  for (int width : {1280, 375}) {
    nlohmann::json seen = Replay("with", ts, width);
    SCOPED_TRACE("width " + std::to_string(width) + ": " + seen.dump());
    // Both stylesheets apply: the CDN's and the one it @imports.
    EXPECT_EQ(seen["styles"]["body:background-color"], "rgb(250, 240, 210)");
    EXPECT_EQ(seen["styles"]["h1:color"], "rgb(150, 20, 40)");
    EXPECT_THAT(seen["styles"][".box:background-image"].get<std::string>(), HasSubstr("bg.png"));
    EXPECT_EQ(Image(seen, "logo").first, 2);
    // The browser picks the 1200w candidate on a desktop and 600w on a
    // phone: each is in the archive and shows (a srcset image's natural
    // width is the file's divided by the density the browser derived).
    auto [hero_width, hero_src] = Image(seen, "hero");
    EXPECT_GT(hero_width, 0);
    EXPECT_THAT(hero_src, ::testing::EndsWith(width == 1280 ? "/hero-1200.png" : "/hero-600.png"));
    // Every resource the page loaded came from the archive (ReplayWeb.page's
    // own /static/ files aside).
    for (const auto& res : seen["resources"]) {
      std::string url = res["name"];
      if (url.find("/static/") != std::string::npos) continue;
      EXPECT_EQ(res["status"], 200) << url;
    }
  }

  std::string bare_ts = CrawlAndExport("without", "");
  ASSERT_EQ(bare_ts.size(), 14u);
  nlohmann::json bare = Replay("without", bare_ts, 1280);
  SCOPED_TRACE(bare.dump());
  EXPECT_EQ(bare["styles"]["body:background-color"], "rgba(0, 0, 0, 0)");
  EXPECT_EQ(bare["styles"][".box:background-image"], "none");
  EXPECT_EQ(Image(bare, "logo").first, 0);
  EXPECT_EQ(Image(bare, "hero").first, 0);
  EXPECT_TRUE(FileExists(kArtifacts + "/with-1280/capture-1.png"));
}

}  // namespace
}  // namespace newsarc::testing
