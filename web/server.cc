// The two HTTP servers (interface + API, and replay) on cpp-httplib, their
// request checks, routes, and the thread that keeps the article index
// current.
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "audit/audit.h"
#include "base/progress.h"
#include "base/strings.h"
#include "web/api.h"
#include "web/assets.h"
#include "web/cdx.h"
#include "web/feed.h"
#include "web/replay.h"
#include "web/wacz.h"
#include "web/web.h"

namespace newsarc::web {
namespace {

// The interface's own policy: its scripts and styles only, frames only from
// the replay origin (so an archived page can never be framed from here with
// this origin's rights), nothing from elsewhere.
std::string UiPolicy(const std::string& replay_origin) {
  return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
         "connect-src 'self'; frame-src " +
         replay_origin +
         "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

// The interface's pages: one shell that renders the view its URL names.
const char* const kPages[] = {"/articles", "/article", "/diff", "/changes", "/search", "/replay"};

Params::List ParamsOf(const httplib::Request& req) {
  Params::List out;
  for (const auto& [k, v] : req.params) out.emplace_back(k, v);
  return out;
}

void Send(const Reply& r, httplib::Response& res) {
  // A 200 is left for httplib to set: it answers 206 to a range request.
  if (r.status != 200) res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  if (r.file.empty()) {
    res.set_content(r.body, r.content_type);
    return;
  }
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(r.file, ec);
  if (ec) {
    Send(ErrorReply(Status::Io(r.file, ec.message())), res);
    return;
  }
  const std::string path = r.file;
  // httplib cuts the provided length to the requested byte ranges.
  res.set_content_provider(
      static_cast<size_t>(size), r.content_type,
      [path](size_t offset, size_t length, httplib::DataSink& sink) {
        std::FILE* f = std::fopen(path.c_str(), "rb");
        if (f == nullptr) return false;
        std::vector<char> buf(1 << 16);
        bool ok = std::fseek(f, static_cast<long>(offset), SEEK_SET) == 0;
        while (ok && length > 0) {
          size_t n = std::fread(buf.data(), 1, std::min(length, buf.size()), f);
          if (n == 0) break;
          ok = sink.write(buf.data(), n);
          length -= n;
        }
        std::fclose(f);
        return ok;
      });
}

// The request's path after `prefix`, from the raw target (query included:
// an archived URL keeps its own query string).
std::string RawAfter(const httplib::Request& req, std::string_view prefix) {
  std::string t = req.target;
  return t.size() >= prefix.size() ? t.substr(prefix.size()) : "";
}

class ServerImpl final : public Server {
 public:
  ServerImpl(ServeOptions o, std::string own_cache)
      : ctx_(std::move(o)), own_cache_(std::move(own_cache)) {}
  ~ServerImpl() override { Stop(); }

  Status Init();

  int port() const override { return port_; }
  int replay_port() const override { return replay_port_; }
  std::string url() const override { return ctx_.ui_origin; }
  std::string replay_url() const override { return ctx_.replay_origin; }
  Status WaitForIndex() override;
  void Stop() override;

 private:
  void Routes();
  bool HostAllowed(const httplib::Request& req, const std::string& host, int port) const;
  void IndexLoop();

  Context ctx_;
  httplib::Server ui_, replay_;
  int port_ = 0, replay_port_ = 0;
  std::thread ui_thread_, replay_thread_, index_thread_;
  std::atomic<bool> ui_done_{false}, replay_done_{false};  // listen returned
  std::atomic<bool> stopping_{false};
  std::mutex wake_mu_;
  std::condition_variable wake_;
  std::string own_cache_;  // a cache directory this server made (removed at stop)
  bool stopped_ = false;
};

bool ServerImpl::HostAllowed(const httplib::Request& req, const std::string& host,
                             int port) const {
  // DNS rebinding: a page of another site that resolves its own name to
  // 127.0.0.1 still sends that name. Only our own names are served.
  std::string h = AsciiLower(req.get_header_value("Host"));
  const std::string p = ":" + std::to_string(port);
  for (const std::string& ok : {host + p, std::string("127.0.0.1") + p, "localhost" + p,
                                "[::1]" + p}) {
    if (h == ok) return true;
  }
  for (const std::string& extra : ctx_.options().allowed_hosts) {
    const std::string e = AsciiLower(extra);
    if (h == e || h == e + p) return true;
  }
  return false;
}

void ServerImpl::Routes() {
  const std::string host = ctx_.options().host;
  const std::string replay_host =
      ctx_.options().replay_host.empty() ? host : ctx_.options().replay_host;
  auto guard = [this](const std::string& h, const int* port) {
    return [this, h, port](const httplib::Request& req, httplib::Response& res) {
      if (!HostAllowed(req, h, *port)) {
        Send(ErrorReply(Status::InvalidArgument(
                 "Host " + req.get_header_value("Host"),
                 "not this server's name (a DNS rebinding guard; newsarc serve "
                 "--allow-host NAME accepts another)")),
             res);
        res.status = 403;
        return httplib::Server::HandlerResponse::Handled;
      }
      if (req.method != "GET" && req.method != "HEAD") {
        Send(ErrorReply(Status::InvalidArgument("method " + req.method,
                                                "this server is read-only: GET and HEAD only")),
             res);
        res.status = 405;
        res.set_header("Allow", "GET, HEAD");
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    };
  };
  ui_.set_pre_routing_handler(guard(host, &port_));
  replay_.set_pre_routing_handler(guard(replay_host, &replay_port_));

  using Handler = Reply (*)(Context&, Params&);
  const std::pair<const char*, Handler> api[] = {
      {"/api/articles", ApiArticles}, {"/api/article", ApiArticle}, {"/api/history", ApiHistory},
      {"/api/diff", ApiDiff},         {"/api/changes", ApiChanges}, {"/api/search", ApiSearch},
      {"/api/status", ApiStatus},     {"/raw", RawPayload},         {"/cdx", CdxQuery},
      {"/feed/changes.atom", ChangesFeed}, {"/download/archive.wacz", WaczDownload}};
  for (const auto& [path, handler] : api) {
    Handler h = handler;
    ui_.Get(path, [this, h](const httplib::Request& req, httplib::Response& res) {
      Params p(ParamsOf(req));
      Send(h(ctx_, p), res);
    });
  }
  ui_.Get(R"(/timemap/link/.+)", [this](const httplib::Request& req, httplib::Response& res) {
    Send(TimeMap(ctx_, RawAfter(req, "/timemap/link/")), res);
  });
  ui_.Get(R"(/timegate/.+)", [this](const httplib::Request& req, httplib::Response& res) {
    Send(TimeGate(ctx_, RawAfter(req, "/timegate/"), req.get_header_value("Accept-Datetime")),
         res);
  });
  ui_.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.status = 302;
    res.set_header("Location", "/articles");
  });
  const std::string policy = UiPolicy(ctx_.replay_origin);
  for (const char* page : kPages) {
    ui_.Get(page, [policy](const httplib::Request&, httplib::Response& res) {
      const Asset* a = FindAsset("index.html");
      res.set_header("Content-Security-Policy", policy);
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("Referrer-Policy", "no-referrer");
      res.set_content(reinterpret_cast<const char*>(a->data), a->size, a->content_type);
    });
  }
  ui_.Get(R"(/assets/([a-z0-9_.-]+))", [policy](const httplib::Request& req,
                                                httplib::Response& res) {
    const Asset* a = FindAsset(req.matches[1].str());
    if (a == nullptr || std::string_view(a->path) == "index.html") {
      Send(ErrorReply(Status::NotFound(req.path, "no such file")), res);
      return;
    }
    res.set_header("Content-Security-Policy", policy);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_content(reinterpret_cast<const char*>(a->data), a->size, a->content_type);
  });
  ui_.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (res.status == 404 && res.body.empty()) {
      Send(ErrorReply(Status::NotFound(req.path, "no such page")), res);
      res.status = 404;
    }
  });
  replay_.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    Send(ReplayCapture(ctx_, RawAfter(req, "/")), res);
  });
}

Status ServerImpl::Init() {
  const ServeOptions& o = ctx_.options();
  IndexStatus s;
  s.enabled = o.index;
  if (o.index) {
    // Opening the index writable migrates an archive of an older schema
    // (only the index tables are added), which read-only connections need.
    Result<std::unique_ptr<storage::ArticleIndex>> idx = storage::ArticleIndex::Open(o.archive, true);
    if (!idx.ok()) return idx.status().WithContext("serve");
    Result<int64_t> through = (*idx)->IndexedThrough();
    if (through.ok()) s.through = *through;
    // An index built before (by `newsarc index` or an earlier serve) serves
    // at once; what arrived since is added in the background.
    s.ready = s.through > 0;
  }
  ctx_.set_index_status(s);
  storage::ArchiveOptions ro;
  ro.read_only = true;
  Result<std::unique_ptr<storage::Archive>> check = storage::Archive::Open(o.archive, ro);
  if (!check.ok()) return check.status().WithContext("serve");

  auto bind = [](httplib::Server& srv, const std::string& host, int port, int* bound) -> Status {
    if (port == 0) {
      *bound = srv.bind_to_any_port(host.c_str());
      if (*bound <= 0) return Status::Network("serve " + host, "cannot listen on any port");
    } else {
      if (!srv.bind_to_port(host.c_str(), port)) {
        return Status::Network("serve " + host + ":" + std::to_string(port),
                               "cannot listen there (in use, or not an address of this machine)");
      }
      *bound = port;
    }
    return Status();
  };
  const int threads = std::max(1, ctx_.options().threads);
  ui_.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  replay_.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<size_t>(threads));
  };
  // SO_REUSEADDR only: cpp-httplib's default adds SO_REUSEPORT, with which a
  // second server on the same port would start and share the traffic.
  auto reuse_addr_only = [](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  };
  ui_.set_socket_options(reuse_addr_only);
  replay_.set_socket_options(reuse_addr_only);
  NEWSARC_RETURN_IF_ERROR(bind(ui_, o.host, o.port, &port_));
  const std::string replay_host = o.replay_host.empty() ? o.host : o.replay_host;
  const int want_replay = o.replay_port >= 0 ? o.replay_port : (o.port == 0 ? 0 : o.port + 1);
  NEWSARC_RETURN_IF_ERROR(bind(replay_, replay_host, want_replay, &replay_port_));
  auto origin = [](const std::string& h, int p) {
    return "http://" + (h.find(':') != std::string::npos ? "[" + h + "]" : h) + ":" +
           std::to_string(p);
  };
  ctx_.ui_origin = origin(o.host, port_);
  ctx_.replay_origin = origin(replay_host, replay_port_);
  Routes();
  ui_thread_ = std::thread([this] {
    ui_.listen_after_bind();
    ui_done_ = true;
  });
  replay_thread_ = std::thread([this] {
    replay_.listen_after_bind();
    replay_done_ = true;
  });
  // cpp-httplib's stop() does nothing until the listening loop has started
  // (is_running()), and that loop would then run for ever: a Stop() that
  // came too soon after Start() hung (seen under ASan, where threads start
  // slowly). So Start() returns only once both loops run (or have ended).
  while ((!ui_.is_running() && !ui_done_) || (!replay_.is_running() && !replay_done_)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (o.index) index_thread_ = std::thread([this] { IndexLoop(); });
  return Status();
}

void ServerImpl::IndexLoop() {
  const bool show = ctx_.options().progress && Progress::StderrIsTerminal();
  bool first = true;
  while (!stopping_) {
    std::unique_ptr<Progress> bar;
    audit::IndexOptions io;
    io.stop = [this] { return stopping_.load(); };
    io.progress = [&](const audit::IndexProgress& p) {
      IndexStatus s = ctx_.index_status();
      s.building = true;
      s.done = p.urls_done;
      s.total = p.urls_total;
      ctx_.set_index_status(s);
      if (show && first && p.urls_total > 200) {
        if (!bar) bar = std::make_unique<Progress>("index", static_cast<uint64_t>(p.urls_total), true);
        bar->Update(static_cast<uint64_t>(p.urls_done), "URLs");
      }
    };
    Result<audit::IndexResult> r = audit::UpdateArticleIndex(ctx_.archive_path(), io);
    bar.reset();
    IndexStatus s = ctx_.index_status();
    s.building = false;
    if (r.ok()) {
      s.error.clear();
      if (!r->interrupted) {
        s.ready = true;
        s.through = r->through;
      }
    } else {
      s.error = r.status().message();
    }
    ctx_.set_index_status(s);
    first = false;
    wake_.notify_all();
    std::unique_lock<std::mutex> l(wake_mu_);
    wake_.wait_for(l, std::chrono::seconds(1), [this] { return stopping_.load(); });
  }
}

Status ServerImpl::WaitForIndex() {
  if (!ctx_.options().index) return Status();
  Result<storage::Archive*> a = ctx_.Archive();
  if (!a.ok()) return a.status();
  Result<int64_t> last = (*a)->LastRecordRowid();
  if (!last.ok()) return last.status();
  for (int i = 0; i < 6000 && !stopping_; ++i) {
    IndexStatus s = ctx_.index_status();
    if (s.ready && s.through >= *last) return Status();
    if (!s.error.empty()) return Status::Io("article index", s.error);
    wake_.notify_all();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return Status::Io("article index", "did not catch up within two minutes");
}

void ServerImpl::Stop() {
  if (stopped_) return;
  stopped_ = true;
  stopping_ = true;
  wake_.notify_all();
  ui_.stop();
  replay_.stop();
  if (ui_thread_.joinable()) ui_thread_.join();
  if (replay_thread_.joinable()) replay_thread_.join();
  if (index_thread_.joinable()) index_thread_.join();
  if (!own_cache_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(own_cache_, ec);
  }
}

}  // namespace

Result<std::unique_ptr<Server>> Server::Start(const ServeOptions& options) {
  ServeOptions o = options;
  std::string own_cache;
  if (o.cache_dir.empty()) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "newsarc-serve-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      return Status::Io("serve", "cannot make a cache directory in " + tmpl);
    }
    o.cache_dir = own_cache = tmpl;
  }
  auto s = std::make_unique<ServerImpl>(std::move(o), std::move(own_cache));
  NEWSARC_RETURN_IF_ERROR(s->Init());
  return std::unique_ptr<Server>(std::move(s));
}

std::vector<LibraryVersion> LibraryVersions() {
  // cpp-httplib has no run-time version call; its header's is the one built with.
  return {{"cpp-httplib", CPPHTTPLIB_VERSION, "at build time"}};
}

Status Serve(const ServeOptions& options) {
  InstallInterruptHandler();
  Result<std::unique_ptr<Server>> s = Server::Start(options);
  if (!s.ok()) return s.status();
  std::fprintf(stderr, "newsarc serve: %s/ (replay: %s/), read-only; Ctrl-C to stop\n",
               (*s)->url().c_str(), (*s)->replay_url().c_str());
  while (!InterruptRequested()) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  (*s)->Stop();
  return Status::Cancelled("serve", "interrupted");
}

}  // namespace newsarc::web
