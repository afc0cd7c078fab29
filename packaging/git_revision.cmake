# Writes OUTPUT (a header defining BRIDGELC_GIT_REVISION) from `git describe` of SOURCE_DIR, at build time so
# that the revision follows new commits; the file is only rewritten when the revision changed, so nothing
# recompiles otherwise. Outside a git checkout (a source tarball) the revision is "unknown".
execute_process(COMMAND git -C "${SOURCE_DIR}" describe --always --dirty=+dirty --abbrev=10
                OUTPUT_VARIABLE revision OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE failed)
if(failed OR revision STREQUAL "")
  set(revision "unknown")
endif()
set(content "#pragma once\n#define BRIDGELC_GIT_REVISION \"${revision}\"\n")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL content)
  file(WRITE "${OUTPUT}" "${content}")
endif()
