#pragma once

#include <QString>

namespace tegami {

// Where a Tegami instance keeps its files. Everything lives under one data directory
// so a backup is one folder and two instances never share state.
class DataPaths {
public:
    explicit DataPaths(QString dataDir);

    // $TEGAMI_DATA_DIR when set; else the system service's directory when this program is
    // the installed one and that service exists (isSystemInstall()); else the per-user
    // default: the platform's application data location (Linux: ~/.local/share/tegami).
    static QString defaultDataDir();
    // Where a tegamid started by hand keeps its data: $TEGAMI_DATA_DIR when set, else the
    // per-user default. Never the system service's directory, which only tegamid --service
    // (the service's own account) may write.
    static QString personalDataDir();

    // The system service's data directory (Linux: /var/lib/tegami, created by the package;
    // Windows: %ProgramData%\Tegami) and its control socket, which lives apart from the data
    // so that the admin group can reach it without reading the mail (Linux:
    // /run/tegami/control.sock, Windows: the pipe "tegami-control").
    static QString systemDataDir();
    static QString systemControlSocket();
    // True when this program was installed by the package (it finds
    // <prefix>/share/tegami/system-service beside its bin directory) and the system
    // service's data directory exists. A build tree never qualifies, so development and
    // tests keep their own directories on a machine where the package is installed.
    static bool isSystemInstall();

    QString dataDir() const { return m_dir; }
    QString settingsFile() const; // settings.json
    QString accountsDatabase() const; // accounts.db
    QString storeDir() const; // store/ (index.db and message files)
    QString spoolDir() const; // queue/ (accepted messages waiting for delivery, with their envelopes)
    QString certificateDir() const; // certs/ (certificates, private keys at 0600, pending requests)
    QString protocolLogDir() const; // logs/protocol/
    QString serviceLogFile() const; // logs/tegamid.log
    QString lockFile() const; // tegamid.lock
    // control.sock (a named pipe name on Windows); systemControlSocket() for systemDataDir().
    QString controlSocket() const;

    // Creates the directory tree with owner-only permissions.
    bool ensureExists(QString* error) const;

private:
    QString m_dir;
};

} // namespace tegami
