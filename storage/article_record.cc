#include "storage/article_record.h"

#include <nlohmann/json.hpp>

#include "base/uuid.h"

namespace newsarc::storage {

using nlohmann::json;

std::string ArticleToJson(const ArticleRecord& a) {
  json j = {
      {"url", a.url},
      {"response_record_id", a.response_record_id},
      {"capture_time", FormatWarcDate(a.capture_time, true)},
      {"extractor", a.extractor_version},
      {"charset", a.charset},
      {"title", a.title},
      {"authors", a.authors},
      {"published", a.published},
      {"modified", a.modified},
      {"source", a.source},
      {"editor", a.editor},
      {"site_name", a.site_name},
      {"language", a.language},
      {"canonical_url", a.canonical_url},
      {"description", a.description},
      {"image", a.image},
      {"tags", a.tags},
      {"text", a.text},
      {"reason", a.reason},
  };
  if (!a.provenance.empty()) j["provenance"] = a.provenance;
  // Replace invalid UTF-8 rather than throwing: the archive must never fail
  // to record an extraction because a page had broken bytes.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<ArticleRecord> ArticleFromJson(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Status::Corrupt("article JSON", "not a JSON object");
  auto str = [&](const char* key) -> std::string {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto list = [&](const char* key) {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it != j.end() && it->is_array()) {
      for (const auto& v : *it) {
        if (v.is_string()) out.push_back(v.get<std::string>());
      }
    }
    return out;
  };
  ArticleRecord a;
  a.url = str("url");
  if (a.url.empty()) return Status::Corrupt("article JSON", "no \"url\"");
  a.response_record_id = str("response_record_id");
  a.capture_time = ParseIsoDate(str("capture_time")).value_or(0);
  a.extractor_version = str("extractor");
  a.charset = str("charset");
  a.title = str("title");
  a.authors = list("authors");
  a.published = str("published");
  a.modified = str("modified");
  a.source = str("source");
  a.editor = str("editor");
  a.site_name = str("site_name");
  a.language = str("language");
  a.canonical_url = str("canonical_url");
  a.description = str("description");
  a.image = str("image");
  a.tags = list("tags");
  a.text = str("text");
  a.reason = str("reason");
  if (auto it = j.find("provenance"); it != j.end() && it->is_object()) {
    for (const auto& [field, from] : it->items()) {
      if (from.is_string()) a.provenance[field] = from.get<std::string>();
    }
  }
  return a;
}

WarcRecord MakeConversionRecord(const ArticleRecord& article, Micros date) {
  WarcRecord r;
  r.Set("WARC-Type", "conversion");
  r.Set("WARC-Record-ID", "<" + NewUuidUrn() + ">");
  r.Set("WARC-Date", FormatWarcDate(date, true));
  r.Set("WARC-Target-URI", article.url);
  if (!article.response_record_id.empty()) {
    r.Set("WARC-Refers-To", article.response_record_id);
  }
  r.Set("Content-Type", kArticleContentType);
  if (!article.extractor_version.empty()) {
    r.Set("WARC-Software", article.extractor_version);
  }
  r.block = ArticleToJson(article);
  return r;
}

Result<ArticleRecord> ParseConversionRecord(const WarcRecord& record) {
  if (record.type() != "conversion") {
    return Status::InvalidArgument(std::string(record.id()), "not a conversion record");
  }
  auto a = ArticleFromJson(record.block);
  if (!a.ok()) return a.status().WithContext(std::string(record.id()));
  if (a->response_record_id.empty()) {
    a->response_record_id = std::string(record.Get("WARC-Refers-To"));
  }
  return a;
}

}  // namespace newsarc::storage
