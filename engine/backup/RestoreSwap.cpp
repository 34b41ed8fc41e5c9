#include "backup/RestoreSwap.h"

#include "core/FileSync.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace tegami {

namespace {

// Moves each existing entry of `names` from `from` into `to`; on failure moves back what
// it moved and returns the error.
Result<void> moveEntries(const QString& from, const QString& to, const QStringList& names, QStringList* moved)
{
    if (!QDir().mkpath(to))
        return Error::io(QStringLiteral("cannot create %1: check the permissions").arg(to));
    QFile::setPermissions(to, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    for (const QString& name : names) {
        const QString source = from + QLatin1Char('/') + name;
        if (!QFileInfo::exists(source))
            continue;
        const QString target = to + QLatin1Char('/') + name;
        if (QFileInfo::exists(target) || !QDir().rename(source, target)) {
            for (auto it = moved->crbegin(); it != moved->crend(); ++it)
                QDir().rename(to + QLatin1Char('/') + *it, from + QLatin1Char('/') + *it);
            moved->clear();
            return Error::io(QStringLiteral("cannot move %1 to %2: check that nothing else uses the data directory "
                                            "and that both are on the same file system")
                                 .arg(source, target));
        }
        moved->append(name);
    }
    static_cast<void>(platform::syncDirectory(from));
    static_cast<void>(platform::syncDirectory(to));
    return {};
}

void moveBack(const QString& from, const QString& to, const QStringList& names)
{
    for (const QString& name : names)
        QDir().rename(to + QLatin1Char('/') + name, from + QLatin1Char('/') + name);
}

} // namespace

QStringList restoredDataEntries()
{
    return {
        QStringLiteral("settings.json"),
        QStringLiteral("settings.json.bak"),
        QStringLiteral("accounts.db"),
        QStringLiteral("accounts.db-wal"),
        QStringLiteral("accounts.db-shm"),
        QStringLiteral("certs"),
        QStringLiteral("store"),
        QStringLiteral("queue"),
    };
}

Result<void> swapInRestoredData(const QString& dataDir, const QString& extractedDir, const QString& asideDir)
{
    QStringList asideMoved;
    if (Result<void> r = moveEntries(dataDir, asideDir, restoredDataEntries(), &asideMoved); !r)
        return r;
    QStringList restoredMoved;
    if (Result<void> r = moveEntries(extractedDir, dataDir, restoredDataEntries(), &restoredMoved); !r) {
        moveBack(dataDir, asideDir, asideMoved);
        return r;
    }
    return {};
}

Result<void> swapBackPreviousData(const QString& dataDir, const QString& asideDir, const QString& failedDir)
{
    QStringList failedMoved;
    if (Result<void> r = moveEntries(dataDir, failedDir, restoredDataEntries(), &failedMoved); !r)
        return r;
    QStringList previousMoved;
    return moveEntries(asideDir, dataDir, restoredDataEntries(), &previousMoved);
}

} // namespace tegami
