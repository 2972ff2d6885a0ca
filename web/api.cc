#include "web/api.h"

#include <nlohmann/json.hpp>

#include "audit/audit.h"
#include "base/digest.h"
#include "base/strings.h"
#include "base/time.h"
#include "web/snippet.h"

namespace newsarc::web {
namespace {

using Json = nlohmann::ordered_json;
using storage::SurtKey;

std::string Dump(const Json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string Iso(Micros t) { return t == 0 ? "" : FormatWarcDate(t, true); }

Json PiecesJson(const std::vector<Piece>& pieces) {
  Json out = Json::array();
  for (const Piece& p : pieces) out.push_back({{"text", p.text}, {"match", p.match}});
  return out;
}

// A failed Result's reply, or nullopt.
template <typename T>
std::optional<Reply> Failed(const Result<T>& r) {
  if (r.ok()) return std::nullopt;
  return ErrorReply(r.status());
}

}  // namespace

Reply ApiArticles(Context& ctx, Params& p) {
  storage::UrlQuery q;
  q.host = p.Str("host");
  q.since = p.Time("since");
  q.until = p.Time("until");
  q.language = p.Str("lang");
  q.changed_only = p.Bool("changed", false);
  // all=1: also pages without article text (home and section pages).
  q.min_chars = p.Bool("all", false) ? 0 : 1;
  const std::string sort = p.OneOf("sort", "last", {"last", "first", "title", "versions", "changes"});
  q.sort = sort == "first"      ? storage::UrlSort::kFirstVersion
           : sort == "title"    ? storage::UrlSort::kTitle
           : sort == "versions" ? storage::UrlSort::kVersions
           : sort == "changes"  ? storage::UrlSort::kChanges
                                : storage::UrlSort::kLastVersion;
  q.descending = p.OneOf("order", sort == "title" ? "asc" : "desc", {"asc", "desc"}) == "desc";
  q.offset = p.Int("offset", 0, 0, int64_t{1} << 40);
  q.limit = p.Int("limit", 50, 1, 500);
  if (p.error()) return *p.error();
  auto index = ctx.ReadyIndex();
  if (auto e = Failed(index)) return *e;
  auto archive = ctx.Archive();
  if (auto e = Failed(archive)) return *e;
  auto page = (*index)->ListUrls(q);
  if (auto e = Failed(page)) return *e;
  Json rows = Json::array();
  for (const storage::IndexedUrl& u : page->rows) {
    auto span = (*archive)->CaptureSpanOf(u.surt);
    if (auto e = Failed(span)) return *e;
    rows.push_back({{"url", u.url},
                    {"surt", u.surt},
                    {"host", u.host},
                    {"title", u.title},
                    {"language", u.language},
                    {"chars", u.chars},
                    {"first_capture", Iso(span->first)},
                    {"last_capture", Iso(span->last)},
                    {"captures", span->captures},
                    {"first_version", Iso(u.first_version)},
                    {"last_version", Iso(u.last_version)},
                    {"versions", u.versions},
                    {"changes", u.changes},
                    {"cosmetic_changes", u.cosmetic},
                    {"deleted", Iso(u.deleted)}});
  }
  Json j = {{"archive", ctx.archive_path()}, {"total", page->total}, {"offset", q.offset},
            {"limit", q.limit}, {"rows", rows}};
  return JsonReply(Dump(j));
}

Reply ApiHistory(Context& ctx, Params& p) {
  const std::string url = p.Required("url");
  if (p.error()) return *p.error();
  auto archive = ctx.Archive();
  if (auto e = Failed(archive)) return *e;
  auto history = audit::ArticleHistory(**archive, url);
  if (auto e = Failed(history)) return *e;
  return JsonReply(audit::HistoryJson(url, ctx.archive_path(), *history));
}

Reply ApiDiff(Context& ctx, Params& p) {
  const std::string url = p.Required("url");
  const std::string from = p.Str("from"), to = p.Str("to");
  if (p.error()) return *p.error();
  auto archive = ctx.Archive();
  if (auto e = Failed(archive)) return *e;
  auto history = audit::ArticleHistory(**archive, url);
  if (auto e = Failed(history)) return *e;
  auto pair = audit::SelectDiffPair(*history, from, to);
  if (!pair.ok()) {
    // A version spec the history does not have is the caller's mistake.
    if (pair.status().code() == Status::Code::kInvalidArgument) {
      const std::string m = pair.status().message();
      return BadParameter(m.rfind("--to", 0) == 0 ? "to" : "from", m);
    }
    return ErrorReply(pair.status());
  }
  const audit::ArticleVersion& a = (*history)[pair->first];
  const audit::ArticleVersion& b = (*history)[pair->second];
  audit::ArticleDiff d = audit::DiffArticles(*a.article, *b.article);
  return JsonReply(audit::DiffJson(url, a, b, d));
}

Reply ApiChanges(Context& ctx, Params& p) {
  storage::ChangeFilter f;
  f.host = p.Str("host");
  const std::string url = p.Str("url");
  if (!url.empty()) f.surt = SurtKey(url);
  f.since = p.Time("since");
  f.until = p.Time("until");
  f.include_cosmetic = p.Bool("cosmetic", false);
  f.min_change = p.Int("min_change", 1, 0, int64_t{1} << 40);
  f.newest_first = p.OneOf("order", "size", {"size", "newest"}) == "newest";
  f.offset = p.Int("offset", 0, 0, int64_t{1} << 40);
  f.limit = p.Int("limit", 100, 1, 1000);
  if (p.error()) return *p.error();
  auto index = ctx.ReadyIndex();
  if (auto e = Failed(index)) return *e;
  auto page = (*index)->Changes(f);
  if (auto e = Failed(page)) return *e;
  auto counts = (*index)->CountAll();
  if (auto e = Failed(counts)) return *e;
  // The shape of `newsarc changes --format json`, with the paging fields.
  audit::ChangesReport report;
  report.urls = counts->urls;
  report.versions = counts->versions;
  for (const storage::IndexedChange& c : page->rows) {
    audit::ArticleChange a;
    a.url = c.url;
    a.title = c.title;
    a.kind = c.kind;
    a.from_date = c.from_date;
    a.to_date = c.to_date;
    a.from_record = c.from_record;
    a.to_record = c.to_record;
    a.words_added = c.words_added;
    a.words_removed = c.words_removed;
    a.size = c.size;
    a.fields = c.fields;
    report.changes.push_back(std::move(a));
  }
  Json j = Json::parse(audit::ChangesJson(ctx.archive_path(), report));
  j["total"] = page->total;
  j["offset"] = f.offset;
  j["limit"] = f.limit;
  return JsonReply(Dump(j));
}

Reply ApiSearch(Context& ctx, Params& p) {
  storage::SearchQuery q;
  q.text = p.Required("q");
  const std::string mode = p.OneOf("mode", "words", {"words", "exact"});
  q.mode = mode == "exact" ? storage::SearchMode::kExact : storage::SearchMode::kWords;
  q.host = p.Str("host");
  q.language = p.Str("lang");
  q.since = p.Time("since");
  q.until = p.Time("until");
  q.offset = p.Int("offset", 0, 0, int64_t{1} << 40);
  q.limit = p.Int("limit", 20, 1, 100);
  if (p.error()) return *p.error();
  auto index = ctx.ReadyIndex();
  if (auto e = Failed(index)) return *e;
  auto archive = ctx.Archive();
  if (auto e = Failed(archive)) return *e;
  auto page = (*index)->Search(q);
  if (!page.ok()) {
    if (page.status().code() == Status::Code::kInvalidArgument) {
      return BadParameter("q", page.status().message());
    }
    return ErrorReply(page.status());
  }
  Json hits = Json::array();
  for (const storage::SearchHit& h : page->hits) {
    // The snippet comes from the version's text, which the index does not copy.
    std::string text;
    auto record = (*archive)->Get(h.version.conversion_id);
    if (record.ok()) {
      auto article = storage::ParseConversionRecord(*record);
      if (article.ok()) text = std::move(article->text);
    }
    hits.push_back({{"url", h.version.url},
                    {"title", h.version.title},
                    {"host", h.version.host},
                    {"language", h.version.language},
                    {"date", Iso(h.version.capture_time)},
                    {"version_at", Format14(h.version.capture_time)},
                    {"capture_record", h.version.capture_id},
                    {"conversion_record", h.version.conversion_id},
                    {"score", h.score},
                    {"matching_versions", h.matching_versions},
                    {"title_marked", PiecesJson(Highlight(h.version.title, q.text, q.mode))},
                    {"snippet", PiecesJson(Snippet(text, q.text, q.mode))}});
  }
  Json j = {{"archive", ctx.archive_path()}, {"query", q.text}, {"mode", mode},
            {"total", page->total}, {"offset", q.offset}, {"limit", q.limit}, {"hits", hits}};
  return JsonReply(Dump(j));
}

Reply ApiArticle(Context& ctx, Params& p) {
  const std::string url = p.Required("url");
  const std::string version = p.Str("version");
  if (p.error()) return *p.error();
  auto archive = ctx.Archive();
  if (auto e = Failed(archive)) return *e;
  auto history = audit::ArticleHistory(**archive, url);
  if (auto e = Failed(history)) return *e;
  const std::vector<audit::ArticleVersion>& h = *history;
  size_t at = h.size();
  if (version.empty()) {
    for (size_t i = h.size(); i-- > 0;) {
      if (h[i].article) {
        at = i;
        break;
      }
    }
    if (at == h.size()) {
      return ErrorReply(Status::NotFound("article " + url, "no capture of it has an article"));
    }
  } else {
    auto sel = audit::SelectVersion(h, version, "version");
    if (!sel.ok()) return BadParameter("version", sel.status().message());
    at = *sel;
  }
  const audit::ArticleVersion& v = h[at];

  Json record;
  auto stored = (*archive)->Get(v.capture.record_id);
  if (stored.ok()) {
    Json warc = Json::array();
    for (const auto& [name, value] : stored->headers) warc.push_back({name, value});
    record["warc_headers"] = warc;
    std::optional<storage::HttpMessage> m = storage::SplitHttpMessage(stored->block);
    record["http_head"] = m ? std::string(m->head) : "";
    record["block_digest"] = std::string(stored->Get("WARC-Block-Digest"));
    record["payload_digest"] = std::string(stored->Get("WARC-Payload-Digest"));
    record["bytes"] = stored->block.size();
  }
  storage::VerifyOptions vo;
  vo.record_id = v.capture.record_id;
  auto verify = storage::VerifyArchive(ctx.archive_path(), vo);
  Json check;
  if (verify.ok()) {
    Json problems = Json::array();
    for (const auto& pr : verify->problems) problems.push_back(pr.problem);
    check = {{"ok", verify->ok()},
             {"chain_position", verify->chain_head.count},
             {"chain_value", HexEncode(verify->chain_head.value)},
             {"problems", problems}};
  } else {
    check = {{"ok", false}, {"problems", Json::array({verify.status().message()})}};
  }

  auto neighbour = [&](int step, bool changed_only) -> Json {
    for (size_t i = at; step < 0 ? i-- > 0 : ++i < h.size();) {
      if (!changed_only || h[i].change == audit::VersionChange::kChanged ||
          h[i].change == audit::VersionChange::kDeleted) {
        return h[i].index;
      }
    }
    return nullptr;
  };
  Json timeline = Json::array();
  for (const audit::ArticleVersion& t : h) {
    timeline.push_back({{"index", t.index},
                        {"date", Iso(t.capture.date)},
                        {"status", t.capture.status},
                        {"type", t.capture.type},
                        {"change", audit::VersionChangeName(t.change)},
                        {"words_changed", t.words_added + t.words_removed}});
  }
  Json j;
  j["archive"] = ctx.archive_path();
  j["url"] = url;
  j["version"] = v.index;
  j["versions"] = h.size();
  j["capture"] = {{"date", Iso(v.capture.date)},
                  {"url", v.capture.uri},
                  {"via", v.via},
                  {"type", v.capture.type},
                  {"status", v.capture.status},
                  {"mime", v.capture.mime},
                  {"record_id", v.capture.record_id},
                  {"refers_to", v.capture.refers_to}};
  j["change"] = audit::VersionChangeName(v.change);
  j["compared_with"] = v.previous;
  j["words_added"] = v.words_added;
  j["words_removed"] = v.words_removed;
  j["article_record_id"] = v.article_record_id;
  j["text_digest"] = v.text_digest;
  j["article"] = v.article ? Json::parse(storage::ArticleToJson(*v.article), nullptr, false)
                           : Json(nullptr);
  j["record"] = record;
  j["verify"] = check;
  j["previous_capture"] = neighbour(-1, false);
  j["next_capture"] = neighbour(1, false);
  j["previous_change"] = neighbour(-1, true);
  j["next_change"] = neighbour(1, true);
  j["replay"] = ctx.replay_origin + "/" + Format14(v.capture.date) + "/" + v.capture.uri;
  j["timeline"] = timeline;
  return JsonReply(Dump(j));
}

Reply ApiStatus(Context& ctx, Params& p) {
  if (p.error()) return *p.error();
  auto archive = ctx.Archive();
  if (auto e = Failed(archive)) return *e;
  auto stats = (*archive)->Stats();
  if (auto e = Failed(stats)) return *e;
  IndexStatus s = ctx.index_status();
  Json index = {{"enabled", s.enabled}, {"ready", s.ready},     {"building", s.building},
                {"done", s.done},       {"total", s.total},     {"through", s.through},
                {"error", s.error}};
  if (s.ready) {
    auto idx = ctx.Index();
    if (idx.ok()) {
      auto c = (*idx)->CountAll();
      if (c.ok()) {
        index["urls"] = c->urls;
        index["versions"] = c->versions;
        index["deletions"] = c->deletions;
      }
    }
  }
  Json j = {{"archive", ctx.archive_path()},
            {"records", stats->records},
            {"captures", stats->captures},
            {"hosts", stats->hosts},
            {"index", index},
            {"replay", ctx.replay_origin}};
  return JsonReply(Dump(j));
}

Reply RawPayload(Context& ctx, Params& p) {
  const std::string id = p.Required("record");
  if (p.error()) return *p.error();
  auto archive = ctx.Archive();
  if (auto e = Failed(archive)) return *e;
  auto r = archive.value()->Get(id);
  if (!r.ok()) {
    if (r.status().code() == Status::Code::kNotFound) return ErrorReply(r.status());
    return BadParameter("record", r.status().message());
  }
  Reply out;
  std::optional<storage::HttpMessage> m = storage::SplitHttpMessage(r->block);
  std::string type = std::string(r->Get("Content-Type"));
  if (m && StartsWithIgnoreCase(type, "application/http")) {
    out.body = storage::EntityBody(*m);
    type = std::string(m->content_type);
  } else {
    out.body = r->block;
  }
  out.content_type = type.empty() ? "application/octet-stream" : type;
  std::string name = std::string(r->id());
  for (char& c : name) {
    if (!isalnum(static_cast<unsigned char>(c)) && c != '-') c = '_';
  }
  // A download, never a page of this origin: no sniffing, no scripts.
  out.headers = {{"Content-Disposition", "attachment; filename=\"" + name + ".payload\""},
                 {"X-Content-Type-Options", "nosniff"},
                 {"Content-Security-Policy", "sandbox"}};
  return out;
}

}  // namespace newsarc::web
