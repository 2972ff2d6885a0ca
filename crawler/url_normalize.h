// Crawl URL normalisation: one frontier entry per normalised URL.
//
// NormalizeUrl / NormalizeLink take any text and give either an http(s) Url
// in canonical form or an error naming the input. Steps, in order:
//  1. Clean the reference as browsers do (WHATWG URL): trim C0 controls and
//     spaces, drop tabs and newlines, read "http:foo" relative to an http
//     base, '\' as '/' before the query, %2E as '.' in dot segments, and
//     %-encode non-ASCII, controls and spaces outside the host (UTF-8 bytes,
//     upper-case hex).
//  2. Resolve against the base (RFC 3986, libcurl's URL API through
//     base/url.h). "" and "#x" keep the base's path and query.
//  3. Only http and https are accepted (mailto:, javascript:, ftp:, data:
//     ... are refused with an error), with a host free of WHATWG forbidden
//     code points; a host ending in a number must be a valid IPv4 address
//     (hex/octal/short forms accepted) and is written dotted-decimal.
//  4. Scheme and host lower case, default port (80/443) dropped, dot
//     segments resolved, empty path -> "/" (libcurl + base/url.h).
//  5. The fragment is dropped.
//  6. %-escapes: hex digits upper-cased; escapes of unreserved characters
//     (A-Z a-z 0-9 - _ ~; not ".", which could form a dot segment) decoded
//     (RFC 3986 section 6.2.2.2).
//  7. Query: tracking parameters removed (kTrackingParams below; names
//     compared case-insensitively, "utm_" as a prefix), empty "&&" pieces
//     removed, the order of the others kept; a query left empty is removed
//     with its '?'.
// Steps 1-4 are checked against the WHATWG URL tests (web-platform-tests);
// tests/testdata/url/known_deviations.txt lists where libcurl still differs
// (IDNA, userinfo, IPv6 text, empty "?"/"#").
// Nothing else changes: no path case folding, no trailing-slash or "www."
// games, no parameter sorting (sites differ, and an archive must not
// invent URLs).
#ifndef NEWSARC_CRAWLER_URL_NORMALIZE_H_
#define NEWSARC_CRAWLER_URL_NORMALIZE_H_

#include <string>
#include <string_view>

#include "base/status.h"
#include "base/url.h"

namespace newsarc::crawler {

// Query parameters that only identify a campaign or a click, never content.
// Names are matched case-insensitively; entries ending in '_' are prefixes.
inline constexpr std::string_view kTrackingParams[] = {
    "utm_",        // Google Analytics campaign: utm_source, utm_medium, ...
    "fbclid",      // Facebook click id
    "gclid",       // Google Ads click id
    "gclsrc",      // Google Ads click source
    "dclid",       // DoubleClick click id
    "gbraid",      // Google Ads (iOS) click ids
    "wbraid",
    "msclkid",     // Microsoft Ads click id
    "yclid",       // Yandex click id
    "twclid",      // Twitter/X click id
    "ttclid",      // TikTok click id
    "li_fat_id",   // LinkedIn
    "igshid",      // Instagram share id
    "mc_cid",      // Mailchimp campaign id
    "mc_eid",      // Mailchimp subscriber id
    "_ga",         // Google Analytics cross-domain linker
    "_gl",
    "_hsenc",      // HubSpot
    "_hsmi",
    "__hssc",
    "__hstc",
    "__hsfp",
    "hsctatracking",
    "mkt_tok",     // Marketo
    "oly_anon_id", // Omeda
    "oly_enc_id",
    "vero_id",     // Vero
    "vero_conv",
    "rb_clickid",  // Rakuten
    "s_kwcid",     // Adobe
    "ncid",        // Yahoo / Verizon Media newsletters and feeds
    "ocid",        // Microsoft (MSN) referral id
    "spm",         // Alibaba-group (Taobao, Youku, ...) click position
};

// True when a query parameter named `name` is removed.
bool IsTrackingParam(std::string_view name);

// Normalises an absolute URL (steps 1-6).
Result<Url> NormalizeUrl(std::string_view text);
// Resolves `ref` (relative or absolute) against `base`, then normalises.
Result<Url> NormalizeLink(const Url& base, std::string_view ref);

// Resolution only (steps 1-4, fragment kept): what a browser would navigate
// to, restricted to http(s). `base` may be null for an absolute URL.
Result<Url> ResolveHttpUrl(const Url* base, std::string_view ref);

// Host scope: true when `url` has the same host as `seed` (case-insensitive;
// port and scheme may differ, so http -> https upgrades stay in scope).
bool SameHost(const Url& seed, const Url& url);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_URL_NORMALIZE_H_
