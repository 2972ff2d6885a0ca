// Article metadata from schema.org JSON-LD scripts, tolerant of what real
// pages ship: several scripts, top-level arrays, @graph, nested
// mainEntity, HTML comments or CDATA around the JSON, raw newlines inside
// strings and trailing commas. When a script still does not parse, the
// well-known keys are recovered from its text.
// Internal to extract/.
#ifndef NEWSARC_EXTRACT_JSONLD_H_
#define NEWSARC_EXTRACT_JSONLD_H_

#include <string>
#include <vector>

namespace newsarc::extract {

struct JsonLdInfo {
  bool found_article = false;  // an Article-like (or WebPage) object was found
  std::string headline;
  std::vector<std::string> authors;  // Person names (organisations dropped)
  std::string date_published;        // as written
  std::string date_modified;
  std::string publisher;  // publisher (or author Organization) name
  std::string description;
  std::string image;
  std::string url;
  std::string language;  // inLanguage
  std::vector<std::string> keywords;
  std::string article_body;
};

// Merges the article-like objects of all `scripts` (texts of
// <script type="application/ld+json">); Article types win over WebPage.
JsonLdInfo ParseJsonLd(const std::vector<std::string>& scripts);

}  // namespace newsarc::extract

#endif  // NEWSARC_EXTRACT_JSONLD_H_
