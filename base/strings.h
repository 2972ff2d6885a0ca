// Small ASCII string helpers shared by every module.
#ifndef NEWSARC_BASE_STRINGS_H_
#define NEWSARC_BASE_STRINGS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsarc {

std::string_view TrimAscii(std::string_view s);
std::string AsciiLower(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
// Splits on `sep`; keeps empty pieces.
std::vector<std::string_view> Split(std::string_view s, char sep);
// Appends code point `cp` as UTF-8; 0, surrogates and values beyond
// U+10FFFF become U+FFFD, as the HTML and CSS tokenizers read them.
void AppendUtf8(uint32_t cp, std::string* out);
// Human-readable byte count: "1.5 MB".
std::string HumanBytes(double bytes);

}  // namespace newsarc

#endif  // NEWSARC_BASE_STRINGS_H_
