#pragma once

#include <QString>

#include <functional>

namespace tegami::platform {

// The small layer that differs between Linux and Windows. Nothing POSIX- or
// Win32-specific is used outside Platform*.cpp.

// Calls `handler` on the event loop when the service is asked to stop (SIGTERM, SIGINT
// and SIGHUP on POSIX; console close and Ctrl+C on Windows). Call once, after the
// QCoreApplication exists.
void installShutdownHandler(std::function<void(const QString& signalName)> handler);

// Restricts new files and directories to the owner (umask 077 on POSIX).
void restrictNewFiles();

} // namespace tegami::platform
