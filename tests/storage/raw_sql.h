// Raw SQL on an archive file, bypassing storage::Archive: for tests that
// tamper with an archive or take its schema back to an older version.
#ifndef NEWSARC_TESTS_STORAGE_RAW_SQL_H_
#define NEWSARC_TESTS_STORAGE_RAW_SQL_H_

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/archive_impl.h"

namespace newsarc::storage::raw {

// Runs `sql` (several statements allowed), with blob parameters ?1, ?2, ...
// when `blobs` is given (one statement then).
inline void RawSql(const std::string& path, const std::string& sql,
                   const std::vector<std::string>& blobs = {}) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  // The article index's FTS5 table cannot even be dropped without its tokenizer.
  ASSERT_TRUE(RegisterFtsTokenizer(db).ok());
  if (blobs.empty()) {
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
        << (err ? err : "") << "\n" << sql;
    sqlite3_free(err);
  } else {
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
    for (size_t i = 0; i < blobs.size(); ++i) {
      sqlite3_bind_blob(st, static_cast<int>(i + 1), blobs[i].data(),
                        static_cast<int>(blobs[i].size()), SQLITE_TRANSIENT);
    }
    EXPECT_EQ(sqlite3_step(st), SQLITE_DONE) << sqlite3_errmsg(db);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
}

// SQL that takes a schema-4 archive back to schema 3 (no article index).
inline constexpr const char* kDropArticleIndex =
    "DROP TABLE article_fts; DROP TABLE article_fts_done; DROP TABLE article_urls; "
    "DROP TABLE article_deletions; DROP TABLE article_versions; DROP TABLE index_state; "
    "PRAGMA user_version = 3; ";

}  // namespace newsarc::storage::raw

#endif  // NEWSARC_TESTS_STORAGE_RAW_SQL_H_
