// The API's JSON for the command line (`newsarc search`, `newsarc articles`):
// the same handlers, on a context without servers.
#include <nlohmann/json.hpp>

#include "web/api.h"
#include "web/web.h"

namespace newsarc::web {
namespace {

Result<std::string> Run(const std::string& archive, const Params::List& params,
                        Reply (*handler)(Context&, Params&)) {
  ServeOptions o;
  o.archive = archive;
  Context ctx(o);
  IndexStatus s;
  Result<storage::ArticleIndex*> index = ctx.Index();
  if (!index.ok()) return index.status();
  Result<int64_t> through = (*index)->IndexedThrough();
  if (!through.ok()) return through.status();
  s.ready = *through > 0;
  if (!s.ready) s.error = "not built yet: run newsarc index --archive " + archive;
  ctx.set_index_status(s);
  Params p(params);
  Reply r = handler(ctx, p);
  if (r.status != 200) {
    // The reply's JSON error: {"error": "...", ...}.
    nlohmann::json j = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
    const std::string message =
        j.is_object() && j.contains("error") ? j["error"].get<std::string>() : r.body;
    if (r.status == 400) return Status::InvalidArgument("", message);
    if (r.status == 404) return Status::NotFound("", message);
    return Status::Unsupported("", message);
  }
  return r.body;
}

}  // namespace

Result<std::string> SearchJson(const std::string& archive, const Params::List& params) {
  return Run(archive, params, ApiSearch);
}

Result<std::string> ArticlesJson(const std::string& archive, const Params::List& params) {
  return Run(archive, params, ApiArticles);
}

}  // namespace newsarc::web
