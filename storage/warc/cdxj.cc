#include "storage/warc/cdxj.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "base/time.h"
#include "storage/warc/http_message.h"
#include "storage/warc/surt.h"
#include "storage/warc/warc_reader.h"

namespace newsarc::storage {
namespace {

bool Indexed(std::string_view type) {
  return type == "response" || type == "revisit" || type == "resource" ||
         type == "conversion";
}

// Media type without parameters, as pywb records it.
std::string MediaType(std::string_view content_type) {
  size_t semi = content_type.find(';');
  return std::string(TrimAscii(content_type.substr(0, semi)));
}

std::string DigestField(std::string_view labelled) {
  labelled = TrimAscii(labelled);
  if (StartsWithIgnoreCase(labelled, "sha1:")) return std::string(labelled.substr(5));
  return std::string(labelled);
}

bool IsHttp(const WarcRecord& record) {
  return StartsWithIgnoreCase(TrimAscii(record.Get("Content-Type")), "application/http");
}

}  // namespace

std::optional<std::string> CdxjLine(const WarcRecord& record, std::string_view filename,
                                    uint64_t offset, uint64_t length) {
  std::string_view type = record.type();
  if (!Indexed(type)) return std::nullopt;
  std::string url(record.target_uri());
  std::optional<Micros> date = ParseIsoDate(TrimAscii(record.Get("WARC-Date")));

  nlohmann::ordered_json j;
  j["url"] = url;
  std::optional<HttpMessage> http;
  if (IsHttp(record) || type == "response" || type == "revisit") {
    http = SplitHttpMessage(record.block);
  }
  if (type == "revisit") {
    j["mime"] = "warc/revisit";
  } else if (http) {
    j["mime"] = http->content_type.empty() ? "unk" : http->content_type;
  } else {
    std::string mt = MediaType(record.Get("Content-Type"));
    j["mime"] = mt.empty() ? "unk" : mt;
  }
  if (http && http->is_response && http->status > 0) j["status"] = std::to_string(http->status);
  if (record.Has("WARC-Payload-Digest")) {
    j["digest"] = DigestField(record.Get("WARC-Payload-Digest"));
  } else if (record.Has("WARC-Block-Digest")) {
    j["digest"] = DigestField(record.Get("WARC-Block-Digest"));
  }
  j["length"] = std::to_string(length);
  j["offset"] = std::to_string(offset);
  j["filename"] = std::string(filename);

  std::string line = SurtKey(url);
  line += ' ';
  line += date ? Format14(*date) : std::string("00000000000000");
  line += ' ';
  // Replacement for invalid UTF-8 in URLs keeps the dump total.
  line += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return line;
}

void SortCdxjLines(std::vector<std::string>* lines) {
  std::sort(lines->begin(), lines->end());  // std::string compares bytewise (char_traits)
  lines->erase(std::unique(lines->begin(), lines->end()), lines->end());
}

Status IndexWarcFile(const std::string& path, std::vector<std::string>* lines) {
  Result<std::unique_ptr<WarcReader>> reader = WarcReader::Open(path);
  if (!reader.ok()) return reader.status();
  std::string filename = std::filesystem::path(path).filename().string();
  WarcRecord record;
  WarcRecordLocation where;
  for (;;) {
    Result<bool> more = (*reader)->Next(&record, &where);
    if (!more.ok()) return more.status();
    if (!*more) return Status();
    if (!where.member_aligned) {
      return Status::Unsupported(
          path, "at offset " + std::to_string(where.offset) +
                    ": records do not each have their own gzip member, so they cannot be "
                    "addressed by offset; re-compress it one member per record (e.g. "
                    "import it and `newsarc export`)");
    }
    std::optional<std::string> line = CdxjLine(record, filename, where.offset, where.length);
    if (line) lines->push_back(std::move(*line));
  }
}

Status WriteCdxjFile(const std::string& path, const std::vector<std::string>& lines) {
  std::string tmp = path + ".open";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return Status::Io(tmp, std::strerror(errno));
  bool ok = true;
  for (const std::string& line : lines) {
    ok = ok && std::fwrite(line.data(), 1, line.size(), f) == line.size() &&
         std::fputc('\n', f) != EOF;
  }
  int err = errno;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    std::remove(tmp.c_str());
    return Status::Io(path, std::strerror(err));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return Status::Io(path, std::string("rename: ") + std::strerror(errno));
  }
  return Status();
}

}  // namespace newsarc::storage
