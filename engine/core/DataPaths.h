#pragma once

#include <QString>

namespace tegami {

// Where a Tegami instance keeps its files. Everything lives under one data directory
// so a backup is one folder and two instances never share state.
class DataPaths {
public:
    explicit DataPaths(QString dataDir);

    // The per-user default: the platform's application data location
    // (Linux: ~/.local/share/tegami), or $TEGAMI_DATA_DIR when set.
    static QString defaultDataDir();

    QString dataDir() const { return m_dir; }
    QString settingsFile() const; // settings.json
    QString accountsDatabase() const; // accounts.db
    QString storeDir() const; // store/ (index.db and message files)
    QString spoolDir() const; // queue/ (accepted messages waiting for delivery, with their envelopes)
    QString certificateDir() const; // certs/ (certificates, private keys at 0600, pending requests)
    QString protocolLogDir() const; // logs/protocol/
    QString serviceLogFile() const; // logs/tegamid.log
    QString lockFile() const; // tegamid.lock
    QString controlSocket() const; // control.sock (a named pipe name on Windows)

    // Creates the directory tree with owner-only permissions.
    bool ensureExists(QString* error) const;

private:
    QString m_dir;
};

} // namespace tegami
