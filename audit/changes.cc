#include "audit/changes.h"

#include <algorithm>
#include <map>
#include <optional>

#include "audit/article_diff.h"
#include "audit/article_lookup.h"

namespace newsarc::audit {

using storage::Archive;
using storage::ArticleRecord;
using storage::Capture;
using storage::StoredConversion;
using storage::SurtKey;

namespace {

// One point in a URL's timeline: an article version or a deletion.
struct Event {
  Micros date = 0;
  int64_t order = 0;  // records.id, to break ties
  std::string capture_id;
  std::string url;
  std::optional<ArticleRecord> article;  // nullopt: a 404/410 capture
};

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
      : archive_(archive), q_(q), site_key_(SiteKey(q.site)) {
    if (q.site.empty()) site_key_.clear();
  }
  Result<ChangesReport> Run();

 private:
  Status LoadDeletions();
  void Compare(std::vector<Event>* events);

  // [site_key_, site_key_ + 0x7f): the keys --site may match, a superset
  // InSite() narrows (every key when no site is set).
  storage::KeyRange SiteRange() const {
    return site_key_.empty() ? storage::KeyRange{} : storage::KeyRange::Prefix(site_key_);
  }

  Archive* archive_;
  const ChangeQuery& q_;
  std::string site_key_;
  std::map<std::string, std::vector<Event>> deletions_;  // by SURT
  ChangesReport report_;
};

Status ChangeScanner::LoadDeletions() {
  return archive_->ForEachGone(SiteRange(), [&](const Capture& c) {
    if (!InSite(c.surt, site_key_)) return true;
    deletions_[c.surt].push_back({c.date, c.record_rowid, c.record_id, c.uri, std::nullopt});
    return true;
  });
}

void ChangeScanner::Compare(std::vector<Event>* events) {
  std::stable_sort(events->begin(), events->end(), [](const Event& a, const Event& b) {
    return a.date != b.date ? a.date < b.date : a.order < b.order;
  });
  const Event* last = nullptr;  // the latest article version
  bool deleted = false;
  for (const Event& e : *events) {
    const bool in_period = e.date >= q_.since && e.date < q_.until;
    if (!e.article) {
      if (last && !deleted && in_period) {
        ArticleChange c;
        c.url = last->url;
        c.title = last->article->title;
        c.kind = "deleted";
        c.from_date = last->date;
        c.to_date = e.date;
        c.from_record = last->capture_id;
        c.to_record = e.capture_id;
        c.words_removed = c.size = ArticleWords(*last->article);
        c.fields = {"text"};
        if (c.size >= q_.min_change) report_.changes.push_back(std::move(c));
      }
      if (last) deleted = true;
      continue;
    }
    ++report_.versions;
    const Event* prev = last;
    last = &e;
    const bool was_deleted = deleted;
    deleted = false;
    if (!prev || !in_period) continue;
    if (SameArticleContent(*prev->article, *e.article) && !was_deleted) continue;
    ArticleDiff d = DiffArticles(*prev->article, *e.article);
    if (d.kind == ChangeKind::kUnchanged) continue;
    if (d.kind == ChangeKind::kCosmetic && !q_.include_cosmetic) continue;
    ArticleChange c;
    c.url = e.url;
    c.title = e.article->title;
    c.kind = d.kind == ChangeKind::kCosmetic ? "cosmetic" : "edited";
    c.from_date = prev->date;
    c.to_date = e.date;
    c.from_record = prev->capture_id;
    c.to_record = e.capture_id;
    c.words_added = d.words_added;
    c.words_removed = d.words_removed;
    c.size = d.substantive_words;
    for (const FieldDiff& f : d.fields) {
      if (f.diff.changed()) c.fields.push_back(f.field);
    }
    if (c.size >= q_.min_change || (d.kind == ChangeKind::kCosmetic && q_.include_cosmetic)) {
      report_.changes.push_back(std::move(c));
    }
  }
}

Result<ChangesReport> ChangeScanner::Run() {
  NEWSARC_RETURN_IF_ERROR(LoadDeletions());
  std::string surt;
  std::vector<Event> events;
  // Several conversions of one capture (re-extraction): the latest counts.
  std::map<std::string, size_t> by_capture;
  auto flush = [&] {
    if (events.empty()) return;
    ++report_.urls;
    if (auto it = deletions_.find(surt); it != deletions_.end()) {
      for (Event& d : it->second) events.push_back(std::move(d));
      deletions_.erase(it);
    }
    Compare(&events);
    events.clear();
    by_capture.clear();
  };
  // Conversions arrive grouped by URL (SURT key), oldest first.
  Status s = archive_->ForEachConversion(SiteRange(), [&](const StoredConversion& c) {
    if (!InSite(c.surt, site_key_)) return true;
    if (c.surt != surt) {
      flush();
      surt = c.surt;
    }
    std::optional<FoundArticle> a = ArticleFromConversion(c.record);
    if (!a) return true;
    Event e;
    e.date = a->article.capture_time != 0 ? a->article.capture_time : c.date;
    e.order = c.record_rowid;
    e.capture_id = a->article.response_record_id.empty() ? a->conversion_id
                                                          : a->article.response_record_id;
    e.url = a->article.url;
    e.article = std::move(a->article);
    auto [it, fresh] = by_capture.emplace(e.capture_id, events.size());
    if (fresh) {
      events.push_back(std::move(e));
    } else {
      events[it->second] = std::move(e);
    }
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
