// Fetcher: many HTTP(S) transfers at once over the libcurl multi interface.
//
// The crawl loop hands it requests and collects results:
//
//   auto fetcher = Fetcher::Create(options);           // Result<unique_ptr>
//   fetcher->Submit(FetchRequest{.id = 7, .url = u});   // Busy when full
//   for (FetchResult& r : fetcher->Poll(200'000)) ...   // up to 200 ms
//   fetcher->CancelAll();                               // Ctrl-C
//
// Politeness is the caller's (HostScheduler): Submit() starts the transfer
// at once, it never queues, so the time the caller gave the scheduler is
// the time the request starts. Redirects are not followed (each hop is the
// caller's own request). Only http and https are spoken. Addresses are
// checked at connect time (address_policy.h): loopback, private, link-local
// and the like are refused unless allow_private. With a proxy, the address
// connected to, and so checked, is the proxy's: a proxy on loopback needs
// allow_private; URLs that name a private IP address literally are still
// refused without allow_private, but a name the proxy resolves to one is the
// proxy's business.
// Not thread-safe, except Wakeup().
#ifndef NEWSARC_CRAWLER_FETCHER_H_
#define NEWSARC_CRAWLER_FETCHER_H_

#include <curl/curl.h>

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/chandle.h"
#include "base/status.h"
#include "base/time.h"
#include "crawler/fetch_result.h"

namespace newsarc::crawler {

// "newsarc/<version> (+https://github.com/newsarc/newsarc)"
std::string DefaultUserAgent();

enum class HttpVersionPolicy {
  kDefault,             // HTTP/2 over TLS when the server offers it, else 1.1
  kHttp11,              // HTTP/1.1 only
  // HTTP/2 without TLS (h2c), for tests and benchmarks; connections are not
  // reused (a libcurl 7.88 bug breaks reuse of prior-knowledge connections).
  kHttp2PriorKnowledge
};

struct FetcherOptions {
  size_t max_concurrency = 64;        // transfers in flight, all hosts together
  Micros connect_timeout = 15 * 1000000;
  Micros total_timeout = 120 * 1000000;
  // A transfer slower than low_speed_limit bytes/s for low_speed_time ends
  // with a timeout (a trickling server cannot hold a connection forever).
  long low_speed_limit = 256;
  Micros low_speed_time = 30 * 1000000;
  size_t max_body_bytes = 10 * 1024 * 1024;  // larger bodies: truncated "length"
  size_t max_header_bytes = 256 * 1024;      // larger heads: an error
  bool allow_private = false;
  // "HOST:PORT:ADDR" entries, as curl --resolve.
  std::vector<std::string> resolve;
  // "http://host:port" or "https://...": every request goes through it.
  std::string proxy;
  std::string user_agent = DefaultUserAgent();
  // Default request fields; FetchRequest::headers override them by name.
  // Compression saves the sites' bandwidth; the body keeps its encoding (the
  // archive stores it as sent), so readers decode it with DecodeContent()
  // (storage/warc/content_decode.h), which handles exactly the codings offered here.
  std::vector<std::pair<std::string, std::string>> default_headers = {
      {"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
      {"Accept-Encoding", "gzip, deflate"},
  };
  HttpVersionPolicy http_version = HttpVersionPolicy::kDefault;
  bool verify_tls = true;
};

class Fetcher {
 public:
  // Checks the options (resolve entries, proxy URL, limits).
  static Result<std::unique_ptr<Fetcher>> Create(const FetcherOptions& options);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Starts a transfer. InvalidArgument for a URL that is not absolute
  // http(s), a method other than GET/HEAD, or a header with CR/LF; Busy when
  // max_concurrency transfers are in flight. Messages name the URL.
  Status Submit(FetchRequest request);

  // Drives transfers for at most `timeout` microseconds, returning as soon as
  // at least one has finished (possibly with none finished at the timeout).
  // With nothing in flight it waits the timeout out (or until Wakeup()).
  std::vector<FetchResult> Poll(Micros timeout);

  // Abandons every transfer in flight; their results (status Cancelled,
  // with what had arrived) are returned.
  std::vector<FetchResult> CancelAll();

  // Makes a Poll() in another thread return early (with whatever has
  // finished by then). Thread-safe; not async-signal-safe.
  void Wakeup();

  size_t in_flight() const { return active_.size(); }
  size_t capacity() const {
    return options_.max_concurrency > active_.size()
               ? options_.max_concurrency - active_.size()
               : 0;
  }
  const FetcherOptions& options() const { return options_; }

  struct Transfer;  // one request in flight (defined in fetcher.cc)

 private:
  using CurlMulti = CHandle<CURLM, curl_multi_cleanup>;
  using CurlEasy = CHandle<CURL, curl_easy_cleanup>;
  using CurlSlist = CHandle<curl_slist, curl_slist_free_all>;

  explicit Fetcher(const FetcherOptions& options);
  Status Configure(Transfer& t);
  void Drain(std::vector<FetchResult>* done);
  FetchResult Finish(CURL* easy, CURLcode code, bool cancelled);

  FetcherOptions options_;
  CurlSlist resolve_;  // shared by every transfer; outlives them (declared first)
  // curl_multi_cleanup(3) order: remove every easy handle, clean them up,
  // then clean up the multi handle. ~Fetcher() does the first step; member
  // destruction, in reverse declaration order, the other two.
  CurlMulti multi_;
  std::vector<CurlEasy> idle_;  // reset handles kept for reuse
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> active_;
  // Requests refused before a transfer started (a private address written
  // in the URL), returned by the next Poll().
  std::vector<FetchResult> refused_;
  std::atomic<bool> wakeup_requested_{false};
};

}  // namespace newsarc::crawler

#endif  // NEWSARC_CRAWLER_FETCHER_H_
