# Windows-only install rules, included from installer/Install.cmake: Qt's DLLs and plugins
# beside the programs (windeployqt), so the installed programs run without a Qt install.
# TODO(tegami): not run here (no Windows toolchain).
get_target_property(TEGAMI_QMAKE Qt6::qmake IMPORTED_LOCATION)
get_filename_component(TEGAMI_QT_BIN "${TEGAMI_QMAKE}" DIRECTORY)
find_program(TEGAMI_WINDEPLOYQT windeployqt HINTS "${TEGAMI_QT_BIN}" REQUIRED)
install(CODE "
    foreach(program tegami.exe tegamid.exe tegamictl.exe)
        if(EXISTS \"\${CMAKE_INSTALL_PREFIX}/bin/\${program}\")
            execute_process(COMMAND \"${TEGAMI_WINDEPLOYQT}\" --no-translations --no-compiler-runtime
                \"\${CMAKE_INSTALL_PREFIX}/bin/\${program}\" COMMAND_ERROR_IS_FATAL ANY)
        endif()
    endforeach()
")
# The compiler's runtime (MSVC) from CMake's own module.
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION bin)
include(InstallRequiredSystemLibraries)
