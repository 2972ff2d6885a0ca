// Helpers shared by the libFuzzer targets in tests/fuzz/.
//
// Targets that take two strings (a URL and a body, a Content-Type and bytes)
// read the first line of the input as the first string and the rest as the
// second, so seed files stay readable and easy to write by hand.
#ifndef NEWSARC_TESTS_FUZZ_FUZZ_INPUT_H_
#define NEWSARC_TESTS_FUZZ_FUZZ_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

namespace newsarc::fuzz {

inline std::string_view AsView(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

struct SplitInput {
  std::string_view first;  // up to the first '\n' (without it)
  std::string_view rest;   // after it; empty when there is no '\n'
};

inline SplitInput SplitFirstLine(std::string_view input) {
  size_t nl = input.find('\n');
  if (nl == std::string_view::npos) return {input, {}};
  return {input.substr(0, nl), input.substr(nl + 1)};
}

// An invariant the target checks: abort (a crash libFuzzer reports and
// minimises) rather than assert(), which NDEBUG builds would drop.
#define NEWSARC_FUZZ_CHECK(cond)                                       \
  do {                                                                 \
    if (!(cond)) {                                                     \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,      \
                   __LINE__, #cond);                                   \
      std::abort();                                                    \
    }                                                                  \
  } while (0)

}  // namespace newsarc::fuzz

#endif  // NEWSARC_TESTS_FUZZ_FUZZ_INPUT_H_
