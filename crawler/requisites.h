// Page requisites: what a browser loads to show a captured page, so that a
// replay of the archive looks like the page did (wget -p, Heritrix's embeds).
//
// From an HTML page (read with html_scan.h, so O(n) whatever the markup):
// - <link href> with rel stylesheet, icon, apple-touch-icon(-precomposed)
//   or mask-icon; rel preload with as=style|font|image|script (and every
//   imagesrcset candidate) and rel modulepreload;
// - <img src> and every candidate of its srcset, every srcset candidate of
//   each <source> (in <picture>), <input type=image src>, <video poster>,
//   the background attribute of body, table, td and th;
// - <script src>: archived so a replay has it, although newsarc's replay
//   sandbox does not run scripts;
// - url() and @import in <style> elements and in style attributes.
// Not taken: iframes (pages of their own), <video>/<audio> sources and
// <object>/<embed> (media and plugins: large, and not needed to show the
// page), lazy-loading attributes (data-src: a script's business), <a href>.
// srcset: a browser picks one candidate for its viewport, density and sizes,
// and does not fall back to src when that one is missing, so a replay in
// any browser needs every candidate. Measured: with src and the largest
// candidate only, ReplayWeb.page 2.5.3 in Chromium showed the image at a
// 1280-pixel viewport (it picked the largest, 1200w) and a broken one at 375
// pixels (it picked 600w); on 122 real news pages every candidate gives
// 7,005 requisites against 6,507 with the largest only (8% more requests,
// most of them for smaller copies).
//
// From a stylesheet: its @import rules and url() references (css_urls.h).
//
// Every URL is resolved against the page's first <base href> or its URL
// (a stylesheet's against the stylesheet's own URL), then normalised with
// NormalizeLink (url_normalize.h); what gives no http(s) URL (data:,
// fragments such as url(#clip), garbage) is dropped. Unique, in document
// order, at most kMaxRequisitesPerDocument (and at most 16 times as many
// distinct references resolved). Never fails.
#ifndef NEWSARC_CRAWLER_REQUISITES_H_
#define NEWSARC_CRAWLER_REQUISITES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/url.h"

namespace newsarc::crawler {

// A page or stylesheet referring to more is cut there: a bound on the
// requests one document can cause (a long news front page has a few hundred
// images, some with several srcset candidates).
inline constexpr size_t kMaxRequisitesPerDocument = 1000;

// `html` is the page as UTF-8 (decoded as for links.h).
std::vector<std::string> ExtractHtmlRequisites(std::string_view html, const Url& page_url);

// `css` is the stylesheet's body (Content-Encoding removed).
std::vector<std::string> ExtractCssRequisites(std::string_view css, const Url& css_url);

// The Referer a browser sends when it loads `requisite` for the page or
// stylesheet `via`, under its default policy (strict-origin-when-cross-
// origin): `via` itself on the same origin, only its origin ("https://
// news.example/") on another, nothing from https to http or when `via` is
// not a URL. Some CDNs refuse images to requests without one.
std::string RequisiteReferer(std::string_view via, std::string_view requisite);

// The candidate URLs of a srcset attribute, in order, as written (not
// resolved). Parsed as the HTML standard says: candidates split at commas
// after a URL or its descriptors, commas inside a URL kept, a comma inside
// parentheses no split; a candidate with an invalid descriptor (not one
// positive integer width "800w", or one density "1.5x"; "600h" is ignored)
// is dropped, as browsers drop it.
std::vector<std::string> SrcsetUrls(std::string_view srcset);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_REQUISITES_H_
