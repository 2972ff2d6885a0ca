// Schema identity and forward migrations.
#include "storage/schema.h"

#include <sqlite3.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "archive_fixtures.h"
#include "storage/archive.h"
#include "storage/raw_sql.h"
#include "test_util.h"

namespace newsarc::storage {
namespace {

using ::testing::HasSubstr;

int64_t RawInt(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
  int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

using raw::RawSql;

TEST(SchemaTest, NewArchiveCarriesIdentityVersionAndWal) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  ASSERT_TRUE(Archive::Open(path).ok());
  EXPECT_EQ(RawInt(path, "PRAGMA application_id"), kApplicationId);
  EXPECT_EQ(RawInt(path, "PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(RawInt(path, "SELECT count(*) FROM meta WHERE key = 'created'"), 1);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST(SchemaTest, MigratesAVersion1ArchiveForward) {
  testing::TempDir dir;
  const std::string path = dir.File("v1.db");
  std::string id;
  {
    auto a = Archive::Open(path);
    ASSERT_TRUE(a.ok());
    id = *(*a)->Put(fixtures::Response("http://x.example/", "2024-01-01T00:00:00Z", "x"));
  }
  // Make it a version-1 archive: no frontier tables, no hash chain, no
  // article index yet.
  RawSql(path,
         std::string(raw::kDropArticleIndex) +
         "DROP TABLE frontier; DROP INDEX records_conversion; DROP INDEX records_status; "
         "ALTER TABLE records DROP COLUMN chain; ALTER TABLE records DROP COLUMN chain_seq; "
         "PRAGMA user_version = 1;");
  auto ro = Archive::Open(path, {.read_only = true});
  ASSERT_FALSE(ro.ok());
  EXPECT_EQ(ro.status().code(), Status::Code::kUnsupported);
  EXPECT_THAT(ro.status().message(), HasSubstr("needs migrating"));
  EXPECT_THAT(ro.status().message(), HasSubstr(path));

  auto a = Archive::Open(path);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(RawInt(path, "PRAGMA user_version"), kSchemaVersion);
  EXPECT_TRUE((*a)->Get(id).ok());
  auto counts = (*a)->frontier().Counts();
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(counts->queued, 0);
}

TEST(SchemaTest, FrontierWritesJoinTheArchiveBatch) {
  testing::TempDir dir;
  auto a = Archive::Open(dir.File("a.db"));
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE((*a)->Begin().ok());
  FrontierAdd add;
  add.url = "http://x.example/";
  add.host = "x.example";
  ASSERT_TRUE((*a)->frontier().Add(add).ok());
  ASSERT_TRUE((*a)->Put(fixtures::Response("http://x.example/", "2024-01-01T00:00:00Z", "x")).ok());
  ASSERT_TRUE((*a)->Rollback().ok());
  EXPECT_EQ((*a)->frontier().Counts()->queued, 0);
  EXPECT_EQ((*a)->Stats()->records, 0);
}

}  // namespace
}  // namespace newsarc::storage
