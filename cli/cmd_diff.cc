// `newsarc diff URL --archive A.db [--from N|TIME] [--to N|TIME]
// [--format text|html|json] [--color auto|always|never]`: the difference
// between two versions of the cleaned article (title, dates, authors, body;
// word level, character level for Chinese), with cosmetic changes marked
// (audit/article_diff.h). N is a row of `newsarc history`; TIME picks the
// last version captured at or before it. Default: the last two versions that
// differ. Colour only when stdout is a terminal (and NO_COLOR is unset).
//
// Exit 0 on success (also when no two versions differ: it says so), 1 when
// the archive cannot be read or holds no capture of URL, 2 on a bad command
// line (including a --from/--to that names no version with an article).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "audit/audit.h"
#include "cli/command.h"
#include "cli/diff_render.h"

namespace newsarc::cli {
namespace {

struct Options {
  std::string archive;
  std::string url;
  std::string from, to;
  std::string format = "text";
  std::string color = "auto";
};

int Run(const Options& o) {
  auto history = audit::ArticleHistory(o.archive, o.url);
  if (!history.ok()) return ReportError(history.status().WithContext("diff"));
  auto pair = audit::SelectDiffPair(*history, o.from, o.to);
  if (!pair.ok()) {
    if (pair.status().code() == Status::Code::kNotFound) {
      int articles = 0;
      for (const auto& v : *history) articles += v.article ? 1 : 0;
      std::printf("no differences: %zu captures of %s, %d with an article, none differing\n",
                  history->size(), o.url.c_str(), articles);
      return kExitOk;
    }
    ReportError(pair.status().WithContext("diff"));
    return kExitUsage;
  }
  const audit::ArticleVersion& from = (*history)[pair->first];
  const audit::ArticleVersion& to = (*history)[pair->second];
  const audit::ArticleDiff diff = audit::DiffArticles(*from.article, *to.article);
  DiffView view{o.url, &from, &to, &diff};
  std::string out;
  if (o.format == "json") {
    out = RenderDiffJson(view);
  } else if (o.format == "html") {
    out = RenderDiffHtml(view);
  } else {
    bool colour = o.color == "always" ||
                  (o.color == "auto" && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"));
    out = RenderDiffText(view, colour);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  CLI::App* sub = root.add_subcommand(
      "diff",
      "Show what changed between two versions of an archived article (default: the last "
      "change); cosmetic changes (whitespace, stamps, counters) are marked");
  sub->add_option("url", opts->url, "Article URL")->required();
  sub->add_option("--archive", opts->archive, "Archive file")->required();
  sub->add_option("--from", opts->from, "Older version: a `history` row number or a time");
  sub->add_option("--to", opts->to, "Newer version: a `history` row number or a time");
  sub->add_option("--format", opts->format, "text (default), html or json")
      ->check(CLI::IsMember({"text", "html", "json"}));
  sub->add_option("--color", opts->color, "auto (default: on a terminal), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  SetExamples(sub, {
      {"newsarc diff https://example.com/a --archive news.db", "the last change"},
      {"newsarc diff https://example.com/a --archive news.db --from 1 --to 3 --format html",
       "rows of `newsarc history`"},
  });
  sub->callback([opts] { SetExitCode(Run(*opts)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
