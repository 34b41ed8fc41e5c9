#pragma once

#include "core/Result.h"
#include "core/Settings.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <functional>

namespace tegami {

// Upgrades a settings document from one schema version to the next, in place.
using SettingsMigrationStep = std::function<Result<void>(QJsonObject& document)>;

// Reading and writing settings.json. Loading never resets a bad file: it fails with a
// message naming the file, the field and the fix, and the service refuses to start.
// Saving is atomic and keeps the previous copy as settings.json.bak.
class SettingsFile {
public:
    explicit SettingsFile(QString path);

    // Steps keyed by the version they upgrade from (1 -> 2 is keyed 1). The default
    // chain is empty: schema version 1 is the first released one.
    void setMigrations(QMap<int, SettingsMigrationStep> steps, int targetVersion);

    // A missing file gives the defaults (a fresh data directory); `created` says so.
    // An older schema is migrated (after copying the file to settings.json.v<N>.bak)
    // and written back; a newer one is refused.
    Result<Settings> load(bool* created = nullptr) const;
    Result<void> save(const Settings& settings) const;

    QString path() const { return m_path; }
    QString backupPath() const { return m_path + QStringLiteral(".bak"); }

private:
    Result<void> writeDocument(const QJsonObject& document) const;

    QString m_path;
    QMap<int, SettingsMigrationStep> m_steps;
    int m_targetVersion;
};

// Copies of files taken before a schema migration (settings, accounts database, store
// index), so that a failed migration puts them back byte for byte. They live in
// <backupsDir>/pre-upgrade-<what>-<from>-<to>-<UTC time>/ (DATA/backups/... for the
// service) and stay there after a successful upgrade, until the admin removes them.
class UpgradeBackup {
public:
    // Copies each existing file of `files` (absolute paths) into a new directory under
    // backupsDir (created owner-only). A SQLite database must be checkpointed first, so that
    // its main file holds every committed change.
    static Result<UpgradeBackup> take(
        const QString& backupsDir, const QString& what, int from, int to, const QStringList& files);

    // Puts every copied file back in place (each by an atomic rename) and removes the files
    // SQLite keeps beside a database (-wal, -shm), which would otherwise be replayed onto the
    // restored copy. Close the database first.
    Result<void> restore() const;
    QString directory() const { return m_dir; }

private:
    QString m_dir;
    QStringList m_files;
};

// The message of a failed migration an admin can act on: which data, from and to which
// version, why, and where the copy taken before it is; `restored` tells whether the
// previous files are back in place.
QString upgradeFailureMessage(const QString& what, int from, int to, const QString& reason, const UpgradeBackup& copy,
    const Result<void>& restored);

// Writes data to path atomically (temporary file, fsync, rename) so a crash leaves
// either the old or the new content, never a mix.
Result<void> writeFileAtomically(const QString& path, const QByteArray& data);

} // namespace tegami
