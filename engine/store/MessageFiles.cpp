#include "store/MessageFiles.h"

#include "core/FileSync.h"
#include "store/StoreLog.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>

#include <algorithm>

namespace tegami {

namespace {

constexpr qint64 copyChunk = 256 * 1024;

QString shardName(qint64 fileId)
{
    return QStringLiteral("%1").arg(fileId & 0xff, 2, 16, QLatin1Char('0'));
}

} // namespace

MessageFiles::MessageFiles(const QString& storeDir, bool durable)
    : m_root(storeDir)
    , m_tmp(storeDir + QStringLiteral("/tmp"))
    , m_messages(storeDir + QStringLiteral("/messages"))
    , m_durable(durable)
{ }

Result<void> MessageFiles::prepare()
{
    bool created = false;
    QDir dir;
    for (const QString& path : { m_tmp, m_messages }) {
        if (!QDir(path).exists()) {
            if (!dir.mkpath(path))
                return Error::io(
                    QStringLiteral("cannot create %1: check the permissions of the store directory").arg(path));
            created = true;
        }
    }
    bool shardCreated = false;
    for (int shard = 0; shard < 256; ++shard) {
        const QString path = m_messages + QLatin1Char('/') + shardName(shard);
        if (QDir(path).exists())
            continue;
        if (!dir.mkdir(path))
            return Error::io(
                QStringLiteral("cannot create %1: check the permissions of the store directory").arg(path));
        shardCreated = true;
    }
    if (m_durable && shardCreated) {
        if (auto r = platform::syncDirectory(m_messages); !r)
            return r;
    }
    if (m_durable && created) {
        if (auto r = platform::syncDirectory(m_root); !r)
            return r;
    }
    return {};
}

QString MessageFiles::shardDir(qint64 fileId) const
{
    return m_messages + QLatin1Char('/') + shardName(fileId);
}

QString MessageFiles::pathFor(qint64 fileId) const
{
    return shardDir(fileId) + QStringLiteral("/%1.eml").arg(fileId, 8, 16, QLatin1Char('0'));
}

QString MessageFiles::newTmpName()
{
    // One store per directory (open() holds a lock), so a counter plus randomness for
    // leftovers of earlier runs is unique.
    return m_tmp + QStringLiteral("/%1-%2.tmp").arg(++m_counter).arg(QRandomGenerator::global()->generate64(), 0, 16);
}

Result<QString> MessageFiles::stage(const QByteArray& data)
{
    const QString path = newTmpName();
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        return Error::io(QStringLiteral("cannot create %1: %2; check free disk space and permissions")
                             .arg(path, file.errorString()));
    }
    if (file.write(data) != data.size()) {
        const QString why = file.errorString();
        file.close();
        discard(path);
        return Error::io(QStringLiteral("cannot write %1: %2; check free disk space").arg(path, why));
    }
    if (m_durable) {
        if (auto r = platform::syncFile(file); !r) {
            file.close();
            discard(path);
            return r.error();
        }
    }
    file.close();
    if (file.error() != QFileDevice::NoError) {
        discard(path);
        return Error::io(QStringLiteral("cannot write %1: %2; check free disk space").arg(path, file.errorString()));
    }
    return path;
}

Result<QString> MessageFiles::stageFile(const QString& source)
{
    const QString path = newTmpName();
    QString linkError;
    if (platform::hardLink(source, path, &linkError)) {
        if (m_durable) {
            // The caller may not have synced its file; the link shares the inode, so this
            // makes the content durable too.
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                discard(path);
                return Error::io(QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));
            }
            if (auto r = platform::syncFile(file); !r) {
                discard(path);
                return r.error();
            }
        }
        return path;
    }
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("cannot read %1: %2").arg(source, in.errorString()));
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return Error::io(QStringLiteral("cannot create %1: %2").arg(path, out.errorString()));
    QByteArray buffer;
    while (!in.atEnd()) {
        buffer = in.read(copyChunk);
        if (buffer.isEmpty() && in.error() != QFileDevice::NoError) {
            out.close();
            discard(path);
            return Error::io(QStringLiteral("cannot read %1: %2").arg(source, in.errorString()));
        }
        if (out.write(buffer) != buffer.size()) {
            const QString why = out.errorString();
            out.close();
            discard(path);
            return Error::io(QStringLiteral("cannot write %1: %2; check free disk space").arg(path, why));
        }
    }
    if (m_durable) {
        if (auto r = platform::syncFile(out); !r) {
            out.close();
            discard(path);
            return r.error();
        }
    }
    out.close();
    return path;
}

Result<void> MessageFiles::publish(const QString& stagedPath, qint64 fileId)
{
    const QString target = pathFor(fileId);
    // A leftover with this name can only be an orphan from a crash (ids are never reused
    // once committed), so replacing it is right; QFile::rename refuses to overwrite.
    if (QFile::exists(target))
        QFile::remove(target);
    if (!QFile::rename(stagedPath, target)) {
        return Error::io(QStringLiteral("cannot move %1 to %2: check the permissions of the store directory")
                             .arg(stagedPath, target));
    }
    return {};
}

Result<void> MessageFiles::syncPublished(const std::vector<qint64>& fileIds)
{
    if (!m_durable)
        return {};
    bool synced[256] = {};
    for (qint64 id : fileIds) {
        const int shard = int(id & 0xff);
        if (synced[shard])
            continue;
        if (auto r = platform::syncDirectory(shardDir(id)); !r)
            return r;
        synced[shard] = true;
    }
    return {};
}

void MessageFiles::discard(const QString& path)
{
    if (!path.isEmpty())
        QFile::remove(path);
}

void MessageFiles::remove(qint64 fileId)
{
    const QString path = pathFor(fileId);
    if (!QFile::remove(path) && QFile::exists(path))
        qCWarning(lcStore) << "cannot remove unreferenced message file" << path << "; it is removed at the next start";
}

int MessageFiles::clearTmp()
{
    int removed = 0;
    QDirIterator it(m_tmp, QDir::Files | QDir::Hidden | QDir::System);
    while (it.hasNext()) {
        const QString path = it.next();
        if (QFile::remove(path))
            ++removed;
        else
            qCWarning(lcStore) << "cannot remove leftover temporary file" << path;
    }
    return removed;
}

std::vector<qint64> MessageFiles::scan(int* unknown) const
{
    std::vector<qint64> ids;
    int others = 0;
    QDirIterator shards(m_messages, QDir::Dirs | QDir::NoDotAndDotDot);
    while (shards.hasNext()) {
        const QString shardPath = shards.next();
        QDirIterator files(shardPath, QDir::Files | QDir::Hidden | QDir::System);
        while (files.hasNext()) {
            files.next();
            const QString name = files.fileName();
            bool ok = false;
            const qint64 id = name.endsWith(QLatin1String(".eml")) ? name.chopped(4).toLongLong(&ok, 16) : 0;
            if (ok && id > 0 && pathFor(id) == files.filePath())
                ids.push_back(id);
            else
                ++others;
        }
    }
    std::sort(ids.begin(), ids.end());
    if (unknown)
        *unknown = others;
    return ids;
}

} // namespace tegami
