// Which archived articles go into a corpus export: site, date range,
// language, length and URL pattern filters (`newsarc export --site ...`).
#ifndef NEWSARC_CORPUS_FILTER_H_
#define NEWSARC_CORPUS_FILTER_H_

#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "corpus/article.h"

namespace newsarc::corpus {

enum class DateBasis { kPublished, kCapture };

struct CorpusFilterOptions {
  // Hosts; an article passes when the host of its final URL equals one of
  // them or is a subdomain of one ("example.com" takes "www.example.com").
  // Empty: every site.
  std::vector<std::string> sites;
  // Date range as the user wrote it (ISO 8601: "2026", "2026-11",
  // "2026-11-21", "2026-11-21T10:00:00Z"). `since` is inclusive from the
  // start of what it names, `until` inclusive to the end of what it names
  // ("--until 2026-11-21" takes the whole of that day, UTC). Empty: open.
  std::string since;
  std::string until;
  // kPublished compares the article's publication date; an article without
  // a parseable one is excluded whenever a range is given. kCapture compares
  // the capture time.
  DateBasis by = DateBasis::kPublished;
  // Language tags; "en" takes "en", "en-US", "EN-gb". Empty: every language.
  // An article whose language is unknown passes only when the list is empty.
  std::vector<std::string> languages;
  // Minimum char_count (non-space code points of the body).
  int64_t min_chars = 0;
  // ECMAScript regular expression searched (not anchored) in the final URL
  // (the one that answered, as the conversion record names it) and in the
  // canonical URL; either matching passes.
  std::string match;
};

// Parses a publication date as extractors write them: ISO 8601, also with a
// space instead of "T" ("2021-11-15 15:06"), a date alone, or seconds
// missing. Nullopt when it is none of these.
std::optional<Micros> ParsePublicationDate(std::string_view text);

class CorpusFilter {
 public:
  // Fails (InvalidArgument, naming the option) on a bad date or regex.
  static Result<CorpusFilter> Create(const CorpusFilterOptions& options);

  // `article` needs final_url, canonical_url, capture_time, published,
  // language and char_count filled in.
  bool Accept(const CorpusArticle& article) const;

 private:
  CorpusFilterOptions options_;
  std::optional<Micros> since_;
  std::optional<Micros> until_end_;  // exclusive
  std::vector<std::string> sites_;   // lower case, no trailing dot
  std::vector<std::string> languages_;  // lower case
  std::shared_ptr<const std::regex> match_;
};

}  // namespace newsarc::corpus

#endif  // NEWSARC_CORPUS_FILTER_H_
