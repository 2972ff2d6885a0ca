#include "crawler/seeds.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <unordered_set>

#include "base/strings.h"
#include "crawler/url_normalize.h"

namespace newsarc::crawler {
namespace {
// Seed files are small; a bound keeps a wrong path (a disk image) harmless.
constexpr std::streamsize kMaxSeedFileBytes = 64 * 1024 * 1024;
}  // namespace

Result<std::vector<Seed>> ParseSeeds(std::string_view text, std::string_view source) {
  std::vector<Seed> seeds;
  std::unordered_set<std::string> seen;
  int line_num = 0;
  for (std::string_view line : Split(text, '\n')) {
    ++line_num;
    const std::string where = std::string(source) + ":" + std::to_string(line_num);
    line = TrimAscii(line);
    if (line.empty() || line[0] == '#') continue;
    // The comment starts at a '#' that begins a word.
    std::string_view comment;
    for (size_t i = 1; i < line.size(); ++i) {
      if (line[i] == '#' && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
        comment = TrimAscii(line.substr(i + 1));
        line = TrimAscii(line.substr(0, i));
        break;
      }
    }
    if (line.find_first_of(" \t") != std::string_view::npos) {
      return Status::InvalidArgument(where, "more than one word before the comment: \"" +
                                                std::string(line) + "\"");
    }
    auto url = NormalizeUrl(line);
    if (!url.ok()) return url.status().WithContext(where);
    if (!seen.insert(url->spec()).second) continue;
    seeds.push_back({url->spec(), std::string(line), std::string(comment), line_num});
  }
  return seeds;
}

Result<std::vector<Seed>> LoadSeedFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("seed file \"" + path + "\"", std::strerror(errno));
  std::string text(static_cast<size_t>(kMaxSeedFileBytes) + 1, '\0');
  in.read(text.data(), kMaxSeedFileBytes + 1);
  text.resize(static_cast<size_t>(in.gcount()));
  if (in.bad()) return Status::Io("seed file \"" + path + "\"", "read error");
  if (text.size() > static_cast<size_t>(kMaxSeedFileBytes)) {
    return Status::InvalidArgument("seed file \"" + path + "\"", "larger than 64 MiB");
  }
  return ParseSeeds(text, path);
}

}  // namespace newsarc::crawler
