# cmake -DOUTPUT=FILE [-DINPUT=FILE] -P run-to-file.cmake -- COMMAND ARGS...
# Runs COMMAND with INPUT on its standard input (when given) and its standard output written to
# FILE; a command that fails leaves no FILE and fails the build step. (add_custom_command has no
# portable redirection.)
set(command "")
set(seen FALSE)
foreach(i RANGE ${CMAKE_ARGC})
  if(seen)
    list(APPEND command "${CMAKE_ARGV${i}}")
  elseif("${CMAKE_ARGV${i}}" STREQUAL "--")
    set(seen TRUE)
  endif()
endforeach()
set(input_args "")
if(DEFINED INPUT)
  set(input_args INPUT_FILE "${INPUT}")
endif()
execute_process(COMMAND ${command} ${input_args} OUTPUT_FILE "${OUTPUT}.tmp"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE "${OUTPUT}.tmp")
  message(FATAL_ERROR "${command}: exit ${rc}")
endif()
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
