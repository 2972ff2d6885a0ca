// The JSON keys whose value is a publication date when they appear in an
// inline <script> (not JSON-LD: page state objects, analytics data layers).
// metadata.cc reads dates after them; html_dom.cc keeps the scripts that
// hold one when it drops the text of the others before parsing.
#ifndef NEWSARC_EXTRACT_SCRIPT_DATE_KEYS_H_
#define NEWSARC_EXTRACT_SCRIPT_DATE_KEYS_H_

#include <string_view>

namespace newsarc::extract {

inline constexpr std::string_view kScriptDateKeys[] = {
    "\"datePublished\"", "\"publishDate\"",     "\"publish_date\"",   "\"publishedAt\"",
    "\"published_at\"",  "\"date_published\"",  "\"firstPublished\"", "\"pubDate\"",
    "\"publicationDate\"", "\"createdAt\"",     "\"created_at\""};

}  // namespace newsarc::extract

#endif  // NEWSARC_EXTRACT_SCRIPT_DATE_KEYS_H_
