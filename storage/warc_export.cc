#include "storage/warc_export.h"

#include <filesystem>
#include <optional>
#include <system_error>

#include "storage/warc/warc.h"

namespace newsarc::storage {
namespace {

namespace fs = std::filesystem;

bool IsSingleFile(const std::string& out) {
  return out.size() > 8 && out.compare(out.size() - 8, 8, ".warc.gz") == 0;
}

// Refuses to overwrite, or clears the way when forced. In a directory only
// our own outputs count: WARC files and the index.
Status PrepareOutput(const ExportOptions& options) {
  std::error_code ec;
  const std::string& out = options.out;
  std::string index = ExportIndexPath(out);
  if (IsSingleFile(out)) {
    for (const std::string& p : {out, index}) {
      if (!fs::exists(p, ec)) continue;
      if (!options.force) {
        return Status::InvalidArgument(p, "already exists (use --force to replace it)");
      }
      if (!fs::remove(p, ec)) return Status::Io(p, "cannot remove: " + ec.message());
    }
    return Status();
  }
  if (!fs::is_directory(out, ec)) return Status();
  bool has_output = fs::exists(index, ec);
  for (const auto& entry : fs::directory_iterator(out, ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() > 8 && name.compare(name.size() - 8, 8, ".warc.gz") == 0) has_output = true;
  }
  if (has_output && !options.force) {
    return Status::InvalidArgument(out, "already holds WARC files or an index.cdxj (use "
                                        "--force to write into it; new files get new names "
                                        "and index.cdxj is replaced)");
  }
  return Status();
}

}  // namespace

std::string ExportIndexPath(const std::string& out) {
  if (IsSingleFile(out)) return out.substr(0, out.size() - 8) + ".cdxj";
  return (fs::path(out) / "index.cdxj").string();
}

Result<ExportResult> ExportWarc(Archive& archive, const ExportOptions& options) {
  NEWSARC_RETURN_IF_ERROR(PrepareOutput(options));
  WarcWriterOptions wopts;
  wopts.max_file_bytes = options.max_file_bytes;
  wopts.warcinfo_fields = options.info_fields;
  Result<std::unique_ptr<WarcWriter>> opened = WarcWriter::Open(options.out, wopts);
  if (!opened.ok()) return opened.status();
  WarcWriter& writer = **opened;

  ExportResult result;
  std::vector<std::string> lines;
  Status write_error;
  Status read = archive.ForEach([&](const WarcRecord& record) {
    if (options.interrupted && options.interrupted()) {
      result.interrupted = true;
      return false;
    }
    Result<WrittenRecord> where = writer.Write(record);
    if (!where.ok()) {
      write_error = where.status();
      return false;
    }
    if (options.write_index) {
      std::optional<std::string> line =
          CdxjLine(record, where->filename, where->offset, where->length);
      if (line) lines.push_back(std::move(*line));
    }
    ++result.records;
    if (options.progress) options.progress(result.records);
    return true;
  });
  NEWSARC_RETURN_IF_ERROR(write_error);
  NEWSARC_RETURN_IF_ERROR(read);
  // Records written so far are complete: finish their files even when
  // interrupted, so no half-written file remains.
  NEWSARC_RETURN_IF_ERROR(writer.Close());
  result.files = writer.files();
  result.bytes = writer.bytes_written();
  if (options.write_index) {
    SortCdxjLines(&lines);
    result.index_path = ExportIndexPath(options.out);
    result.index_lines = static_cast<int64_t>(lines.size());
    NEWSARC_RETURN_IF_ERROR(WriteCdxjFile(result.index_path, lines));
  }
  return result;
}

}  // namespace newsarc::storage
