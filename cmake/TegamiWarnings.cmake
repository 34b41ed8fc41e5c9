# Warning flags for project targets only (never for Qt or system headers).
function(tegami_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor
                                             -Wno-missing-field-initializers)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(${target} PRIVATE -Wshadow=local)
    endif()
    if(TEGAMI_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# One static library per engine module, so the link graph states (and the build checks)
# which module may use which. Engine modules link Qt Core, Network and Sql only.
function(tegami_engine_module name)
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;LIBS" ${ARGN})
    if(NOT ARG_SOURCES)
        # A module whose code is not written yet still gets a (empty) library, so the
        # link graph is the same at every stage.
        set(ARG_SOURCES ${CMAKE_CURRENT_BINARY_DIR}/empty_${name}.cpp)
        file(WRITE ${ARG_SOURCES} "// module ${name} has no sources yet\n")
    endif()
    add_library(tegami_${name} STATIC ${ARG_SOURCES})
    target_include_directories(tegami_${name} PUBLIC ${PROJECT_SOURCE_DIR}/engine)
    target_link_libraries(tegami_${name} PUBLIC Qt6::Core ${ARG_DEPENDS} PRIVATE ${ARG_LIBS})
    target_compile_definitions(tegami_${name} PUBLIC QT_NO_KEYWORDS)
    tegami_warnings(tegami_${name})
endfunction()

# A QtTest executable registered with CTest. Tests run with the offscreen platform and
# a private temporary HOME so nothing touches the user's data.
function(tegami_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    # Qt would bake the build directory into every test object, so the two build trees
    # (full and engine-only) could not share ccache entries. Tests find their data
    # through TEGAMI_TEST_DATA instead of QFINDTESTDATA.
    set_target_properties(${name} PROPERTIES QT_TESTCASE_BUILDDIR "tegami-tests")
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
    tegami_warnings(${name})
    # The test's own code builds without optimisation or debug information: the parsing of
    # Qt's test headers dominates a test's compile time, and -O2 -g doubles it. The engine
    # code under test keeps the build type's flags.
    if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang" AND NOT TEGAMI_FUZZ)
        target_compile_options(${name} PRIVATE -O0 -g0)
    endif()
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;TEGAMI_TEST_DATA=${PROJECT_SOURCE_DIR}/tests/data"
        LABELS "${ARG_LABELS}")
endfunction()
