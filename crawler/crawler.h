// newsarc's crawler: seeds in, every reachable in-scope page archived.
//
// Crawl() ties the pieces together: the frontier in the archive
// (storage/frontier.h), per-host politeness (host_scheduler.h), robots.txt
// (robots.h), the libcurl-multi fetcher (fetcher.h), discovery from links,
// sitemaps and feeds, extraction of every HTML response (extract/extract.h)
// into a conversion record, and the WARC records of each exchange (request,
// response or revisit, metadata).
//
// A crawl can be interrupted (Ctrl-C: InterruptRequested()) or killed at any
// point; `resume` carries on from the frontier. Running Crawl() again on an
// archive whose crawl finished starts a new run that re-checks known URLs
// with conditional requests.
//
// This is the module's face: code outside crawler/ includes only this
// header. Besides Crawl() it offers what the command line needs beside a
// crawl: flag parsing for crawl options (crawl_config.h), seed lists
// (seeds.h), URL scope rules (scope.h), schedules of re-crawls
// (schedules.h), robots.txt matching (robots.h) and re-extraction of an
// archive (reextract.h).
#ifndef NEWSARC_CRAWLER_CRAWLER_H_
#define NEWSARC_CRAWLER_CRAWLER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "crawler/fetcher.h"
#include "crawler/host_scheduler.h"

namespace newsarc::crawler {

class Coordinator;  // coordinator.h

enum class Scope {
  kHost,    // the seeds' hosts only (default)
  kDomain,  // the seeds' hosts and their subdomains (www. ignored)
  kAny,     // anything reachable (bounded by max_depth / max_pages)
};

struct CrawlOptions {
  std::string archive;             // the archive file (created when missing)
  std::vector<std::string> seeds;  // seed URLs
  bool resume = false;             // continue an interrupted run

  Scope scope = Scope::kHost;
  std::vector<std::string> include;  // ECMAScript regexes on the URL; any must match
  std::vector<std::string> exclude;  // none may match
  // Media types a page may have ("text/html", "image/*"); empty: any. A page
  // answered with another type is not downloaded: the transfer stops at the
  // head, which is archived (WARC-Truncated: unspecified). Links whose file
  // extension names a refused type are not queued at all. Robots.txt,
  // sitemaps and feeds are always read.
  std::vector<std::string> content_types;
  int max_depth = 20;                // links from a seed
  int64_t max_pages = 0;             // total pages fetched this run (0: no limit)
  int64_t max_pages_per_host = 0;    // 0: no limit
  int max_redirects = 10;            // hops per chain
  int max_tries = 3;                 // attempts per URL before giving up
  bool sitemaps = true;              // read robots Sitemap: lines and /sitemap.xml
  bool feeds = true;                 // follow <link rel=alternate> RSS/Atom feeds
  // --page-requisites: every captured HTML page also gets what a browser
  // loads to show it (stylesheets, images, fonts, scripts: requisites.h),
  // so the archive can replay it. Requisites are fetched on any host (CDNs)
  // but never crawled further: links in them are not followed, and their
  // hosts' pages are not in scope; their requests carry a browser's Referer
  // (requisites.h). robots.txt and each host's politeness apply to them as
  // to pages. --exclude applies; --include,
  // --content-type, --max-depth and the page limits do not (they are about
  // pages: a requisite is at its page's depth, has its own types, and the
  // requisites of the last page a limit allows are still fetched).
  // Stylesheets are read for @import and url() down to kMaxStylesheetLevel
  // (discovery.h). Scheduled runs re-check a requisite every revisit_max.
  bool page_requisites = false;
  // Response content types that are archived and parsed for links; others
  // are archived only when linked directly.
  bool extract = true;               // run the extractor on HTML responses
  bool ignore_robots = false;        // for one's own sites only

  PolitenessOptions politeness;
  FetcherOptions fetcher;

  // Scheduled re-crawls: the first re-visit interval of an article, and the
  // bounds the adaptive interval moves within.
  Micros revisit_initial = 6 * 3600 * kSecond;
  Micros revisit_min = 1 * 3600 * kSecond;
  Micros revisit_max = 7 * 24 * 3600 * kSecond;
  // A new run re-checks every known URL (true) or only those due (false).
  bool recheck_all = true;

  bool progress = true;  // a progress line on stderr when it is a terminal
  std::string log_json;  // append one JSON line per fetch to this file
  // Stop after this long (0: until the frontier is empty). For tests.
  Micros max_duration = 0;
  // One node of a cluster (coordinator.h, cluster/cluster.h): the shared
  // frontier and the leases live there; not saved with the options. The
  // caller owns it and keeps it alive for the crawl.
  Coordinator* coordinator = nullptr;
};

struct CrawlStats {
  int64_t fetched = 0;       // responses received (any status)
  int64_t archived = 0;      // response and revisit records written
  int64_t pages_200 = 0;
  int64_t revisits = 0;      // not-modified or identical payload
  int64_t changed = 0;       // re-crawled pages whose content changed
  int64_t redirects = 0;
  int64_t errors = 0;        // network errors and 4xx/5xx
  int64_t robots_blocked = 0;
  int64_t refused_type = 0;  // pages whose Content-Type --content-type refused
  int64_t gave_up = 0;
  int64_t extracted = 0;
  int64_t requisites = 0;    // page requisites archived (responses and revisits)
  int64_t queued_left = 0;
  int64_t discovered = 0;    // URLs new to the archive's frontier this run
  bool interrupted = false;
  double seconds = 0;
};

// Checks seeds, scope regexes and fetcher options without crawling.
Status CheckCrawlOptions(const CrawlOptions& options);

// Runs a crawl. Returns OK when the crawl ended (frontier exhausted, a limit
// reached); Cancelled when interrupted (the archive is consistent and
// `resume` continues it); other errors for archive or option problems.
Status Crawl(const CrawlOptions& options, CrawlStats* stats);

}  // namespace newsarc::crawler

// The rest of the face. Last, because crawl_config.h and schedules.h build
// on the declarations above.
#include "crawler/coordinator.h"   // IWYU pragma: export
#include "crawler/crawl_config.h"  // IWYU pragma: export
#include "crawler/politeness_store.h"  // IWYU pragma: export
#include "crawler/reextract.h"     // IWYU pragma: export
#include "crawler/robots.h"        // IWYU pragma: export
#include "crawler/schedules.h"     // IWYU pragma: export
#include "crawler/scope.h"         // IWYU pragma: export
#include "crawler/seeds.h"         // IWYU pragma: export

#endif  // NEWSARC_CRAWLER_CRAWLER_H_
