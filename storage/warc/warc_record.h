// WarcRecord: one WARC record as named headers plus a block of bytes.
//
// This is the unit the archive stores and the WARC reader/writer exchange.
// Headers keep their order and spelling as read (so a round trip through the
// archive reproduces them); lookups are case-insensitive as WARC 1.1 says.
#ifndef NEWSARC_STORAGE_WARC_WARC_RECORD_H_
#define NEWSARC_STORAGE_WARC_WARC_RECORD_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsarc::storage {

struct WarcRecord {
  std::string version = "WARC/1.1";  // "WARC/1.0" or "WARC/1.1" as read
  std::vector<std::pair<std::string, std::string>> headers;
  std::string block;  // the record block, exactly Content-Length bytes

  // First header named `name` (ASCII case-insensitive), or "" when absent.
  std::string_view Get(std::string_view name) const;
  bool Has(std::string_view name) const;
  // Replaces the first header named `name`, or appends one.
  void Set(std::string_view name, std::string_view value);
  void Remove(std::string_view name);

  std::string_view type() const { return Get("WARC-Type"); }
  std::string_view id() const { return Get("WARC-Record-ID"); }
  // WARC-Target-URI without the angle brackets some writers (wget) add.
  std::string_view target_uri() const;
};

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_WARC_WARC_RECORD_H_
