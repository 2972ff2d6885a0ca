// CrawlOptions as JSON: the archive keeps the options of its last crawl run
// (so `--resume` continues with exactly them) and of each schedule.
#ifndef NEWSARC_CRAWLER_CRAWL_CONFIG_H_
#define NEWSARC_CRAWLER_CRAWL_CONFIG_H_

#include <string>
#include <string_view>

#include "base/status.h"
#include "crawler/crawler.h"

namespace newsarc::crawler {

// Every option that shapes what a crawl fetches; `archive`, `resume` and
// the terminal/log settings are per invocation and not included.
std::string CrawlOptionsToJson(const CrawlOptions& options);
// Missing keys keep their defaults; a wrong type is InvalidArgument naming
// the key. `what` names the source in messages.
Result<CrawlOptions> CrawlOptionsFromJson(std::string_view json, std::string_view what);

// "host", "domain", "any"; ParseScope fails on anything else.
const char* ScopeName(Scope scope);
Result<Scope> ParseScope(std::string_view name);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_CRAWL_CONFIG_H_
