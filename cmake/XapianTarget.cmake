# Debian's xapian-config.cmake only sets XAPIAN_LIBRARIES and XAPIAN_INCLUDE_DIR:
# wrap them once as an imported target.
if(NOT TARGET Xapian::Xapian)
  add_library(Xapian::Xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::Xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()
