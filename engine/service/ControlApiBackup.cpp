// Control API: backups of the running service (backup.create, backup.verify, backup.restore).
//
// create: the snapshot is the state at one instant, taken on the engine's thread (SQLite
// copies through VACUUM INTO, settings, certificates, spool files hard-linked); the message
// files it references are linked on a worker (immutable files, never-reused names; see
// backup/BackupSnapshot.h), and packing and hashing run on a worker too, while sessions
// keep being served.
// restore: the backup is verified and unpacked on a worker into DATA/backups/ (nothing live
// is touched, a damaged or newer backup is refused here); then, on the engine's thread, the
// engine closes its data (sessions end, listeners and queue stop), the current data moves
// to DATA/backups/pre-restore-<time>/, the unpacked data moves in (renames only), and the
// engine reopens it (older schemas are migrated) and restarts its listeners. If the
// restored data does not open, the previous data is moved back and reopened.
#include "log/ProtocolLog.h"
#include "service/ControlApi.h"
#include "service/ControlServer.h"
#include "service/Engine.h"
#include "service/Params.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <memory>

#include "backup/BackupArchive.h"
#include "backup/BackupSnapshot.h"
#include "backup/RestoreSwap.h"

namespace tegami {

namespace {

Q_LOGGING_CATEGORY(lcBackup, "tegami.backup")

QString timestamp()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'"));
}

// One backup or restore at a time, with its file work on a worker thread. Owned by the
// control server, so it (and the wait for its worker) goes before the engine does.
class BackupJobs : public QObject {
public:
    BackupJobs(Engine& engine, ControlServer& server)
        : QObject(&server)
        , m_engine(engine)
        , m_server(server)
    { }
    ~BackupJobs() override
    {
        // The service is stopping: the workers end at their next file, unfinished.
        m_cancel = true;
        if (m_worker)
            m_worker->wait();
        for (const QPointer<QThread>& t : std::as_const(m_beside)) {
            if (t)
                t->wait();
        }
    }

    const std::atomic<bool>* cancel() const { return &m_cancel; }

    Engine& engine() { return m_engine; }

    QString backupsDir() const { return m_engine.paths().dataDir() + QStringLiteral("/backups"); }

    // Busy error, or empty when the job may start (and the service is now busy with it).
    std::optional<Error> claim(const QString& what)
    {
        if (!m_busy.isEmpty()) {
            return Error { ErrorCode::Busy,
                QStringLiteral("a %1 is already running; wait until it has finished and try again").arg(m_busy), {} };
        }
        m_busy = what;
        return std::nullopt;
    }
    void release() { m_busy.clear(); }

    // Runs `work` on a worker thread, then `then` on this (the engine's) thread.
    void offLoop(std::function<void()> work, std::function<void()> then)
    {
        QThread* thread = QThread::create(std::move(work));
        m_worker = thread;
        connect(thread, &QThread::finished, this, [this, thread, then = std::move(then)] {
            m_worker = nullptr;
            thread->deleteLater();
            then();
        });
        thread->start();
    }

    // The same for work that may run beside the current job (verification).
    void beside(std::function<void()> work, std::function<void()> then)
    {
        QThread* thread = QThread::create(std::move(work));
        m_beside.append(thread);
        connect(thread, &QThread::finished, this, [this, thread, then = std::move(then)] {
            m_beside.removeAll(thread);
            thread->deleteLater();
            then();
        });
        thread->start();
    }

    Result<QString> ensureBackupsDir() const
    {
        const QString dir = backupsDir();
        if (!QDir().mkpath(dir))
            return Error::io(QStringLiteral("cannot create %1: check the permissions of the data directory").arg(dir));
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        return dir;
    }

private:
    Engine& m_engine;
    ControlServer& m_server;
    std::atomic<bool> m_cancel { false };
    QString m_busy;
    QThread* m_worker = nullptr;
    QList<QPointer<QThread>> m_beside;
};

Result<QString> absolutePathParam(const QJsonObject& params)
{
    Params p(params);
    const QString path = p.requiredString(QStringLiteral("path"));
    if (!p.ok())
        return p.error();
    if (!QDir::isAbsolutePath(path)) {
        return Error::invalid(QStringLiteral("path"),
            QStringLiteral("give an absolute path (the service does not share your working directory): %1").arg(path));
    }
    return QDir::cleanPath(path);
}

void note(Engine& engine, const QString& text)
{
    engine.protocolLog().note(QStringLiteral("service"), text);
    qCInfo(lcBackup).noquote() << text;
}

// Packs the staging directory into the backup file on a worker, then answers.
void writeArchive(BackupJobs& jobs, const QString& staging, const BackupManifest& manifest, const QString& output,
    qint64 pauseMs, ControlServer::Reply reply)
{
    auto result = std::make_shared<std::optional<Result<WrittenBackup>>>();
    jobs.offLoop(
        [result, staging, manifest, output, cancel = jobs.cancel()] {
            *result = writeBackupArchive(staging, manifest, output, cancel);
            removeTree(staging);
        },
        [&jobs, result, pauseMs, output, reply] {
            jobs.release();
            const Result<WrittenBackup>& written = **result;
            if (!written) {
                note(jobs.engine(), QStringLiteral("backup to %1 failed: %2").arg(output, written.error().toString()));
                return reply(written.error());
            }
            const BackupManifest& m = written->manifest;
            note(jobs.engine(),
                QStringLiteral("backup written to %1 (%2 bytes, %3 mailboxes, %4 messages, %5 queued)")
                    .arg(output)
                    .arg(written->bytes)
                    .arg(m.counts.mailboxes)
                    .arg(m.counts.messages)
                    .arg(m.counts.queuedMessages));
            reply(QJsonValue(QJsonObject {
                { QStringLiteral("path"), output },
                { QStringLiteral("bytes"), written->bytes },
                { QStringLiteral("mailboxes"), m.counts.mailboxes },
                { QStringLiteral("messages"), m.counts.messages },
                { QStringLiteral("queuedMessages"), m.counts.queuedMessages },
                { QStringLiteral("snapshotAt"), m.createdAt.toString(Qt::ISODateWithMs) },
                { QStringLiteral("snapshotPauseMs"), pauseMs },
                { QStringLiteral("containsSecrets"), true },
                { QStringLiteral("manifest"), m.summaryJson() },
            }));
        });
}

void createBackup(BackupJobs& jobs, const QJsonObject& params, ControlServer::Reply reply)
{
    // No path: DATA/backups/tegami-<time>.tar, the one place the system service (which sees
    // a private /tmp and no home directories) can always write.
    Result<QString> path = params.contains(QStringLiteral("path"))
        ? absolutePathParam(params)
        : Result<QString>(jobs.backupsDir() + QStringLiteral("/tegami-") + timestamp() + QStringLiteral(".tar"));
    if (!path)
        return reply(path.error());
    if (!params.contains(QStringLiteral("path"))) {
        if (Result<QString> dir = jobs.ensureBackupsDir(); !dir)
            return reply(dir.error());
    }
    if (QFileInfo::exists(*path)) {
        return reply(Error::exists(
            QStringLiteral("%1 already exists: choose another file name or remove the old file first").arg(*path)));
    }
    if (!QFileInfo(QFileInfo(*path).absolutePath()).isDir()) {
        return reply(Error::notFound(
            QStringLiteral("the directory %1 does not exist (as the service sees it): create it first, or give no "
                           "path to write into %2")
                .arg(QFileInfo(*path).absolutePath(), jobs.backupsDir())));
    }
    if (std::optional<Error> busy = jobs.claim(QStringLiteral("backup")))
        return reply(*busy);
    Result<QString> backups = jobs.ensureBackupsDir();
    if (!backups) {
        jobs.release();
        return reply(backups.error());
    }
    const QString staging = *backups + QStringLiteral("/.snapshot-") + timestamp();
    const DataPaths paths = jobs.engine().paths();

    // Phase 1, on this thread so that no change interleaves: the databases, settings,
    // certificates and spool. The message files are linked on a worker (phase 2).
    QElapsedTimer pause;
    pause.start();
    Result<PartialSnapshot> partial = beginSnapshot(paths, staging);
    const qint64 pauseMs = pause.elapsed();
    if (!partial) {
        removeTree(staging);
        jobs.release();
        return reply(partial.error());
    }

    auto vanished = std::make_shared<std::optional<Result<int>>>();
    jobs.offLoop([vanished, paths, staging,
                     files = partial->messageFiles] { *vanished = linkMessageFiles(paths, staging, files); },
        [&jobs, vanished, paths, staging, manifest = partial->manifest, output = *path, pauseMs, reply] {
            const Result<int>& linked = **vanished;
            if (!linked) {
                removeTree(staging);
                jobs.release();
                return reply(linked.error());
            }
            if (*linked == 0)
                return writeArchive(jobs, staging, manifest, output, pauseMs, reply);
            // Messages of the snapshot were expunged before their files were linked: take
            // the whole snapshot at once instead (a longer pause, exactly consistent).
            removeTree(staging);
            QElapsedTimer again;
            again.start();
            Result<BackupManifest> whole = takeSnapshot(paths, staging);
            const qint64 totalPauseMs = pauseMs + again.elapsed();
            if (!whole) {
                removeTree(staging);
                jobs.release();
                return reply(whole.error());
            }
            writeArchive(jobs, staging, *whole, output, totalPauseMs, reply);
        });
}

void verifyBackup(BackupJobs& jobs, const QJsonObject& params, ControlServer::Reply reply)
{
    Result<QString> path = absolutePathParam(params);
    if (!path)
        return reply(path.error());
    // Verification reads only the backup file: it may run beside a backup, on its own worker.
    auto result = std::make_shared<std::optional<Result<BackupManifest>>>();
    jobs.beside([result, file = *path, cancel = jobs.cancel()] { *result = verifyBackupArchive(file, cancel); },
        [result, file = *path, reply] {
            const Result<BackupManifest>& m = **result;
            if (!m)
                return reply(m.error());
            reply(QJsonValue(QJsonObject { { QStringLiteral("path"), file }, { QStringLiteral("ok"), true },
                { QStringLiteral("bytes"), QFileInfo(file).size() },
                { QStringLiteral("manifest"), m->summaryJson() } }));
        });
}

// The swap and reopen, on the engine's thread. Returns the reply.
Result<QJsonValue> swapAndReopen(
    BackupJobs& jobs, const QString& source, const QString& extracted, const BackupManifest& manifest)
{
    Engine& engine = jobs.engine();
    const QString data = engine.paths().dataDir();
    const QString stamp = timestamp();
    const QString aside = jobs.backupsDir() + QStringLiteral("/pre-restore-") + stamp;

    note(engine,
        QStringLiteral("restoring %1 (taken %2): sessions end, listeners and the queue stop")
            .arg(source, manifest.createdAt.toString(Qt::ISODate)));
    engine.closeData();
    if (Result<void> swapped = swapInRestoredData(data, extracted, aside); !swapped) {
        removeTree(extracted);
        if (Result<void> again = engine.reopenData(); !again) {
            qCCritical(lcBackup).noquote() << "the data directory cannot be reopened:" << again.error().toString();
            QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(1); });
        }
        return Error::io(
            QStringLiteral("the restore was not done: %1; the data is as it was").arg(swapped.error().message));
    }
    removeTree(extracted);

    Result<void> reopened = engine.reopenData();
    if (!reopened) {
        const QString failed = jobs.backupsDir() + QStringLiteral("/failed-restore-") + stamp;
        engine.closeData();
        const Result<void> back = swapBackPreviousData(data, aside, failed);
        const Result<void> previous = back ? engine.reopenData() : back;
        if (!previous) {
            // Neither the backup's nor the previous data opens: an admin must look.
            qCCritical(lcBackup).noquote() << "tegamid stops: after a failed restore the previous data cannot be "
                                              "reopened either:"
                                           << previous.error().toString() << "- the previous data is in" << aside;
            QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(1); });
            return Error::io(QStringLiteral("the restored data did not open (%1) and the previous data could not be "
                                            "reopened (%2): the service stops; the previous data is in %3")
                                 .arg(reopened.error().message, previous.error().message, aside));
        }
        note(engine,
            QStringLiteral("restore of %1 failed: %2; the previous data is back")
                .arg(source, reopened.error().message));
        return Error::io(
            QStringLiteral("the restored data did not open: %1. The previous data is back in place and the "
                           "service runs on it; the restored copy is in %2")
                .arg(reopened.error().message, failed));
    }

    note(engine, QStringLiteral("restored %1; the previous data is in %2").arg(source, aside));
    QJsonArray warnings;
    for (const QString& w : engine.warnings())
        warnings.append(w);
    return QJsonValue(QJsonObject {
        { QStringLiteral("path"), source },
        { QStringLiteral("previousData"), aside },
        { QStringLiteral("mailboxes"), manifest.counts.mailboxes },
        { QStringLiteral("messages"), manifest.counts.messages },
        { QStringLiteral("queuedMessages"), manifest.counts.queuedMessages },
        { QStringLiteral("warnings"), warnings },
        { QStringLiteral("manifest"), manifest.summaryJson() },
    });
}

void restoreBackup(BackupJobs& jobs, const QJsonObject& params, ControlServer::Reply reply)
{
    Result<QString> path = absolutePathParam(params);
    if (!path)
        return reply(path.error());
    if (!QFileInfo(*path).isFile())
        return reply(Error::notFound(QStringLiteral("the backup %1 does not exist: check the path").arg(*path)));
    if (std::optional<Error> busy = jobs.claim(QStringLiteral("restore")))
        return reply(*busy);
    Result<QString> backups = jobs.ensureBackupsDir();
    if (!backups) {
        jobs.release();
        return reply(backups.error());
    }
    const QString extracted = *backups + QStringLiteral("/.restore-") + timestamp();
    auto result = std::make_shared<std::optional<Result<BackupManifest>>>();
    jobs.offLoop([result, source = *path, extracted,
                     cancel = jobs.cancel()] { *result = extractBackupArchive(source, extracted, cancel); },
        [&jobs, result, source = *path, extracted, reply] {
            const Result<BackupManifest>& manifest = **result;
            if (!manifest) {
                jobs.release();
                return reply(manifest.error());
            }
            Result<QJsonValue> done = swapAndReopen(jobs, source, extracted, *manifest);
            jobs.release();
            reply(done);
        });
}

} // namespace

void registerBackupMethods(ControlServer& server, Engine& engine)
{
    auto* jobs = new BackupJobs(engine, server);
    // Staging and unpacking directories a crash left behind: nothing refers to them.
    const QDir backups(jobs->backupsDir());
    for (const QString& stale :
        backups.entryList({ QStringLiteral(".snapshot-*"), QStringLiteral(".restore-*") }, QDir::Dirs | QDir::Hidden))
        removeTree(backups.absoluteFilePath(stale));

    server.registerAsyncMethod(
        QStringLiteral("backup.create"),
        [jobs](const QJsonObject& params, ControlConnection&, ControlServer::Reply reply) {
            createBackup(*jobs, params, std::move(reply));
        },
        QStringLiteral("Write a backup of settings, accounts, certificates (with private keys), mail and the queue to "
                       "{path?} (absolute; default DATA/backups/tegami-<time>.tar; owner-only file), from a consistent "
                       "snapshot taken while the service runs"));

    server.registerAsyncMethod(
        QStringLiteral("backup.verify"),
        [jobs](const QJsonObject& params, ControlConnection&, ControlServer::Reply reply) {
            verifyBackup(*jobs, params, std::move(reply));
        },
        QStringLiteral("Check a backup file's manifest, versions and every file's SHA-256 without changing anything: "
                       "{path}"));

    server.registerAsyncMethod(
        QStringLiteral("backup.restore"),
        [jobs](const QJsonObject& params, ControlConnection&, ControlServer::Reply reply) {
            restoreBackup(*jobs, params, std::move(reply));
        },
        QStringLiteral("Replace all data with a backup's: {path}. The backup is verified first; sessions end, the "
                       "current data moves to DATA/backups/pre-restore-<time>/, and the service reopens"));
}

} // namespace tegami
