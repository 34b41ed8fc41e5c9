# CPack: a .deb on Linux (make package), an NSIS installer on Windows. Included from the
# top-level CMakeLists.txt after Install.cmake.
set(CPACK_PACKAGE_NAME tegami)
set(CPACK_PACKAGE_VENDOR "Tegami")
set(CPACK_PACKAGE_CONTACT "Tegami maintainers <tegami@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Mail server for small offices, with a desktop console")
set(CPACK_PACKAGE_DESCRIPTION "Tegami receives, stores and sends the mail of a small office (SMTP, submission, \
IMAP, POP3, TLS certificates). tegamid runs as the system service tegami; tegamictl and the tegami console manage \
it. Members of the group tegami may use its control socket.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY Tegami)
set(CPACK_PACKAGE_EXECUTABLES tegami "Tegami Mail Server")
set(CPACK_RESOURCE_FILE_README ${PROJECT_SOURCE_DIR}/README.md)
# The build type keeps debug information; the package does not need it.
set(CPACK_STRIP_FILES ON)
# Values reach the generators as written (the NSIS commands hold quotes and backslashes).
set(CPACK_VERBATIM_VARIABLES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build/;/\\\\.git/")

if(WIN32)
    include(${CMAKE_CURRENT_LIST_DIR}/windows/Nsis.cmake)
else()
    set(CPACK_GENERATOR DEB)
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # tegami_0.1.0_amd64.deb
    set(CPACK_DEBIAN_PACKAGE_SECTION mail)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.invalid/tegami")
    # Libraries from dpkg-shlibdeps; then what it cannot see: the Qt plugins the programs
    # load at run time (SQLite driver, SVG icons, the display platforms) and the tools the
    # maintainer scripts call.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, libqt6sql6-sqlite, libqt6svg6, qt6-qpa-plugins")
    set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
        ${CMAKE_CURRENT_LIST_DIR}/debian/postinst ${CMAKE_CURRENT_LIST_DIR}/debian/prerm
        ${CMAKE_CURRENT_LIST_DIR}/debian/postrm)
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
endif()

include(CPack)
