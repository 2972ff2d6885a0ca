#include "web/params.h"

#include <charconv>

#include "base/strings.h"

namespace newsarc::web {
namespace {
constexpr size_t kMaxValue = 4096;
}  // namespace

bool Params::Has(const std::string& name) const {
  for (const auto& [k, v] : params_) {
    if (k == name) return true;
  }
  return false;
}

std::vector<std::string> Params::All(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : params_) {
    if (k == name) out.push_back(v);
  }
  return out;
}

std::string Params::Str(const std::string& name, const std::string& def) {
  const std::string* last = nullptr;
  for (const auto& [k, v] : params_) {
    if (k == name) last = &v;
  }
  if (last == nullptr) return def;
  if (last->size() > kMaxValue) {
    Fail(name, "longer than " + std::to_string(kMaxValue) + " bytes");
    return def;
  }
  return *last;
}

std::string Params::Required(const std::string& name) {
  std::string v = Str(name);
  if (v.empty() && !error_) Fail(name, "required");
  return v;
}

int64_t Params::Int(const std::string& name, int64_t def, int64_t min, int64_t max) {
  if (!Has(name)) return def;
  const std::string text = Str(name);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    Fail(name, "expected an integer, got \"" + text + "\"");
    return def;
  }
  if (v < min || v > max) {
    Fail(name, std::to_string(v) + " is out of range (" + std::to_string(min) + " to " +
                   std::to_string(max) + ")");
    return def;
  }
  return v;
}

Micros Params::Time(const std::string& name) {
  const std::string text = Str(name);
  if (text.empty()) return 0;
  std::optional<Micros> t = ParseTimeArg(text);
  if (!t) {
    Fail(name, "expected a time such as 2024-05-01, 2024-05-01T12:00:00Z or 20240501, got \"" +
                   text + "\"");
    return 0;
  }
  return *t;
}

bool Params::Bool(const std::string& name, bool def) {
  if (!Has(name)) return def;
  const std::string v = AsciiLower(Str(name));
  if (v == "1" || v == "true" || v == "yes" || v == "on" || v.empty()) return true;
  if (v == "0" || v == "false" || v == "no" || v == "off") return false;
  Fail(name, "expected 1 or 0, got \"" + v + "\"");
  return def;
}

std::string Params::OneOf(const std::string& name, const std::string& def,
                          std::initializer_list<const char*> allowed) {
  const std::string v = Str(name, def);
  std::string list;
  for (const char* a : allowed) {
    if (v == a) return v;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  Fail(name, "expected one of " + list + ", got \"" + v + "\"");
  return def;
}

}  // namespace newsarc::web
