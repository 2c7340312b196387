# The Debian packages, made by `cpack` in the build folder (README.md, "Installing"):
#
#   yibao          the command, yibao-net, the corpus, the man pages, the completion scripts and
#                  the documentation (component yibao)
#   libyibao-dev   the header, the static library and its pkg-config and CMake files (dev)
#
# Each holds exactly what `cmake --install` puts under the configured prefix, which for a package
# is /usr: configure with -DCMAKE_INSTALL_PREFIX=/usr (the man pages name the install's paths).

if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  message(STATUS "The .deb packages install under ${CMAKE_INSTALL_PREFIX}; a Debian package "
                 "belongs under /usr: -DCMAKE_INSTALL_PREFIX=/usr")
endif()

set(YIBAO_DEB_MAINTAINER "yibao maintainers <maintainers@yibao.invalid>"
    CACHE STRING "The Maintainer field of the .deb packages: NAME <EMAIL>")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME yibao)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${YIBAO_DEB_MAINTAINER})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # NAME_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_STRIP_FILES ON) # as Debian ships programs: no debugging information
set(CPACK_COMPONENTS_ALL yibao dev)
set(CPACK_DEBIAN_YIBAO_PACKAGE_NAME yibao)
set(CPACK_DEBIAN_YIBAO_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libyibao-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_YIBAO_DESCRIPTION
    "Chinese medical-insurance procedures: steps, materials, deadlines, sources
yibao answers the medical-insurance (医保) procedures of mainland China for a
person's cities and type of insurance: transferring the insurance relationship,
changing the place of insurance, activating the card, refunds of duplicate
contributions, dental reimbursement and waiting periods. It prints the steps in
order, the materials by their official names, the deadlines with due dates
counted over the official holiday calendar, and the source of every claim.
.
The rules are a YAML corpus compiled into the program and updatable with signed
bundles (yibao update). The package has the command, its man pages and the
completion scripts for bash, zsh and fish.")
set(CPACK_DEBIAN_DEV_DESCRIPTION
    "Chinese medical-insurance procedures: the yibao library
libyibao asks the questions the yibao command answers: the steps, materials,
deadlines and sources of a medical-insurance procedure, as data a program
walks. This package has the header, the static library and its pkg-config and
CMake package files.")

# What the command needs at run time: the C library of yibao-net, found by dpkg-shlibdeps (yibao
# itself is linked statically where the toolchain can, and then needs nothing). libcurl and
# libcrypto are loaded with dlopen() by the commands that update and sign rules only, so
# dpkg-shlibdeps cannot see them: the packages that hold the sonames opened (src/fetch.c,
# src/crypto.c) are recommended, as found on the building system, with Debian 12's names when
# dpkg cannot say.
set(CPACK_DEBIAN_YIBAO_PACKAGE_SHLIBDEPS ON)
set(YIBAO_DEB_RECOMMENDS "")
foreach(lib "libcurl.so.4;${CURL_LIBDIR};libcurl4" "libcrypto.so.3;${CRYPTO_LIBDIR};libssl3")
  list(GET lib 0 soname)
  list(GET lib 1 dir)
  list(GET lib 2 package)
  execute_process(COMMAND dpkg-query --search "${dir}/${soname}" OUTPUT_VARIABLE owner
                  ERROR_QUIET RESULT_VARIABLE rc)
  if(rc EQUAL 0 AND owner MATCHES "^([a-z0-9.+-]+)[:,]")
    set(package ${CMAKE_MATCH_1})
  endif()
  list(APPEND YIBAO_DEB_RECOMMENDS ${package})
endforeach()
list(JOIN YIBAO_DEB_RECOMMENDS ", " CPACK_DEBIAN_YIBAO_PACKAGE_RECOMMENDS)
set(CPACK_DEBIAN_YIBAO_PACKAGE_SUGGESTS "man-db, bash-completion")
# The library's users link libyaml and libcsv too (yibao.pc, yibaoConfig.cmake).
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libyaml-dev, libcsv-dev")

# The dev package's own copyright file, as Debian asks of every package.
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/libyibao-dev RENAME copyright
        COMPONENT dev)

include(CPack)
