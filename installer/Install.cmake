# What an installation contains (make package, cmake --install). Included from the
# top-level CMakeLists.txt. Paths are relative to the install prefix: /usr in the .deb,
# the chosen folder on Windows.
include(GNUInstallDirs)

set(TEGAMI_INSTALLER_DIR ${CMAKE_CURRENT_LIST_DIR})

install(TARGETS tegamid tegamictl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET tegami)
    install(TARGETS tegami RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

# The marker that tells the installed programs to use the system service by default
# (DataPaths::isSystemInstall), and the README as documentation.
install(FILES ${TEGAMI_INSTALLER_DIR}/system-service DESTINATION ${CMAKE_INSTALL_DATADIR}/tegami)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/tegami)

if(WIN32)
    include(${TEGAMI_INSTALLER_DIR}/windows/Install.cmake)
elseif(UNIX AND NOT APPLE)
    # Debian 12 keeps units in /lib/systemd/system (packages do not move files into /usr
    # while dpkg cannot see through the merged-/usr links).
    install(FILES ${TEGAMI_INSTALLER_DIR}/linux/tegami.service DESTINATION /lib/systemd/system)
    install(FILES ${TEGAMI_INSTALLER_DIR}/linux/tegami.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/tegami.svg
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
    foreach(size 16 32 48 64 128 256)
        install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/hicolor/${size}x${size}/tegami.png
                DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
    endforeach()
endif()
