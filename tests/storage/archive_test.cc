#include "storage/archive.h"

#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "archive_fixtures.h"
#include "base/digest.h"
#include "storage/importer.h"
#include "storage/verify.h"
#include "storage/warc/warc.h"
#include "test_util.h"

namespace newsarc::storage {
namespace {

using ::testing::HasSubstr;
using namespace std::string_literals;  // NOLINT
using namespace fixtures;  // NOLINT

std::unique_ptr<Archive> OpenOrDie(const std::string& path, ArchiveOptions o = {}) {
  auto a = Archive::Open(path, o);
  EXPECT_TRUE(a.ok()) << a.status().message();
  return a.ok() ? std::move(*a) : nullptr;
}

// Records exactly as another writer (wget, warcio) would have written them:
// every header present, in their own order and spelling.
WarcRecord Complete(WarcRecord r, const std::string& id) {
  r.headers.insert(r.headers.begin() + 1, {"WARC-Record-ID", id});
  r.headers.emplace_back("WARC-Block-Digest", Sha1Label(r.block));
  r.headers.emplace_back("Content-Length", std::to_string(r.block.size()));
  return r;
}

TEST(ArchiveTest, RoundTripsEveryRecordTypeByteExact) {
  testing::TempDir dir;
  auto a = OpenOrDie(dir.File("a.db"));
  ASSERT_TRUE(a);
  std::vector<WarcRecord> in;
  in.push_back(Complete(Simple("warcinfo", "application/warc-fields",
                               "software: newsarc\r\nformat: WARC File Format 1.1\r\n"),
                        "<urn:uuid:00000000-0000-4000-8000-000000000001>"));
  WarcRecord req = Simple("request", "application/http; msgtype=request",
                          "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
                          "http://news.example/a");
  req.headers.emplace_back("WARC-Payload-Digest", Sha1Label(""));
  in.push_back(Complete(req, "<urn:uuid:00000000-0000-4000-8000-000000000002>"));
  WarcRecord chunked = Response("http://news.example/a", "2024-05-01T12:00:01Z", "");
  chunked.block =
      "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\nContent-Encoding: gzip\n\n"
      "4\r\n\x1f\x8b\x08\x00\r\n0\r\n\r\n"s;
  chunked.headers.emplace_back("WARC-Payload-Digest",
                               Sha1Label(std::string("\x1f\x8b\x08\x00", 4)));
  in.push_back(Complete(chunked, "<urn:uuid:00000000-0000-4000-8000-000000000003>"));
  in.push_back(Complete(Simple("metadata", "application/warc-fields",
                               "outlink: http://news.example/b\r\nhopsFromSeed: \r\n",
                               "http://news.example/a"),
                        "<urn:uuid:00000000-0000-4000-8000-000000000004>"));
  WarcRecord png = Simple("resource", "image/png", std::string("\x89PNG\r\n\x1a\n\0\0", 10),
                          "http://news.example/logo.png");
  png.headers.emplace_back("WARC-Payload-Digest", Sha1Label(png.block));
  in.push_back(Complete(png, "<urn:uuid:00000000-0000-4000-8000-000000000005>"));
  WarcRecord conv = Simple("conversion", "text/plain; charset=utf-8", "Flood warning\n\nText.",
                           "http://news.example/a");
  conv.headers.emplace_back("WARC-Refers-To", "<urn:uuid:00000000-0000-4000-8000-000000000003>");
  conv.headers.emplace_back("WARC-Payload-Digest", "sha256:" + HexEncode(Sha256Raw(conv.block)));
  in.push_back(Complete(conv, "<urn:uuid:00000000-0000-4000-8000-000000000006>"));
  WarcRecord rev = Revisit("http://news.example/a", "2024-05-02T12:00:00Z",
                           "<urn:uuid:00000000-0000-4000-8000-000000000003>",
                           Sha1Label(std::string("\x1f\x8b\x08\x00", 4)));
  rev.version = "WARC/1.0";
  in.push_back(Complete(rev, "<urn:uuid:00000000-0000-4000-8000-000000000007>"));
  // A header spelled oddly and repeated: kept as is.
  in.back().headers.emplace_back("x-custom", " two  spaces ");
  in.back().headers.emplace_back("X-Custom", "again");

  for (const WarcRecord& r : in) {
    auto id = a->Put(r);
    ASSERT_TRUE(id.ok()) << id.status().message();
    EXPECT_EQ(*id, r.id());
  }
  for (const WarcRecord& r : in) {
    auto got = a->Get(std::string(r.id()));
    ASSERT_TRUE(got.ok()) << got.status().message();
    EXPECT_EQ(got->version, r.version);
    EXPECT_EQ(got->headers, r.headers);
    EXPECT_EQ(got->block, r.block);
  }
  size_t i = 0;
  ASSERT_TRUE(a->ForEach([&](const WarcRecord& r) {
                 EXPECT_EQ(r.headers, in[i].headers);
                 EXPECT_EQ(r.block, in[i].block);
                 ++i;
                 return true;
               }).ok());
  EXPECT_EQ(i, in.size());
  // Ids without angle brackets find the record too.
  EXPECT_TRUE(a->Get("urn:uuid:00000000-0000-4000-8000-000000000005").ok());
  auto missing = a->Get("<urn:uuid:nope>");
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("urn:uuid:nope"));
}

TEST(ArchiveTest, ForEachStopsWhenAsked) {
  testing::TempDir dir;
  auto a = OpenOrDie(dir.File("a.db"));
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(a->Put(Response("http://x.example/" + std::to_string(i),
                                "2024-01-01T00:00:00Z", "b" + std::to_string(i)))
                    .ok());
  }
  int seen = 0;
  ASSERT_TRUE(a->ForEach([&](const WarcRecord&) { return ++seen < 2; }).ok());
  EXPECT_EQ(seen, 2);
}

TEST(ArchiveTest, FillsMissingHeadersAndDigests) {
  testing::TempDir dir;
  auto a = OpenOrDie(dir.File("a.db"));
  WarcRecord r = Response("http://news.example/a", "2024-05-01T12:00:00Z", "hello");
  r.headers.erase(r.headers.begin() + 2);  // no WARC-Date
  auto id = a->Put(r);
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_THAT(*id, ::testing::MatchesRegex("<urn:uuid:[0-9a-f-]{36}>"));
  auto got = a->Get(*id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->block, r.block);
  EXPECT_EQ(got->Get("WARC-Record-ID"), *id);
  EXPECT_EQ(got->Get("Content-Length"), std::to_string(r.block.size()));
  EXPECT_EQ(got->Get("WARC-Block-Digest"), Sha1Label(r.block));
  EXPECT_EQ(got->Get("WARC-Payload-Digest"), Sha1Label("hello"));
  EXPECT_FALSE(got->Get("WARC-Date").empty());
  // Original headers keep their order; filled ones follow.
  EXPECT_EQ(got->headers[0].first, "WARC-Type");
  EXPECT_EQ(got->headers[1].first, "WARC-Target-URI");

  // Resource: payload digest is the block's; chunked response: de-chunked.
  auto res = a->Put(Simple("resource", "text/plain", "plain text", "http://news.example/t"));
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(a->Get(*res)->Get("WARC-Payload-Digest"), Sha1Label("plain text"));
  WarcRecord ch = Response("http://news.example/c", "2024-05-01T12:00:00Z", "");
  ch.block = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
  auto chid = a->Put(ch);
  ASSERT_TRUE(chid.ok());
  auto chgot = a->Get(*chid);
  EXPECT_EQ(chgot->Get("WARC-Payload-Digest"), Sha1Label("abc"));
  EXPECT_EQ(chgot->block, ch.block);
  // A revisit without a payload digest takes its original's.
  WarcRecord rv = Revisit("http://news.example/a", "2024-05-03T00:00:00Z", *id, "");
  rv.Remove("WARC-Payload-Digest");
  auto rvid = a->Put(rv);
  ASSERT_TRUE(rvid.ok());
  EXPECT_EQ(a->Get(*rvid)->Get("WARC-Payload-Digest"), Sha1Label("hello"));
}

TEST(ArchiveTest, AcceptsSha256AndRawChunkedPayloadDigests) {
  testing::TempDir dir;
  auto a = OpenOrDie(dir.File("a.db"));
  WarcRecord r = Response("http://news.example/a", "2024-05-01T12:00:00Z", "x");
  r.block = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n";
  r.Set("WARC-Block-Digest", Sha256Label(r.block));
  // Some writers digest the body as transmitted, chunk framing included.
  r.Set("WARC-Payload-Digest", Sha1Label("1\r\nx\r\n0\r\n\r\n"));
  auto id = a->Put(r);
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_EQ(a->Get(*id)->block, r.block);
  EXPECT_EQ(a->Get(*id)->Get("WARC-Block-Digest"), Sha256Label(r.block));
}

TEST(ArchiveTest, RefusesDigestAndLengthMismatchesNamingTheRecord) {
  testing::TempDir dir;
  auto a = OpenOrDie(dir.File("a.db"));
  const std::string id = "<urn:uuid:11111111-0000-4000-8000-000000000001>";
  WarcRecord r = Response("http://news.example/a", "2024-05-01T12:00:00Z", "hello");
  r.Set("WARC-Record-ID", id);
  r.Set("WARC-Block-Digest", Sha1Label(r.block + "x"));
  auto put = a->Put(r);
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), Status::Code::kCorrupt);
  EXPECT_THAT(put.status().message(), HasSubstr(id));
  EXPECT_THAT(put.status().message(), HasSubstr("WARC-Block-Digest mismatch"));
  EXPECT_FALSE(*a->Contains(id));

  r.Set("WARC-Block-Digest", Sha1Label(r.block));
  r.Set("WARC-Payload-Digest", Sha1Label("not hello"));
  put = a->Put(r);
  EXPECT_EQ(put.status().code(), Status::Code::kCorrupt);
  EXPECT_THAT(put.status().message(), HasSubstr("WARC-Payload-Digest mismatch"));

  r.Remove("WARC-Payload-Digest");
  r.Set("WARC-Block-Digest", "sha1:!!!");
  EXPECT_EQ(a->Put(r).status().code(), Status::Code::kCorrupt);
  r.Remove("WARC-Block-Digest");
  r.Set("Content-Length", "3");
  put = a->Put(r);
  EXPECT_EQ(put.status().code(), Status::Code::kCorrupt);
  EXPECT_THAT(put.status().message(), HasSubstr("Content-Length"));

  r.Remove("Content-Length");
  r.Remove("WARC-Type");
  EXPECT_EQ(a->Put(r).status().code(), Status::Code::kInvalidArgument);
  r.Set("WARC-Type", "response");
  r.Set("WARC-Date", "yesterday");
  EXPECT_EQ(a->Put(r).status().code(), Status::Code::kInvalidArgument);
  r.Set("WARC-Date", "2024-05-01T12:00:00Z");
  r.Set("X-Bad", "a\r\nInjected: 1");
  EXPECT_EQ(a->Put(r).status().code(), Status::Code::kInvalidArgument);
  r.Remove("X-Bad");
  // md5 is checked too (issue 13)...
  r.Set("WARC-Block-Digest", "md5:d41d8cd98f00b204e9800998ecf8427e");  // md5("")
  put = a->Put(r);
  EXPECT_EQ(put.status().code(), Status::Code::kCorrupt);
  EXPECT_THAT(put.status().message(), HasSubstr("WARC-Block-Digest mismatch"));
  // ...an unknown algorithm is kept, unchecked.
  r.Set("WARC-Block-Digest",
        "sha512:z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwv");
  EXPECT_TRUE(a->Put(r).ok());
  auto stats = a->Stats();
  EXPECT_EQ(stats->records, 1);
  EXPECT_EQ(stats->payloads, 1);  // refused records left no payload behind
}

// Issue 13: digests in base16, base32 and base64 (warcio writes all three)
// and md5 are checked, and the header keeps the writer's text; a wrong one in
// any encoding is refused.
TEST(ArchiveTest, ChecksDigestsInEveryEncodingAndKeepsTheirText) {
  testing::TempDir dir;
  auto a = OpenOrDie(dir.File("a.db"));
  const std::string body = "hello";
  auto b64 = [](DigestAlgorithm alg, const std::string& bytes) {
    Hasher h(alg);
    h.Update(bytes);
    const std::string raw = h.Finish();
    static const char kAlpha[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    uint32_t buf = 0;
    int bits = 0;
    for (unsigned char c : raw) {
      buf = (buf << 8) | c;
      bits += 8;
      while (bits >= 6) out += kAlpha[(buf >> (bits -= 6)) & 63];
    }
    if (bits > 0) out += kAlpha[(buf << (6 - bits)) & 63];
    while (out.size() % 4 != 0) out += '=';
    return out;
  };
  int n = 0;
  for (DigestAlgorithm alg :
       {DigestAlgorithm::kSha1, DigestAlgorithm::kSha256, DigestAlgorithm::kMd5}) {
    const char* name = DigestName(alg);
    WarcRecord r = Response("http://news.example/" + std::to_string(++n), "2024-05-01T12:00:00Z",
                            body);
    Hasher hb(alg), hp(alg);
    hb.Update(r.block);
    hp.Update(body);
    const std::string block_hex = HexEncode(hb.Finish());
    const std::string payload_b32 = Base32Encode(hp.Finish());
    const std::string block_label = std::string(name) + ":" + block_hex;
    const std::string payload_label = std::string(name) + ":" + payload_b32;
    r.Set("WARC-Block-Digest", block_label);
    r.Set("WARC-Payload-Digest", payload_label);
    auto id = a->Put(r);
    ASSERT_TRUE(id.ok()) << name << ": " << id.status().message();
    EXPECT_EQ(a->Get(*id)->Get("WARC-Block-Digest"), block_label);
    EXPECT_EQ(a->Get(*id)->Get("WARC-Payload-Digest"), payload_label);

    WarcRecord r64 = Response("http://news.example/" + std::to_string(++n),
                              "2024-05-01T12:00:00Z", body);
    const std::string label64 = std::string(name) + ":" + b64(alg, r64.block);
    r64.Set("WARC-Block-Digest", label64);
    id = a->Put(r64);
    ASSERT_TRUE(id.ok()) << name << ": " << id.status().message();
    EXPECT_EQ(a->Get(*id)->Get("WARC-Block-Digest"), label64);

    WarcRecord bad = Response("http://news.example/" + std::to_string(++n),
                              "2024-05-01T12:00:00Z", body);
    bad.Set("WARC-Block-Digest", std::string(name) + ":" + b64(alg, bad.block + "x"));
    auto put = a->Put(bad);
    EXPECT_EQ(put.status().code(), Status::Code::kCorrupt) << name;
    EXPECT_THAT(put.status().message(), HasSubstr("WARC-Block-Digest mismatch")) << name;
  }
  a.reset();
  auto v = VerifyArchive(dir.File("a.db"));
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_TRUE(v->ok()) << (v->problems.empty() ? "" : v->problems[0].problem);
  EXPECT_EQ(v->records, 6);
}

// warcio's example-digest.warc: the same request four times, with a payload
// digest that is not base32 at all, then its digests in base32, base64 and
// URL-safe base64. warcio checking digests reads the last three; so does
// Put, each into an archive of its own (they share one WARC-Record-ID).
TEST(ArchiveTest, ChecksWarciosDigestExamples) {
  testing::TempDir dir;
  auto reader = WarcReader::Open(NEWSARC_TESTDATA_DIR "/warc/warcio/example-digest.warc");
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  std::vector<std::string> outcomes;
  WarcRecord r;
  while (true) {
    auto more = (*reader)->Next(&r);
    ASSERT_TRUE(more.ok()) << more.status().message();
    if (!*more) break;
    auto a = OpenOrDie(dir.File(std::to_string(outcomes.size()) + ".db"));
    auto put = a->Put(r);
    outcomes.push_back(put.ok() ? "ok" : put.status().message());
  }
  ASSERT_EQ(outcomes.size(), 4u);
  EXPECT_THAT(outcomes[0], HasSubstr("malformed WARC-Payload-Digest"));
  EXPECT_EQ(outcomes[1], "ok");  // sha1:2jmj7l5rSw0yVb/vlWAYkK/YBwk= (base64)
  EXPECT_EQ(outcomes[2], "ok");
  EXPECT_EQ(outcomes[3], "ok");  // sha1:z63rEhCCBP7YH3WDqUv9stXFfxs=, URL-safe payload
  for (int i = 1; i < 4; ++i) {
    auto v = VerifyArchive(dir.File(std::to_string(i) + ".db"));
    ASSERT_TRUE(v.ok()) << v.status().message();
    EXPECT_TRUE(v->ok()) << i << ": " << (v->problems.empty() ? "" : v->problems[0].problem);
  }
  // Importing the file: one stored, one duplicate, and the two it refuses
  // say why (the bad digest; a different record under the same id).
  auto a = OpenOrDie(dir.File("all.db"));
  auto imported = ImportWarcFile(*a, NEWSARC_TESTDATA_DIR "/warc/warcio/example-digest.warc");
  ASSERT_TRUE(imported.ok()) << imported.status().message();
  EXPECT_EQ(imported->read, 4);
  EXPECT_EQ(imported->imported, 1);
  EXPECT_EQ(imported->duplicates, 1);
  ASSERT_EQ(imported->rejections.size(), 2u);
  EXPECT_THAT(imported->rejections[0], HasSubstr("malformed WARC-Payload-Digest"));
  EXPECT_THAT(imported->rejections[1], HasSubstr("different record with this WARC-Record-ID"));
}

TEST(ArchiveTest, SamePayloadIsStoredOnce) {
  testing::TempDir dir;
  auto a = OpenOrDie(dir.File("a.db"));
  std::string body(50000, 'x');
  for (int i = 0; i < 50000; i += 7) body[static_cast<size_t>(i)] = static_cast<char>('a' + i % 26);
  WarcRecord one = Response("http://news.example/a", "2024-05-01T12:00:00Z", body);
  WarcRecord two = Response("http://news.example/a", "2024-05-02T12:00:00Z", body);
  two.block = "HTTP/1.1 200 OK\r\nDate: Thu, 02 May 2024 12:00:00 GMT\r\n\r\n" + body;
  auto id1 = a->Put(one);
  auto id2 = a->Put(two);
  ASSERT_TRUE(id1.ok() && id2.ok());
  auto s = a->Stats();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->records, 2);
  EXPECT_EQ(s->captures, 2);
  EXPECT_EQ(s->payloads, 1);
  EXPECT_EQ(s->logical_bytes, static_cast<int64_t>(one.block.size() + two.block.size()));
  EXPECT_LT(s->stored_bytes, static_cast<int64_t>(body.size()));  // once, compressed
  EXPECT_EQ(a->Get(*id2)->block, two.block);
  EXPECT_EQ(a->Get(*id1)->block, one.block);
}

TEST(ArchiveTest, RePutIsIdempotentButConflictingIdIsRefused) {
  testing::TempDir dir;
  auto a = OpenOrDie(dir.File("a.db"));
  WarcRecord r = Response("http://news.example/a", "2024-05-01T12:00:00Z", "hello");
  r.Set("WARC-Record-ID", "<urn:uuid:22222222-0000-4000-8000-000000000001>");
  ASSERT_TRUE(a->Put(r).ok());
  auto again = a->Put(r);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(a->Stats()->records, 1);
  r.block += "!";
  auto other = a->Put(r);
  EXPECT_EQ(other.status().code(), Status::Code::kInvalidArgument);
  EXPECT_THAT(other.status().message(), HasSubstr("already"));
}

TEST(ArchiveTest, HistoryAndNearestOrderByTime) {
  testing::TempDir dir;
  auto a = OpenOrDie(dir.File("a.db"));
  const std::string url = "http://www.news.example/Story?b=2&a=1";
  auto t2 = a->Put(Response(url, "2024-05-02T00:00:00Z", "v2"));
  auto t3 = a->Put(Response(url, "2024-05-03T00:00:00Z", "v3", 404));
  auto t1 = a->Put(Response(url, "2024-05-01T00:00:00Z", "v1"));
  auto rv = a->Put(Revisit(url, "2024-05-04T00:00:00Z", *t1, Sha1Label("v1")));
  ASSERT_TRUE(a->Put(Response("http://news.example/other", "2024-05-02T00:00:00Z", "o")).ok());
  // Not captures: a request and a metadata record for the same URL.
  ASSERT_TRUE(a->Put(Simple("request", "application/http; msgtype=request",
                            "GET / HTTP/1.1\r\n\r\n", url)).ok());
  ASSERT_TRUE(a->Put(Simple("metadata", "application/warc-fields", "a: b\r\n", url)).ok());

  auto h = a->History(url);
  ASSERT_TRUE(h.ok()) << h.status().message();
  ASSERT_EQ(h->size(), 4u);
  EXPECT_EQ((*h)[0].record_id, *t1);
  EXPECT_EQ((*h)[1].record_id, *t2);
  EXPECT_EQ((*h)[2].record_id, *t3);
  EXPECT_EQ((*h)[3].record_id, *rv);
  EXPECT_EQ((*h)[0].type, "response");
  EXPECT_EQ((*h)[3].type, "revisit");
  EXPECT_EQ((*h)[0].status, 200);
  EXPECT_EQ((*h)[2].status, 404);
  EXPECT_EQ((*h)[0].mime, "text/html");
  EXPECT_EQ((*h)[0].uri, url);
  EXPECT_EQ((*h)[0].payload_digest, Sha1Label("v1"));
  EXPECT_EQ((*h)[0].date, *ParseIsoDate("2024-05-01T00:00:00Z"));
  EXPECT_GT((*h)[0].record_rowid, (*h)[1].record_rowid);  // time order, not insertion
  // The same SURT key from another spelling of the URL.
  auto h2 = a->History("https://news.example/story?a=1&b=2");
  ASSERT_TRUE(h2.ok());
  EXPECT_EQ(h2->size(), 4u);
  EXPECT_TRUE(a->History("http://news.example/none")->empty());

  auto at = [&](const char* when) {
    auto n = a->Nearest(url, *ParseIsoDate(when));
    EXPECT_TRUE(n.ok());
    return n->has_value() ? (*n)->record_id : std::string("none");
  };
  EXPECT_EQ(at("2020-01-01T00:00:00Z"), *t1);
  EXPECT_EQ(at("2024-05-01T11:00:00Z"), *t1);
  EXPECT_EQ(at("2024-05-01T13:00:00Z"), *t2);
  EXPECT_EQ(at("2024-05-01T12:00:00Z"), *t1);  // tie: the earlier
  EXPECT_EQ(at("2024-05-03T00:00:00Z"), *t3);
  EXPECT_EQ(at("2030-01-01T00:00:00Z"), *rv);
  EXPECT_FALSE(a->Nearest("http://news.example/none", 0)->has_value());

  auto orig = a->FindByPayloadDigest(Sha1Label("v1"));
  ASSERT_TRUE(orig.ok() && orig->has_value());
  EXPECT_EQ((*orig)->record_id, *t1);
  EXPECT_FALSE(a->FindByPayloadDigest(Sha1Label("none"))->has_value());
}

TEST(ArchiveTest, CompressedAndPlainHeaderStorageRoundTrip) {
  testing::TempDir dir;
  WarcRecord r = Response("http://news.example/a", "2024-05-01T12:00:00Z", "x");
  r.Set("WARC-Record-ID", "<urn:uuid:33333333-0000-4000-8000-000000000001>");
  int64_t stored[2] = {0, 0};
  for (bool compress : {true, false}) {
    ArchiveOptions o;
    o.compress_headers = compress;
    auto a = OpenOrDie(dir.File(compress ? "c.db" : "p.db"), o);
    auto id = a->Put(r);
    ASSERT_TRUE(id.ok());
    auto got = a->Get(*id);
    ASSERT_TRUE(got.ok()) << got.status().message();
    EXPECT_EQ(got->block, r.block);
    EXPECT_EQ(got->Get("WARC-Target-URI"), "http://news.example/a");
    stored[compress ? 0 : 1] = a->Stats()->stored_bytes;
  }
  EXPECT_LT(stored[0] * 10, stored[1] * 7);  // at least 30% smaller
}

TEST(ArchiveTest, StatsCountTypesHostsAndCaptures) {
  testing::TempDir dir;
  auto a = OpenOrDie(dir.File("a.db"));
  ASSERT_TRUE(a->Put(Response("http://a.example/1", "2024-05-01T00:00:00Z", "1")).ok());
  ASSERT_TRUE(a->Put(Response("http://a.example/2", "2024-05-01T00:00:00Z", "2")).ok());
  ASSERT_TRUE(a->Put(Response("http://b.example/1", "2024-05-01T00:00:00Z", "1")).ok());
  ASSERT_TRUE(a->Put(Simple("warcinfo", "application/warc-fields", "software: x\r\n")).ok());
  auto s = a->Stats();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->records, 4);
  EXPECT_EQ(s->captures, 3);
  EXPECT_EQ(s->hosts, 2);
  EXPECT_EQ(s->payloads, 3);  // "1" twice is one payload, plus "2" and the warcinfo
  ASSERT_EQ(s->records_by_type.size(), 2u);
  EXPECT_EQ(s->records_by_type[0], (std::pair<std::string, int64_t>("response", 3)));
  EXPECT_EQ(s->records_by_type[1], (std::pair<std::string, int64_t>("warcinfo", 1)));
  EXPECT_GT(s->file_bytes, 0);
}

}  // namespace
}  // namespace newsarc::storage

namespace newsarc::storage {
namespace {

TEST(ArchiveTest, PreparedRecordsAreStoredAsPutWouldStoreThem) {
  testing::TempDir dir;
  auto a = OpenOrDie(dir.File("a.db"));
  WarcRecord r = Response("http://news.example/p", "2024-05-01T12:00:00Z", "prepared body");
  // Prepared on another thread, as the crawler's pool does.
  Result<PreparedRecord> prepared = Status::InvalidArgument("", "");
  std::thread worker([&] { prepared = a->Prepare(r); });
  worker.join();
  ASSERT_TRUE(prepared.ok()) << prepared.status().message();
  auto id = a->Put(std::move(*prepared));
  ASSERT_TRUE(id.ok()) << id.status().message();
  auto got = a->Get(*id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->block, r.block);
  EXPECT_EQ(got->Get("WARC-Payload-Digest"), Sha1Label("prepared body"));
  // Putting it again (same id, same block) is a no-op, as for Put(record).
  auto again = a->Put(*a->Prepare(*got));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *id);
  // A revisit prepared without its payload digest still takes the original's.
  WarcRecord rv = Revisit("http://news.example/p", "2024-05-03T00:00:00Z", *id, "");
  rv.Remove("WARC-Payload-Digest");
  auto rvid = a->Put(*a->Prepare(rv));
  ASSERT_TRUE(rvid.ok()) << rvid.status().message();
  EXPECT_EQ(a->Get(*rvid)->Get("WARC-Payload-Digest"), Sha1Label("prepared body"));
  // Checks happen while preparing; options must be the archive's.
  WarcRecord bad = r;
  bad.Set("WARC-Block-Digest", Sha1Label("something else"));
  bad.Set("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000001>");
  EXPECT_EQ(a->Prepare(bad).status().code(), Status::Code::kCorrupt);
  ArchiveOptions other;
  other.zstd_level = 19;
  Result<PreparedRecord> foreign = PrepareRecord(r, other);
  ASSERT_TRUE(foreign.ok());
  EXPECT_EQ(a->Put(std::move(*foreign)).status().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace newsarc::storage
