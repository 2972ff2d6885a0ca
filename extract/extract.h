// newsarc's extractor: the bytes of a fetched page in, a clean article out.
//
// Pure: no I/O, no clock, no globals. Extract() never fails: any bytes give
// an Article (fields empty and `reason` set when there is nothing to extract).
// Thread-safe: concurrent calls share nothing.
#ifndef NEWSARC_EXTRACT_EXTRACT_H_
#define NEWSARC_EXTRACT_EXTRACT_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/library_version.h"
#include "extract/charset.h"

namespace newsarc::extract {

// The extractor's version, recorded with every conversion record so results of
// different extractor versions stay comparable. Bump on any output change.
inline constexpr const char* kExtractorVersion = "newsarc-extract/0.3";

struct Article {
  // Charset the page was decoded from (WHATWG name, e.g. "utf-8", "gb18030").
  std::string charset;
  std::string title;                 // without the site-name suffix
  std::vector<std::string> authors;  // people, in page order
  std::string published;             // ISO 8601, with zone when given
  std::string modified;              // ISO 8601
  std::string source;                // credited outlet ("郑州日报")
  std::string editor;                // "责任编辑" and the like
  std::string site_name;
  std::string language;              // BCP 47 ("en", "zh-CN")
  std::string canonical_url;
  std::string description;
  std::string image;                 // lead image URL
  std::vector<std::string> tags;
  // Body: plain text, paragraphs separated by blank lines.
  std::string text;
  std::string markdown;
  std::string html;  // minimal clean HTML (p, h2-h6, ul/ol/li, blockquote, table)
  // Absolute links found in the whole page, document order (for crawling).
  std::vector<std::string> links;
  // Why fields are empty (e.g. "no article body found"); empty on success.
  std::string reason;
  // Where each metadata field was read, so a researcher can filter on it;
  // empty for an empty field. Values:
  //   "json-ld"            the page's JSON-LD
  //   "meta"               a <meta> tag (OpenGraph, Dublin Core, CMS tags)
  //   "title-tag"          the <title>
  //   "h1"                 the page's <h1>
  //   "heading"            the heading above the dateline (no <h1>)
  //   "byline"             a visible credit line ("作者：", "By ", "来源：")
  //   "author-element"     an element named for the author (class "author")
  //   "dateline"           the visible date line under the headline, the
  //                        reporters of an agency dateline ("电（记者 甲）"),
  //                        or the source labelled on a dateline
  //   "signature"          a closing signature ("（张三）")
  //   "credit-line"        a source line closing the article
  //   "outlet-beside-date" the outlet printed beside the date, unlabelled
  //   "source-element"     an element named for the source
  //   "site-name"          the site's own name (its own articles)
  //   "microdata"          itemprop attributes
  //   "time-element"       a <time> element
  //   "date-element"       an element named for the date
  //   "url"                the date in the URL
  //   "script"             a date in a script's data
  //   "page-text"          a date found anywhere in the page text
  struct Provenance {
    std::string title, authors, published, modified, source, editor;
  };
  Provenance provenance;
};

// The provenance by the field names of newsarc's JSON ("title", "author",
// "source", "publish_time", "modified_time", "editor"), empty ones left out.
std::map<std::string, std::string> ProvenanceByField(const Article& article);

// The metadata rules for Chinese portals that issue 12 added, each of which
// an evaluation can switch off (ablation and leave-one-site-out,
// bench/metadata_loso.py; `newsarc extract --disable-rule NAME`). All on by
// default; a user has no reason to change them.
struct MetadataRules {
  bool dateline_reporters = true;       // "新华社巴黎12月9日电（记者唐霁）" -> 唐霁
  // The outlet on the dateline: after a 来源 label that ends the line (the
  // name on the next: "<i>来源：</i>\n山西日报"), unlabelled on the line
  // beside the date ("<p>新华社</p><p>2020-01-03 18:13</p>"), and on a
  // labelled dateline ("发布时间：… 来源：…") found anywhere when no
  // headline anchors the search.
  bool source_on_dateline = true;
  bool source_element = true;           // an element with class or id "source"
  bool headline_above_dateline = true;  // no <h1>: the heading right above the dateline
  bool content_source_meta = true;      // <meta name="ContentSource">
};

// The rules' names as the command line spells them.
inline constexpr const char* kMetadataRuleNames[] = {
    "dateline-reporters",      "source-on-dateline",  "source-element",
    "headline-above-dateline", "content-source-meta",
};
// Switches the named rule off; false for an unknown name.
bool DisableMetadataRule(std::string_view name, MetadataRules* rules);

struct ExtractOptions {
  // Maximum input considered; longer input is cut (bounded time and memory).
  size_t max_input_bytes = 50u << 20;
  size_t max_links = 5000;  // further links are dropped
  bool want_links = true;
  MetadataRules rules;
};

// `content_type` is the HTTP Content-Type header value (may be empty); its
// charset parameter is evidence for decoding. `url` is the page's URL (may be
// empty) for resolving links and URL date patterns.
Article Extract(std::string_view bytes, std::string_view url,
                std::string_view content_type, const ExtractOptions& options = {});

// The same for a caller that has already decoded `bytes` with DecodeHtml()
// (the crawler does, for its link scan): the charset work is not repeated.
Article Extract(std::string_view bytes, DecodedHtml decoded, std::string_view url,
                const ExtractOptions& options = {});

// Gumbo, ICU and uchardet, for `newsarc --version`.
std::vector<LibraryVersion> LibraryVersions();

}  // namespace newsarc::extract

#endif  // NEWSARC_EXTRACT_EXTRACT_H_
