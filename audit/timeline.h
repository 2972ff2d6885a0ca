// One URL's article timeline: its versions (newsarc article conversions, the
// latest of each capture) and deletions (404/410 captures) in capture order,
// each compared with the version before it. Internal to audit/: the rule that
// both `newsarc changes` (changes.h) and the article index
// (index_builder.h) apply, so the two always agree.
#ifndef NEWSARC_AUDIT_TIMELINE_H_
#define NEWSARC_AUDIT_TIMELINE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "audit/article_diff.h"
#include "base/time.h"
#include "storage/storage.h"

namespace newsarc::audit {

struct TimelineEvent {
  Micros date = 0;
  int64_t order = 0;         // records.id of the conversion (or 404/410 response): ties
  std::string capture_id;    // the capture record (response, or the 404/410)
  std::string record_id;     // the conversion record, for versions
  std::string url;
  std::optional<storage::ArticleRecord> article;  // nullopt: a 404/410 capture
};

enum class StepKind { kFirst, kSame, kCosmetic, kChanged, kDeleted };

struct TimelineStep {
  const TimelineEvent* event = nullptr;
  StepKind kind = StepKind::kFirst;
  const TimelineEvent* previous = nullptr;  // the version compared with (deletions: the last one)
  bool compared = false;     // false: not diffed (outside the caller's interest, or the same)
  int64_t words_added = 0;
  int64_t words_removed = 0;
  int64_t substantive_words = 0;   // for a deletion: the last version's words
  std::vector<std::string> fields;  // fields that changed
};

// Collects a URL's events; versions of one capture keep the latest
// conversion (a re-extraction supersedes the one before).
class TimelineBuilder {
 public:
  // A conversion record read from the archive; ignored when it is not a
  // newsarc article.
  void AddConversion(const storage::StoredConversion& c);
  void AddDeletion(const storage::Capture& c);
  bool empty() const { return events_.empty(); }
  bool has_versions() const { return versions_ > 0; }
  // Sorts the events and walks them. `compare(event)` says whether a version
  // or deletion needs comparing (FindChanges compares only those in its
  // period); steps of events not compared are still returned, with
  // compared = false and kind kFirst/kSame/kChanged decided without a diff
  // only where no diff is needed (kFirst, and kSame for identical content).
  std::vector<TimelineStep> Walk(const std::function<bool(const TimelineEvent&)>& compare);
  const std::vector<TimelineEvent>& events() const { return events_; }

 private:
  std::vector<TimelineEvent> events_;
  std::unordered_map<std::string, size_t> by_capture_;  // capture id -> event
  int64_t versions_ = 0;
};

}  // namespace newsarc::audit

#endif  // NEWSARC_AUDIT_TIMELINE_H_
