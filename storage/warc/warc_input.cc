#include "storage/warc/warc_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace newsarc::storage {
namespace {
constexpr size_t kChunk = 256 * 1024;
}  // namespace

WarcInput::~WarcInput() {
  if (zs_init_) inflateEnd(&zs_);
  if (fd_ >= 0) close(fd_);
}

long WarcInput::ReadBytes(char* buf, size_t n) {
  for (;;) {
    ssize_t got = read(fd_, buf, n);
    if (got >= 0) return static_cast<long>(got);
    if (errno != EINTR) return -1;
  }
}

Status WarcInput::Error(uint64_t offset, std::string_view why) const {
  return Status::Corrupt(path_, "at offset " + std::to_string(offset) + ": " + std::string(why));
}

Status WarcInput::Open(const std::string& path) {
  path_ = path;
  fd_ = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) return Status::Io(path, std::strerror(errno));
  struct stat st {};
  if (fstat(fd_, &st) != 0) return Status::Io(path, std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return Status::InvalidArgument(path, "is a directory, not a WARC file");
  regular_ = S_ISREG(st.st_mode);
  file_size_ = regular_ ? static_cast<uint64_t>(st.st_size) : 0;
  // Sniff the gzip magic from the first bytes read (works on pipes too).
  out_.resize(kChunk);
  long n = 0;
  while (n < 2) {
    long got = ReadBytes(out_.data() + n, out_.size() - static_cast<size_t>(n));
    if (got < 0) return Status::Io(path, std::strerror(errno));
    if (got == 0) break;
    n += got;
  }
  out_.resize(static_cast<size_t>(n));
  gzip_ = n >= 2 && static_cast<unsigned char>(out_[0]) == 0x1f &&
          static_cast<unsigned char>(out_[1]) == 0x8b;
  if (gzip_) {
    if (inflateInit2(&zs_, 15 + 16) != Z_OK) return Status::Io(path, "inflateInit2 failed");
    zs_init_ = true;
    in_ = std::move(out_);  // the sniffed bytes are compressed input
    out_.clear();
    zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
    zs_.avail_in = static_cast<uInt>(in_.size());
  }
  return Status();
}

void WarcInput::Consume(size_t n) { out_pos_ += n; }

uint64_t WarcInput::file_bytes_read() const {
  if (!gzip_) return plain_pos_ + out_pos_;
  return in_file_pos_ + (in_.size() - zs_.avail_in);
}

Result<bool> WarcInput::ReadIn() {
  size_t consumed = in_.size() - zs_.avail_in;
  in_.erase(0, consumed);
  in_file_pos_ += consumed;
  size_t old = in_.size();
  in_.resize(old + kChunk);
  long n = ReadBytes(in_.data() + old, kChunk);
  if (n < 0) {
    in_.resize(old);
    return Error(in_file_pos_ + old, std::strerror(errno));
  }
  in_.resize(old + static_cast<size_t>(n));
  zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
  zs_.avail_in = static_cast<uInt>(in_.size());
  return n > 0;
}

Result<bool> WarcInput::Fill() {
  if (out_pos_ < out_.size()) return true;
  return gzip_ ? FillGzip() : FillPlain();
}

Result<bool> WarcInput::FillPlain() {
  plain_pos_ += out_.size();
  out_.resize(kChunk);
  out_pos_ = 0;
  long n = ReadBytes(out_.data(), kChunk);
  if (n < 0) {
    out_.clear();
    return Error(plain_pos_, std::strerror(errno));
  }
  out_.resize(static_cast<size_t>(n));
  return n > 0;
}

Result<bool> WarcInput::FillGzip() {
  for (;;) {
    member_out_ += out_.size();
    out_.clear();
    out_pos_ = 0;
    if (member_ended_) {
      // Start the next member, if there is one.
      if (zs_.avail_in < 2) {
        Result<bool> more = ReadIn();
        if (!more.ok()) return more.status();
      }
      uint64_t at = file_bytes_read();
      if (zs_.avail_in == 0) return false;  // clean end after the last member
      const auto* p = zs_.next_in;
      if (zs_.avail_in < 2 || p[0] != 0x1f || p[1] != 0x8b) {
        return Error(at, "expected a gzip member; found " +
                             std::to_string(file_size_ - at) +
                             " bytes that are not gzip data (the file is damaged "
                             "or mixes compressed and plain records)");
      }
      inflateReset(&zs_);
      member_start_ = at;
      member_out_ = 0;
      member_ended_ = false;
    }
    Result<bool> got = InflateSome();
    if (!got.ok()) return got;
    if (*got) return true;
    // An empty member: go on to the next one.
  }
}

Result<bool> WarcInput::AtMemberEnd() {
  if (!gzip_) return false;
  if (out_pos_ < out_.size()) return false;
  if (member_ended_) return true;
  // Inflate on: either more data of this member, or its end.
  member_out_ += out_.size();
  out_.clear();
  out_pos_ = 0;
  Result<bool> got = InflateSome();
  if (!got.ok()) return got;
  return !*got;
}

Result<bool> WarcInput::InflateSome() {
  out_.resize(kChunk);
  size_t produced = 0;
  while (produced == 0 && !member_ended_) {
    if (zs_.avail_in == 0) {
      Result<bool> more = ReadIn();
      if (!more.ok()) return more.status();
      if (!*more) {
        out_.clear();
        return Error(member_start_, "truncated gzip member: the file ends (at offset " +
                                        std::to_string(file_size_) +
                                        ") before the member does");
      }
    }
    zs_.next_out = reinterpret_cast<Bytef*>(out_.data());
    zs_.avail_out = static_cast<uInt>(out_.size());
    int rc = inflate(&zs_, Z_NO_FLUSH);
    produced = out_.size() - zs_.avail_out;
    if (rc == Z_STREAM_END) {
      member_ended_ = true;
      member_end_ = file_bytes_read();
    } else if (rc == Z_BUF_ERROR && zs_.avail_in == 0) {
      continue;  // needs more input
    } else if (rc != Z_OK) {
      uint64_t near = file_bytes_read();
      out_.clear();
      return Error(member_start_, std::string("corrupt gzip member (damage near offset ") +
                                      std::to_string(near) + "): " +
                                      (zs_.msg ? zs_.msg : "inflate failed"));
    }
  }
  out_.resize(produced);
  return produced > 0;
}

}  // namespace newsarc::storage
