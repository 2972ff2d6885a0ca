#include "storage/verify.h"

#include <sqlite3.h>

#include <random>

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

// Flips one bit of byte `offset` (negative: from the end) of payload `id`,
// behind the archive's back.
void FlipPayloadByte(const std::string& path, int64_t id, int64_t offset) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT data FROM payloads WHERE id = ?1", -1, &st, nullptr),
            SQLITE_OK);
  sqlite3_bind_int64(st, 1, id);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  std::string data(static_cast<const char*>(sqlite3_column_blob(st, 0)),
                   static_cast<size_t>(sqlite3_column_bytes(st, 0)));
  sqlite3_finalize(st);
  size_t at = static_cast<size_t>(offset >= 0 ? offset : static_cast<int64_t>(data.size()) + offset);
  data[at] = static_cast<char>(data[at] ^ 0x01);
  ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE payloads SET data = ?1 WHERE id = ?2", -1, &st, nullptr),
            SQLITE_OK);
  sqlite3_bind_blob(st, 1, data.data(), static_cast<int>(data.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 2, id);
  EXPECT_EQ(sqlite3_step(st), SQLITE_DONE);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

int64_t PayloadCodec(const std::string& path, int64_t id) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT codec FROM payloads WHERE id = ?1", -1, &st, nullptr);
  sqlite3_bind_int64(st, 1, id);
  int64_t codec = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return codec;
}

std::string RandomBytes(size_t n) {
  std::mt19937 rng(42);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

// An archive with one of everything, all references intact. Returns ids:
// [0] response (incompressible body, stored raw), [1] response (text,
// zstd), [2] revisit of [1], [3] conversion of [1], [4] warcinfo.
std::vector<std::string> BuildArchive(const std::string& path, bool compress_headers = true) {
  ArchiveOptions o;
  o.compress_headers = compress_headers;
  auto a = Archive::Open(path, o);
  EXPECT_TRUE(a.ok()) << a.status().message();
  std::vector<std::string> ids;
  ids.push_back(*(*a)->Put(Response("http://x.example/img", "2024-05-01T00:00:00Z",
                                    RandomBytes(4000))));
  ids.push_back(*(*a)->Put(Response("http://x.example/a", "2024-05-01T00:00:00Z",
                                    std::string(3000, 'a') + "story text")));
  ids.push_back(*(*a)->Put(Revisit("http://x.example/a", "2024-05-02T00:00:00Z", ids[1],
                                   Sha1Label(std::string(3000, 'a') + "story text"))));
  WarcRecord conv = Simple("conversion", "text/plain", "story text", "http://x.example/a");
  conv.Set("WARC-Refers-To", ids[1]);
  ids.push_back(*(*a)->Put(conv));
  ids.push_back(*(*a)->Put(Simple("warcinfo", "application/warc-fields", "software: t\r\n")));
  return ids;
}

Result<VerifyReport> Verify(const std::string& path) { return VerifyArchive(path); }

TEST(VerifyTest, PassesAnIntactArchive) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  BuildArchive(path);
  std::vector<std::pair<uint64_t, uint64_t>> calls;
  VerifyOptions o;
  o.progress = [&](uint64_t done, uint64_t total) { calls.emplace_back(done, total); };
  auto r = VerifyArchive(path, o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  for (const auto& p : r->problems) ADD_FAILURE() << p.record_id << ": " << p.problem;
  EXPECT_TRUE(r->ok());
  EXPECT_EQ(r->records, 5);
  EXPECT_EQ(r->payloads, 4);  // the revisit stores only HTTP head bytes
  EXPECT_GT(r->bytes, 7000);
  ASSERT_EQ(calls.size(), 5u);
  EXPECT_EQ(calls.back(), (std::pair<uint64_t, uint64_t>(5, 5)));
}

TEST(VerifyTest, OneRecordIsCheckedWithItsChainLink) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  auto ids = BuildArchive(path);
  for (size_t i = 0; i < ids.size(); ++i) {
    VerifyOptions o;
    o.record_id = ids[i];
    auto r = VerifyArchive(path, o);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_TRUE(r->ok()) << ids[i] << ": " << (r->problems.empty() ? "" : r->problems[0].problem);
    EXPECT_EQ(r->records, 1);
    EXPECT_EQ(r->chain_head.count, static_cast<int64_t>(i + 1));  // its chain position
  }
  // A damaged payload fails its record only.
  FlipPayloadByte(path, 1, 100);
  VerifyOptions first;
  first.record_id = ids[0];
  auto bad = VerifyArchive(path, first);
  ASSERT_TRUE(bad.ok());
  EXPECT_FALSE(bad->ok());
  VerifyOptions second;
  second.record_id = ids[1];
  EXPECT_TRUE(VerifyArchive(path, second)->ok());
  VerifyOptions unknown;
  unknown.record_id = "<urn:uuid:00000000-0000-4000-8000-00000000dead>";
  auto none = VerifyArchive(path, unknown);
  EXPECT_EQ(none.status().code(), Status::Code::kNotFound);
  // The record after a deleted one: its link no longer holds.
  RawSql(path, "DELETE FROM records WHERE record_id = '" + ids[2] + "'");
  VerifyOptions after;
  after.record_id = ids[3];
  auto broken = VerifyArchive(path, after);
  ASSERT_TRUE(broken.ok());
  ASSERT_FALSE(broken->ok());
  EXPECT_THAT(broken->problems[0].problem, HasSubstr("hash chain broken"));
}

TEST(VerifyTest, CatchesAFlippedByteInARawPayload) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  auto ids = BuildArchive(path);
  // Payload 1 is the incompressible body, stored raw (codec 0).
  ASSERT_EQ(PayloadCodec(path, 1), 0);
  FlipPayloadByte(path, 1, 100);
  auto r = Verify(path);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_FALSE(r->ok());
  bool damaged = false, digest = false;
  for (const auto& p : r->problems) {
    EXPECT_EQ(p.record_id, ids[0]) << p.problem;
    if (p.problem.find("is damaged") != std::string::npos) damaged = true;
    if (p.problem.find("WARC-Block-Digest mismatch") != std::string::npos) digest = true;
  }
  EXPECT_TRUE(damaged);
  EXPECT_TRUE(digest);
}

TEST(VerifyTest, CatchesAFlippedByteInACompressedPayload) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  auto ids = BuildArchive(path);
  // Flip a byte near the end of the zstd frame of payload 2 (the text body).
  ASSERT_EQ(PayloadCodec(path, 2), 1);
  FlipPayloadByte(path, 2, -3);
  auto r = Verify(path);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_FALSE(r->problems.empty());
  for (const auto& p : r->problems) EXPECT_EQ(p.record_id, ids[1]) << p.problem;
}

TEST(VerifyTest, ReportsDanglingReferences) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  auto ids = BuildArchive(path);
  std::string revisit_id, conv_id, orphan_rev;
  {
    auto a = Archive::Open(path);
    ASSERT_TRUE(a.ok());
    revisit_id = *(*a)->Put(Revisit("http://x.example/b", "2024-05-03T00:00:00Z",
                                    "<urn:uuid:deadbeef-0000-4000-8000-000000000000>",
                                    Sha1Label("gone")));
    WarcRecord conv = Simple("conversion", "text/plain", "t", "http://x.example/a");
    conv.Set("WARC-Refers-To", ids[2]);  // a revisit, not a response
    conv_id = *(*a)->Put(conv);
    WarcRecord rev = Revisit("http://x.example/c", "2024-05-03T00:00:00Z", "", Sha1Label("?"));
    rev.Remove("WARC-Refers-To");
    orphan_rev = *(*a)->Put(rev);
  }
  auto r = Verify(path);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 3u);
  EXPECT_EQ(r->problems[0].record_id, revisit_id);
  EXPECT_THAT(r->problems[0].problem, HasSubstr("not in the archive"));
  EXPECT_EQ(r->problems[1].record_id, conv_id);
  EXPECT_THAT(r->problems[1].problem, HasSubstr("not a response"));
  EXPECT_EQ(r->problems[2].record_id, orphan_rev);
  EXPECT_THAT(r->problems[2].problem, HasSubstr("no stored response"));
}

TEST(VerifyTest, ReportsOrphanedPayloadsAndWrongHeaders) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  auto ids = BuildArchive(path, /*compress_headers=*/false);  // editable with SQL
  // Drop the conversion record behind the archive's back: its payload is orphaned.
  RawSql(path, "DELETE FROM records WHERE record_id = '" + ids[3] + "'");
  // And make the warcinfo's stored Content-Length lie.
  RawSql(path, "UPDATE records SET warc_headers = CAST(replace(CAST(warc_headers AS TEXT), "
               "'Content-Length: 13', 'Content-Length: 12') AS BLOB) WHERE type = 'warcinfo'");
  auto r = Verify(path);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 3u);
  EXPECT_EQ(r->problems[0].record_id, ids[4]);
  EXPECT_THAT(r->problems[0].problem, HasSubstr("Content-Length"));
  // The warcinfo's link breaks too: its headers changed and its predecessor
  // was deleted.
  EXPECT_EQ(r->problems[1].record_id, ids[4]);
  EXPECT_THAT(r->problems[1].problem, HasSubstr("hash chain broken"));
  EXPECT_EQ(r->problems[2].record_id, "");
  EXPECT_THAT(r->problems[2].problem, HasSubstr("orphaned"));
}

TEST(VerifyTest, ChecksChunkedPayloadsAndHttpHeadBytes) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  std::string chunked_id, plain_id;
  {
    auto a = Archive::Open(path, {.compress_headers = false});  // editable with SQL
    ASSERT_TRUE(a.ok());
    WarcRecord r = Response("http://x.example/c", "2024-05-01T00:00:00Z", "");
    r.block = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
    chunked_id = *(*a)->Put(r);
    plain_id = *(*a)->Put(Response("http://x.example/p", "2024-05-01T00:00:00Z", "plain"));
  }
  auto clean = Verify(path);
  ASSERT_TRUE(clean.ok());
  EXPECT_TRUE(clean->ok()) << (clean->problems.empty() ? "" : clean->problems[0].problem);
  // Declare a wrong payload digest for the chunked record, and change one
  // byte of the other record's HTTP head.
  RawSql(path, "UPDATE records SET warc_headers = CAST(replace(CAST(warc_headers AS TEXT), '" +
                   Sha1Label("hello") + "', '" + Sha1Label("hellO") +
                   "') AS BLOB) WHERE record_id = '" + chunked_id + "'");
  RawSql(path, "UPDATE records SET http_head = CAST(replace(CAST(http_head AS TEXT), '200 OK', "
               "'200 Ok') AS BLOB) WHERE record_id = '" + plain_id + "'");
  auto r = Verify(path);
  ASSERT_TRUE(r.ok());
  // Each edit also breaks that record's hash-chain link.
  ASSERT_EQ(r->problems.size(), 4u);
  EXPECT_EQ(r->problems[0].record_id, chunked_id);
  EXPECT_THAT(r->problems[0].problem, HasSubstr("WARC-Payload-Digest mismatch"));
  EXPECT_THAT(r->problems[0].problem, HasSubstr(Sha1Label("hello")));  // computed
  EXPECT_EQ(r->problems[1].record_id, chunked_id);
  EXPECT_THAT(r->problems[1].problem, HasSubstr("hash chain broken"));
  EXPECT_EQ(r->problems[2].record_id, plain_id);
  EXPECT_THAT(r->problems[2].problem, HasSubstr("WARC-Block-Digest mismatch"));
  EXPECT_EQ(r->problems[3].record_id, plain_id);
  EXPECT_THAT(r->problems[3].problem, HasSubstr("hash chain broken"));
}

TEST(VerifyTest, ReportsUndecodableCompressedHeaders) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  auto ids = BuildArchive(path);
  RawSql(path, "UPDATE records SET warc_headers = zeroblob(12) WHERE record_id = '" + ids[4] + "'");
  auto r = Verify(path);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0].record_id, ids[4]);
  EXPECT_THAT(r->problems[0].problem, HasSubstr("not a valid zstd frame"));
  auto a = Archive::Open(path, {.read_only = true});
  auto got = (*a)->Get(ids[4]);
  EXPECT_EQ(got.status().code(), Status::Code::kCorrupt);
}

TEST(VerifyTest, StopsWhenCancelled) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  BuildArchive(path);
  VerifyOptions o;
  int polls = 0;
  o.cancelled = [&] { return ++polls > 2; };
  auto r = VerifyArchive(path, o);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->interrupted);
  EXPECT_FALSE(r->ok());
  EXPECT_EQ(r->records, 2);
}

TEST(VerifyTest, UnreadableArchivesAreErrors) {
  testing::TempDir dir;
  auto r = VerifyArchive(dir.File("missing.db"));
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  testing::WriteFile(dir.File("junk.db"), "junk junk junk junk junk");
  r = VerifyArchive(dir.File("junk.db"));
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("junk.db"));
}

}  // namespace
}  // namespace newsarc::storage
