#include "tls/TlsFiles.h"

#include "core/FileSync.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>


namespace tegami::tlsfiles {

namespace {

constexpr QFile::Permissions kOwnerFile = QFile::ReadOwner | QFile::WriteOwner;
constexpr QFile::Permissions kOwnerDir = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;

const QLatin1String kStagingPrefix(".tmp-");
const QLatin1String kTrashPrefix(".trash-");

QString randomSuffix()
{
    return QString::number(QRandomGenerator::system()->generate64(), 16);
}

} // namespace

Result<void> writePrivateFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    // Created with the owner-only mode from the start: no moment where the key is readable.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerFile))
        return Error::io(QStringLiteral("cannot create %1: %2").arg(path, file.errorString()));
    if (file.write(data) != data.size() || !file.flush())
        return Error::io(
            QStringLiteral("cannot write %1: %2; check the free disk space").arg(path, file.errorString()));
    return platform::syncFile(file);
}

Result<QByteArray> readFile(const QString& path, qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > maxBytes)
        return Error::io(QStringLiteral("%1 is larger than %2 bytes").arg(path).arg(maxBytes));
    return file.readAll();
}

Result<void> ensurePrivateDir(const QString& path)
{
    if (!QDir().mkpath(path))
        return Error::io(QStringLiteral("cannot create the directory %1; check its parent's permissions").arg(path));
    if (!QFile::setPermissions(path, kOwnerDir))
        return Error::io(QStringLiteral("cannot restrict the directory %1 to its owner").arg(path));
    return {};
}

Result<QString> createStagingDir(const QString& parent)
{
    const QString path = QDir(parent).filePath(kStagingPrefix + randomSuffix());
    if (!QDir().mkdir(path, kOwnerDir))
        return Error::io(
            QStringLiteral("cannot create a directory in %1; check its permissions and free space").arg(parent));
    return path;
}

Result<void> publishDir(const QString& staging, const QString& target)
{
    auto fail = [&](Error e) -> Result<void> {
        QDir(staging).removeRecursively();
        return e;
    };
    if (auto r = platform::syncDirectory(staging); !r)
        return fail(r.error());
    if (QFileInfo::exists(target))
        return fail(Error::exists(QStringLiteral("%1 already exists").arg(target)));
    if (!QDir().rename(staging, target))
        return fail(Error::io(QStringLiteral("cannot rename %1 to %2").arg(staging, target)));
    return platform::syncDirectory(QFileInfo(target).absolutePath());
}

Result<void> removeDir(const QString& path)
{
    const QString parent = QFileInfo(path).absolutePath();
    const QString trash = QDir(parent).filePath(kTrashPrefix + randomSuffix());
    if (!QDir().rename(path, trash))
        return Error::io(QStringLiteral("cannot remove %1: renaming it failed; check the permissions").arg(path));
    auto r = platform::syncDirectory(parent);
    // The entry is gone once renamed; a failed deletion only leaves garbage for removeLeftovers().
    QDir(trash).removeRecursively();
    return r;
}

void removeLeftovers(const QString& parent)
{
    const QDir dir(parent);
    const QStringList names = dir.entryList({ kStagingPrefix + QLatin1Char('*'), kTrashPrefix + QLatin1Char('*') },
        QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString& name : names)
        QDir(dir.filePath(name)).removeRecursively();
}

bool accessibleByOthers(const QString& path)
{
    const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
        | QFile::WriteOther | QFile::ExeOther;
    return (QFile::permissions(path) & others) != 0;
}

bool restrictToOwner(const QString& path)
{
    return QFile::setPermissions(path, kOwnerFile);
}

} // namespace tegami::tlsfiles
