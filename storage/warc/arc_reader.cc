#include "storage/warc/arc_reader.h"

#include <algorithm>

#include "base/digest.h"
#include "base/strings.h"
#include "base/time.h"
#include "storage/warc/decimal.h"
#include "storage/warc/member_end.h"
#include "storage/warc/snippet.h"
#include "storage/warc/warc_reader.h"

namespace newsarc::storage {
namespace {

constexpr size_t kMaxLine = 64 * 1024;
constexpr std::string_view kFiledesc = "filedesc://";

struct ArcHeader {
  std::string url, ip, date, type, length;
};

// Splits a header line into `fields` fields. URLs with spaces exist in the
// wild (warcio's example-space-in-url.arc): the extra leading tokens are
// the URL's.
bool SplitHeader(std::string_view line, size_t fields, ArcHeader* h) {
  std::vector<std::string_view> tokens;
  for (std::string_view t : Split(line, ' ')) {
    if (!t.empty()) tokens.push_back(t);
  }
  if (tokens.size() < fields) return false;
  size_t extra = tokens.size() - fields;
  h->url.clear();
  for (size_t i = 0; i <= extra; ++i) {
    if (i) h->url += ' ';
    h->url.append(tokens[i]);
  }
  h->ip = std::string(tokens[extra + 1]);
  h->date = std::string(tokens[extra + 2]);
  h->type = std::string(tokens[extra + 3]);
  h->length = std::string(tokens.back());
  return true;
}

bool StartsWithHttpStatusLine(std::string_view block) {
  // "HTTP/1.1 200 ..." (also HTTP/1.0, HTTP/0.9-era servers' "HTTP/1.0").
  if (block.substr(0, 5) != "HTTP/") return false;
  size_t sp = block.find(' ');
  if (sp == std::string_view::npos || sp > 12 || block.size() < sp + 4) return false;
  for (size_t i = sp + 1; i < sp + 4; ++i) {
    if (block[i] < '0' || block[i] > '9') return false;
  }
  return true;
}

// A name-based (version 5 style) UUID from the record's header line and
// block: ARC records have no ids, and a random one would make a second
// import of the same file store every record again.
std::string DerivedRecordId(std::string_view header_line, std::string_view block) {
  std::string input = "newsarc ARC record\n";
  input.append(header_line);
  input += '\n';
  input.append(block);
  std::string h = Sha1Raw(input);
  h[6] = static_cast<char>((h[6] & 0x0f) | 0x50);
  h[8] = static_cast<char>((h[8] & 0x3f) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "<urn:uuid:";
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    auto c = static_cast<unsigned char>(h[static_cast<size_t>(i)]);
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out + ">";
}

}  // namespace

void ReadWarnings::Add(std::string warning) {
  ++total;
  if (first.size() < kMaxKept) first.push_back(std::move(warning));
}

Status ArcReader::Corrupt(uint64_t offset, const std::string& why) const {
  return Status::Corrupt(input_->path(), "at offset " + std::to_string(offset) + ": " + why);
}

void ArcReader::Warn(uint64_t offset, const std::string& why) {
  warnings_->Add("at offset " + std::to_string(offset) + ": " + why);
}

Result<bool> ArcReader::SkipBlankBytes() {
  for (;;) {
    Result<bool> more = input_->Fill();
    if (!more.ok()) return more.status();
    if (!*more) return false;
    std::string_view b = input_->buffered();
    size_t n = 0;
    while (n < b.size() && (b[n] == '\r' || b[n] == '\n')) ++n;
    input_->Consume(n);
    if (n < b.size()) return true;
  }
}

Result<std::optional<std::string>> ArcReader::ReadLine(uint64_t record_offset,
                                                       bool keep_line_end) {
  std::string line;
  for (;;) {
    Result<bool> more = input_->Fill();
    if (!more.ok()) return more.status();
    if (!*more) {
      if (line.empty()) return std::optional<std::string>();
      if (!keep_line_end && line.back() == '\r') line.pop_back();
      return std::optional<std::string>(std::move(line));  // last line, no LF
    }
    std::string_view b = input_->buffered();
    size_t nl = b.find('\n');
    size_t take = nl == std::string_view::npos ? b.size() : nl;
    if (line.size() + take > kMaxLine) {
      return Corrupt(record_offset, "ARC header line longer than " + std::to_string(kMaxLine) +
                                        " bytes, starting " +
                                        Snippet(line + std::string(b.substr(0, take))));
    }
    line.append(b.substr(0, take));
    if (nl != std::string_view::npos) {
      input_->Consume(nl + 1);
      if (keep_line_end) {
        line += '\n';
      } else if (!line.empty() && line.back() == '\r') {
        line.pop_back();
      }
      return std::optional<std::string>(std::move(line));
    }
    input_->Consume(take);
  }
}

Status ArcReader::ReadBlock(uint64_t length, bool member_aligned, std::string* block) {
  // Grow with the data present: a lying length must not allocate up front.
  block->reserve(block->size() + static_cast<size_t>(std::min<uint64_t>(length, 4 << 20)));
  uint64_t got = 0;
  while (got < length) {
    // A record that fills its own gzip member ends with it.
    if (input_->gzip() && member_aligned && input_->buffered().empty() &&
        input_->member_ended()) {
      break;
    }
    Result<bool> more = input_->Fill();
    if (!more.ok()) return more.status();
    if (!*more) break;
    std::string_view b = input_->buffered();
    size_t take = static_cast<size_t>(std::min<uint64_t>(b.size(), length - got));
    block->append(b.substr(0, take));
    input_->Consume(take);
    got += take;
  }
  return Status();
}

Result<bool> ArcReader::Next(WarcRecord* record, WarcRecordLocation* location) {
  if (!pending_error_.ok()) return pending_error_;
  Result<bool> more = SkipBlankBytes();
  if (!more.ok()) return more.status();
  if (!*more) return false;
  const uint64_t offset = input_->position();
  const bool aligned = !input_->gzip() || input_->member_consumed() == 0;
  location->offset = offset;
  location->member_aligned = aligned;
  location->length = 0;

  Result<std::optional<std::string>> read = ReadLine(offset);
  if (!read.ok()) return read.status();
  if (!read->has_value()) return false;
  const std::string line = std::move(**read);
  const bool filedesc = line.substr(0, kFiledesc.size()) == kFiledesc;
  if (records_ == 0 && !filedesc) {
    return Corrupt(offset, "not an ARC file: it does not start with a filedesc:// record");
  }

  ArcHeader h;
  // The filedesc line of a v2 file has the ten v2 fields; of a v1 file, five.
  size_t fields = fields_;
  if (filedesc) fields = Split(line, ' ').size() >= 10 ? 10 : 5;
  // A line with enough spaces but no timestamp in its place is no header.
  bool is_header = SplitHeader(line, fields, &h) && !h.date.empty() &&
                   std::all_of(h.date.begin(), h.date.end(),
                               [](char c) { return c >= '0' && c <= '9'; });
  if (!is_header) {
    return Corrupt(offset, "expected an ARC record header line with " + std::to_string(fields) +
                               " fields (URL IP-address Archive-date Content-type " +
                               (fields == 5 ? "" : "... ") + "Archive-length), found " +
                               Snippet(line) +
                               (records_ ? " (wrong Archive-length in the previous record?)" : ""));
  }
  uint64_t length = 0;
  // In a gzip-per-record file the member says where the record ends.
  bool to_member_end = false;
  if (!ParseDecimalLength(h.length, &length)) {
    if (input_->gzip() && aligned && !filedesc) {
      Warn(offset, "Archive-length " + Snippet(h.length) +
                       " is not a number; read the record to the end of its gzip member");
      to_member_end = true;
      length = max_block_bytes_;
    } else {
      Warn(offset, "Archive-length " + Snippet(h.length) +
                       " is not a number; read as 0, as warcio does");
      length = 0;
    }
  }
  if (length > max_block_bytes_) {
    return Corrupt(offset, "declared Archive-length " + std::to_string(length) +
                               " exceeds the limit of " + std::to_string(max_block_bytes_) +
                               " bytes per record (damaged or hostile file)");
  }

  // Archive-date: 14 digits, UTC. Longer ones (seen in bad.arc) are cut.
  std::string date = h.date;
  if (date.size() > 14) {
    Warn(offset, "Archive-date " + Snippet(date) + " has more than 14 digits; cut to 14");
    date.resize(14);
  }
  std::optional<Micros> when = Parse14(date);
  if (!when) return Corrupt(offset, "bad Archive-date " + Snippet(h.date) + " (YYYYMMDDhhmmss)");

  std::string block;
  if (filedesc) {
    // warcio's rule: the version and field-names lines belong to the
    // filedesc record whatever its Archive-length says.
    std::string version_block;
    for (int i = 0; i < 2; ++i) {
      // Kept byte for byte: the lines are the block's first bytes.
      Result<std::optional<std::string>> l = ReadLine(offset, /*keep_line_end=*/true);
      if (!l.ok()) return l.status();
      if (!l->has_value()) {
        return Corrupt(offset, "the file ends inside the filedesc record's version block");
      }
      version_block += **l;
    }
    const std::string major(
        TrimAscii(version_block.substr(0, version_block.find_first_of(" \r\n"))));
    if (major == "1") {
      fields_ = 5;
    } else if (major == "2") {
      fields_ = 10;
    } else {
      return Corrupt(offset, "unsupported ARC version block " +
                                 Snippet(version_block.substr(
                                     0, version_block.find_first_of("\r\n"))) +
                                 " (newsarc reads ARC v1 and v2)");
    }
    if (records_ == 0) format_ = "ARC/" + major + ".0";
    block = std::move(version_block);
    if (length >= block.size()) {
      length -= block.size();
    } else {
      // Writers often leave the version block's last LF out of the length.
      if (length + 1 < block.size() && ParseDecimalLength(h.length, &length)) {
        Warn(offset, "Archive-length " + h.length +
                         " is shorter than the filedesc version block; kept the block");
      }
      length = 0;
    }
  }
  const size_t before = block.size();
  NEWSARC_RETURN_IF_ERROR(ReadBlock(length, aligned, &block));
  if (to_member_end && block.size() > before && block.back() == '\n') {
    block.pop_back();  // the LF that ends every ARC record
  }
  if (block.size() - before < length && !to_member_end) {
    Warn(offset, "Archive-length " + std::to_string(length) + " but the " +
                     (input_->gzip() ? "gzip member" : "file") + " ends after " +
                     std::to_string(block.size() - before) +
                     " bytes; kept those bytes (truncated record?)");
  }
  if (!input_->gzip()) location->length = input_->position() - offset;
  ++records_;

  record->version = "WARC/1.1";
  record->headers.clear();
  record->block = std::move(block);
  std::string id = DerivedRecordId(line, record->block);
  if (filedesc) {
    record->headers.emplace_back("WARC-Type", "warcinfo");
    record->headers.emplace_back("WARC-Record-ID", id);
    record->headers.emplace_back("WARC-Date", FormatWarcDate(*when));
    record->headers.emplace_back("WARC-Filename", h.url.substr(kFiledesc.size()));
    warcinfo_id_ = id;
  } else {
    bool http = StartsWithHttpStatusLine(record->block);
    record->headers.emplace_back("WARC-Type", http ? "response" : "resource");
    record->headers.emplace_back("WARC-Record-ID", id);
    record->headers.emplace_back("WARC-Date", FormatWarcDate(*when));
    record->headers.emplace_back("WARC-Target-URI", h.url);
    if (!warcinfo_id_.empty()) record->headers.emplace_back("WARC-Warcinfo-ID", warcinfo_id_);
  }
  // "0.0.0.0" and "-" are ARC writers' "no address".
  if (!h.ip.empty() && h.ip != "-" && h.ip != "0.0.0.0") {
    record->headers.emplace_back("WARC-IP-Address", h.ip);
  }
  std::string type = h.type;
  if (!filedesc && StartsWithHttpStatusLine(record->block)) {
    type = "application/http; msgtype=response";
  } else if (type.empty() || type == "-" || type == "no-type") {
    type = "application/octet-stream";
  }
  record->headers.emplace_back("Content-Type", type);
  record->headers.emplace_back("Content-Length", std::to_string(record->block.size()));
  record->headers.emplace_back("Newsarc-Original-Version", format_);
  record->headers.emplace_back("Newsarc-ARC-Header", line);

  if (input_->gzip()) {
    // Where the member ends tells CDX indexes the record's extent.
    Result<bool> own = SkipBlankLinesToMemberEnd(*input_);
    if (!own.ok()) {
      // The record is complete; report the damage after it next time.
      pending_error_ = own.status();
      location->member_aligned = false;
    } else if (*own) {
      if (aligned) location->length = input_->member_end() - offset;
    } else {
      location->member_aligned = false;  // more records share this member
    }
    if (!location->member_aligned) location->length = 0;
  }
  return true;
}

}  // namespace newsarc::storage
