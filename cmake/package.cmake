# The Debian package (scripts/package runs `cpack -G DEB`): the runtime and
# deb components of cmake/install.cmake, installed under /usr, as
# build/package/newsarc_<version>_amd64.deb. Depends is computed by
# dpkg-shlibdeps from the binary, plus adduser (postinst). Maintainer
# scripts: packaging/postinst, prerm, postrm.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME newsarc)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The newsarc authors")
set(CPACK_PACKAGE_CONTACT "newsarc maintainers <maintainers@users.noreply.r-seed-4ce936a2.example>")
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/package)
# Install into the staging tree with DESTDIR and PREFIX=/usr, so install
# scripts see the real prefix (zsh folder, the unit's ExecStart).
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_INSTALL_CMAKE_PROJECTS
    "${PROJECT_BINARY_DIR};newsarc;runtime;/"
    "${PROJECT_BINARY_DIR};newsarc;deb;/")
set(CPACK_STRIP_FILES OFF)  # install_binary.cmake strips

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # newsarc_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${CPACK_PACKAGE_CONTACT})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/postinst
    ${PROJECT_SOURCE_DIR}/packaging/prerm
    ${PROJECT_SOURCE_DIR}/packaging/postrm)
# The synopsis, then the extended description.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "polite archival news crawler with a SQLite WARC archive")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "newsarc crawls news sites politely (robots.txt, per-host delays, learned
rate limits), extracts clean articles with their metadata, keeps every
capture in one SQLite file modelled on WARC 1.1, exports standard WARC and
clean corpora (JSONL, CSV, WACZ, ...), and audits how archived articles
changed, with a tamper-evident hash chain.
.
The newsarc@.service unit runs scheduled re-crawls of an archive in
/var/lib/newsarc as the system user newsarc.")
include(CPack)
