# package.cmake: `cpack -G DEB` in the build folder makes presskit_VERSION_ARCH.deb, the install
# of install.cmake under /usr, which `apt-get install ./presskit_*.deb` installs with what it
# needs: the shared libraries it links (found by dpkg-shlibdeps, from dpkg-dev) and the data
# it reads at run time (the DejaVu fonts, the US English hyphenation patterns).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME presskit)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "presskit")
set(CPACK_PACKAGE_CONTACT "presskit maintainers <presskit@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "press kits for journalists from public US occupation data")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "presskit turns public US occupation data (O*NET, BLS wages and projections, AI-exposure\n\
studies) into press kits a journalist can publish from: a PDF brief, a factoid kit in which\n\
every figure names its source, citations (Plain, APA, BibTeX, RIS, CSL-JSON), a\n\
source-stamped Markdown brief, charts and every figure as data. Includes libpresskit\n\
(shared and static), its header and pkg-config file.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core, hyphen-en-us")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/presskit/presskit")
set(CPACK_STRIP_FILES ON) # a package has no debug information (RelWithDebInfo builds do)
include(CPack)
