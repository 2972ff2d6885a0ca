// The crawl loop: what each finished fetch leaves in the archive and the
// frontier.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <utility>

#include "base/crash_point.h"
#include "base/digest.h"
#include "base/strings.h"
#include "crawler/article_mapping.h"
#include "crawler/capture_records.h"
#include "crawler/memo.h"
#include "storage/storage.h"
#include "crawler/crawl_session.h"
#include "crawler/revisit_policy.h"
#include "crawler/scope.h"
#include "crawler/url_normalize.h"
#include "extract/extract.h"
#include "storage/storage.h"

namespace newsarc::crawler {

namespace {

// Redirect targets jump the queue of their host: the chain is followed while
// it is fresh (each hop still waits for the host's delay).
constexpr int64_t kPriorityRedirect = -(int64_t{1} << 62);
constexpr int64_t kPriorityIndex = -(int64_t{1} << 61);
// robots.txt redirects followed (RFC 9309 2.3.1.2: at least five).
constexpr int kMaxRobotsHops = 5;

const char* KindName(storage::UrlKind kind) {
  switch (kind) {
    case storage::UrlKind::kPage: return "page";
    case storage::UrlKind::kRobots: return "robots";
    case storage::UrlKind::kSitemap: return "sitemap";
    case storage::UrlKind::kFeed: return "feed";
    case storage::UrlKind::kRequisite: return "requisite";
  }
  return "page";
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string HeaderValue(const FetchResult& r, std::string_view name) {
  const std::string* v = r.head.Find(name);
  return v == nullptr ? std::string() : *v;
}

bool LooksLikeHtml(const std::string& content_type, std::string_view body) {
  std::string ct = Lower(content_type);
  if (ct.find("html") != std::string::npos) return true;
  if (!ct.empty() && ct.find("text/plain") == std::string::npos) return false;
  std::string head = Lower(body.substr(0, 1024));
  return head.find("<html") != std::string::npos || head.find("<!doctype html") != std::string::npos;
}

// A stylesheet as a browser takes one in standards mode: served as text/css
// (or with no type at all, named .css).
bool LooksLikeCss(const std::string& content_type, const Url& url) {
  if (TrimAscii(content_type).empty()) return MediaTypeFromExtension(url) == "text/css";
  return ContentTypeAccepted(content_type, {"text/css"});
}

bool LooksLikeXml(const std::string& content_type, std::string_view body) {
  std::string ct = Lower(content_type);
  if (ct.find("xml") != std::string::npos && ct.find("xhtml") == std::string::npos) return true;
  if (ct.find("rss") != std::string::npos || ct.find("atom") != std::string::npos) return true;
  size_t i = 0;
  while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
  return body.substr(i, 5) == "<?xml";
}

}  // namespace

Status CrawlSession::HandleResult(FetchResult r) {
  auto it = in_flight_.find(r.id);
  if (it == in_flight_.end()) return Status();
  Job job = std::move(it->second);
  in_flight_.erase(it);
  CrashPoint("fetch.finished");
  Micros now = NowMicros();
  bool responded = r.status.ok() && r.http_status > 0;
  if (r.timings.sent > 0) scheduler_.OnSent(job.host, r.timings.start + r.timings.sent);
  scheduler_.OnResult(job.host, now, responded ? r.http_status : 0, r.retry_after,
                      r.timings.total);
  // When it really left, and what the answer taught (Retry-After, backoff).
  NEWSARC_RETURN_IF_ERROR(SaveHost(job.host));
  if (r.status.code() == Status::Code::kCancelled) {
    if (job.kind == Job::Kind::kEntry) return archive_->frontier().Requeue(job.entry.id);
    robots_[job.robots_for].state = RobotsState::State::kUnknown;
    return Status();
  }
  if (r.http_status > 0) ++stats_.fetched;
  if (job.kind == Job::Kind::kRobots) return HandleRobots(job, r, now);
  if (r.http_status == 0) {
    // Nothing arrived: no records to build, decide at once.
    return FinishEntry(job, r, Prepared{}, now);
  }
  // The CPU-bound part runs in the pool; the entry stays in flight until
  // FinishPrepared() archives it.
  uint64_t key = r.id;
  Preparing& slot = preparing_[key];
  slot.job = std::move(job);
  slot.result = std::move(r);
  const Job* job_ptr = &slot.job;
  const FetchResult* result_ptr = &slot.result;
  pool_->Submit(key, [this, job_ptr, result_ptr] { return Prepare(*job_ptr, *result_ptr); });
  return Status();
}

Status CrawlSession::FinishPrepared() {
  for (auto& [key, prepared] : pool_->TakeDone()) {
    auto it = preparing_.find(key);
    if (it == preparing_.end()) continue;
    Preparing item = std::move(it->second);
    preparing_.erase(it);
    NEWSARC_RETURN_IF_ERROR(FinishEntry(item.job, item.result, std::move(prepared), NowMicros()));
    dirty_ = true;
  }
  return Status();
}

CrawlSession::Prepared CrawlSession::Prepare(const Job& job, const FetchResult& r) const {
  Prepared p;
  const storage::FrontierEntry& e = job.entry;
  PreviousCapture previous;
  const PreviousCapture* prev = nullptr;
  if (!e.last_record_id.empty()) {
    previous.record_id = e.last_record_id;
    previous.uri = e.url;
    previous.date = e.last_capture;
    previous.payload_digest = e.last_payload_digest;
    prev = &previous;
  }
  p.exchange = BuildExchangeRecords(r, warcinfo_id_, prev);
  p.has_exchange = true;
  bool complete = r.status.ok() && r.refused_type.empty();
  if (complete && r.http_status >= 200 && r.http_status < 300 && !p.exchange.is_revisit) {
    AnalyzeBody(job, r, std::string(p.exchange.response.id()), &p);
    if (!options_.feeds) {
      p.found.erase(std::remove_if(p.found.begin(), p.found.end(),
                                   [](const DiscoveredUrl& d) {
                                     return d.kind == storage::UrlKind::kFeed;
                                   }),
                    p.found.end());
    }
    // Parsing and scoping the page's links is CPU work: here, in the pool,
    // not in the loop that owns the archive.
    p.adds = SelectUrls(p.found, e);
  }
  // Hashing and compressing the records is the rest of the CPU work.
  auto ready = [this](const storage::WarcRecord& record) {
    std::optional<storage::PreparedRecord> out;
    Result<storage::PreparedRecord> prepared = archive_->Prepare(record);
    if (prepared.ok()) out = std::move(*prepared);
    return out;  // empty: Put() of the record on the loop reports the error
  };
  // A failed try other than the last is not archived (FinishEntry).
  if (r.status.ok() || e.tries + 1 >= options_.max_tries) {
    p.response_ready = ready(p.exchange.response);
    p.request_ready = ready(p.exchange.request);
  }
  if (p.article.has_value()) {
    p.conversion_ready = ready(storage::MakeConversionRecord(*p.article, NowMicros()));
  }
  return p;
}

Status CrawlSession::ArchiveExchange(const ExchangeRecords& ex, std::string* response_id,
                                     Prepared* ready) {
  Result<std::string> id = ready != nullptr && ready->response_ready
                               ? archive_->Put(std::move(*ready->response_ready))
                               : archive_->Put(ex.response);
  if (!id.ok()) return id.status();
  CrashPoint("record.put");  // the response is in the batch, its request not yet
  Result<std::string> req = ready != nullptr && ready->request_ready
                                ? archive_->Put(std::move(*ready->request_ready))
                                : archive_->Put(ex.request);
  if (!req.ok()) return req.status();
  *response_id = *id;
  ++stats_.archived;
  if (ex.is_revisit) ++stats_.revisits;
  return Status();
}

Status CrawlSession::HandleRobots(const Job& job, const FetchResult& r, Micros now) {
  RobotsState& robots = robots_[job.robots_for];
  std::string response_id;
  if (r.http_status > 0) {
    NEWSARC_RETURN_IF_ERROR(
        ArchiveExchange(BuildExchangeRecords(r, warcinfo_id_, nullptr), &response_id));
  }
  LogFetch(job, r, "robots");
  int code = r.status.ok() ? r.http_status : 0;
  if (code >= 300 && code < 400 && !r.location.empty() && job.robots_hops < kMaxRobotsHops) {
    Result<Url> target = NormalizeUrl(r.location);
    if (target.ok() && (target->scheme() == "http" || target->scheme() == "https")) {
      ++stats_.redirects;
      Job hop;
      hop.kind = Job::Kind::kRobots;
      std::string host = HostKey(*target);
      hop.host = host;
      hop.url = target->spec();
      hop.robots_for = job.robots_for;
      hop.robots_hops = job.robots_hops + 1;
      urgent_[host].push_back(std::move(hop));
      scheduler_.SetPending(host, true);
      return Status();
    }
  }
  bool unavailable = code == 0 || code == 429 || code >= 500;
  if (unavailable) {
    ++stats_.errors;
    ++robots.failures;
    if (robots.failures < std::max(options_.max_tries, 3)) {
      // Deferred, not crawled: try robots.txt again after the host's backoff
      // (OnResult set it when the answering host is this one).
      robots.state = RobotsState::State::kUnknown;
      const HostState* s = scheduler_.Find(job.host);
      Micros until = s != nullptr ? s->next_ready : now;
      scheduler_.DeferUntil(job.robots_for, std::max(until, now + options_.politeness.backoff_initial));
      scheduler_.SetPending(job.robots_for, true);
      return Status();
    }
    // RFC 9309 2.3.1.4: unreachable means complete disallow. The reason is
    // archived once, against robots.txt; the host's URLs are marked failed
    // in the frontier as they come up.
    robots.policy = RobotsPolicy::DisallowAll();
    robots.rule = RobotsState::Rule::kDisallowAll;
    std::string reason = code == 0 ? r.status.message() : "HTTP " + std::to_string(code);
    Result<std::string> id =
        archive_->Put(BuildFailureRecord(job.url, reason, robots.failures, NowMicros()));
    if (!id.ok()) return id.status();
  } else {
    robots.failures = 0;
    switch (RobotsRuleForFetch(code)) {
      case RobotsFetchRule::kParse: {
        bool truncated = false;
        Result<std::string> body = storage::DecodeContent(r.body, HeaderValue(r, "Content-Encoding"),
                                                 storage::kMaxDecodedPageBytes, &truncated);
        robots.policy = body.ok() ? RobotsPolicy::Parse(*body) : RobotsPolicy::AllowAll();
        robots.rule = body.ok() ? RobotsState::Rule::kParse : RobotsState::Rule::kAllowAll;
        robots.body = body.ok() ? std::move(body).value() : std::string();
        break;
      }
      case RobotsFetchRule::kAllowAll:
        robots.policy = RobotsPolicy::AllowAll();
        robots.rule = RobotsState::Rule::kAllowAll;
        break;
      case RobotsFetchRule::kDisallowAll:
        robots.policy = RobotsPolicy::DisallowAll();
        robots.rule = RobotsState::Rule::kDisallowAll;
        break;
    }
  }
  robots.state = RobotsState::State::kReady;
  robots.fetched = now;
  if (coordinator_ != nullptr) robots_touched_.insert(job.robots_for);
  std::optional<double> delay = robots.policy.CrawlDelay(robots_token_);
  if (delay.has_value()) {
    scheduler_.SetCrawlDelay(job.robots_for, static_cast<Micros>(*delay * 1e6));
    NEWSARC_RETURN_IF_ERROR(SaveHost(job.robots_for));
  }
  if (options_.sitemaps && robots.failures == 0) {
    storage::FrontierEntry from;
    from.url = job.url;
    std::vector<DiscoveredUrl> maps;
    for (const std::string& s : robots.policy.Sitemaps()) {
      maps.push_back({s, storage::UrlKind::kSitemap, kPriorityIndex, ""});
    }
    if (maps.empty()) {
      maps.push_back({robots.scheme + "://" + job.robots_for + "/sitemap.xml",
                      storage::UrlKind::kSitemap, kPriorityIndex, ""});
    }
    NEWSARC_RETURN_IF_ERROR(Enqueue(maps, from));
  }
  scheduler_.SetPending(job.robots_for, true);
  return Status();
}

Status CrawlSession::FinishEntry(const Job& job, const FetchResult& r, Prepared p, Micros now) {
  const storage::FrontierEntry& e = job.entry;
  storage::Frontier& frontier = archive_->frontier();
  const HostState* host_state = scheduler_.Find(job.host);
  Micros retry_at = std::max(now, host_state != nullptr ? host_state->next_ready : now);
  std::string response_id;
  bool revisit = p.has_exchange && p.exchange.is_revisit;

  if (!r.status.ok()) {
    // No complete response: a network error, a timeout, a cut connection.
    ++stats_.errors;
    LogFetch(job, r, "error");
    if (e.tries + 1 >= options_.max_tries) {
      // The last try: keep whatever arrived, marked truncated.
      if (p.has_exchange) NEWSARC_RETURN_IF_ERROR(ArchiveExchange(p.exchange, &response_id, &p));
      return GiveUp(job, r.status.message(), e.tries + 1);
    }
    return frontier.MarkRetry(e.id, retry_at, r.status.message());
  }

  int code = r.http_status;
  const bool requisite = e.kind == storage::UrlKind::kRequisite;
  NEWSARC_RETURN_IF_ERROR(ArchiveExchange(p.exchange, &response_id, &p));
  if (requisite) ++stats_.requisites;
  if (!r.refused_type.empty()) {
    // Out of scope by type: the head is archived (politeness stays
    // auditable), the URL is done and not re-visited.
    ++stats_.refused_type;
    LogFetch(job, r, "refused-type", "Content-Type " + r.refused_type + " not in --content-type");
    storage::FetchOutcome outcome;
    outcome.http_status = code;
    outcome.capture_time = r.timings.start;
    NEWSARC_RETURN_IF_ERROR(Finished(e, false, code, response_id, ""));
    return frontier.MarkDone(e.id, outcome);
  }
  if (code == 429 || code >= 500) {
    ++stats_.errors;
    LogFetch(job, r, "retry");
    // A rate limit is the server asking for patience, not a broken URL: it
    // gets more tries than a failing one.
    int limit = code == 429 || code == 503 ? std::max(options_.max_tries, 10) : options_.max_tries;
    std::string reason = "HTTP " + std::to_string(code);
    if (e.tries + 1 >= limit) return GiveUp(job, reason, e.tries + 1);
    return frontier.MarkRetry(e.id, retry_at, reason);
  }

  std::vector<std::string> outlinks, embeds;
  bool changed = false;
  bool gave_up = false;
  if (code >= 300 && code < 400 && code != 304) {
    ++stats_.redirects;
    if (!r.location.empty()) {
      Result<Url> target = NormalizeUrl(r.location);
      if (!target.ok() || (target->scheme() != "http" && target->scheme() != "https")) {
        LogFetch(job, r, "redirect-unsupported");
      } else if (e.hops + 1 > options_.max_redirects) {
        NEWSARC_RETURN_IF_ERROR(GiveUp(
            job, "more than " + std::to_string(options_.max_redirects) + " redirects", 1));
        gave_up = true;
      } else if (requisite ? scope_.RequisiteInScope(*target) : scope_.InScope(*target)) {
        outlinks.push_back(target->spec());
        // A requisite's target keeps its priority, which holds its level.
        NEWSARC_RETURN_IF_ERROR(AddUrl(*target, e.kind, e.depth, e.hops + 1,
                                       requisite ? e.priority : kPriorityRedirect, e.url,
                                       e.date_hint));
      }
    }
  } else if (code >= 200 && code < 300) {
    if (!revisit) {
      ++stats_.pages_200;
      changed = !e.last_payload_digest.empty();
      if (changed) ++stats_.changed;
      for (DiscoveredUrl& d : p.found) {
        (d.kind == storage::UrlKind::kRequisite ? embeds : outlinks).push_back(std::move(d.url));
      }
      NEWSARC_RETURN_IF_ERROR(AddUrls(p.adds));
      if (p.article.has_value()) {
        Result<std::string> id =
            p.conversion_ready
                ? archive_->Put(std::move(*p.conversion_ready))
                : archive_->Put(storage::MakeConversionRecord(*p.article, NowMicros()));
        if (!id.ok()) return id.status();
        ++stats_.extracted;
      }
    }
  } else if (code >= 400) {
    ++stats_.errors;
  }
  LogFetch(job, r, revisit ? "revisit" : "archived", p.note);

  FetchContext context;
  context.via = e.via;
  context.depth = e.depth;
  context.hops = e.hops;
  context.kind = KindName(e.kind);
  if (requisite) context.embed_hops = RequisiteLevel(e.priority);
  Result<std::string> meta =
      archive_->Put(BuildMetadataRecord(r, response_id, context, outlinks, embeds));
  if (!meta.ok()) return meta.status();
  if (gave_up) return Status();

  storage::FetchOutcome outcome;
  outcome.http_status = code;
  outcome.capture_time = r.timings.start;
  outcome.etag = HeaderValue(r, "ETag");
  outcome.last_modified = HeaderValue(r, "Last-Modified");
  if (code >= 200 && code < 300 && !revisit) {
    outcome.payload_digest = std::string(p.exchange.response.Get("WARC-Payload-Digest"));
    outcome.record_id = response_id;
  }
  bool revisitable = (code >= 200 && code < 300) || code == 304;
  outcome.revisit_interval =
      revisitable ? NextRevisitInterval(options_, e.kind, e.revisit_interval, changed) : 0;
  NEWSARC_RETURN_IF_ERROR(Finished(e, false, code, response_id, ""));
  NEWSARC_RETURN_IF_ERROR(frontier.MarkDone(e.id, outcome));
  CrashPoint("frontier.done");
  return Status();
}

void CrawlSession::AnalyzeBody(const Job& job, const FetchResult& r,
                               const std::string& response_id, Prepared* out) const {
  const storage::FrontierEntry& e = job.entry;
  std::string content_type = HeaderValue(r, "Content-Type");
  Result<Url> url = Url::Parse(e.url);
  if (!url.ok()) return;
  const bool requisite = e.kind == storage::UrlKind::kRequisite;
  // A requisite is never a page: no links, no article. Only a stylesheet
  // is read, for the requisites it names in turn.
  if (requisite && !(options_.page_requisites && LooksLikeCss(content_type, *url))) return;
  bool truncated = false;
  Result<std::string> body =
      storage::DecodeContent(r.body, HeaderValue(r, "Content-Encoding"), storage::kMaxDecodedPageBytes, &truncated);
  if (!body.ok()) {
    out->note = "undecodable: " + body.status().message();
    return;
  }
  if (truncated) {
    // A gzip bomb, or a page far larger than any article: parse the start.
    out->note = "decoded body cut at " + std::to_string(storage::kMaxDecodedPageBytes >> 20) + " MiB";
  }
  if (requisite) {
    out->found = ParseCssRequisites(*body, *url, RequisiteLevel(e.priority));
    return;
  }

  bool html = false;
  extract::DecodedHtml decoded;
  if (e.kind == storage::UrlKind::kSitemap) {
    out->found = ParseSitemapUrls(*body, *url);
  } else if (LooksLikeXml(content_type, *body)) {
    // A feed, or a sitemap given as a seed or linked from a page.
    bool sitemap = body->find("<urlset") != std::string::npos ||
                   body->find("<sitemapindex") != std::string::npos;
    out->found = sitemap ? ParseSitemapUrls(*body, *url) : ParseFeedUrls(*body, *url);
  } else if (e.kind == storage::UrlKind::kFeed) {
    out->found = ParseFeedUrls(*body, *url);
  } else if (LooksLikeHtml(content_type, *body)) {
    html = true;
    decoded = extract::DecodeHtml(*body, content_type);
    out->found = ParseHtmlLinks(decoded.utf8, content_type, *url,
                                options_.page_requisites && e.kind == storage::UrlKind::kPage);
  }
  if (html && options_.extract && e.kind == storage::UrlKind::kPage) {
    ArticleOrigin origin;
    origin.url = e.url;
    origin.response_record_id = response_id;
    origin.capture_time = r.timings.start;
    origin.date_hint = e.date_hint;
    // Links come from ParseHtmlLinks above; the extractor's own list is not
    // needed, nor a second charset pass.
    extract::ExtractOptions eo;
    eo.want_links = false;
    out->article =
        ToArticleRecord(extract::Extract(*body, std::move(decoded), e.url, eo), origin);
  }
}

std::vector<storage::FrontierAdd> CrawlSession::SelectUrls(
    const std::vector<DiscoveredUrl>& urls, const storage::FrontierEntry& from) const {
  std::vector<storage::FrontierAdd> out;
  out.reserve(urls.size());
  // The same links come up page after page: parse each once per thread.
  thread_local BoundedMemo<std::optional<Url>> parsed;
  for (const DiscoveredUrl& d : urls) {
    const std::optional<Url>& url = parsed.Get(d.url, [&]() -> std::optional<Url> {
      Result<Url> u = Url::Parse(d.url);
      if (!u.ok()) return std::nullopt;
      return std::move(u).value();
    });
    if (!url.has_value() || (url->scheme() != "http" && url->scheme() != "https")) continue;
    if (d.kind == storage::UrlKind::kRequisite) {
      // At the page's depth on any host, whatever --include, --max-depth
      // and --content-type say about pages (CrawlOptions::page_requisites).
      if (!options_.page_requisites || !scope_.RequisiteInScope(*url)) continue;
      out.push_back(MakeAdd(*url, d.kind, from.depth, 0, d.priority, from.url, ""));
      continue;
    }
    // Requisites never widen the crawl: what one names is a requisite or
    // nothing.
    if (from.kind == storage::UrlKind::kRequisite) continue;
    bool index = d.kind != storage::UrlKind::kPage;
    int depth = from.depth + 1;
    if (!index && depth > options_.max_depth) continue;
    // Sitemaps and feeds of an in-scope host are read even when the
    // include/exclude patterns are about article URLs.
    if (index ? !scope_.HostInScope(url->host()) : !scope_.InScope(*url)) continue;
    if (!index && !options_.content_types.empty()) {
      // A link to "photo.jpg" need not be fetched to learn it is an image.
      std::string type = MediaTypeFromExtension(*url);
      if (!type.empty() && !ContentTypeAccepted(type, options_.content_types)) continue;
    }
    int64_t priority = d.priority;
    if (priority == 0 && !index) priority = depth;
    out.push_back(MakeAdd(*url, d.kind, index ? from.depth : depth, 0, priority, from.url,
                          d.date_hint));
  }
  return out;
}

storage::FrontierAdd CrawlSession::MakeAdd(const Url& url, storage::UrlKind kind, int depth,
                                           int hops, int64_t priority, const std::string& via,
                                           const std::string& date_hint) {
  storage::FrontierAdd add;
  add.url = url.spec();
  add.host = HostKey(url);
  add.kind = kind;
  add.depth = depth;
  add.hops = hops;
  add.priority = priority;
  add.via = via;
  add.date_hint = date_hint;
  return add;
}

Status CrawlSession::Enqueue(const std::vector<DiscoveredUrl>& urls,
                             const storage::FrontierEntry& from) {
  return AddUrls(SelectUrls(urls, from));
}

Status CrawlSession::AddUrls(const std::vector<storage::FrontierAdd>& adds) {
  if (coordinator_ != nullptr) {
    if (adds.empty()) return Status();
    dirty_ = true;
    return coordinator_->Discovered(archive_->frontier(), adds);
  }
  for (const storage::FrontierAdd& add : adds) NEWSARC_RETURN_IF_ERROR(AddUrl(add));
  return Status();
}

Status CrawlSession::AddUrl(const Url& url, storage::UrlKind kind, int depth, int hops,
                            int64_t priority, const std::string& via,
                            const std::string& date_hint) {
  return AddUrl(MakeAdd(url, kind, depth, hops, priority, via, date_hint));
}

Status CrawlSession::AddUrl(const storage::FrontierAdd& add) {
  if (coordinator_ != nullptr) return AddUrls({add});
  Result<bool> added = archive_->frontier().Add(add);
  if (!added.ok()) return added.status();
  dirty_ = true;
  if (*added) {
    ++discovered_;
    // A host that reached a page limit still serves the requisites of the
    // pages captured before it: SubmitEntry caps it again at its next page.
    if (add.kind == storage::UrlKind::kRequisite) capped_hosts_.erase(add.host);
    if (capped_hosts_.count(add.host) == 0) scheduler_.SetPending(add.host, true);
  }
  return Status();
}

Status CrawlSession::GiveUp(const Job& job, const std::string& reason, int tries) {
  ++stats_.gave_up;
  Result<std::string> id =
      archive_->Put(BuildFailureRecord(job.url, reason, tries, NowMicros()));
  if (!id.ok()) return id.status();
  NEWSARC_RETURN_IF_ERROR(Finished(job.entry, true, 0, "", reason));
  return archive_->frontier().MarkFailed(job.entry.id, reason);
}

Status CrawlSession::Finished(const storage::FrontierEntry& e, bool failed, int http_status,
                              const std::string& record_id, const std::string& reason) {
  if (coordinator_ == nullptr) return Status();
  return coordinator_->Finished(archive_->frontier(), e, failed, http_status, record_id, reason);
}

void CrawlSession::LogFetch(const Job& job, const FetchResult& r, const std::string& outcome,
                            const std::string& note) {
  if (!log_) return;
  nlohmann::json j = {
      {"time", FormatWarcDate(r.timings.start, true)},
      {"url", r.url},
      {"host", job.host},
      {"kind", job.kind == Job::Kind::kRobots ? "robots" : KindName(job.entry.kind)},
      {"status", r.http_status},
      {"bytes", r.body.size()},
      {"ms", r.timings.total / 1000},
      {"outcome", outcome},
  };
  if (!r.status.ok()) j["error"] = r.status.message();
  if (!r.truncated.empty()) j["truncated"] = r.truncated;
  if (!note.empty()) j["note"] = note;
  if (job.kind == Job::Kind::kEntry && job.entry.tries > 0) j["try"] = job.entry.tries + 1;
  *log_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  log_->flush();
}

}  // namespace newsarc::crawler
