# CMake toolchain file: build C and C++ with llmcc/llmc++.
#
#   cmake -S . -B build -DCMAKE_TOOLCHAIN_FILE=/path/to/llmcc/wrappers/cmake/llmcc.cmake
#
# Where llmcc is found, first match wins:
#   1. -DLLMCC_BIN=<dir> or the LLMCC_BIN environment variable (the directory
#      holding llmcc and llmc++, or the llmcc script itself);
#   2. this file's directory (a copy of this file placed beside the scripts);
#   3. PATH;
#   4. <repo>/.venv/bin, for a checkout of llmcc with its virtual environment.
#
# The archiver and ranlib are llvm-ar/llvm-ranlib of the same LLVM install as
# the clang llmcc wraps, so archives (and -flto objects, which llmcc passes
# through) are read by the matching LLVM. The wrapped clang is whatever llmcc
# picks at configure time (LLMCC_CLANG, else the newest clang on PATH); keep
# LLMCC_CLANG the same for configure and build.
#
# CMake reads this file again inside every try_compile project, where the outer
# project's cache is not visible. Everything found here is cached and handed to
# try_compile through CMAKE_TRY_COMPILE_PLATFORM_VARIABLES, so the second read
# finds the same tools without searching or running anything.

if(NOT LLMCC_BIN AND NOT "$ENV{LLMCC_BIN}" STREQUAL "")
  set(LLMCC_BIN "$ENV{LLMCC_BIN}")
endif()
if(LLMCC_BIN AND NOT IS_DIRECTORY "${LLMCC_BIN}")
  get_filename_component(LLMCC_BIN "${LLMCC_BIN}" DIRECTORY)
endif()
if(NOT LLMCC_BIN)
  find_program(_LLMCC_EXE NAMES llmcc
    HINTS "${CMAKE_CURRENT_LIST_DIR}"
    PATHS "${CMAKE_CURRENT_LIST_DIR}/../../.venv/bin"
    NO_CMAKE_PATH NO_CMAKE_ENVIRONMENT_PATH NO_CMAKE_SYSTEM_PATH)
  if(NOT _LLMCC_EXE)
    message(FATAL_ERROR
      "llmcc.cmake: llmcc not found (looked in LLMCC_BIN, ${CMAKE_CURRENT_LIST_DIR}, PATH "
      "and ${CMAKE_CURRENT_LIST_DIR}/../../.venv/bin). Install llmcc (pip install llmcc) "
      "or pass -DLLMCC_BIN=<directory holding llmcc>.")
  endif()
  get_filename_component(LLMCC_BIN "${_LLMCC_EXE}" DIRECTORY)
  unset(_LLMCC_EXE CACHE)
endif()
get_filename_component(LLMCC_BIN "${LLMCC_BIN}" ABSOLUTE)
set(LLMCC_BIN "${LLMCC_BIN}" CACHE PATH "Directory holding llmcc and llmc++")

foreach(_llmcc_tool llmcc llmc++)
  if(NOT EXISTS "${LLMCC_BIN}/${_llmcc_tool}")
    message(FATAL_ERROR "llmcc.cmake: ${LLMCC_BIN}/${_llmcc_tool} does not exist")
  endif()
endforeach()
set(CMAKE_C_COMPILER "${LLMCC_BIN}/llmcc")
set(CMAKE_CXX_COMPILER "${LLMCC_BIN}/llmc++")

# llvm-ar/llvm-ranlib of the wrapped LLVM: ask that clang (llmcc passes -print-*
# through), which answers with a path inside its own install.
foreach(_llmcc_tool ar ranlib)
  string(TOUPPER "${_llmcc_tool}" _llmcc_var)
  if(NOT LLMCC_${_llmcc_var})
    execute_process(
      COMMAND "${LLMCC_BIN}/llmcc" -print-prog-name=llvm-${_llmcc_tool}
      OUTPUT_VARIABLE _llmcc_out ERROR_VARIABLE _llmcc_err RESULT_VARIABLE _llmcc_rc
      OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT _llmcc_rc EQUAL 0)
      message(FATAL_ERROR "llmcc.cmake: '${LLMCC_BIN}/llmcc -print-prog-name=llvm-${_llmcc_tool}' "
        "failed (${_llmcc_rc}): ${_llmcc_err}")
    endif()
    if(NOT IS_ABSOLUTE "${_llmcc_out}" OR NOT EXISTS "${_llmcc_out}")
      message(FATAL_ERROR "llmcc.cmake: llvm-${_llmcc_tool} not found beside the clang llmcc "
        "wraps (it answered '${_llmcc_out}'); install the matching llvm-N package")
    endif()
    set(LLMCC_${_llmcc_var} "${_llmcc_out}" CACHE FILEPATH
      "llvm-${_llmcc_tool} of the LLVM install llmcc wraps")
    # One archive format and one pass-list vocabulary: C and C++ must wrap the same LLVM.
    execute_process(COMMAND "${LLMCC_BIN}/llmc++" -print-prog-name=llvm-${_llmcc_tool}
      OUTPUT_VARIABLE _llmcc_cxx_out ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT _llmcc_cxx_out STREQUAL _llmcc_out)
      message(WARNING "llmcc.cmake: llmcc and llmc++ wrap different LLVM installs "
        "(${_llmcc_out} vs ${_llmcc_cxx_out}); set LLMCC_CLANGXX to the clang++ beside LLMCC_CLANG")
    endif()
  endif()
  # Cache entries, so an explicit -DCMAKE_AR=... still wins and CMake's own search is skipped.
  set(CMAKE_${_llmcc_var} "${LLMCC_${_llmcc_var}}" CACHE FILEPATH "")
  set(CMAKE_C_COMPILER_${_llmcc_var} "${LLMCC_${_llmcc_var}}" CACHE FILEPATH "")
  set(CMAKE_CXX_COMPILER_${_llmcc_var} "${LLMCC_${_llmcc_var}}" CACHE FILEPATH "")
endforeach()

list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES LLMCC_BIN LLMCC_AR LLMCC_RANLIB)
list(REMOVE_DUPLICATES CMAKE_TRY_COMPILE_PLATFORM_VARIABLES)
