// Search snippets: the words of a query found in a text, marked, with the
// text around the first of them. Matching uses the index's own tokenizer
// (storage/fts_tokenizer.h), so what is marked is what FTS5 matched: folded
// words, and CJK characters in sequence. Internal to web/.
#ifndef NEWSARC_WEB_SNIPPET_H_
#define NEWSARC_WEB_SNIPPET_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "storage/storage.h"

namespace newsarc::web {

struct Piece {
  std::string text;
  bool match = false;
};

// The whole of `text`, matches marked (for titles).
std::vector<Piece> Highlight(std::string_view text, std::string_view query,
                             storage::SearchMode mode);
// About `width` bytes of `text` around its first match (its start when none),
// "…" where it was cut, matches marked.
std::vector<Piece> Snippet(std::string_view text, std::string_view query,
                           storage::SearchMode mode, size_t width = 280);

}  // namespace newsarc::web

#endif  // NEWSARC_WEB_SNIPPET_H_
