#include "crawler/scope.h"

#include "crawler/crawler.h"

namespace newsarc::crawler {

namespace {
std::string_view StripWww(std::string_view host) {
  if (host.substr(0, 4) == "www.") host.remove_prefix(4);
  return host;
}
}  // namespace

Result<ScopeRules> ScopeRules::Make(Scope scope, const std::vector<Url>& seeds,
                                    const std::vector<std::string>& include,
                                    const std::vector<std::string>& exclude) {
  ScopeRules r;
  r.scope_ = scope;
  for (const Url& s : seeds) {
    std::string h = scope == Scope::kDomain ? std::string(StripWww(s.host())) : s.host();
    if (!h.empty()) r.hosts_.push_back(h);
  }
  auto compile = [](const std::vector<std::string>& in, std::vector<std::regex>* out,
                    const char* flag) -> Status {
    for (const auto& pattern : in) {
      try {
        out->emplace_back(pattern, std::regex::ECMAScript | std::regex::optimize);
      } catch (const std::regex_error& e) {
        return Status::InvalidArgument(std::string(flag) + " \"" + pattern + "\"", e.what());
      }
    }
    return Status();
  };
  NEWSARC_RETURN_IF_ERROR(compile(include, &r.include_, "--include"));
  NEWSARC_RETURN_IF_ERROR(compile(exclude, &r.exclude_, "--exclude"));
  return r;
}

bool ScopeRules::HostInScope(std::string_view host) const {
  switch (scope_) {
    case Scope::kAny:
      return true;
    case Scope::kHost:
      for (const auto& h : hosts_) {
        if (h == host) return true;
      }
      return false;
    case Scope::kDomain: {
      std::string_view bare = StripWww(host);
      for (const auto& h : hosts_) {
        if (bare == h) return true;
        if (bare.size() > h.size() && bare.substr(bare.size() - h.size()) == h &&
            bare[bare.size() - h.size() - 1] == '.') {
          return true;
        }
      }
      return false;
    }
  }
  return false;
}

bool ScopeRules::InScope(const Url& url) const {
  if (url.scheme() != "http" && url.scheme() != "https") return false;
  if (!HostInScope(url.host())) return false;
  const std::string& spec = url.spec();
  if (!include_.empty()) {
    bool any = false;
    for (const auto& re : include_) {
      if (std::regex_search(spec, re)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  for (const auto& re : exclude_) {
    if (std::regex_search(spec, re)) return false;
  }
  return true;
}

std::string HostKey(const Url& url) {
  return url.port().empty() ? url.host() : url.host() + ":" + url.port();
}

}  // namespace newsarc::crawler
