// `newsarc search QUERY --archive A.db [--exact] [--host H] [--lang L]
// [--since T] [--until T] [--limit N] [--offset N] [--format table|json]`:
// full-text search over every archived article version (titles and bodies,
// BM25, one hit per URL with its best version and a snippet), and
// `newsarc articles --archive A.db [--host H] [--lang L] [--since T]
// [--until T] [--changed] [--sort last|first|title|versions|changes]
// [--limit N] [--offset N] [--format table|json]`: one row per article URL.
// Both bring the article index up to date first (`newsarc index`), and print
// the JSON of /api/search and /api/articles with --format json.
//
// Exit 0 on success (also with no hit), 1 when the archive cannot be read,
// 2 on a bad command line or query.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "audit/audit.h"
#include "base/progress.h"
#include "cli/command.h"
#include "web/web.h"

namespace newsarc::cli {
namespace {

struct Options {
  std::string archive, query, host, lang, since, until, sort = "last", format = "table";
  std::vector<std::string> words;  // the query, as given on the command line
  bool exact = false, changed = false, all = false;
  int64_t limit = 20, offset = 0;
};

// Brings the index up to date, with a progress line on a terminal.
int UpdateIndex(const std::string& archive) {
  InstallInterruptHandler();
  std::unique_ptr<Progress> progress;
  audit::IndexOptions io;
  io.stop = [] { return InterruptRequested(); };
  io.progress = [&](const audit::IndexProgress& p) {
    if (!progress) {
      progress = std::make_unique<Progress>("index", static_cast<uint64_t>(p.urls_total),
                                            Progress::StderrIsTerminal());
    }
    progress->Update(static_cast<uint64_t>(p.urls_done), "URLs");
  };
  auto r = audit::UpdateArticleIndex(archive, io);
  if (progress) progress->Finish();
  if (!r.ok()) return ReportError(r.status());
  return r->interrupted ? kExitInterrupted : kExitOk;
}

std::vector<std::pair<std::string, std::string>> Common(const Options& o) {
  std::vector<std::pair<std::string, std::string>> p;
  auto add = [&](const char* k, const std::string& v) {
    if (!v.empty()) p.emplace_back(k, v);
  };
  add("host", o.host);
  add("lang", o.lang);
  add("since", o.since);
  add("until", o.until);
  p.emplace_back("limit", std::to_string(o.limit));
  p.emplace_back("offset", std::to_string(o.offset));
  return p;
}

std::string Marked(const nlohmann::json& pieces) {
  std::string out;
  for (const auto& p : pieces) {
    const std::string t = p["text"].get<std::string>();
    out += p["match"].get<bool>() ? "[" + t + "]" : t;
  }
  for (char& c : out) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return out;
}

int Report(const Result<std::string>& json, const Options& o, bool search) {
  if (!json.ok()) {
    ReportError(json.status());
    return json.status().code() == Status::Code::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  if (o.format == "json") {
    std::fputs(json->c_str(), stdout);
    return kExitOk;
  }
  nlohmann::json j = nlohmann::json::parse(*json);
  if (search) {
    for (const auto& h : j["hits"]) {
      std::printf("%s  %s\n    %s\n    %s\n", h["date"].get<std::string>().c_str(),
                  Marked(h["title_marked"]).c_str(), h["url"].get<std::string>().c_str(),
                  Marked(h["snippet"]).c_str());
    }
    std::printf("%lld URL%s match \"%s\"\n", static_cast<long long>(j["total"].get<int64_t>()),
                j["total"].get<int64_t>() == 1 ? "" : "s", o.query.c_str());
    return kExitOk;
  }
  std::printf("%-20s %-20s %5s %5s  %s\n", "first version", "last version", "vers", "chg",
              "title / url");
  for (const auto& r : j["rows"]) {
    std::printf("%-20s %-20s %5lld %5lld  %s\n    %s\n",
                r["first_version"].get<std::string>().substr(0, 19).c_str(),
                r["last_version"].get<std::string>().substr(0, 19).c_str(),
                static_cast<long long>(r["versions"].get<int64_t>()),
                static_cast<long long>(r["changes"].get<int64_t>()),
                r["title"].get<std::string>().c_str(), r["url"].get<std::string>().c_str());
  }
  std::printf("%lld article URLs\n", static_cast<long long>(j["total"].get<int64_t>()));
  return kExitOk;
}

int RunSearch(Options o) {
  for (const std::string& w : o.words) o.query += (o.query.empty() ? "" : " ") + w;
  if (int rc = UpdateIndex(o.archive); rc != kExitOk) return rc;
  auto p = Common(o);
  p.emplace_back("q", o.query);
  p.emplace_back("mode", o.exact ? "exact" : "words");
  return Report(web::SearchJson(o.archive, p), o, true);
}

int RunArticles(const Options& o) {
  if (int rc = UpdateIndex(o.archive); rc != kExitOk) return rc;
  auto p = Common(o);
  p.emplace_back("sort", o.sort);
  if (o.changed) p.emplace_back("changed", "1");
  if (o.all) p.emplace_back("all", "1");
  return Report(web::ArticlesJson(o.archive, p), o, false);
}

void AddCommon(CLI::App* sub, Options* o) {
  sub->add_option("--archive", o->archive, "Archive file")->required();
  sub->add_option("--host", o->host, "Only this host and its subdomains");
  sub->add_option("--lang", o->lang, "Only this language (en takes en-GB too)");
  sub->add_option("--since", o->since, "Versions captured at or after (2024-05-01, 20240501...)");
  sub->add_option("--until", o->until, "Versions captured before");
  sub->add_option("--offset", o->offset, "Skip this many rows")->check(CLI::NonNegativeNumber);
  sub->add_option("--format", o->format, "table (default) or json")
      ->check(CLI::IsMember({"table", "json"}));
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  CLI::App* sub = root.add_subcommand(
      "search", "Full-text search over every archived article version (any language, BM25)");
  sub->add_option("query", opts->words, "Words to find (\"a phrase\" in quotes)")->required();
  AddCommon(sub, opts.get());
  sub->add_flag("--exact", opts->exact, "The query as one exact phrase (or substring of CJK text)");
  sub->add_option("--limit", opts->limit, "Hits to show")->check(CLI::Range(1, 100));
  SetExamples(sub, {
      {"newsarc search harbour ferries --archive news.db", "both words, any version"},
      {"newsarc search 记者 --archive news.db --host example.cn", "Chinese words work too"},
      {"newsarc search \"five of the six\" --exact --archive news.db --format json", "a phrase"},
  });
  sub->callback([opts] { SetExitCode(RunSearch(*opts)); });

  auto aopts = std::make_shared<Options>();
  aopts->limit = 50;
  CLI::App* list = root.add_subcommand(
      "articles", "One row per archived article URL: title, versions, changes");
  AddCommon(list, aopts.get());
  list->add_flag("--changed", aopts->changed, "Only articles that were edited or deleted");
  list->add_flag("--all", aopts->all,
                 "Also pages where no article text was extracted (home and section pages)");
  list->add_option("--sort", aopts->sort, "last (default), first, title, versions or changes")
      ->check(CLI::IsMember({"last", "first", "title", "versions", "changes"}));
  list->add_option("--limit", aopts->limit, "Rows to show")->check(CLI::Range(1, 500));
  SetExamples(list, {
      {"newsarc articles --archive news.db --changed --sort changes", "the most edited first"},
      {"newsarc articles --archive news.db --host example.com --format json", ""},
  });
  list->callback([aopts] { SetExitCode(RunArticles(*aopts)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
