#include "corpus/dedup.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "base/digest.h"
#include "base/strings.h"
#include "corpus/article.h"

namespace newsarc::corpus {
namespace {

inline uint64_t Mix64(uint64_t x) {  // splitmix64 finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Coefficients of the kMinHashSize hash functions h_k(x) = (a_k x + b_k) >> 32
// (multiply-shift over an already well-mixed 64-bit shingle hash). Fixed
// seed: signatures are comparable across runs.
struct MinHashCoefficients {
  std::array<uint64_t, kMinHashSize> a;
  std::array<uint64_t, kMinHashSize> b;
  MinHashCoefficients() {
    uint64_t s = 0x6e65777361726331ULL;  // "newsarc1"
    for (int k = 0; k < kMinHashSize; ++k) {
      s += 0x9e3779b97f4a7c15ULL;
      a[static_cast<size_t>(k)] = Mix64(s) | 1;
      s += 0x9e3779b97f4a7c15ULL;
      b[static_cast<size_t>(k)] = Mix64(s);
    }
  }
};

const MinHashCoefficients& Coefficients() {
  static const MinHashCoefficients c;
  return c;
}

// Token hashes of `text`: words lower-cased (ASCII), CJK characters alone.
std::vector<uint64_t> TokenHashes(std::string_view text) {
  std::vector<uint64_t> tokens;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) {
      tokens.push_back(Hash64(word));
      word.clear();
    }
  };
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    uint32_t cp = NextCodePoint(text, &pos);
    if (IsCjk(cp)) {
      flush();
      tokens.push_back(Hash64(text.substr(start, pos - start), 0x636a6bULL));
    } else if (IsWordChar(cp)) {
      if (cp < 0x80) {
        word.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
      } else {
        word.append(text.substr(start, pos - start));
      }
    } else if (!word.empty() && (cp == '\'' || cp == 0x2019)) {
      // "don't" and "don’t" are one word either way.
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

}  // namespace

uint64_t Hash64(std::string_view bytes, uint64_t seed) {
  uint64_t h = 0xcbf29ce484222325ULL ^ Mix64(seed);
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Mix64(h ^ bytes.size());
}

std::vector<uint64_t> ShingleHashes(std::string_view text) {
  std::vector<uint64_t> tokens = TokenHashes(text);
  std::vector<uint64_t> shingles;
  if (tokens.empty()) return shingles;
  size_t k = std::min<size_t>(kShingleTokens, tokens.size());
  shingles.reserve(tokens.size() - k + 1);
  for (size_t i = 0; i + k <= tokens.size(); ++i) {
    uint64_t h = 0x736869ULL;
    for (size_t j = 0; j < k; ++j) h = Mix64(h ^ tokens[i + j]) + j;
    shingles.push_back(h);
  }
  return shingles;
}

bool ComputeMinHash(std::string_view text, MinHashSignature* sig) {
  sig->fill(UINT32_MAX);
  std::vector<uint64_t> shingles = ShingleHashes(text);
  if (shingles.empty()) return false;
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  const auto& c = Coefficients();
  for (int k = 0; k < kMinHashSize; ++k) {
    uint64_t a = c.a[static_cast<size_t>(k)], b = c.b[static_cast<size_t>(k)];
    uint32_t m = UINT32_MAX;
    for (uint64_t h : shingles) {
      uint32_t v = static_cast<uint32_t>((a * h + b) >> 32);
      m = v < m ? v : m;
    }
    (*sig)[static_cast<size_t>(k)] = m;
  }
  return true;
}

double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b) {
  int same = 0;
  for (int k = 0; k < kMinHashSize; ++k) {
    same += a[static_cast<size_t>(k)] == b[static_cast<size_t>(k)];
  }
  return static_cast<double>(same) / kMinHashSize;
}

double ShingleJaccard(std::string_view a, std::string_view b) {
  auto sa = ShingleHashes(a), sb = ShingleHashes(b);
  std::sort(sa.begin(), sa.end());
  sa.erase(std::unique(sa.begin(), sa.end()), sa.end());
  std::sort(sb.begin(), sb.end());
  sb.erase(std::unique(sb.begin(), sb.end()), sb.end());
  if (sa.empty() && sb.empty()) return 1.0;
  std::vector<uint64_t> both;
  std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(both));
  double uni = static_cast<double>(sa.size() + sb.size() - both.size());
  return static_cast<double>(both.size()) / uni;
}

Deduplicator::Deduplicator(DedupMode mode, double near_threshold)
    : mode_(mode), threshold_(near_threshold) {}

namespace {
uint32_t NameHash(std::string_view name) {
  std::string n = AsciiLower(TrimAscii(name));
  if (n.starts_with("www.")) n.erase(0, 4);
  if (n.empty()) return 0;
  return static_cast<uint32_t>(Hash64(n, 0x6e616d65ULL)) | 1;
}
}  // namespace

uint32_t Deduplicator::Add(std::string_view text, const DedupKey& key) {
  Meta m;
  m.published = key.published;
  m.capture_time = key.capture_time;
  m.source_hash = NameHash(key.source);
  m.site_hash = NameHash(key.site_name);
  m.host_hash = NameHash(key.host);
  if (mode_ == DedupMode::kExact) {
    m.has_tokens = !TrimAscii(text).empty();
    std::string raw = Sha256Raw(text);
    uint64_t k = 0;
    for (int i = 0; i < 8; ++i) k = (k << 8) | static_cast<unsigned char>(raw[static_cast<size_t>(i)]);
    m.key = k;
  } else if (mode_ == DedupMode::kNear) {
    MinHashSignature sig;
    m.has_tokens = ComputeMinHash(text, &sig);
    signatures_.push_back(sig);
  }
  meta_.push_back(m);
  return static_cast<uint32_t>(meta_.size() - 1);
}

uint32_t Deduplicator::Find(uint32_t i) {
  while (parent_[i] != i) {
    parent_[i] = parent_[parent_[i]];
    i = parent_[i];
  }
  return i;
}

void Deduplicator::Union(uint32_t a, uint32_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return;
  if (a < b) std::swap(a, b);
  parent_[a] = b;  // the smaller number is the root: deterministic
}

bool Deduplicator::Earlier(uint32_t a, uint32_t b) const {
  const Meta& x = meta_[a];
  const Meta& y = meta_[b];
  if (x.published != 0 && y.published != 0 && x.published != y.published) {
    return x.published < y.published;
  }
  if (x.capture_time != y.capture_time) return x.capture_time < y.capture_time;
  return a < b;
}

void Deduplicator::Cluster(const std::function<bool(uint32_t)>& alive) {
  const uint32_t n = size();
  parent_.resize(n);
  std::iota(parent_.begin(), parent_.end(), 0u);
  std::vector<std::pair<uint64_t, uint32_t>> keys;
  auto eligible = [&](uint32_t i) { return meta_[i].has_tokens && alive(i); };
  if (mode_ == DedupMode::kExact) {
    for (uint32_t i = 0; i < n; ++i) {
      if (eligible(i)) keys.emplace_back(meta_[i].key, i);
    }
    std::sort(keys.begin(), keys.end());
    for (size_t j = 1; j < keys.size(); ++j) {
      if (keys[j].first == keys[j - 1].first) Union(keys[j - 1].second, keys[j].second);
    }
  } else if (mode_ == DedupMode::kNear) {
    // One band at a time keeps the extra memory at 16 bytes per article.
    constexpr size_t kMaxComparisons = 32;  // per article and band
    for (int band = 0; band < kBands; ++band) {
      keys.clear();
      for (uint32_t i = 0; i < n; ++i) {
        if (!eligible(i)) continue;
        const auto& s = signatures_[i];
        uint64_t h = static_cast<uint64_t>(band) * 0x9e3779b97f4a7c15ULL;
        for (int r = 0; r < kRows; ++r) {
          h = Mix64(h ^ s[static_cast<size_t>(band * kRows + r)]);
        }
        keys.emplace_back(h, i);
      }
      std::sort(keys.begin(), keys.end());
      size_t run = 0;
      for (size_t j = 1; j <= keys.size(); ++j) {
        if (j < keys.size() && keys[j].first == keys[run].first) continue;
        // keys[run, j) share the band's values.
        for (size_t x = run + 1; x < j; ++x) {
          size_t compared = 0;
          for (size_t y = run; y < x && compared < kMaxComparisons; ++y) {
            uint32_t a = keys[y].second, b = keys[x].second;
            if (Find(a) == Find(b)) continue;
            ++compared;
            if (EstimateJaccard(signatures_[a], signatures_[b]) >= threshold_) Union(a, b);
          }
        }
        run = j;
      }
    }
    keys.clear();
    keys.shrink_to_fit();
  }

  // Members of each cluster, in export order (CSR by root).
  root_of_.resize(n);
  member_start_.assign(static_cast<size_t>(n) + 1, 0);
  for (uint32_t i = 0; i < n; ++i) {
    root_of_[i] = Find(i);
    ++member_start_[root_of_[i] + 1];
  }
  for (uint32_t r = 0; r < n; ++r) member_start_[r + 1] += member_start_[r];
  members_.resize(n);
  {
    std::vector<uint32_t> fill(member_start_.begin(), member_start_.end() - 1);
    for (uint32_t i = 0; i < n; ++i) members_[fill[root_of_[i]]++] = i;
  }
  rep_.resize(n);
  std::iota(rep_.begin(), rep_.end(), 0u);
  std::vector<uint32_t> sources;
  for (uint32_t r = 0; r < n; ++r) {
    uint32_t begin = member_start_[r], end = member_start_[r + 1];
    if (end - begin < 2) continue;
    sources.clear();
    for (uint32_t k = begin; k < end; ++k) {
      if (meta_[members_[k]].source_hash != 0) sources.push_back(meta_[members_[k]].source_hash);
    }
    auto credited = [&](uint32_t i) {
      const Meta& m = meta_[i];
      for (uint32_t s : sources) {
        if (s == m.site_hash || s == m.host_hash) return true;
      }
      return false;
    };
    uint32_t best = members_[begin];
    bool best_credited = credited(best);
    for (uint32_t k = begin + 1; k < end; ++k) {
      uint32_t i = members_[k];
      bool c = credited(i);
      if ((c && !best_credited) || (c == best_credited && Earlier(i, best))) {
        best = i;
        best_credited = c;
      }
    }
    for (uint32_t k = begin; k < end; ++k) rep_[members_[k]] = best;
    folded_ += end - begin - 1;
  }
  parent_.clear();
  parent_.shrink_to_fit();
}

std::vector<uint32_t> Deduplicator::Members(uint32_t rep) const {
  uint32_t r = root_of_[rep];
  return std::vector<uint32_t>(members_.begin() + member_start_[r],
                               members_.begin() + member_start_[r + 1]);
}

}  // namespace newsarc::corpus
