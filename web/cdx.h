// Machine interfaces of web archives over the archive's capture index:
//  - /cdx, a CDX server with pywb's parameters: url, matchType
//    (exact|prefix|host|domain), from, to (1-14 digit timestamps, to
//    inclusive), limit, sort=reverse, output=json (one JSON object a line;
//    default: CDXJ lines "urlkey timestamp {json}"), fl (fields), filter
//    ([!]field:regex, [!]=field:value, [!]~field:substring; repeatable),
//    collapse (field or field:N);
//  - /timemap/link/URL, a Memento TimeMap (RFC 7089, application/link-format);
//  - /timegate/URL, a Memento TimeGate: 302 to the memento nearest
//    Accept-Datetime (the latest without it).
// Mementos are the replay origin's /TIMESTAMP/URL. Internal to web/.
#ifndef NEWSARC_WEB_CDX_H_
#define NEWSARC_WEB_CDX_H_

#include <string>

#include "web/context.h"
#include "web/params.h"
#include "web/reply.h"

namespace newsarc::web {

Reply CdxQuery(Context& ctx, Params& p);
Reply TimeMap(Context& ctx, const std::string& url);
Reply TimeGate(Context& ctx, const std::string& url, const std::string& accept_datetime);

}  // namespace newsarc::web

#endif  // NEWSARC_WEB_CDX_H_
