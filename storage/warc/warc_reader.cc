#include "storage/warc/warc_reader.h"

#include <algorithm>

#include "base/strings.h"

namespace newsarc::storage {
namespace {

// A short, printable rendering of untrusted bytes for error messages.
std::string Snippet(std::string_view s, size_t max = 40) {
  std::string out;
  for (size_t i = 0; i < s.size() && i < max; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  if (s.size() > max) out += "...";
  return "\"" + out + "\"";
}

bool ParseLength(std::string_view text, uint64_t* value) {
  text = TrimAscii(text);
  if (text.empty() || text.size() > 19) return false;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *value = v;
  return true;
}

constexpr const char* kMandatory[] = {"WARC-Record-ID", "WARC-Date", "WARC-Type",
                                      "Content-Length"};
constexpr size_t kMaxLine = 64 * 1024;

}  // namespace

Result<std::unique_ptr<WarcReader>> WarcReader::Open(const std::string& path,
                                                     const WarcReaderOptions& options) {
  std::unique_ptr<WarcReader> reader(new WarcReader(options));
  NEWSARC_RETURN_IF_ERROR(reader->input_.Open(path));
  return reader;
}

Status WarcReader::Corrupt(uint64_t offset, const std::string& why) const {
  return Status::Corrupt(path(), "at offset " + std::to_string(offset) + ": " + why);
}

Status WarcReader::Fail(Status status) {
  error_ = status;
  return status;
}

Result<bool> WarcReader::Next(WarcRecord* record, WarcRecordLocation* location) {
  if (!error_.ok()) return error_;
  if (!pending_error_.ok()) return Fail(pending_error_);
  WarcRecordLocation ignored;
  Result<bool> r = ReadRecord(record, location ? location : &ignored);
  if (!r.ok()) return Fail(r.status());
  return r;
}

Result<bool> WarcReader::SkipBlankBytes() {
  for (;;) {
    Result<bool> more = input_.Fill();
    if (!more.ok()) return more.status();
    if (!*more) return false;
    std::string_view b = input_.buffered();
    size_t n = 0;
    while (n < b.size() && (b[n] == '\r' || b[n] == '\n')) ++n;
    input_.Consume(n);
    if (n < b.size()) return true;
  }
}

Result<std::optional<std::string>> WarcReader::ReadLine(size_t max, uint64_t record_offset) {
  std::string line;
  for (;;) {
    Result<bool> more = input_.Fill();
    if (!more.ok()) return more.status();
    if (!*more) {
      if (line.empty()) return std::optional<std::string>();
      return Corrupt(record_offset, "the file ends inside the record's header section");
    }
    std::string_view b = input_.buffered();
    size_t nl = b.find('\n');
    size_t take = nl == std::string_view::npos ? b.size() : nl;
    if (line.size() + take > max) {
      return Corrupt(record_offset, "header line longer than " + std::to_string(max) +
                                        " bytes, starting " + Snippet(line + std::string(b.substr(0, take))));
    }
    line.append(b.substr(0, take));
    if (nl != std::string_view::npos) {
      input_.Consume(nl + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return std::optional<std::string>(std::move(line));
    }
    input_.Consume(take);
  }
}

Status WarcReader::ReadBlock(uint64_t length, uint64_t record_offset, std::string* block) {
  block->clear();
  // Grow with the data actually present; a lying Content-Length in a
  // compressed file must not make us allocate it up front.
  block->reserve(static_cast<size_t>(std::min<uint64_t>(length, 64 << 20)));
  while (block->size() < length) {
    Result<bool> more = input_.Fill();
    if (!more.ok()) return more.status();
    if (!*more) {
      return Corrupt(record_offset, "the file ends inside the record block: Content-Length " +
                                        std::to_string(length) + " but only " +
                                        std::to_string(block->size()) + " bytes follow");
    }
    std::string_view b = input_.buffered();
    size_t take = static_cast<size_t>(std::min<uint64_t>(b.size(), length - block->size()));
    block->append(b.substr(0, take));
    input_.Consume(take);
  }
  return Status();
}

Status WarcReader::ReadTerminator(uint64_t record_offset) {
  // Two line ends (CRLF CRLF; bare LF tolerated).
  for (int i = 0; i < 2; ++i) {
    Result<bool> more = input_.Fill();
    if (!more.ok()) return more.status();
    if (!*more) {
      // The block is complete; keep the record, report the truncation next.
      pending_error_ = Corrupt(record_offset,
                               "the file ends right after the record block, without "
                               "the CRLF CRLF that ends a record (truncated file?)");
      return Status();
    }
    std::string_view b = input_.buffered();
    if (b[0] == '\n') {
      input_.Consume(1);
      continue;
    }
    if (b[0] == '\r') {
      input_.Consume(1);
      Result<bool> more2 = input_.Fill();
      if (!more2.ok()) return more2.status();
      if (*more2 && input_.buffered()[0] == '\n') {
        input_.Consume(1);
        continue;
      }
    }
    return Corrupt(record_offset,
                   "the record block is not followed by CRLF CRLF (found " +
                       Snippet(input_.buffered(), 20) +
                       "): the Content-Length is wrong or the file is damaged");
  }
  return Status();
}

Result<bool> WarcReader::ReadRecord(WarcRecord* record, WarcRecordLocation* location) {
  if (records_ == 0 && input_.regular() && input_.file_size() == 0) {
    return Corrupt(0, "empty file (0 bytes): not a WARC file");
  }
  Result<bool> more = SkipBlankBytes();
  if (!more.ok()) return more.status();
  if (!*more) {
    if (records_ == 0) return Corrupt(0, "no WARC records: not a WARC file");
    return false;
  }
  const uint64_t offset = input_.position();
  location->offset = offset;
  location->member_aligned = !input_.gzip() || input_.member_consumed() == 0;
  location->length = 0;

  // Version line.
  Result<std::optional<std::string>> version = ReadLine(kMaxLine, offset);
  if (!version.ok()) {
    if (records_ == 0) {
      return Corrupt(offset, "not a WARC file: no \"WARC/1.0\" or \"WARC/1.1\" version line");
    }
    return version.status();
  }
  const std::string& vline = **version;
  std::string_view v = TrimAscii(vline);
  if (v.substr(0, 5) != "WARC/") {
    if (records_ == 0) {
      return Corrupt(offset, "not a WARC file: it starts with " + Snippet(vline) +
                                 " instead of a WARC/1.0 or WARC/1.1 version line");
    }
    return Corrupt(offset, "expected a WARC version line, found " + Snippet(vline) +
                               " (wrong Content-Length in the previous record?)");
  }
  if (v != "WARC/1.0" && v != "WARC/1.1") {
    return Corrupt(offset, "unsupported version line " + Snippet(vline) +
                               " (newsarc reads WARC/1.0 and WARC/1.1)");
  }
  record->version = std::string(v);
  record->headers.clear();
  record->block.clear();

  // Named fields up to the empty line.
  size_t header_bytes = vline.size();
  for (;;) {
    Result<std::optional<std::string>> line = ReadLine(kMaxLine, offset);
    if (!line.ok()) return line.status();
    if (!line->has_value()) {
      return Corrupt(offset, "the file ends inside the record's header section");
    }
    const std::string& l = **line;
    if (l.empty()) break;
    header_bytes += l.size() + 2;
    if (header_bytes > options_.max_header_bytes) {
      return Corrupt(offset, "header section longer than " +
                                 std::to_string(options_.max_header_bytes) + " bytes");
    }
    if ((l[0] == ' ' || l[0] == '\t') && !record->headers.empty()) {
      std::string& value = record->headers.back().second;  // continuation line
      value += ' ';
      value.append(TrimAscii(l));
      continue;
    }
    size_t colon = l.find(':');
    if (colon == std::string::npos || colon == 0) {
      return Corrupt(offset, "malformed header line " + Snippet(l) + " (no \"Name: value\")");
    }
    record->headers.emplace_back(std::string(TrimAscii(std::string_view(l).substr(0, colon))),
                                 std::string(TrimAscii(std::string_view(l).substr(colon + 1))));
  }
  for (const char* name : kMandatory) {
    if (!record->Has(name)) {
      return Corrupt(offset, std::string("missing mandatory header ") + name);
    }
  }
  uint64_t length = 0;
  if (!ParseLength(record->Get("Content-Length"), &length)) {
    return Corrupt(offset, "bad Content-Length " + Snippet(record->Get("Content-Length")));
  }
  if (length > options_.max_block_bytes) {
    return Corrupt(offset, "declared Content-Length " + std::to_string(length) +
                               " exceeds the limit of " +
                               std::to_string(options_.max_block_bytes) +
                               " bytes per record (damaged or hostile file)");
  }
  if (!input_.gzip() && input_.regular()) {
    uint64_t block_start = input_.position();
    if (block_start + length > input_.file_size()) {
      return Corrupt(offset, "Content-Length " + std::to_string(length) +
                                 " runs past the end of the file: the block would end at "
                                 "offset " + std::to_string(block_start + length) +
                                 " but the file has " + std::to_string(input_.file_size()) +
                                 " bytes (truncated file or wrong Content-Length)");
    }
  }
  NEWSARC_RETURN_IF_ERROR(ReadBlock(length, offset, &record->block));
  if (!input_.gzip()) location->length = input_.position() - offset;
  NEWSARC_RETURN_IF_ERROR(ReadTerminator(offset));
  ++records_;

  if (input_.gzip() && pending_error_.ok()) {
    // The member should end here (blank lines before its end are allowed).
    for (;;) {
      Result<bool> at_end = input_.AtMemberEnd();
      if (!at_end.ok()) {
        pending_error_ = at_end.status();
        location->member_aligned = false;
        break;
      }
      if (*at_end) {
        location->length = input_.member_end() - offset;
        break;
      }
      std::string_view b = input_.buffered();
      size_t n = 0;
      while (n < b.size() && (b[n] == '\r' || b[n] == '\n')) ++n;
      input_.Consume(n);
      if (n < b.size()) {
        location->member_aligned = false;  // more records share this member
        break;
      }
    }
  }
  if (!location->member_aligned) location->length = 0;
  return true;
}

}  // namespace newsarc::storage
