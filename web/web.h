// newsarc_web: `newsarc serve`, a local web interface and JSON API over one
// archive, read-only: browse the articles, read a version with its digests
// and chain position, diff any two versions, list changes (with Atom feeds),
// search the full text, replay the archived HTML from a second origin, and
// the machine interfaces archive tools speak (a pywb-style CDX server, a
// Memento TimeMap and TimeGate, WACZ download with HTTP ranges).
//
// Security (README, "Serve"): both servers bind to 127.0.0.1 unless told
// otherwise; requests whose Host header is not the server's own name are
// refused (DNS rebinding); only GET and HEAD are answered and no request
// changes anything; bad parameters get 400 with a JSON error naming the
// parameter. Archived pages are served only from the replay origin (another
// port), with a Content-Security-Policy that blocks their scripts, and shown
// in a sandboxed iframe. Each worker thread reads through its own read-only
// SQLite connection; one background thread keeps the article index current
// (storage/article_index.h; it writes only the index tables).
//
// This is the module's face: code outside web/ includes only this header.
#ifndef NEWSARC_WEB_WEB_H_
#define NEWSARC_WEB_WEB_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/library_version.h"
#include "base/status.h"

namespace newsarc::web {

struct ServeOptions {
  std::string archive;
  std::string host = "127.0.0.1";  // the interface and API
  int port = 8080;                 // 0: any free port
  std::string replay_host;         // "" = host
  int replay_port = -1;            // -1: port + 1 (any free port when port is 0)
  int threads = 4;                 // worker threads per server
  // Host header values accepted besides the listening address, "localhost"
  // and "127.0.0.1" (with the port), e.g. a name behind a reverse proxy.
  std::vector<std::string> allowed_hosts;
  // Build the article index when missing and keep it current (the article
  // list, changes and search need it).
  bool index = true;
  bool progress = true;            // progress line while the index builds
  std::string cache_dir;           // WACZ downloads; "" = a private temporary directory
};

class Server {
 public:
  // Binds both servers and starts serving in background threads. Errors name
  // the address that could not be bound or the archive that cannot be read.
  static Result<std::unique_ptr<Server>> Start(const ServeOptions& options);
  virtual ~Server() = default;  // stops

  virtual int port() const = 0;
  virtual int replay_port() const = 0;
  // "http://127.0.0.1:8080"
  virtual std::string url() const = 0;
  virtual std::string replay_url() const = 0;
  // Blocks until the index has caught up with the archive as it was when
  // called (tests; returns at once when indexing is off).
  virtual Status WaitForIndex() = 0;
  virtual void Stop() = 0;
};

// Start(), then serve until Ctrl-C (InterruptRequested()), printing the
// address. The first index build shows a progress line on a terminal.
Status Serve(const ServeOptions& options);

// The JSON the command line prints for `newsarc search --format json` and
// `newsarc articles --format json` (the same as /api/search and
// /api/articles); `params` are the API's query parameters.
Result<std::string> SearchJson(const std::string& archive,
                               const std::vector<std::pair<std::string, std::string>>& params);
Result<std::string> ArticlesJson(const std::string& archive,
                                 const std::vector<std::pair<std::string, std::string>>& params);

// The libraries web links (cpp-httplib, Gumbo), for `newsarc --version`.
std::vector<LibraryVersion> LibraryVersions();

}  // namespace newsarc::web

#endif  // NEWSARC_WEB_WEB_H_
