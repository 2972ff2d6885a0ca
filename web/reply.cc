#include "web/reply.h"

#include <nlohmann/json.hpp>

namespace newsarc::web {

Reply JsonReply(std::string json) {
  Reply r;
  r.body = std::move(json);
  return r;
}

Reply BadParameter(const std::string& name, const std::string& why) {
  Reply r;
  r.status = 400;
  nlohmann::ordered_json j = {{"error", "parameter " + name + ": " + why}, {"parameter", name}};
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  return r;
}

Reply ErrorReply(const Status& status) {
  Reply r;
  switch (status.code()) {
    case Status::Code::kNotFound: r.status = 404; break;
    case Status::Code::kInvalidArgument: r.status = 400; break;
    case Status::Code::kUnsupported: r.status = 503; break;
    default: r.status = 500; break;
  }
  nlohmann::ordered_json j = {{"error", status.message()}};
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  return r;
}

}  // namespace newsarc::web
