# Small helpers so that every part's CMakeLists.txt stays a handful of lines.
include(GenerateExportHeader)

# wfo_add_library(<target> ALIAS <Name> SOURCES ... [PUBLIC_LIBS ...] [PRIVATE_LIBS ...])
# A shared library with an export header <target>_export.h and the alias Wfo::<Name>.
function(wfo_add_library target)
    cmake_parse_arguments(ARG "" "ALIAS" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
    add_library(${target} SHARED ${ARG_SOURCES})
    add_library(Wfo::${ARG_ALIAS} ALIAS ${target})
    generate_export_header(${target} BASE_NAME ${target}
        EXPORT_FILE_NAME ${CMAKE_CURRENT_BINARY_DIR}/${target}_export.h)
    target_include_directories(${target} PUBLIC
        $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
        $<BUILD_INTERFACE:${CMAKE_CURRENT_BINARY_DIR}>)
    target_link_libraries(${target} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
    set_target_properties(${target} PROPERTIES
        VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR})
    wfo_set_warnings(${target})
    install(TARGETS ${target} LIBRARY DESTINATION ${WFO_INSTALL_LIBDIR})
endfunction()

# wfo_set_warnings(<target>): -Wall -Wextra everywhere, -Werror when WFO_WERROR is on (CI).
function(wfo_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra)
    if(WFO_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# wfo_add_test(<name> SOURCES ... LIBS ... [GUI] [ENVIRONMENT ...] [LABELS ...] [TIMEOUT s])
# A Qt Test executable registered with CTest; GUI tests run on the offscreen platform.
function(wfo_add_test name)
    cmake_parse_arguments(ARG "GUI" "TIMEOUT" "SOURCES;LIBS;ENVIRONMENT;LABELS;ARGS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    wfo_set_warnings(${name})
    add_test(NAME ${name} COMMAND ${name} ${ARG_ARGS})
    # No engine of a suite starts the default schedules (a run at the top of an hour would be a
    # process no test expects); the schedule suites start theirs on purpose.
    set(env QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES=qt.qpa.*=false WFO_NO_SCHEDULES=1
        ${ARG_ENVIRONMENT})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 600)
    endif()
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "${env}" TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}")
endfunction()

# wfo_add_pack(<target> SOURCES ... [LIBS ...])
# A product pack: a Qt plugin module, built into (and installed to) the folder the programs
# search for packs, so the build tree and an installed copy behave the same.
function(wfo_add_pack target)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    add_library(${target} MODULE ${ARG_SOURCES})
    target_link_libraries(${target} PRIVATE Wfo::Engine Wfo::Forms ${ARG_LIBS})
    set_target_properties(${target} PROPERTIES
        PREFIX ""
        LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/${WFO_INSTALL_PLUGINDIR})
    wfo_set_warnings(${target})
    install(TARGETS ${target} LIBRARY DESTINATION ${WFO_INSTALL_PLUGINDIR})
endfunction()
