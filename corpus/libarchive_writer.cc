// tar, tar.gz and zip corpus outputs, written with libarchive: one text
// member per article and a manifest.jsonl at the end (spooled to an
// anonymous temporary file meanwhile, so memory stays flat).
#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "base/chandle.h"
#include "corpus/writers_internal.h"

namespace newsarc::corpus::internal {
namespace {

using ArchiveHandle = CHandle<struct archive, archive_write_free>;
using EntryHandle = CHandle<struct archive_entry, archive_entry_free>;

class LibarchiveWriter : public CorpusWriter {
 public:
  LibarchiveWriter(std::string path, ArchiveHandle a, FILE* spool)
      : path_(std::move(path)), a_(std::move(a)), spool_(spool) {}

  Status Write(const CorpusArticle& article) override {
    ++count_;
    std::string name = SafeMemberName(count_, article);
    std::string body = TextRendering(article);
    int64_t mtime = article.capture_time / 1000000;
    if (mtime > max_mtime_) max_mtime_ = mtime;
    NEWSARC_RETURN_IF_ERROR(AddMember(name, body.data(), body.size(), mtime));
    // Manifest line: the JSONL record without the text, plus "path".
    std::string json = CorpusArticleToJson(article, /*with_text=*/false);
    std::string line = "{\"path\":\"" + name + "\"," + json.substr(1) + "\n";
    if (std::fwrite(line.data(), 1, line.size(), spool_.get()) != line.size()) {
      return Status::Io(path_, std::string("manifest spool: ") + std::strerror(errno));
    }
    return Status();
  }

  Status Finish() override {
    if (std::fflush(spool_.get()) != 0 || std::ferror(spool_.get())) {
      return Status::Io(path_, "manifest spool: write failed");
    }
    long size = std::ftell(spool_.get());
    if (size < 0) return Status::Io(path_, "manifest spool: ftell failed");
    std::rewind(spool_.get());
    NEWSARC_RETURN_IF_ERROR(StartMember("manifest.jsonl", static_cast<int64_t>(size), max_mtime_));
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, spool_.get())) > 0) {
      NEWSARC_RETURN_IF_ERROR(WriteData(buf, n));
    }
    if (archive_write_close(a_.get()) != ARCHIVE_OK) return Error("close");
    return Status();
  }

 private:
  Status Error(const char* what) {
    const char* msg = archive_error_string(a_.get());
    return Status::Io(path_, std::string(what) + ": " + (msg != nullptr ? msg : "libarchive error"));
  }

  Status StartMember(const std::string& name, int64_t size, int64_t mtime) {
    EntryHandle e(archive_entry_new());
    if (!e) return Status::Io(path_, "out of memory");
    archive_entry_set_pathname(e.get(), name.c_str());
    archive_entry_set_size(e.get(), size);
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_perm(e.get(), 0644);
    archive_entry_set_mtime(e.get(), mtime, 0);
    if (archive_write_header(a_.get(), e.get()) != ARCHIVE_OK) return Error(name.c_str());
    return Status();
  }

  Status WriteData(const char* data, size_t size) {
    while (size > 0) {
      la_ssize_t w = archive_write_data(a_.get(), data, size);
      if (w <= 0) return Error("write");
      data += w;
      size -= static_cast<size_t>(w);
    }
    return Status();
  }

  Status AddMember(const std::string& name, const char* data, size_t size, int64_t mtime) {
    NEWSARC_RETURN_IF_ERROR(StartMember(name, static_cast<int64_t>(size), mtime));
    return WriteData(data, size);
  }

  std::string path_;
  ArchiveHandle a_;
  CHandle<FILE, std::fclose> spool_;
  uint64_t count_ = 0;
  int64_t max_mtime_ = 0;
};

}  // namespace

Result<std::unique_ptr<CorpusWriter>> OpenLibarchiveCorpusWriter(CorpusFormat format,
                                                                const std::string& path) {
  ArchiveHandle a(archive_write_new());
  if (!a) return Status::Io(path, "libarchive: out of memory");
  auto fail = [&](const char* what) {
    const char* msg = archive_error_string(a.get());
    return Status::Io(path, std::string(what) + ": " + (msg != nullptr ? msg : "libarchive error"));
  };
  int rc = ARCHIVE_OK;
  if (format == CorpusFormat::kZip) {
    rc = archive_write_set_format_zip(a.get());
  } else {
    // pax keeps long and UTF-8 names; our names are short ASCII anyway.
    rc = archive_write_set_format_pax_restricted(a.get());
    if (rc == ARCHIVE_OK && format == CorpusFormat::kTarGz) {
      rc = archive_write_add_filter_gzip(a.get());
      // No timestamp in the gzip header: the same corpus gives the same bytes.
      if (rc == ARCHIVE_OK) rc = archive_write_set_options(a.get(), "gzip:!timestamp");
    }
  }
  if (rc != ARCHIVE_OK) return fail("libarchive format");
  if (archive_write_open_filename(a.get(), path.c_str()) != ARCHIVE_OK) return fail("open");
  FILE* spool = std::tmpfile();
  if (spool == nullptr) return Status::Io(path, std::string("temporary file: ") + std::strerror(errno));
  return std::unique_ptr<CorpusWriter>(new LibarchiveWriter(path, std::move(a), spool));
}

}  // namespace newsarc::corpus::internal
