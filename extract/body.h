// Main-body extraction: finds the article's text in a parsed page by general
// rules and returns it as blocks (see text_output.h).
//
// 1. Every element is flagged as invisible (script, style, hidden, ...),
//    boilerplate (nav, aside, footer, share/related/comment/ad/newsletter/
//    caption/byline... by tag, role, class or id) or content.
// 2. Text is attributed to its nearest block element ("unit"). Units with
//    enough text and few links are good; good text is summed per element and
//    the element maximising good - kOtherPenalty * other text is the article
//    container. Units whose text appears in the JSON-LD articleBody count
//    double, so the page's own claim steers the choice.
//    Class words are read as a designer writes them: layout modifiers
//    ("has-ads"), CSS utilities ("overflow-hidden"), WordPress taxonomy
//    classes and heading anchors flag nothing; a weak word yields to prose.
//    A <header> holding the <h1> is the article's, not the site's. A
//    paragraph, list item, list or table that wins gives way to its parent.
// 3. Prose siblings of the container and of up to four of its ancestors
//    join it (a lead paragraph above the image, text split across sibling
//    wrappers), stopping at the first sibling with text that is not prose.
// 4. Those subtrees are walked in document order; each block (a line break
//    at every block boundary and <br>) is kept unless it is link-dominated,
//    a metadata line (LooksLikeMetadataLine), a share/copyright/legal notice,
//    a read-next label or the title repeated; a heading whose section kept
//    nothing goes too, and in the article's header only a lead of two
//    sentences or more stays (a one-sentence dek is a summary). A <noscript> holding the article is read; ruby
//    annotations, soft hyphens and zero-width spaces are not text.
// Internal to extract/. Iterative throughout (no recursion on the tree).
#ifndef NEWSARC_EXTRACT_BODY_H_
#define NEWSARC_EXTRACT_BODY_H_

#include <string>
#include <string_view>
#include <vector>

#include <gumbo.h>

#include "extract/text_output.h"

namespace newsarc::extract {

// `root` is the document (or <html>) node. `titles` are the article title
// and the page <title> (a line repeating one, or a long enough piece of one,
// is dropped); `json_ld_body` is the JSON-LD articleBody. All may be empty.
std::vector<Block> ExtractBody(const GumboNode* root, const std::vector<std::string>& titles,
                               std::string_view json_ld_body);

// True for a short block that is a share widget, copyright or legal notice,
// or an advertisement/subscription label rather than article text.
bool LooksLikeBoilerplateLine(std::string_view text);

}  // namespace newsarc::extract

#endif  // NEWSARC_EXTRACT_BODY_H_
