// `newsarc history URL --archive A.db [--format table|json]`: every capture
// of URL and of the URLs that redirect to it or name it canonical
// (audit/history.h): time, HTTP status, payload digest, article
// text digest, whether the article changed from the previous version, and
// words added and removed. The # column is what `newsarc diff --from/--to`
// take.
//
// Exit 0 on success, 1 when the archive cannot be read or holds no capture
// of URL, 2 on a bad command line.
#include <cstdio>
#include <memory>
#include <string>

#include "audit/audit.h"
#include "base/time.h"
#include "cli/command.h"

namespace newsarc::cli {
namespace {

struct Options {
  std::string archive;
  std::string url;
  std::string format = "table";
};

std::string Note(const audit::ArticleVersion& v) {
  std::string note;
  if (v.via == "redirect") note = "redirect from " + v.capture.uri + " to " + v.location;
  if (v.via == "canonical") note = "alias " + v.capture.uri;
  if (v.capture.type == "revisit") note += std::string(note.empty() ? "" : "; ") + "revisit";
  if (!v.article && v.change == audit::VersionChange::kNoArticle && v.capture.status < 300 &&
      v.capture.status > 0) {
    note += std::string(note.empty() ? "" : "; ") + "no article extracted";
  }
  return note;
}

int Run(const Options& o) {
  auto history = audit::ArticleHistory(o.archive, o.url);
  if (!history.ok()) return ReportError(history.status().WithContext("history"));
  if (o.format == "json") {
    std::fputs(audit::HistoryJson(o.url, o.archive, *history).c_str(), stdout);
    return kExitOk;
  }
  std::printf("%-4s %-20s %-6s %-9s %7s %7s  %-37s %-37s %s\n", "#", "date", "status", "change",
              "+words", "-words", "payload digest", "text digest", "note");
  for (const auto& v : *history) {
    std::printf("%-4d %-20s %-6d %-9s %7lld %7lld  %-37s %-37s %s\n", v.index,
                FormatWarcDate(v.capture.date).c_str(), v.capture.status,
                audit::VersionChangeName(v.change), static_cast<long long>(v.words_added),
                static_cast<long long>(v.words_removed),
                v.capture.payload_digest.empty() ? "-" : v.capture.payload_digest.c_str(),
                v.text_digest.empty() ? "-" : v.text_digest.c_str(), Note(v).c_str());
  }
  return kExitOk;
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  CLI::App* sub = root.add_subcommand(
      "history",
      "Every capture of URL (and of URLs redirecting to it or naming it canonical): time, "
      "status, digests, whether the article changed, words added and removed");
  sub->add_option("url", opts->url, "Article URL")->required();
  sub->add_option("--archive", opts->archive, "Archive file")->required();
  sub->add_option("--format", opts->format, "table (default) or json")
      ->check(CLI::IsMember({"table", "json"}));
  SetExamples(sub, {
      {"newsarc history https://example.com/a --archive news.db",
       "every capture, and how the article changed"},
      {"newsarc history https://example.com/a --archive news.db --format json", ""},
  });
  sub->callback([opts] { SetExitCode(Run(*opts)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
