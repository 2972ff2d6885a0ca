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

 private:
  Scope scope_;
  std::vector<std::string> hosts_;    // seed hosts, "www." removed for kDomain
  std::vector<std::regex> include_, exclude_;
};

// The scheduling key of a URL: its host, with ":port" when not the default.
std::string HostKey(const Url& url);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_SCOPE_H_
