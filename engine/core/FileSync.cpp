#include "core/FileSync.h"

#include <QFile>
#include <QFileDevice>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace tegami::platform {

#ifdef Q_OS_UNIX
namespace {

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

int fsyncRetrying(int fd)
{
    int rc;
    do {
        rc = ::fsync(fd);
    } while (rc != 0 && errno == EINTR);
    return rc;
}

} // namespace
#endif

Result<void> syncFile(QFileDevice& file)
{
    if (!file.flush())
        return Error::io(QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
#ifdef Q_OS_UNIX
    if (fsyncRetrying(file.handle()) != 0) {
        return Error::io(QStringLiteral("cannot sync %1 to disk: %2; check the disk and free space")
                             .arg(file.fileName(), errnoText(errno)));
    }
#else
        // TODO(tegami): FlushFileBuffers((HANDLE)_get_osfhandle(file.handle())) on Windows.
#endif
    return {};
}

Result<void> syncDirectory(const QString& dir)
{
#ifdef Q_OS_UNIX
    const QByteArray path = QFile::encodeName(dir);
    int fd;
    do {
        fd = ::open(path.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return Error::io(QStringLiteral("cannot open directory %1 to sync it: %2").arg(dir, errnoText(errno)));
    const int rc = fsyncRetrying(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0)
        return Error::io(QStringLiteral("cannot sync directory %1 to disk: %2").arg(dir, errnoText(err)));
#else
    // NTFS journals directory entries with the rename itself.
    // TODO(tegami): verify on Windows whether FlushFileBuffers on a directory handle
    // (FILE_FLAG_BACKUP_SEMANTICS) is needed for ReFS/FAT data directories.
    Q_UNUSED(dir);
#endif
    return {};
}

bool hardLink(const QString& existing, const QString& newPath, QString* error)
{
#ifdef Q_OS_UNIX
    if (::link(QFile::encodeName(existing).constData(), QFile::encodeName(newPath).constData()) == 0)
        return true;
    if (error)
        *error = errnoText(errno);
    return false;
#else
    // TODO(tegami): CreateHardLinkW on Windows; until then callers copy.
    Q_UNUSED(existing);
    Q_UNUSED(newPath);
    if (error)
        *error = QStringLiteral("hard links are not implemented on this platform");
    return false;
#endif
}

} // namespace tegami::platform
