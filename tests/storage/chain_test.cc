// The audit hash chain: heads, migration of old archives, and tampering that
// `verify` must catch (one byte of a payload, a deleted record, two swapped
// records, a forged conversion text, a rewritten chain).
#include "storage/chain.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "archive_fixtures.h"
#include "base/digest.h"
#include "storage/archive.h"
#include "storage/article_record.h"
#include "storage/attest.h"
#include "storage/raw_sql.h"
#include "storage/verify.h"
#include "test_util.h"

namespace newsarc::storage {
namespace {

using ::testing::HasSubstr;
using namespace fixtures;  // NOLINT

using raw::RawSql;

// Runs `sql` with blob parameters ?1, ?2, ...
void RawSqlBlobs(const std::string& path, const std::string& sql,
                 const std::vector<std::string>& blobs) {
  RawSql(path, sql, blobs);
}

ArticleRecord Article(const std::string& url, const std::string& response_id,
                      const std::string& text) {
  ArticleRecord a;
  a.url = url;
  a.response_record_id = response_id;
  a.capture_time = *ParseIsoDate("2024-05-01T00:00:00Z");
  a.title = "Flood";
  a.text = text;
  return a;
}

// Six records: three responses, a revisit, a conversion, a warcinfo.
// Headers stored plain so tests can edit them with SQL.
std::vector<std::string> BuildArchive(const std::string& path) {
  auto a = Archive::Open(path, {.compress_headers = false});
  EXPECT_TRUE(a.ok()) << a.status().message();
  std::vector<std::string> ids;
  ids.push_back(*(*a)->Put(Response("http://x.example/a", "2024-05-01T00:00:00Z",
                                    "<p>" + std::string(2000, 'r') + "</p>")));
  ids.push_back(*(*a)->Put(Response("http://x.example/b", "2024-05-01T00:01:00Z", "<p>b</p>")));
  ids.push_back(*(*a)->Put(Revisit("http://x.example/b", "2024-05-02T00:00:00Z", ids[1],
                                   Sha1Label("<p>b</p>"))));
  ids.push_back(*(*a)->Put(MakeConversionRecord(
      Article("http://x.example/b", ids[1], "The mayor resigned on Tuesday."),
      *ParseIsoDate("2024-05-01T00:01:00Z"))));
  ids.push_back(*(*a)->Put(Response("http://x.example/c", "2024-05-03T00:00:00Z", "<p>c</p>")));
  ids.push_back(*(*a)->Put(Simple("warcinfo", "application/warc-fields", "software: t\r\n")));
  return ids;
}

VerifyReport Verify(const std::string& path, const std::optional<ChainHead>& head = {}) {
  VerifyOptions o;
  o.head = head;
  auto r = VerifyArchive(path, o);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : VerifyReport{};
}

// Problems that name the chain.
std::vector<VerifyProblem> ChainProblems(const VerifyReport& r) {
  std::vector<VerifyProblem> out;
  for (const auto& p : r.problems) {
    if (p.problem.find("hash chain") != std::string::npos) out.push_back(p);
  }
  return out;
}

TEST(ChainTest, HeadRoundTripsAndRejectsJunk) {
  ChainHead h{42, std::string(32, '\x5a')};
  auto back = ParseChainHead(h.ToString());
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->count, 42);
  EXPECT_EQ(back->value, h.value);
  EXPECT_THAT(h.ToString(), ::testing::StartsWith("newsarc-chain:v1:42:5a5a"));
  for (const char* bad : {"", "newsarc-chain:v1:", "newsarc-chain:v1:x:00",
                          "newsarc-chain:v1:3:abcd", "sha256:00", "newsarc-chain:v1:-1:00"}) {
    auto r = ParseChainHead(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument) << bad;
  }
  // Each link depends on position and predecessor.
  const std::string d1 = ChainRecordDigest(1, "WARC/1.1", "WARC-Type: x\r\n", Sha1Raw("b"));
  const std::string d2 = ChainRecordDigest(2, "WARC/1.1", "WARC-Type: x\r\n", Sha1Raw("b"));
  EXPECT_NE(d1, d2);
  EXPECT_NE(ChainNext(ChainGenesis(), d1), ChainNext(std::string(32, '\1'), d1));
}

TEST(ChainTest, AttestedHeadIsExtendedByLaterRecords) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  auto empty = Archive::Open(path);
  ASSERT_TRUE(empty.ok());
  empty->reset();
  auto h0 = ReadChainHead(path);
  ASSERT_TRUE(h0.ok()) << h0.status().message();
  EXPECT_EQ(h0->count, 0);

  BuildArchive(path);
  auto head = ReadChainHead(path);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->count, 6);
  VerifyReport r = Verify(path, *head);
  for (const auto& p : r.problems) ADD_FAILURE() << p.record_id << ": " << p.problem;
  EXPECT_TRUE(r.head_checked);
  EXPECT_EQ(r.chain_head.ToString(), head->ToString());

  // New records extend the head: the old head still verifies.
  {
    auto a = Archive::Open(path);
    ASSERT_TRUE(a.ok());
    ASSERT_TRUE((*a)->Begin().ok());
    ASSERT_TRUE((*a)->Put(Response("http://x.example/d", "2024-05-04T00:00:00Z", "d")).ok());
    // A refused Put inside the batch leaves no gap in the chain.
    WarcRecord bad = Response("http://x.example/e", "2024-05-04T00:00:00Z", "e");
    bad.Set("WARC-Block-Digest", Sha1Label("not it"));
    ASSERT_FALSE((*a)->Put(bad).ok());
    ASSERT_TRUE((*a)->Put(Response("http://x.example/f", "2024-05-04T00:00:00Z", "f")).ok());
    ASSERT_TRUE((*a)->Commit().ok());
  }
  r = Verify(path, *head);
  EXPECT_TRUE(r.ok()) << (r.problems.empty() ? "" : r.problems[0].problem);
  EXPECT_TRUE(r.head_checked);
  EXPECT_EQ(r.chain_head.count, 8);
  // A head that was never this archive's fails.
  ChainHead other = *head;
  other.value[0] = static_cast<char>(other.value[0] ^ 1);
  r = Verify(path, other);
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(r.head_checked);
  ASSERT_FALSE(r.problems.empty());
  EXPECT_THAT(r.problems.back().problem, HasSubstr("no longer extends the attested head"));
}

TEST(ChainTest, MigrationChainsExistingRecordsIdentically) {
  testing::TempDir dir;
  const std::string path = dir.File("v2.db");
  BuildArchive(path);
  auto before = ReadChainHead(path);
  ASSERT_TRUE(before.ok());
  // Make it a version-2 archive: no chain columns, no audit indexes.
  RawSql(path,
         std::string(raw::kDropArticleIndex) +
         "DROP INDEX records_conversion; DROP INDEX records_status; "
         "ALTER TABLE records DROP COLUMN chain; ALTER TABLE records DROP COLUMN chain_seq; "
         "PRAGMA user_version = 2;");
  EXPECT_FALSE(Archive::Open(path, {.read_only = true}).ok());  // needs migrating
  ASSERT_TRUE(Archive::Open(path).ok());                        // a writer migrates
  auto after = ReadChainHead(path);
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ(after->ToString(), before->ToString());
  EXPECT_TRUE(Verify(path, *before).ok());
}

TEST(ChainTest, OneChangedPayloadByteIsNamed) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  auto ids = BuildArchive(path);
  ASSERT_TRUE(Verify(path).ok());
  // Record 0's 2 KB body compresses: rewrite it stored raw with one byte
  // changed, keeping the content address, so only the digests can tell.
  const std::string body = "<p>" + std::string(1000, 'r') + "X" + std::string(999, 'r') + "</p>";
  RawSqlBlobs(path, "UPDATE payloads SET data = ?1, codec = 0 WHERE id = 1", {body});
  VerifyReport r = Verify(path);
  EXPECT_FALSE(r.ok());
  for (const auto& p : r.problems) EXPECT_EQ(p.record_id, ids[0]) << p.problem;
  EXPECT_EQ(r.first_chain_break, ids[0]);
  EXPECT_EQ(r.chain_breaks, 1);
}

TEST(ChainTest, DeletedRecordIsNamedByTheNextOne) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  auto ids = BuildArchive(path);
  auto head = ReadChainHead(path);
  RawSql(path, "DELETE FROM records WHERE record_id = '" + ids[4] + "'");
  VerifyReport r = Verify(path);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.first_chain_break, ids[5]);
  auto chain = ChainProblems(r);
  ASSERT_EQ(chain.size(), 1u);
  EXPECT_THAT(chain[0].problem, HasSubstr("chain position is 6 but it follows position 4"));
  EXPECT_THAT(chain[0].problem, HasSubstr("deleted"));
}

TEST(ChainTest, RemovingTheLastRecordNeedsTheHead) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  auto ids = BuildArchive(path);
  auto head = ReadChainHead(path);
  // A clean truncation: the record and its payload.
  RawSql(path, "DELETE FROM records WHERE record_id = '" + ids[5] +
                   "'; DELETE FROM payloads WHERE id NOT IN "
                   "(SELECT payload_id FROM records WHERE payload_id IS NOT NULL)");
  // The remaining chain is consistent: only the published head shows the loss.
  EXPECT_TRUE(Verify(path).ok());
  VerifyReport r = Verify(path, *head);
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_THAT(r.problems[0].problem, HasSubstr("covers 6 records but the archive holds 5"));
}

TEST(ChainTest, SwappedRecordsAreNamed) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  auto ids = BuildArchive(path);
  // Swap rows 2 and 5 whole (chain columns included): a reordering.
  RawSql(path,
         "UPDATE records SET id = -1 WHERE id = 2; UPDATE records SET id = 2 WHERE id = 5; "
         "UPDATE records SET id = 5 WHERE id = -1;");
  VerifyReport r = Verify(path);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.first_chain_break, ids[4]);  // now second in archive order
  auto chain = ChainProblems(r);
  ASSERT_FALSE(chain.empty());
  EXPECT_EQ(chain[0].record_id, ids[4]);
  EXPECT_THAT(chain[0].problem, HasSubstr("hash chain broken at record 2"));
}

// A careful forger edits a conversion's article text and fixes everything a
// digest check looks at: the payload, its content address, its size, and
// the record's declared digests. Only the chain still tells.
TEST(ChainTest, ForgedConversionTextIsNamed) {
  testing::TempDir dir;
  const std::string path = dir.File("a.db");
  auto ids = BuildArchive(path);
  auto head = ReadChainHead(path);
  std::string original;
  {
    auto a = Archive::Open(path, {.read_only = true});
    auto conv = (*a)->Get(ids[3]);
    ASSERT_TRUE(conv.ok());
    original = conv->block;
  }
  std::string forged = original;
  size_t at = forged.find("resigned");
  ASSERT_NE(at, std::string::npos);
  forged.replace(at, 8, "stayed  ");  // same length: Content-Length still holds
  RawSqlBlobs(path,
              "UPDATE payloads SET data = ?1, codec = 0, sha1 = ?2 WHERE id = "
              "(SELECT payload_id FROM records WHERE record_id = '" + ids[3] + "')",
              {forged, Sha1Raw(forged)});
  RawSql(path, "UPDATE records SET warc_headers = CAST(replace(replace(CAST(warc_headers AS "
               "TEXT), '" + Sha1Label(original) + "', '" + Sha1Label(forged) +
                   "'), 'x', 'x') AS BLOB), payload_digest = '" + Sha1Label(forged) +
                   "' WHERE record_id = '" + ids[3] + "'");
  VerifyReport r = Verify(path);
  ASSERT_EQ(r.problems.size(), 1u) << r.problems[0].problem;
  EXPECT_EQ(r.problems[0].record_id, ids[3]);
  EXPECT_THAT(r.problems[0].problem, HasSubstr("hash chain broken at record 4"));
  EXPECT_EQ(r.first_chain_break, ids[3]);

  // Rewriting every later link hides the forgery from the chain alone, but
  // not from a head published before it.
  {
    auto a = Archive::Open(path, {.read_only = true});
    std::string prev = ChainGenesis();
    int64_t n = 0;
    ASSERT_TRUE((*a)->ForEach([&](const WarcRecord& rec) {
                  std::string headers;
                  for (const auto& [k, v] : rec.headers) headers += k + ": " + v + "\r\n";
                  prev = ChainNext(prev, ChainRecordDigest(++n, rec.version, headers,
                                                           Sha1Raw(rec.block)));
                  RawSqlBlobs(path, "UPDATE records SET chain = ?1 WHERE chain_seq = " +
                                        std::to_string(n), {prev});
                  return true;
                }).ok());
  }
  EXPECT_TRUE(Verify(path).ok());
  r = Verify(path, *head);
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_THAT(r.problems[0].problem, HasSubstr("no longer extends the attested head"));
}

}  // namespace
}  // namespace newsarc::storage
