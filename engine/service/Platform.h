#pragma once

#include "core/Result.h"
#include "service/ControlServer.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace tegami::platform {

// The small layer that differs between Linux and Windows. Nothing POSIX- or
// Win32-specific is used outside Platform*.cpp; tests/engine/service/TestPlatform.cpp
// runs the same checks against either implementation.
//
// Two parts, in two libraries:
// - the process (PlatformPosix.cpp / PlatformWindows.cpp, in tegami_service): shutdown
//   requests and the file mode of new files;
// - the system service (PlatformServicePosix.cpp / PlatformServiceWindows.cpp, in
//   tegami_platform, which tegamictl and the console link too): who may open the control
//   socket, registering tegamid with the service manager, and talking to it.

// Calls `handler` on the event loop when the service is asked to stop (SIGTERM, SIGINT
// and SIGHUP on POSIX; console close and Ctrl+C on Windows). Call once, after the
// QCoreApplication exists.
void installShutdownHandler(std::function<void(const QString& signalName)> handler);

// Restricts new files and directories to the owner (umask 077 on POSIX).
void restrictNewFiles();

// --- The control socket ---------------------------------------------------------------

enum class ControlAccess {
    Owner, // the account tegamid runs as (a per-user instance)
    OwnerAndAdmins, // the system service: also the members of serviceAdminGroup()
};

// How ControlServer must open its socket for `access`. POSIX: owner and the process's
// group (the unit runs tegamid with Group=tegami; the socket is 0660). Windows: the
// pipe's DACL grants the process's account and BUILTIN\Administrators, nobody else.
ControlServer::EndpointAccess controlEndpointAccess(ControlAccess access);

// Who may open the control endpoint `serverName` (ControlServer::serverName()): account
// and group names as serviceAccountName()/serviceAdminGroup() spell them. Empty with
// `error` set when the endpoint cannot be inspected.
QStringList endpointPrincipals(const QString& serverName, QString* error);

// The account this process runs as, and the group whose members may use the system
// service's control socket when this process is that service (POSIX: the process's
// group, "tegami" under the unit; Windows: BUILTIN\Administrators).
QString currentAccountName();
QString serviceAdminGroup(ControlAccess access);

// --- The system service ---------------------------------------------------------------

struct ServiceDefinition {
    QString name; // "tegami": the unit (tegami.service) or the Windows service name
    QString displayName;
    QString description;
    QString program; // full path of tegamid
    QStringList arguments; // {"--service"}
};

// The machine's Tegami service, with `program` as its tegamid.
ServiceDefinition systemService(const QString& program);

enum class ServiceState { NotInstalled, Stopped, Starting, Running, Stopping };
QString serviceStateName(ServiceState state);

// Whether this program registers, starts and stops the service itself (Windows: the
// service control manager's API). When false (Linux), the package installs the systemd
// unit, systemctl manages it, and the functions below fail with the systemctl command
// to use instead.
bool managesServiceItself();
// The command an admin types to do `action` ("start", "stop", "enable", "remove") with the
// system service on this platform, for messages.
QString serviceCommandHint(const QString& action);

Result<void> installService(const ServiceDefinition& service);
Result<void> removeService(const QString& name);
Result<void> startService(const QString& name);
Result<void> stopService(const QString& name);
Result<ServiceState> serviceState(const QString& name);

// Runs under the service manager. Windows: connects to the service control manager
// (tegamid --service must be started by it), reports "starting", and routes its stop and
// shutdown requests to `onStop` on the event loop. POSIX: systemd supervises an ordinary
// process, so nothing is needed. Call after the QCoreApplication exists, before starting
// the engine; then reportServiceRunning() once listening, and endService() before exit.
Result<void> beginService(const QString& name, std::function<void()> onStop);
void reportServiceRunning();
void endService(int exitCode);

} // namespace tegami::platform
