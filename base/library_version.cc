#include "base/library_version.h"

#include <curl/curl.h>
#include <openssl/crypto.h>

namespace newsarc {

std::vector<LibraryVersion> LibraryVersions() {
  std::vector<LibraryVersion> v;
  const curl_version_info_data* curl = curl_version_info(CURLVERSION_NOW);
  std::string features;
  if (curl->ssl_version != nullptr) features = curl->ssl_version;
  if (curl->libz_version != nullptr) features += std::string(" zlib/") + curl->libz_version;
  if (curl->features & CURL_VERSION_HTTP2) features += " HTTP2";
  v.push_back({"libcurl", curl->version, features});
  // "OpenSSL 3.0.15 3 Sep 2024": keep the number only.
  std::string ssl = OpenSSL_version(OPENSSL_VERSION);
  if (ssl.rfind("OpenSSL ", 0) == 0) ssl = ssl.substr(8);
  if (size_t space = ssl.find(' '); space != std::string::npos) ssl.resize(space);
  v.push_back({"OpenSSL", ssl, "digests"});
  return v;
}

}  // namespace newsarc
