// Status and Result: explicit error results with messages.
//
// Shaped like leveldb's Status and like std::expected, so callers can move to
// std::expected once both supported compilers ship it (clang 14 cannot use
// libstdc++ 12's <expected>). A message reads "<what>: <why>", e.g.
//   "open /tmp/a.db: database is locked".
// Exceptions are reserved for bugs and bad_alloc.
#ifndef NEWSARC_BASE_STATUS_H_
#define NEWSARC_BASE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace newsarc {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk,
    kInvalidArgument,
    kNotFound,
    kNetwork,
    kIo,
    kCorrupt,
    kBusy,         // another process holds a lock we need
    kUnsupported,  // a valid input we do not handle (e.g. newer schema)
    kCancelled,    // the user interrupted
  };

  Status() = default;  // success

  static Status InvalidArgument(std::string_view what, std::string_view why) {
    return Status(Code::kInvalidArgument, what, why);
  }
  static Status NotFound(std::string_view what, std::string_view why) {
    return Status(Code::kNotFound, what, why);
  }
  static Status Network(std::string_view what, std::string_view why) {
    return Status(Code::kNetwork, what, why);
  }
  static Status Io(std::string_view what, std::string_view why) {
    return Status(Code::kIo, what, why);
  }
  static Status Corrupt(std::string_view what, std::string_view why) {
    return Status(Code::kCorrupt, what, why);
  }
  static Status Busy(std::string_view what, std::string_view why) {
    return Status(Code::kBusy, what, why);
  }
  static Status Unsupported(std::string_view what, std::string_view why) {
    return Status(Code::kUnsupported, what, why);
  }
  static Status Cancelled(std::string_view what, std::string_view why) {
    return Status(Code::kCancelled, what, why);
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // "<what>: <why>"; empty when ok().
  const std::string& message() const { return message_; }

  // Returns a copy whose message is prefixed with "<context>: ".
  Status WithContext(std::string_view context) const {
    if (ok()) return *this;
    Status s = *this;
    s.message_ = std::string(context) + ": " + message_;
    return s;
  }

 private:
  Status(Code code, std::string_view what, std::string_view why) : code_(code) {
    message_.assign(what);
    if (!why.empty()) {
      if (!message_.empty()) message_ += ": ";
      message_.append(why);
    }
  }

  Code code_ = Code::kOk;
  std::string message_;
};

// A T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok() && "Result from an OK Status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& {
    assert(ok());
    return std::get<T>(v_);
  }
  T& value() & {
    assert(ok());
    return std::get<T>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(v_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace newsarc

// Early return on a failed Status expression.
#define NEWSARC_RETURN_IF_ERROR(expr)          \
  do {                                         \
    ::newsarc::Status _st = (expr);            \
    if (!_st.ok()) return _st;                 \
  } while (0)

#endif  // NEWSARC_BASE_STATUS_H_
