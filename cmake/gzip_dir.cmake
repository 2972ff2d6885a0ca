# Compresses every file of IN (not its folders) into OUT as NAME.gz with
# `gzip -9n` (no name or time stamp: reproducible, as Debian wants for man
# pages and changelogs); OUT is emptied first.
#
#   cmake -DGZIP=/usr/bin/gzip -DIN=dir -DOUT=dir -P gzip_dir.cmake
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
file(GLOB files LIST_DIRECTORIES false ${IN}/*)
foreach(f ${files})
  get_filename_component(name ${f} NAME)
  execute_process(COMMAND ${GZIP} -9n -c ${f} OUTPUT_FILE ${OUT}/${name}.gz
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip ${f}: exit ${rc}")
  endif()
endforeach()
