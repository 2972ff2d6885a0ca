// SURT keys (Sort-friendly URI Reordering Transform), per the rules of the
// Internet Archive's `surt` library as pywb and CDXJ indexes use them:
//   "http://www.Example.com:80/Path?b=2&a=1#frag" -> "com,example)/path?a=1&b=2"
// Scheme and "www." dropped, host reversed with commas, default port dropped,
// path and query lower-cased, query arguments sorted, fragment dropped.
#ifndef NEWSARC_STORAGE_WARC_SURT_H_
#define NEWSARC_STORAGE_WARC_SURT_H_

#include <string>
#include <string_view>

namespace newsarc::storage {

// Never fails. Follows jwarc's URIs.toNormalizedSurt, which matches Python
// surt including its quirks: "filedesc..." is returned unchanged, scheme-only
// URIs keep their scheme ("dns:example.com"), session ids are dropped.
std::string SurtKey(std::string_view url);

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_WARC_SURT_H_
