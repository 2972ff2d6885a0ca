#include "crawler/sitemap.h"

#include <algorithm>

#include "base/strings.h"
#include "crawler/url_normalize.h"
#include "crawler/xml_doc.h"

namespace newsarc::crawler {
namespace {

void SetDate(const std::string& text, std::string* text_out, std::optional<Micros>* out) {
  *text_out = text;
  *out = ParseFeedDate(text);
}

// One <url> or <sitemap> element.
bool ReadEntry(const pugi::xml_node& node, const Url& base, SitemapEntry* e) {
  auto loc = NormalizeLink(base, Text(Child(node, "loc")));
  if (!loc.ok()) return false;
  e->url = loc->spec();
  if (pugi::xml_node lm = Child(node, "lastmod")) SetDate(Text(lm), &e->lastmod_text, &e->lastmod);
  if (pugi::xml_node news = Child(node, "news")) {
    if (pugi::xml_node pd = Child(news, "publication_date")) {
      SetDate(Text(pd), &e->news_publication_date_text, &e->news_publication_date);
    }
    e->news_title = Text(Child(news, "title"));
    if (pugi::xml_node pub = Child(news, "publication")) {
      e->news_publication = Text(Child(pub, "name"));
      e->news_language = Text(Child(pub, "language"));
    }
  }
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element || LocalName(c) != "link") continue;
    if (!EqualsIgnoreCase(c.attribute("rel").value(), "alternate")) continue;
    auto href = NormalizeLink(base, c.attribute("href").value());
    if (!href.ok()) continue;
    e->alternates.push_back({c.attribute("hreflang").value(), href->spec()});
  }
  return true;
}

Result<Sitemap> ParseText(std::string_view text, const Url& base, Sitemap sm) {
  sm.kind = Sitemap::Kind::kText;
  for (std::string_view line : Split(text, '\n')) {
    line = TrimAscii(line);
    if (!(StartsWithIgnoreCase(line, "http://") || StartsWithIgnoreCase(line, "https://"))) {
      if (!line.empty()) ++sm.skipped;
      continue;
    }
    auto u = NormalizeLink(base, line);
    if (!u.ok()) {
      ++sm.skipped;
      continue;
    }
    if (sm.pages.size() >= kMaxSitemapEntries) {
      sm.truncated = true;
      break;
    }
    SitemapEntry e;
    e.url = u->spec();
    sm.pages.push_back(std::move(e));
  }
  return sm;
}

}  // namespace

Result<Sitemap> ParseSitemap(std::string_view bytes, const Url& sitemap_url) {
  const std::string what = "sitemap " + sitemap_url.spec();
  Sitemap sm;
  std::string inflated;
  if (LooksGzipped(bytes)) {
    auto r = Gunzip(bytes, kMaxSitemapBytes, what);
    if (!r.ok()) return r.status();
    inflated = std::move(r).value();
    bytes = inflated;
    sm.gzipped = true;
  }
  if (bytes.size() > kMaxSitemapBytes) {
    return Status::InvalidArgument(what, "larger than " + std::to_string(kMaxSitemapBytes) +
                                             " bytes");
  }
  std::string_view head = TrimAscii(bytes.substr(0, 512));
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  if (!head.starts_with("<")) return ParseText(bytes, sitemap_url, std::move(sm));

  pugi::xml_document doc;
  NEWSARC_RETURN_IF_ERROR(LoadXml(bytes, &doc, what));
  pugi::xml_node root = doc.document_element();
  std::string_view root_name = LocalName(root);
  const char* entry_name = nullptr;
  std::vector<SitemapEntry>* out = nullptr;
  if (root_name == "urlset") {
    sm.kind = Sitemap::Kind::kUrlSet;
    entry_name = "url";
    out = &sm.pages;
  } else if (root_name == "sitemapindex") {
    sm.kind = Sitemap::Kind::kIndex;
    entry_name = "sitemap";
    out = &sm.sitemaps;
  } else {
    return Status::InvalidArgument(what, "not a sitemap (root element <" +
                                             std::string(root.name()) + ">)");
  }
  for (pugi::xml_node n = root.first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element || LocalName(n) != entry_name) continue;
    if (out->size() >= kMaxSitemapEntries) {
      sm.truncated = true;
      break;
    }
    SitemapEntry e;
    if (ReadEntry(n, sitemap_url, &e)) {
      out->push_back(std::move(e));
    } else {
      ++sm.skipped;
    }
  }
  return sm;
}

void SortNewestFirst(std::vector<SitemapEntry>* entries) {
  std::stable_sort(entries->begin(), entries->end(),
                   [](const SitemapEntry& a, const SitemapEntry& b) {
                     auto da = a.BestDate(), db = b.BestDate();
                     if (da && db) return *da > *db;
                     return da.has_value() && !db.has_value();
                   });
}

}  // namespace newsarc::crawler
