// Snippet: a short, printable, quoted rendering of untrusted bytes for the
// error messages of the WARC and ARC readers.
#ifndef NEWSARC_STORAGE_WARC_SNIPPET_H_
#define NEWSARC_STORAGE_WARC_SNIPPET_H_

#include <string>
#include <string_view>

namespace newsarc::storage {

inline std::string Snippet(std::string_view s, size_t max = 40) {
  std::string out;
  for (size_t i = 0; i < s.size() && i < max; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  if (s.size() > max) out += "...";
  return "\"" + out + "\"";
}

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_WARC_SNIPPET_H_
