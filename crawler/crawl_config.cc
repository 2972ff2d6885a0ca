#include "crawler/crawl_config.h"

#include <nlohmann/json.hpp>

namespace newsarc::crawler {

namespace {

using nlohmann::json;

// Reads j[key] into *out when present; a value of the wrong type throws
// json::type_error, turned into InvalidArgument by the caller.
template <typename T>
void Read(const json& j, const char* key, T* out) {
  auto it = j.find(key);
  if (it != j.end() && !it->is_null()) *out = it->get<T>();
}

}  // namespace

const char* ScopeName(Scope scope) {
  switch (scope) {
    case Scope::kHost: return "host";
    case Scope::kDomain: return "domain";
    case Scope::kAny: return "any";
  }
  return "host";
}

Result<Scope> ParseScope(std::string_view name) {
  if (name == "host") return Scope::kHost;
  if (name == "domain") return Scope::kDomain;
  if (name == "any") return Scope::kAny;
  return Status::InvalidArgument("--scope " + std::string(name),
                                 "must be host, domain or any");
}

std::string CrawlOptionsToJson(const CrawlOptions& o) {
  const PolitenessOptions& p = o.politeness;
  const FetcherOptions& f = o.fetcher;
  json j = {
      {"seeds", o.seeds},
      {"scope", ScopeName(o.scope)},
      {"include", o.include},
      {"content_types", o.content_types},
      {"exclude", o.exclude},
      {"max_depth", o.max_depth},
      {"max_pages", o.max_pages},
      {"max_pages_per_host", o.max_pages_per_host},
      {"max_redirects", o.max_redirects},
      {"max_tries", o.max_tries},
      {"sitemaps", o.sitemaps},
      {"feeds", o.feeds},
      {"page_requisites", o.page_requisites},
      {"extract", o.extract},
      {"ignore_robots", o.ignore_robots},
      {"revisit_initial_us", o.revisit_initial},
      {"revisit_min_us", o.revisit_min},
      {"revisit_max_us", o.revisit_max},
      {"recheck_all", o.recheck_all},
      {"delay_us", p.delay},
      {"honor_crawl_delay", p.honor_crawl_delay},
      {"max_crawl_delay_us", p.max_crawl_delay},
      {"max_connections_per_host", p.max_connections_per_host},
      {"max_retry_after_us", p.max_retry_after},
      {"concurrency", f.max_concurrency},
      {"connect_timeout_us", f.connect_timeout},
      {"total_timeout_us", f.total_timeout},
      {"low_speed_time_us", f.low_speed_time},
      {"max_body_bytes", f.max_body_bytes},
      {"allow_private", f.allow_private},
      {"resolve", f.resolve},
      {"proxy", f.proxy},
      {"user_agent", f.user_agent},
      {"http11", f.http_version == HttpVersionPolicy::kHttp11},
  };
  return j.dump();
}

Result<CrawlOptions> CrawlOptionsFromJson(std::string_view text, std::string_view what) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::InvalidArgument(what, "not a JSON object of crawl options");
  }
  CrawlOptions o;
  PolitenessOptions& p = o.politeness;
  FetcherOptions& f = o.fetcher;
  try {
    std::string scope = "host";
    bool http11 = false;
    Read(j, "seeds", &o.seeds);
    Read(j, "scope", &scope);
    Read(j, "include", &o.include);
    Read(j, "content_types", &o.content_types);
    Read(j, "exclude", &o.exclude);
    Read(j, "max_depth", &o.max_depth);
    Read(j, "max_pages", &o.max_pages);
    Read(j, "max_pages_per_host", &o.max_pages_per_host);
    Read(j, "max_redirects", &o.max_redirects);
    Read(j, "max_tries", &o.max_tries);
    Read(j, "sitemaps", &o.sitemaps);
    Read(j, "feeds", &o.feeds);
    Read(j, "page_requisites", &o.page_requisites);
    Read(j, "extract", &o.extract);
    Read(j, "ignore_robots", &o.ignore_robots);
    Read(j, "revisit_initial_us", &o.revisit_initial);
    Read(j, "revisit_min_us", &o.revisit_min);
    Read(j, "revisit_max_us", &o.revisit_max);
    Read(j, "recheck_all", &o.recheck_all);
    Read(j, "delay_us", &p.delay);
    Read(j, "honor_crawl_delay", &p.honor_crawl_delay);
    Read(j, "max_crawl_delay_us", &p.max_crawl_delay);
    Read(j, "max_connections_per_host", &p.max_connections_per_host);
    Read(j, "max_retry_after_us", &p.max_retry_after);
    Read(j, "concurrency", &f.max_concurrency);
    Read(j, "connect_timeout_us", &f.connect_timeout);
    Read(j, "total_timeout_us", &f.total_timeout);
    Read(j, "low_speed_time_us", &f.low_speed_time);
    Read(j, "max_body_bytes", &f.max_body_bytes);
    Read(j, "allow_private", &f.allow_private);
    Read(j, "resolve", &f.resolve);
    Read(j, "proxy", &f.proxy);
    Read(j, "user_agent", &f.user_agent);
    Read(j, "http11", &http11);
    if (http11) f.http_version = HttpVersionPolicy::kHttp11;
    Result<Scope> s = ParseScope(scope);
    if (!s.ok()) return s.status().WithContext(what);
    o.scope = *s;
  } catch (const json::exception& e) {
    return Status::InvalidArgument(what, std::string("bad crawl option: ") + e.what());
  }
  return o;
}

}  // namespace newsarc::crawler
