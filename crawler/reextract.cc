#include "crawler/reextract.h"

#include <optional>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "base/strings.h"
#include "base/url.h"
#include "crawler/article_mapping.h"
#include "storage/storage.h"
#include "crawler/http_parse.h"
#include "extract/extract.h"
#include "storage/storage.h"
#include "storage/warc/warc.h"

namespace newsarc::crawler {
namespace {

// Undecodable responses listed by name; the rest are only counted.
constexpr size_t kMaxProblems = 20;

std::string_view StripWww(std::string_view host) {
  if (StartsWithIgnoreCase(host, "www.")) host.remove_prefix(4);
  return host;
}

// "<urn:uuid:x>" and "urn:uuid:x" name the same record.
std::string_view Unbracket(std::string_view id) {
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') return id.substr(1, id.size() - 2);
  return id;
}

// Media types (lower case, no parameters) that say HTML, and those that say
// nothing useful, so the body decides. Anything else (images, PDF, JSON,
// feeds) is not a page the extractor reads.
bool IsHtmlType(std::string_view media) {
  return media == "text/html" || media == "application/xhtml+xml";
}
bool IsUnknownType(std::string_view media) {
  return media.empty() || media == "text/plain" || media == "application/octet-stream" ||
         media == "application/unknown" || media == "unk" || media == "no-type";
}

// The start of an HTML document, after leading whitespace, a BOM or a
// comment: what a server that forgot the Content-Type still sends.
bool SniffHtml(std::string_view body) {
  std::string head = AsciiLower(body.substr(0, 1024));
  return head.find("<html") != std::string::npos || head.find("<!doctype html") != std::string::npos;
}

// The conversions already made by this extractor version: the response
// record ids they refer to.
bool IsCurrentConversion(const storage::WarcRecord& r) {
  std::string_view software = r.Get("WARC-Software");
  if (!software.empty()) return software == extract::kExtractorVersion;
  // Written by a tool that does not set WARC-Software: the JSON says.
  if (!StartsWithIgnoreCase(r.Get("Content-Type"), "application/json; profile=newsarc-article")) {
    return false;
  }
  Result<storage::ArticleRecord> a = storage::ParseConversionRecord(r);
  return a.ok() && a->extractor_version == extract::kExtractorVersion;
}

class Reextractor {
 public:
  Reextractor(storage::Archive& archive, const ReextractOptions& options, ReextractStats* stats)
      : archive_(archive), options_(options), stats_(*stats) {}

  Status Run() {
    NEWSARC_RETURN_IF_ERROR(Scan());
    if (stats_.interrupted) return Status();
    std::vector<std::string> todo;
    for (std::string& id : candidates_) {
      if (!options_.force && converted_.count(std::string(Unbracket(id))) > 0) {
        ++stats_.up_to_date;
      } else {
        todo.push_back(std::move(id));
      }
    }
    candidates_.clear();
    return ExtractAll(todo);
  }

 private:
  bool Interrupted() const { return options_.interrupted && options_.interrupted(); }

  // Pass 1, read only: the candidate responses and the responses this
  // version already converted. Writing while ForEach's statement walks the
  // table would make it see (and re-read) its own new rows, so the writes
  // wait for pass 2.
  Status Scan() {
    Status s = archive_.ForEach([&](const storage::WarcRecord& r) {
      if (Interrupted()) {
        stats_.interrupted = true;
        return false;
      }
      std::string_view type = r.type();
      if (type == "conversion") {
        if (IsCurrentConversion(r)) converted_.insert(std::string(Unbracket(r.Get("WARC-Refers-To"))));
      } else if (type == "response") {
        ++stats_.responses;
        if (IsCandidate(r)) {
          ++stats_.candidates;
          candidates_.emplace_back(r.id());
        }
      }
      return true;
    });
    return s.WithContext("extract --archive: reading " + archive_.path());
  }

  bool IsCandidate(const storage::WarcRecord& r) const {
    if (options_.since > 0) {
      std::optional<Micros> date = ParseIsoDate(r.Get("WARC-Date"));
      if (!date || *date < options_.since) return false;
    }
    if (!options_.site.empty()) {
      Result<Url> url = Url::Parse(r.target_uri());
      if (!url.ok() || !HostInSite(url->host(), options_.site)) return false;
    }
    std::optional<storage::HttpMessage> m = storage::SplitHttpMessage(r.block);
    if (!m || !m->is_response || m->status < 200 || m->status >= 300) return false;
    return IsHtmlType(m->content_type) || IsUnknownType(m->content_type);
  }

  // Pass 2: extract each candidate and store its conversion record.
  Status ExtractAll(const std::vector<std::string>& ids) {
    uint64_t done = 0;
    int in_batch = 0;
    bool open = false;
    Status status;
    for (const std::string& id : ids) {
      if (Interrupted()) {
        stats_.interrupted = true;
        break;
      }
      if (!open) {
        status = archive_.Begin();
        if (!status.ok()) break;
        open = true;
      }
      std::string url;
      Result<bool> added = ExtractOne(id, &url);
      if (!added.ok()) {
        status = added.status();
        break;
      }
      if (*added && ++in_batch >= options_.batch) {
        status = archive_.Commit();
        open = false;
        in_batch = 0;
        if (!status.ok()) break;
      }
      if (options_.progress) options_.progress(++done, ids.size(), url);
    }
    // Whatever was extracted before an error or Ctrl-C is kept (a failed
    // Put left nothing of itself behind).
    if (open) {
      Status commit = archive_.Commit();
      if (status.ok()) status = commit;
    }
    return status;
  }

  // True when a conversion record was written; false when the response was
  // skipped (undecodable, not HTML).
  Result<bool> ExtractOne(const std::string& id, std::string* url) {
    Result<storage::WarcRecord> r = archive_.Get(id);
    if (!r.ok()) return r.status().WithContext("extract --archive: read " + id);
    *url = std::string(r->target_uri());
    std::optional<storage::HttpMessage> m = storage::SplitHttpMessage(r->block);
    if (!m) return false;  // Scan() saw an HTTP response under this id
    std::string content_type, encoding;
    Result<ResponseHead> head = ParseResponseHead(m->head);
    if (head.ok()) {
      if (const std::string* v = head->Find("Content-Type")) content_type = *v;
      if (const std::string* v = head->Find("Content-Encoding")) encoding = *v;
    }
    bool truncated = false;
    Result<std::string> body =
        storage::DecodeContent(storage::EntityBody(*m), encoding, storage::kMaxDecodedPageBytes, &truncated);
    if (!body.ok()) {
      ++stats_.undecodable;
      if (stats_.problems.size() < kMaxProblems) {
        stats_.problems.push_back(id + " " + *url + ": " + body.status().message());
      }
      return false;
    }
    if (!IsHtmlType(m->content_type) && !SniffHtml(*body)) {
      ++stats_.not_html;
      return false;
    }
    extract::Article article = extract::Extract(*body, *url, content_type);
    ArticleOrigin origin;
    origin.url = *url;
    origin.response_record_id = std::string(r->id());
    origin.capture_time = ParseIsoDate(r->Get("WARC-Date")).value_or(0);
    origin.date_hint = DateHint(*url);
    Result<std::string> put =
        archive_.Put(storage::MakeConversionRecord(ToArticleRecord(article, origin), NowMicros()));
    if (!put.ok()) return put.status().WithContext("extract --archive: store conversion of " + id);
    ++stats_.extracted;
    return true;
  }

  // The sitemap or feed date the crawler knew for `url`, as it used it when
  // crawling; none for pages that came from an imported WARC.
  std::string DateHint(const std::string& url) {
    storage::FrontierEntry entry;
    Result<bool> found = archive_.frontier().Lookup(url, &entry);
    return found.ok() && *found ? entry.date_hint : std::string();
  }

  storage::Archive& archive_;
  const ReextractOptions& options_;
  ReextractStats& stats_;
  std::vector<std::string> candidates_;  // response record ids, archive order
  std::unordered_set<std::string> converted_;  // unbracketed response ids
};

}  // namespace

bool HostInSite(std::string_view host, std::string_view site) {
  std::string site_host;
  if (site.find("://") != std::string_view::npos) {
    Result<Url> u = Url::Parse(site);
    if (!u.ok()) return false;
    site_host = u->host();
  } else {
    site_host = std::string(site);
  }
  while (!site_host.empty() && site_host.back() == '.') site_host.pop_back();
  std::string h = AsciiLower(StripWww(host));
  std::string s = AsciiLower(StripWww(site_host));
  if (s.empty()) return false;
  if (h == s) return true;
  return h.size() > s.size() && h.compare(h.size() - s.size(), s.size(), s) == 0 &&
         h[h.size() - s.size() - 1] == '.';
}

Status ReextractArchive(storage::Archive& archive, const ReextractOptions& options,
                        ReextractStats* stats) {
  if (options.batch <= 0) {
    return Status::InvalidArgument("extract --archive", "batch size must be positive");
  }
  return Reextractor(archive, options, stats).Run();
}

}  // namespace newsarc::crawler
