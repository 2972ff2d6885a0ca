#include "crawler/capture_records.h"

#include "base/digest.h"
#include "base/uuid.h"

namespace newsarc::crawler {

namespace {

std::string NewId() { return "<" + NewUuidUrn() + ">"; }

void Common(storage::WarcRecord* r, const char* type, const FetchResult& f,
            const std::string& warcinfo_id) {
  r->Set("WARC-Type", type);
  r->Set("WARC-Record-ID", NewId());
  r->Set("WARC-Date", FormatWarcDate(f.timings.start, true));
  r->Set("WARC-Target-URI", f.url);
  if (!warcinfo_id.empty()) r->Set("WARC-Warcinfo-ID", warcinfo_id);
  if (!f.remote_ip.empty()) r->Set("WARC-IP-Address", f.remote_ip);
}

}  // namespace

ExchangeRecords BuildExchangeRecords(const FetchResult& f, const std::string& warcinfo_id,
                                     const PreviousCapture* previous) {
  ExchangeRecords out;
  storage::WarcRecord& resp = out.response;
  std::string payload_digest = Sha1Label(f.body);
  bool not_modified = f.http_status == 304 && previous != nullptr;
  bool identical = previous != nullptr && f.http_status >= 200 && f.http_status < 300 &&
                   f.truncated.empty() && !previous->payload_digest.empty() &&
                   previous->payload_digest == payload_digest;
  out.is_revisit = not_modified || identical;
  if (out.is_revisit) {
    Common(&resp, "revisit", f, warcinfo_id);
    resp.Set("WARC-Profile", not_modified ? kProfileServerNotModified : kProfileIdenticalPayload);
    resp.Set("WARC-Refers-To", previous->record_id);
    resp.Set("WARC-Refers-To-Target-URI", previous->uri);
    resp.Set("WARC-Refers-To-Date", FormatWarcDate(previous->date, true));
    resp.Set("Content-Type", "application/http; msgtype=response");
    if (identical) resp.Set("WARC-Payload-Digest", payload_digest);
    resp.block = f.response_head;
  } else {
    Common(&resp, "response", f, warcinfo_id);
    resp.Set("Content-Type", "application/http; msgtype=response");
    resp.Set("WARC-Payload-Digest", payload_digest);
    if (!f.truncated.empty()) resp.Set("WARC-Truncated", f.truncated);
    resp.block = f.response_head + f.body;
  }
  if (f.status_line_synthesized || f.http_version == HttpVersion::kHttp2 ||
      f.http_version == HttpVersion::kHttp3) {
    resp.Set("WARC-Protocol", HttpVersionToken(f.http_version));
  }
  resp.Set("WARC-Block-Digest", Sha1Label(resp.block));

  storage::WarcRecord& req = out.request;
  Common(&req, "request", f, warcinfo_id);
  req.Set("WARC-Concurrent-To", std::string(resp.id()));
  req.Set("Content-Type", "application/http; msgtype=request");
  req.block = f.request_head;
  req.Set("WARC-Block-Digest", Sha1Label(req.block));
  return out;
}

storage::WarcRecord BuildMetadataRecord(const FetchResult& f,
                                        const std::string& concurrent_to,
                                        const FetchContext& c,
                                        const std::vector<std::string>& outlinks,
                                        const std::vector<std::string>& embeds) {
  storage::WarcRecord r;
  r.Set("WARC-Type", "metadata");
  r.Set("WARC-Record-ID", NewId());
  r.Set("WARC-Date", FormatWarcDate(f.timings.start, true));
  r.Set("WARC-Target-URI", f.url);
  r.Set("WARC-Concurrent-To", concurrent_to);
  r.Set("Content-Type", "application/warc-fields");
  // application/warc-fields: "name: value" lines, as Heritrix writes them.
  std::string b;
  if (!c.via.empty()) b += "via: " + c.via + "\r\n";
  b += "hopsFromSeed: " + std::to_string(c.depth) + "\r\n";
  b += "redirectHops: " + std::to_string(c.hops) + "\r\n";
  if (!c.kind.empty()) b += "kind: " + c.kind + "\r\n";
  if (c.embed_hops > 0) {
    b += "hopType: E\r\nembedHops: " + std::to_string(c.embed_hops) + "\r\n";
  }
  b += "fetchTimeMs: " + std::to_string(f.timings.total / 1000) + "\r\n";
  b += "fetchStart: " + FormatWarcDate(f.timings.start, true) + "\r\n";
  if (f.timings.first_byte > 0) {
    b += "firstByteMs: " + std::to_string(f.timings.first_byte / 1000) + "\r\n";
  }
  for (const auto& link : outlinks) {
    // One link a line; a link never holds CR or LF once normalised.
    b += "outlink: " + link + "\r\n";
  }
  for (const auto& embed : embeds) b += "embed: " + embed + "\r\n";
  r.block = std::move(b);
  r.Set("WARC-Block-Digest", Sha1Label(r.block));
  return r;
}

storage::WarcRecord BuildFailureRecord(const std::string& url, const std::string& reason,
                                       int tries, Micros when) {
  storage::WarcRecord r;
  r.Set("WARC-Type", "metadata");
  r.Set("WARC-Record-ID", NewId());
  r.Set("WARC-Date", FormatWarcDate(when, true));
  r.Set("WARC-Target-URI", url);
  r.Set("Content-Type", "application/warc-fields");
  std::string clean;
  for (char ch : reason) clean.push_back(ch == '\r' || ch == '\n' ? ' ' : ch);
  r.block = "fetchFailed: " + clean + "\r\ntries: " + std::to_string(tries) + "\r\n";
  r.Set("WARC-Block-Digest", Sha1Label(r.block));
  return r;
}

}  // namespace newsarc::crawler
