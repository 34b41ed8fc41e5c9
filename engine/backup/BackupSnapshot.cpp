#include "backup/BackupSnapshot.h"

#include "core/FileSync.h"
#include "store/MessageFiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include "backup/BackupSql.h"

namespace tegami {

namespace {

constexpr int maxReportedMissing = 20;

class Stager {
public:
    Stager(const DataPaths& paths, QString stagingDir)
        : m_data(paths.dataDir())
        , m_staging(std::move(stagingDir))
    { }

    QString target(const QString& relative) const { return m_staging + QLatin1Char('/') + relative; }

    Result<void> ensureParent(const QString& relative)
    {
        const QString dir = QFileInfo(target(relative)).absolutePath();
        if (m_made.contains(dir))
            return {};
        if (!QDir().mkpath(dir))
            return Error::io(
                QStringLiteral("cannot create %1 for the backup; check the free space and permissions").arg(dir));
        m_made.insert(dir);
        return {};
    }

    Result<void> copy(const QString& relative)
    {
        if (Result<void> r = ensureParent(relative); !r)
            return r;
        const QString from = m_data + QLatin1Char('/') + relative;
        if (!QFile::copy(from, target(relative)))
            return Error::io(QStringLiteral("cannot copy %1 into the backup; check the free space").arg(from));
        return {};
    }

    // A second name for an immutable file; a copy where the file system has no links.
    Result<void> link(const QString& relative)
    {
        if (Result<void> r = ensureParent(relative); !r)
            return r;
        const QString from = m_data + QLatin1Char('/') + relative;
        if (platform::hardLink(from, target(relative), nullptr))
            return {};
        return copy(relative);
    }

    // Every file under a directory of the data directory (relative paths, sorted).
    QStringList filesUnder(const QString& relativeDir) const
    {
        QStringList files;
        const QString root = m_data + QLatin1Char('/') + relativeDir;
        if (!QFileInfo(root).isDir())
            return files;
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << QDir(m_data).relativeFilePath(it.next());
        files.sort();
        return files;
    }

    Result<void> vacuumInto(const QString& relativeDb)
    {
        if (Result<void> r = ensureParent(relativeDb); !r)
            return r;
        Result<backupsql::Connection> db = backupsql::Connection::open(m_data + QLatin1Char('/') + relativeDb, false);
        if (!db)
            return db.error();
        return db->exec(QStringLiteral("VACUUM INTO %1").arg(backupsql::quoted(target(relativeDb))));
    }

private:
    QString m_data;
    QString m_staging;
    QSet<QString> m_made;
};

Result<qint64> count(const backupsql::Connection& db, const QString& sql)
{
    Result<QVariant> v = db.scalar(sql);
    if (!v)
        return v.error();
    return v->toLongLong();
}

int settingsSchemaOf(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    return o.value(QStringLiteral("schemaVersion")).toInt(1);
}

} // namespace

void removeTree(const QString& dir)
{
    if (!dir.isEmpty())
        QDir(dir).removeRecursively();
}

namespace {

// The snapshot up to the message files. With `pending`, their relative paths are returned
// there instead of being linked (phase 2 links them); without, they are linked here and a
// missing one is reported as damage of the live store.
Result<BackupManifest> snapshot(const DataPaths& paths, const QString& stagingDir, QStringList* pending)
{
    if (QFileInfo::exists(stagingDir))
        return Error::exists(QStringLiteral("the backup staging directory %1 already exists").arg(stagingDir));
    if (!QDir().mkpath(stagingDir))
        return Error::io(QStringLiteral("cannot create %1: check the free space and permissions").arg(stagingDir));
    QFile::setPermissions(stagingDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    Stager stager(paths, stagingDir);
    BackupManifest manifest;
    manifest.tegamiVersion = QStringLiteral(TEGAMI_VERSION);
    manifest.createdAt = QDateTime::currentDateTimeUtc();
    manifest.sourceDataDir = paths.dataDir();
    const QDir data(paths.dataDir());

    if (QFileInfo::exists(paths.settingsFile())) {
        if (Result<void> r = stager.copy(data.relativeFilePath(paths.settingsFile())); !r)
            return r.error();
        manifest.settingsSchema = settingsSchemaOf(paths.settingsFile());
        manifest.contents << QStringLiteral("settings");
    }

    const QString accountsRel = data.relativeFilePath(paths.accountsDatabase());
    if (QFileInfo::exists(paths.accountsDatabase())) {
        if (Result<void> r = stager.vacuumInto(accountsRel); !r)
            return r.error();
        Result<backupsql::Connection> db = backupsql::Connection::open(stager.target(accountsRel), false);
        if (!db)
            return db.error();
        Result<qint64> version = count(*db, QStringLiteral("PRAGMA user_version"));
        Result<qint64> domains = count(*db, QStringLiteral("SELECT COUNT(*) FROM domains"));
        Result<qint64> mailboxes = count(*db, QStringLiteral("SELECT COUNT(*) FROM mailboxes"));
        Result<qint64> aliases = count(*db, QStringLiteral("SELECT COUNT(*) FROM aliases"));
        for (const Result<qint64>* r : { &version, &domains, &mailboxes, &aliases }) {
            if (!*r)
                return r->error();
        }
        manifest.accountsSchema = static_cast<int>(*version);
        manifest.counts.domains = *domains;
        manifest.counts.mailboxes = *mailboxes;
        manifest.counts.aliases = *aliases;
        manifest.contents << QStringLiteral("accounts");
    }

    const QStringList certificates = stager.filesUnder(data.relativeFilePath(paths.certificateDir()));
    for (const QString& file : certificates) {
        if (Result<void> r = stager.copy(file); !r)
            return r.error();
    }
    manifest.counts.certificateFiles = certificates.size();
    manifest.contents << QStringLiteral("certificates");

    const QString indexRel = data.relativeFilePath(paths.storeDir() + QStringLiteral("/index.db"));
    if (QFileInfo::exists(paths.storeDir() + QStringLiteral("/index.db"))) {
        if (Result<void> r = stager.vacuumInto(indexRel); !r)
            return r.error();
        Result<backupsql::Connection> db = backupsql::Connection::open(stager.target(indexRel), false);
        if (!db)
            return db.error();
        Result<qint64> version = count(*db, QStringLiteral("PRAGMA user_version"));
        Result<qint64> folders = count(*db, QStringLiteral("SELECT COUNT(*) FROM folders"));
        Result<qint64> messages = count(*db, QStringLiteral("SELECT COUNT(*) FROM messages"));
        Result<qint64> bytes = count(*db, QStringLiteral("SELECT COALESCE(SUM(size), 0) FROM messages"));
        for (const Result<qint64>* r : { &version, &folders, &messages, &bytes }) {
            if (!*r)
                return r->error();
        }
        manifest.storeSchema = static_cast<int>(*version);
        manifest.counts.folders = *folders;
        manifest.counts.messages = *messages;
        manifest.counts.messageBytes = *bytes;

        Result<QVariantList> ids = db->column(QStringLiteral("SELECT id FROM files ORDER BY id"));
        if (!ids)
            return ids.error();
        const MessageFiles files(paths.storeDir(), false);
        int missing = 0;
        for (const QVariant& id : *ids) {
            const QString path = files.pathFor(id.toLongLong());
            if (pending) {
                *pending << data.relativeFilePath(path);
                continue;
            }
            if (!QFileInfo::exists(path)) {
                // The live store is damaged already: back up what there is and say so.
                if (++missing <= maxReportedMissing)
                    manifest.warnings << QStringLiteral("message file %1 was missing from the store").arg(path);
                continue;
            }
            if (Result<void> r = stager.link(data.relativeFilePath(path)); !r)
                return r.error();
        }
        if (missing > maxReportedMissing)
            manifest.warnings << QStringLiteral("%1 more message files were missing").arg(missing - maxReportedMissing);
        manifest.contents << QStringLiteral("mail");
    }

    const QString spoolRel = data.relativeFilePath(paths.spoolDir());
    for (const QString& sub : { QStringLiteral("/messages"), QStringLiteral("/damaged") }) {
        for (const QString& file : stager.filesUnder(spoolRel + sub)) {
            if (Result<void> r = stager.link(file); !r)
                return r.error();
            if (sub == QLatin1String("/messages") && file.endsWith(QLatin1String(".json")))
                ++manifest.counts.queuedMessages;
        }
    }
    manifest.contents << QStringLiteral("queue");
    return manifest;
}

} // namespace

Result<BackupManifest> takeSnapshot(const DataPaths& paths, const QString& stagingDir)
{
    return snapshot(paths, stagingDir, nullptr);
}

Result<PartialSnapshot> beginSnapshot(const DataPaths& paths, const QString& stagingDir)
{
    PartialSnapshot partial;
    Result<BackupManifest> manifest = snapshot(paths, stagingDir, &partial.messageFiles);
    if (!manifest)
        return manifest.error();
    partial.manifest = *manifest;
    return partial;
}

Result<int> linkMessageFiles(const DataPaths& paths, const QString& stagingDir, const QStringList& messageFiles)
{
    Stager stager(paths, stagingDir);
    int vanished = 0;
    for (const QString& file : messageFiles) {
        if (!QFileInfo::exists(paths.dataDir() + QLatin1Char('/') + file)) {
            ++vanished;
            continue;
        }
        if (Result<void> r = stager.link(file); !r)
            return r.error();
    }
    return vanished;
}

} // namespace tegami
