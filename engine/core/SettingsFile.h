#pragma once

#include "core/Result.h"
#include "core/Settings.h"

#include <QJsonObject>
#include <QMap>

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

// Writes data to path atomically (temporary file, fsync, rename) so a crash leaves
// either the old or the new content, never a mix.
Result<void> writeFileAtomically(const QString& path, const QByteArray& data);

} // namespace tegami
