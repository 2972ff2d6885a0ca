#include "audit/audit_json.h"

#include <nlohmann/json.hpp>

#include "base/time.h"

namespace newsarc::audit {
namespace {

using Json = nlohmann::ordered_json;

std::string Dump(const Json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Json VersionJson(const ArticleVersion& v) {
  return {{"index", v.index},
          {"date", FormatWarcDate(v.capture.date, true)},
          {"record_id", v.capture.record_id},
          {"url", v.capture.uri},
          {"article_record_id", v.article_record_id},
          {"text_digest", v.text_digest}};
}

}  // namespace

std::string HistoryJson(const std::string& url, const std::string& archive,
                        const std::vector<ArticleVersion>& history) {
  Json rows = Json::array();
  for (const auto& v : history) {
    Json r;
    r["index"] = v.index;
    r["date"] = FormatWarcDate(v.capture.date, true);
    r["url"] = v.capture.uri;
    r["via"] = v.via;
    r["type"] = v.capture.type;
    r["status"] = v.capture.status;
    r["record_id"] = v.capture.record_id;
    r["payload_digest"] = v.capture.payload_digest;
    r["text_digest"] = v.text_digest;
    r["title"] = v.article ? v.article->title : "";
    r["change"] = VersionChangeName(v.change);
    r["compared_with"] = v.previous;
    r["words_added"] = v.words_added;
    r["words_removed"] = v.words_removed;
    if (!v.location.empty()) r["location"] = v.location;
    rows.push_back(std::move(r));
  }
  Json j;
  j["url"] = url;
  j["archive"] = archive;
  j["captures"] = rows;
  return Dump(j);
}

std::string DiffJson(const std::string& url, const ArticleVersion& from, const ArticleVersion& to,
                     const ArticleDiff& diff) {
  Json j;
  j["url"] = url;
  j["from"] = VersionJson(from);
  j["to"] = VersionJson(to);
  j["change"] = ChangeKindName(diff.kind);
  j["words_added"] = diff.words_added;
  j["words_removed"] = diff.words_removed;
  j["substantive_words"] = diff.substantive_words;
  Json fields = Json::array();
  for (const FieldDiff& f : diff.fields) {
    Json ops = Json::array();
    for (const DiffOp& op : f.diff.ops) {
      ops.push_back({{"op", op.kind == DiffOpKind::kEqual
                                ? "equal"
                                : (op.kind == DiffOpKind::kDelete ? "delete" : "insert")},
                     {"text", op.text},
                     {"cosmetic", op.cosmetic}});
    }
    fields.push_back({{"field", f.field},
                      {"changed", f.diff.changed()},
                      {"cosmetic_only", f.diff.cosmetic_only()},
                      {"words_added", f.diff.words_added},
                      {"words_removed", f.diff.words_removed},
                      {"ops", ops}});
  }
  j["fields"] = fields;
  return Dump(j);
}

std::string ChangesJson(const std::string& archive, const ChangesReport& report) {
  Json rows = Json::array();
  for (const auto& c : report.changes) {
    rows.push_back({{"url", c.url},
                    {"title", c.title},
                    {"kind", c.kind},
                    {"size", c.size},
                    {"words_added", c.words_added},
                    {"words_removed", c.words_removed},
                    {"fields", c.fields},
                    {"from", FormatWarcDate(c.from_date, true)},
                    {"to", FormatWarcDate(c.to_date, true)},
                    {"from_record", c.from_record},
                    {"to_record", c.to_record}});
  }
  Json j;
  j["archive"] = archive;
  j["urls_scanned"] = report.urls;
  j["versions_scanned"] = report.versions;
  j["changes"] = rows;
  return Dump(j);
}

}  // namespace newsarc::audit
