// Test helpers of the warc tests: every record of a file through WarcReader,
// with where each sat, what the reader converted and repaired, and the error
// that ended the file (ok when it ended cleanly).
#ifndef NEWSARC_TESTS_STORAGE_WARC_READ_ALL_H_
#define NEWSARC_TESTS_STORAGE_WARC_READ_ALL_H_

#include <cstdint>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "storage/warc/warc.h"

namespace newsarc::storage {

struct ReadResult {
  std::vector<WarcRecord> records;
  std::vector<WarcRecordLocation> locations;
  std::map<std::string, int64_t> converted;
  ReadWarnings warnings;
  Status error;  // ok when the file ended cleanly
};

inline ReadResult ReadAll(const std::string& path) {
  ReadResult out;
  auto reader = WarcReader::Open(path);
  if (!reader.ok()) {
    out.error = reader.status();
    return out;
  }
  for (;;) {
    WarcRecord rec;
    WarcRecordLocation loc;
    Result<bool> more = (*reader)->Next(&rec, &loc);
    if (!more.ok()) {
      out.error = more.status();
      break;
    }
    if (!*more) break;
    out.records.push_back(std::move(rec));
    out.locations.push_back(loc);
  }
  out.converted = (*reader)->converted();
  out.warnings = (*reader)->warnings();
  return out;
}

// The WARC-Type of each record read.
inline std::vector<std::string> Types(const ReadResult& r) {
  std::vector<std::string> types;
  for (const auto& rec : r.records) types.emplace_back(rec.type());
  return types;
}

// The rows of a JSON-lines expectations file (warcio's iterator.jsonl...).
inline std::vector<nlohmann::json> ReadJsonl(const std::string& path) {
  std::ifstream in(path);
  std::vector<nlohmann::json> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

}  // namespace newsarc::storage

#endif  // NEWSARC_TESTS_STORAGE_WARC_READ_ALL_H_
