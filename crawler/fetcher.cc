#include "crawler/fetcher.h"

#include <sys/socket.h>

#include <algorithm>
#include <cassert>
#include <chrono>
#include <mutex>

#include "base/strings.h"
#include "base/url.h"
#include "base/version.h"
#include "crawler/address_policy.h"
#include "crawler/retry_after.h"
#include "crawler/scope.h"

namespace newsarc::crawler {

namespace {
constexpr size_t kMaxReserve = 1 << 20;
}  // namespace

const char* HttpVersionToken(HttpVersion v) {
  switch (v) {
    case HttpVersion::kHttp10: return "HTTP/1.0";
    case HttpVersion::kHttp11: return "HTTP/1.1";
    case HttpVersion::kHttp2: return "h2";
    case HttpVersion::kHttp3: return "h3";
    case HttpVersion::kUnknown: break;
  }
  return "";
}

std::string DefaultUserAgent() {
  return std::string("newsarc/") + NEWSARC_VERSION +
         " (+https://github.com/newsarc/newsarc)";
}

struct Fetcher::Transfer {
  // Declared before `easy` so the handle is cleaned up before the list
  // it points to is freed.
  CurlSlist headers;
  CurlEasy easy;
  FetchRequest request;
  FetchResult result;
  const FetcherOptions* options = nullptr;
  char error_buffer[CURL_ERROR_SIZE] = {0};

  // Response head state: a head is complete after its empty line; a final
  // (non-1xx) complete head means any further header lines are trailers.
  bool head_complete = false;
  bool head_final = false;
  bool body_capped = false;     // the write callback stopped at the body cap
  bool type_checked = false;    // accept_types applied to the final head
  std::string header_error;     // why the header callback aborted
  std::string refused_address;  // why the open-socket callback refused
  bool request_complete = false;

  static size_t OnHeader(char* data, size_t size, size_t n, void* user);
  static size_t OnBody(char* data, size_t size, size_t n, void* user);
  static int OnDebug(CURL*, curl_infotype type, char* data, size_t size, void* user);
  static curl_socket_t OnOpenSocket(void* user, curlsocktype purpose,
                                    curl_sockaddr* address);
};

// One line of the response head per call (curl's contract for HTTP/1; for
// HTTP/2 and 3 curl synthesises "HTTP/2 200" and "name: value" lines).
size_t Fetcher::Transfer::OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t len = size * n;
  std::string_view line(data, len);
  FetchResult& r = t->result;
  if (t->head_complete && t->head_final) {
    if (r.trailers.size() + len > t->options->max_header_bytes) {
      t->header_error = "trailer fields exceed " +
                        std::to_string(t->options->max_header_bytes) + " bytes";
      return 0;
    }
    r.trailers.append(line);
    return len;
  }
  if (t->head_complete && IsStatusLine(line)) {
    // The head before was informational (1xx): start over with this one.
    r.response_head.clear();
    r.status_line_synthesized = false;
    t->head_complete = false;
  }
  if (r.response_head.empty() && IsStatusLine(line) && line.size() > 6 &&
      line[6] != '.') {
    // "HTTP/2 200" or "HTTP/3 200": no such line was on the wire.
    r.response_head = Http11StatusLine(StatusCodeOf(line));
    r.status_line_synthesized = true;
  } else {
    r.response_head.append(line);
  }
  if (r.response_head.size() > t->options->max_header_bytes) {
    t->header_error = "response header exceeds " +
                      std::to_string(t->options->max_header_bytes) + " bytes";
    return 0;
  }
  if (line == "\r\n" || line == "\n") {
    t->head_complete = true;
    size_t eol = r.response_head.find('\n');
    t->head_final = StatusCodeOf(std::string_view(r.response_head).substr(0, eol)) >= 200;
  }
  return len;
}

size_t Fetcher::Transfer::OnBody(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t len = size * n;
  std::string& body = t->result.body;
  const size_t cap = t->options->max_body_bytes;
  if (!t->type_checked) {
    t->type_checked = true;
    if (!t->request.accept_types.empty() && t->head_final) {
      Result<ResponseHead> head = ParseResponseHead(t->result.response_head);
      if (head.ok() && head->status >= 200 && head->status < 300) {
        const std::string* type = head->Find("Content-Type");
        if (!ContentTypeAccepted(type ? *type : "", t->request.accept_types)) {
          t->result.refused_type = type != nullptr && !type->empty() ? *type : "(none)";
          return 0;  // CURLE_WRITE_ERROR: Finish() reports the refusal
        }
      }
    }
  }
  if (body.empty()) {
    // Reserve once for the declared length, but never more than 1 MiB on a
    // server's word: 64 transfers each claiming 10 GB must not cost 640 MiB
    // before a byte has arrived. Bigger bodies grow as they arrive.
    curl_off_t declared = -1;
    curl_easy_getinfo(t->easy.get(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &declared);
    if (declared > 0) {
      body.reserve(std::min({static_cast<size_t>(declared), cap, kMaxReserve}));
    }
  }
  if (body.size() + len > cap) {
    body.append(data, cap - body.size());
    t->body_capped = true;
    return 0;  // CURLE_WRITE_ERROR: stop reading; Finish() calls it success
  }
  body.append(data, len);
  return len;
}

int Fetcher::Transfer::OnDebug(CURL*, curl_infotype type, char* data, size_t size,
                               void* user) {
  if (type != CURLINFO_HEADER_OUT) return 0;
  auto* t = static_cast<Transfer*>(user);
  std::string_view bytes(data, size);
  // A CONNECT to a proxy is not the request being archived.
  if (t->result.request_head.empty() && bytes.substr(0, 8) == "CONNECT ") return 0;
  if (t->request_complete) {
    // curl sent the request again (a reused connection had died): keep the
    // copy that got the response.
    if (bytes.substr(0, 8) == "CONNECT ") return 0;
    t->result.request_head.clear();
    t->request_complete = false;
  }
  t->result.request_head.append(bytes);
  std::string& head = t->result.request_head;
  t->request_complete = head.size() >= 4 && head.compare(head.size() - 4, 4, "\r\n\r\n") == 0;
  if (t->request_complete) {
    // When it left: politeness spacing counts from here (HostScheduler::OnSent).
    t->result.timings.sent = std::max<Micros>(1, NowMicros() - t->result.timings.start);
    // curl shows an HTTP/2 or HTTP/3 request as "GET /p HTTP/2" plus fields;
    // written as HTTP/1.1 like the response (the record says WARC-Protocol).
    size_t eol = head.find("\r\n");
    for (std::string_view v : {" HTTP/2", " HTTP/3"}) {
      if (eol >= v.size() && head.compare(eol - v.size(), v.size(), v) == 0) {
        head.replace(eol - v.size(), v.size(), " HTTP/1.1");
        break;
      }
    }
  }
  return 0;
}

curl_socket_t Fetcher::Transfer::OnOpenSocket(void* user, curlsocktype purpose,
                                              curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(user);
  if (purpose == CURLSOCKTYPE_IPCXN) {
    AddressClass c = ClassifySockaddr(&address->addr, address->addrlen);
    if (!IsConnectAllowed(c, t->options->allow_private)) {
      std::string text = SockaddrToText(&address->addr, address->addrlen);
      if (!t->refused_address.empty()) t->refused_address += "; ";
      t->refused_address += text + " is " + AddressClassName(c);
      return CURL_SOCKET_BAD;
    }
  }
  return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

namespace {

std::once_flag g_curl_init;

bool HasCrLf(std::string_view s) {
  return s.find('\r') != std::string_view::npos || s.find('\n') != std::string_view::npos;
}

// "[::1]" -> "::1"
std::string BareHost(const std::string& host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    return host.substr(1, host.size() - 2);
  }
  return host;
}

Micros SteadyMicros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

Status CheckResolveEntry(const std::string& entry) {
  // HOST:PORT:ADDR[,ADDR...]; ADDR may be a bracketed IPv6 address.
  size_t c1 = entry.find(':');
  size_t c2 = c1 == std::string::npos ? std::string::npos : entry.find(':', c1 + 1);
  auto bad = [&entry](std::string_view why) {
    return Status::InvalidArgument("--resolve " + entry, why);
  };
  if (c1 == 0 || c2 == std::string::npos) return bad("expected HOST:PORT:ADDRESS");
  std::string_view port(entry.data() + c1 + 1, c2 - c1 - 1);
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) ||
      std::stoi(std::string(port)) > 65535) {
    return bad("port is not a number from 0 to 65535");
  }
  for (std::string_view addr : Split(std::string_view(entry).substr(c2 + 1), ',')) {
    if (ClassifyIpText(TrimAscii(addr)) == AddressClass::kInvalid) {
      return bad("\"" + std::string(addr) + "\" is not an IP address");
    }
  }
  return Status();
}

}  // namespace

Fetcher::Fetcher(const FetcherOptions& options) : options_(options) {}

Result<std::unique_ptr<Fetcher>> Fetcher::Create(const FetcherOptions& options) {
  std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (options.max_concurrency == 0) {
    return Status::InvalidArgument("fetcher options", "concurrency must be at least 1");
  }
  if (options.max_body_bytes == 0 || options.max_header_bytes < 64) {
    return Status::InvalidArgument("fetcher options", "body or header size cap too small");
  }
  // Zero would mean "no limit" to curl; a crawler must not wait forever.
  if (options.total_timeout < 1000 || options.connect_timeout < 1000 ||
      options.low_speed_time < 1000000) {
    return Status::InvalidArgument("fetcher options",
                                   "timeouts must be at least 1 ms (low-speed time 1 s)");
  }
  if (HasCrLf(options.user_agent)) {
    return Status::InvalidArgument("user agent", "contains a line break");
  }
  for (const auto& [name, value] : options.default_headers) {
    if (HasCrLf(name) || HasCrLf(value) || name.empty()) {
      return Status::InvalidArgument("request header \"" + name + "\"", "invalid");
    }
  }
  std::unique_ptr<Fetcher> f(new Fetcher(options));
  for (const std::string& entry : options.resolve) {
    NEWSARC_RETURN_IF_ERROR(CheckResolveEntry(entry));
    curl_slist* grown = curl_slist_append(f->resolve_.get(), entry.c_str());
    if (grown == nullptr) return Status::Io("--resolve", "out of memory");
    f->resolve_.release();
    f->resolve_.reset(grown);
  }
  if (!options.proxy.empty()) {
    Result<Url> proxy = Url::Parse(options.proxy);
    if (!proxy.ok()) return proxy.status().WithContext("--proxy " + options.proxy);
    if (proxy->scheme() != "http" && proxy->scheme() != "https") {
      return Status::InvalidArgument("--proxy " + options.proxy,
                                     "only http:// and https:// proxies are supported");
    }
  }
  f->multi_.reset(curl_multi_init());
  if (!f->multi_) return Status::Io("curl_multi_init", "failed");
  return f;
}

Fetcher::~Fetcher() {
  for (auto& [easy, transfer] : active_) curl_multi_remove_handle(multi_.get(), easy);
}

Status Fetcher::Submit(FetchRequest request) {
  const std::string what = "fetch " + request.url;
  Result<Url> url = Url::Parse(request.url);
  if (!url.ok()) return Status::InvalidArgument(what, url.status().message());
  if (url->scheme() != "http" && url->scheme() != "https") {
    return Status::InvalidArgument(what, "only http and https URLs are fetched");
  }
  if (HasCrLf(request.url)) return Status::InvalidArgument(what, "URL contains a line break");
  if (request.method != "GET" && request.method != "HEAD") {
    return Status::InvalidArgument(what, "method " + request.method + " is not supported");
  }
  for (const auto& [name, value] : request.headers) {
    if (name.empty() || HasCrLf(name) || HasCrLf(value) ||
        name.find(':') != std::string::npos) {
      return Status::InvalidArgument(what, "invalid request header \"" + name + "\"");
    }
  }
  if (HasCrLf(request.if_none_match)) {
    return Status::InvalidArgument(what, "If-None-Match contains a line break");
  }
  if (!options_.allow_private) {
    // An address written in the URL is refused before anything is sent.
    // Without a proxy the connect-time check would catch it too; with one,
    // the proxy connects on our behalf, and this is the only check there is
    // (a name that the proxy resolves to a private address is the proxy's
    // business).
    AddressClass c = ClassifyIpText(url->host());
    if (c != AddressClass::kInvalid && !IsConnectAllowed(c, false)) {
      FetchResult refused;
      refused.id = request.id;
      refused.url = request.url;
      refused.method = request.method;
      refused.timings.start = NowMicros();
      refused.status = Status::Network(
          what, "refused to connect: " + BareHost(url->host()) + " is " + AddressClassName(c) +
                    " (private addresses are only fetched with --allow-private)");
      refused_.push_back(std::move(refused));
      return Status();
    }
  }
  if (active_.size() >= options_.max_concurrency) {
    return Status::Busy(what, std::to_string(active_.size()) +
                                  " transfers in flight (the concurrency limit)");
  }

  auto t = std::make_unique<Transfer>();
  t->options = &options_;
  t->request = std::move(request);
  if (!idle_.empty()) {
    t->easy = std::move(idle_.back());
    idle_.pop_back();
  } else {
    t->easy.reset(curl_easy_init());
    if (!t->easy) return Status::Io(what, "curl_easy_init failed");
  }
  NEWSARC_RETURN_IF_ERROR(Configure(*t));
  t->result.id = t->request.id;
  t->result.url = t->request.url;
  t->result.method = t->request.method;
  t->result.timings.start = NowMicros();
  CURL* easy = t->easy.get();
  CURLMcode mc = curl_multi_add_handle(multi_.get(), easy);
  if (mc != CURLM_OK) return Status::Io(what, curl_multi_strerror(mc));
  active_.emplace(easy, std::move(t));
  return Status();
}

Status Fetcher::Configure(Transfer& t) {
  CURL* e = t.easy.get();
  const std::string what = "fetch " + t.request.url;

  // Request fields: defaults, overridden by name by the request's own, then
  // the conditional ones.
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& d : options_.default_headers) {
    bool overridden = std::any_of(
        t.request.headers.begin(), t.request.headers.end(),
        [&d](const auto& h) { return EqualsIgnoreCase(h.first, d.first); });
    if (!overridden) fields.push_back(d);
  }
  fields.insert(fields.end(), t.request.headers.begin(), t.request.headers.end());
  if (!t.request.if_none_match.empty()) {
    fields.emplace_back("If-None-Match", t.request.if_none_match);
  }
  if (t.request.if_modified_since) {
    fields.emplace_back("If-Modified-Since", FormatHttpDate(*t.request.if_modified_since));
  }
  for (const auto& [name, value] : fields) {
    // "Name;" is curl's way to send a field with an empty value.
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    curl_slist* grown = curl_slist_append(t.headers.get(), line.c_str());
    if (grown == nullptr) return Status::Io(what, "out of memory");
    t.headers.release();
    t.headers.reset(grown);
  }

  auto ms = [](Micros us) { return static_cast<long>((us + 999) / 1000); };
  bool ok = true;
  auto set = [&ok](CURLcode c) { ok = ok && c == CURLE_OK; };
  set(curl_easy_setopt(e, CURLOPT_URL, t.request.url.c_str()));
  set(curl_easy_setopt(e, CURLOPT_PRIVATE, &t));
  set(curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https"));
  set(curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"));
  set(curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L));
  set(curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L));
  set(curl_easy_setopt(e, CURLOPT_PATH_AS_IS, 1L));  // request exactly the URL given
  set(curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.error_buffer));
  set(curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Transfer::OnBody));
  set(curl_easy_setopt(e, CURLOPT_WRITEDATA, &t));
  set(curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Transfer::OnHeader));
  set(curl_easy_setopt(e, CURLOPT_HEADERDATA, &t));
  // The debug callback is how curl shows the request bytes it sent; it is
  // only called with VERBOSE on.
  set(curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, &Transfer::OnDebug));
  set(curl_easy_setopt(e, CURLOPT_DEBUGDATA, &t));
  set(curl_easy_setopt(e, CURLOPT_VERBOSE, 1L));
  set(curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &Transfer::OnOpenSocket));
  set(curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, &t));
  // Keep Content-Encoding: the archive stores the payload as sent.
  set(curl_easy_setopt(e, CURLOPT_HTTP_CONTENT_DECODING, 0L));
  set(curl_easy_setopt(e, CURLOPT_HTTP_TRANSFER_DECODING, 1L));
  set(curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L));
  set(curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, ms(options_.connect_timeout)));
  set(curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, ms(options_.total_timeout)));
  set(curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_limit));
  set(curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME,
                       static_cast<long>(std::max<Micros>(1, options_.low_speed_time / 1000000))));
  set(curl_easy_setopt(e, CURLOPT_USERAGENT, options_.user_agent.c_str()));
  set(curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers.get()));
  if (resolve_) set(curl_easy_setopt(e, CURLOPT_RESOLVE, resolve_.get()));
  if (!options_.proxy.empty()) set(curl_easy_setopt(e, CURLOPT_PROXY, options_.proxy.c_str()));
  if (t.request.method == "HEAD") set(curl_easy_setopt(e, CURLOPT_NOBODY, 1L));
  long version = CURL_HTTP_VERSION_2TLS;
  if (options_.http_version == HttpVersionPolicy::kHttp11) version = CURL_HTTP_VERSION_1_1;
  if (options_.http_version == HttpVersionPolicy::kHttp2PriorKnowledge) {
    version = CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE;
    // libcurl 7.88.1 fails the second request on a reused prior-knowledge
    // h2c connection ("Error in the HTTP2 framing layer"; the curl tool
    // shows it too). h2c is only for tests and benchmarks: one connection
    // per request there. h2 over TLS reuses connections normally.
    set(curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L));
  }
  set(curl_easy_setopt(e, CURLOPT_HTTP_VERSION, version));
  if (!options_.verify_tls) {
    set(curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L));
    set(curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L));
  }
  if (!ok) return Status::Io(what, "libcurl rejected an option");
  return Status();
}

void Fetcher::Wakeup() {
  wakeup_requested_.store(true);
  curl_multi_wakeup(multi_.get());
}

std::vector<FetchResult> Fetcher::Poll(Micros timeout) {
  std::vector<FetchResult> done = std::move(refused_);
  refused_.clear();
  if (!done.empty()) {
    int running = 0;
    curl_multi_perform(multi_.get(), &running);
    Drain(&done);
    return done;
  }
  const Micros deadline = SteadyMicros() + std::max<Micros>(0, timeout);
  while (true) {
    int running = 0;
    curl_multi_perform(multi_.get(), &running);
    Drain(&done);
    if (!done.empty()) break;
    Micros remaining = deadline - SteadyMicros();
    if (remaining <= 0) break;
    int wait_ms = static_cast<int>(std::min<Micros>((remaining + 999) / 1000, 1000));
    curl_multi_poll(multi_.get(), nullptr, 0, wait_ms, nullptr);
    if (wakeup_requested_.exchange(false)) {
      int running_now = 0;
      curl_multi_perform(multi_.get(), &running_now);
      Drain(&done);
      break;
    }
  }
  return done;
}

void Fetcher::Drain(std::vector<FetchResult>* done) {
  int queued = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &queued)) {
    if (msg->msg != CURLMSG_DONE) continue;
    done->push_back(Finish(msg->easy_handle, msg->data.result, /*cancelled=*/false));
  }
}

std::vector<FetchResult> Fetcher::CancelAll() {
  std::vector<FetchResult> out = std::move(refused_);
  refused_.clear();
  std::vector<CURL*> handles;
  for (const auto& [easy, t] : active_) handles.push_back(easy);
  for (CURL* easy : handles) out.push_back(Finish(easy, CURLE_ABORTED_BY_CALLBACK, true));
  return out;
}

FetchResult Fetcher::Finish(CURL* easy, CURLcode code, bool cancelled) {
  auto it = active_.find(easy);
  assert(it != active_.end() && "a finished transfer this fetcher did not start");
  std::unique_ptr<Transfer> t = std::move(it->second);
  active_.erase(it);
  curl_multi_remove_handle(multi_.get(), easy);
  FetchResult& r = t->result;
  const std::string what = "fetch " + r.url;

  auto micros = [easy](CURLINFO info) {
    curl_off_t v = 0;
    curl_easy_getinfo(easy, info, &v);
    return static_cast<Micros>(v);
  };
  r.timings.name_lookup = micros(CURLINFO_NAMELOOKUP_TIME_T);
  r.timings.connect = micros(CURLINFO_CONNECT_TIME_T);
  r.timings.tls = micros(CURLINFO_APPCONNECT_TIME_T);
  r.timings.first_byte = micros(CURLINFO_STARTTRANSFER_TIME_T);
  r.timings.total = micros(CURLINFO_TOTAL_TIME_T);
  if (cancelled) r.timings.total = NowMicros() - r.timings.start;

  char* ip = nullptr;
  if (curl_easy_getinfo(easy, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip != nullptr) {
    r.remote_ip = ip;
  }
  long port = 0;
  curl_easy_getinfo(easy, CURLINFO_PRIMARY_PORT, &port);
  r.remote_port = static_cast<int>(port);
  long version = 0;
  curl_easy_getinfo(easy, CURLINFO_HTTP_VERSION, &version);
  switch (version) {
    case CURL_HTTP_VERSION_1_0: r.http_version = HttpVersion::kHttp10; break;
    case CURL_HTTP_VERSION_1_1: r.http_version = HttpVersion::kHttp11; break;
    case CURL_HTTP_VERSION_2_0: r.http_version = HttpVersion::kHttp2; break;
    case CURL_HTTP_VERSION_3: r.http_version = HttpVersion::kHttp3; break;
    default: break;
  }

  const bool have_head = t->head_complete && t->head_final;
  if (have_head) {
    Result<ResponseHead> head = ParseResponseHead(r.response_head);
    if (head.ok()) {
      r.head = std::move(head).value();
      r.http_status = r.head.status;
    }
  }

  if (cancelled) {
    r.status = Status::Cancelled(what, "cancelled");
    if (have_head) r.truncated = "unspecified";
  } else if (code == CURLE_OK) {
    r.status = Status();
  } else if (code == CURLE_WRITE_ERROR && t->body_capped) {
    r.status = Status();
    r.truncated = "length";
  } else if (code == CURLE_WRITE_ERROR && !r.refused_type.empty()) {
    r.status = Status();
    r.truncated = "unspecified";
  } else {
    std::string why;
    if (!t->header_error.empty()) {
      why = t->header_error;
    } else if (!t->refused_address.empty() &&
               (code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_PROXY)) {
      why = std::string("refused to connect") +
            (options_.proxy.empty() ? "" : " to the proxy") + ": " + t->refused_address +
            " (private addresses are only fetched with --allow-private)";
    } else {
      why = curl_easy_strerror(code);
      if (t->error_buffer[0] != '\0' && why != t->error_buffer) {
        why += std::string(" (") + t->error_buffer + ")";
      }
    }
    r.status = Status::Network(what, why);
    r.timed_out = code == CURLE_OPERATION_TIMEDOUT;
    if (have_head && r.method != "HEAD") r.truncated = r.timed_out ? "time" : "disconnect";
  }

  if (r.http_status >= 300 && r.http_status < 400) {
    if (const std::string* loc = r.head.Find("Location")) {
      Result<Url> base = Url::Parse(r.url);
      if (base.ok()) {
        Result<Url> target = base->Resolve(*loc);
        if (target.ok()) r.location = target->spec();
      }
    }
  }
  if (const std::string* ra = r.head.Find("Retry-After")) {
    r.retry_after = ParseRetryAfter(*ra, r.timings.start + r.timings.total);
  }

  FetchResult out = std::move(r);
  curl_easy_reset(easy);
  if (idle_.size() < options_.max_concurrency) idle_.push_back(std::move(t->easy));
  return out;
}

}  // namespace newsarc::crawler
