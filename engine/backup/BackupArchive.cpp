#include "backup/BackupArchive.h"

#include "core/FileSync.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QSaveFile>

#include "backup/BackupSnapshot.h"
#include "backup/BackupSql.h"
#include "backup/TarArchive.h"

namespace tegami {

namespace {

constexpr qint64 maxManifestBytes = 256 * 1024 * 1024;
const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
const QFileDevice::Permissions ownerDir = ownerOnly | QFileDevice::ExeOwner;

Error damaged(const QString& path, const QString& what)
{
    return Error::invalid(QStringLiteral("backup"),
        QStringLiteral("%1 is damaged: %2; nothing was changed. Use another copy of the backup").arg(path, what));
}

bool cancelled(const std::atomic<bool>* cancel)
{
    return cancel && cancel->load();
}

Error stopping()
{
    return Error { ErrorCode::Busy, QStringLiteral("the service is stopping: the backup operation was not finished"),
        {} };
}

QStringList filesIn(const QString& root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(root).relativeFilePath(it.next());
    files.sort();
    return files;
}

struct Scan {
    QHash<QString, BackupManifest::File> files;
    QByteArray manifest;
};

// One pass over the archive: every entry's size and hash, and the manifest's bytes.
Result<Scan> scanArchive(const QString& path, const std::atomic<bool>* cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::notFound(QStringLiteral("cannot open the backup %1: %2").arg(path, file.errorString()));
    TarReader reader(file);
    Scan scan;
    bool sawManifest = false;
    for (;;) {
        if (cancelled(cancel))
            return stopping();
        Result<std::optional<TarEntry>> entry = reader.next();
        if (!entry)
            return damaged(path, entry.error().message);
        if (!*entry)
            break;
        if (sawManifest)
            return damaged(path, QStringLiteral("there are files after the manifest"));
        const TarEntry e = **entry;
        if (scan.files.contains(e.name))
            return damaged(path, QStringLiteral("%1 is in it twice").arg(e.name));
        if (e.name == QLatin1String(BackupManifest::fileName)) {
            if (e.size > maxManifestBytes)
                return damaged(path, QStringLiteral("the manifest is implausibly large"));
            sawManifest = true;
            Result<QByteArray> hash = reader.readData([&](const char* data, qint64 n) -> Result<void> {
                scan.manifest.append(data, n);
                return {};
            });
            if (!hash)
                return damaged(path, hash.error().message);
            continue;
        }
        Result<QByteArray> hash = reader.readData([](const char*, qint64) -> Result<void> { return {}; });
        if (!hash)
            return damaged(path, hash.error().message);
        scan.files.insert(e.name, BackupManifest::File { e.name, e.size, *hash });
    }
    if (!sawManifest)
        return damaged(path, QStringLiteral("it has no manifest (the file is truncated, or not a Tegami backup)"));
    return scan;
}

Result<void> checkDatabase(const QString& path)
{
    if (!QFileInfo::exists(path))
        return {};
    Result<backupsql::Connection> db = backupsql::Connection::open(path, false);
    if (!db)
        return db.error();
    Result<QVariant> check = db->scalar(QStringLiteral("PRAGMA quick_check"));
    if (!check)
        return check.error();
    if (check->toString() != QLatin1String("ok"))
        return Error::invalid(QStringLiteral("backup"),
            QStringLiteral("the database %1 in the backup fails its integrity check (%2)")
                .arg(path, check->toString()));
    return {};
}

} // namespace

Result<WrittenBackup> writeBackupArchive(
    const QString& stagingDir, BackupManifest manifest, const QString& outputPath, const std::atomic<bool>* cancel)
{
    if (QFileInfo::exists(outputPath))
        return Error::exists(
            QStringLiteral("%1 already exists: choose another file name or remove the old file first").arg(outputPath));
    // A temporary file beside the target, renamed into place only when complete and synced.
    QSaveFile out(outputPath);
    if (!out.open(QIODevice::WriteOnly))
        return Error::io(
            QStringLiteral("cannot create %1: %2; check that the directory exists and the service may write "
                           "there")
                .arg(outputPath, out.errorString()));
    // Before the first byte: the file holds private keys and password hashes.
    out.setPermissions(ownerOnly);

    TarWriter tar(out);
    manifest.files.clear();
    for (const QString& relative : filesIn(stagingDir)) {
        if (cancelled(cancel))
            return stopping();
        Result<QByteArray> hash = tar.addFile(relative, stagingDir + QLatin1Char('/') + relative);
        if (!hash)
            return hash.error(); // the QSaveFile discards its temporary file
        manifest.files.append({ relative, QFileInfo(stagingDir + QLatin1Char('/') + relative).size(), *hash });
    }
    const QByteArray manifestJson = QJsonDocument(manifest.toJson()).toJson(QJsonDocument::Indented);
    if (Result<QByteArray> r = tar.addData(QString::fromLatin1(BackupManifest::fileName), manifestJson); !r)
        return r.error();
    if (Result<void> r = tar.finish(); !r)
        return r.error();
    if (QFileInfo::exists(outputPath))
        return Error::exists(
            QStringLiteral("%1 appeared while the backup was being written: choose another file name").arg(outputPath));
    // commit() syncs the file before renaming it.
    if (!out.commit())
        return Error::io(
            QStringLiteral("cannot write %1: %2; check the free space").arg(outputPath, out.errorString()));
    if (Result<void> r = platform::syncDirectory(QFileInfo(outputPath).absolutePath()); !r)
        return r.error();
    return WrittenBackup { manifest, QFileInfo(outputPath).size() };
}

Result<BackupManifest> verifyBackupArchive(const QString& path, const std::atomic<bool>* cancel)
{
    Result<Scan> scan = scanArchive(path, cancel);
    if (!scan)
        return scan.error();
    Result<BackupManifest> manifest = BackupManifest::fromJson(scan->manifest);
    if (!manifest)
        return manifest.error();
    if (Result<void> r = manifest->checkCompatible(); !r)
        return r.error();
    QHash<QString, BackupManifest::File> archived = scan->files;
    for (const BackupManifest::File& f : manifest->files) {
        const auto it = archived.constFind(f.path);
        if (it == archived.constEnd())
            return damaged(path, QStringLiteral("%1 is listed in the manifest but missing").arg(f.path));
        if (it->size != f.size || it->sha256 != f.sha256)
            return damaged(path, QStringLiteral("%1 does not match its SHA-256 in the manifest").arg(f.path));
        archived.erase(it);
    }
    if (!archived.isEmpty())
        return damaged(path, QStringLiteral("%1 is not listed in the manifest").arg(archived.begin().key()));
    return manifest;
}

Result<BackupManifest> extractBackupArchive(
    const QString& path, const QString& destDir, const std::atomic<bool>* cancel)
{
    Result<BackupManifest> manifest = verifyBackupArchive(path, cancel);
    if (!manifest)
        return manifest;
    if (QFileInfo::exists(destDir))
        return Error::exists(QStringLiteral("cannot unpack the backup into %1: it already exists").arg(destDir));
    if (!QDir().mkpath(destDir))
        return Error::io(QStringLiteral("cannot create %1: check the free space and permissions").arg(destDir));
    QFile::setPermissions(destDir, ownerDir);
    const auto fail = [&](const Error& e) {
        removeTree(destDir);
        return e;
    };

    QHash<QString, QByteArray> expected;
    for (const BackupManifest::File& f : manifest->files)
        expected.insert(f.path, f.sha256);

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Error::io(QStringLiteral("cannot open the backup %1: %2").arg(path, file.errorString())));
    TarReader reader(file);
    for (;;) {
        if (cancelled(cancel))
            return fail(stopping());
        Result<std::optional<TarEntry>> entry = reader.next();
        if (!entry)
            return fail(damaged(path, entry.error().message));
        if (!*entry || (*entry)->name == QLatin1String(BackupManifest::fileName))
            break;
        const QString target = destDir + QLatin1Char('/') + (*entry)->name;
        const QString parent = QFileInfo(target).absolutePath();
        if (!QDir().mkpath(parent))
            return fail(Error::io(QStringLiteral("cannot create %1: check the free space").arg(parent)));
        QFile out(target);
        if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return fail(Error::io(QStringLiteral("cannot create %1: %2").arg(target, out.errorString())));
        out.setPermissions(ownerOnly);
        Result<QByteArray> hash = reader.readData([&](const char* data, qint64 n) -> Result<void> {
            if (out.write(data, n) != n)
                return Error::io(
                    QStringLiteral("cannot write %1: %2; check the free space").arg(target, out.errorString()));
            return {};
        });
        if (!hash)
            return fail(hash.error());
        if (*hash != expected.value((*entry)->name))
            return fail(damaged(path, QStringLiteral("%1 changed while it was being unpacked").arg((*entry)->name)));
        if (Result<void> r = platform::syncFile(out); !r)
            return fail(r.error());
    }
    // Directories the service creates owner-only get the same mode here.
    QDirIterator dirs(destDir, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (dirs.hasNext())
        QFile::setPermissions(dirs.next(), ownerDir);
    for (const QString& db : { QStringLiteral("/accounts.db"), QStringLiteral("/store/index.db") }) {
        if (Result<void> r = checkDatabase(destDir + db); !r)
            return fail(r.error());
    }
    return manifest;
}

} // namespace tegami
