#include "web/wacz.h"

#include <filesystem>
#include <mutex>

#include "base/digest.h"
#include "corpus/corpus.h"

namespace newsarc::web {

Reply WaczDownload(Context& ctx, Params& p) {
  std::vector<std::string> sites = p.All("site");
  const std::string versions = p.OneOf("versions", "latest", {"latest", "all"});
  if (p.error()) return *p.error();
  if (ctx.options().cache_dir.empty()) {
    return ErrorReply(Status::Unsupported("wacz download", "no cache directory"));
  }
  auto archive = ctx.Archive();
  if (!archive.ok()) return ErrorReply(archive.status());
  auto last = (*archive)->LastRecordRowid();
  if (!last.ok()) return ErrorReply(last.status());
  // One file per archive state and parameters.
  std::string key = std::to_string(*last) + "|" + versions;
  for (const std::string& s : sites) key += "|" + s;
  const std::string path =
      ctx.options().cache_dir + "/archive-" + HexEncode(Sha256Raw(key)).substr(0, 16) + ".wacz";
  static std::mutex building;  // one export at a time; the others wait for it
  std::lock_guard<std::mutex> lock(building);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    corpus::CorpusOptions o;
    o.format = corpus::CorpusFormat::kWacz;
    o.out = path;
    o.force = true;
    o.filter.sites = sites;
    o.versions = versions == "all" ? corpus::VersionPolicy::kAll : corpus::VersionPolicy::kLatest;
    o.title = "newsarc archive " + std::filesystem::path(ctx.archive_path()).filename().string();
    Status s = corpus::ExportCorpus(**archive, o);
    if (!s.ok()) return ErrorReply(s);
  }
  Reply r;
  r.file = path;
  r.content_type = "application/wacz";
  // No Access-Control-Allow-Origin: another site open in the same browser
  // must not read the archive through it.
  r.headers = {{"Content-Disposition", "attachment; filename=\"archive.wacz\""}};
  return r;
}

}  // namespace newsarc::web
