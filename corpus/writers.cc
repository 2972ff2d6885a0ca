#include "corpus/writers.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "base/chandle.h"
#include "corpus/writers_internal.h"

namespace newsarc::corpus {

using storage::Archive;
namespace {

std::string OneLine(std::string_view v) {
  std::string out(v);
  for (char& c : out) {
    if (c == '\r' || c == '\n' || c == '\f') c = ' ';
  }
  return out;
}

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.append(sep);
    out.append(items[i]);
  }
  return out;
}

std::string DuplicateUrls(const CorpusArticle& a) {
  std::string out;
  for (const auto& d : a.duplicates) {
    if (!out.empty()) out.push_back(' ');
    out.append(d.url);
  }
  return out;
}

// A writer of one byte stream through stdio.
class StreamWriter : public CorpusWriter {
 public:
  enum class Kind { kJsonl, kCsv, kTxt, kMd };
  StreamWriter(Kind kind, std::string path, FILE* f)
      : kind_(kind), path_(std::move(path)), file_(f) {
    std::setvbuf(file_.get(), nullptr, _IOFBF, 1 << 16);
  }

  Status Write(const CorpusArticle& a) override {
    std::string out;
    switch (kind_) {
      case Kind::kJsonl:
        out = CorpusArticleToJson(a);
        out.push_back('\n');
        break;
      case Kind::kCsv:
        if (count_ == 0) out = CsvHeader();
        out += CsvRow(a);
        break;
      case Kind::kTxt:
        if (count_ > 0) out = "\f\n";
        out += TextRendering(a);
        break;
      case Kind::kMd:
        if (count_ > 0) out = "\n---\n\n";
        out += MarkdownRendering(a);
        break;
    }
    ++count_;
    return Put(out);
  }

  Status Finish() override {
    if (kind_ == Kind::kCsv && count_ == 0) NEWSARC_RETURN_IF_ERROR(Put(CsvHeader()));
    FILE* f = file_.release();
    bool bad = std::ferror(f) != 0;
    if (std::fclose(f) != 0 || bad) {
      return Status::Io(path_, std::string("write failed: ") + std::strerror(errno));
    }
    return Status();
  }

 private:
  Status Put(const std::string& s) {
    if (std::fwrite(s.data(), 1, s.size(), file_.get()) != s.size()) {
      return Status::Io(path_, std::string("write failed: ") + std::strerror(errno));
    }
    return Status();
  }

  Kind kind_;
  std::string path_;
  CHandle<FILE, std::fclose> file_;
  uint64_t count_ = 0;
};

}  // namespace

std::optional<CorpusFormat> ParseCorpusFormat(std::string_view name) {
  if (name == "jsonl") return CorpusFormat::kJsonl;
  if (name == "csv") return CorpusFormat::kCsv;
  if (name == "txt") return CorpusFormat::kTxt;
  if (name == "md") return CorpusFormat::kMd;
  if (name == "tar") return CorpusFormat::kTar;
  if (name == "tar.gz" || name == "tgz") return CorpusFormat::kTarGz;
  if (name == "zip") return CorpusFormat::kZip;
  if (name == "warc") return CorpusFormat::kWarc;
  if (name == "wacz") return CorpusFormat::kWacz;
  return std::nullopt;
}

const char* CorpusFormatName(CorpusFormat format) {
  switch (format) {
    case CorpusFormat::kJsonl: return "jsonl";
    case CorpusFormat::kCsv: return "csv";
    case CorpusFormat::kTxt: return "txt";
    case CorpusFormat::kMd: return "md";
    case CorpusFormat::kTar: return "tar";
    case CorpusFormat::kTarGz: return "tar.gz";
    case CorpusFormat::kZip: return "zip";
    case CorpusFormat::kWarc: return "warc";
    case CorpusFormat::kWacz: return "wacz";
  }
  return "?";
}

std::string CsvField(std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string CsvHeader() {
  return "schema,url,final_url,canonical_url,capture_time,title,authors,published,modified,"
         "source,editor,site_name,language,word_count,char_count,digest,"
         "conversion_record_id,response_record_id,duplicates,text\r\n";
}

std::string CsvRow(const CorpusArticle& a) {
  const std::string fields[] = {
      kCorpusSchema,
      a.url,
      a.final_url,
      a.canonical_url,
      a.capture_time != 0 ? FormatWarcDate(a.capture_time) : "",
      a.title,
      Join(a.authors, "; "),
      a.published,
      a.modified,
      a.source,
      a.editor,
      a.site_name,
      a.language,
      std::to_string(a.word_count),
      std::to_string(a.char_count),
      a.digest,
      a.conversion_record_id,
      a.response_record_id,
      DuplicateUrls(a),
      a.text,
  };
  std::string row;
  for (const auto& f : fields) {
    if (!row.empty()) row.push_back(',');
    row += CsvField(f);
  }
  // An empty first field would make a row of one empty field look like a
  // blank line; "schema" is never empty, so this cannot happen.
  row += "\r\n";
  return row;
}

std::string TextRendering(const CorpusArticle& a) {
  std::string out;
  auto field = [&](const char* name, std::string_view value, bool always = false) {
    if (value.empty() && !always) return;
    out += name;
    out += ": ";
    out += OneLine(value);
    out += "\n";
  };
  field("Title", a.title, true);
  field("URL", a.url, true);
  if (a.final_url != a.url) field("Final-URL", a.final_url);
  field("Canonical-URL", a.canonical_url);
  field("Captured", a.capture_time != 0 ? FormatWarcDate(a.capture_time) : "");
  field("Published", a.published);
  field("Modified", a.modified);
  field("Authors", Join(a.authors, "; "));
  field("Source", a.source);
  field("Editor", a.editor);
  field("Site", a.site_name);
  field("Language", a.language);
  field("Words", std::to_string(a.word_count), true);
  field("Digest", a.digest, true);
  field("Record", a.conversion_record_id, true);
  field("Duplicates", DuplicateUrls(a));
  out += "\n";
  std::string body = a.text;
  for (char& c : body) {
    if (c == '\f') c = ' ';
  }
  out += body;
  if (!body.empty() && body.back() != '\n') out += "\n";
  return out;
}

std::string MarkdownRendering(const CorpusArticle& a) {
  std::string out = "# ";
  out += a.title.empty() ? "(untitled)" : OneLine(a.title);
  out += "\n\n";
  auto field = [&](const char* name, std::string_view value) {
    if (value.empty()) return;
    out += "- **";
    out += name;
    out += ":** ";
    out += OneLine(value);
    out += "\n";
  };
  field("URL", a.url);
  if (a.final_url != a.url) field("Final URL", a.final_url);
  field("Canonical URL", a.canonical_url);
  field("Captured", a.capture_time != 0 ? FormatWarcDate(a.capture_time) : "");
  field("Published", a.published);
  field("Authors", Join(a.authors, "; "));
  field("Source", a.source);
  field("Editor", a.editor);
  field("Site", a.site_name);
  field("Language", a.language);
  field("Digest", a.digest);
  field("Record", a.conversion_record_id);
  for (const auto& d : a.duplicates) field("Also at", d.url);
  out += "\n";
  // Body lines that Markdown would read as headings, quotes, lists or rules
  // get a backslash so the text stays text.
  size_t pos = 0;
  while (pos < a.text.size()) {
    size_t nl = a.text.find('\n', pos);
    std::string_view line(a.text.data() + pos,
                          (nl == std::string::npos ? a.text.size() : nl) - pos);
    if (!line.empty() && std::strchr("#>+*-=|`", line[0]) != nullptr) out += "\\";
    out.append(line);
    out += "\n";
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return out;
}

std::string SafeMemberName(uint64_t n, const CorpusArticle& a) {
  auto clean = [](std::string_view in, bool keep_dots, size_t max) {
    std::string out;
    for (unsigned char c : in) {
      if (out.size() >= max) break;
      char l = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      bool ok = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '_' ||
                (keep_dots && l == '.');
      if (ok) {
        if (l == '.' && (out.empty() || out.back() == '.')) continue;  // no "..", no ".x"
        out.push_back(l);
      } else if (!out.empty() && out.back() != '-') {
        out.push_back('-');
      }
    }
    while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
    return out;
  };
  const std::string& url = a.final_url.empty() ? a.url : a.final_url;
  std::string host = clean(UrlHost(url), true, 60);
  if (host.empty()) host = "nohost";
  // Slug: the last non-empty path segment, without its query or extension.
  std::string_view path = url;
  size_t scheme = path.find("://");
  if (scheme != std::string_view::npos) path.remove_prefix(scheme + 3);
  size_t cut = path.find_first_of("?#");
  if (cut != std::string_view::npos) path = path.substr(0, cut);
  size_t slash = path.find('/');
  path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  std::string_view seg = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  size_t dot = seg.rfind('.');
  if (dot != std::string_view::npos && dot > 0) seg = seg.substr(0, dot);
  std::string slug = clean(seg, false, 48);
  if (slug.empty()) slug = "article";
  char num[32];
  std::snprintf(num, sizeof num, "%06llu", static_cast<unsigned long long>(n));
  return "articles/" + std::string(num) + "-" + host + "-" + slug + ".txt";
}

Result<std::unique_ptr<CorpusWriter>> OpenCorpusWriter(CorpusFormat format,
                                                       const std::string& path,
                                                       Archive* archive,
                                                       const std::string& title) {
  StreamWriter::Kind kind;
  switch (format) {
    case CorpusFormat::kJsonl: kind = StreamWriter::Kind::kJsonl; break;
    case CorpusFormat::kCsv: kind = StreamWriter::Kind::kCsv; break;
    case CorpusFormat::kTxt: kind = StreamWriter::Kind::kTxt; break;
    case CorpusFormat::kMd: kind = StreamWriter::Kind::kMd; break;
    case CorpusFormat::kTar:
    case CorpusFormat::kTarGz:
    case CorpusFormat::kZip:
      return internal::OpenLibarchiveCorpusWriter(format, path);
    case CorpusFormat::kWarc:
      if (archive == nullptr) return Status::InvalidArgument(path, "warc output needs the archive");
      return internal::OpenWarcCorpusWriter(path, archive);
    case CorpusFormat::kWacz:
      if (archive == nullptr) return Status::InvalidArgument(path, "wacz output needs the archive");
      return internal::OpenWaczCorpusWriter(path, archive, title);
    default:
      return Status::InvalidArgument(path, "unknown corpus format");
  }
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return Status::Io(path, std::strerror(errno));
  return std::unique_ptr<CorpusWriter>(new StreamWriter(kind, path, f));
}

}  // namespace newsarc::corpus
