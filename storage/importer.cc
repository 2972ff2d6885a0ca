#include "storage/importer.h"

#include <filesystem>
#include <memory>

#include "storage/warc/warc.h"

namespace newsarc::storage {
namespace {
constexpr size_t kMaxRejectionMessages = 20;

bool IsRecordProblem(const Status& s) {
  return s.code() == Status::Code::kInvalidArgument || s.code() == Status::Code::kCorrupt;
}
}  // namespace

Result<ImportFileResult> ImportWarcFile(Archive& archive, const std::string& path,
                                        const ImportOptions& options) {
  ImportFileResult result;
  result.file = path;
  Result<std::unique_ptr<WarcReader>> opened = WarcReader::Open(path);
  if (!opened.ok()) {
    result.damage = opened.status();
    return result;
  }
  WarcReader& reader = **opened;
  RecordSource source;
  source.filename = std::filesystem::path(path).filename().string();

  NEWSARC_RETURN_IF_ERROR(archive.Begin());
  int64_t batch_records = 0;
  uint64_t batch_bytes = 0;
  WarcRecord record;
  WarcRecordLocation where;
  for (;;) {
    if (options.interrupted && options.interrupted()) {
      result.interrupted = true;
      break;
    }
    Result<bool> more = reader.Next(&record, &where);
    result.bytes = reader.bytes_read();
    if (!more.ok()) {
      result.damage = more.status();
      break;
    }
    if (!*more) break;
    ++result.read;

    Result<bool> existed = archive.Contains(std::string(record.id()));
    if (!existed.ok()) {
      (void)archive.Commit();
      return existed.status();
    }
    source.offset = where.offset;
    Result<std::string> put = archive.Put(record, &source);
    if (!put.ok()) {
      if (!IsRecordProblem(put.status())) {
        // The savepoint undid this record; keep the batch before it.
        Status commit = archive.Commit();
        if (!commit.ok()) return commit;
        return put.status();
      }
      ++result.rejected;
      if (result.rejections.size() < kMaxRejectionMessages) {
        result.rejections.push_back("offset " + std::to_string(where.offset) + ": " +
                                    put.status().message());
      }
    } else if (*existed) {
      ++result.duplicates;
    } else {
      ++result.imported;
    }
    ++batch_records;
    batch_bytes += record.block.size();
    if (batch_records >= options.batch_records || batch_bytes >= options.batch_bytes) {
      NEWSARC_RETURN_IF_ERROR(archive.Commit());
      NEWSARC_RETURN_IF_ERROR(archive.Begin());
      batch_records = 0;
      batch_bytes = 0;
    }
    if (options.progress) options.progress(result.bytes);
  }
  // What the reader converted and repaired, once per file (not per record).
  result.converted = reader.converted();
  result.warnings = reader.warnings().first;
  result.warning_count = reader.warnings().total;
  NEWSARC_RETURN_IF_ERROR(archive.Commit());
  return result;
}

}  // namespace newsarc::storage
