// Rendering an article diff (audit/article_diff.h) for `newsarc diff`:
// text (word-diff markers, or colour on a terminal), a standalone HTML page,
// or JSON.
#ifndef NEWSARC_CLI_DIFF_RENDER_H_
#define NEWSARC_CLI_DIFF_RENDER_H_

#include <string>

#include "audit/audit.h"

namespace newsarc::cli {

struct DiffView {
  std::string url;
  const audit::ArticleVersion* from = nullptr;
  const audit::ArticleVersion* to = nullptr;
  const audit::ArticleDiff* diff = nullptr;
};

// Without colour, deletions read [-like this-] and insertions {+like this+}
// (git's --word-diff=plain); with colour they are red and green, and
// cosmetic changes are dimmed. Only the changed lines of the body are shown.
std::string RenderDiffText(const DiffView& v, bool colour);
std::string RenderDiffHtml(const DiffView& v);
std::string RenderDiffJson(const DiffView& v);

}  // namespace newsarc::cli

#endif  // NEWSARC_CLI_DIFF_RENDER_H_
