# CPACK_PRE_BUILD_SCRIPTS: the Depends of the library's package (libdsselect0), computed by
# dpkg-shlibdeps on the shared library as staged for packaging, as CPack does for the program. CPack's
# own CPACK_DEBIAN_<COMP>_PACKAGE_SHLIBDEPS is not used for that package: with it, CPack also adds a
# postinst and a postrm calling ldconfig, where Debian wants the ldconfig trigger alone
# (docs/decisions.md, "Debian package").
file(GLOB_RECURSE ds_libs LIST_DIRECTORIES false "${CPACK_TEMPORARY_DIRECTORY}/lib/*/libdsselect.so.*.*.*")
list(LENGTH ds_libs ds_n)
if(NOT ds_n EQUAL 1)
  message(FATAL_ERROR "debshlibs: want one libdsselect.so.X.Y.Z staged under "
                      "${CPACK_TEMPORARY_DIRECTORY}/lib, found: ${ds_libs}")
endif()
find_program(ds_shlibdeps dpkg-shlibdeps)
if(NOT ds_shlibdeps)
  message(FATAL_ERROR "debshlibs: dpkg-shlibdeps is missing (apt-get install dpkg-dev)")
endif()
# dpkg-shlibdeps wants to run in a source tree: a debian/control of its own
set(ds_dir "${CPACK_TOPLEVEL_DIRECTORY}/dsselect-shlibdeps")
file(REMOVE_RECURSE "${ds_dir}")
file(WRITE "${ds_dir}/debian/control" "")
execute_process(COMMAND "${ds_shlibdeps}" -O "${ds_libs}" WORKING_DIRECTORY "${ds_dir}"
                RESULT_VARIABLE ds_rc OUTPUT_VARIABLE ds_out ERROR_VARIABLE ds_err)
if(NOT ds_rc EQUAL 0 OR NOT ds_out MATCHES "shlibs:Depends=([^\n]+)")
  message(FATAL_ERROR "debshlibs: dpkg-shlibdeps ${ds_libs} failed (${ds_rc}): ${ds_err}${ds_out}")
endif()
set(CPACK_DEBIAN_LIB_PACKAGE_DEPENDS "${CMAKE_MATCH_1}")
message(STATUS "${CPACK_DSSELECT_LIB_PACKAGE}: Depends: ${CPACK_DEBIAN_LIB_PACKAGE_DEPENDS}")
file(REMOVE_RECURSE "${ds_dir}")
