// Scope: which URLs a crawl may fetch, decided from its seeds and options.
// Pure; thread-compatible.
#ifndef NEWSARC_CRAWLER_SCOPE_H_
#define NEWSARC_CRAWLER_SCOPE_H_

#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/url.h"

namespace newsarc::crawler {

enum class Scope;

class ScopeRules {
 public:
  // Fails on a regex that does not compile (the message names it).
  static Result<ScopeRules> Make(Scope scope, const std::vector<Url>& seeds,
                                 const std::vector<std::string>& include,
                                 const std::vector<std::string>& exclude);

  // True when `url` (normalised, http or https) is in scope.
  bool InScope(const Url& url) const;
  // Host part of the scope alone (sitemaps and redirects use it).
  bool HostInScope(std::string_view host) const;
  // True when a page requisite at `url` may be fetched: any http(s) host
  // (stylesheets and images live on CDNs) that no --exclude pattern
  // matches. --include is about which pages to crawl and does not restrict
  // requisites; nor do the seeds' hosts, as requisites are never crawled.
  bool RequisiteInScope(const Url& url) const;

 private:
  bool Excluded(const std::string& spec) const;

  Scope scope_;
  std::vector<std::string> hosts_;    // seed hosts, "www." removed for kDomain
  std::vector<std::regex> include_, exclude_;
};

// "--content-type" values: a media type ("text/html") or range ("image/*",
// "*/*"), returned lower-cased; anything else is an error naming it.
Result<std::string> CheckMediaRange(std::string_view range);

// True when `accepted` is empty or the media type of `content_type` (a
// Content-Type field value; parameters ignored) matches one of its ranges.
// A missing Content-Type matches only "*/*" or an empty list.
bool ContentTypeAccepted(std::string_view content_type, const std::vector<std::string>& accepted);

// The media type a URL's file extension announces ("image/jpeg" for
// ".../a.JPG?x=1"), for the common non-page types; "" when unknown (pages
// themselves, with .html, .php or no extension, give "").
std::string MediaTypeFromExtension(const Url& url);

// The scheduling key of a URL: its host, with ":port" when not the default.
std::string HostKey(const Url& url);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_SCOPE_H_
