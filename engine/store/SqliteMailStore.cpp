#include "store/SqliteMailStore.h"

#include "core/FileSync.h"
#include "store/SqlUtil.h"
#include "store/StoreLog.h"
#include "store/StoreNotifier.h"
#include "store/StoreSchema.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlQuery>

#include <algorithm>

namespace tegami {

Q_LOGGING_CATEGORY(lcStore, "tegami.store")

namespace {

constexpr int maxReportedMissing = 20;

QString newConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("tegami-store-%1").arg(++counter);
}

} // namespace

SqliteMailStore::SqliteMailStore(const QString& dir, const StoreOptions& options)
    : m_dir(dir)
    , m_connectionName(newConnectionName())
    , m_options(options)
    , m_clock(options.clock ? options.clock : &Clock::system())
    , m_files(dir, options.durability == Durability::Full)
    , m_lock(dir + QStringLiteral("/store.lock"))
    , m_notifier(std::make_unique<StoreNotifier>())
{
    // The service runs for months; the lock must never become "stale" by age while the
    // owner lives. A dead owner's lock is still taken over (QLockFile checks the pid).
    m_lock.setStaleLockTime(0);
}

SqliteMailStore::~SqliteMailStore()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

Result<std::unique_ptr<SqliteMailStore>> SqliteMailStore::open(const QString& dir, const StoreOptions& options)
{
    if (dir.trimmed().isEmpty()) {
        return Error::invalid(QStringLiteral("store"),
            QStringLiteral("no store directory given; pass the data directory's store/ folder"));
    }
    const QString absolute = QDir::cleanPath(QDir(dir).absolutePath());
    const bool created = !QFileInfo::exists(absolute);
    if (!QDir().mkpath(absolute) || !QFileInfo(absolute).isDir()) {
        return Error::io(QStringLiteral("cannot create the store directory %1: check that its parent exists and is "
                                        "writable")
                             .arg(absolute));
    }
    if (created && options.durability == Durability::Full) {
        // A store whose own directory entry is lost on power failure loses everything.
        if (auto r = platform::syncDirectory(QFileInfo(absolute).absolutePath()); !r)
            return r.error();
    }
    std::unique_ptr<SqliteMailStore> store(new SqliteMailStore(absolute, options));
    if (!store->m_lock.tryLock(0)) {
        if (store->m_lock.error() == QLockFile::LockFailedError) {
            qint64 pid = 0;
            QString host;
            QString app;
            store->m_lock.getLockInfo(&pid, &host, &app);
            return Error { ErrorCode::Busy,
                QStringLiteral("the store at %1 is in use by another process (pid %2 on %3); stop it before "
                               "opening the store again")
                    .arg(absolute)
                    .arg(pid)
                    .arg(host.isEmpty() ? QStringLiteral("this machine") : host),
                {} };
        }
        return Error::io(
            QStringLiteral("cannot create the lock file in %1: check the directory's permissions").arg(absolute));
    }
    if (auto r = store->m_files.prepare(); !r)
        return r.error();
    if (auto r = store->openIndex(); !r)
        return r.error();
    if (auto r = store->recover(); !r)
        return r.error();
    return store;
}

Result<void> SqliteMailStore::openIndex()
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!m_db.isValid()) {
        return Error::internal(QStringLiteral("the Qt SQLite driver (QSQLITE) is not available: install the package "
                                              "libqt6sql6-sqlite"));
    }
    m_db.setDatabaseName(m_dir + QStringLiteral("/index.db"));
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open())
        return sqlError(m_db, QStringLiteral("opening %1/index.db").arg(m_dir));

    {
        auto mode = runSql(m_db, QStringLiteral("PRAGMA journal_mode = WAL"));
        if (!mode)
            return mode.error();
        if (!mode->next() || mode->value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
            return Error::io(QStringLiteral("the store index in %1 cannot use write-ahead logging; the store needs a "
                                            "local file system (not a network share)")
                                 .arg(m_dir));
        }
    }
    // FULL syncs the WAL on every commit: together with the synced message file, that is
    // what makes an acknowledged append survive power loss.
    const QString sync = m_options.durability == Durability::Full ? QStringLiteral("FULL") : QStringLiteral("NORMAL");
    for (const QString& pragma :
        { QStringLiteral("PRAGMA synchronous = ") + sync, QStringLiteral("PRAGMA foreign_keys = ON") }) {
        if (auto r = runSql(m_db, pragma); !r)
            return r.error();
    }
    return migrateStoreSchema(m_db);
}

Result<void> SqliteMailStore::recover()
{
    m_recovery = {};
    m_recovery.tmpFilesRemoved = m_files.clearTmp();

    // A files row no message references can only be left by a bug; drop it so its file is
    // treated as the orphan it is.
    if (auto r = runSql(m_db,
            QStringLiteral("DELETE FROM files WHERE NOT EXISTS "
                           "(SELECT 1 FROM messages WHERE messages.file_id = files.id)"));
        !r) {
        return r.error();
    }

    std::vector<qint64> indexed;
    {
        auto q = runSql(m_db, QStringLiteral("SELECT id FROM files ORDER BY id"));
        if (!q)
            return q.error();
        while (q->next())
            indexed.push_back(q->value(0).toLongLong());
    }
    const std::vector<qint64> onDisk = m_files.scan(&m_recovery.unknownFiles);

    auto disk = onDisk.begin();
    auto index = indexed.begin();
    while (disk != onDisk.end() || index != indexed.end()) {
        if (index == indexed.end() || (disk != onDisk.end() && *disk < *index)) {
            // Written and renamed, but the transaction that would have acknowledged it
            // never committed (or the file's last reference was dropped before a crash).
            m_files.remove(*disk);
            ++m_recovery.orphanFilesRemoved;
            ++disk;
        } else if (disk == onDisk.end() || *index < *disk) {
            ++m_recovery.missingFiles;
            if (m_recovery.missingFilePaths.size() < maxReportedMissing)
                m_recovery.missingFilePaths << m_files.pathFor(*index);
            ++index;
        } else {
            ++disk;
            ++index;
        }
    }

    if (m_recovery.tmpFilesRemoved || m_recovery.orphanFilesRemoved) {
        qCInfo(lcStore) << "store" << m_dir << "recovered from an unclean stop: removed" << m_recovery.tmpFilesRemoved
                        << "temporary and" << m_recovery.orphanFilesRemoved << "unacknowledged message files";
    }
    if (m_recovery.missingFiles) {
        qCCritical(lcStore) << "store" << m_dir << "is damaged:" << m_recovery.missingFiles
                            << "indexed message files are missing, e.g." << m_recovery.missingFilePaths.first()
                            << "- restore the store from a backup";
    }
    if (m_recovery.unknownFiles)
        qCWarning(lcStore) << "store" << m_dir << "has" << m_recovery.unknownFiles
                           << "unknown files under messages/; left alone";
    return {};
}

quint64 SqliteMailStore::newGuid() const
{
    // 63 bits so it fits SQLite's signed INTEGER; never 0, which means "none".
    quint64 guid = 0;
    while (guid == 0)
        guid = QRandomGenerator::system()->generate64() & 0x7fffffffffffffffULL;
    return guid;
}

qint64 SqliteMailStore::nowSecs() const
{
    return m_clock->now().toSecsSinceEpoch();
}

Result<QString> SqliteMailStore::messagePath(qint64 folderId, quint32 uid)
{
    auto row = selectMessage(folderId, uid);
    if (!row)
        return row.error();
    return m_files.pathFor(row->fileId);
}

Result<QByteArray> SqliteMailStore::readMessage(qint64 folderId, quint32 uid)
{
    auto device = openMessage(folderId, uid);
    if (!device)
        return device.error();
    auto* file = static_cast<QFile*>(device->get());
    const QByteArray data = file->readAll();
    if (file->error() != QFileDevice::NoError)
        return Error::io(QStringLiteral("cannot read %1: %2").arg(file->fileName(), file->errorString()));
    return data;
}

Result<std::unique_ptr<QIODevice>> SqliteMailStore::openMessage(qint64 folderId, quint32 uid)
{
    auto row = selectMessage(folderId, uid);
    if (!row)
        return row.error();
    auto file = std::make_unique<QFile>(m_files.pathFor(row->fileId));
    if (!file->open(QIODevice::ReadOnly)) {
        return Error::io(QStringLiteral("the file of message UID %1 in folder %2 (%3) cannot be read: %4; the store is "
                                        "damaged, restore it from a backup")
                             .arg(uid)
                             .arg(folderId)
                             .arg(file->fileName(), file->errorString()));
    }
    if (file->size() != row->info.size) {
        return Error::io(QStringLiteral("the file of message UID %1 in folder %2 (%3) has %4 bytes but the index says "
                                        "%5; the store is damaged, restore it from a backup")
                             .arg(uid)
                             .arg(folderId)
                             .arg(file->fileName())
                             .arg(file->size())
                             .arg(row->info.size));
    }
    return std::unique_ptr<QIODevice>(std::move(file));
}

} // namespace tegami
