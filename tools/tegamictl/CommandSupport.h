#pragma once

// What every tegamictl command uses: the call context, the command table entry, and the
// ways to call the service and to fail.

#include "core/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

#include "CommandLine.h"
#include "Commands.h"

namespace tegami {
class ControlClient;
}

namespace tegami::cli {

struct Context {
    const CommandLine& cl;
    ControlClient& client;
    bool json = false;
};

using CommandFn = std::function<int(Context&)>;

struct Command {
    QStringList words; // {"user", "add"}
    QString synopsis; // "user add ADDRESS [--name NAME] ..."
    QString summary;
    CommandFn run;
    // False for commands that work without a running service (service install|start|status).
    bool needsService = true;
};

int usageError(const QString& message);
int serviceError(const Error& e);
// Calls a method; prints the result as JSON with --json, else hands it to `print`.
int call(Context& ctx, const QString& method, const QJsonObject& params,
    const std::function<void(const QJsonValue&)>& print);
// Reads a password without echoing it: from stdin when it is not a terminal
// (scripts: `echo secret | tegamictl user add ...`), else from a prompt.
std::optional<QString> readPassword(const CommandLine& cl, const QString& prompt);

// The command groups kept in their own files.
QList<Command> certificateCommands(); // CertCommands.cpp
QList<Command> queueCommands(); // QueueCommands.cpp
QList<Command> diagnosticTestCommands(); // TestCommands.cpp: test pop3|imap|smtp|all
QList<Command> clientSettingsCommands(); // ClientSettingsCommands.cpp: client-settings, port check
QList<Command> backupCommands(); // BackupCommands.cpp: backup create|restore
QList<Command> serviceCommands(); // ServiceCommands.cpp: service install|remove (Windows)

// The yes/no flags (--name without a value) of each group, added to commandFlags().
QStringList diagnosticTestFlags();
QStringList clientSettingsFlags();
QStringList backupFlags();
QStringList serviceFlags();

} // namespace tegami::cli
