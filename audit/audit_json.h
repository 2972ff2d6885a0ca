// The JSON of the audit views, one shape for the command line
// (`newsarc history|diff|changes --format json`) and the web API
// (/api/history, /api/diff, /api/changes): pretty-printed, UTF-8 (invalid
// bytes replaced), ending in a newline.
#ifndef NEWSARC_AUDIT_AUDIT_JSON_H_
#define NEWSARC_AUDIT_AUDIT_JSON_H_

#include <string>
#include <vector>

#include "audit/article_diff.h"
#include "audit/changes.h"
#include "audit/history.h"

namespace newsarc::audit {

// {"url", "archive", "captures": [{index, date, url, via, type, status,
// record_id, payload_digest, text_digest, title, change, compared_with,
// words_added, words_removed[, location]}]}
std::string HistoryJson(const std::string& url, const std::string& archive,
                        const std::vector<ArticleVersion>& history);

// {"url", "from": {index, date, record_id, url, article_record_id,
// text_digest}, "to": {...}, "change", "words_added", "words_removed",
// "substantive_words", "fields": [{field, changed, cosmetic_only,
// words_added, words_removed, "ops": [{op: equal|delete|insert, text,
// cosmetic}]}]}
std::string DiffJson(const std::string& url, const ArticleVersion& from, const ArticleVersion& to,
                     const ArticleDiff& diff);

// {"archive", "urls_scanned", "versions_scanned", "changes": [{url, title,
// kind, size, words_added, words_removed, fields, from, to, from_record,
// to_record}]}
std::string ChangesJson(const std::string& archive, const ChangesReport& report);

}  // namespace newsarc::audit

#endif  // NEWSARC_AUDIT_AUDIT_JSON_H_
