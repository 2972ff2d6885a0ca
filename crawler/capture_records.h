// The WARC records of one HTTP exchange, built from a FetchResult.
//
// request:  the bytes curl sent (request line and fields), WARC-Concurrent-To
//           the response.
// response: the response head byte for byte (an HTTP/2 head written as
//           HTTP/1.1, with WARC-Protocol: h2) and the body without transfer
//           coding but with its Content-Encoding; WARC-Truncated when cut.
// revisit:  instead of a response when the server said 304 Not Modified
//           (profile server-not-modified) or sent the payload of the previous
//           capture again (profile identical-payload-digest); the block is
//           the response head only.
// metadata: outlinks and embeds, fetch time, hops from the seed, the URL it
//           came from.
#ifndef NEWSARC_CRAWLER_CAPTURE_RECORDS_H_
#define NEWSARC_CRAWLER_CAPTURE_RECORDS_H_

#include <string>
#include <vector>

#include "crawler/fetch_result.h"
#include "storage/warc/warc.h"

namespace newsarc::crawler {

inline constexpr const char* kProfileIdenticalPayload =
    "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest";
inline constexpr const char* kProfileServerNotModified =
    "http://netpreserve.org/warc/1.1/revisit/server-not-modified";

// A previous capture a revisit refers to.
struct PreviousCapture {
  std::string record_id;  // "<urn:uuid:...>"
  std::string uri;
  Micros date = 0;
  std::string payload_digest;
};

struct ExchangeRecords {
  storage::WarcRecord request;
  storage::WarcRecord response;  // a response or a revisit
  bool is_revisit = false;
};

// `warcinfo_id` is the run's warcinfo record. When `previous` is set and the
// result is a 304, or a 2xx whose payload digest equals previous->
// payload_digest, the second record is a revisit.
ExchangeRecords BuildExchangeRecords(const FetchResult& result,
                                     const std::string& warcinfo_id,
                                     const PreviousCapture* previous);

struct FetchContext {
  std::string via;  // the page the URL was found on ("" for a seed)
  int depth = 0;
  int hops = 0;
  std::string kind;  // page, robots, sitemap, feed, requisite
  // For a requisite: its embeds from the captured page (1: the page names
  // it; 2: a stylesheet the page names names it), written with hopType E,
  // Heritrix's letter for an embed. 0 for anything else.
  int embed_hops = 0;
};

// A metadata record about the capture `concurrent_to`: fetch timings, where
// the URL came from, its outlinks (links, "outlink:") and its embeds (page
// requisites found in it, "embed:").
storage::WarcRecord BuildMetadataRecord(const FetchResult& result,
                                        const std::string& concurrent_to,
                                        const FetchContext& context,
                                        const std::vector<std::string>& outlinks,
                                        const std::vector<std::string>& embeds = {});

// A metadata record saying the crawler gave up on `url` and why.
storage::WarcRecord BuildFailureRecord(const std::string& url, const std::string& reason,
                                       int tries, Micros when);

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_CAPTURE_RECORDS_H_
