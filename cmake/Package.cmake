# Debian packages (cpack -G DEB, or cmake --workflow --preset package), one per component as
# Debian splits a library: longjing (the programs, man pages, completions), liblongjing0.1
# (the shared library), liblongjing-dev (headers, CMake package, pkg-config file) and
# python3-longjing (the module). Depends are computed: dpkg-shlibdeps for the system
# libraries, the components' own relations with this version, the python3 the module is for.
set(CPACK_PACKAGE_NAME longjing)
set(CPACK_PACKAGE_VENDOR "Longjing")
set(CPACK_PACKAGE_CONTACT "Longjing developers <longjing@localhost>")
# Each package's description below starts with its own summary line; CPackDeb prepends the
# project-wide summary unless it is CPack's default, so it is set to that.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY "=")

set(_soversion ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
set(CPACK_DEBIAN_PROGRAMS_PACKAGE_NAME longjing)
set(CPACK_DEBIAN_PROGRAMS_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PROGRAMS_DESCRIPTION "full-text search for English and Chinese articles\nlongjing-indexer indexes plain text, Markdown, HTML, PDF, EPUB, DOCX, ODT and e-mail\ninto a Xapian database and keeps it current; longjing-searcher answers ranked queries with highlighted passages,\nin text, JSON Lines or paths, from the shell or from scripts (--json, --stdin).")
set(CPACK_DEBIAN_LIBRARY_PACKAGE_NAME liblongjing${_soversion})
set(CPACK_DEBIAN_LIBRARY_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_LIBRARY_DESCRIPTION "Longjing full-text search library\nThe library behind longjing-indexer and longjing-searcher.")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME liblongjing-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEVELOPMENT_DEPENDS library)
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION "Longjing full-text search library: development files\nHeaders, a CMake package (find_package(Longjing)) and a pkg-config file (longjing).")
set(CPACK_DEBIAN_PYTHON_PACKAGE_NAME python3-longjing)
set(CPACK_DEBIAN_PYTHON_PACKAGE_SECTION python)
set(CPACK_COMPONENT_PYTHON_DEPENDS library)
set(CPACK_DEBIAN_PYTHON_DESCRIPTION "Longjing full-text search: Python module\nlongjing.Database(path).search(query) and longjing.index(db_path, paths).")
if(LONGJING_PYTHON)
  math(EXPR _next_minor "${Python3_VERSION_MINOR} + 1")
  set(CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS
    "python3 (>= ${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}), python3 (<< ${Python3_VERSION_MAJOR}.${_next_minor})")
endif()
# The module links liblongjing, which dpkg-shlibdeps finds in the package being built.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_BINARY_DIR}/common)
include(CPack)
