#include "audit/history.h"

#include <algorithm>
#include <set>

#include "audit/article_lookup.h"
#include "base/digest.h"
#include "base/url.h"

namespace newsarc::audit {

using storage::Archive;
using storage::Capture;
using storage::StoredConversion;
using storage::SurtKey;

namespace {

struct Row {
  Capture capture;
  std::string via;
  std::string location;
};

class HistoryBuilder {
 public:
  explicit HistoryBuilder(Archive* archive) : archive_(archive), lookup_(archive) {}

  Result<std::vector<ArticleVersion>> Build(const std::string& url);

 private:
  Status AddCapturesOf(const std::string& key, const std::string& via);
  // Redirects (3xx) whose Location resolves to a key in `keys_`, repeated so
  // that chains of redirects are followed.
  Status AddRedirects();
  Status AddCanonicalAliases(const std::string& key);

  Archive* archive_;
  ArticleLookup lookup_;
  std::set<std::string> keys_;  // SURT keys whose captures are included
  std::vector<Row> rows_;
};

Status HistoryBuilder::AddCapturesOf(const std::string& key, const std::string& via) {
  Result<std::vector<Capture>> captures = archive_->CapturesOfKey(key);
  if (!captures.ok()) return captures.status();
  for (Capture& c : *captures) rows_.push_back({std::move(c), via, ""});
  return Status();
}

Status HistoryBuilder::AddRedirects() {
  struct Redirect {
    Row row;
    std::string source_key, target_key;
  };
  std::vector<Redirect> all;
  Status s = archive_->ForEachRedirect([&](const Capture& c, std::string_view location) {
    if (location.empty()) return true;
    Result<Url> base = Url::Parse(c.uri);
    if (!base.ok()) return true;
    Result<Url> target = base->Resolve(location);
    if (!target.ok()) return true;
    all.push_back({{c, "redirect", std::string(location)}, c.surt, SurtKey(target->spec())});
    return true;
  });
  if (!s.ok()) return s;
  // Follow chains (A -> B -> URL) to a fixed point.
  for (bool grew = true; grew;) {
    grew = false;
    for (Redirect& r : all) {
      if (r.target_key.empty() || !keys_.count(r.target_key) || r.source_key == r.target_key) {
        continue;
      }
      rows_.push_back(r.row);
      r.target_key.clear();  // taken
      if (keys_.insert(r.source_key).second) grew = true;
    }
  }
  return Status();
}

Status HistoryBuilder::AddCanonicalAliases(const std::string& key) {
  // Only URLs whose SURT key extends this one: query-string and suffix
  // variants ("?utm_source=...", "/amp"), which is where canonical aliases
  // live. Each candidate's article has to be decoded, so the range must stay
  // small; a whole-host scan costs seconds on a large site.
  std::set<std::string> aliases;
  // Keys strictly after `key` that start with it (the URL's own conversions
  // are not candidates: no need to decode them).
  const storage::KeyRange extensions{key + "\x01", key + "\x7f"};
  Status s = archive_->ForEachConversion(extensions, [&](const StoredConversion& c) {
        if (keys_.count(c.surt) || aliases.count(c.surt)) return true;
        std::optional<FoundArticle> a = ArticleFromConversion(c.record);
        if (a && !a->article.canonical_url.empty() && SurtKey(a->article.canonical_url) == key) {
          aliases.insert(c.surt);
        }
        return true;
      });
  if (!s.ok()) return s;
  for (const std::string& alias : aliases) {
    keys_.insert(alias);
    NEWSARC_RETURN_IF_ERROR(AddCapturesOf(alias, "canonical"));
  }
  return Status();
}

Result<std::vector<ArticleVersion>> HistoryBuilder::Build(const std::string& url) {
  const std::string key = SurtKey(url);
  keys_.insert(key);
  NEWSARC_RETURN_IF_ERROR(AddCapturesOf(key, ""));
  NEWSARC_RETURN_IF_ERROR(AddCanonicalAliases(key));
  NEWSARC_RETURN_IF_ERROR(AddRedirects());
  if (rows_.empty()) {
    return Status::NotFound("history " + url, "no capture of this URL (SURT " + key +
                                                  ") or of a URL redirecting to it in " +
                                                  archive_->path());
  }
  std::stable_sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) {
    return a.capture.date != b.capture.date ? a.capture.date < b.capture.date
                                            : a.capture.record_rowid < b.capture.record_rowid;
  });

  std::vector<ArticleVersion> out;
  size_t last = 0;  // 1 + position in `out` of the latest version with an article
  bool deleted = false;
  for (Row& r : rows_) {
    ArticleVersion v;
    v.index = static_cast<int>(out.size()) + 1;
    v.capture = std::move(r.capture);
    v.via = std::move(r.via);
    v.location = std::move(r.location);
    const int status = v.capture.status;
    // A 304 is not a redirect: the crawler's conditional re-checks store it
    // as a revisit of the unchanged article.
    if (status >= 300 && status < 400 && status != 304) {
      v.change = VersionChange::kRedirect;
    } else if (status == 404 || status == 410) {
      v.change = (last && !deleted) ? VersionChange::kDeleted : VersionChange::kNoArticle;
      if (last && !deleted) {
        v.previous = out[last - 1].index;
        v.words_removed = ArticleWords(*out[last - 1].article);
      }
      deleted = true;
    } else {
      Result<std::optional<FoundArticle>> a = lookup_.ForCapture(v.capture);
      if (!a.ok()) return a.status();
      if (a->has_value()) {
        v.article_record_id = (*a)->conversion_id;
        v.article = std::move((*a)->article);
        v.text_digest = Sha1Label(v.article->text);
        if (!last) {
          v.change = VersionChange::kFirst;
        } else {
          v.previous = out[last - 1].index;
          if (SameArticleContent(*out[last - 1].article, *v.article)) {
            v.change = VersionChange::kSame;  // revisits mostly: no diff needed
          } else {
            ArticleDiff d = DiffArticles(*out[last - 1].article, *v.article);
            v.words_added = d.words_added;
            v.words_removed = d.words_removed;
            v.change = d.kind == ChangeKind::kUnchanged
                           ? VersionChange::kSame
                           : (d.kind == ChangeKind::kCosmetic ? VersionChange::kCosmetic
                                                              : VersionChange::kChanged);
          }
        }
        deleted = false;
      }
    }
    out.push_back(std::move(v));
    if (out.back().article) last = out.size();
  }
  return out;
}

}  // namespace

const char* VersionChangeName(VersionChange change) {
  switch (change) {
    case VersionChange::kNoArticle:
      return "-";
    case VersionChange::kRedirect:
      return "redirect";
    case VersionChange::kFirst:
      return "first";
    case VersionChange::kSame:
      return "same";
    case VersionChange::kCosmetic:
      return "cosmetic";
    case VersionChange::kChanged:
      return "changed";
    case VersionChange::kDeleted:
      return "deleted";
  }
  return "?";
}

Result<std::vector<ArticleVersion>> ArticleHistory(Archive& archive, const std::string& url) {
  // One read snapshot: a consistent view while a crawl writes.
  storage::ReadSnapshot snapshot(archive);
  HistoryBuilder builder(&archive);
  return builder.Build(url);
}

Result<std::vector<ArticleVersion>> ArticleHistory(const std::string& archive_path,
                                                   const std::string& url) {
  storage::ArchiveOptions options;
  options.read_only = true;
  Result<std::unique_ptr<Archive>> archive = Archive::Open(archive_path, options);
  if (!archive.ok()) return archive.status();
  return ArticleHistory(**archive, url);
}

}  // namespace newsarc::audit
