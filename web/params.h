// Query parameters, checked. Every getter either returns a value or records
// the first bad parameter as a 400 reply naming it (error()); handlers check
// error() once after reading what they need.
#ifndef NEWSARC_WEB_PARAMS_H_
#define NEWSARC_WEB_PARAMS_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/time.h"
#include "web/reply.h"

namespace newsarc::web {

class Params {
 public:
  using List = std::vector<std::pair<std::string, std::string>>;
  explicit Params(List params) : params_(std::move(params)) {}

  bool Has(const std::string& name) const;
  // The last value given, or `def`. Values longer than 4 KiB are refused.
  std::string Str(const std::string& name, const std::string& def = "");
  std::string Required(const std::string& name);
  int64_t Int(const std::string& name, int64_t def, int64_t min, int64_t max);
  // A time as users write it (base/time.h ParseTimeArg); 0 when absent.
  Micros Time(const std::string& name);
  // 1/0, true/false, yes/no, on/off.
  bool Bool(const std::string& name, bool def);
  std::string OneOf(const std::string& name, const std::string& def,
                    std::initializer_list<const char*> allowed);
  // Every value of a repeated parameter.
  std::vector<std::string> All(const std::string& name) const;

  const std::optional<Reply>& error() const { return error_; }

 private:
  void Fail(const std::string& name, const std::string& why) {
    if (!error_) error_ = BadParameter(name, why);
  }

  List params_;
  std::optional<Reply> error_;
};

}  // namespace newsarc::web

#endif  // NEWSARC_WEB_PARAMS_H_
