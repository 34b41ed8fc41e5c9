# The Windows installer (CPack NSIS), included from installer/Package.cmake on Windows.
# It installs the programs under Program Files\Tegami\bin, creates %ProgramData%\Tegami
# for SYSTEM and the Administrators only, registers tegamid as the service "tegami"
# (LocalSystem, automatic start, restarted after a failure) and starts it. The uninstaller
# stops and removes the service, then the programs; the mail and settings in
# %ProgramData%\Tegami stay.
#
# The installer registers the service with sc.exe rather than `tegamictl service install`
# so that it depends on nothing but Windows; both give the same definition
# (platform::systemService in engine/service/PlatformServiceWindows.cpp): keep them alike.
#
# TODO(tegami): not built here (no Windows toolchain); check with `cpack -G NSIS` on Windows.
# CPACK_VERBATIM_VARIABLES (installer/Package.cmake) is on: what is written here (with
# CMake's usual \\ and \" escapes) is what lands in the NSIS script.
set(CPACK_GENERATOR NSIS)
set(CPACK_NSIS_PACKAGE_NAME "Tegami")
set(CPACK_NSIS_DISPLAY_NAME "Tegami Mail Server")
set(CPACK_NSIS_MUI_ICON ${PROJECT_SOURCE_DIR}/resources/icons/tegami.ico)
set(CPACK_NSIS_MUI_UNIICON ${PROJECT_SOURCE_DIR}/resources/icons/tegami.ico)
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\tegami.exe")
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
  CreateDirectory '$APPDATA\\Tegami'
  nsExec::ExecToLog 'icacls \"$APPDATA\\Tegami\" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F'
  nsExec::ExecToLog 'sc.exe create tegami binPath= \"\\\"$INSTDIR\\bin\\tegamid.exe\\\" --service\" start= auto DisplayName= \"Tegami mail server\"'
  nsExec::ExecToLog 'sc.exe description tegami \"Mail server for small offices (SMTP, IMAP, POP3). Data in %ProgramData%\\Tegami.\"'
  nsExec::ExecToLog 'sc.exe failure tegami reset= 86400 actions= restart/5000/restart/5000/restart/60000'
  nsExec::ExecToLog 'sc.exe start tegami'
")
# net stop waits until the service has stopped, so its program can be deleted.
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "
  nsExec::ExecToLog 'net.exe stop tegami'
  nsExec::ExecToLog 'sc.exe delete tegami'
")
