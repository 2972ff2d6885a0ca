// The JSON API, one handler per view (README, "Serve"):
//   /api/articles   one row per article URL, filtered, sorted, paged
//   /api/article    one version: clean text and metadata, digests, chain
//                   position and verify status, WARC and HTTP headers,
//                   neighbours, and the URL's timeline
//   /api/history    every capture of a URL (= newsarc history --format json)
//   /api/diff       two versions compared (= newsarc diff --format json)
//   /api/changes    edited and deleted articles (= newsarc changes --format json)
//   /api/search     full text, BM25, snippets (= newsarc search --format json)
//   /api/status     the archive and its index
//   /raw            a capture's payload, as a download
// Internal to web/.
#ifndef NEWSARC_WEB_API_H_
#define NEWSARC_WEB_API_H_

#include "web/context.h"
#include "web/params.h"
#include "web/reply.h"

namespace newsarc::web {

Reply ApiArticles(Context& ctx, Params& p);
Reply ApiArticle(Context& ctx, Params& p);
Reply ApiHistory(Context& ctx, Params& p);
Reply ApiDiff(Context& ctx, Params& p);
Reply ApiChanges(Context& ctx, Params& p);
Reply ApiSearch(Context& ctx, Params& p);
Reply ApiStatus(Context& ctx, Params& p);
Reply RawPayload(Context& ctx, Params& p);

}  // namespace newsarc::web

#endif  // NEWSARC_WEB_API_H_
