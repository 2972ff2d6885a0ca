// Article metadata from the parsed page: title, authors, dates, source
// outlet, editor, site name, language, canonical URL, description, lead image
// and tags. Evidence in trust order: JSON-LD, OpenGraph, other meta tags,
// <time>, visible bylines/datelines, URL date patterns.
// Internal to extract/.
#ifndef NEWSARC_EXTRACT_METADATA_H_
#define NEWSARC_EXTRACT_METADATA_H_

#include <string>
#include <string_view>

#include <gumbo.h>

#include "extract/extract.h"

namespace newsarc::extract {

// Fills the metadata fields of `article` (everything except charset, text,
// markdown, html, links, reason). `root` is the Gumbo document root of the
// already-decoded (UTF-8) page; `url` may be empty.
void ExtractMetadata(const GumboNode* root, std::string_view url, Article* article,
                     const MetadataRules& rules = {});

// True when a short block of visible text is metadata rather than article
// prose: a byline ("By Jane Doe", "记者 张三"), a dateline or timestamp line
// ("Updated 3:05 PM", "2021-11-15 15:06 来源: 郑州日报"), an editor line
// ("责任编辑：蔡东海"), a photo credit. The body extractor drops such blocks.
bool LooksLikeMetadataLine(std::string_view text);

}  // namespace newsarc::extract

#endif  // NEWSARC_EXTRACT_METADATA_H_
