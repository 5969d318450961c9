# Translations: one catalogue, orchestrator-console_<lang>.ts, for every part (engine, forms, api,
# packs, app), so that workflow descriptions and form labels defined as data are translated
# next to the widgets that show them.
#   update_translations   (target) lupdate the .ts files from the sources (./dev translations)
#   wfo_translations      (target, in ALL) lrelease them into .qm files
#   check_translations    (target) fail when a message is missing or unfinished
# The .qm files go to <build>/share/orchestrator-console/translations, which is where an
# installed copy keeps them relative to bin/, so both find them the same way (app/i18n).
find_package(Qt6 REQUIRED COMPONENTS LinguistTools)

set(WFO_TS_FILES
    ${PROJECT_SOURCE_DIR}/translations/orchestrator-console_en.ts
    ${PROJECT_SOURCE_DIR}/translations/orchestrator-console_nl.ts)
if(NOT WFO_TRANSLATIONS_BUILD_DIR)
    set(WFO_TRANSLATIONS_BUILD_DIR
        "${PROJECT_BINARY_DIR}/${CMAKE_INSTALL_DATADIR}/orchestrator-console/translations")
endif()

# Every source file of the parts that show text; CONFIGURE_DEPENDS picks up new files.
file(GLOB_RECURSE wfo_translated_sources CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/engine/*.cpp ${PROJECT_SOURCE_DIR}/engine/*.h
    ${PROJECT_SOURCE_DIR}/forms/*.cpp ${PROJECT_SOURCE_DIR}/forms/*.h
    ${PROJECT_SOURCE_DIR}/packs/*.cpp ${PROJECT_SOURCE_DIR}/packs/*.h
    ${PROJECT_SOURCE_DIR}/api/*.cpp ${PROJECT_SOURCE_DIR}/api/*.h
    ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h)

add_custom_target(wfo_translations ALL)
# English is the source language: its catalogue holds only the plural forms (%n).
qt_add_lupdate(wfo_translations
    TS_FILES ${PROJECT_SOURCE_DIR}/translations/orchestrator-console_nl.ts
    SOURCES ${wfo_translated_sources}
    INCLUDE_DIRECTORIES ${PROJECT_SOURCE_DIR}
    OPTIONS -no-obsolete -locations relative -source-language en)
add_custom_target(wfo_translations_en)
qt_add_lupdate(wfo_translations_en
    TS_FILES ${PROJECT_SOURCE_DIR}/translations/orchestrator-console_en.ts
    SOURCES ${wfo_translated_sources}
    INCLUDE_DIRECTORIES ${PROJECT_SOURCE_DIR}
    OPTIONS -no-obsolete -locations none -pluralonly -source-language en)

foreach(ts IN LISTS WFO_TS_FILES)
    set_source_files_properties(${ts} PROPERTIES OUTPUT_LOCATION ${WFO_TRANSLATIONS_BUILD_DIR})
endforeach()
qt_add_lrelease(wfo_translations
    TS_FILES ${WFO_TS_FILES}
    OPTIONS -silent
    QM_FILES_OUTPUT_VARIABLE wfo_qm_files)
if(TARGET wfo_i18n)
    add_dependencies(wfo_i18n wfo_translations)
endif()
install(FILES ${wfo_qm_files}
    DESTINATION ${CMAKE_INSTALL_DATADIR}/orchestrator-console/translations)

add_custom_target(check_translations
    COMMAND ${PROJECT_SOURCE_DIR}/translations/check-complete.sh $<TARGET_FILE:Qt6::lupdate>
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    USES_TERMINAL VERBATIM)
