// What a handler answers, independent of the HTTP library: status, type,
// body (or a file to send with ranges), extra headers. Errors are JSON:
// {"error": "...", "parameter": "..."} (the parameter only for a 400 about
// one).
#ifndef NEWSARC_WEB_REPLY_H_
#define NEWSARC_WEB_REPLY_H_

#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace newsarc::web {

inline constexpr const char* kJsonType = "application/json; charset=utf-8";

struct Reply {
  int status = 200;
  std::string content_type = kJsonType;
  std::string body;
  std::string file;  // when set, the body is this file's bytes (HTTP ranges served)
  std::vector<std::pair<std::string, std::string>> headers;
};

Reply JsonReply(std::string json);
// 400 naming the parameter.
Reply BadParameter(const std::string& name, const std::string& why);
// NotFound 404, InvalidArgument 400, Unsupported 503 (e.g. the index is
// being built), anything else 500.
Reply ErrorReply(const Status& status);

}  // namespace newsarc::web

#endif  // NEWSARC_WEB_REPLY_H_
