#include "extract/jsonld.h"

#include <nlohmann/json.hpp>
#include <string_view>

#include "base/strings.h"
#include "extract/meta_tags.h"

namespace newsarc::extract {
namespace {

using Json = nlohmann::json;

constexpr size_t kMaxScriptBytes = 4u << 20;
constexpr int kMaxDepth = 16;

// Script texts are not entity-decoded by the HTML parser, and some sites
// escape their JSON as if it were HTML anyway.
std::string DecodeBasicEntities(std::string_view s) {
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&amp;", "&"},  {"&quot;", "\""}, {"&#39;", "'"}, {"&#039;", "'"},
      {"&apos;", "'"}, {"&lt;", "<"},    {"&gt;", ">"},  {"&nbsp;", " "}};
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      bool done = false;
      for (const auto& [from, to] : kEntities) {
        if (s.substr(i, from.size()) == from) {
          out += to;
          i += from.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += s[i];
  }
  return out;
}

std::string Clean(std::string_view s) { return CollapseSpace(DecodeBasicEntities(s)); }

// Removes wrappers (<!-- -->, CDATA, "//" comment lines around them).
std::string_view Unwrap(std::string_view s) {
  s = TrimAscii(s);
  for (std::string_view open : {"<!--", "//<![CDATA[", "<![CDATA["}) {
    if (s.substr(0, open.size()) == open) s = TrimAscii(s.substr(open.size()));
  }
  for (std::string_view close : {"-->", "//]]>", "]]>"}) {
    if (s.size() >= close.size() && s.substr(s.size() - close.size()) == close) {
      s = TrimAscii(s.substr(0, s.size() - close.size()));
    }
  }
  while (!s.empty() && s.back() == ';') s = TrimAscii(s.substr(0, s.size() - 1));
  return s;
}

// Escapes raw control characters inside strings and drops trailing commas
// before } and ]: the two faults that make most broken JSON-LD unparsable.
std::string Repair(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\' && i + 1 < s.size()) {
        char n = s[i + 1];
        // Invalid escapes such as "\'" become the plain character.
        if (std::string_view("\"\\/bfnrtu").find(n) == std::string_view::npos) {
          out += n;
        } else {
          out += c;
          out += n;
        }
        ++i;
        continue;
      }
      if (c == '"') in_string = false;
      if (static_cast<unsigned char>(c) < 0x20) {
        out += ' ';
        continue;
      }
      out += c;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '}' || c == ']') {
      size_t j = out.size();
      while (j > 0 && (out[j - 1] == ' ' || out[j - 1] == '\n' || out[j - 1] == '\r' ||
                       out[j - 1] == '\t')) {
        --j;
      }
      if (j > 0 && out[j - 1] == ',') out.erase(j - 1, 1);
    }
    out += c;
  }
  return out;
}

std::string TypeOf(const Json& obj) {
  auto it = obj.find("@type");
  if (it == obj.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_array()) {
    std::string all;
    for (const Json& t : *it) {
      if (t.is_string()) all += t.get<std::string>() + " ";
    }
    return all;
  }
  return {};
}

// 2: Article-like, 1: WebPage-like, 0: other.
int ArticleRank(const std::string& type) {
  for (std::string_view t : {"Article", "BlogPosting", "Report", "LiveBlogPosting",
                             "SocialMediaPosting", "Posting", "Story", "Review"}) {
    if (type.find(t) != std::string::npos) return 2;
  }
  if (type.find("WebPage") != std::string::npos || type.find("VideoObject") != std::string::npos) {
    return 1;
  }
  return 0;
}

std::string StringOf(const Json& v) {
  if (v.is_string()) return Clean(v.get<std::string>());
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_array() && !v.empty()) return StringOf(v[0]);
  if (v.is_object()) {
    for (const char* k : {"name", "@value", "url", "@id"}) {
      auto it = v.find(k);
      if (it != v.end() && it->is_string()) return Clean(it->get<std::string>());
    }
  }
  return {};
}

std::string Field(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() ? std::string() : StringOf(*it);
}

void AddAuthors(const Json& v, std::vector<std::string>* out, std::string* org) {
  if (v.is_array()) {
    for (const Json& a : v) AddAuthors(a, out, org);
    return;
  }
  if (v.is_string()) {
    std::string name = Clean(v.get<std::string>());
    if (!name.empty()) out->push_back(name);
    return;
  }
  if (!v.is_object()) return;
  std::string type = TypeOf(v);
  std::string name = Field(v, "name");
  if (name.empty()) {
    std::string given = Field(v, "givenName"), family = Field(v, "familyName");
    name = CollapseSpace(given + " " + family);
  }
  if (name.empty()) return;
  if (type.find("Organization") != std::string::npos ||
      type.find("NewsMediaOrganization") != std::string::npos) {
    if (org->empty()) *org = name;
    return;
  }
  out->push_back(name);
}

void CollectObjects(const Json& v, int depth, std::vector<const Json*>* out) {
  if (depth > kMaxDepth) return;
  if (v.is_array()) {
    for (const Json& e : v) CollectObjects(e, depth + 1, out);
    return;
  }
  if (!v.is_object()) return;
  out->push_back(&v);
  for (const char* key : {"@graph", "mainEntity", "mainEntityOfPage", "itemListElement"}) {
    auto it = v.find(key);
    if (it != v.end() && (it->is_array() || it->is_object())) {
      CollectObjects(*it, depth + 1, out);
    }
  }
}

void FillFrom(const Json& obj, JsonLdInfo* info) {
  auto set = [](std::string* dst, std::string v) {
    if (dst->empty() && !v.empty()) *dst = std::move(v);
  };
  set(&info->headline, Field(obj, "headline"));
  if (info->headline.empty() && ArticleRank(TypeOf(obj)) == 2)
    set(&info->headline, Field(obj, "name"));
  set(&info->date_published, Field(obj, "datePublished"));
  if (info->date_published.empty()) set(&info->date_published, Field(obj, "dateCreated"));
  if (info->date_published.empty()) set(&info->date_published, Field(obj, "uploadDate"));
  set(&info->date_modified, Field(obj, "dateModified"));
  set(&info->description, Field(obj, "description"));
  set(&info->image, Field(obj, "image"));
  if (info->image.empty()) set(&info->image, Field(obj, "thumbnailUrl"));
  set(&info->url, Field(obj, "url"));
  set(&info->language, Field(obj, "inLanguage"));
  set(&info->article_body, Field(obj, "articleBody"));
  auto pub = obj.find("publisher");
  if (pub != obj.end()) set(&info->publisher, StringOf(*pub));
  if (info->authors.empty()) {
    for (const char* key : {"author", "creator"}) {
      auto it = obj.find(key);
      if (it != obj.end()) {
        std::string org;
        AddAuthors(*it, &info->authors, &org);
        set(&info->publisher, org);
        if (!info->authors.empty()) break;
      }
    }
  }
  if (info->keywords.empty()) {
    auto kw = obj.find("keywords");
    if (kw != obj.end()) {
      if (kw->is_array()) {
        for (const Json& k : *kw) {
          std::string s = StringOf(k);
          if (!s.empty()) info->keywords.push_back(s);
        }
      } else if (kw->is_string()) {
        const std::string list = kw->get<std::string>();  // outlives the views
        for (std::string_view k : Split(list, ',')) {
          std::string s = Clean(k);
          if (!s.empty()) info->keywords.push_back(s);
        }
      }
    }
  }
}

// For scripts that do not parse even after repair: the first string value
// of `"key": "..."`.
std::string ScanKey(std::string_view text, std::string_view key) {
  std::string needle = "\"" + std::string(key) + "\"";
  size_t pos = text.find(needle);
  if (pos == std::string_view::npos) return {};
  size_t p = pos + needle.size();
  while (p < text.size() &&
         (text[p] == ' ' || text[p] == '\t' || text[p] == '\n' || text[p] == '\r')) {
    ++p;
  }
  if (p >= text.size() || text[p] != ':') return {};
  ++p;
  while (p < text.size() &&
         (text[p] == ' ' || text[p] == '\t' || text[p] == '\n' || text[p] == '\r')) {
    ++p;
  }
  if (p >= text.size() || text[p] != '"') return {};
  size_t end = p + 1;
  while (end < text.size() && text[end] != '"') {
    if (text[end] == '\\') ++end;
    ++end;
  }
  if (end >= text.size() || end - p > 4096) return {};
  return Clean(text.substr(p + 1, end - p - 1));
}

}  // namespace

JsonLdInfo ParseJsonLd(const std::vector<std::string>& scripts) {
  JsonLdInfo info;
  std::vector<Json> docs;
  std::vector<std::string_view> broken;
  for (const std::string& script : scripts) {
    if (script.size() > kMaxScriptBytes) continue;
    std::string_view text = Unwrap(script);
    if (text.empty()) continue;
    Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) doc = Json::parse(Repair(text), nullptr, false);
    if (doc.is_discarded()) {
      broken.push_back(script);
      continue;
    }
    docs.push_back(std::move(doc));
  }
  std::vector<const Json*> objects;
  for (const Json& d : docs) CollectObjects(d, 0, &objects);
  // Article-like objects first, then web pages; within a rank, page order.
  for (int rank = 2; rank >= 1; --rank) {
    for (const Json* obj : objects) {
      if (ArticleRank(TypeOf(*obj)) != rank) continue;
      info.found_article = true;
      FillFrom(*obj, &info);
    }
  }
  for (std::string_view text : broken) {
    if (info.date_published.empty()) info.date_published = ScanKey(text, "datePublished");
    if (info.date_modified.empty()) info.date_modified = ScanKey(text, "dateModified");
    if (info.headline.empty()) info.headline = ScanKey(text, "headline");
    if (!info.date_published.empty() || !info.headline.empty()) info.found_article = true;
  }
  return info;
}

}  // namespace newsarc::extract
