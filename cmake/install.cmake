# install.cmake: what `cmake --install build --prefix P` (or DESTDIR=... cmake --install) puts
# where, with GNUInstallDirs: P/bin/presskit; libpresskit.so.0 (and .so, .a) with its header
# include/presskit/presskit.h and pkgconfig/presskit.pc; share/man/man1/presskit.1; the built-in
# templates and the 2024 pack manifest under share/presskit/; the docs under share/doc/presskit/.
# The binary reads none of the share/ files: the templates and the sample are built into it, and
# fonts come from fontconfig; they are there to copy and to give with --data.
install(TARGETS presskit RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS presskit_shared
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_SKIP)
install(TARGETS presskit_shared
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_ONLY)
install(TARGETS presskit_static ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${PROJECT_SOURCE_DIR}/include/presskit/presskit.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/presskit)
install(FILES ${PROJECT_SOURCE_DIR}/docs/presskit.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES
  ${PROJECT_SOURCE_DIR}/layouts/templates/default.json
  ${PROJECT_SOURCE_DIR}/layouts/templates/newsroom-a4.json
  ${PROJECT_SOURCE_DIR}/layouts/templates/factsheet.json
  ${PROJECT_SOURCE_DIR}/layouts/templates/tribune-logo.png
  DESTINATION ${CMAKE_INSTALL_DATADIR}/presskit/templates)
install(FILES ${PROJECT_SOURCE_DIR}/data/packs/us-2024.json
  DESTINATION ${CMAKE_INSTALL_DATADIR}/presskit/packs)
install(FILES ${PROJECT_SOURCE_DIR}/README.md
  ${PROJECT_SOURCE_DIR}/docs/record.md ${PROJECT_SOURCE_DIR}/docs/packs.md
  ${PROJECT_SOURCE_DIR}/docs/kit.md ${PROJECT_SOURCE_DIR}/docs/templates.md
  ${PROJECT_SOURCE_DIR}/docs/methodology.md ${PROJECT_SOURCE_DIR}/docs/scale-out.md
  ${PROJECT_SOURCE_DIR}/docs/reliability.md ${PROJECT_SOURCE_DIR}/docs/performance.md
  ${PROJECT_SOURCE_DIR}/docs/library.md
  DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/docs/example/embed.c ${PROJECT_SOURCE_DIR}/docs/example/Makefile
  DESTINATION ${CMAKE_INSTALL_DOCDIR}/example)

# presskit.pc names the prefix it is installed under, which is known only at install time
# (cmake --install --prefix P; cpack's /usr): written then; DESTDIR is left out of it, as it must.
foreach(d LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${d}}")
    set(pc_${d} "${CMAKE_INSTALL_${d}}")
  else()
    set(pc_${d} "\\\${prefix}/${CMAKE_INSTALL_${d}}") # "\${prefix}/lib" in the install script
  endif()
endforeach()
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(pc_dir "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
else()
  set(pc_dir "\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig")
endif()
install(CODE "
  set(PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  set(PC_LIBDIR \"${pc_LIBDIR}\")
  set(PC_INCLUDEDIR \"${pc_INCLUDEDIR}\")
  set(PROJECT_VERSION \"${PROJECT_VERSION}\")
  # one file per destination: an install and a cpack may run at once from one build folder
  string(MD5 pc_id \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}\")
  set(pc \"${PROJECT_BINARY_DIR}/pkgconfig/\${pc_id}/presskit.pc\")
  configure_file(\"${PROJECT_SOURCE_DIR}/cmake/presskit.pc.in\" \"\${pc}\" @ONLY)
  file(INSTALL DESTINATION \"${pc_dir}\" TYPE FILE FILES \"\${pc}\")
")
