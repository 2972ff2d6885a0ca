# Install-time steps for the newsarc binary (cmake/install.cmake), run with
# NEWSARC_STEP set:
#
#   strip  the installed PREFIX/bin/newsarc loses its debug info and symbol
#          table (objcopy --strip-unneeded) and gains a .gnu_debuglink to
#          its debug file
#   debug  installs that debug file as
#          PREFIX/lib/debug/.build-id/NN/REST.debug, where gdb finds it by
#          the binary's GNU build-id (debug-file-directory PREFIX/lib/debug)
#
# The debug file is split off the built binary (objcopy --only-keep-debug,
# sections compressed) once per build-id and kept in NEWSARC_DEBUG_CACHE.

# Sets `id_var` to the GNU build-id of NEWSARC_BUILT and `file_var` to its
# debug file, making that file when it is missing.
function(newsarc_debug_file id_var file_var)
  execute_process(COMMAND ${NEWSARC_READELF} -n ${NEWSARC_BUILT}
                  OUTPUT_VARIABLE notes RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT notes MATCHES "Build ID: ([0-9a-f]+)")
    message(FATAL_ERROR "${NEWSARC_BUILT} has no GNU build-id (readelf -n)")
  endif()
  set(id ${CMAKE_MATCH_1})
  string(SUBSTRING ${id} 0 2 head)
  string(SUBSTRING ${id} 2 -1 rest)
  set(file ${NEWSARC_DEBUG_CACHE}/${head}/${rest}.debug)
  if(NOT EXISTS ${file})
    file(REMOVE_RECURSE ${NEWSARC_DEBUG_CACHE})
    file(MAKE_DIRECTORY ${NEWSARC_DEBUG_CACHE}/${head})
    execute_process(
      COMMAND ${NEWSARC_OBJCOPY} --only-keep-debug --compress-debug-sections=zlib
              ${NEWSARC_BUILT} ${file}.tmp
      RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "objcopy --only-keep-debug ${NEWSARC_BUILT}: exit ${rc}")
    endif()
    file(RENAME ${file}.tmp ${file})
  endif()
  set(${id_var} ${id} PARENT_SCOPE)
  set(${file_var} ${file} PARENT_SCOPE)
endfunction()

newsarc_debug_file(_id _debug)
string(SUBSTRING ${_id} 0 2 _head)
if(NEWSARC_STEP STREQUAL "strip")
  set(_bin "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/${NEWSARC_BINDIR}/newsarc")
  # Two passes: an old link (an up-to-date binary stripped before) goes
  # first, then the new one is added.
  execute_process(
    COMMAND ${NEWSARC_OBJCOPY} --strip-unneeded --remove-section=.comment
            --remove-section=.gnu_debuglink ${_bin}
    RESULT_VARIABLE rc)
  if(rc EQUAL 0)
    execute_process(COMMAND ${NEWSARC_OBJCOPY} --add-gnu-debuglink=${_debug} ${_bin}
                    RESULT_VARIABLE rc)
  endif()
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "objcopy (strip) ${_bin}: exit ${rc}")
  endif()
  message(STATUS "Stripped: ${_bin} (debug info: lib/debug/.build-id/${_head}/, component debug)")
elseif(NEWSARC_STEP STREQUAL "debug")
  file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/debug/.build-id/${_head}" TYPE FILE
       FILES ${_debug})
endif()
