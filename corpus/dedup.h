// Deduplication of corpus articles: exact (identical body text) and near
// (syndicated or lightly edited copies of one story).
//
// Near-duplicates: MinHash over shingles with LSH banding (Broder 1997;
// Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3).
//  - Tokens: words (runs of letters/digits, ASCII lower-cased) and single
//    CJK characters (ideographs, kana, Hangul), so Chinese text is shingled
//    by characters and English by words; punctuation and spaces separate.
//  - Shingles: kShingleTokens consecutive tokens (a text shorter than that
//    is one shingle). Texts without a token are never deduplicated.
//  - Signature: kMinHashSize 32-bit minimums of independent hash functions.
//  - Candidates: kBands bands of kRows rows; two articles whose band values
//    agree in any band are compared, and they are duplicates when the
//    fraction of agreeing signature positions (the MinHash estimate of
//    their shingle Jaccard similarity) is >= the threshold (default
//    kDefaultNearThreshold = 0.5). With 42 bands of 3 rows a pair at
//    Jaccard 0.5 becomes a candidate with probability 0.996, at 0.3 with
//    0.68 (then rejected by the estimate), at 0.1 with 0.04.
//  - Clusters are the connected components of the duplicate relation.
//
// Memory: per added article 48 bytes, plus 512 bytes of signature in near
// mode; clustering allocates 16 bytes per article and band, one band at a
// time. Nothing else grows with the number of articles.
#ifndef NEWSARC_CORPUS_DEDUP_H_
#define NEWSARC_CORPUS_DEDUP_H_

#include <array>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace newsarc::corpus {

enum class DedupMode { kNone, kExact, kNear };

inline constexpr int kMinHashSize = 128;
inline constexpr int kBands = 42;
inline constexpr int kRows = 3;
inline constexpr int kShingleTokens = 5;
inline constexpr double kDefaultNearThreshold = 0.5;

using MinHashSignature = std::array<uint32_t, kMinHashSize>;

// 64-bit hash (not cryptographic) used for shingles and keys.
uint64_t Hash64(std::string_view bytes, uint64_t seed = 0);

// Hashes of the shingles of `text` (with repeats), in text order.
std::vector<uint64_t> ShingleHashes(std::string_view text);
// False when `text` has no token (the signature is then meaningless).
bool ComputeMinHash(std::string_view text, MinHashSignature* signature);
// Fraction of positions where the signatures agree.
double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b);
// Exact Jaccard similarity of the shingle sets (for tests and tuning).
double ShingleJaccard(std::string_view a, std::string_view b);

// What decides which copy of a story a cluster keeps.
struct DedupKey {
  Micros published = 0;  // parsed publication date, 0 when unknown
  Micros capture_time = 0;
  std::string_view source;     // credited outlet of this copy
  std::string_view site_name;  // outlet that published this copy
  std::string_view host;       // host of the final URL
};

// Collects articles numbered 0, 1, 2, ... in export order, then clusters
// them. The kept copy of a cluster is the credited original when there is
// one (a member whose site name or host is the credited source of another
// member, e.g. 郑州日报 for a China Daily reprint saying "来源: 郑州日报"),
// else the earliest published, then the earliest captured, then the first
// in export order.
class Deduplicator {
 public:
  explicit Deduplicator(DedupMode mode, double near_threshold = kDefaultNearThreshold);

  // Adds the next article; returns its number.
  uint32_t Add(std::string_view text, const DedupKey& key);
  uint32_t size() const { return static_cast<uint32_t>(meta_.size()); }

  // Clusters the articles for which `alive` is true (others are ignored and
  // stay singletons). Call once, after the last Add().
  void Cluster(const std::function<bool(uint32_t)>& alive);

  // After Cluster(): the number of the article that represents `i`'s
  // cluster (i itself for singletons and for the kept copy).
  uint32_t Representative(uint32_t i) const { return rep_[i]; }
  // After Cluster(): members of the cluster whose representative is `rep`,
  // in export order, `rep` included.
  std::vector<uint32_t> Members(uint32_t rep) const;
  // Number of articles that were folded into another one.
  uint64_t folded() const { return folded_; }

 private:
  struct Meta {
    uint64_t key = 0;        // digest prefix (exact) / unused (near)
    Micros published = 0;
    Micros capture_time = 0;
    uint32_t source_hash = 0;  // 0: none
    uint32_t site_hash = 0;
    uint32_t host_hash = 0;
    bool has_tokens = false;
  };
  uint32_t Find(uint32_t i);
  void Union(uint32_t a, uint32_t b);
  // True when `a` should be kept over `b` (without credit information).
  bool Earlier(uint32_t a, uint32_t b) const;

  DedupMode mode_;
  double threshold_;
  std::vector<Meta> meta_;
  std::vector<MinHashSignature> signatures_;
  std::vector<uint32_t> parent_;
  std::vector<uint32_t> rep_;
  std::vector<uint32_t> member_start_;  // CSR: members of root r
  std::vector<uint32_t> members_;
  std::vector<uint32_t> root_of_;       // root of each article after clustering
  uint64_t folded_ = 0;
};

}  // namespace newsarc::corpus

#endif  // NEWSARC_CORPUS_DEDUP_H_
