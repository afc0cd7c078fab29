# Version, git revision and build type compiled into core/util/build_info.cpp (for `bridgelc --version` and
# the About dialog). Included from core/CMakeLists.txt, where the bridgelc_util target lives.
set(_generated ${CMAKE_BINARY_DIR}/generated)
add_custom_target(bridgelc_git_revision
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUTPUT=${_generated}/bridgelc_revision.h
          -P ${CMAKE_SOURCE_DIR}/packaging/git_revision.cmake
  BYPRODUCTS ${_generated}/bridgelc_revision.h
  COMMENT "Recording the git revision")
add_dependencies(bridgelc_util bridgelc_git_revision)
target_include_directories(bridgelc_util PRIVATE ${_generated})
set(_build_type "${CMAKE_BUILD_TYPE}")
if(_build_type STREQUAL "")
  set(_build_type "unspecified")
endif()
set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/util/build_info.cpp PROPERTIES COMPILE_DEFINITIONS
  "BRIDGELC_VERSION_STRING=\"${PROJECT_VERSION}\";BRIDGELC_BUILD_TYPE=\"${_build_type}\"")
