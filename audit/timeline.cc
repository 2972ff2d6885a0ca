#include "audit/timeline.h"

#include <algorithm>

#include "audit/article_lookup.h"

namespace newsarc::audit {

void TimelineBuilder::AddConversion(const storage::StoredConversion& c) {
  std::optional<FoundArticle> a = ArticleFromConversion(c.record);
  if (!a) return;
  TimelineEvent e;
  e.date = a->article.capture_time != 0 ? a->article.capture_time : c.date;
  e.order = c.record_rowid;
  e.capture_id = a->article.response_record_id.empty() ? a->conversion_id
                                                       : a->article.response_record_id;
  e.record_id = a->conversion_id;
  e.url = a->article.url;
  e.article = std::move(a->article);
  auto [it, fresh] = by_capture_.emplace(e.capture_id, events_.size());
  if (!fresh) {
    // Conversions arrive in (key, date, archive) order: a later one of the
    // same capture is a re-extraction, which wins.
    events_[it->second] = std::move(e);
    return;
  }
  events_.push_back(std::move(e));
  ++versions_;
}

void TimelineBuilder::AddDeletion(const storage::Capture& c) {
  events_.push_back({c.date, c.record_rowid, c.record_id, "", c.uri, std::nullopt});
}

std::vector<TimelineStep> TimelineBuilder::Walk(
    const std::function<bool(const TimelineEvent&)>& compare) {
  std::stable_sort(events_.begin(), events_.end(), [](const TimelineEvent& a, const TimelineEvent& b) {
    return a.date != b.date ? a.date < b.date : a.order < b.order;
  });
  by_capture_.clear();  // positions changed
  std::vector<TimelineStep> steps;
  const TimelineEvent* last = nullptr;  // the latest article version
  bool deleted = false;
  for (const TimelineEvent& e : events_) {
    if (!e.article) {
      // A 404/410 deletes the article once; more of them, or one before any
      // version, are nothing to report.
      if (last && !deleted) {
        TimelineStep s;
        s.event = &e;
        s.kind = StepKind::kDeleted;
        s.previous = last;
        s.compared = compare(e);
        s.words_removed = s.substantive_words = ArticleWords(*last->article);
        s.fields = {"text"};
        steps.push_back(std::move(s));
      }
      if (last) deleted = true;
      continue;
    }
    TimelineStep s;
    s.event = &e;
    s.previous = last;
    const bool was_deleted = deleted;
    last = &e;
    deleted = false;
    if (!s.previous) {
      s.kind = StepKind::kFirst;
      steps.push_back(std::move(s));
      continue;
    }
    if (SameArticleContent(*s.previous->article, *e.article) && !was_deleted) {
      s.kind = StepKind::kSame;
      steps.push_back(std::move(s));
      continue;
    }
    if (!compare(e)) {
      s.kind = StepKind::kChanged;  // not diffed: the caller ignores it
      steps.push_back(std::move(s));
      continue;
    }
    ArticleDiff d = DiffArticles(*s.previous->article, *e.article);
    s.compared = true;
    s.kind = d.kind == ChangeKind::kUnchanged
                 ? StepKind::kSame
                 : (d.kind == ChangeKind::kCosmetic ? StepKind::kCosmetic : StepKind::kChanged);
    s.words_added = d.words_added;
    s.words_removed = d.words_removed;
    s.substantive_words = d.substantive_words;
    for (const FieldDiff& f : d.fields) {
      if (f.diff.changed()) s.fields.push_back(f.field);
    }
    steps.push_back(std::move(s));
  }
  return steps;
}

}  // namespace newsarc::audit
