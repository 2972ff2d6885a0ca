# Install rules: `cmake --install build [--prefix /usr/local]`, and what the
# Debian package holds (cmake/package.cmake). Components:
#
#   runtime  the stripped binary, man pages, bash and zsh completion, the
#            service unit, seed lists, docs, NOTICE
#   debug    the binary's debug info, split off (lib/debug/.build-id/..),
#            for gdb; not in the .deb (scripts/package keeps it beside it)
#   license  LICENSE; the .deb carries the Debian copyright file instead
#   deb      copyright, changelog.gz and lintian overrides, only in the
#            .deb (EXCLUDE_FROM_ALL)
#
# PREFIX below is the install prefix (/usr/local by default, /usr in the
# .deb). Paths that depend on it are decided when installing, since
# `cmake --install --prefix` may change it after the build.
include(GNUInstallDirs)
set(_share ${PROJECT_BINARY_DIR}/share)

# The binary, stripped, with a .gnu_debuglink to its debug file
# (cmake/install_binary.cmake).
install(TARGETS newsarc RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
set(_binary_vars "
  set(NEWSARC_BUILT \"$<TARGET_FILE:newsarc>\")
  set(NEWSARC_BINDIR \"${CMAKE_INSTALL_BINDIR}\")
  set(NEWSARC_OBJCOPY \"${CMAKE_OBJCOPY}\")
  set(NEWSARC_READELF \"${CMAKE_READELF}\")
  set(NEWSARC_DEBUG_CACHE \"${PROJECT_BINARY_DIR}/debug\")")
install(CODE "${_binary_vars}
  set(NEWSARC_STEP strip)
  include(\"${PROJECT_SOURCE_DIR}/cmake/install_binary.cmake\")" COMPONENT runtime)
install(CODE "${_binary_vars}
  set(NEWSARC_STEP debug)
  include(\"${PROJECT_SOURCE_DIR}/cmake/install_binary.cmake\")" COMPONENT debug)

# Generated from the binary's command table at build time (cli/CMakeLists.txt).
install(DIRECTORY ${_share}/man/gz/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
        COMPONENT runtime FILES_MATCHING PATTERN "*.1.gz")
install(FILES ${_share}/completion/newsarc
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT runtime)
# zsh: Debian's zsh reads /usr/share/zsh/vendor-completions for packages and
# /usr/local/share/zsh/site-functions for local installs.
install(CODE "
  if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
    set(_zsh_dir \"\${CMAKE_INSTALL_PREFIX}/share/zsh/vendor-completions\")
  else()
    set(_zsh_dir \"\${CMAKE_INSTALL_PREFIX}/share/zsh/site-functions\")
  endif()
  file(INSTALL DESTINATION \"\${_zsh_dir}\" TYPE FILE FILES \"${_share}/completion/_newsarc\")"
  COMPONENT runtime)

# The service unit, its ExecStart naming the installed binary. systemd reads
# PREFIX/lib/systemd/system for /usr and /usr/local.
install(CODE "
  file(READ \"${PROJECT_SOURCE_DIR}/packaging/newsarc@.service.in\" _unit)
  string(REPLACE \"@NEWSARC_BINARY@\" \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/newsarc\"
         _unit \"\${_unit}\")
  file(WRITE \"${PROJECT_BINARY_DIR}/packaging/newsarc@.service\" \"\${_unit}\")
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/lib/systemd/system\" TYPE FILE
       FILES \"${PROJECT_BINARY_DIR}/packaging/newsarc@.service\")"
  COMPONENT runtime)

file(GLOB _seeds CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/seeds/*.txt)
install(FILES ${_seeds} DESTINATION ${CMAKE_INSTALL_DATADIR}/newsarc/seeds COMPONENT runtime)
install(FILES README.md NOTICE docs/design.md docs/corpus.md storage/FORMAT.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT license)

# Only in the Debian package: the machine-readable copyright file and the
# changelog, compressed as Debian wants (build/share/deb/, made at build time).
add_custom_command(
  OUTPUT ${_share}/deb/changelog.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${_share}/deb/in
  COMMAND ${CMAKE_COMMAND} -E copy ${PROJECT_SOURCE_DIR}/packaging/changelog ${_share}/deb/in/changelog
  COMMAND ${CMAKE_COMMAND} -DGZIP=${NEWSARC_GZIP} -DIN=${_share}/deb/in -DOUT=${_share}/deb/gz
          -P ${PROJECT_SOURCE_DIR}/cmake/gzip_dir.cmake
  COMMAND ${CMAKE_COMMAND} -E copy ${_share}/deb/gz/changelog.gz ${_share}/deb/changelog.gz
  DEPENDS ${PROJECT_SOURCE_DIR}/packaging/changelog
  VERBATIM)
add_custom_target(newsarc_deb_docs ALL DEPENDS ${_share}/deb/changelog.gz)
install(FILES packaging/copyright ${_share}/deb/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT deb EXCLUDE_FROM_ALL)
install(FILES packaging/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        RENAME newsarc COMPONENT deb EXCLUDE_FROM_ALL)
