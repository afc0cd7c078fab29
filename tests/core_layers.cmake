# Checks that core/ is layered one way: every `#include "core/<area>/..."` in core/<area>/ and every
# bridgelc_area(... DEPS ...) line of core/CMakeLists.txt names only an area this table allows. Run by ctest as
#   cmake -DSOURCE_DIR=<checkout> -P tests/core_layers.cmake
# and fails with one line per upward include: file:line, what it includes, what the area may include.
#
# kLayers lists the areas bottom to top; an area may use only areas before it, so the table cannot hold a
# cycle. A new area, or a new dependency, is added here on purpose.
cmake_minimum_required(VERSION 3.25)
set(kLayers util geo data split eval nn train model run io experiment raster embed)
set(allowed_util "")
set(allowed_geo util)
set(allowed_data util geo)
set(allowed_split util geo data)
set(allowed_eval util)
set(allowed_nn util)
set(allowed_train util eval nn)
set(allowed_model util geo data eval nn train)
set(allowed_run util geo data split eval nn train model)
set(allowed_io util geo data eval train model run)
set(allowed_experiment util geo data split eval train model run io)
set(allowed_raster util geo data eval train model run io)
set(allowed_embed util)

if(NOT SOURCE_DIR)
  message(FATAL_ERROR "usage: cmake -DSOURCE_DIR=<checkout> -P core_layers.cmake")
endif()

set(errors "")

# The table itself: every allowed area must sit lower in kLayers.
set(below "")
foreach(area IN LISTS kLayers)
  foreach(dep IN LISTS allowed_${area})
    if(NOT dep IN_LIST below)
      string(APPEND errors "table: ${area} may not use ${dep}: ${dep} is not below it in kLayers\n")
    endif()
  endforeach()
  list(APPEND below ${area})
endforeach()

# Appends to `errors` when `area` uses `used`, found at `where`.
function(check_use area used where text)
  if(used STREQUAL area)
    return()
  endif()
  if(NOT area IN_LIST kLayers)
    set(errors "${errors}${where}: area '${area}' is not in the layer table of core_layers.cmake\n" PARENT_SCOPE)
  elseif(NOT used IN_LIST allowed_${area})
    string(REPLACE ";" " " may "${allowed_${area}}")
    set(errors "${errors}${where}: ${text}: core/${area} may use only: ${may}\n" PARENT_SCOPE)
  endif()
endfunction()

file(GLOB sources RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/core/*/*.h ${SOURCE_DIR}/core/*/*.cpp)
list(SORT sources)
foreach(source IN LISTS sources)
  string(REGEX REPLACE "^core/([^/]+)/.*" "\\1" area "${source}")
  file(READ ${SOURCE_DIR}/${source} content)
  # One list element per line: characters CMake lists treat specially are neutralised first.
  string(REPLACE "\\" "/" content "${content}")
  string(REPLACE "[" "(" content "${content}")
  string(REPLACE "]" ")" content "${content}")
  string(REPLACE ";" "," content "${content}")
  string(REPLACE "\n" ";" lines "${content}")
  set(number 0)
  foreach(line IN LISTS lines)
    math(EXPR number "${number} + 1")
    if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*[\"<]core/([A-Za-z0-9_]+)/")
      string(STRIP "${line}" text)
      check_use(${area} ${CMAKE_MATCH_1} "${source}:${number}" "${text}")
    endif()
  endforeach()
endforeach()

# Link lines: bridgelc_area(<area> DEPS bridgelc_<dep> ...) must follow the same table.
file(STRINGS ${SOURCE_DIR}/core/CMakeLists.txt cmake_lines REGEX "^bridgelc_area\\(")
foreach(line IN LISTS cmake_lines)
  string(REGEX MATCH "^bridgelc_area\\(([a-z_]+)" _ "${line}")
  set(area ${CMAKE_MATCH_1})
  string(REGEX MATCHALL "bridgelc_[a-z_]+" deps "${line}")
  foreach(dep IN LISTS deps)
    if(dep STREQUAL "bridgelc_area")
      continue()
    endif()
    string(REPLACE "bridgelc_" "" dep "${dep}")
    check_use(${area} ${dep} "core/CMakeLists.txt" "bridgelc_${area} links bridgelc_${dep}")
  endforeach()
endforeach()

list(LENGTH sources checked)
if(errors)
  message(FATAL_ERROR "upward or unlisted dependencies between core areas:\n${errors}")
endif()
message(STATUS "core layers: ${checked} files follow the layer table")
