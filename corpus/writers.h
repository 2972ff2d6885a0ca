// Corpus writers: one per `newsarc export` corpus format. Each writes a
// sequence of CorpusArticle to one output file (the caller's temporary; see
// corpus/atomic_file.h) and streams: memory does not grow with the number
// of articles (the tar/zip manifest and the WACZ parts are spooled to
// temporary files; the WACZ CDXJ index is sorted in memory, ~200 bytes per
// article).
//
//   jsonl   one newsarc-corpus/1 JSON object per line (docs/corpus.md)
//   csv     RFC 4180: header row, CRLF line ends, fields quoted when they
//           hold a comma, quote, CR or LF, quotes doubled; lists joined "; "
//   txt     one stream: per article a header ("Title: ...", "URL: ...",
//           ...), a blank line, the body; articles separated by a line
//           holding a single form feed (U+000C), which bodies never contain
//   md      one Markdown stream: "# title", a field list, the body;
//           articles separated by a "---" rule
//   tar, tar.gz, zip
//           one "articles/NNNNNN-HOST-SLUG.txt" member per article (the txt
//           rendering of that article) and a final "manifest.jsonl": the
//           JSONL record of each article without "text", plus "path"
//   warc    the conversion records of the exported articles, each preceded
//           by the response it was derived from (--articles-only)
//   wacz    WACZ 1.1.1/1.2: archive/data.warc.gz (stored, not compressed
//           in the ZIP) with those records, indexes/index.cdxj,
//           pages/pages.jsonl (url, ts, title, text), datapackage.json
//           with the sha256 and size of each part, datapackage-digest.json
#ifndef NEWSARC_CORPUS_WRITERS_H_
#define NEWSARC_CORPUS_WRITERS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "corpus/article.h"
#include "storage/storage.h"

namespace newsarc::corpus {

enum class CorpusFormat { kJsonl, kCsv, kTxt, kMd, kTar, kTarGz, kZip, kWarc, kWacz };

// "jsonl", "csv", "txt", "md", "tar", "tar.gz" (or "tgz"), "zip", "warc",
// "wacz"; nullopt otherwise.
std::optional<CorpusFormat> ParseCorpusFormat(std::string_view name);
const char* CorpusFormatName(CorpusFormat format);

class CorpusWriter {
 public:
  virtual ~CorpusWriter() = default;
  // Appends one article. Errors name the output file.
  virtual Status Write(const CorpusArticle& article) = 0;
  // Completes and closes the file. No Write() after it.
  virtual Status Finish() = 0;
};

// A writer for `format` onto the file `path` (created or truncated).
// `archive` is read for the WARC records of the warc and wacz formats and
// may be null for the others. `title` names the collection (wacz).
Result<std::unique_ptr<CorpusWriter>> OpenCorpusWriter(CorpusFormat format,
                                                       const std::string& path,
                                                       storage::Archive* archive,
                                                       const std::string& title = "newsarc corpus");

// Text renderings shared by the writers (exposed for tests).
std::string CsvHeader();
std::string CsvRow(const CorpusArticle& article);
std::string CsvField(std::string_view value);
std::string TextRendering(const CorpusArticle& article);
std::string MarkdownRendering(const CorpusArticle& article);
// Member name of the `n`-th article (1-based) in tar/zip outputs:
// "articles/000042-news.example.com-park-opens.txt". Only [a-z0-9._-] in
// the host and slug, never a leading dot, at most 120 bytes; unique because
// of the sequence number.
std::string SafeMemberName(uint64_t n, const CorpusArticle& article);

}  // namespace newsarc::corpus

#endif  // NEWSARC_CORPUS_WRITERS_H_
