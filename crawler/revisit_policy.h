// When to look at a known URL again (scheduled re-crawls).
//
// Articles are re-checked on an interval that adapts per URL: a change
// halves it (the page is being edited: look sooner), no change doubles it
// (look later), always within [revisit_min, revisit_max]; a new article
// starts at revisit_initial. Feeds, sitemaps and robots.txt are how new
// articles are found, so they are re-read at the shortest interval. Page
// requisites at the longest: a changed stylesheet or image usually gets a
// new URL, which the changed page brings with it.
#ifndef NEWSARC_CRAWLER_REVISIT_POLICY_H_
#define NEWSARC_CRAWLER_REVISIT_POLICY_H_

#include "base/time.h"
#include "crawler/crawler.h"
#include "storage/storage.h"

namespace newsarc::crawler {

// `current` is the URL's interval so far (0 for a first capture).
Micros NextRevisitInterval(const CrawlOptions& options, storage::UrlKind kind, Micros current,
                           bool changed);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_REVISIT_POLICY_H_
