// Choosing the two article versions `newsarc diff` compares.
#ifndef NEWSARC_AUDIT_VERSION_SELECT_H_
#define NEWSARC_AUDIT_VERSION_SELECT_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "audit/history.h"
#include "base/status.h"
#include "base/time.h"

namespace newsarc::audit {


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

}  // namespace newsarc::audit

#endif  // NEWSARC_AUDIT_VERSION_SELECT_H_
