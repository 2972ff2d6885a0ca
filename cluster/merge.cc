// `newsarc cluster merge`: the shards as one archive, checked against the
// catalog.
#include <memory>
#include <string>
#include <unordered_set>

#include "base/progress.h"
#include "cluster/cluster.h"
#include "cluster/pg.h"
#include "cluster/schema.h"
#include "storage/storage.h"

namespace newsarc::cluster {

namespace {
constexpr int64_t kBatch = 2000;
}

Result<MergeResult> MergeShards(const std::string& db_url, const std::string& out_path,
                                const std::vector<std::string>& shards, bool show_progress) {
  if (shards.empty()) return Status::InvalidArgument("cluster merge", "no shards given");
  // Read the catalog first: a database that cannot be reached stops the
  // merge before it writes anything.
  Result<std::unique_ptr<Pg>> pg = Pg::Connect(db_url);
  if (!pg.ok()) return pg.status();
  Result<int> buckets = ReadClusterBuckets(**pg);
  if (!buckets.ok()) return buckets.status();
  std::unordered_set<std::string> catalog;
  Status st = (*pg)->Transact([&](pqxx::work& w) {
    for (const auto& row : (*pg)->Exec(w, "SELECT record_id FROM catalog")) {
      catalog.insert(row[0].as<std::string>());
    }
  });
  if (!st.ok()) return st;

  storage::ArchiveOptions out_options;
  out_options.holder = "cluster merge";
  Result<std::unique_ptr<storage::Archive>> out = storage::Archive::Open(out_path, out_options);
  if (!out.ok()) return out.status();
  MergeResult result;
  Progress progress("merge", 0, show_progress && Progress::StderrIsTerminal());
  for (const std::string& shard : shards) {
    if (shard == out_path) {
      return Status::InvalidArgument("cluster merge " + shard, "is also the --out archive");
    }
    storage::ArchiveOptions in_options;
    in_options.read_only = true;
    in_options.create = false;
    Result<std::unique_ptr<storage::Archive>> in = storage::Archive::Open(shard, in_options);
    if (!in.ok()) return in.status().WithContext("shard");
    NEWSARC_RETURN_IF_ERROR((*out)->Begin());
    int64_t in_batch = 0;
    Status failure;
    Status walk = (*in)->ForEach([&](const storage::WarcRecord& record) {
      if (InterruptRequested()) {
        result.interrupted = true;
        return false;
      }
      std::string id(record.Get("WARC-Record-ID"));
      Result<bool> there = (*out)->Contains(id);
      if (!there.ok()) {
        failure = there.status();
        return false;
      }
      if (*there) {
        ++result.duplicates;
      } else {
        Result<std::string> put = (*out)->Put(record);
        if (!put.ok()) {
          failure = put.status().WithContext("shard " + shard);
          return false;
        }
        ++result.records;
      }
      if (record.Get("WARC-Type") == "response" && catalog.count(id) == 0) ++result.uncatalogued;
      if (++in_batch >= kBatch) {
        in_batch = 0;
        failure = (*out)->Commit();
        if (failure.ok()) failure = (*out)->Begin();
        if (!failure.ok()) return false;
      }
      progress.Update(static_cast<uint64_t>(result.records + result.duplicates), shard);
      return true;
    });
    if (!failure.ok()) {
      (void)(*out)->Rollback();
      return failure;
    }
    if (!walk.ok()) {
      (void)(*out)->Rollback();
      return walk.WithContext("shard " + shard);
    }
    NEWSARC_RETURN_IF_ERROR((*out)->Commit());
    if (result.interrupted) break;
  }
  progress.Finish();
  if (!result.interrupted) {
    // Every capture a node shipped must have come through: one missing
    // means a shard was left out or lost.
    for (const std::string& id : catalog) {
      Result<bool> there = (*out)->Contains(id);
      if (!there.ok()) return there.status();
      if (*there) {
        ++result.catalogued;
      } else {
        ++result.missing;
        if (result.missing_examples.size() < 5) result.missing_examples.push_back(id);
      }
    }
  }
  return result;
}

}  // namespace newsarc::cluster
