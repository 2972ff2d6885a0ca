// Opening archives: identity and schema checks, the writer lock, readers
// during writes, and batch transactions.
#include <sqlite3.h>
#include <sys/wait.h>
#include <csignal>
#include <functional>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "archive_fixtures.h"
#include "base/digest.h"
#include "storage/archive.h"
#include "test_util.h"

namespace newsarc::storage {
namespace {

using ::testing::HasSubstr;
using namespace fixtures;  // NOLINT

void RawSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

// Runs `fn` in a forked child and returns its exit code. The child never
// returns into gtest.
int InChild(const std::function<int()>& fn) {
  pid_t pid = fork();
  if (pid == 0) _exit(fn());
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

TEST(ArchiveOpenTest, CreatesNewAndZeroByteFiles) {
  testing::TempDir dir;
  ASSERT_TRUE(Archive::Open(dir.File("new.db")).ok());
  testing::WriteFile(dir.File("empty.db"), "");
  auto a = Archive::Open(dir.File("empty.db"));
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_TRUE((*a)->Put(Response("http://x.example/", "2024-01-01T00:00:00Z", "x")).ok());
  a = Archive::Open(dir.File("new.db"), {.read_only = true});  // reopen readable
  EXPECT_TRUE(a.ok()) << a.status().message();
}

TEST(ArchiveOpenTest, MissingFileIsNotFoundForReaders) {
  testing::TempDir dir;
  const std::string path = dir.File("missing.db");
  auto a = Archive::Open(path, {.read_only = true});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), Status::Code::kNotFound);
  EXPECT_THAT(a.status().message(), HasSubstr(path));
  EXPECT_FALSE(testing::FileExists(path));
  a = Archive::Open(path, {.create = false});
  EXPECT_EQ(a.status().code(), Status::Code::kNotFound);
  EXPECT_FALSE(testing::FileExists(path));
  EXPECT_FALSE(testing::FileExists(path + ".lock"));
}

TEST(ArchiveOpenTest, RefusesNonSqliteFile) {
  testing::TempDir dir;
  const std::string path = dir.File("notes.txt");
  testing::WriteFile(path, "WARC/1.1\r\nWARC-Type: warcinfo\r\n\r\nnot a database at all\n");
  for (bool ro : {false, true}) {
    auto a = Archive::Open(path, {.read_only = ro});
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.status().code(), Status::Code::kInvalidArgument);
    EXPECT_THAT(a.status().message(), HasSubstr(path));
    EXPECT_THAT(a.status().message(), HasSubstr("not a newsarc archive"));
  }
  EXPECT_EQ(testing::ReadFile(path).substr(0, 8), "WARC/1.1");  // untouched
}

TEST(ArchiveOpenTest, RefusesAnotherApplicationsSqliteDatabase) {
  testing::TempDir dir;
  const std::string path = dir.File("other.sqlite");
  RawSql(path, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
  auto a = Archive::Open(path);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), Status::Code::kInvalidArgument);
  EXPECT_THAT(a.status().message(), HasSubstr(path));
  EXPECT_THAT(a.status().message(), HasSubstr("not a newsarc archive"));
  // Same for an SQLite file that carries another application id but no tables.
  const std::string other = dir.File("other2.sqlite");
  RawSql(other, "PRAGMA application_id = 1234;");
  EXPECT_EQ(Archive::Open(other).status().code(), Status::Code::kInvalidArgument);
  // And an empty SQLite database is not an archive to a reader.
  const std::string empty = dir.File("empty.sqlite");
  testing::WriteFile(empty, "");
  EXPECT_EQ(Archive::Open(empty, {.read_only = true}).status().code(),
            Status::Code::kInvalidArgument);
}

TEST(ArchiveOpenTest, RefusesNewerSchema) {
  testing::TempDir dir;
  const std::string path = dir.File("future.db");
  ASSERT_TRUE(Archive::Open(path).ok());
  RawSql(path, "PRAGMA user_version = 99;");
  for (bool ro : {false, true}) {
    auto a = Archive::Open(path, {.read_only = ro});
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.status().code(), Status::Code::kUnsupported);
    EXPECT_THAT(a.status().message(), HasSubstr(path));
    EXPECT_THAT(a.status().message(), HasSubstr("schema version 99"));
  }
}

TEST(ArchiveOpenTest, SecondWriterIsBusyAndNamesTheHolder) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  auto w = Archive::Open(path, {.holder = "crawl-holder"});
  ASSERT_TRUE(w.ok());
  auto id = (*w)->Put(Response("http://x.example/", "2024-01-01T00:00:00Z", "x"));
  ASSERT_TRUE(id.ok());
  const std::string parent_pid = "pid " + std::to_string(getpid());

  // Another process: writing is refused with the holder named; reading works.
  int code = InChild([&] {
    auto second = Archive::Open(path, {.holder = "import"});
    if (second.ok()) return 1;
    if (second.status().code() != Status::Code::kBusy) return 2;
    const std::string m = second.status().message();
    if (m.find(path) == std::string::npos) return 3;
    if (m.find(parent_pid) == std::string::npos) return 4;
    if (m.find("crawl-holder") == std::string::npos) return 5;
    if (m.find("since") == std::string::npos) return 6;
    auto reader = Archive::Open(path, {.read_only = true});
    if (!reader.ok()) return 7;
    if (!(*reader)->Get(*id).ok()) return 8;
    return 0;
  });
  EXPECT_EQ(code, 0);
  // A second writer in the same process is refused as well.
  auto same = Archive::Open(path);
  EXPECT_EQ(same.status().code(), Status::Code::kBusy);
  EXPECT_THAT(same.status().message(), HasSubstr(parent_pid));
  w->reset();
  EXPECT_TRUE(Archive::Open(path).ok());
}

TEST(ArchiveOpenTest, LockIsReleasedWhenTheHolderDies) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  int code = InChild([&] {
    auto w = Archive::Open(path);
    if (!w.ok()) return 1;
    if (!(*w)->Begin().ok()) return 2;
    for (int i = 0; i < 10; ++i) {
      if (!(*w)->Put(Response("http://x.example/" + std::to_string(i),
                              "2024-01-01T00:00:00Z", std::to_string(i))).ok()) {
        return 3;
      }
    }
    kill(getpid(), SIGKILL);  // crash mid-transaction, lock held
    return 4;
  });
  EXPECT_EQ(code, 100 + SIGKILL);
  auto a = Archive::Open(path);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ((*a)->Stats()->records, 0);  // the uncommitted batch is gone
}

TEST(ArchiveOpenTest, CrashLosesOnlyTheUncommittedBatch) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  int code = InChild([&] {
    auto w = Archive::Open(path);
    if (!w.ok()) return 1;
    for (int batch = 0; batch < 2; ++batch) {
      if (!(*w)->Begin().ok()) return 2;
      for (int i = 0; i < 5; ++i) {
        std::string n = std::to_string(batch * 10 + i);
        if (!(*w)->Put(Response("http://x.example/" + n, "2024-01-01T00:00:00Z", n)).ok()) {
          return 3;
        }
      }
      if (batch == 0 && !(*w)->Commit().ok()) return 4;
    }
    _exit(0);  // no Commit, no destructors
  });
  EXPECT_EQ(code, 0);
  auto a = Archive::Open(path, {.read_only = true});
  ASSERT_TRUE(a.ok()) << a.status().message();
  auto s = (*a)->Stats();
  EXPECT_EQ(s->records, 5);
  EXPECT_EQ(s->payloads, 5);
}

TEST(ArchiveOpenTest, ReadersSeeOnlyCommittedWritesMeanwhile) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  auto w = Archive::Open(path);
  ASSERT_TRUE(w.ok());
  auto first = (*w)->Put(Response("http://x.example/1", "2024-01-01T00:00:00Z", "1"));
  ASSERT_TRUE((*w)->Begin().ok());
  auto second = (*w)->Put(Response("http://x.example/2", "2024-01-01T00:00:00Z", "2"));
  ASSERT_TRUE(second.ok());
  auto r = Archive::Open(path, {.read_only = true});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE((*r)->Get(*first).ok());
  EXPECT_EQ((*r)->Get(*second).status().code(), Status::Code::kNotFound);
  EXPECT_EQ((*r)->Put(Response("http://x.example/3", "2024-01-01T00:00:00Z", "3"))
                .status()
                .code(),
            Status::Code::kInvalidArgument);  // read-only
  ASSERT_TRUE((*w)->Commit().ok());
  EXPECT_TRUE((*r)->Get(*second).ok());
}

TEST(ArchiveOpenTest, RollbackDiscardsTheBatch) {
  testing::TempDir dir;
  auto w = Archive::Open(dir.File("a.db"));
  ASSERT_TRUE(w.ok());
  EXPECT_EQ((*w)->Commit().code(), Status::Code::kInvalidArgument);  // none open
  ASSERT_TRUE((*w)->Begin().ok());
  EXPECT_EQ((*w)->Begin().code(), Status::Code::kInvalidArgument);  // nested
  ASSERT_TRUE((*w)->Put(Response("http://x.example/1", "2024-01-01T00:00:00Z", "1")).ok());
  // A refused Put inside a batch leaves the batch's other records alone.
  WarcRecord bad = Response("http://x.example/2", "2024-01-01T00:00:00Z", "2");
  bad.Set("WARC-Block-Digest", Sha1Label("other"));
  EXPECT_FALSE((*w)->Put(bad).ok());
  EXPECT_EQ((*w)->Stats()->records, 1);
  ASSERT_TRUE((*w)->Rollback().ok());
  EXPECT_EQ((*w)->Stats()->records, 0);
  EXPECT_EQ((*w)->Stats()->payloads, 0);
}

}  // namespace
}  // namespace newsarc::storage
