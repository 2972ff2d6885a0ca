// ArticleIndex over the archive's SQLite file (schema 4 tables; see
// article_index.h and storage/FORMAT.md, "Article index").
#include "storage/article_index.h"

#include <algorithm>

#include "base/strings.h"
#include "storage/archive_impl.h"
#include "storage/fts_tokenizer.h"
#include "storage/sqlite_db.h"
#include "storage/warc/warc.h"

namespace newsarc::storage {
namespace {

constexpr const char* kVersionColumns =
    "v.id, v.conversion_id, v.capture_id, v.surt, v.url, v.host, v.capture_us, v.title, "
    "v.language, v.published, v.authors, v.chars, v.text_digest, v.change, v.words_added, "
    "v.words_removed, v.change_size, v.fields, v.previous_id, v.previous_us, "
    "v.previous_capture_id";
constexpr int kVersionColumnCount = 21;

constexpr const char* kUrlColumns =
    "u.surt, u.url, u.host, u.title, u.language, u.chars, u.first_us, u.last_us, u.versions, "
    "u.changes, u.cosmetic, u.deleted_us, u.last_change_us";

// Lists are stored as text joined by a unit separator (never in a title,
// author name or field name).
constexpr char kSep = '\x1f';

std::string JoinList(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) {
    if (!out.empty()) out.push_back(kSep);
    out += s;
  }
  return out;
}

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  for (std::string_view part : Split(s, kSep)) out.emplace_back(part);
  return out;
}

IndexedVersion VersionFromRow(const Stmt& s, int c) {
  IndexedVersion v;
  v.id = s.Int(c);
  v.conversion_id = std::string(s.Text(c + 1));
  v.capture_id = std::string(s.Text(c + 2));
  v.surt = std::string(s.Text(c + 3));
  v.url = std::string(s.Text(c + 4));
  v.host = std::string(s.Text(c + 5));
  v.capture_time = s.Int(c + 6);
  v.title = std::string(s.Text(c + 7));
  v.language = std::string(s.Text(c + 8));
  v.published = std::string(s.Text(c + 9));
  v.authors = SplitList(s.Text(c + 10));
  v.chars = s.Int(c + 11);
  v.text_digest = std::string(s.Text(c + 12));
  v.change = std::string(s.Text(c + 13));
  v.words_added = s.Int(c + 14);
  v.words_removed = s.Int(c + 15);
  v.change_size = s.Int(c + 16);
  v.fields = SplitList(s.Text(c + 17));
  v.previous_id = s.Int(c + 18);
  v.previous_time = s.Int(c + 19);
  v.previous_capture_id = std::string(s.Text(c + 20));
  return v;
}

IndexedUrl UrlFromRow(const Stmt& s) {
  IndexedUrl u;
  u.surt = std::string(s.Text(0));
  u.url = std::string(s.Text(1));
  u.host = std::string(s.Text(2));
  u.title = std::string(s.Text(3));
  u.language = std::string(s.Text(4));
  u.chars = s.Int(5);
  u.first_version = s.Int(6);
  u.last_version = s.Int(7);
  u.versions = s.Int(8);
  u.changes = s.Int(9);
  u.cosmetic = s.Int(10);
  u.deleted = s.Int(11);
  u.last_change = s.Int(12);
  return u;
}

// "com,example" for a host filter ("www." and case ignored): the SURT keys of
// the host and its subdomains start with it and continue with ')' or ','.
std::string HostKey(const std::string& host) {
  std::string key = SurtKey("http://" + host + "/");
  size_t paren = key.find(')');
  return paren == std::string::npos ? key : key.substr(0, paren);
}

// WHERE terms and their bound values, built up per query.
class Where {
 public:
  void Add(std::string term) { terms_.push_back(std::move(term)); }
  // A placeholder for `value`: "?N".
  std::string Text(std::string value) {
    texts_.push_back({static_cast<int>(texts_.size() + ints_.size()) + 1, std::move(value)});
    return "?" + std::to_string(texts_.back().first);
  }
  std::string Int(int64_t value) {
    ints_.push_back({static_cast<int>(texts_.size() + ints_.size()) + 1, value});
    return "?" + std::to_string(ints_.back().first);
  }
  // " WHERE a AND b", or "".
  std::string Sql() const {
    std::string out;
    for (const std::string& t : terms_) out += (out.empty() ? " WHERE " : " AND ") + t;
    return out;
  }
  void BindTo(Stmt& s) const {
    for (const auto& [i, v] : texts_) s.Bind(i, v);
    for (const auto& [i, v] : ints_) s.Bind(i, v);
  }

 private:
  std::vector<std::string> terms_;
  std::vector<std::pair<int, std::string>> texts_;
  std::vector<std::pair<int, int64_t>> ints_;
};

// Filters on a table whose rows carry a SURT key column `surt_col`.
void AddHostFilter(Where& w, const std::string& surt_col, const std::string& host) {
  if (host.empty()) return;
  const std::string key = HostKey(host);
  const std::string k = w.Text(key);
  const std::string end = w.Text(key + "\x7f");
  w.Add(surt_col + " >= " + k + " AND " + surt_col + " < " + end + " AND substr(" + surt_col +
        ", length(" + k + ") + 1, 1) IN (')', ',')");
}

void AddLanguageFilter(Where& w, const std::string& col, const std::string& language) {
  if (language.empty()) return;
  const std::string l = w.Text(AsciiLower(language));
  w.Add("(lower(" + col + ") = " + l + " OR lower(" + col + ") LIKE " + l + " || '-%')");
}

Result<int64_t> CountOf(Db& db, const std::string& sql, const Where& w) {
  Result<Stmt> q = db.Prepare(sql);
  if (!q.ok()) return q.status();
  w.BindTo(*q);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? q->Int(0) : 0;
}

class ArticleIndexImpl final : public ArticleIndex {
 public:
  ArticleIndexImpl(Db db, bool writable) : db_(std::move(db)), writable_(writable) {}

  Result<int64_t> IndexedThrough() override {
    Result<std::string> v = State("through");
    if (!v.ok()) return v.status();
    return v->empty() ? 0 : std::stoll(*v);
  }

  Result<Build> BuildState() override {
    Result<std::string> target = State("build_target");
    if (!target.ok()) return target.status();
    Result<std::string> done = State("build_done_through");
    if (!done.ok()) return done.status();
    Build b;
    b.target = target->empty() ? 0 : std::stoll(*target);
    b.done_through = *done;
    return b;
  }

  Status Begin() override {
    NEWSARC_RETURN_IF_ERROR(CheckWritable());
    // IMMEDIATE: take SQLite's write lock now, waiting (busy timeout) for a
    // crawl's batch to commit, rather than failing half-way.
    return db_.Exec("BEGIN IMMEDIATE");
  }
  Status Commit() override { return db_.Exec("COMMIT"); }

  Status ReplaceUrl(const std::string& surt, const std::vector<IndexedVersion>& versions,
                    const std::vector<std::string>& texts,
                    const std::vector<IndexedDeletion>& deletions) override;
  Status SetBuild(const Build& build) override {
    NEWSARC_RETURN_IF_ERROR(SetState("build_target", build.target ? std::to_string(build.target)
                                                                  : ""));
    return SetState("build_done_through", build.done_through);
  }
  Status SetIndexedThrough(int64_t id) override { return SetState("through", std::to_string(id)); }
  Status Clear() override {
    NEWSARC_RETURN_IF_ERROR(CheckWritable());
    return db_.Exec(
        "DELETE FROM article_versions; DELETE FROM article_deletions; DELETE FROM article_urls; "
        "DELETE FROM article_fts_done; DELETE FROM index_state; "
        "INSERT INTO article_fts(article_fts) VALUES ('delete-all');");
  }

  Result<UrlPage> ListUrls(const UrlQuery& query) override;
  Result<std::optional<IndexedUrl>> Url(const std::string& surt) override;
  Result<std::vector<IndexedVersion>> VersionsOf(const std::string& surt) override;
  Result<SearchPage> Search(const SearchQuery& query) override;
  Result<ChangePage> Changes(const ChangeFilter& filter) override;
  Result<Counts> CountAll() override;

 private:
  Status CheckWritable() const {
    if (!writable_) {
      return Status::InvalidArgument("article index of " + db_.path(), "opened read-only");
    }
    return Status();
  }
  Result<std::string> State(const std::string& key) {
    Result<Stmt> q = db_.Prepare("SELECT value FROM index_state WHERE key = ?1");
    if (!q.ok()) return q.status();
    q->Bind(1, key);
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    return *row ? std::string(q->Text(0)) : std::string();
  }
  Status SetState(const std::string& key, const std::string& value) {
    NEWSARC_RETURN_IF_ERROR(CheckWritable());
    Result<Stmt> q = db_.Prepare("INSERT OR REPLACE INTO index_state(key, value) VALUES (?1, ?2)");
    if (!q.ok()) return q.status();
    q->Bind(1, key).Bind(2, value);
    return q->Run();
  }

  Db db_;
  bool writable_;
};

Status ArticleIndexImpl::ReplaceUrl(const std::string& surt,
                                    const std::vector<IndexedVersion>& versions,
                                    const std::vector<std::string>& texts,
                                    const std::vector<IndexedDeletion>& deletions) {
  NEWSARC_RETURN_IF_ERROR(CheckWritable());
  for (const char* sql : {"DELETE FROM article_versions WHERE surt = ?1",
                          "DELETE FROM article_deletions WHERE surt = ?1",
                          "DELETE FROM article_urls WHERE surt = ?1"}) {
    Result<Stmt> q = db_.Prepare(sql);
    if (!q.ok()) return q.status();
    q->Bind(1, surt);
    NEWSARC_RETURN_IF_ERROR(q->Run());
  }
  Result<Stmt> ins = db_.Prepare(
      "INSERT INTO article_versions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
      "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)");
  if (!ins.ok()) return ins.status();
  Result<Stmt> done = db_.Prepare("INSERT OR IGNORE INTO article_fts_done(id) VALUES (?1)");
  if (!done.ok()) return done.status();
  Result<Stmt> fts = db_.Prepare("INSERT INTO article_fts(rowid, title, body) VALUES (?1, ?2, ?3)");
  if (!fts.ok()) return fts.status();
  IndexedUrl u;
  u.surt = surt;
  for (size_t i = 0; i < versions.size(); ++i) {
    const IndexedVersion& v = versions[i];
    ins->Bind(1, v.id).Bind(2, v.conversion_id).Bind(3, v.capture_id).Bind(4, surt);
    ins->Bind(5, v.url).Bind(6, v.host).Bind(7, v.capture_time).Bind(8, v.title);
    ins->Bind(9, v.language).Bind(10, v.published).Bind(11, JoinList(v.authors));
    ins->Bind(12, v.chars).Bind(13, v.text_digest).Bind(14, v.change).Bind(15, v.words_added);
    ins->Bind(16, v.words_removed).Bind(17, v.change_size).Bind(18, JoinList(v.fields));
    ins->Bind(19, v.previous_id).Bind(20, v.previous_time).Bind(21, v.previous_capture_id);
    NEWSARC_RETURN_IF_ERROR(ins->Run());
    // The full-text index has no copy of the text, so a version's words are
    // added once (a contentless FTS5 table cannot tell what it holds).
    done->Bind(1, v.id);
    NEWSARC_RETURN_IF_ERROR(done->Run());
    if (sqlite3_changes(db_.get()) > 0) {
      fts->Bind(1, v.id).Bind(2, v.title).Bind(3, i < texts.size() ? texts[i] : "");
      NEWSARC_RETURN_IF_ERROR(fts->Run());
    }
    if (u.versions == 0 || v.capture_time >= u.last_version) {
      u.url = v.url;
      u.host = v.host;
      u.title = v.title;
      u.language = v.language;
      u.chars = v.chars;
      u.last_version = v.capture_time;
    }
    if (u.versions == 0 || v.capture_time < u.first_version) u.first_version = v.capture_time;
    ++u.versions;
    if (v.change == "changed") {
      ++u.changes;
      u.last_change = std::max(u.last_change, v.capture_time);
    }
    if (v.change == "cosmetic") ++u.cosmetic;
  }
  Result<Stmt> del = db_.Prepare(
      "INSERT INTO article_deletions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  if (!del.ok()) return del.status();
  for (const IndexedDeletion& d : deletions) {
    del->Bind(1, d.id).Bind(2, d.capture_id).Bind(3, surt).Bind(4, d.url).Bind(5, d.host);
    del->Bind(6, d.date).Bind(7, d.title).Bind(8, d.words_removed).Bind(9, d.previous_id);
    del->Bind(10, d.previous_time).Bind(11, d.previous_capture_id);
    NEWSARC_RETURN_IF_ERROR(del->Run());
    u.last_change = std::max(u.last_change, d.date);
    if (d.date > u.last_version) u.deleted = std::max(u.deleted, d.date);
  }
  if (u.versions == 0) return Status();
  Result<Stmt> url = db_.Prepare(
      "INSERT INTO article_urls VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  if (!url.ok()) return url.status();
  url->Bind(1, surt).Bind(2, u.url).Bind(3, u.host).Bind(4, u.title).Bind(5, u.language);
  url->Bind(6, u.chars).Bind(7, u.first_version).Bind(8, u.last_version).Bind(9, u.versions);
  url->Bind(10, u.changes).Bind(11, u.cosmetic).Bind(12, u.deleted).Bind(13, u.last_change);
  return url->Run();
}

Result<UrlPage> ArticleIndexImpl::ListUrls(const UrlQuery& query) {
  Where w;
  AddHostFilter(w, "u.surt", query.host);
  AddLanguageFilter(w, "u.language", query.language);
  if (query.since != 0 || query.until != 0) {
    std::string term = "EXISTS (SELECT 1 FROM article_versions v WHERE v.surt = u.surt";
    if (query.since != 0) term += " AND v.capture_us >= " + w.Int(query.since);
    if (query.until != 0) term += " AND v.capture_us < " + w.Int(query.until);
    w.Add(term + ")");
  }
  if (query.changed_only) w.Add("(u.changes > 0 OR u.deleted_us > 0)");
  if (query.min_chars > 0) w.Add("u.chars >= " + w.Int(query.min_chars));
  UrlPage page;
  Result<int64_t> total = CountOf(db_, "SELECT count(*) FROM article_urls u" + w.Sql(), w);
  if (!total.ok()) return total.status();
  page.total = *total;
  const char* col = "u.last_us";
  switch (query.sort) {
    case UrlSort::kLastVersion: col = "u.last_us"; break;
    case UrlSort::kFirstVersion: col = "u.first_us"; break;
    case UrlSort::kTitle: col = "u.title"; break;
    case UrlSort::kVersions: col = "u.versions"; break;
    case UrlSort::kChanges: col = "u.changes"; break;
  }
  const char* dir = query.descending ? " DESC" : "";
  std::string sql = std::string("SELECT ") + kUrlColumns + " FROM article_urls u" + w.Sql() +
                    " ORDER BY " + col + dir + ", u.surt" + dir + " LIMIT " +
                    w.Int(std::max<int64_t>(query.limit, 0)) + " OFFSET " +
                    w.Int(std::max<int64_t>(query.offset, 0));
  Result<Stmt> q = db_.Prepare(sql);
  if (!q.ok()) return q.status();
  w.BindTo(*q);
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    page.rows.push_back(UrlFromRow(*q));
  }
  return page;
}

Result<std::optional<IndexedUrl>> ArticleIndexImpl::Url(const std::string& surt) {
  Result<Stmt> q =
      db_.Prepare(std::string("SELECT ") + kUrlColumns + " FROM article_urls u WHERE u.surt = ?1");
  if (!q.ok()) return q.status();
  q->Bind(1, surt);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<IndexedUrl>();
  return std::optional<IndexedUrl>(UrlFromRow(*q));
}

Result<std::vector<IndexedVersion>> ArticleIndexImpl::VersionsOf(const std::string& surt) {
  Result<Stmt> q = db_.Prepare(std::string("SELECT ") + kVersionColumns +
                               " FROM article_versions v WHERE v.surt = ?1 "
                               "ORDER BY v.capture_us, v.id");
  if (!q.ok()) return q.status();
  q->Bind(1, surt);
  std::vector<IndexedVersion> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(VersionFromRow(*q, 0));
  }
}

Result<SearchPage> ArticleIndexImpl::Search(const SearchQuery& query) {
  Result<std::string> match = FtsMatchExpression(query.text, query.mode);
  if (!match.ok()) return match.status();
  Where w;
  w.Add("article_fts MATCH " + w.Text(*match));
  AddHostFilter(w, "v.surt", query.host);
  AddLanguageFilter(w, "v.language", query.language);
  if (query.since != 0) w.Add("v.capture_us >= " + w.Int(query.since));
  if (query.until != 0) w.Add("v.capture_us < " + w.Int(query.until));
  const std::string from = " FROM article_fts JOIN article_versions v ON v.id = article_fts.rowid";
  SearchPage page;
  // One pass over the matches, carrying only (id, surt, score): a common
  // word matches nearly every version, so the work per match decides the
  // latency. Titles weigh four times the body. One row per URL, its best
  // version (SQLite takes the bare id from the row where min() is reached);
  // the count of URLs comes from the same materialised groups, and only the
  // page's rows are joined back for their columns. FTS5 ranks only in a
  // plain query, so the matches are materialised first.
  const std::string sql =
      std::string("WITH h AS MATERIALIZED (SELECT v.id AS id, v.surt AS surt, "
                  "bm25(article_fts, 4.0, 1.0) AS score") +
      from + w.Sql() +
      "), g AS MATERIALIZED (SELECT id, surt, min(score) AS score, count(*) AS n FROM h "
      "GROUP BY surt) SELECT " +
      kVersionColumns + ", g.score, g.n, (SELECT count(*) FROM g) FROM g JOIN article_versions v "
      "ON v.id = g.id ORDER BY g.score, g.surt LIMIT " +
      w.Int(std::max<int64_t>(query.limit, 0)) + " OFFSET " +
      w.Int(std::max<int64_t>(query.offset, 0));
  Result<Stmt> q = db_.Prepare(sql);
  if (!q.ok()) return q.status();
  w.BindTo(*q);
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) {
      // A MATCH expression FTS5 cannot parse surfaces here.
      return Status::InvalidArgument("search q=\"" + query.text + "\"", row.status().message());
    }
    if (!*row) break;
    SearchHit h;
    h.version = VersionFromRow(*q, 0);
    h.score = sqlite3_column_double(q->get(), kVersionColumnCount);
    h.matching_versions = q->Int(kVersionColumnCount + 1);
    page.total = q->Int(kVersionColumnCount + 2);
    page.hits.push_back(std::move(h));
  }
  if (page.hits.empty() && (query.offset > 0 || query.limit <= 0)) {
    // Past the last page: the total still says how many there are.
    Result<int64_t> total = CountOf(db_, "SELECT count(DISTINCT v.surt)" + from + w.Sql(), w);
    if (!total.ok()) return total.status();
    page.total = *total;
  }
  return page;
}

Result<ChangePage> ArticleIndexImpl::Changes(const ChangeFilter& f) {
  // Two selects with the same columns: changed versions and deletions.
  Where w;
  std::string vterms, dterms;
  auto add = [&](std::string* terms, const std::string& t) { *terms += " AND " + t; };
  if (!f.surt.empty()) {
    const std::string s = w.Text(f.surt);
    add(&vterms, "v.surt = " + s);
    add(&dterms, "d.surt = " + s);
  }
  if (!f.host.empty()) {
    const std::string key = HostKey(f.host);
    const std::string k = w.Text(key), end = w.Text(key + "\x7f");
    for (auto [terms, col] : {std::pair{&vterms, "v.surt"}, std::pair{&dterms, "d.surt"}}) {
      add(terms, std::string(col) + " >= " + k + " AND " + col + " < " + end + " AND substr(" +
                     col + ", length(" + k + ") + 1, 1) IN (')', ',')");
    }
  }
  if (f.since != 0) {
    const std::string s = w.Int(f.since);
    add(&vterms, "v.capture_us >= " + s);
    add(&dterms, "d.date_us >= " + s);
  }
  if (f.until != 0) {
    const std::string u = w.Int(f.until);
    add(&vterms, "v.capture_us < " + u);
    add(&dterms, "d.date_us < " + u);
  }
  const std::string min = w.Int(f.min_change);
  // As FindChanges: an edit counts from --min-change words; a cosmetic-only
  // change is listed (size 0) only when asked for; a deletion by its words.
  std::string kinds = "(v.change = 'changed' AND v.change_size >= " + min + ")";
  if (f.include_cosmetic) kinds = "(" + kinds + " OR v.change = 'cosmetic')";
  const std::string sql =
      "SELECT CASE v.change WHEN 'changed' THEN 'edited' ELSE 'cosmetic' END AS kind, v.surt, "
      "v.url, v.host, v.title, v.previous_us, v.capture_us AS to_date, v.previous_capture_id, "
      "v.capture_id, v.previous_id, v.id, v.words_added, v.words_removed, v.change_size AS size, "
      "v.fields FROM article_versions v WHERE " + kinds + vterms +
      " UNION ALL "
      "SELECT 'deleted', d.surt, d.url, d.host, d.title, d.previous_us, d.date_us, "
      "d.previous_capture_id, d.capture_id, d.previous_id, d.id, 0, d.words_removed, "
      "d.words_removed, 'text' FROM article_deletions d WHERE d.words_removed >= " + min + dterms;
  ChangePage page;
  Result<int64_t> total = CountOf(db_, "SELECT count(*) FROM (" + sql + ")", w);
  if (!total.ok()) return total.status();
  page.total = *total;
  const std::string order = f.newest_first ? " ORDER BY to_date DESC, size DESC, 11 DESC"
                                           : " ORDER BY size DESC, to_date DESC, 11 DESC";
  Result<Stmt> q = db_.Prepare(sql + order + " LIMIT " + w.Int(std::max<int64_t>(f.limit, 0)) +
                               " OFFSET " + w.Int(std::max<int64_t>(f.offset, 0)));
  if (!q.ok()) return q.status();
  w.BindTo(*q);
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    IndexedChange c;
    c.kind = std::string(q->Text(0));
    c.surt = std::string(q->Text(1));
    c.url = std::string(q->Text(2));
    c.host = std::string(q->Text(3));
    c.title = std::string(q->Text(4));
    c.from_date = q->Int(5);
    c.to_date = q->Int(6);
    c.from_record = std::string(q->Text(7));
    c.to_record = std::string(q->Text(8));
    c.from_id = q->Int(9);
    c.to_id = q->Int(10);
    c.words_added = q->Int(11);
    c.words_removed = q->Int(12);
    c.size = q->Int(13);
    c.fields = SplitList(q->Text(14));
    page.rows.push_back(std::move(c));
  }
  return page;
}

Result<ArticleIndex::Counts> ArticleIndexImpl::CountAll() {
  Counts c;
  Result<int64_t> urls = db_.QueryInt("SELECT count(*) FROM article_urls");
  if (!urls.ok()) return urls.status();
  Result<int64_t> versions = db_.QueryInt("SELECT count(*) FROM article_versions");
  if (!versions.ok()) return versions.status();
  Result<int64_t> deletions = db_.QueryInt("SELECT count(*) FROM article_deletions");
  if (!deletions.ok()) return deletions.status();
  c.urls = *urls;
  c.versions = *versions;
  c.deletions = *deletions;
  return c;
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// FTS5 string syntax: a double quote inside is doubled.
std::string Quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    out.push_back(c);
    if (c == '"') out.push_back('"');
  }
  out.push_back('"');
  return out;
}

}  // namespace

Result<std::string> FtsMatchExpression(std::string_view text, SearchMode mode) {
  // Only the tokens matter (the tokenizer turns each quoted string into a
  // phrase), so the user's punctuation can never be FTS5 syntax.
  std::vector<std::string> parts;
  if (mode == SearchMode::kExact) {
    bool any = false;
    TokenizeForSearch(text, [&](const FtsToken&) {
      any = true;
      return false;
    });
    if (any) {
      // A prefix on the last word: "the harbour fer" finds "the harbour ferries".
      const bool ends_in_word = !text.empty() && !IsAsciiSpace(text.back());
      parts.push_back(Quoted(TrimAscii(text)) + (ends_in_word ? " *" : ""));
    }
  } else {
    // Words: each space-separated term (or "quoted phrase") must occur.
    std::string_view rest = text;
    while (!rest.empty()) {
      rest = TrimAscii(rest);
      if (rest.empty()) break;
      std::string_view term;
      if (rest.front() == '"') {
        size_t close = rest.find('"', 1);
        term = rest.substr(1, close == std::string_view::npos ? rest.npos : close - 1);
        rest = close == std::string_view::npos ? std::string_view() : rest.substr(close + 1);
      } else {
        size_t sp = 0;
        while (sp < rest.size() && !IsAsciiSpace(rest[sp])) ++sp;
        term = rest.substr(0, sp);
        rest = rest.substr(sp);
      }
      bool any = false;
      TokenizeForSearch(term, [&](const FtsToken&) {
        any = true;
        return false;
      });
      if (any) parts.push_back(Quoted(term));
    }
  }
  if (parts.empty()) {
    return Status::InvalidArgument("search q=\"" + std::string(text) + "\"",
                                   "no word to search for");
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : " AND ") + p;
  return out;
}

Result<std::unique_ptr<ArticleIndex>> ArticleIndex::Open(const std::string& path, bool writable) {
  Result<Db> db = OpenArchiveDb(path, /*read_only=*/!writable, /*create=*/false);
  if (!db.ok()) return db.status();
  return std::unique_ptr<ArticleIndex>(new ArticleIndexImpl(std::move(*db), writable));
}

}  // namespace newsarc::storage
