// TODO(tegami): compiled only on Windows and not built here (no Windows toolchain in
// this environment). The service control manager's side is PlatformServiceWindows.cpp.
#include "service/Platform.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <windows.h>

namespace tegami::platform {

namespace {
std::function<void(const QString&)> g_handler;

BOOL WINAPI onConsoleEvent(DWORD type)
{
    const QString name = type == CTRL_C_EVENT ? QStringLiteral("Ctrl+C") : QStringLiteral("console close");
    QMetaObject::invokeMethod(
        QCoreApplication::instance(), [name] { g_handler(name); }, Qt::QueuedConnection);
    return TRUE;
}
} // namespace

void installShutdownHandler(std::function<void(const QString& signalName)> handler)
{
    g_handler = std::move(handler);
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

void restrictNewFiles()
{
    // The data directory's ACL (set by the installer) governs access on Windows.
}

} // namespace tegami::platform
