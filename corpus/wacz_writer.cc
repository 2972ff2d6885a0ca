// `export --format warc --articles-only` and `--format wacz`: the WARC
// records behind the exported articles (each conversion preceded by the
// response it was derived from), written with storage/warc/warc_writer.h, and
// for WACZ packed with a CDXJ index (storage/warc/cdxj.h), pages.jsonl and
// datapackage.json into a ZIP by libarchive.
//
// Parts are built in a private temporary directory beside the output
// (".NAME.parts-XXXXXX"), removed whatever happens.
#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "base/chandle.h"
#include "base/digest.h"
#include "base/time.h"
#include "base/version.h"
#include "corpus/writers_internal.h"
#include "storage/warc/warc.h"

namespace newsarc::corpus::internal {

using storage::Archive;
using storage::CdxjLine;
using storage::SortCdxjLines;
using storage::WarcRecord;
using storage::WarcWriter;
using storage::WarcWriterOptions;
using storage::WriteCdxjFile;
using storage::WrittenRecord;

namespace {

namespace fs = std::filesystem;
using ArchiveHandle = CHandle<struct archive, archive_write_free>;
using EntryHandle = CHandle<struct archive_entry, archive_entry_free>;

// A temporary directory removed with its contents on destruction.
class PartsDir {
 public:
  static Result<PartsDir> Create(const std::string& out) {
    fs::path p(out);
    std::string tmpl = (p.parent_path() / ("." + p.filename().string() + ".parts-XXXXXX")).string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()) == nullptr) {
      return Status::Io(out, std::string("temporary directory: ") + std::strerror(errno));
    }
    PartsDir d;
    d.path_ = buf.data();
    return d;
  }
  PartsDir() = default;
  PartsDir(PartsDir&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  PartsDir& operator=(PartsDir&&) = delete;
  ~PartsDir() {
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
  }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Writes the response and conversion of each article; optionally collects
// CDXJ lines for them.
class ArticleWarc {
 public:
  ArticleWarc(Archive* archive, std::unique_ptr<WarcWriter> writer, std::string filename)
      : archive_(archive), writer_(std::move(writer)), filename_(std::move(filename)) {}

  Status Write(const CorpusArticle& a, std::vector<std::string>* cdxj) {
    for (const std::string* id : {&a.response_record_id, &a.conversion_record_id}) {
      if (id->empty()) continue;
      Result<WarcRecord> r = archive_->Get(*id);
      if (!r.ok()) {
        // A conversion whose response is missing (verify reports it) still
        // exports; a missing conversion cannot happen: we just read it.
        if (id == &a.response_record_id && r.status().code() == Status::Code::kNotFound) continue;
        return r.status().WithContext("export " + a.final_url);
      }
      Result<WrittenRecord> w = writer_->Write(*r);
      if (!w.ok()) return w.status();
      if (cdxj != nullptr) {
        if (auto line = CdxjLine(*r, filename_, w->offset, w->length)) cdxj->push_back(*line);
      }
    }
    return Status();
  }
  Status Close() { return writer_->Close(); }

 private:
  Archive* archive_;
  std::unique_ptr<WarcWriter> writer_;
  std::string filename_;
};

Result<std::unique_ptr<WarcWriter>> OpenPartWarc(const std::string& path) {
  WarcWriterOptions options;
  options.warcinfo_fields = {{"description", "newsarc corpus export: articles and their captures"}};
  return WarcWriter::Open(path, options);
}

class WarcCorpusWriter : public CorpusWriter {
 public:
  WarcCorpusWriter(std::string out, PartsDir dir, std::string part, ArticleWarc warc)
      : out_(std::move(out)), dir_(std::move(dir)), part_(std::move(part)), warc_(std::move(warc)) {}

  Status Write(const CorpusArticle& a) override { return warc_.Write(a, nullptr); }

  Status Finish() override {
    NEWSARC_RETURN_IF_ERROR(warc_.Close());
    if (std::rename(part_.c_str(), out_.c_str()) != 0) {
      return Status::Io(out_, std::string("rename: ") + std::strerror(errno));
    }
    return Status();
  }

 private:
  std::string out_;
  PartsDir dir_;
  std::string part_;
  ArticleWarc warc_;
};

Status HashFile(const std::string& path, std::string* sha256, uint64_t* bytes) {
  CHandle<FILE, std::fclose> f(std::fopen(path.c_str(), "rb"));
  if (!f) return Status::Io(path, std::strerror(errno));
  Hasher h(DigestAlgorithm::kSha256);
  char buf[1 << 16];
  size_t n;
  *bytes = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
    h.Update(std::string_view(buf, n));
    *bytes += n;
  }
  if (std::ferror(f.get())) return Status::Io(path, "read failed");
  *sha256 = h.FinishLabelled();
  return Status();
}

class WaczCorpusWriter : public CorpusWriter {
 public:
  WaczCorpusWriter(std::string out, std::string title, PartsDir dir, ArticleWarc warc, FILE* pages)
      : out_(std::move(out)),
        title_(std::move(title)),
        dir_(std::move(dir)),
        warc_(std::move(warc)),
        pages_(pages) {
    std::string header =
        R"({"format":"json-pages-1.0","id":"pages","title":"All Pages","hasText":true})"
        "\n";
    std::fwrite(header.data(), 1, header.size(), pages_.get());
  }

  Status Write(const CorpusArticle& a) override {
    NEWSARC_RETURN_IF_ERROR(warc_.Write(a, &cdxj_));
    nlohmann::ordered_json page;
    // The page id is the conversion record's UUID: stable and unique.
    std::string id = a.conversion_record_id;
    if (id.starts_with("<urn:uuid:")) id = id.substr(10, id.size() - 11);
    page["id"] = id;
    page["url"] = a.final_url;
    page["ts"] = FormatWarcDate(a.capture_time);
    page["title"] = a.title;
    page["text"] = a.text;
    std::string line = page.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    line.push_back('\n');
    if (std::fwrite(line.data(), 1, line.size(), pages_.get()) != line.size()) {
      return Status::Io(out_, "pages.jsonl: write failed");
    }
    return Status();
  }

  Status Finish() override {
    NEWSARC_RETURN_IF_ERROR(warc_.Close());
    FILE* pages = pages_.release();
    bool bad = std::ferror(pages) != 0;
    if (std::fclose(pages) != 0 || bad) return Status::Io(out_, "pages.jsonl: write failed");
    SortCdxjLines(&cdxj_);
    NEWSARC_RETURN_IF_ERROR(WriteCdxjFile(dir_.File("index.cdxj"), cdxj_));
    cdxj_.clear();
    cdxj_.shrink_to_fit();

    struct Part {
      std::string file, zip_path;
      bool store;
    };
    std::vector<Part> parts = {
        {dir_.File("data.warc.gz"), "archive/data.warc.gz", true},
        {dir_.File("index.cdxj"), "indexes/index.cdxj", false},
        {dir_.File("pages.jsonl"), "pages/pages.jsonl", false},
    };
    nlohmann::ordered_json resources = nlohmann::ordered_json::array();
    for (const auto& p : parts) {
      std::string hash;
      uint64_t bytes = 0;
      NEWSARC_RETURN_IF_ERROR(HashFile(p.file, &hash, &bytes));
      resources.push_back({{"name", fs::path(p.zip_path).filename().string()},
                           {"path", p.zip_path},
                           {"hash", hash},
                           {"bytes", bytes}});
    }
    // WACZ 1.1.1, the current stable specification and what ReplayWeb.page
    // 2.5 loads: profile "data-package" with wacz_version. (The 1.2.0 draft's
    // profile "wacz" is refused by that reader: "Unknown package profile".)
    nlohmann::ordered_json package;
    const std::string now = FormatWarcDate(NowMicros());
    package["profile"] = "data-package";
    package["wacz_version"] = "1.1.1";
    package["title"] = title_;
    package["created"] = now;
    package["modified"] = now;
    package["software"] = "newsarc " NEWSARC_VERSION;
    package["resources"] = std::move(resources);
    std::string package_json = package.dump(2);
    nlohmann::ordered_json digest = {{"path", "datapackage.json"},
                                     {"hash", Sha256Label(package_json)}};
    std::string digest_json = digest.dump(2);

    ArchiveHandle a(archive_write_new());
    if (!a) return Status::Io(out_, "libarchive: out of memory");
    if (archive_write_set_format_zip(a.get()) != ARCHIVE_OK ||
        archive_write_open_filename(a.get(), out_.c_str()) != ARCHIVE_OK) {
      return Error(a.get(), "open");
    }
    for (const auto& p : parts) {
      NEWSARC_RETURN_IF_ERROR(AddFile(a.get(), p.zip_path, p.file, p.store));
    }
    NEWSARC_RETURN_IF_ERROR(AddBytes(a.get(), "datapackage.json", package_json));
    NEWSARC_RETURN_IF_ERROR(AddBytes(a.get(), "datapackage-digest.json", digest_json));
    if (archive_write_close(a.get()) != ARCHIVE_OK) return Error(a.get(), "close");
    return Status();
  }

 private:
  Status Error(struct archive* a, const std::string& what) {
    const char* msg = archive_error_string(a);
    return Status::Io(out_, what + ": " + (msg != nullptr ? msg : "libarchive error"));
  }

  Status Header(struct archive* a, const std::string& name, int64_t size, bool store) {
    // WACZ: already compressed parts (the WARC) are stored, so replay
    // tools can read records at their offsets by range requests.
    int rc = store ? archive_write_zip_set_compression_store(a)
                   : archive_write_zip_set_compression_deflate(a);
    if (rc != ARCHIVE_OK) return Error(a, name);
    EntryHandle e(archive_entry_new());
    archive_entry_set_pathname(e.get(), name.c_str());
    archive_entry_set_size(e.get(), size);
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_perm(e.get(), 0644);
    archive_entry_set_mtime(e.get(), NowMicros() / 1000000, 0);
    if (archive_write_header(a, e.get()) != ARCHIVE_OK) return Error(a, name);
    return Status();
  }

  Status Data(struct archive* a, const char* data, size_t size) {
    while (size > 0) {
      la_ssize_t w = archive_write_data(a, data, size);
      if (w <= 0) return Error(a, "write");
      data += w;
      size -= static_cast<size_t>(w);
    }
    return Status();
  }

  Status AddBytes(struct archive* a, const std::string& name, const std::string& bytes) {
    NEWSARC_RETURN_IF_ERROR(Header(a, name, static_cast<int64_t>(bytes.size()), false));
    return Data(a, bytes.data(), bytes.size());
  }

  Status AddFile(struct archive* a, const std::string& name, const std::string& file, bool store) {
    std::error_code ec;
    auto size = fs::file_size(file, ec);
    if (ec) return Status::Io(file, ec.message());
    NEWSARC_RETURN_IF_ERROR(Header(a, name, static_cast<int64_t>(size), store));
    CHandle<FILE, std::fclose> f(std::fopen(file.c_str(), "rb"));
    if (!f) return Status::Io(file, std::strerror(errno));
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
      NEWSARC_RETURN_IF_ERROR(Data(a, buf, n));
    }
    return Status();
  }

  std::string out_;
  std::string title_;
  PartsDir dir_;
  ArticleWarc warc_;
  CHandle<FILE, std::fclose> pages_;
  std::vector<std::string> cdxj_;
};

}  // namespace

Result<std::unique_ptr<CorpusWriter>> OpenWarcCorpusWriter(const std::string& path,
                                                          Archive* archive) {
  auto dir = PartsDir::Create(path);
  if (!dir.ok()) return dir.status();
  std::string part = dir->File("articles.warc.gz");
  auto writer = OpenPartWarc(part);
  if (!writer.ok()) return writer.status();
  ArticleWarc warc(archive, std::move(*writer), "articles.warc.gz");
  return std::unique_ptr<CorpusWriter>(
      new WarcCorpusWriter(path, std::move(*dir), part, std::move(warc)));
}

Result<std::unique_ptr<CorpusWriter>> OpenWaczCorpusWriter(const std::string& path,
                                                          Archive* archive,
                                                          const std::string& title) {
  auto dir = PartsDir::Create(path);
  if (!dir.ok()) return dir.status();
  auto writer = OpenPartWarc(dir->File("data.warc.gz"));
  if (!writer.ok()) return writer.status();
  FILE* pages = std::fopen(dir->File("pages.jsonl").c_str(), "wb");
  if (pages == nullptr) return Status::Io(path, std::string("pages.jsonl: ") + std::strerror(errno));
  ArticleWarc warc(archive, std::move(*writer), "data.warc.gz");
  return std::unique_ptr<CorpusWriter>(
      new WaczCorpusWriter(path, title, std::move(*dir), std::move(warc), pages));
}

}  // namespace newsarc::corpus::internal
