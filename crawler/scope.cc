#include "crawler/scope.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "base/strings.h"
#include "crawler/crawler.h"

namespace newsarc::crawler {

namespace {
std::string_view StripWww(std::string_view host) {
  if (host.substr(0, 4) == "www.") host.remove_prefix(4);
  return host;
}
}  // namespace

Result<ScopeRules> ScopeRules::Make(Scope scope, const std::vector<Url>& seeds,
                                    const std::vector<std::string>& include,
                                    const std::vector<std::string>& exclude) {
  ScopeRules r;
  r.scope_ = scope;
  for (const Url& s : seeds) {
    std::string h = scope == Scope::kDomain ? std::string(StripWww(s.host())) : s.host();
    if (!h.empty()) r.hosts_.push_back(h);
  }
  auto compile = [](const std::vector<std::string>& in, std::vector<std::regex>* out,
                    const char* flag) -> Status {
    for (const auto& pattern : in) {
      try {
        out->emplace_back(pattern, std::regex::ECMAScript | std::regex::optimize);
      } catch (const std::regex_error& e) {
        return Status::InvalidArgument(std::string(flag) + " \"" + pattern + "\"", e.what());
      }
    }
    return Status();
  };
  NEWSARC_RETURN_IF_ERROR(compile(include, &r.include_, "--include"));
  NEWSARC_RETURN_IF_ERROR(compile(exclude, &r.exclude_, "--exclude"));
  return r;
}

bool ScopeRules::HostInScope(std::string_view host) const {
  switch (scope_) {
    case Scope::kAny:
      return true;
    case Scope::kHost:
      for (const auto& h : hosts_) {
        if (h == host) return true;
      }
      return false;
    case Scope::kDomain: {
      std::string_view bare = StripWww(host);
      for (const auto& h : hosts_) {
        if (bare == h) return true;
        if (bare.size() > h.size() && bare.substr(bare.size() - h.size()) == h &&
            bare[bare.size() - h.size() - 1] == '.') {
          return true;
        }
      }
      return false;
    }
  }
  return false;
}

bool ScopeRules::RequisiteInScope(const Url& url) const {
  if (url.scheme() != "http" && url.scheme() != "https") return false;
  return !Excluded(url.spec());
}

bool ScopeRules::Excluded(const std::string& spec) const {
  for (const auto& re : exclude_) {
    if (std::regex_search(spec, re)) return true;
  }
  return false;
}

bool ScopeRules::InScope(const Url& url) const {
  if (url.scheme() != "http" && url.scheme() != "https") return false;
  if (!HostInScope(url.host())) return false;
  const std::string& spec = url.spec();
  if (!include_.empty()) {
    bool any = false;
    for (const auto& re : include_) {
      if (std::regex_search(spec, re)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return !Excluded(spec);
}

std::string HostKey(const Url& url) {
  return url.port().empty() ? url.host() : url.host() + ":" + url.port();
}

}  // namespace newsarc::crawler

namespace newsarc::crawler {

namespace {

bool IsTokenChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$&-^_.+").find(c) != std::string_view::npos;
}

}  // namespace

Result<std::string> CheckMediaRange(std::string_view range) {
  std::string r = AsciiLower(TrimAscii(range));
  size_t slash = r.find('/');
  bool ok = slash != std::string::npos && slash > 0 && slash + 1 < r.size();
  if (ok) {
    std::string_view type = std::string_view(r).substr(0, slash);
    std::string_view sub = std::string_view(r).substr(slash + 1);
    bool any_type = type == "*", any_sub = sub == "*";
    ok = (!any_type || any_sub) &&
         (any_type || std::all_of(type.begin(), type.end(), IsTokenChar)) &&
         (any_sub || std::all_of(sub.begin(), sub.end(), IsTokenChar));
  }
  if (!ok) {
    return Status::InvalidArgument("--content-type " + std::string(range),
                                   "expected a media type such as text/html or image/*");
  }
  return r;
}

bool ContentTypeAccepted(std::string_view content_type, const std::vector<std::string>& accepted) {
  if (accepted.empty()) return true;
  std::string type = AsciiLower(TrimAscii(content_type.substr(0, content_type.find(';'))));
  for (const std::string& range : accepted) {
    if (range == "*/*") return true;
    if (type.empty()) continue;
    if (range == type) return true;
    if (range.size() > 2 && range.compare(range.size() - 2, 2, "/*") == 0 &&
        type.compare(0, range.size() - 1, range, 0, range.size() - 1) == 0) {
      return true;
    }
  }
  return false;
}

std::string MediaTypeFromExtension(const Url& url) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {"jpg", "image/jpeg"},   {"jpeg", "image/jpeg"},    {"png", "image/png"},
      {"gif", "image/gif"},    {"webp", "image/webp"},    {"avif", "image/avif"},
      {"svg", "image/svg+xml"}, {"ico", "image/x-icon"},  {"bmp", "image/bmp"},
      {"pdf", "application/pdf"}, {"zip", "application/zip"}, {"gz", "application/gzip"},
      {"doc", "application/msword"}, {"xls", "application/vnd.ms-excel"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"mp3", "audio/mpeg"},   {"m4a", "audio/mp4"},      {"ogg", "audio/ogg"},
      {"mp4", "video/mp4"},    {"webm", "video/webm"},    {"mov", "video/quicktime"},
      {"css", "text/css"},     {"js", "text/javascript"}, {"woff", "font/woff"},
      {"woff2", "font/woff2"}, {"ttf", "font/ttf"},
  };
  std::string_view path = url.path_query();
  path = path.substr(0, path.find('?'));
  size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return "";
  std::string ext = AsciiLower(name.substr(dot + 1));
  for (const auto& [e, type] : kTypes) {
    if (ext == e) return std::string(type);
  }
  return "";
}

}  // namespace newsarc::crawler
