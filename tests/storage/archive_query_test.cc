// The capture-index queries storage offers the modules above it (audit/,
// corpus/) and read snapshots (storage/archive.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "archive_fixtures.h"
#include "base/digest.h"
#include "storage/storage.h"
#include "test_util.h"

namespace newsarc::storage {
namespace {

using namespace fixtures;  // NOLINT

class ArchiveQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = Archive::Open(dir_.File("a.db"));
    ASSERT_TRUE(a.ok()) << a.status().message();
    archive_ = std::move(*a);
  }

  std::string Put(const WarcRecord& r) {
    auto id = archive_->Put(r);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : "";
  }

  // A response with extra HTTP header lines.
  std::string PutResponse(const std::string& uri, const std::string& date, int status,
                          const std::string& extra = "", const std::string& body = "") {
    WarcRecord r = Response(uri, date, body, status);
    if (!extra.empty()) {
      size_t end = r.block.find("\r\n\r\n");
      r.block.insert(end + 2, extra);
    }
    return Put(r);
  }

  std::string PutConversion(const std::string& uri, const std::string& date,
                            const std::string& refers_to, const std::string& title) {
    ArticleRecord a;
    a.url = uri;
    a.response_record_id = refers_to;
    a.title = title;
    a.text = "Text of " + title;
    return Put(MakeConversionRecord(a, *ParseIsoDate(date)));
  }

  testing::TempDir dir_;
  std::unique_ptr<Archive> archive_;
};

TEST_F(ArchiveQueryTest, CapturesOfKeyAndByIdCarryTheRevisitReference) {
  const std::string first = PutResponse("http://news.example/a", "2024-05-01T12:00:00Z", 200,
                                        "", "<p>hello</p>");
  auto original = archive_->CaptureById(first);
  ASSERT_TRUE(original.ok() && original->has_value());
  const std::string revisit = Put(Revisit("http://news.example/a", "2024-05-02T12:00:00Z",
                                          first, (*original)->payload_digest));
  auto captures = archive_->CapturesOfKey(SurtKey("http://news.example/a"));
  ASSERT_TRUE(captures.ok()) << captures.status().message();
  ASSERT_EQ(captures->size(), 2u);
  EXPECT_EQ((*captures)[0].record_id, first);
  EXPECT_EQ((*captures)[0].refers_to, "");
  EXPECT_EQ((*captures)[1].type, "revisit");
  EXPECT_EQ((*captures)[1].refers_to, first);
  // History(url) is the same query on the URL's key.
  auto history = archive_->History("http://NEWS.example/a");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 2u);

  // By id, with or without angle brackets; unknown ids and non-captures are absent.
  std::string bare = revisit.substr(1, revisit.size() - 2);
  auto by_id = archive_->CaptureById(bare);
  ASSERT_TRUE(by_id.ok() && by_id->has_value());
  EXPECT_EQ((*by_id)->refers_to, first);
  auto none = archive_->CaptureById("<urn:uuid:00000000-0000-4000-8000-00000000dead>");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  const std::string info = Put(Simple("warcinfo", "application/warc-fields", "software: x\r\n"));
  auto not_capture = archive_->CaptureById(info);
  ASSERT_TRUE(not_capture.ok());
  EXPECT_FALSE(not_capture->has_value());
}

TEST_F(ArchiveQueryTest, RedirectsComeWithTheirLocationAndNotModifiedIsNotOne) {
  PutResponse("http://news.example/old", "2024-05-01T12:00:00Z", 301,
              "Location: /new\r\n");
  PutResponse("http://news.example/no-location", "2024-05-01T12:00:01Z", 302);
  PutResponse("http://news.example/a", "2024-05-01T12:00:02Z", 304);
  PutResponse("http://news.example/a", "2024-05-01T12:00:03Z", 200);
  std::vector<std::pair<std::string, std::string>> seen;
  Status s = archive_->ForEachRedirect([&](const Capture& c, std::string_view location) {
    seen.emplace_back(c.uri, std::string(location));
    return true;
  });
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], std::make_pair(std::string("http://news.example/old"), std::string("/new")));
  EXPECT_EQ(seen[1].second, "");
  // Returning false stops the scan.
  int calls = 0;
  ASSERT_TRUE(archive_->ForEachRedirect([&](const Capture&, std::string_view) {
    ++calls;
    return false;
  }).ok());
  EXPECT_EQ(calls, 1);
}

TEST_F(ArchiveQueryTest, GoneCapturesAreFilteredByKeyRange) {
  PutResponse("http://news.example/a", "2024-05-01T12:00:00Z", 404);
  PutResponse("http://other.example/b", "2024-05-01T12:00:01Z", 410);
  PutResponse("http://news.example/c", "2024-05-01T12:00:02Z", 500);
  std::vector<std::string> all, site;
  ASSERT_TRUE(archive_->ForEachGone({}, [&](const Capture& c) {
    all.push_back(c.uri);
    return true;
  }).ok());
  EXPECT_EQ(all, (std::vector<std::string>{"http://news.example/a", "http://other.example/b"}));
  ASSERT_TRUE(archive_->ForEachGone(KeyRange::Prefix("example,news)"), [&](const Capture& c) {
    site.push_back(c.uri);
    return true;
  }).ok());
  EXPECT_EQ(site, (std::vector<std::string>{"http://news.example/a"}));
}

TEST_F(ArchiveQueryTest, ConversionsArriveByKeyThenDateAndOfAResponseNewestFirst) {
  const std::string rb = PutResponse("http://news.example/b", "2024-05-01T12:00:00Z", 200);
  const std::string ra = PutResponse("http://news.example/a", "2024-05-03T12:00:00Z", 200);
  PutConversion("http://news.example/b", "2024-05-01T12:00:01Z", rb, "b1");
  PutConversion("http://news.example/a", "2024-05-03T12:00:01Z", ra, "a2");
  PutConversion("http://news.example/a", "2024-05-02T12:00:01Z", ra, "a1");
  PutConversion("http://other.example/z", "2024-05-01T12:00:01Z", "", "z");
  auto titles = [&](const KeyRange& keys) {
    std::vector<std::string> out;
    Status s = archive_->ForEachConversion(keys, [&](const StoredConversion& c) {
      auto a = ParseConversionRecord(c.record);
      EXPECT_TRUE(a.ok()) << a.status().message();
      if (a.ok()) out.push_back(c.surt + " " + a->title);
      return true;
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return out;
  };
  EXPECT_EQ(titles({}), (std::vector<std::string>{"example,news)/a a1", "example,news)/a a2",
                                                  "example,news)/b b1", "example,other)/z z"}));
  EXPECT_EQ(titles(KeyRange::Prefix("example,news)/a")),
            (std::vector<std::string>{"example,news)/a a1", "example,news)/a a2"}));

  std::vector<std::string> of_a;
  ASSERT_TRUE(archive_->ForEachConversionOf(ra, [&](const WarcRecord& r) {
    of_a.push_back(ParseConversionRecord(r)->title);
    return true;
  }).ok());
  // Newest first in archive order: "a1" was stored last.
  EXPECT_EQ(of_a, (std::vector<std::string>{"a1", "a2"}));
}

TEST_F(ArchiveQueryTest, ReadSnapshotHidesLaterCommitsUntilItEnds) {
  PutResponse("http://news.example/a", "2024-05-01T12:00:00Z", 200);
  ArchiveOptions ro;
  ro.read_only = true;
  auto reader = Archive::Open(dir_.File("a.db"), ro);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  Archive& r = **reader;
  {
    ReadSnapshot snapshot(r);
    ASSERT_TRUE(snapshot.status().ok()) << snapshot.status().message();
    ASSERT_EQ(r.History("http://news.example/a")->size(), 1u);
    PutResponse("http://news.example/a", "2024-05-02T12:00:00Z", 200);  // the writer commits
    EXPECT_EQ(r.History("http://news.example/a")->size(), 1u);
    // One snapshot at a time.
    Status again = r.BeginRead();
    EXPECT_EQ(again.code(), Status::Code::kInvalidArgument);
  }
  EXPECT_EQ(r.History("http://news.example/a")->size(), 2u);
  Status end = r.EndRead();
  EXPECT_EQ(end.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(end.message().find("no snapshot is open"), std::string::npos) << end.message();
}

}  // namespace
}  // namespace newsarc::storage
