// `newsarc stats --archive A.db [--json]`: records by type, hosts, captures,
// distinct payloads, and stored against logical bytes.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "base/strings.h"
#include "cli/command.h"
#include "storage/storage.h"

namespace newsarc::cli {
namespace {

struct Options {
  std::string archive;
  bool json = false;
};

int Run(const Options& o) {
  auto archive = storage::Archive::Open(o.archive, {.read_only = true});
  if (!archive.ok()) return ReportError(archive.status().WithContext("stats"));
  auto s = (*archive)->Stats();
  if (!s.ok()) return ReportError(s.status().WithContext("stats"));
  const double ratio = s->logical_bytes > 0 ? static_cast<double>(s->stored_bytes) /
                                                  static_cast<double>(s->logical_bytes)
                                            : 0.0;
  if (o.json) {
    nlohmann::ordered_json j;
    j["archive"] = o.archive;
    j["records"] = s->records;
    nlohmann::ordered_json by_type = nlohmann::ordered_json::object();
    for (const auto& [type, n] : s->records_by_type) by_type[type] = n;
    j["records_by_type"] = by_type;
    j["captures"] = s->captures;
    j["hosts"] = s->hosts;
    j["payloads"] = s->payloads;
    j["logical_bytes"] = s->logical_bytes;
    j["stored_bytes"] = s->stored_bytes;
    j["file_bytes"] = s->file_bytes;
    j["stored_ratio"] = ratio;
    std::printf("%s\n", j.dump(2).c_str());
    return kExitOk;
  }
  std::printf("archive   %s\n", o.archive.c_str());
  std::printf("records   %lld\n", static_cast<long long>(s->records));
  for (const auto& [type, n] : s->records_by_type) {
    std::printf("  %-11s %lld\n", type.c_str(), static_cast<long long>(n));
  }
  std::printf("captures  %lld (response, revisit, resource)\n",
              static_cast<long long>(s->captures));
  std::printf("hosts     %lld\n", static_cast<long long>(s->hosts));
  std::printf("payloads  %lld distinct\n", static_cast<long long>(s->payloads));
  std::printf("logical   %s (record blocks)\n",
              HumanBytes(static_cast<double>(s->logical_bytes)).c_str());
  std::printf("stored    %s (%.1f%% of logical: headers + compressed payloads)\n",
              HumanBytes(static_cast<double>(s->stored_bytes)).c_str(), ratio * 100);
  std::printf("file      %s (SQLite file and WAL)\n",
              HumanBytes(static_cast<double>(s->file_bytes)).c_str());
  return kExitOk;
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  CLI::App* sub = root.add_subcommand(
      "stats", "Records by type, hosts, captures, payloads, stored vs logical bytes");
  sub->add_option("--archive", opts->archive, "Archive file")->required();
  sub->add_flag("--json", opts->json, "Print JSON instead of text");
  SetExamples(sub, {
      {"newsarc stats --archive news.db", ""},
      {"newsarc stats --archive news.db --json", ""},
  });
  sub->callback([opts] { SetExitCode(Run(*opts)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
