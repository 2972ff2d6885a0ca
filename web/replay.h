// Replay of archived pages, on the replay origin only (another port than the
// interface's, so an archived page never runs with the interface's rights).
//
//   GET /TIMESTAMP/URL      the capture of URL nearest TIMESTAMP (1-14
//                           digits), links rewritten into the archive
//   GET /TIMESTAMPid_/URL   the same bytes as archived, nothing rewritten
//
// Every response carries a Content-Security-Policy that allows nothing but
// this origin (no scripts at all, no plugins, no forms, frames only inside
// the interface), nosniff, Memento-Datetime and the original URL. In HTML
// and CSS every http(s) URL (href, src, srcset, poster, action, data,
// url(...), @import) is rewritten to /TIMESTAMP/URL here: captures that exist
// replay, the others answer "not in the archive". Internal to web/.
#ifndef NEWSARC_WEB_REPLAY_H_
#define NEWSARC_WEB_REPLAY_H_

#include <string>
#include <string_view>

#include "web/context.h"
#include "web/reply.h"

namespace newsarc::web {

// `target` is the raw request target after the leading "/".
Reply ReplayCapture(Context& ctx, std::string_view target);

// The policy of replayed responses; `frame_ancestors` is the interface's origin.
std::string ReplayPolicy(const std::string& frame_ancestors);

// Rewrites the URLs of an HTML page (`base_url` its address) to
// `prefix` + absolute URL. Exposed for tests.
std::string RewriteHtml(std::string_view html, const std::string& base_url,
                        const std::string& prefix);
std::string RewriteCss(std::string_view css, const std::string& base_url,
                       const std::string& prefix);

}  // namespace newsarc::web

#endif  // NEWSARC_WEB_REPLAY_H_
