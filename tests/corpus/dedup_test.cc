#include "corpus/dedup.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "corpus/corpus_fixture.h"

namespace newsarc::corpus {
namespace {

using namespace corpus_testing;

TEST(CorpusDedupTest, ShinglesUseWordsAndCjkCharacters) {
  // Five words -> one shingle; six -> two.
  EXPECT_EQ(ShingleHashes("one two three four five").size(), 1u);
  EXPECT_EQ(ShingleHashes("One, two; three four five six!").size(), 2u);
  // Case and punctuation do not matter.
  EXPECT_EQ(ShingleHashes("One two three four five"), ShingleHashes("one TWO three, four five."));
  // Chinese: every character is a token (7 characters -> 3 shingles).
  EXPECT_EQ(ShingleHashes("城东湿地公园开").size(), 3u);
  EXPECT_EQ(ShingleHashes("城东湿地公园开"), ShingleHashes("城东,湿地 公园。开"));
  EXPECT_TRUE(ShingleHashes(" ,.!? ").empty());
  MinHashSignature sig;
  EXPECT_FALSE(ComputeMinHash("  ...  ", &sig));
  EXPECT_TRUE(ComputeMinHash("short", &sig));
}

TEST(CorpusDedupTest, MinHashEstimatesJaccard) {
  const char* pairs[][2] = {{kZhOriginal, kZhReprint}, {kEnWire, kEnWireCopy},
                            {kEnWire, kEnSameEvent}, {kZhOriginal, kZhSameEvent}};
  for (auto& p : pairs) {
    MinHashSignature a, b;
    ASSERT_TRUE(ComputeMinHash(p[0], &a));
    ASSERT_TRUE(ComputeMinHash(p[1], &b));
    double exact = ShingleJaccard(p[0], p[1]);
    // 128 hashes: standard error <= 0.045; allow 3 of them.
    EXPECT_NEAR(EstimateJaccard(a, b), exact, 0.14) << p[0];
  }
  MinHashSignature x, y;
  ASSERT_TRUE(ComputeMinHash(kEnWire, &x));
  ASSERT_TRUE(ComputeMinHash(kEnWire, &y));
  EXPECT_EQ(EstimateJaccard(x, y), 1.0);
}

TEST(CorpusDedupTest, SyndicatedCopiesAreAboveThresholdNearMissesFarBelow) {
  double zh_copy = ShingleJaccard(kZhOriginal, kZhReprint);
  double en_copy = ShingleJaccard(kEnWire, kEnWireCopy);
  EXPECT_GE(zh_copy, 0.65) << "zh copy";
  EXPECT_GE(en_copy, 0.65) << "en copy";
  EXPECT_LT(ShingleJaccard(kZhOriginal, kZhSameEvent), 0.1);
  EXPECT_LT(ShingleJaccard(kZhReprint, kZhSameTemplate), 0.2);
  EXPECT_LT(ShingleJaccard(kEnWire, kEnSameEvent), 0.1);
  EXPECT_LT(ShingleJaccard(kEnWireCopy, kEnSameTemplate), 0.2);
}

struct Story {
  const char* text;
  const char* source;
  const char* site;
  const char* host;
  const char* published;
};

std::vector<uint32_t> ClusterStories(DedupMode mode, const std::vector<Story>& stories) {
  Deduplicator d(mode);
  Micros t = T("2026-11-21T00:00:00Z");
  for (const auto& s : stories) {
    DedupKey k;
    k.published = s.published[0] ? *ParseIsoDate(s.published) : 0;
    k.capture_time = t;
    t += 60000000;
    k.source = s.source;
    k.site_name = s.site;
    k.host = s.host;
    d.Add(s.text, k);
  }
  d.Cluster([](uint32_t) { return true; });
  std::vector<uint32_t> reps;
  for (uint32_t i = 0; i < d.size(); ++i) reps.push_back(d.Representative(i));
  return reps;
}

TEST(CorpusDedupTest, NearClustersCopiesAndKeepsNearMissesApart) {
  std::vector<Story> stories = {
      {kZhReprint, "郑州日报", "中国日报网", "cn.chinadaily.test", "2026-11-20T08:30:00+08:00"},  // 0
      {kZhSameEvent, "", "城市晚报", "wb.test", "2026-11-20T07:00:00+08:00"},                    // 1
      {kZhOriginal, "", "郑州日报", "zzdaily.test", "2026-11-20T06:00:00+08:00"},                // 2
      {kZhSameTemplate, "郑州日报", "中国日报网", "cn.chinadaily.test", ""},                    // 3
      {kEnWireCopy, "Metro Wire", "Daily Bugle", "bugle.test", "2026-11-18"},                     // 4
      {kEnWire, "", "Metro Wire", "metrowire.test", "2026-11-19"},                               // 5
      {kEnSameEvent, "", "City Times", "citytimes.test", "2026-11-18"},                          // 6
      {kEnSameTemplate, "Metro Wire", "Daily Bugle", "bugle.test", ""},                           // 7
  };
  std::vector<uint32_t> reps = ClusterStories(DedupMode::kNear, stories);
  // The reprint folds into the credited original (郑州日报), though the
  // reprint came first.
  EXPECT_EQ(reps[0], 2u);
  EXPECT_EQ(reps[2], 2u);
  // The wire copy credits "Metro Wire", whose own copy is kept although the
  // copy says it was published a day earlier.
  EXPECT_EQ(reps[4], 5u);
  EXPECT_EQ(reps[5], 5u);
  // Near-misses stay on their own.
  EXPECT_EQ(reps[1], 1u);
  EXPECT_EQ(reps[3], 3u);
  EXPECT_EQ(reps[6], 6u);
  EXPECT_EQ(reps[7], 7u);
}

TEST(CorpusDedupTest, WithoutCreditTheEarliestPublishedIsKept) {
  std::vector<Story> stories = {
      {kEnWire, "", "A", "a.test", "2026-11-19T12:00:00Z"},
      {kEnWireCopy, "", "B", "b.test", "2026-11-19T09:00:00Z"},
  };
  std::vector<uint32_t> reps = ClusterStories(DedupMode::kNear, stories);
  EXPECT_EQ(reps[0], 1u);
  EXPECT_EQ(reps[1], 1u);
  // No dates: the earliest capture (the first added) is kept.
  stories[0].published = "";
  stories[1].published = "";
  reps = ClusterStories(DedupMode::kNear, stories);
  EXPECT_EQ(reps[0], 0u);
  EXPECT_EQ(reps[1], 0u);
}

TEST(CorpusDedupTest, ExactGroupsOnlyIdenticalNonEmptyTexts) {
  std::vector<Story> stories = {
      {kEnWire, "", "", "a.test", ""},
      {kEnWireCopy, "", "", "b.test", ""},
      {kEnWire, "", "", "c.test", ""},
      {"", "", "", "d.test", ""},
      {"", "", "", "e.test", ""},
  };
  std::string edited = std::string(kEnWire) + ".";
  Story s{edited.c_str(), "", "", "f.test", ""};
  stories.push_back(s);
  std::vector<uint32_t> reps = ClusterStories(DedupMode::kExact, stories);
  EXPECT_EQ(reps, (std::vector<uint32_t>{0, 1, 0, 3, 4, 5}));
}

TEST(CorpusDedupTest, DeadArticlesAreIgnored) {
  Deduplicator d(DedupMode::kNear);
  d.Add(kEnWire, {});
  d.Add(kEnWireCopy, {});
  d.Cluster([](uint32_t i) { return i != 0; });
  EXPECT_EQ(d.Representative(1), 1u);
  EXPECT_EQ(d.folded(), 0u);
}

TEST(CorpusDedupTest, ManyCopiesCollapseIntoOneCluster) {
  Deduplicator d(DedupMode::kNear);
  std::string base = kEnWire;
  for (int i = 0; i < 200; ++i) {
    // Each copy with its own small edit at the end.
    d.Add(base + "\n\nCopy number " + std::to_string(i) + ".", {});
  }
  d.Add(kEnSameEvent, {});
  d.Cluster([](uint32_t) { return true; });
  for (uint32_t i = 0; i < 200; ++i) ASSERT_EQ(d.Representative(i), 0u) << i;
  EXPECT_EQ(d.Representative(200), 200u);
  EXPECT_EQ(d.Members(0).size(), 200u);
  EXPECT_EQ(d.folded(), 199u);
}

// End to end: the exported record of a cluster lists every URL.
TEST(CorpusDedupTest, ExportNearListsEveryUrlAndKeepsOriginal) {
  CorpusArchive ca;
  ArticleRecord reprint;
  reprint.url = "http://cn.chinadaily.test/a/202611/20/park.html";
  reprint.title = "城东湿地公园下月起免费开放";
  reprint.source = "郑州日报";
  reprint.site_name = "中国日报网";
  reprint.language = "zh";
  reprint.text = kZhReprint;
  reprint.capture_time = T("2026-11-20T02:00:00Z");
  std::string reprint_id = ca.AddArticle(reprint);
  ArticleRecord original = reprint;
  original.url = "http://zzdaily.test/html/2026-11/20/park.htm";
  original.source = "";
  original.site_name = "郑州日报";
  original.text = kZhOriginal;
  original.capture_time = T("2026-11-20T03:00:00Z");
  std::string original_id = ca.AddArticle(original);
  ArticleRecord other = original;
  other.url = "http://wb.test/news/park-opening.html";
  other.site_name = "城市晚报";
  other.text = kZhSameEvent;
  ca.AddArticle(other);
  ca.AddSimple("http://metrowire.test/bike-lanes", "Bike lanes", kEnWire);
  ca.AddSimple("http://bugle.test/2026/council-bike-lanes", "Bike lanes", kEnWireCopy);
  ca.AddSimple("http://bugle.test/2026/school", "School", kEnSameTemplate);

  CorpusOptions o;
  o.out = ca.File("near.jsonl");
  o.dedup = DedupMode::kNear;
  ExportSummary summary;
  ASSERT_TRUE(ca.Export(o, &summary).ok());
  EXPECT_EQ(summary.written, 4u);
  EXPECT_EQ(summary.folded, 2u);
  std::ifstream in(o.out);
  std::string line;
  std::vector<nlohmann::json> rows;
  while (std::getline(in, line)) rows.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(rows.size(), 4u);
  // Archive order of the kept copies: original (2nd), other, wire, school.
  EXPECT_EQ(rows[0]["url"], original.url);
  EXPECT_EQ(rows[0]["conversion_record_id"], original_id);
  ASSERT_EQ(rows[0]["duplicates"].size(), 1u);
  EXPECT_EQ(rows[0]["duplicates"][0]["url"], reprint.url);
  EXPECT_EQ(rows[0]["duplicates"][0]["conversion_record_id"], reprint_id);
  EXPECT_EQ(rows[1]["url"], other.url);
  EXPECT_TRUE(rows[1]["duplicates"].empty());
  EXPECT_EQ(rows[2]["url"], "http://metrowire.test/bike-lanes");
  ASSERT_EQ(rows[2]["duplicates"].size(), 1u);
  EXPECT_EQ(rows[2]["duplicates"][0]["url"], "http://bugle.test/2026/council-bike-lanes");
  EXPECT_EQ(rows[3]["url"], "http://bugle.test/2026/school");

  // Exact dedup folds nothing here (no two bodies are identical).
  o.dedup = DedupMode::kExact;
  o.force = true;
  ASSERT_TRUE(ca.Export(o, &summary).ok());
  EXPECT_EQ(summary.written, 6u);
  EXPECT_EQ(summary.folded, 0u);
}

}  // namespace
}  // namespace newsarc::corpus
