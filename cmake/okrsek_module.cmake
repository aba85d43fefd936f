# okrsek_add_module(NAME SOURCES ... DEPS ...)
# One static library per module (okrsek_<NAME>). DEPS lists only the modules and libraries
# the layering rule allows (cli -> http -> service -> {analytics, store, io} -> geo -> core),
# so a forbidden include fails to find its header at build time.
function(okrsek_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused
    -Woverloaded-virtual -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
  if(CMAKE_UNITY_BUILD)
    # A unity file includes the sources, so GCC takes a class defined in a source file for one
    # defined in a header and warns about its members of types from the anonymous namespace.
    target_compile_options(${target} PRIVATE -Wno-subobject-linkage)
  endif()
  if(OKRSEK_WERROR)
    # GCC 12's flow-sensitive warnings give false positives inside Boost.Geometry/Beast and
    # std::string once inlined at -O2 (GCC bugs 105562, 105329): they stay warnings, not errors.
    target_compile_options(${target} PRIVATE -Werror -Wno-error=maybe-uninitialized
      -Wno-error=restrict -Wno-error=array-bounds -Wno-error=stringop-overflow)
  endif()
endfunction()

function(okrsek_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(okrsek_${name} STATIC ${ARG_SOURCES})
  add_library(okrsek::${name} ALIAS okrsek_${name})
  target_include_directories(okrsek_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(okrsek_${name} PUBLIC ${ARG_DEPS})
  okrsek_warnings(okrsek_${name})
endfunction()
