// Importing the older formats: every WARC/ARC sample that a reader should
// read (ours, warcio's ARC files) imports into a fresh archive with nothing
// rejected, verify passes, a second import finds only duplicates, and the
// stored records are WARC/1.1 with their origin kept. Damaged ones end with
// the offset and cause, keep the records before the damage, and verify.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "storage/storage.h"
#include "test_util.h"

namespace newsarc::storage {
namespace {

using ::testing::HasSubstr;
using newsarc::testing::TempDir;

const std::string kWarcio = NEWSARC_TESTDATA_DIR "/warc/warcio/";
const std::string kLegacy = NEWSARC_TESTDATA_DIR "/warc/legacy/";

struct Case {
  std::string file;
  int64_t records;
  std::string format;  // key of ImportFileResult::converted
  int64_t warnings;
};

void ExpectVerifies(const std::string& db) {
  Result<VerifyReport> v = VerifyArchive(db);
  ASSERT_TRUE(v.ok()) << v.status().message();
  for (const auto& p : v->problems) ADD_FAILURE() << p.record_id << ": " << p.problem;
  EXPECT_TRUE(v->ok());
}

TEST(ImporterLegacyTest, EveryValidSampleImportsAndVerifies) {
  const Case cases[] = {
      {kLegacy + "warc-0.17.warc.gz", 4, "WARC/0.17", 0},
      {kLegacy + "warc-0.18.warc", 3, "WARC/0.18", 0},
      {kLegacy + "arc-v1.arc", 4, "ARC/1.0", 0},
      {kLegacy + "arc-v1.arc.gz", 4, "ARC/1.0", 0},
      {kLegacy + "arc-v2.arc", 2, "ARC/2.0", 0},
      {kWarcio + "example.arc", 2, "ARC/1.0", 0},
      {kWarcio + "example.arc.gz", 2, "ARC/1.0", 0},
      {kWarcio + "example-space-in-url.arc", 2, "ARC/1.0", 1},
      {kWarcio + "bad.arc", 4, "ARC/1.0", 5},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    TempDir dir;
    std::string db = dir.File("a.db");
    {
      auto archive = Archive::Open(db);
      ASSERT_TRUE(archive.ok()) << archive.status().message();
      Result<ImportFileResult> r = ImportWarcFile(**archive, c.file);
      ASSERT_TRUE(r.ok()) << r.status().message();
      EXPECT_TRUE(r->damage.ok()) << r->damage.message();
      EXPECT_EQ(r->read, c.records);
      EXPECT_EQ(r->imported, c.records);
      EXPECT_EQ(r->rejected, 0) << (r->rejections.empty() ? "" : r->rejections[0]);
      EXPECT_EQ(r->converted[c.format], c.records);
      EXPECT_EQ(r->warning_count, c.warnings);
      // Idempotent: the ARC records' ids are derived from their bytes.
      Result<ImportFileResult> again = ImportWarcFile(**archive, c.file);
      ASSERT_TRUE(again.ok());
      EXPECT_EQ(again->duplicates, c.records);
      EXPECT_EQ(again->imported, 0);
    }
    ExpectVerifies(db);
  }
}

TEST(ImporterLegacyTest, StoredRecordsAreWarc11WithTheirOrigin) {
  TempDir dir;
  auto archive = Archive::Open(dir.File("a.db"));
  ASSERT_TRUE(archive.ok());
  ASSERT_TRUE(ImportWarcFile(**archive, kLegacy + "warc-0.18.warc").ok());
  Result<WarcRecord> r = (*archive)->Get("<urn:uuid:67f7cabd-146c-41cf-bd01-04f5fa7d5229>");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->version, "WARC/1.1");
  EXPECT_EQ(r->Get("Newsarc-Original-Version"), "WARC/0.18");
  EXPECT_EQ(r->Get("WARC-Date"), "2009-03-06T16:43:19Z");
  EXPECT_EQ(r->Get("Newsarc-Original-Date"), "2009-03-65T08:43:19-0800");
}

TEST(ImporterLegacyTest, DamagedFilesStopWithOffsetAndVerify) {
  const struct {
    std::string file;
    int64_t kept;
    std::string why;
  } cases[] = {
      {kLegacy + "bad-garbage-header.arc", 2, "at offset 512: expected an ARC record header line"},
      {kLegacy + "bad-arc-version.arc", 0, "at offset 0: unsupported ARC version block"},
      {kLegacy + "bad-warc-0.9.warc", 0, "at offset 0: unsupported version line \"WARC/0.9\""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    TempDir dir;
    std::string db = dir.File("a.db");
    {
      auto archive = Archive::Open(db);
      ASSERT_TRUE(archive.ok());
      Result<ImportFileResult> r = ImportWarcFile(**archive, c.file);
      ASSERT_TRUE(r.ok()) << r.status().message();
      EXPECT_THAT(r->damage.message(), HasSubstr(c.file + ": " + c.why));
      EXPECT_EQ(r->imported, c.kept);
    }
    ExpectVerifies(db);
  }
}

}  // namespace
}  // namespace newsarc::storage
