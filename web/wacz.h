// /download/archive.wacz: the archive's articles as a WACZ (corpus/, WACZ
// 1.1.1, as `newsarc export --format wacz` writes it), served with HTTP
// ranges so ReplayWeb.page (served from the same origin) can open it by URL. Parameters: site (repeatable),
// versions=latest|all. The file is built on first request into the cache
// directory and reused while the archive has no new record. Internal to web/.
#ifndef NEWSARC_WEB_WACZ_H_
#define NEWSARC_WEB_WACZ_H_

#include "web/context.h"
#include "web/params.h"
#include "web/reply.h"

namespace newsarc::web {

Reply WaczDownload(Context& ctx, Params& p);

}  // namespace newsarc::web

#endif  // NEWSARC_WEB_WACZ_H_
