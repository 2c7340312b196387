# What `cmake --install` puts beside the command for its users, where a Debian system looks for
# it (GNUInstallDirs): the man pages (man/*.scd, made with scdoc when it is installed), the
# shell completion scripts (made by the command itself from its option tables and the corpus),
# and the documentation with the licence.

# ---- Man pages: man/NAME.SECTION.scd -> share/man/manSECTION/NAME.SECTION ------------------
# Compressed with gzip -9n, as Debian ships them, where gzip is found (man reads either).
find_program(YIBAO_SCDOC scdoc)
find_program(YIBAO_GZIP gzip)
if(YIBAO_SCDOC)
  file(GLOB YIBAO_MAN_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/man/*.scd)
  set(YIBAO_MAN_PAGES "")
  foreach(source ${YIBAO_MAN_SOURCES})
    get_filename_component(page ${source} NAME_WLE) # yibao-transfer.1
    string(REGEX REPLACE ".*\\.([0-9])$" "\\1" section ${page})
    # The paths the pages name are the ones of this install (@DOCDIR@ …).
    set(DOCDIR ${CMAKE_INSTALL_FULL_DOCDIR})
    set(DATADIR ${CMAKE_INSTALL_FULL_DATADIR})
    set(LIBEXECDIR ${CMAKE_INSTALL_FULL_LIBEXECDIR})
    configure_file(${source} ${CMAKE_BINARY_DIR}/man/${page}.scd @ONLY)
    set(roff ${CMAKE_BINARY_DIR}/man/man${section}/${page})
    set(compress "")
    set(installed ${roff})
    if(YIBAO_GZIP)
      set(compress COMMAND ${YIBAO_GZIP} -9nf ${roff})
      set(installed ${roff}.gz)
    endif()
    add_custom_command(
      OUTPUT ${installed}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man/man${section}
      COMMAND ${CMAKE_COMMAND} -DINPUT=${CMAKE_BINARY_DIR}/man/${page}.scd -DOUTPUT=${roff}
              -P ${CMAKE_SOURCE_DIR}/cmake/run-to-file.cmake -- ${YIBAO_SCDOC}
      ${compress}
      DEPENDS ${CMAKE_BINARY_DIR}/man/${page}.scd ${CMAKE_SOURCE_DIR}/cmake/run-to-file.cmake
      COMMENT "Man page ${page}"
      VERBATIM)
    list(APPEND YIBAO_MAN_PAGES ${installed})
    install(FILES ${installed} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
  endforeach()
  add_custom_target(yibao-man ALL DEPENDS ${YIBAO_MAN_PAGES})
else()
  message(STATUS "scdoc not found: the man pages are not built (Debian: apt-get install scdoc)")
endif()

# ---- Shell completion: what `yibao completion SHELL` prints --------------------------------
# Made from the source corpus (--rules), so that neither YIBAO_RULES nor an update installed
# for the user building it changes what is installed.
set(YIBAO_COMPLETIONS "")
foreach(shell bash zsh fish)
  set(file ${CMAKE_BINARY_DIR}/completions/${shell}/yibao)
  if(shell STREQUAL "zsh")
    set(file ${CMAKE_BINARY_DIR}/completions/zsh/_yibao)
    set(dir ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
  elseif(shell STREQUAL "fish")
    set(file ${CMAKE_BINARY_DIR}/completions/fish/yibao.fish)
    set(dir ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
  else()
    set(dir ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
  endif()
  add_custom_command(
    OUTPUT ${file}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/completions/${shell}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${file} -P ${CMAKE_SOURCE_DIR}/cmake/run-to-file.cmake --
            $<TARGET_FILE:yibao> completion ${shell} --rules ${CMAKE_SOURCE_DIR}/rules
    DEPENDS yibao ${YIBAO_RULE_PATHS} ${CMAKE_SOURCE_DIR}/cmake/run-to-file.cmake
    COMMENT "Completion script for ${shell}"
    VERBATIM)
  list(APPEND YIBAO_COMPLETIONS ${file})
  install(FILES ${file} DESTINATION ${dir})
endforeach()
add_custom_target(yibao-completions ALL DEPENDS ${YIBAO_COMPLETIONS})

# ---- Documentation: share/doc/yibao/ -------------------------------------------------------
# README.md and docs/ keep their layout, so that the links between them hold; the licence is
# `copyright`, as Debian names it.
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
