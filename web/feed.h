// Atom feeds (RFC 4287) of an archive's changes: /feed/changes.atom for the
// archive, ?host=H for one site (and its subdomains), ?url=U for one
// article. Newest first, the 50 latest edits and deletions (cosmetic ones
// with cosmetic=1), each linking to its diff. Internal to web/.
#ifndef NEWSARC_WEB_FEED_H_
#define NEWSARC_WEB_FEED_H_

#include "web/context.h"
#include "web/params.h"
#include "web/reply.h"

namespace newsarc::web {

Reply ChangesFeed(Context& ctx, Params& p);

// Escapes text for XML and HTML (& < > " ').
std::string EscapeMarkup(std::string_view text);

}  // namespace newsarc::web

#endif  // NEWSARC_WEB_FEED_H_
