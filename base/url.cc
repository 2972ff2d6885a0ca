#include "base/url.h"

#include <curl/curl.h>

#include "base/chandle.h"

namespace newsarc {
namespace {

using CurlUrl = CHandle<CURLU, curl_url_cleanup>;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

std::string Get(CURLU* h, CURLUPart part, unsigned flags = 0) {
  char* out = nullptr;
  if (curl_url_get(h, part, &out, flags) != CURLUE_OK || out == nullptr) {
    return {};
  }
  std::string s(out);
  curl_free(out);
  return s;
}

Result<Url> FromHandle(CURLU* h, std::string_view input);

}  // namespace

// Fills a Url from a parsed CURLU. Defined as a friend-free helper through
// Url's public interface being read-only: we build via Parse on the spec.
namespace {
Result<Url> FromHandle(CURLU* h, std::string_view input) {
  std::string spec = Get(h, CURLUPART_URL);
  if (spec.empty()) {
    return Status::InvalidArgument("URL \"" + std::string(input) + "\"",
                                   "cannot be normalised");
  }
  return Url::Parse(spec);
}
}  // namespace

Result<Url> Url::Parse(std::string_view text) {
  std::string input(Trim(text));
  CurlUrl h(curl_url());
  if (!h) return Status::Io("curl_url", "out of memory");
  // Allow characters browsers accept in the wild (spaces, non-ASCII) by
  // letting curl URL-encode them.
  CURLUcode rc = curl_url_set(h.get(), CURLUPART_URL, input.c_str(),
                              CURLU_URLENCODE | CURLU_NON_SUPPORT_SCHEME);
  if (rc != CURLUE_OK) {
    return Status::InvalidArgument("URL \"" + input + "\"",
                                   curl_url_strerror(rc));
  }
  Url u;
  u.scheme_ = Get(h.get(), CURLUPART_SCHEME);
  u.host_ = Get(h.get(), CURLUPART_HOST);
  for (char& c : u.host_) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  // Writing the lower-cased host back makes the spec canonical as well.
  curl_url_set(h.get(), CURLUPART_HOST, u.host_.c_str(), 0);
  u.port_ = Get(h.get(), CURLUPART_PORT, CURLU_NO_DEFAULT_PORT);
  std::string path = Get(h.get(), CURLUPART_PATH);
  if (path.empty()) path = "/";
  std::string query = Get(h.get(), CURLUPART_QUERY);
  u.path_query_ = query.empty() ? path : path + "?" + query;
  u.fragment_ = Get(h.get(), CURLUPART_FRAGMENT);
  u.spec_ = Get(h.get(), CURLUPART_URL, CURLU_NO_DEFAULT_PORT);
  if (u.spec_.empty() || u.scheme_.empty()) {
    return Status::InvalidArgument("URL \"" + input + "\"", "not absolute");
  }
  return u;
}

Result<Url> Url::Resolve(std::string_view ref) const {
  std::string r(Trim(ref));
  CurlUrl h(curl_url());
  if (!h) return Status::Io("curl_url", "out of memory");
  if (curl_url_set(h.get(), CURLUPART_URL, spec_.c_str(),
                   CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    return Status::InvalidArgument("base URL \"" + spec_ + "\"", "invalid");
  }
  CURLUcode rc = curl_url_set(h.get(), CURLUPART_URL, r.c_str(),
                              CURLU_URLENCODE | CURLU_NON_SUPPORT_SCHEME);
  if (rc != CURLUE_OK) {
    return Status::InvalidArgument("URL \"" + r + "\"", curl_url_strerror(rc));
  }
  return FromHandle(h.get(), r);
}

Url Url::WithoutFragment() const {
  if (fragment_.empty()) return *this;
  Url u = *this;
  size_t hash = u.spec_.find('#');
  if (hash != std::string::npos) u.spec_.resize(hash);
  u.fragment_.clear();
  return u;
}

std::string PercentEncodeComponent(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (unsigned char c : value) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                            c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace newsarc
