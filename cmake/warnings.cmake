# One INTERFACE target with the warning flags, linked PRIVATE by every module
# so the flags never leak into consumers (unlike a PUBLIC -Werror).
add_library(newsarc_warnings INTERFACE)
target_compile_options(newsarc_warnings INTERFACE
  -Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wpedantic -Wimplicit-fallthrough
  $<$<BOOL:${NEWSARC_WERROR}>:-Werror>)
