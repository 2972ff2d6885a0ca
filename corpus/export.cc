#include "corpus/corpus.h"

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "base/progress.h"
#include "base/strings.h"
#include "base/url.h"
#include "corpus/atomic_file.h"
#include "storage/storage.h"
#include "storage/warc/warc.h"

namespace newsarc::corpus {

using storage::Archive;
using storage::ArticleRecord;
using storage::HttpMessage;
using storage::ParseConversionRecord;
using storage::SplitHttpMessage;
using storage::SurtKey;
using storage::WarcRecord;
namespace {

constexpr int kMaxRedirectHops = 10;

std::string NormalUrl(std::string_view url) {
  auto u = Url::Parse(url);
  return u.ok() ? u->WithoutFragment().spec() : std::string(url);
}

// Redirects seen in 3xx responses: target -> the URL that redirected to it.
class RedirectMap {
 public:
  void Note(const WarcRecord& r) {
    std::optional<HttpMessage> m = SplitHttpMessage(r.block);
    if (!m || !m->is_response || m->status < 300 || m->status > 399) return;
    std::string_view head = m->head;
    size_t pos = 0;
    while (pos < head.size()) {
      size_t nl = head.find('\n', pos);
      std::string_view line = head.substr(pos, nl == std::string_view::npos ? head.npos : nl - pos);
      pos = nl == std::string_view::npos ? head.size() : nl + 1;
      if (!StartsWithIgnoreCase(line, "location:")) continue;
      std::string_view loc = TrimAscii(line.substr(9));
      auto from = Url::Parse(r.target_uri());
      if (!from.ok()) return;
      auto to = from->Resolve(loc);
      if (!to.ok()) return;
      std::string target = to->WithoutFragment().spec();
      std::string source = from->WithoutFragment().spec();
      if (target != source) map_.try_emplace(Hash64(target), source);
      return;
    }
  }

  // The first URL of the chain that ends at `final_url`.
  std::string Origin(const std::string& final_url) const {
    if (map_.empty()) return final_url;
    std::string cur = NormalUrl(final_url);
    bool moved = false;
    for (int hop = 0; hop < kMaxRedirectHops; ++hop) {
      auto it = map_.find(Hash64(cur));
      if (it == map_.end() || it->second == cur) break;
      cur = it->second;
      moved = true;
    }
    return moved ? cur : final_url;
  }

 private:
  std::unordered_map<uint64_t, std::string> map_;
};

CorpusArticle ToCorpusArticle(const WarcRecord& record, ArticleRecord&& a) {
  CorpusArticle c;
  c.final_url = a.url.empty() ? std::string(record.target_uri()) : std::move(a.url);
  c.url = c.final_url;
  c.canonical_url = std::move(a.canonical_url);
  c.capture_time = a.capture_time;
  if (c.capture_time == 0) c.capture_time = ParseIsoDate(record.Get("WARC-Date")).value_or(0);
  c.title = std::move(a.title);
  c.authors = std::move(a.authors);
  c.published = std::move(a.published);
  c.modified = std::move(a.modified);
  c.source = std::move(a.source);
  c.editor = std::move(a.editor);
  c.provenance = std::move(a.provenance);
  c.site_name = std::move(a.site_name);
  c.language = std::move(a.language);
  c.text = std::move(a.text);
  c.conversion_record_id = std::string(record.id());
  c.response_record_id = std::move(a.response_record_id);
  ComputeDerivedFields(&c);
  return c;
}

struct Candidate {
  uint64_t url_key = 0;
  Micros capture_time = 0;
};

class Exporter {
 public:
  Exporter(Archive& archive, const CorpusOptions& options, const ExportProgressFn& progress,
           ExportSummary* summary)
      : archive_(archive), options_(options), progress_(progress), summary_(*summary) {}

  Status Run() {
    if (options_.near_threshold <= 0 || options_.near_threshold > 1) {
      return Status::InvalidArgument("--near-threshold", "must be in (0, 1]");
    }
    auto filter = CorpusFilter::Create(options_.filter);
    if (!filter.ok()) return filter.status();
    filter_.emplace(std::move(*filter));
    auto out = AtomicFile::Create(options_.out, options_.force);
    if (!out.ok()) return out.status();
    AtomicFile file = std::move(*out);

    auto stats = archive_.Stats();
    if (stats.ok()) {
      for (const auto& [type, n] : stats->records_by_type) {
        if (type == "conversion") total_ = 2 * static_cast<uint64_t>(n);
      }
    }
    if (options_.dedup != DedupMode::kNone) {
      dedup_ = std::make_unique<Deduplicator>(options_.dedup, options_.near_threshold);
    }
    NEWSARC_RETURN_IF_ERROR(Scan());
    SelectVersions();
    if (dedup_) {
      dedup_->Cluster([this](uint32_t i) { return Alive(i); });
      summary_.folded = dedup_->folded();
    }

    auto writer = OpenCorpusWriter(options_.format, file.temp_path(), &archive_, options_.title);
    if (!writer.ok()) return writer.status().WithContext(options_.out);
    writer_ = std::move(*writer);
    NEWSARC_RETURN_IF_ERROR(Write());
    Status s = writer_->Finish();
    writer_.reset();
    if (!s.ok()) return s.WithContext(options_.out);
    return file.Commit();
  }

 private:
  // Parses a conversion record and applies the filters. Nullopt when the
  // record is unreadable or filtered out.
  std::optional<CorpusArticle> Read(const WarcRecord& r, bool count) {
    auto a = ParseConversionRecord(r);
    if (!a.ok()) {
      if (count) {
        if (summary_.unreadable++ == 0) summary_.first_unreadable = a.status().message();
      }
      return std::nullopt;
    }
    CorpusArticle c = ToCorpusArticle(r, std::move(*a));
    // The filters see only what the record itself says, so both passes
    // agree; the redirect origin (complete only after the scan) is added
    // for writing.
    if (!filter_->Accept(c)) return std::nullopt;
    if (!count) c.url = redirects_.Origin(c.final_url);
    return c;
  }

  void Report(int pass) {
    if (!progress_) return;
    ExportProgress p;
    p.pass = pass;
    p.done = done_;
    p.total = total_ > done_ ? total_ : done_;
    p.written = summary_.written;
    progress_(p);
  }

  Status Scan() {
    Status status;
    Status s = archive_.ForEach([&](const WarcRecord& r) {
      if (InterruptRequested()) {
        status = Status::Cancelled("export", "interrupted");
        return false;
      }
      std::string_view type = r.type();
      if (type == "response") {
        redirects_.Note(r);
        return true;
      }
      if (type != "conversion") return true;
      ++summary_.conversions;
      ++done_;
      Report(1);
      std::optional<CorpusArticle> c = Read(r, /*count=*/true);
      if (!c) return true;
      ++summary_.matched;
      Candidate cand{Hash64(SurtKey(c->final_url)), c->capture_time};
      candidates_.push_back(cand);
      if (dedup_) {
        DedupKey key;
        key.published = ParsePublicationDate(c->published).value_or(0);
        key.capture_time = c->capture_time;
        key.source = c->source;
        key.site_name = c->site_name;
        std::string host = UrlHost(c->final_url);
        key.host = host;
        dedup_->Add(c->text, key);
        ref_offsets_.push_back(static_cast<uint64_t>(refs_.size()));
        refs_ += c->final_url;
        refs_.push_back('\t');
        refs_ += c->conversion_record_id;
      }
      return true;
    });
    if (!status.ok()) return status;
    ref_offsets_.push_back(static_cast<uint64_t>(refs_.size()));
    return s.WithContext("export: reading " + archive_.path());
  }

  void SelectVersions() {
    if (options_.versions == VersionPolicy::kAll) return;
    std::unordered_map<uint64_t, uint32_t> latest;
    latest.reserve(candidates_.size());
    for (uint32_t i = 0; i < candidates_.size(); ++i) {
      auto [it, fresh] = latest.try_emplace(candidates_[i].url_key, i);
      // Ties go to the later conversion (a re-extraction of the same capture).
      if (!fresh && candidates_[it->second].capture_time <= candidates_[i].capture_time) {
        it->second = i;
      }
    }
    alive_.assign(candidates_.size(), false);
    for (const auto& [key, i] : latest) alive_[i] = true;
    summary_.superseded = candidates_.size() - latest.size();
  }

  bool Alive(uint32_t i) const { return alive_.empty() || alive_[i]; }

  CorpusDuplicate Ref(uint32_t i) const {
    std::string_view s(refs_);
    s = s.substr(ref_offsets_[i], ref_offsets_[i + 1] - ref_offsets_[i]);
    size_t tab = s.find('\t');
    return CorpusDuplicate{std::string(s.substr(0, tab)), std::string(s.substr(tab + 1))};
  }

  Status Write() {
    Status status;
    uint32_t index = 0;
    const auto n = static_cast<uint32_t>(candidates_.size());
    Status s = archive_.ForEach([&](const WarcRecord& r) {
      if (InterruptRequested()) {
        status = Status::Cancelled("export", "interrupted");
        return false;
      }
      if (r.type() != "conversion") return true;
      if (index >= n) return false;  // committed after the scan
      ++done_;
      Report(2);
      std::optional<CorpusArticle> c = Read(r, /*count=*/false);
      if (!c) return true;
      uint32_t i = index++;
      if (Hash64(SurtKey(c->final_url)) != candidates_[i].url_key) {
        status = Status::Corrupt("export: " + archive_.path(),
                                 "records changed between the two passes; run again");
        return false;
      }
      if (!Alive(i)) return true;
      if (dedup_) {
        if (dedup_->Representative(i) != i) return true;
        for (uint32_t m : dedup_->Members(i)) {
          if (m != i && Alive(m)) c->duplicates.push_back(Ref(m));
        }
      }
      status = writer_->Write(*c);
      if (!status.ok()) return false;
      ++summary_.written;
      return true;
    });
    if (!status.ok()) return status;
    return s.WithContext("export: reading " + archive_.path());
  }

  Archive& archive_;
  const CorpusOptions& options_;
  const ExportProgressFn& progress_;
  ExportSummary& summary_;
  std::optional<CorpusFilter> filter_;
  RedirectMap redirects_;
  std::vector<Candidate> candidates_;
  std::vector<bool> alive_;  // empty: every candidate (kAll)
  std::unique_ptr<Deduplicator> dedup_;
  std::string refs_;  // "url\tconversion-id" per candidate, with dedup
  std::vector<uint64_t> ref_offsets_;
  std::unique_ptr<CorpusWriter> writer_;
  uint64_t done_ = 0;
  uint64_t total_ = 0;
};

}  // namespace

Status ExportCorpus(Archive& archive, const CorpusOptions& options,
                    const ExportProgressFn& progress, ExportSummary* summary) {
  ExportSummary local;
  if (summary == nullptr) summary = &local;
  *summary = ExportSummary();
  Exporter exporter(archive, options, progress, summary);
  return exporter.Run();
}

}  // namespace newsarc::corpus
