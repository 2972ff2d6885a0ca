#include "audit/changes.h"

#include <algorithm>
#include <map>
#include <optional>

#include "audit/timeline.h"

namespace newsarc::audit {

using storage::Archive;
using storage::Capture;
using storage::StoredConversion;
using storage::SurtKey;

namespace {

// "com,example" for a --site host; matches SURT keys "com,example)..." and
// subdomains "com,example,news)...".
std::string SiteKey(const std::string& host) {
  std::string key = SurtKey("http://" + host + "/");
  size_t paren = key.find(')');
  return paren == std::string::npos ? key : key.substr(0, paren);
}

bool InSite(const std::string& surt, const std::string& site_key) {
  if (site_key.empty()) return true;
  if (surt.compare(0, site_key.size(), site_key) != 0) return false;
  return surt.size() > site_key.size() &&
         (surt[site_key.size()] == ')' || surt[site_key.size()] == ',');
}

class ChangeScanner {
 public:
  ChangeScanner(Archive* archive, const ChangeQuery& q)
      : archive_(archive), q_(q), site_key_(q.site.empty() ? "" : SiteKey(q.site)) {}
  Result<ChangesReport> Run();

 private:
  Status LoadDeletions();
  void Report(TimelineBuilder* timeline);

  // [site_key_, site_key_ + 0x7f): the keys --site may match, a superset
  // InSite() narrows (every key when no site is set).
  storage::KeyRange SiteRange() const {
    return site_key_.empty() ? storage::KeyRange{} : storage::KeyRange::Prefix(site_key_);
  }

  Archive* archive_;
  const ChangeQuery& q_;
  std::string site_key_;
  std::map<std::string, std::vector<Capture>> deletions_;  // by SURT
  ChangesReport report_;
};

Status ChangeScanner::LoadDeletions() {
  return archive_->ForEachGone(SiteRange(), [&](const Capture& c) {
    if (InSite(c.surt, site_key_)) deletions_[c.surt].push_back(c);
    return true;
  });
}

void ChangeScanner::Report(TimelineBuilder* timeline) {
  auto in_period = [&](const TimelineEvent& e) { return e.date >= q_.since && e.date < q_.until; };
  for (const TimelineStep& s : timeline->Walk(in_period)) {
    const TimelineEvent& e = *s.event;
    if (e.article) ++report_.versions;
    if (!s.compared) continue;
    if (s.kind == StepKind::kSame || s.kind == StepKind::kFirst) continue;
    if (s.kind == StepKind::kCosmetic && !q_.include_cosmetic) continue;
    ArticleChange c;
    const TimelineEvent& from = *s.previous;
    c.url = s.kind == StepKind::kDeleted ? from.url : e.url;
    c.title = (s.kind == StepKind::kDeleted ? from : e).article->title;
    c.kind = s.kind == StepKind::kDeleted ? "deleted"
             : s.kind == StepKind::kCosmetic ? "cosmetic"
                                             : "edited";
    c.from_date = from.date;
    c.to_date = e.date;
    c.from_record = from.capture_id;
    c.to_record = e.capture_id;
    c.words_added = s.words_added;
    c.words_removed = s.words_removed;
    c.size = s.substantive_words;
    c.fields = s.fields;
    if (c.size >= q_.min_change || (s.kind == StepKind::kCosmetic && q_.include_cosmetic)) {
      report_.changes.push_back(std::move(c));
    }
  }
}

Result<ChangesReport> ChangeScanner::Run() {
  NEWSARC_RETURN_IF_ERROR(LoadDeletions());
  std::string surt;
  TimelineBuilder timeline;
  auto flush = [&] {
    if (!timeline.has_versions()) return;
    ++report_.urls;
    if (auto it = deletions_.find(surt); it != deletions_.end()) {
      for (const Capture& d : it->second) timeline.AddDeletion(d);
      deletions_.erase(it);
    }
    Report(&timeline);
  };
  // Conversions arrive grouped by URL (SURT key), oldest first.
  Status s = archive_->ForEachConversion(SiteRange(), [&](const StoredConversion& c) {
    if (!InSite(c.surt, site_key_)) return true;
    if (c.surt != surt) {
      flush();
      timeline = TimelineBuilder();
      surt = c.surt;
    }
    timeline.AddConversion(c);
    return true;
  });
  if (!s.ok()) return s;
  flush();
  std::stable_sort(report_.changes.begin(), report_.changes.end(),
                   [](const ArticleChange& a, const ArticleChange& b) {
                     return a.size != b.size ? a.size > b.size : a.to_date > b.to_date;
                   });
  return std::move(report_);
}

}  // namespace

Result<ChangesReport> FindChanges(Archive& archive, const ChangeQuery& query) {
  storage::ReadSnapshot snapshot(archive);  // one consistent view while a crawl writes
  ChangeScanner scanner(&archive, query);
  return scanner.Run();
}

Result<ChangesReport> FindChanges(const std::string& archive_path, const ChangeQuery& query) {
  storage::ArchiveOptions options;
  options.read_only = true;
  Result<std::unique_ptr<Archive>> archive = Archive::Open(archive_path, options);
  if (!archive.ok()) return archive.status();
  return FindChanges(**archive, query);
}

}  // namespace newsarc::audit
