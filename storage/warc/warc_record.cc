#include "storage/warc/warc_record.h"

#include "base/strings.h"

namespace newsarc::storage {

std::string_view WarcRecord::Get(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, name)) return v;
  }
  return {};
}

bool WarcRecord::Has(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, name)) return true;
  }
  return false;
}

void WarcRecord::Set(std::string_view name, std::string_view value) {
  for (auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, name)) {
      v.assign(value);
      return;
    }
  }
  headers.emplace_back(std::string(name), std::string(value));
}

void WarcRecord::Remove(std::string_view name) {
  for (auto it = headers.begin(); it != headers.end(); ++it) {
    if (EqualsIgnoreCase(it->first, name)) {
      headers.erase(it);
      return;
    }
  }
}

std::string_view WarcRecord::target_uri() const {
  std::string_view u = TrimAscii(Get("WARC-Target-URI"));
  if (u.size() >= 2 && u.front() == '<' && u.back() == '>') {
    u = u.substr(1, u.size() - 2);
  }
  return u;
}

}  // namespace newsarc::storage
