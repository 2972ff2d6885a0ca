// `newsarc extract`: run the extractor on one page or a directory of pages.
//
//   newsarc extract FILE|- [--url URL] [--content-type CT] [--format json|text|markdown|html]
//   newsarc extract --batch DIR --out results.json
//   newsarc extract --archive A.db [--site HOST] [--since TIME] [--force]
//
// Batch output is the map ../shared/eval/score.py reads:
//   {"<file name without extensions>": {"articleBody": ..., "title": ..., ...}}
// Files may be gzip-compressed (*.html.gz).
//
// Archive mode re-runs the extractor over the archive's HTML responses and
// adds conversion records tagged with the extractor's version, beside the
// older ones (crawler/reextract.h). It takes the archive's writer lock.
//
// Exit codes: 0 success (in archive mode also when some responses could not
// be decoded; they are listed on stderr and retried by the next run), 1 the
// input or archive could not be read or written (work committed so far is
// kept), 2 bad command line (including an unparseable --since), 130 Ctrl-C
// (archive mode commits the records extracted so far).
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/progress.h"
#include "base/strings.h"
#include "base/time.h"
#include "cli/command.h"
#include "crawler/crawler.h"
#include "extract/extract.h"
#include "storage/storage.h"

namespace newsarc::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

struct Options {
  std::string input;
  std::string url;
  std::string content_type;
  std::string format = "json";
  std::string batch;
  std::string out;
  std::string archive;
  std::string site;
  std::string since;
  bool force = false;
  int batch_records = 200;
  std::vector<std::string> disabled_rules;
  extract::ExtractOptions extract_options;  // from disabled_rules
};

std::string Join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i > 0) out += sep;
    out += v[i];
  }
  return out;
}

// Reads a file, gunzipping when it is gzip data ("-" is stdin).
Result<std::string> ReadInput(const std::string& path) {
  std::string data;
  if (path == "-") {
    data.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    if (std::cin.bad()) return Status::Io("read stdin", std::strerror(errno));
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::Io("open " + path, std::strerror(errno));
    data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) return Status::Io("read " + path, std::strerror(errno));
  }
  if (data.size() < 2 || static_cast<unsigned char>(data[0]) != 0x1f ||
      static_cast<unsigned char>(data[1]) != 0x8b) {
    return data;
  }
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return Status::Io(path, "zlib init failed");
  std::string out;
  zs.next_in = reinterpret_cast<Bytef*>(data.data());
  zs.avail_in = static_cast<uInt>(data.size());
  std::vector<char> buf(1 << 16);
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buf.data());
    zs.avail_out = static_cast<uInt>(buf.size());
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return Status::Corrupt(path, "bad gzip data");
    }
    out.append(buf.data(), buf.size() - zs.avail_out);
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) break;  // truncated
  }
  inflateEnd(&zs);
  return out;
}

ordered_json ArticleJson(const extract::Article& a) {
  ordered_json j;
  j["articleBody"] = a.text;
  j["title"] = a.title;
  j["author"] = Join(a.authors, ", ");
  j["authors"] = a.authors;
  j["source"] = a.source;
  j["publish_time"] = a.published;
  j["modified_time"] = a.modified;
  j["editor"] = a.editor;
  j["site_name"] = a.site_name;
  j["language"] = a.language;
  j["canonical_url"] = a.canonical_url;
  j["description"] = a.description;
  j["image"] = a.image;
  j["tags"] = a.tags;
  j["charset"] = a.charset;
  j["extractor"] = extract::kExtractorVersion;
  // Where each field was read (extract.h, Article::Provenance).
  j["provenance"] = ordered_json::object();
  for (const auto& [field, from] : extract::ProvenanceByField(a)) j["provenance"][field] = from;
  if (!a.reason.empty()) j["reason"] = a.reason;
  return j;
}

// Dumps without throwing on invalid UTF-8 (the extractor emits valid UTF-8,
// but a page's attributes are not re-validated).
std::string Dump(const ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

int RunOne(const Options& o) {
  Result<std::string> data = ReadInput(o.input);
  if (!data.ok()) return ReportError(data.status());
  extract::Article a = extract::Extract(*data, o.url, o.content_type, o.extract_options);
  if (o.format == "text") {
    std::cout << a.text << "\n";
  } else if (o.format == "markdown") {
    std::cout << a.markdown << "\n";
  } else if (o.format == "html") {
    std::cout << a.html;
  } else {
    ordered_json j = ArticleJson(a);
    j["markdown"] = a.markdown;
    j["html"] = a.html;
    j["links"] = a.links;
    std::cout << Dump(j, 2) << "\n";
  }
  return kExitOk;
}

// "abc.html.gz" -> "abc"; "abc.html" -> "abc"; other names are not pages.
bool PageKey(const fs::path& p, std::string* key) {
  std::string name = p.filename().string();
  for (std::string_view ext : {".html.gz", ".htm.gz", ".html", ".htm"}) {
    if (name.size() > ext.size() &&
        EqualsIgnoreCase(std::string_view(name).substr(name.size() - ext.size()), ext)) {
      *key = name.substr(0, name.size() - ext.size());
      return true;
    }
  }
  return false;
}

int RunBatch(const Options& o) {
  if (o.out.empty()) {
    return ReportError(Status::InvalidArgument("extract --batch", "--out is required"));
  }
  std::error_code ec;
  std::vector<std::pair<std::string, fs::path>> pages;
  for (fs::directory_iterator it(o.batch, ec), end; !ec && it != end; it.increment(ec)) {
    std::string key;
    if (it->is_regular_file() && PageKey(it->path(), &key)) pages.emplace_back(key, it->path());
  }
  if (ec) return ReportError(Status::Io("read directory " + o.batch, ec.message()));
  std::sort(pages.begin(), pages.end());
  InstallInterruptHandler();
  Progress progress("extract", pages.size(), Progress::StderrIsTerminal());
  ordered_json out = ordered_json::object();
  int failures = 0;
  size_t done = 0;
  for (const auto& [key, path] : pages) {
    if (InterruptRequested()) break;
    Result<std::string> data = ReadInput(path.string());
    if (!data.ok()) {
      std::fprintf(stderr, "newsarc: %s\n", data.status().message().c_str());
      ++failures;
      continue;
    }
    out[key] = ArticleJson(extract::Extract(*data, "", "", o.extract_options));
    progress.Update(++done, key);
  }
  progress.Finish();
  std::ofstream f(o.out, std::ios::binary | std::ios::trunc);
  if (!f) return ReportError(Status::Io("open " + o.out, std::strerror(errno)));
  f << Dump(out, 1) << "\n";
  f.close();
  if (!f) return ReportError(Status::Io("write " + o.out, std::strerror(errno)));
  if (InterruptRequested()) return kExitInterrupted;
  std::fprintf(stderr, "extract: %zu pages -> %s\n", done, o.out.c_str());
  return failures > 0 ? kExitFailure : kExitOk;
}

int RunArchive(const Options& o) {
  crawler::ReextractOptions r;
  r.site = o.site;
  r.force = o.force;
  r.batch = o.batch_records;
  if (!o.since.empty()) {
    std::optional<Micros> t = ParseTimeArg(o.since);
    if (!t) {
      ReportError(Status::InvalidArgument("extract --since \"" + o.since + "\"",
                                          "expected a time such as 2024-05-01, "
                                          "2024-05-01T12:00:00Z or 20240501"));
      return kExitUsage;
    }
    r.since = *t;
  }
  InstallInterruptHandler();
  storage::ArchiveOptions aopts;
  aopts.holder = "extract";
  aopts.create = false;  // re-extracting a file that is not there is a mistake
  auto archive = storage::Archive::Open(o.archive, aopts);
  if (!archive.ok()) {
    // A path that is missing, locked or not an archive: the job could not
    // run (exit 1), not a malformed command line, whatever the status code.
    ReportError(archive.status().WithContext("extract --archive"));
    return kExitFailure;
  }
  std::unique_ptr<Progress> progress;
  r.interrupted = [] { return InterruptRequested(); };
  r.progress = [&](uint64_t done, uint64_t total, const std::string& url) {
    if (!progress) progress = std::make_unique<Progress>("extract", total, Progress::StderrIsTerminal());
    progress->Update(done, url);
  };
  crawler::ReextractStats stats;
  Status s = crawler::ReextractArchive(**archive, r, &stats);
  if (progress) progress->Finish();
  for (const std::string& p : stats.problems) {
    std::fprintf(stderr, "newsarc: extract: skipped undecodable response %s\n", p.c_str());
  }
  if (static_cast<size_t>(stats.undecodable) > stats.problems.size()) {
    std::fprintf(stderr, "newsarc: extract: ... and %lld more undecodable responses\n",
                 static_cast<long long>(stats.undecodable) -
                     static_cast<long long>(stats.problems.size()));
  }
  std::printf("extract: %lld conversion records added by %s to %s (%lld responses, %lld "
              "candidates, %lld already extracted by this version, %lld not HTML, %lld "
              "undecodable)\n",
              static_cast<long long>(stats.extracted), extract::kExtractorVersion,
              o.archive.c_str(), static_cast<long long>(stats.responses),
              static_cast<long long>(stats.candidates), static_cast<long long>(stats.up_to_date),
              static_cast<long long>(stats.not_html), static_cast<long long>(stats.undecodable));
  if (!s.ok()) return ReportError(s);
  if (stats.interrupted) {
    std::fprintf(stderr, "newsarc: extract interrupted; %lld conversion records committed\n",
                 static_cast<long long>(stats.extracted));
    return kExitInterrupted;
  }
  return kExitOk;
}

int Run(const Options& o) {
  if (!o.archive.empty()) {
    if (!o.input.empty() || !o.batch.empty()) {
      ReportError(Status::InvalidArgument("extract", "give one of FILE, --batch DIR or --archive A.db"));
      return kExitUsage;
    }
    return RunArchive(o);
  }
  if (!o.site.empty() || !o.since.empty() || o.force) {
    ReportError(Status::InvalidArgument("extract", "--site, --since and --force need --archive"));
    return kExitUsage;
  }
  if (!o.batch.empty()) {
    if (!o.input.empty()) {
      return ReportError(Status::InvalidArgument("extract", "give FILE or --batch DIR, not both"));
    }
    return RunBatch(o);
  }
  if (o.input.empty()) {
    return ReportError(Status::InvalidArgument("extract", "give FILE, - (stdin) or --batch DIR"));
  }
  return RunOne(o);
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  CLI::App* sub = root.add_subcommand(
      "extract", "Extract the article (body text and metadata) from HTML pages");
  sub->add_option("file", opts->input, "HTML file (may be gzipped), or - for stdin");
  sub->add_option("--url", opts->url, "The page's URL (resolves links, URL dates)");
  sub->add_option("--content-type", opts->content_type, "HTTP Content-Type (charset evidence)");
  sub->add_option("--format", opts->format, "Output: json, text, markdown or html")
      ->check(CLI::IsMember({"json", "text", "markdown", "html"}));
  sub->add_option("--batch", opts->batch, "Extract every *.html / *.html.gz in DIR");
  sub->add_option("--out", opts->out, "Batch output JSON file (score.py format)");
  sub->add_option("--archive", opts->archive,
                  "Re-extract the archive's HTML responses into new conversion records");
  sub->add_option("--site", opts->site, "With --archive: only this host and its subdomains");
  sub->add_option("--since", opts->since,
                  "With --archive: only responses captured at or after TIME (2024-05-01, "
                  "2024-05-01T12:00:00Z, 20240501)");
  sub->add_flag("--force", opts->force,
                "With --archive: extract again responses this extractor version already did");
  sub->add_option("--batch-records", opts->batch_records,
                  "With --archive: conversion records per transaction")
      ->default_val(200)
      ->check(CLI::PositiveNumber);
  std::string rule_names;
  for (const char* n : extract::kMetadataRuleNames) rule_names += std::string(rule_names.empty() ? "" : ", ") + n;
  sub->add_option("--disable-rule", opts->disabled_rules,
                  "Switch a metadata rule off, for ablation (repeatable): " + rule_names)
      ->allow_extra_args(false)
      ->check([](const std::string& name) {
        extract::MetadataRules r;
        return extract::DisableMetadataRule(name, &r) ? std::string()
                                                      : "unknown rule \"" + name + "\"";
      });
  SetExamples(sub, {
      {"newsarc extract page.html --url https://example.com/a --format json", ""},
      {"newsarc extract --archive news.db --since 2026-11-01",
       "re-extract archived pages with this extractor"},
  });
  sub->callback([opts] {
    for (const std::string& name : opts->disabled_rules) {
      extract::DisableMetadataRule(name, &opts->extract_options.rules);
    }
    SetExitCode(Run(*opts));
  });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
