#pragma once

#include <QString>
#include <QStringList>

namespace tegami {

// How the console finds its service (from the command line, or set by tests).
struct ConsoleOptions {
    QString dataDir; // the service's data directory
    QString socketName; // empty: the data directory's control socket
    bool startService = true; // start the bundled tegamid when none answers
    QString servicePath; // empty: tegamid beside the console
    QStringList serviceArguments; // extra arguments for a tegamid the console starts
    bool trayIcon = true; // show a tray icon when the desktop has a tray
};

} // namespace tegami
