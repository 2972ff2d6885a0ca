#include "cli/export_corpus.h"

#include <cstdio>

#include "base/progress.h"
#include "cli/command.h"
#include "corpus/corpus.h"
#include "storage/storage.h"

namespace newsarc::cli {

void AddCorpusExportOptions(CLI::App* sub, CorpusExportFlags* f) {
  sub->add_option("--site", f->sites, "Only articles from this host or its subdomains (repeatable)")
      ->allow_extra_args(false)
      ->group("Corpus filters");
  sub->add_option("--since", f->since, "Only articles dated on or after DATE (ISO 8601: 2026, "
                                       "2026-11, 2026-11-21, 2026-11-21T10:00Z)")
      ->group("Corpus filters");
  sub->add_option("--until", f->until, "Only articles dated up to the end of DATE")
      ->group("Corpus filters");
  sub->add_option("--by", f->by, "Date for --since/--until: published (articles without a "
                                 "publication date are left out) or capture")
      ->check(CLI::IsMember({"published", "capture"}))
      ->default_val("published")
      ->group("Corpus filters");
  sub->add_option("--lang", f->languages, "Only this language (\"en\" takes en-GB; repeatable)")
      ->allow_extra_args(false)
      ->group("Corpus filters");
  // Default 1: a page where the extractor found no article (a home or
  // section page, a 404 body) is not part of a corpus; --min-chars 0 keeps it.
  sub->add_option("--min-chars", f->min_chars,
                  "Only bodies with at least N non-space characters (0 keeps pages where no "
                  "article was found)")
      ->default_val(1)
      ->check(CLI::NonNegativeNumber)
      ->group("Corpus filters");
  sub->add_option("--match", f->match, "Only articles whose URL (final or canonical) matches "
                                       "this ECMAScript regular expression")
      ->group("Corpus filters");
  sub->add_option("--versions", f->versions, "latest: the latest capture of each URL; all: every "
                                             "capture")
      ->check(CLI::IsMember({"latest", "all"}))
      ->default_val("latest")
      ->group("Corpus filters");
  sub->add_option("--dedup", f->dedup, "none; exact: identical body text; near: syndicated or "
                                       "lightly edited copies (MinHash, see docs/corpus.md). "
                                       "A kept article lists the URLs of its copies")
      ->check(CLI::IsMember({"none", "exact", "near"}))
      ->default_val("none")
      ->group("Corpus filters");
  sub->add_option("--near-threshold", f->near_threshold,
                  "Jaccard similarity of 5-token shingles at which --dedup near folds two "
                  "articles")
      ->check(CLI::Range(0.01, 1.0))
      ->default_val(0.5)
      ->group("Corpus filters");
  sub->add_flag("--articles-only", f->articles_only,
                "With --format warc: only the articles' conversion records and their responses");
  sub->add_option("--title", f->title, "Collection title (wacz)");
}

std::string CorpusFormatsHelp() {
  return "\n  jsonl: one newsarc-corpus/1 JSON article per line (docs/corpus.md)"
         "\n  csv: RFC 4180, one article per row"
         "\n  txt: plain text, articles separated by form feeds"
         "\n  md: Markdown, one section per article"
         "\n  tar, tar.gz, zip: one text file per article plus manifest.jsonl"
         "\n  wacz: WACZ 1.2 package (WARC, CDXJ, pages with text)"
         "\n  warc --articles-only: articles' conversion records with their responses";
}

bool IsCorpusFormat(const std::string& format, const CorpusExportFlags& flags) {
  auto f = corpus::ParseCorpusFormat(format);
  if (!f) return false;
  return *f != corpus::CorpusFormat::kWarc || flags.articles_only;
}

int RunCorpusExport(const std::string& archive_path, const std::string& format,
                    const std::string& out, bool force, const CorpusExportFlags& f) {
  corpus::CorpusOptions o;
  auto fmt = corpus::ParseCorpusFormat(format);
  if (!fmt) {
    ReportError(Status::InvalidArgument("export --format " + format, "not a corpus format"));
    return kExitUsage;
  }
  o.format = *fmt;
  o.out = out;
  o.force = force;
  o.filter.sites = f.sites;
  o.filter.since = f.since;
  o.filter.until = f.until;
  o.filter.by = f.by == "capture" ? corpus::DateBasis::kCapture : corpus::DateBasis::kPublished;
  o.filter.languages = f.languages;
  o.filter.min_chars = f.min_chars;
  o.filter.match = f.match;
  o.versions = f.versions == "all" ? corpus::VersionPolicy::kAll : corpus::VersionPolicy::kLatest;
  o.dedup = f.dedup == "exact"  ? corpus::DedupMode::kExact
            : f.dedup == "near" ? corpus::DedupMode::kNear
                                : corpus::DedupMode::kNone;
  o.near_threshold = f.near_threshold;
  if (!f.title.empty()) o.title = f.title;

  InstallInterruptHandler();
  auto archive = storage::Archive::Open(archive_path, {.read_only = true});
  if (!archive.ok()) return ReportError(archive.status().WithContext("export"));
  std::unique_ptr<Progress> bar;
  corpus::ExportSummary summary;
  Status s = corpus::ExportCorpus(
      **archive, o,
      [&](const corpus::ExportProgress& p) {
        if (!bar) bar = std::make_unique<Progress>("export", p.total, Progress::StderrIsTerminal());
        bar->Update(p.done, p.pass == 1 ? "scanning" : std::to_string(p.written) + " written");
      },
      &summary);
  if (bar) bar->Finish();
  if (summary.unreadable > 0) {
    std::fprintf(stderr, "newsarc: export: skipped %llu unreadable conversion records (first: %s)\n",
                 static_cast<unsigned long long>(summary.unreadable),
                 summary.first_unreadable.c_str());
  }
  if (s.code() == Status::Code::kCancelled) {
    std::fprintf(stderr, "newsarc: export interrupted; %s was not written\n", out.c_str());
    return kExitInterrupted;
  }
  if (!s.ok()) return ReportError(s);
  std::printf("wrote %s: %llu articles (%llu conversions read, %llu matched, %llu older versions "
              "left out, %llu duplicates folded)\n",
              out.c_str(), static_cast<unsigned long long>(summary.written),
              static_cast<unsigned long long>(summary.conversions),
              static_cast<unsigned long long>(summary.matched),
              static_cast<unsigned long long>(summary.superseded),
              static_cast<unsigned long long>(summary.folded));
  return kExitOk;
}

}  // namespace newsarc::cli
