# NEWSARC_SANITIZE: AddressSanitizer (with LeakSanitizer, on by default on
# x86-64 Linux) and UndefinedBehaviorSanitizer for every target. Any report
# aborts the process (-fno-sanitize-recover=all) so a test cannot pass with a
# finding in its log.
#
# NEWSARC_FUZZ: the same sanitizers plus libFuzzer's coverage
# instrumentation for every library; tests/fuzz links libFuzzer's main()
# into the fuzz targets only.
set(NEWSARC_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer)

if(NEWSARC_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "NEWSARC_FUZZ needs clang (libFuzzer): "
                        "configure with CC=clang-14 CXX=clang++-14")
  endif()
  add_compile_options(${NEWSARC_SANITIZER_FLAGS} -fsanitize=fuzzer-no-link)
  add_link_options(-fsanitize=address,undefined)
elseif(NEWSARC_SANITIZE)
  add_compile_options(${NEWSARC_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined)
endif()
