// The corpus side of `newsarc export`: formats jsonl, csv, txt, md, tar,
// tar.gz, zip, wacz, and warc with --articles-only (corpus/corpus.h).
// cmd_export.cc owns the subcommand and its --archive/--format/--out/--force
// options; it adds these options and hands corpus formats over:
//
//   auto corpus = std::make_shared<CorpusExportFlags>();
//   AddCorpusExportOptions(sub, corpus.get());
//   ...in Run(): if (IsCorpusFormat(o.format, *corpus))
//                  return RunCorpusExport(o.archive, o.format, o.out, o.force, *corpus);
#ifndef NEWSARC_CLI_EXPORT_CORPUS_H_
#define NEWSARC_CLI_EXPORT_CORPUS_H_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace newsarc::cli {

struct CorpusExportFlags {
  std::vector<std::string> sites;      // --site HOST (repeatable)
  std::string since;                   // --since DATE
  std::string until;                   // --until DATE
  std::string by = "published";        // --by published|capture
  std::vector<std::string> languages;  // --lang TAG (repeatable)
  int64_t min_chars = 0;               // --min-chars N
  std::string match;                   // --match REGEX
  std::string versions = "latest";     // --versions latest|all
  std::string dedup = "none";          // --dedup none|exact|near
  double near_threshold = 0.5;         // --near-threshold J
  bool articles_only = false;          // --articles-only (warc)
  std::string title;                   // --title (wacz)
};

// Adds the options above to `export_cmd`.
void AddCorpusExportOptions(CLI::App* export_cmd, CorpusExportFlags* flags);

// One line per corpus format, for the --format help text.
std::string CorpusFormatsHelp();

// True for the formats RunCorpusExport handles: jsonl, csv, txt, md, tar,
// tar.gz (tgz), zip, wacz; and warc when flags.articles_only.
bool IsCorpusFormat(const std::string& format, const CorpusExportFlags& flags);

// Runs the export; prints "wrote OUT: N articles (...)" on success.
// Returns 0, 1 (failure, reported on stderr), 2 (not a corpus format) or 130
// (Ctrl-C; nothing is left under OUT).
int RunCorpusExport(const std::string& archive, const std::string& format,
                    const std::string& out, bool force, const CorpusExportFlags& flags);

}  // namespace newsarc::cli

#endif  // NEWSARC_CLI_EXPORT_CORPUS_H_
