# The console's translations (included at the end of app/CMakeLists.txt).
#
#   cmake --build build/full --target update_translations   # lupdate: new tr() strings into the .ts files
#   (translate them in translations/tegami_ja.ts, e.g. with linguist)
#   the build compiles the .ts files (lrelease) into :/i18n/tegami_<lang>.qm inside tegami_console.
#
# Without Qt's LinguistTools (Debian: qt6-l10n-tools, qt6-tools-dev) the console still builds,
# in English only; the translation tests then report that they were skipped.
find_package(Qt6 6.4 QUIET COMPONENTS LinguistTools)

# The language choice (system locale, --language, the console setting) builds either way.
target_sources(tegami_console PRIVATE
    ${PROJECT_SOURCE_DIR}/translations/ConsoleLanguage.cpp
    ${PROJECT_SOURCE_DIR}/translations/ConsoleLanguage.h)

if(NOT Qt6LinguistTools_FOUND)
    message(STATUS "Tegami: Qt LinguistTools not found (Debian: qt6-l10n-tools qt6-tools-dev); "
                   "the console is built in English only and the translation tests are skipped.")
    set(TEGAMI_TRANSLATIONS OFF CACHE INTERNAL "console translations compiled in")
else()
    set(TEGAMI_TRANSLATIONS ON CACHE INTERNAL "console translations compiled in")
    set(TEGAMI_TS_FILES
        ${PROJECT_SOURCE_DIR}/translations/tegami_en.ts
        ${PROJECT_SOURCE_DIR}/translations/tegami_ja.ts)
    set(TEGAMI_TS_FILES ${TEGAMI_TS_FILES} CACHE INTERNAL "the console's .ts files")
    # Everything with strings an admin sees: the console, the log viewer, the wizards, the
    # diagnostics page and the settings schema's descriptions (translations/*.cpp, scanned only).
    file(GLOB_RECURSE TEGAMI_TR_SOURCES CONFIGURE_DEPENDS
        ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h
        ${PROJECT_SOURCE_DIR}/wizards/*.cpp ${PROJECT_SOURCE_DIR}/wizards/*.h
        ${PROJECT_SOURCE_DIR}/translations/*.cpp ${PROJECT_SOURCE_DIR}/translations/*.h)
    # No line numbers: several people add strings at once, and line moves would rewrite the files.
    qt_add_lupdate(tegami_console
        TS_FILES ${TEGAMI_TS_FILES}
        SOURCES ${TEGAMI_TR_SOURCES}
        INCLUDE_DIRECTORIES ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/app
        OPTIONS -no-obsolete -locations none -silent)
    # The settings' descriptions come from the schema in the engine: a small tool writes them
    # as QT_TRANSLATE_NOOP3 entries before lupdate reads the sources.
    add_executable(tegami_schema_strings EXCLUDE_FROM_ALL ${PROJECT_SOURCE_DIR}/translations/tools/schema_strings.cpp)
    target_link_libraries(tegami_schema_strings PRIVATE tegami_core)
    tegami_warnings(tegami_schema_strings)
    add_custom_target(tegami_schema_strings_update
        COMMAND tegami_schema_strings ${PROJECT_SOURCE_DIR}/translations/SettingsSchemaStrings.cpp
        COMMENT "Writing translations/SettingsSchemaStrings.cpp from the settings schema"
        VERBATIM)
    add_dependencies(tegami_console_lupdate tegami_schema_strings_update)
    qt_add_lrelease(tegami_console
        TS_FILES ${TEGAMI_TS_FILES}
        QM_FILES_OUTPUT_VARIABLE TEGAMI_QM_FILES
        OPTIONS -silent)
    qt_add_resources(tegami_console tegami_translations
        PREFIX /i18n
        BASE ${CMAKE_CURRENT_BINARY_DIR}
        FILES ${TEGAMI_QM_FILES})
    target_compile_definitions(tegami_console PUBLIC TEGAMI_HAS_TRANSLATIONS)
endif()
