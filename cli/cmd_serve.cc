// `newsarc serve --archive A.db [--listen 127.0.0.1:8080] [--replay-listen
// ADDR:PORT] [--allow-host NAME] [--threads N] [--no-index]`: the local web
// interface and JSON API over an archive (web/web.h; README, "Serve"),
// read-only, while a crawl may be writing. The first run on an archive
// builds its article index (a progress line on a terminal).
//
// Exit 130 on Ctrl-C (the normal way to stop), 1 when the archive cannot be
// read or an address cannot be bound, 2 on a bad command line.
#include <memory>
#include <string>

#include "cli/command.h"
#include "web/web.h"

namespace newsarc::cli {
namespace {

struct Options {
  web::ServeOptions serve;
  std::string listen = "127.0.0.1:8080";
  std::string replay_listen;
  bool no_index = false;
};

// "HOST:PORT", "[V6]:PORT" or ":PORT" (the default host).
bool SplitAddress(const std::string& text, const std::string& default_host, std::string* host,
                  int* port) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  std::string h = text.substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  const std::string p = text.substr(colon + 1);
  if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  *port = std::stoi(p);
  if (*port > 65535) return false;
  *host = h.empty() ? default_host : h;
  return true;
}

int Run(Options o) {
  if (!SplitAddress(o.listen, "127.0.0.1", &o.serve.host, &o.serve.port)) {
    ReportError(Status::InvalidArgument("serve --listen \"" + o.listen + "\"",
                                        "expected HOST:PORT, e.g. 127.0.0.1:8080"));
    return kExitUsage;
  }
  if (!o.replay_listen.empty() &&
      !SplitAddress(o.replay_listen, o.serve.host, &o.serve.replay_host, &o.serve.replay_port)) {
    ReportError(Status::InvalidArgument("serve --replay-listen \"" + o.replay_listen + "\"",
                                        "expected HOST:PORT, e.g. 127.0.0.1:8081"));
    return kExitUsage;
  }
  o.serve.index = !o.no_index;
  Status s = web::Serve(o.serve);
  if (s.code() == Status::Code::kCancelled) return kExitInterrupted;
  return ReportError(s);
}

void Setup(CLI::App& root) {
  auto opts = std::make_shared<Options>();
  CLI::App* sub = root.add_subcommand(
      "serve",
      "A local web interface and JSON API to browse, search, replay and audit an archive "
      "(read-only; 127.0.0.1 unless --listen says otherwise)");
  sub->add_option("--archive", opts->serve.archive, "Archive file")->required();
  sub->add_option("--listen", opts->listen, "Address of the interface and API (HOST:PORT)")
      ->capture_default_str();
  sub->add_option("--replay-listen", opts->replay_listen,
                  "Address of the replay origin (default: the next port)");
  sub->add_option("--allow-host", opts->serve.allowed_hosts,
                  "Another Host header value to accept (e.g. a name behind a reverse proxy); "
                  "repeatable");
  sub->add_option("--threads", opts->serve.threads, "Worker threads per server")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  sub->add_flag("--no-index", opts->no_index,
                "Do not build or update the article index (lists, changes and search need it)");
  SetExamples(sub, {
      {"newsarc serve --archive news.db", "http://127.0.0.1:8080/ (replay on :8081)"},
      {"newsarc serve --archive news.db --listen 127.0.0.1:9000 --replay-listen 127.0.0.1:9001",
       "other ports"},
      {"curl 'http://127.0.0.1:8080/api/search?q=harbour'", "the JSON API"},
  });
  sub->callback([opts] { SetExitCode(Run(*opts)); });
}

CommandRegistrar registrar(Setup);

}  // namespace
}  // namespace newsarc::cli
