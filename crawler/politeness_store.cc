#include "crawler/politeness_store.h"

#include <nlohmann/json.hpp>

namespace newsarc::crawler {

using nlohmann::json;

std::string EncodeSavedHostState(const SavedHostState& s) {
  return json{{"last_start", s.last_start},
              {"next_ready", s.next_ready},
              {"crawl_delay", s.crawl_delay},
              {"learned_interval", s.learned_interval},
              {"avg_response_time", s.avg_response_time},
              {"consecutive_failures", s.consecutive_failures}}
      .dump();
}

bool DecodeSavedHostState(const std::string& text, SavedHostState* s) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return false;
  auto micros = [&j](const char* key, Micros* out) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return false;
    *out = it->get<Micros>();
    return true;
  };
  SavedHostState out;
  if (!micros("last_start", &out.last_start) || !micros("next_ready", &out.next_ready) ||
      !micros("crawl_delay", &out.crawl_delay) ||
      !micros("learned_interval", &out.learned_interval)) {
    return false;
  }
  auto avg = j.find("avg_response_time");
  if (avg != j.end() && avg->is_number()) out.avg_response_time = avg->get<double>();
  auto failures = j.find("consecutive_failures");
  if (failures != j.end() && failures->is_number_integer()) {
    out.consecutive_failures = failures->get<int>();
  }
  *s = out;
  return true;
}

Status SaveHostState(storage::Frontier& frontier, const std::string& host,
                     const SavedHostState& state) {
  return frontier.SetSetting(kPolitenessSettingPrefix + host, EncodeSavedHostState(state));
}

Result<std::vector<std::pair<std::string, SavedHostState>>> LoadHostStates(
    storage::Frontier& frontier) {
  auto rows = frontier.ListSettings(kPolitenessSettingPrefix);
  if (!rows.ok()) return rows.status();
  std::vector<std::pair<std::string, SavedHostState>> out;
  const size_t prefix = std::char_traits<char>::length(kPolitenessSettingPrefix);
  for (const auto& [key, value] : *rows) {
    SavedHostState state;
    if (key.size() <= prefix || !DecodeSavedHostState(value, &state)) continue;
    out.emplace_back(key.substr(prefix), state);
  }
  return out;
}

}  // namespace newsarc::crawler
