# The Windows installer (CPack NSIS), included from installer/Package.cmake on Windows.
# It installs the programs under Program Files\Tegami\bin, creates %ProgramData%\Tegami
# for SYSTEM and the Administrators only, registers tegamid as the service "tegami"
# (LocalSystem, automatic start) and starts it. The uninstaller removes the service and
# the programs; the mail and settings in %ProgramData%\Tegami stay.
#
# TODO(tegami): not built here (no Windows toolchain); check with `cpack -G NSIS` on Windows.
# NSIS needs a backslash written twice in a CMake string and once more for CPack, hence \\\\.
set(CPACK_GENERATOR NSIS)
set(CPACK_NSIS_PACKAGE_NAME "Tegami")
set(CPACK_NSIS_DISPLAY_NAME "Tegami Mail Server")
set(CPACK_NSIS_MUI_ICON ${PROJECT_SOURCE_DIR}/resources/icons/tegami.ico)
set(CPACK_NSIS_MUI_UNIICON ${PROJECT_SOURCE_DIR}/resources/icons/tegami.ico)
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\tegami.exe")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
set(CPACK_NSIS_MENU_LINKS "bin/tegami.exe" "Tegami Mail Server")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH OFF)
# The service and %ProgramData% need an administrator: CMake's NSIS template already asks
# for one (RequestExecutionLevel admin). The uninstall commands run before the files go.

# SIDs rather than names: S-1-5-18 is SYSTEM, S-1-5-32-544 the Administrators group, in
# every language of Windows.
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "
  SetShellVarContext all
  CreateDirectory '$APPDATA\\\\Tegami'
  nsExec::ExecToLog 'icacls \"$APPDATA\\\\Tegami\" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F'
  nsExec::ExecToLog '\"$INSTDIR\\\\bin\\\\tegamictl.exe\" service install'
  nsExec::ExecToLog '\"$INSTDIR\\\\bin\\\\tegamictl.exe\" service start'
")
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "
  nsExec::ExecToLog '\"$INSTDIR\\\\bin\\\\tegamictl.exe\" service remove'
")
