#include "web/cdx.h"

#include <nlohmann/json.hpp>
#include <regex>
#include <vector>

#include "base/strings.h"
#include "base/time.h"

namespace newsarc::web {
namespace {

using Json = nlohmann::ordered_json;
using storage::Capture;
using storage::KeyRange;

// The fields a CDX line has, pywb's names.
const std::vector<std::string>& Fields() {
  static const std::vector<std::string> kFields = {"urlkey", "timestamp", "url", "mime",
                                                   "status", "digest", "record_id"};
  return kFields;
}

std::string FieldOf(const Capture& c, const std::string& f) {
  if (f == "urlkey") return c.surt;
  if (f == "timestamp") return Format14(c.date);
  if (f == "url") return c.uri;
  if (f == "mime") return c.type == "revisit" ? "warc/revisit" : c.mime;
  if (f == "status") return c.status == 0 ? "-" : std::to_string(c.status);
  if (f == "digest") {
    // pywb's digest: the value without its "sha1:" label.
    return c.payload_digest.rfind("sha1:", 0) == 0 ? c.payload_digest.substr(5) : c.payload_digest;
  }
  if (f == "record_id") return c.record_id;
  return "";
}

struct Filter {
  bool negate = false;
  enum class Kind { kRegex, kExact, kContains } kind = Kind::kRegex;
  std::string field;
  std::string value;
  std::regex re;
  bool Accepts(const Capture& c) const {
    const std::string v = FieldOf(c, field);
    bool hit = false;
    switch (kind) {
      case Kind::kExact: hit = v == value; break;
      case Kind::kContains: hit = v.find(value) != std::string::npos; break;
      case Kind::kRegex: hit = std::regex_search(v, re); break;
    }
    return hit != negate;
  }
};

// A 1-14 digit timestamp, padded as pywb pads it: `from` with its earliest
// moment, `to` with its latest (pywb takes `to` inclusively: "2024" is the
// whole year).
std::optional<Micros> Bound(const std::string& digits, bool upper) {
  if (digits.empty() || digits.size() > 14 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  static const std::string kEarliest = "00000101000000", kLatest = "99991231235959";
  if (digits.size() > 4 && digits.size() < 14 && digits.size() % 2 == 1) return std::nullopt;
  const std::string& fill = upper ? kLatest : kEarliest;
  std::string padded = digits + fill.substr(digits.size());
  if (upper && digits.size() < 8) {
    // The padded day is 31: a shorter month's last day instead.
    const int year = std::stoi(padded.substr(0, 4));
    const int month = std::stoi(padded.substr(4, 2));
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int days = month >= 1 && month <= 12 ? kDays[month - 1] : 31;
    if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) days = 29;
    padded.replace(6, 2, std::to_string(days));
  }
  std::optional<Micros> t = Parse14(padded);
  if (!t) return std::nullopt;
  return upper ? *t + 999999 : *t;
}

// The SURT key range for `url` under `match_type`.
std::optional<KeyRange> RangeFor(const std::string& url, const std::string& match_type) {
  const std::string key = storage::SurtKey(url);
  if (key.empty()) return std::nullopt;
  if (match_type == "exact") return KeyRange::Exactly(key);
  const size_t paren = key.find(')');
  if (match_type == "prefix") {
    // "example.com/a/*" style: everything under the URL's key (a trailing
    // slash of the URL keeps the prefix to the directory).
    return KeyRange::Prefix(key);
  }
  if (paren == std::string::npos) return std::nullopt;
  if (match_type == "host") return KeyRange::Prefix(key.substr(0, paren + 1));
  // domain: the host and its subdomains ("com,example)" and "com,example,").
  return KeyRange{key.substr(0, paren), key.substr(0, paren) + "-"};
}

std::string LinkDate(Micros t) { return FormatHttpDate(t); }

}  // namespace

Reply CdxQuery(Context& ctx, Params& p) {
  const std::string url = p.Required("url");
  const std::string match_type = p.OneOf("matchType", "exact", {"exact", "prefix", "host", "domain"});
  const std::string output = p.OneOf("output", "cdxj", {"cdxj", "json", "text"});
  const std::string from_s = p.Str("from"), to_s = p.Str("to");
  const int64_t limit = p.Int("limit", 10000, 1, 100000);
  const bool reverse = p.OneOf("sort", "default", {"default", "reverse"}) == "reverse";
  std::vector<std::string> fl;
  for (std::string_view f : Split(p.Str("fl"), ',')) {
    std::string name(TrimAscii(f));
    if (name.empty()) continue;
    if (std::find(Fields().begin(), Fields().end(), name) == Fields().end()) {
      return BadParameter("fl", "unknown field \"" + name + "\"");
    }
    fl.push_back(name);
  }
  if (p.error()) return *p.error();
  Micros from = 0, to = 0;
  if (!from_s.empty()) {
    auto t = Bound(from_s, false);
    if (!t) return BadParameter("from", "expected a 1 to 14 digit timestamp, got \"" + from_s + "\"");
    from = *t;
  }
  if (!to_s.empty()) {
    auto t = Bound(to_s, true);
    if (!t) return BadParameter("to", "expected a 1 to 14 digit timestamp, got \"" + to_s + "\"");
    to = *t + 1;
  }
  std::vector<Filter> filters;
  for (const std::string& spec : p.All("filter")) {
    Filter f;
    std::string s = spec;
    if (!s.empty() && s[0] == '!') {
      f.negate = true;
      s.erase(0, 1);
    }
    if (!s.empty() && s[0] == '=') {
      f.kind = Filter::Kind::kExact;
      s.erase(0, 1);
    } else if (!s.empty() && s[0] == '~') {
      f.kind = Filter::Kind::kContains;
      s.erase(0, 1);
    }
    const size_t colon = s.find(':');
    if (colon == std::string::npos) {
      return BadParameter("filter", "expected [!][=|~]field:value, got \"" + spec + "\"");
    }
    f.field = s.substr(0, colon);
    f.value = s.substr(colon + 1);
    if (std::find(Fields().begin(), Fields().end(), f.field) == Fields().end()) {
      return BadParameter("filter", "unknown field \"" + f.field + "\" in \"" + spec + "\"");
    }
    if (f.kind == Filter::Kind::kRegex) {
      try {
        f.re = std::regex(f.value, std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        return BadParameter("filter", "bad regular expression \"" + f.value + "\": " + e.what());
      }
    }
    filters.push_back(std::move(f));
  }
  std::string collapse_field;
  size_t collapse_len = std::string::npos;
  if (const std::string c = p.Str("collapse"); !c.empty()) {
    const size_t colon = c.find(':');
    collapse_field = c.substr(0, colon);
    if (std::find(Fields().begin(), Fields().end(), collapse_field) == Fields().end()) {
      return BadParameter("collapse", "unknown field \"" + collapse_field + "\"");
    }
    if (colon != std::string::npos) {
      const std::string n = c.substr(colon + 1);
      if (n.empty() || n.size() > 6 || n.find_first_not_of("0123456789") != std::string::npos) {
        return BadParameter("collapse", "expected field or field:N, got \"" + c + "\"");
      }
      collapse_len = static_cast<size_t>(std::stoul(n));
    }
  }
  std::optional<KeyRange> keys = RangeFor(url, match_type);
  if (!keys) return BadParameter("url", "not a URL this archive can index: \"" + url + "\"");
  auto archive = ctx.Archive();
  if (!archive.ok()) return ErrorReply(archive.status());

  std::vector<Capture> rows;
  std::string last_collapse;
  bool have_last = false;
  Status s = (*archive)->ForEachCapture(*keys, from, to, [&](const Capture& c) {
    for (const Filter& f : filters) {
      if (!f.Accepts(c)) return true;
    }
    if (!collapse_field.empty()) {
      std::string v = FieldOf(c, collapse_field).substr(0, collapse_len);
      if (have_last && v == last_collapse) return true;
      last_collapse = std::move(v);
      have_last = true;
    }
    rows.push_back(c);
    // Reverse order needs every row; otherwise stop at the limit.
    return reverse || static_cast<int64_t>(rows.size()) < limit;
  });
  if (!s.ok()) return ErrorReply(s);
  if (reverse) {
    std::reverse(rows.begin(), rows.end());
    if (static_cast<int64_t>(rows.size()) > limit) rows.resize(static_cast<size_t>(limit));
  }
  const std::vector<std::string>& fields = fl.empty() ? Fields() : fl;
  Reply r;
  r.content_type = output == "json" ? "application/x-ndjson; charset=utf-8" : "text/plain; charset=utf-8";
  for (const Capture& c : rows) {
    if (output == "json") {
      Json j;
      for (const std::string& f : fields) j[f] = FieldOf(c, f);
      r.body += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    } else if (output == "text") {
      std::string line;
      for (const std::string& f : fields) line += (line.empty() ? "" : " ") + FieldOf(c, f);
      r.body += line + "\n";
    } else {
      Json j;
      for (const std::string& f : fields) {
        if (f != "urlkey" && f != "timestamp") j[f] = FieldOf(c, f);
      }
      r.body += c.surt + " " + Format14(c.date) + " " +
                j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
  }
  return r;
}

Reply TimeMap(Context& ctx, const std::string& url) {
  auto archive = ctx.Archive();
  if (!archive.ok()) return ErrorReply(archive.status());
  auto captures = (*archive)->History(url);
  if (!captures.ok()) return ErrorReply(captures.status());
  if (captures->empty()) {
    return ErrorReply(Status::NotFound("timemap " + url, "no capture of it in the archive"));
  }
  Reply r;
  r.content_type = "application/link-format";
  r.body = "<" + url + ">; rel=\"original\",\n<" + ctx.ui_origin + "/timegate/" + url +
           ">; rel=\"timegate\",\n<" + ctx.ui_origin + "/timemap/link/" + url +
           ">; rel=\"self\"; type=\"application/link-format\"; from=\"" +
           LinkDate(captures->front().date) + "\"; until=\"" + LinkDate(captures->back().date) +
           "\"";
  for (size_t i = 0; i < captures->size(); ++i) {
    const Capture& c = (*captures)[i];
    std::string rel = "memento";
    if (i == 0) rel = "first " + rel;
    if (i + 1 == captures->size()) rel = (i == 0 ? "first last " : "last ") + std::string("memento");
    r.body += ",\n<" + ctx.replay_origin + "/" + Format14(c.date) + "/" + c.uri + ">; rel=\"" +
              rel + "\"; datetime=\"" + LinkDate(c.date) + "\"";
  }
  r.body += "\n";
  return r;
}

Reply TimeGate(Context& ctx, const std::string& url, const std::string& accept_datetime) {
  auto archive = ctx.Archive();
  if (!archive.ok()) return ErrorReply(archive.status());
  Micros want = NowMicros();
  if (!accept_datetime.empty()) {
    std::optional<Micros> t = ParseHttpDate(accept_datetime);
    if (!t) {
      Reply bad = BadParameter("Accept-Datetime", "expected an HTTP date, got \"" +
                                                      accept_datetime + "\"");
      return bad;
    }
    want = *t;
  }
  auto nearest = (*archive)->Nearest(url, want);
  if (!nearest.ok()) return ErrorReply(nearest.status());
  if (!nearest->has_value()) {
    return ErrorReply(Status::NotFound("timegate " + url, "no capture of it in the archive"));
  }
  const Capture& c = **nearest;
  Reply r;
  r.status = 302;
  r.content_type = "text/plain; charset=utf-8";
  const std::string memento = ctx.replay_origin + "/" + Format14(c.date) + "/" + c.uri;
  r.headers = {{"Location", memento},
               {"Vary", "accept-datetime"},
               {"Link", "<" + url + ">; rel=\"original\", <" + ctx.ui_origin + "/timemap/link/" +
                            url + ">; rel=\"timemap\"; type=\"application/link-format\""}};
  r.body = memento + "\n";
  return r;
}

}  // namespace newsarc::web
