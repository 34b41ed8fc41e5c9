#!/usr/bin/env bash
# Compiles the Windows-only code with MinGW-w64 against this machine's Qt headers: a check
# of syntax, types and warnings for code that cannot be built here (no Windows Qt to link).
# Not a Windows build: it proves nothing about behaviour. Needs g++-mingw-w64-x86-64-posix.
# Usage: installer/windows/check-syntax.sh   (from the repository root)
set -euo pipefail
cxx=$(command -v x86_64-w64-mingw32-g++-posix || true)
[ -n "$cxx" ] || { echo "check-syntax: install g++-mingw-w64-x86-64-posix first" >&2; exit 2; }
qt=$(qmake6 -query QT_INSTALL_HEADERS 2>/dev/null || echo /usr/include/x86_64-linux-gnu/qt6)
files=(engine/service/PlatformServiceWindows.cpp engine/service/PlatformWindows.cpp engine/core/DataPaths.cpp
    engine/core/FileSync.cpp engine/service/ControlServer.cpp tools/tegamictl/ServiceCommands.cpp
    app/client/ServiceLauncher.cpp tools/tegamid/main.cpp)
status=0
for f in "${files[@]}"; do
    if "$cxx" -std=c++20 -c -o /dev/null -Wall -Wextra -Wpedantic -Wshadow=local -Werror -DQT_NO_KEYWORDS -DUNICODE \
        -D_UNICODE -DTEGAMI_VERSION='"0"' -Iengine -Iapp -Itools/tegamictl -isystem "$qt" -isystem "$qt/QtCore" \
        -isystem "$qt/QtNetwork" -isystem "$qt/QtSql" "$f"; then
        echo "ok      $f"
    else
        echo "FAILED  $f"
        status=1
    fi
done
exit $status
