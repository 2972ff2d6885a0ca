#include "audit/index_builder.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "audit/timeline.h"
#include "base/digest.h"
#include "base/strings.h"
#include "base/url.h"
#include "storage/storage.h"

namespace newsarc::audit {

using storage::Archive;
using storage::ArticleIndex;
using storage::IndexedDeletion;
using storage::IndexedVersion;

namespace {

std::string HostOf(const std::string& url) {
  Result<Url> u = Url::Parse(url);
  return u.ok() ? AsciiLower(u->host()) : "";
}

int64_t CodePoints(const std::string& s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

const char* ChangeName(StepKind k) {
  switch (k) {
    case StepKind::kFirst: return "first";
    case StepKind::kSame: return "same";
    case StepKind::kCosmetic: return "cosmetic";
    case StepKind::kChanged: return "changed";
    case StepKind::kDeleted: return "deleted";
  }
  return "?";
}

// Reads one URL's events and writes its rows.
Status ReindexUrl(Archive& archive, ArticleIndex& index, const std::string& surt,
                  int64_t* versions) {
  TimelineBuilder timeline;
  const storage::KeyRange key = storage::KeyRange::Exactly(surt);
  NEWSARC_RETURN_IF_ERROR(archive.ForEachConversion(key, [&](const storage::StoredConversion& c) {
    timeline.AddConversion(c);
    return true;
  }));
  NEWSARC_RETURN_IF_ERROR(archive.ForEachGone(key, [&](const storage::Capture& c) {
    timeline.AddDeletion(c);
    return true;
  }));
  std::vector<IndexedVersion> rows;
  std::vector<std::string> texts;
  std::vector<IndexedDeletion> deletions;
  if (timeline.has_versions()) {
    for (const TimelineStep& s : timeline.Walk([](const TimelineEvent&) { return true; })) {
      const TimelineEvent& e = *s.event;
      if (s.kind == StepKind::kDeleted) {
        IndexedDeletion d;
        d.id = e.order;
        d.capture_id = e.capture_id;
        d.surt = surt;
        d.url = e.url;
        d.host = HostOf(e.url);
        d.date = e.date;
        d.title = s.previous->article->title;
        d.words_removed = s.words_removed;
        d.previous_id = s.previous->order;
        d.previous_time = s.previous->date;
        d.previous_capture_id = s.previous->capture_id;
        deletions.push_back(std::move(d));
        continue;
      }
      const storage::ArticleRecord& a = *e.article;
      IndexedVersion v;
      v.id = e.order;
      v.conversion_id = e.record_id;
      v.capture_id = e.capture_id;
      v.surt = surt;
      v.url = e.url;
      v.host = HostOf(e.url);
      v.capture_time = e.date;
      v.title = a.title;
      v.language = a.language;
      v.published = a.published;
      v.authors = a.authors;
      v.chars = CodePoints(a.text);
      v.text_digest = Sha1Label(a.text);
      v.change = ChangeName(s.kind);
      v.words_added = s.words_added;
      v.words_removed = s.words_removed;
      v.change_size = s.kind == StepKind::kChanged ? s.substantive_words : 0;
      v.fields = s.fields;
      if (s.previous) {
        v.previous_id = s.previous->order;
        v.previous_time = s.previous->date;
        v.previous_capture_id = s.previous->capture_id;
      }
      rows.push_back(std::move(v));
      texts.push_back(a.text);
    }
  }
  *versions += static_cast<int64_t>(rows.size());
  return index.ReplaceUrl(surt, rows, texts, deletions);
}

}  // namespace

Result<IndexResult> UpdateArticleIndex(const std::string& archive_path,
                                       const IndexOptions& options) {
  // The writable index first: it migrates an older archive to the schema
  // with index tables, which a read-only opener refuses.
  Result<std::unique_ptr<ArticleIndex>> index = ArticleIndex::Open(archive_path, true);
  if (!index.ok()) return index.status().WithContext("index");
  storage::ArchiveOptions ro;
  ro.read_only = true;
  Result<std::unique_ptr<Archive>> archive = Archive::Open(archive_path, ro);
  if (!archive.ok()) return archive.status().WithContext("index");
  ArticleIndex& idx = **index;
  Archive& a = **archive;

  IndexResult result;
  if (options.rebuild) {
    NEWSARC_RETURN_IF_ERROR(idx.Begin());
    NEWSARC_RETURN_IF_ERROR(idx.Clear());
    NEWSARC_RETURN_IF_ERROR(idx.Commit());
  }
  Result<int64_t> through = idx.IndexedThrough();
  if (!through.ok()) return through.status();
  Result<ArticleIndex::Build> build = idx.BuildState();
  if (!build.ok()) return build.status();
  Result<int64_t> last = a.LastRecordRowid();
  if (!last.ok()) return last.status();
  result.through = *through;
  if (build->target == 0 && *last <= *through) {
    result.up_to_date = true;
    return result;
  }
  // A build in progress keeps its target, so what it committed stays valid.
  const int64_t target = build->target != 0 ? build->target : *last;
  std::vector<std::string> keys;
  NEWSARC_RETURN_IF_ERROR(a.ForEachArticleKey(*through, target, [&](const std::string& k) {
    if (build->target == 0 || k > build->done_through) keys.push_back(k);
    return true;
  }));
  std::sort(keys.begin(), keys.end());

  IndexProgress progress{0, static_cast<int64_t>(keys.size())};
  size_t i = 0;
  while (i < keys.size()) {
    NEWSARC_RETURN_IF_ERROR(idx.Begin());
    const size_t end = std::min(keys.size(), i + static_cast<size_t>(std::max<int64_t>(
                                                       options.batch_urls, 1)));
    bool stopped = false;
    for (; i < end; ++i) {
      if (options.stop && options.stop()) {
        stopped = true;
        break;
      }
      Status s = ReindexUrl(a, idx, keys[i], &result.versions);
      if (!s.ok()) return s.WithContext("index " + archive_path + ": URL " + keys[i]);
      ++result.urls;
    }
    if (i > 0) NEWSARC_RETURN_IF_ERROR(idx.SetBuild({target, keys[i - 1]}));
    NEWSARC_RETURN_IF_ERROR(idx.Commit());
    progress.urls_done = static_cast<int64_t>(i);
    if (options.progress) options.progress(progress);
    if (stopped) {
      result.interrupted = true;
      return result;
    }
  }
  NEWSARC_RETURN_IF_ERROR(idx.Begin());
  NEWSARC_RETURN_IF_ERROR(idx.SetIndexedThrough(target));
  NEWSARC_RETURN_IF_ERROR(idx.SetBuild({}));
  NEWSARC_RETURN_IF_ERROR(idx.Commit());
  result.through = target;
  return result;
}

}  // namespace newsarc::audit
