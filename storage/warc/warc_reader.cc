#include "storage/warc/warc_reader.h"

#include <algorithm>

#include "base/strings.h"
#include "base/time.h"
#include "storage/warc/decimal.h"
#include "storage/warc/member_end.h"
#include "storage/warc/snippet.h"

namespace newsarc::storage {
namespace {

// WARC-Date of a WARC/0.17 or 0.18 record in the form WARC/1.1 asks for
// (UTC, "Z"), or nullopt when it already is or cannot be read. The drafts'
// writers used other forms: a numeric offset ("-0800"), a 14-digit
// timestamp, and ClueWeb09's "2009-03-65T08:43:19-0800", whose day field is
// the day of the year (65 = March 6; the month agrees).
std::optional<std::string> LegacyDateIn11Form(std::string_view text) {
  text = TrimAscii(text);
  std::optional<Micros> t = ParseIsoDate(text);
  if (!t && text.size() >= 10 && text[4] == '-' && text[7] == '-') {
    int month = 0, yday = 0;
    bool digits = true;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) digits = digits && text[i] >= '0' && text[i] <= '9';
    if (digits) {
      month = std::stoi(std::string(text.substr(5, 2)));
      yday = std::stoi(std::string(text.substr(8, 2)));
    }
    if (digits && yday > 31 && month >= 1 && month <= 12) {
      std::optional<Micros> jan1 = ParseIsoDate(std::string(text.substr(0, 4)));
      if (jan1) {
        Micros day = *jan1 + int64_t{yday - 1} * 86400 * 1000000;
        std::string ymd = FormatWarcDate(day).substr(0, 10);
        if (std::stoi(ymd.substr(5, 2)) == month) {
          t = ParseIsoDate(ymd + std::string(text.substr(10)));
        }
      }
    }
  }
  if (!t && text.size() == 14) t = Parse14(text);
  if (!t) return std::nullopt;
  std::string canonical = FormatWarcDate(*t, true);
  if (canonical == text) return std::nullopt;
  return canonical;
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
  if (records_ == 0 && !arc_ && input_.buffered().substr(0, 11) == "filedesc://") {
    arc_ = std::make_unique<ArcReader>(&input_, options_.max_block_bytes, &warnings_);
  }
  if (arc_) {
    Result<bool> r = arc_->Next(record, location);
    if (r.ok() && *r) {
      ++records_;
      ++converted_[arc_->format()];
    }
    return r;
  }
  const uint64_t offset = input_.position();
  location->offset = offset;
  location->member_aligned = !input_.gzip() || input_.member_consumed() == 0;
  location->length = 0;

  // Version line.
  Result<std::optional<std::string>> version = ReadLine(kMaxLine, offset);
  if (!version.ok()) {
    if (records_ == 0) {
      return Corrupt(offset, "not a WARC file: no \"WARC/1.0\" or \"WARC/1.1\" version line "
                             "(nor an ARC file)");
    }
    return version.status();
  }
  const std::string& vline = **version;
  std::string_view v = TrimAscii(vline);
  if (!StartsWithIgnoreCase(v, "WARC/")) {
    if (records_ == 0) {
      return Corrupt(offset, "not a WARC file: it starts with " + Snippet(vline) +
                                 " instead of a WARC/1.0 or WARC/1.1 version line "
                                 "or an ARC file's \"filedesc://\"");
    }
    return Corrupt(offset, "expected a WARC version line, found " + Snippet(vline) +
                               " (wrong Content-Length in the previous record?)");
  }
  // jwat reads "warc/1.0" too; the version is compared without case.
  std::string upper = "WARC/" + std::string(v.substr(5));
  std::string legacy;  // the draft version a record is converted from
  if (upper == "WARC/1.0" || upper == "WARC/1.1") {
    record->version = upper;
    if (v != upper) ++converted_["lower-case version line"];
  } else if (upper == "WARC/0.17" || upper == "WARC/0.18") {
    record->version = "WARC/1.1";
    legacy = upper;
  } else {
    return Corrupt(offset, "unsupported version line " + Snippet(vline) +
                               " (newsarc reads WARC/1.0 and WARC/1.1, and converts "
                               "WARC/0.17, WARC/0.18 and ARC files)");
  }
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
  if (!legacy.empty()) {
    // The drafts' fields are 1.1's; only the version and odd dates change.
    record->headers.emplace_back("Newsarc-Original-Version", legacy);
    if (std::optional<std::string> date = LegacyDateIn11Form(record->Get("WARC-Date"))) {
      std::string original(record->Get("WARC-Date"));
      record->headers.emplace_back("Newsarc-Original-Date", std::move(original));
      record->Set("WARC-Date", *date);
    }
  }
  for (const char* name : kMandatory) {
    if (!record->Has(name)) {
      return Corrupt(offset, std::string("missing mandatory header ") + name);
    }
  }
  uint64_t length = 0;
  if (!ParseDecimalLength(record->Get("Content-Length"), &length)) {
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
  if (!legacy.empty()) ++converted_[legacy];

  if (input_.gzip() && pending_error_.ok()) {
    // The member should end here (blank lines before its end are allowed).
    Result<bool> own = SkipBlankLinesToMemberEnd(input_);
    if (!own.ok()) {
      pending_error_ = own.status();
      location->member_aligned = false;
    } else if (*own) {
      location->length = input_.member_end() - offset;
    } else {
      location->member_aligned = false;  // more records share this member
    }
  }
  if (!location->member_aligned) location->length = 0;
  return true;
}

}  // namespace newsarc::storage
