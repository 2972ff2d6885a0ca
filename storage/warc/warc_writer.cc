#include "storage/warc/warc_writer.h"

#include <unistd.h>
#include <zlib.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "base/digest.h"
#include "base/strings.h"
#include "base/time.h"
#include "base/uuid.h"
#include "base/version.h"

namespace newsarc::storage {
namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A header value may not contain line breaks; fold them to spaces.
void AppendFolded(std::string* out, std::string_view value) {
  for (char c : value) out->push_back(c == '\r' || c == '\n' ? ' ' : c);
}

std::string HostName() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof(buf) - 1) != 0 || buf[0] == '\0') return "localhost";
  std::string host;
  for (char c : std::string_view(buf)) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
    host.push_back(ok ? c : '-');
  }
  return host;
}

// YYYYMMDDhhmmssmmm, as the WARC naming guidelines ask.
std::string Timestamp17(Micros t) {
  int ms = static_cast<int>((t / 1000) % 1000);
  std::string digits = std::to_string(ms < 0 ? 0 : ms);
  return Format14(t) + std::string(3 - digits.size(), '0') + digits;
}

std::string Serial5(int n) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%05d", n);
  return buf;
}

}  // namespace

std::string WarcHeaderBytes(const WarcRecord& record) {
  std::string out = "WARC/1.1\r\n";
  bool has_length = false;
  for (const auto& [name, value] : record.headers) {
    AppendFolded(&out, name);
    out += ": ";
    if (EqualsIgnoreCase(name, "Content-Length")) {
      out += std::to_string(record.block.size());
      has_length = true;
    } else if (EqualsIgnoreCase(name, "WARC-Target-URI")) {
      AppendFolded(&out, record.target_uri());
    } else {
      AppendFolded(&out, value);
    }
    out += "\r\n";
  }
  if (!has_length) out += "Content-Length: " + std::to_string(record.block.size()) + "\r\n";
  out += "\r\n";
  return out;
}

WarcWriter::WarcWriter(std::string out, bool single_file, const WarcWriterOptions& options)
    : out_(std::move(out)), single_file_(single_file), options_(options), host_(HostName()) {}

WarcWriter::~WarcWriter() {
  if (file_) {
    file_.reset();
    std::remove(temp_path_.c_str());  // unfinished: never leave it behind
  }
}

Result<std::unique_ptr<WarcWriter>> WarcWriter::Open(const std::string& out,
                                                     const WarcWriterOptions& options) {
  if (out.empty()) return Status::InvalidArgument("--out", "empty path");
  bool single = EndsWith(out, ".warc.gz");
  std::error_code ec;
  if (single) {
    if (fs::exists(out, ec)) return Status::InvalidArgument(out, "already exists");
    fs::path parent = fs::path(out).parent_path();
    if (!parent.empty() && !fs::is_directory(parent, ec)) {
      return Status::NotFound(out, "directory " + parent.string() + " does not exist");
    }
  } else {
    if (fs::exists(out, ec) && !fs::is_directory(out, ec)) {
      return Status::InvalidArgument(out, "exists and is not a directory (a single output "
                                          "file must end in .warc.gz)");
    }
    fs::create_directories(out, ec);
    if (ec) return Status::Io(out, "cannot create directory: " + ec.message());
  }
  if (options.max_file_bytes == 0) return Status::InvalidArgument("--max-size", "must be > 0");
  return std::unique_ptr<WarcWriter>(new WarcWriter(out, single, options));
}

WarcRecord WarcWriter::MakeWarcinfo(const std::string& filename) const {
  WarcRecord info;
  std::string body = "software: newsarc/" NEWSARC_VERSION "\r\n"
                     "format: WARC File Format 1.1\r\n"
                     "conformsTo: https://iipc.github.io/warc-specifications/"
                     "specifications/warc-format/warc-1.1/\r\n"
                     "hostname: " + host_ + "\r\n";
  for (const auto& [k, v] : options_.warcinfo_fields) {
    std::string line;
    AppendFolded(&line, k);
    line += ": ";
    AppendFolded(&line, v);
    body += line + "\r\n";
  }
  info.block = body;
  info.headers = {{"WARC-Type", "warcinfo"},
                  {"WARC-Record-ID", "<" + NewUuidUrn() + ">"},
                  {"WARC-Date", FormatWarcDate(NowMicros())},
                  {"WARC-Filename", filename},
                  {"Content-Type", "application/warc-fields"},
                  {"WARC-Block-Digest", Sha1Label(body)},
                  {"Content-Length", std::to_string(body.size())}};
  return info;
}

Status WarcWriter::StartFile() {
  std::error_code ec;
  if (single_file_) {
    final_path_ = out_;
  } else {
    // A fresh name: the timestamp plus a serial that skips existing files.
    std::string stamp = Timestamp17(NowMicros());
    do {
      final_path_ = (fs::path(out_) / (options_.prefix + "-" + stamp + "-" + Serial5(serial_++) +
                                       "-" + host_ + ".warc.gz")).string();
    } while (fs::exists(final_path_, ec) || fs::exists(final_path_ + ".open", ec));
  }
  temp_path_ = final_path_ + ".open";
  file_.reset(std::fopen(temp_path_.c_str(), "wbx"));
  if (!file_) return Status::Io(temp_path_, std::strerror(errno));
  file_bytes_ = 0;
  if (options_.write_warcinfo) {
    Result<WrittenRecord> w = WriteMember(MakeWarcinfo(fs::path(final_path_).filename().string()));
    if (!w.ok()) return w.status();
  }
  return Status();
}

Status WarcWriter::FinishFile() {
  if (!file_) return Status();
  bool ok = std::fflush(file_.get()) == 0 && fsync(fileno(file_.get())) == 0;
  int err = errno;
  FILE* f = file_.release();
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    std::remove(temp_path_.c_str());
    return Status::Io(temp_path_, std::strerror(err));
  }
  if (std::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    return Status::Io(final_path_, std::string("rename: ") + std::strerror(errno));
  }
  files_.push_back(final_path_);
  return Status();
}

Result<WrittenRecord> WarcWriter::WriteMember(const WarcRecord& record) {
  z_stream zs{};
  if (deflateInit2(&zs, options_.gzip_level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return Status::Io(temp_path_, "deflateInit2 failed");
  }
  const std::string header = WarcHeaderBytes(record);
  const std::string_view pieces[] = {header, record.block, "\r\n\r\n"};
  std::string buf(256 * 1024, '\0');
  uint64_t written = 0;
  Status status;
  for (size_t i = 0; i < 3 && status.ok(); ++i) {
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(pieces[i].data()));
    zs.avail_in = static_cast<uInt>(pieces[i].size());
    int flush = i == 2 ? Z_FINISH : Z_NO_FLUSH;
    int rc = Z_OK;
    do {
      zs.next_out = reinterpret_cast<Bytef*>(buf.data());
      zs.avail_out = static_cast<uInt>(buf.size());
      rc = deflate(&zs, flush);
      if (rc == Z_STREAM_ERROR) {
        status = Status::Io(temp_path_, "deflate failed");
        break;
      }
      size_t n = buf.size() - zs.avail_out;
      if (n > 0 && std::fwrite(buf.data(), 1, n, file_.get()) != n) {
        status = Status::Io(temp_path_, std::strerror(errno));
        break;
      }
      written += n;
    } while (zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
  }
  deflateEnd(&zs);
  if (!status.ok()) return status;
  WrittenRecord where;
  where.filename = fs::path(final_path_).filename().string();
  where.offset = file_bytes_;
  where.length = written;
  file_bytes_ += written;
  total_bytes_ += written;
  return where;
}

Result<WrittenRecord> WarcWriter::Write(const WarcRecord& record) {
  if (!file_) NEWSARC_RETURN_IF_ERROR(StartFile());
  Result<WrittenRecord> where = WriteMember(record);
  if (!where.ok()) return where;
  if (!single_file_ && file_bytes_ >= options_.max_file_bytes) {
    NEWSARC_RETURN_IF_ERROR(FinishFile());
  }
  return where;
}

Status WarcWriter::Close() {
  // An output with no records still gets a (warcinfo-only) file, so an
  // export of an empty archive is a valid WARC rather than nothing.
  if (!file_ && files_.empty() && options_.write_warcinfo) {
    NEWSARC_RETURN_IF_ERROR(StartFile());
  }
  return FinishFile();
}

}  // namespace newsarc::storage
