#include "core/SettingsFile.h"

#include "core/FileSync.h"
#include "core/SettingsSchema.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <filesystem>
#include <system_error>

namespace tegami {

namespace {

// Line and column of a byte offset, for parse errors an admin can find in an editor.
QString position(const QByteArray& data, int offset)
{
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < data.size(); ++i) {
        if (data.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

} // namespace

Result<void> writeFileAtomically(const QString& path, const QByteArray& data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::io(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(data) != data.size())
        return Error::io(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    // QSaveFile::commit() fsyncs the temporary file before renaming it over the target;
    // the rename itself is durable once the directory is synced.
    if (!file.commit())
        return Error::io(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return platform::syncDirectory(QFileInfo(path).absolutePath());
}

Result<UpgradeBackup> UpgradeBackup::take(
    const QString& backupsDir, const QString& what, int from, int to, const QStringList& files)
{
    const QFileDevice::Permissions ownerDir = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'"));
    UpgradeBackup copy;
    copy.m_dir = QStringLiteral("%1/pre-upgrade-%2-%3-%4-%5").arg(backupsDir, what).arg(from).arg(to).arg(stamp);
    if (!QDir().mkpath(copy.m_dir)) {
        return Error::io(QStringLiteral("cannot create %1 to keep a copy before upgrading the %2: check the free space "
                                        "and the permissions of %3")
                             .arg(copy.m_dir, what, backupsDir));
    }
    QFile::setPermissions(backupsDir, ownerDir);
    QFile::setPermissions(copy.m_dir, ownerDir);
    for (const QString& file : files) {
        if (!QFileInfo::exists(file))
            continue;
        const QString target = copy.m_dir + QLatin1Char('/') + QFileInfo(file).fileName();
        if (!QFile::copy(file, target)) {
            return Error::io(QStringLiteral("cannot copy %1 to %2 before upgrading the %3: check the free space")
                                 .arg(file, target, what));
        }
        QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QFile copied(target);
        if (copied.open(QIODevice::ReadWrite)) {
            if (Result<void> r = platform::syncFile(copied); !r)
                return r.error();
        }
        copy.m_files << QFileInfo(file).absoluteFilePath();
    }
    if (Result<void> r = platform::syncDirectory(copy.m_dir); !r)
        return r.error();
    return copy;
}

Result<void> UpgradeBackup::restore() const
{
    for (const QString& file : m_files) {
        const QString source = m_dir + QLatin1Char('/') + QFileInfo(file).fileName();
        const QString staged = file + QStringLiteral(".restoring");
        QFile::remove(staged);
        if (!QFile::copy(source, staged))
            return Error::io(QStringLiteral("cannot copy %1 back to %2").arg(source, file));
        std::error_code ec;
        std::filesystem::rename(QFile::encodeName(staged).toStdString(), QFile::encodeName(file).toStdString(), ec);
        if (ec) {
            QFile::remove(staged);
            return Error::io(QStringLiteral("cannot put %1 back as %2: %3")
                                 .arg(source, file, QString::fromLocal8Bit(ec.message().c_str())));
        }
        QFile::remove(file + QStringLiteral("-wal"));
        QFile::remove(file + QStringLiteral("-shm"));
        if (Result<void> r = platform::syncDirectory(QFileInfo(file).absolutePath()); !r)
            return r;
    }
    return {};
}

QString upgradeFailureMessage(const QString& what, int from, int to, const QString& reason, const UpgradeBackup& copy,
    const Result<void>& restored)
{
    const QString head = QStringLiteral("upgrading the %1 from schema version %2 to %3 failed: %4. ")
                             .arg(what)
                             .arg(from)
                             .arg(to)
                             .arg(reason);
    if (!restored) {
        return head
            + QStringLiteral("Putting the previous files back failed too (%1): copy them back yourself from %2 before "
                             "starting Tegami again")
                  .arg(restored.error().message, copy.directory());
    }
    return head
        + QStringLiteral("The previous files were put back unchanged (a copy is in %1); fix the cause and start again, "
                         "or reinstall the previous Tegami version")
              .arg(copy.directory());
}

SettingsFile::SettingsFile(QString path)
    : m_path(std::move(path))
    , m_targetVersion(SettingsSchema::currentVersion)
{ }

void SettingsFile::setMigrations(QMap<int, SettingsMigrationStep> steps, int targetVersion)
{
    m_steps = std::move(steps);
    m_targetVersion = targetVersion;
}

Result<Settings> SettingsFile::load(bool* created) const
{
    if (created)
        *created = false;
    QFile file(m_path);
    if (!file.exists()) {
        if (created)
            *created = true;
        return Settings::defaults();
    }
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("settings file %1 cannot be read: %2").arg(m_path, file.errorString()));
    const QByteArray data = file.readAll();
    file.close();

    const auto fail = [this](const QString& field, const QString& message) {
        Error e = Error::invalid(field,
            QStringLiteral("settings file %1: %2%3")
                .arg(m_path, field.isEmpty() ? QString() : QStringLiteral("field '%1' ").arg(field), message));
        return e;
    };

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail({},
            QStringLiteral("is not valid JSON (%1: %2). Fix the file in an editor, or replace it with the "
                           "previous copy %3.")
                .arg(position(data, parseError.offset), parseError.errorString(), backupPath()));
    }
    if (!doc.isObject())
        return fail({},
            QStringLiteral("must contain a JSON object ({ ... }). Restore the previous copy %1.").arg(backupPath()));

    QJsonObject document = doc.object();
    const QJsonValue versionValue = document.value(QStringLiteral("schemaVersion"));
    if (!versionValue.isUndefined() && (!versionValue.isDouble() || versionValue.toInteger() < 1))
        return fail(QStringLiteral("schemaVersion"), QStringLiteral("must be a positive whole number"));
    int version = versionValue.isUndefined() ? 1 : static_cast<int>(versionValue.toInteger());
    if (version > m_targetVersion) {
        return fail(QStringLiteral("schemaVersion"),
            QStringLiteral("is %1, but this Tegami understands up to %2: the file was written by a newer "
                           "version. Install that version again, or restore a backup made before the upgrade.")
                .arg(version)
                .arg(m_targetVersion));
    }

    const bool migrating = version < m_targetVersion;
    const int from = version;
    std::optional<UpgradeBackup> copy;
    if (migrating) {
        const QString backup = m_path + QStringLiteral(".v%1.bak").arg(version);
        QFile::remove(backup);
        if (!QFile::copy(m_path, backup))
            return Error::io(QStringLiteral("cannot back up %1 to %2 before migrating it").arg(m_path, backup));
        Result<UpgradeBackup> taken = UpgradeBackup::take(QFileInfo(m_path).absolutePath() + QStringLiteral("/backups"),
            QStringLiteral("settings"), from, m_targetVersion, { m_path });
        if (!taken)
            return taken.error();
        copy = std::move(*taken);
        for (; version < m_targetVersion; ++version) {
            const auto step = m_steps.constFind(version);
            if (step == m_steps.constEnd()) {
                return fail(QStringLiteral("schemaVersion"),
                    QStringLiteral("version %1 cannot be upgraded (no migration step); restore a backup").arg(version));
            }
            if (Result<void> r = (*step)(document); !r) {
                // Nothing was written: the file is as it was.
                return fail(r.error().field,
                    QStringLiteral("migration from version %1 failed: %2. The file was not changed; a copy "
                                   "is in %3 and in %4.")
                        .arg(version)
                        .arg(r.error().message, backup, copy->directory()));
            }
        }
        document.insert(QStringLiteral("schemaVersion"), m_targetVersion);
    }

    Result<Settings> settings = Settings::fromJson(document);
    if (!settings) {
        if (migrating) {
            return fail(settings.error().field,
                upgradeFailureMessage(QStringLiteral("settings"), from, m_targetVersion, settings.error().message,
                    *copy, Result<void>()));
        }
        return fail(settings.error().field, settings.error().message);
    }
    if (migrating) {
        if (Result<void> w = save(*settings); !w) {
            return Error::io(upgradeFailureMessage(
                QStringLiteral("settings"), from, m_targetVersion, w.error().message, *copy, copy->restore()));
        }
    }
    return settings;
}

Result<void> SettingsFile::save(const Settings& settings) const
{
    QJsonObject document = settings.toJson();
    document.insert(QStringLiteral("schemaVersion"), m_targetVersion);
    return writeDocument(document);
}

Result<void> SettingsFile::writeDocument(const QJsonObject& document) const
{
    // Keep the previous copy: copy it aside first (atomically), then replace the file.
    QFile current(m_path);
    if (current.exists()) {
        if (!current.open(QIODevice::ReadOnly))
            return Error::io(QStringLiteral("cannot read %1 to keep a copy: %2").arg(m_path, current.errorString()));
        const QByteArray previous = current.readAll();
        current.close();
        if (Result<void> r = writeFileAtomically(backupPath(), previous); !r)
            return r;
    }
    return writeFileAtomically(m_path, QJsonDocument(document).toJson(QJsonDocument::Indented));
}

} // namespace tegami
