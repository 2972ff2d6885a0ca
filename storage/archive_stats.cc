// Archive::Stats: counts and sizes for `newsarc stats`.
#include <sys/stat.h>

#include "storage/archive_impl.h"

namespace newsarc::storage {
namespace {

int64_t FileSize(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
}

}  // namespace

Result<ArchiveStats> ArchiveImpl::Stats() {
  ArchiveStats out;
  Result<Stmt> by_type =
      db_.Prepare("SELECT type, count(*) FROM records GROUP BY type ORDER BY type");
  if (!by_type.ok()) return by_type.status();
  for (;;) {
    Result<bool> row = by_type->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.records_by_type.emplace_back(std::string(by_type->Text(0)), by_type->Int(1));
    out.records += by_type->Int(1);
  }
  struct Query {
    int64_t* out;
    const char* sql;
  };
  const Query queries[] = {
      {&out.captures,
       "SELECT count(*) FROM records WHERE type IN ('response', 'revisit', 'resource')"},
      // The host part of a SURT key is everything up to ')'.
      {&out.hosts,
       "SELECT count(DISTINCT substr(surt, 1, instr(surt, ')'))) FROM records "
       "WHERE type IN ('response', 'revisit', 'resource') AND surt IS NOT NULL"},
      {&out.payloads, "SELECT count(*) FROM payloads"},
      {&out.logical_bytes, "SELECT coalesce(sum(block_size), 0) FROM records"},
      {&out.stored_bytes,
       "SELECT coalesce((SELECT sum(length(warc_headers) + coalesce(length(http_head), 0)) "
       "FROM records), 0) + coalesce((SELECT sum(length(data)) FROM payloads), 0)"},
  };
  for (const Query& q : queries) {
    Result<int64_t> v = db_.QueryInt(q.sql);
    if (!v.ok()) return v.status();
    *q.out = *v;
  }
  out.file_bytes = FileSize(path_) + FileSize(path_ + "-wal");
  return out;
}

}  // namespace newsarc::storage
