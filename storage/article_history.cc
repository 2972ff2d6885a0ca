#include "storage/article_history.h"

#include <algorithm>
#include <set>

#include "base/digest.h"
#include "base/strings.h"
#include "base/url.h"
#include "storage/archive_impl.h"
#include "storage/article_lookup.h"
#include "storage/header_codec.h"
#include "storage/surt.h"

namespace newsarc::storage {
namespace {

constexpr const char* kCaptureColumns =
    "id, record_id, type, target_uri, surt, date_us, http_status, http_mime, "
    "payload_digest, refers_to";

struct Row {
  Capture capture;
  std::string refers_to;
  std::string via;
  std::string location;
};

Row RowFrom(const Stmt& s) {
  Row r;
  Capture& c = r.capture;
  c.record_rowid = s.Int(0);
  c.record_id = std::string(s.Text(1));
  c.type = std::string(s.Text(2));
  c.uri = std::string(s.Text(3));
  c.surt = std::string(s.Text(4));
  c.date = s.Int(5);
  c.status = static_cast<int>(s.Int(6));
  c.mime = std::string(s.Text(7));
  c.payload_digest = std::string(s.Text(8));
  r.refers_to = std::string(s.Text(9));
  return r;
}

// The Location header of an HTTP head, or "".
std::string LocationOf(std::string_view head) {
  for (std::string_view line : Split(head, '\n')) {
    if (StartsWithIgnoreCase(line, "location:")) {
      return std::string(TrimAscii(line.substr(9)));
    }
  }
  return "";
}

class HistoryBuilder {
 public:
  HistoryBuilder(Db* db, std::string path) : db_(db), path_(std::move(path)), lookup_(db) {}

  Result<std::vector<ArticleVersion>> Build(const std::string& url);

 private:
  Status AddCapturesOf(const std::string& key, const std::string& via);
  // Redirects (3xx) whose Location resolves to a key in `keys_`, repeated so
  // that chains of redirects are followed.
  Status AddRedirects();
  Status AddCanonicalAliases(const std::string& key);

  Db* db_;
  std::string path_;
  ArticleLookup lookup_;
  std::set<std::string> keys_;  // SURT keys whose captures are included
  std::vector<Row> rows_;
};

Status HistoryBuilder::AddCapturesOf(const std::string& key, const std::string& via) {
  Result<Stmt> q = db_->Prepare(std::string("SELECT ") + kCaptureColumns +
                                " FROM records WHERE surt = ?1 AND "
                                "type IN ('response', 'revisit', 'resource') "
                                "ORDER BY date_us, id");
  if (!q.ok()) return q.status();
  q->Bind(1, key);
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status();
    rows_.push_back(RowFrom(*q));
    rows_.back().via = via;
  }
}

Status HistoryBuilder::AddRedirects() {
  // Must repeat the partial index's WHERE terms (records_status).
  Result<Stmt> q = db_->Prepare(std::string("SELECT ") + kCaptureColumns +
                                ", text_codec, http_head FROM records WHERE type = 'response' "
                                "AND http_status >= 300 AND http_status < 400");
  if (!q.ok()) return q.status();
  struct Redirect {
    Row row;
    std::string source_key, target_key;
  };
  std::vector<Redirect> all;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    Redirect r{RowFrom(*q), "", ""};
    Result<std::string> head = UnpackHeaderText(static_cast<int>(q->Int(10)), q->Blob(11),
                                                "record " + r.row.capture.record_id);
    if (!head.ok()) continue;  // damage is verify's to report
    r.row.location = LocationOf(*head);
    if (r.row.location.empty()) continue;
    Result<Url> base = Url::Parse(r.row.capture.uri);
    if (!base.ok()) continue;
    Result<Url> target = base->Resolve(r.row.location);
    if (!target.ok()) continue;
    r.source_key = r.row.capture.surt;
    r.target_key = SurtKey(target->spec());
    r.row.via = "redirect";
    all.push_back(std::move(r));
  }
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
  Result<Stmt> q = db_->Prepare(std::string("SELECT r.surt, ") + kStoredRecordColumns +
                                " FROM records r LEFT JOIN payloads p ON p.id = r.payload_id "
                                "WHERE r.type = 'conversion' AND r.surt > ?1 AND r.surt < ?2");
  if (!q.ok()) return q.status();
  q->Bind(1, key).Bind(2, key + "\x7f");
  std::set<std::string> aliases;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::string surt(q->Text(0));
    if (keys_.count(surt) || aliases.count(surt)) continue;
    std::optional<FoundArticle> a = ArticleFromConversionRow(*q, 1);
    if (a && !a->article.canonical_url.empty() && SurtKey(a->article.canonical_url) == key) {
      aliases.insert(surt);
    }
  }
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
                                                  ") or of a URL redirecting to it in " + path_);
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
      Result<std::optional<FoundArticle>> a =
          lookup_.ForCapture(v.capture.record_id, v.capture.type, r.refers_to,
                             v.capture.payload_digest);
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

Result<std::vector<ArticleVersion>> ArticleHistory(const std::string& archive_path,
                                                   const std::string& url) {
  Result<Db> db = OpenArchiveDb(archive_path, /*read_only=*/true, /*create=*/false);
  if (!db.ok()) return db.status();
  // One read transaction: a consistent snapshot while a crawl writes.
  NEWSARC_RETURN_IF_ERROR(db->Exec("BEGIN"));
  HistoryBuilder builder(&*db, archive_path);
  Result<std::vector<ArticleVersion>> out = builder.Build(url);
  (void)db->Exec("COMMIT");
  return out;
}

}  // namespace newsarc::storage
