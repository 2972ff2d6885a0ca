#include "crawler/article_mapping.h"

namespace newsarc::crawler {

storage::ArticleRecord ToArticleRecord(const extract::Article& a, const ArticleOrigin& origin) {
  storage::ArticleRecord rec;
  rec.url = origin.url;
  rec.response_record_id = origin.response_record_id;
  rec.capture_time = origin.capture_time;
  rec.extractor_version = extract::kExtractorVersion;
  rec.charset = a.charset;
  rec.title = a.title;
  rec.authors = a.authors;
  // A sitemap or feed date is evidence when the page itself has none.
  rec.published = !a.published.empty() ? a.published : origin.date_hint;
  rec.modified = a.modified;
  rec.source = a.source;
  rec.editor = a.editor;
  rec.site_name = a.site_name;
  rec.language = a.language;
  rec.canonical_url = a.canonical_url;
  rec.description = a.description;
  rec.image = a.image;
  rec.tags = a.tags;
  rec.text = a.text;
  rec.reason = a.reason;
  rec.provenance = extract::ProvenanceByField(a);
  // The sitemap's or feed's date stood in for the page's.
  if (a.published.empty() && !origin.date_hint.empty()) rec.provenance["publish_time"] = "sitemap";
  return rec;
}

}  // namespace newsarc::crawler
