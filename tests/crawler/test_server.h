// A loopback HTTP/1.1 server for the crawler tests, able to misbehave.
//
// It listens on 127.0.0.1 on a free port and hands each request to a handler
// together with the connection, so a test can answer with any bytes at all:
// a canned response, a head and then silence, half a body and a reset, one
// byte a second. Every request is recorded byte for byte (so a test can check
// that what the fetcher says it sent is what arrived). Each connection has
// its own thread; keep-alive works when the handler leaves the connection
// open. The destructor wakes every stalled handler, closes the sockets and
// joins the threads, so a test never hangs on it.
//
// Header-only because the test CMake compiles only *_test.cc files.
#ifndef NEWSARC_TESTS_CRAWLER_TEST_SERVER_H_
#define NEWSARC_TESTS_CRAWLER_TEST_SERVER_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace newsarc::testing {

struct ReceivedRequest {
  std::string raw;     // request line, fields and the empty line, as received
  std::string method;  // "GET"
  std::string target;  // "/path?q" (or an absolute URL when sent to a proxy)
  std::string body;    // Content-Length bytes, if any
};

class TestServer;

// The server side of one connection, for handlers.
class TestConnection {
 public:
  TestConnection(TestServer* server, int fd) : server_(server), fd_(fd) {}
  ~TestConnection() { Close(); }
  TestConnection(const TestConnection&) = delete;
  TestConnection& operator=(const TestConnection&) = delete;

  // Writes all of `bytes`; false when the peer has gone.
  bool Send(std::string_view bytes) {
    while (!bytes.empty() && fd_ >= 0) {
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return fd_ >= 0;
  }
  // Sends one byte every `gap` (stops early when the server stops).
  bool Trickle(std::string_view bytes, std::chrono::milliseconds gap);
  // Waits `time`, or less when the server stops.
  void Stall(std::chrono::milliseconds time);
  // Orderly close (FIN).
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  // Abortive close: the peer sees a connection reset (RST).
  void Reset() {
    if (fd_ < 0) return;
    linger l{1, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
    Close();
  }
  bool closed() const { return fd_ < 0; }
  int fd() const { return fd_; }

 private:
  TestServer* server_;
  int fd_;
};

class TestServer {
 public:
  using Handler = std::function<void(const ReceivedRequest&, TestConnection&)>;

  explicit TestServer(Handler handler) : handler_(std::move(handler)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd_ < 0) throw std::runtime_error("test server: socket failed");
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
        ::listen(listen_fd_, 128) != 0) {
      ::close(listen_fd_);
      throw std::runtime_error("test server: bind/listen on 127.0.0.1 failed");
    }
    socklen_t len = sizeof(addr);
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    accept_thread_ = std::thread([this] { AcceptLoop(); });
  }

  ~TestServer() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    accept_thread_.join();
    std::vector<std::thread> threads;
    {
      std::lock_guard<std::mutex> lock(mu_);
      threads.swap(threads_);
    }
    for (std::thread& t : threads) t.join();
    ::close(listen_fd_);
  }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  // Serves fixed raw responses by request target; 404 for anything else.
  static Handler Canned(std::map<std::string, std::string> responses) {
    auto table = std::make_shared<std::map<std::string, std::string>>(std::move(responses));
    return [table](const ReceivedRequest& req, TestConnection& conn) {
      auto it = table->find(req.target);
      if (it == table->end()) {
        conn.Send("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found");
      } else {
        conn.Send(it->second);
      }
    };
  }

  int port() const { return port_; }
  std::string HostPort() const { return "127.0.0.1:" + std::to_string(port_); }
  std::string Url(std::string_view path) const {
    return "http://" + HostPort() + std::string(path);
  }

  std::vector<ReceivedRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  int connections() const { return connections_.load(); }
  // Handlers running right now, and the most that ever ran at once.
  int active_handlers() const { return active_.load(); }
  int max_active_handlers() const { return max_active_.load(); }

  bool stopping() const {
    std::lock_guard<std::mutex> lock(mu_);
    return stopping_;
  }
  // Waits until `time` passes or the server stops; true if it stopped.
  bool WaitForStop(std::chrono::milliseconds time) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, time, [this] { return stopping_; });
  }

 private:
  void AcceptLoop() {
    while (!stopping()) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      ++connections_;
      std::lock_guard<std::mutex> lock(mu_);
      threads_.emplace_back([this, fd] { Serve(fd); });
    }
  }

  // Reads one request; false on EOF, error, stop, or a request over 1 MiB.
  bool ReadRequest(int fd, std::string* buffer, ReceivedRequest* req) {
    size_t end;
    while ((end = buffer->find("\r\n\r\n")) == std::string::npos) {
      if (!ReadMore(fd, buffer) || buffer->size() > (1u << 20)) return false;
    }
    req->raw = buffer->substr(0, end + 4);
    buffer->erase(0, end + 4);
    size_t sp1 = req->raw.find(' ');
    size_t sp2 = sp1 == std::string::npos ? sp1 : req->raw.find(' ', sp1 + 1);
    if (sp2 == std::string::npos) return false;
    req->method = req->raw.substr(0, sp1);
    req->target = req->raw.substr(sp1 + 1, sp2 - sp1 - 1);
    size_t length = 0;
    std::string lower;
    for (char c : req->raw) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (size_t cl = lower.find("\r\ncontent-length:"); cl != std::string::npos) {
      length = std::stoul(lower.substr(cl + 17));
    }
    while (buffer->size() < length) {
      if (!ReadMore(fd, buffer)) return false;
    }
    req->body = buffer->substr(0, length);
    buffer->erase(0, length);
    return true;
  }

  bool ReadMore(int fd, std::string* buffer) {
    while (!stopping()) {
      pollfd p{fd, POLLIN, 0};
      int r = ::poll(&p, 1, 20);
      if (r < 0) return false;
      if (r == 0) continue;
      char chunk[16384];
      ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
      if (n <= 0) return false;
      buffer->append(chunk, static_cast<size_t>(n));
      return true;
    }
    return false;
  }

  void Serve(int fd) {
    TestConnection conn(this, fd);
    std::string buffer;
    ReceivedRequest req;
    while (!conn.closed() && ReadRequest(fd, &buffer, &req)) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        requests_.push_back(req);
      }
      int now = ++active_;
      int seen = max_active_.load();
      while (now > seen && !max_active_.compare_exchange_weak(seen, now)) {
      }
      handler_(req, conn);
      --active_;
      req = ReceivedRequest();
    }
  }

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::thread accept_thread_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
  std::vector<ReceivedRequest> requests_;
  std::atomic<int> connections_{0};
  std::atomic<int> active_{0};
  std::atomic<int> max_active_{0};
};

inline bool TestConnection::Trickle(std::string_view bytes, std::chrono::milliseconds gap) {
  for (char c : bytes) {
    if (!Send(std::string_view(&c, 1))) return false;
    if (server_->WaitForStop(gap)) return false;
  }
  return true;
}

inline void TestConnection::Stall(std::chrono::milliseconds time) {
  server_->WaitForStop(time);
}

}  // namespace newsarc::testing

#endif  // NEWSARC_TESTS_CRAWLER_TEST_SERVER_H_
