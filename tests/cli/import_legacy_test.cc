// `newsarc import` of the older formats (WARC/0.17, 0.18, ARC v1/v2): the
// output says what was converted, repairs are warnings on stderr, verify
// passes, damaged files still fail with offset and cause, and the export is
// WARC/1.1 with the origin headers kept.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "test_util.h"

namespace newsarc {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::CommandResult;
using testing::RunNewsarc;
using testing::RunShell;
using testing::ShellQuote;
using testing::TempDir;

const std::string kWarcio = NEWSARC_TESTDATA_DIR "/warc/warcio/";
const std::string kLegacy = NEWSARC_TESTDATA_DIR "/warc/legacy/";

TEST(ImportLegacyCliTest, ReportsConversionsAndVerifies) {
  TempDir dir;
  std::string db = dir.File("old.db");
  std::string files;
  for (const char* f : {"warc-0.17.warc.gz", "warc-0.18.warc", "arc-v1.arc", "arc-v1.arc.gz",
                        "arc-v2.arc"}) {
    files += ShellQuote(kLegacy + f) + " ";
  }
  CommandResult r = RunNewsarc("import " + files + "--archive " + ShellQuote(db));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("  converted 4 WARC/0.17 records to WARC/1.1\n"));
  EXPECT_THAT(r.out, HasSubstr("  converted 3 WARC/0.18 records to WARC/1.1\n"));
  EXPECT_THAT(r.out, HasSubstr("imported 4 records from " + kLegacy + "arc-v1.arc (0 duplicates"));
  EXPECT_THAT(r.out, HasSubstr("  read ARC/1.0: 4 records, converted to WARC/1.1\n"));
  // The .arc.gz holds the same records as the .arc: duplicates.
  EXPECT_THAT(r.out, HasSubstr("imported 0 records from " + kLegacy +
                               "arc-v1.arc.gz (4 duplicates skipped, 0 rejected)"));
  EXPECT_THAT(r.out, HasSubstr("  read ARC/2.0: 2 records, converted to WARC/1.1\n"));
  EXPECT_THAT(r.out, HasSubstr("import: 13 records imported, 4 duplicates skipped, 0 rejected"));
  EXPECT_THAT(r.err, Not(HasSubstr("warning")));
  CommandResult v = RunNewsarc("verify --archive " + ShellQuote(db));
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;

  std::string out = dir.File("out");
  CommandResult e = RunNewsarc("export --format warc --out " + ShellQuote(out) + " --archive " +
                               ShellQuote(db));
  ASSERT_EQ(e.exit_code, 0) << e.err;
  std::string all;
  for (const auto& f : std::filesystem::directory_iterator(out)) {
    if (f.path().extension() != ".gz") continue;
    all += RunShell("gzip -dc " + ShellQuote(f.path().string())).out;
  }
  size_t versions = 0, v11 = 0;
  for (size_t at = all.find("\r\n\r\nWARC/"); at != std::string::npos;
       at = all.find("\r\n\r\nWARC/", at + 1)) {
    ++versions;
    if (all.compare(at + 4, 10, "WARC/1.1\r\n") == 0) ++v11;
  }
  EXPECT_EQ(versions, v11);
  EXPECT_THAT(all, HasSubstr("Newsarc-Original-Version: WARC/0.18\r\n"));
  EXPECT_THAT(all, HasSubstr("Newsarc-Original-Version: ARC/1.0\r\n"));
  EXPECT_THAT(all, HasSubstr("Newsarc-ARC-Header: http://www.example.org/ 192.0.2.20 "));
}

TEST(ImportLegacyCliTest, WarcioArcFilesImportWithWarnings) {
  TempDir dir;
  std::string db = dir.File("a.db");
  CommandResult r = RunNewsarc("import " + ShellQuote(kWarcio + "example.arc") + " " +
                               ShellQuote(kWarcio + "bad.arc") + " " +
                               ShellQuote(kWarcio + "example-space-in-url.arc") +
                               " --archive " + ShellQuote(db));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("newsarc: " + kWarcio +
                               "bad.arc: warning: at offset 134: Archive-length \"-1\" is not a "
                               "number; read as 0, as warcio does"));
  EXPECT_THAT(r.err, HasSubstr("example-space-in-url.arc: warning: at offset 151: Archive-length "
                               "1591 but the file ends after 1579 bytes"));
  EXPECT_EQ(RunNewsarc("verify --archive " + ShellQuote(db)).exit_code, 0);
}

TEST(ImportLegacyCliTest, DamagedLegacyFilesFailWithOffset) {
  TempDir dir;
  std::string db = dir.File("a.db");
  std::string bad = kLegacy + "bad-garbage-header.arc";
  CommandResult r = RunNewsarc("import " + ShellQuote(bad) + " --archive " + ShellQuote(db));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("imported 2 records from " + bad + " before error"));
  EXPECT_THAT(r.err, HasSubstr(bad + ": at offset 512: expected an ARC record header line"));
  EXPECT_EQ(RunNewsarc("verify --archive " + ShellQuote(db)).exit_code, 0);
}

}  // namespace
}  // namespace newsarc
