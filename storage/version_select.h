// Choosing the two article versions `newsarc diff` compares.
#ifndef NEWSARC_STORAGE_VERSION_SELECT_H_
#define NEWSARC_STORAGE_VERSION_SELECT_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "storage/article_history.h"

namespace newsarc::storage {

// Parses a point in time as users write it: ISO 8601 / W3C-DTF ("2024-05-01",
// "2024-05-01T12:00:00Z") or a 14-digit (or shorter) CDX timestamp.
std::optional<Micros> ParseTimeArg(std::string_view text);

// Resolves `spec` (a history row number N, or a TIME: the last version with
// an article captured at or before it) to a position in `history`.
// InvalidArgument naming `spec` when it is neither, out of range, or the
// row has no article.
Result<size_t> SelectVersion(const std::vector<ArticleVersion>& history,
                             std::string_view spec, const char* option);

// The pair to diff, as positions in `history` (from, to). Defaults: `to` is
// the latest version whose article differs from the one before it, `from`
// that one before it; with only `to` given, `from` is the previous version
// with a different article; with only `from`, `to` is the latest article.
// NotFound when no two versions differ (nothing to show).
Result<std::pair<size_t, size_t>> SelectDiffPair(const std::vector<ArticleVersion>& history,
                                                 const std::string& from,
                                                 const std::string& to);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_VERSION_SELECT_H_
