#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

class QIODevice;

namespace tegami {

// The subset of POSIX ustar that backups need: regular files with relative, clean paths
// (up to 255 bytes split into prefix and name), sizes up to 8 GiB. Readers refuse links,
// devices, absolute paths and "..", so a crafted archive cannot write outside the
// directory it is extracted into. `tar tvf` lists what Tegami writes.
class TarWriter {
public:
    explicit TarWriter(QIODevice& out);

    // Streams the file at sourcePath into the archive as `name` and returns the SHA-256
    // (hex) of what was written. Fails if the file changes size while being copied.
    Result<QByteArray> addFile(const QString& name, const QString& sourcePath);
    // Adds `data` as `name`; returns its SHA-256 (hex).
    Result<QByteArray> addData(const QString& name, const QByteArray& data);
    // Writes the end-of-archive marker (two zero blocks).
    Result<void> finish();

    qint64 bytesWritten() const { return m_written; }

private:
    Result<void> writeHeader(const QString& name, qint64 size);
    Result<void> write(const char* data, qint64 size);
    Result<void> pad(qint64 size);

    QIODevice& m_out;
    qint64 m_written = 0;
};

struct TarEntry {
    QString name; // relative path, '/' separated
    qint64 size = 0;
};

class TarReader {
public:
    explicit TarReader(QIODevice& in);

    // The next file entry (directory entries are skipped), or nothing at the end of the
    // archive. The previous entry's data must have been read (or is skipped here).
    Result<std::optional<TarEntry>> next();
    // Reads the current entry's data in chunks into `sink` and returns its SHA-256 (hex).
    Result<QByteArray> readData(const std::function<Result<void>(const char* data, qint64 size)>& sink);

private:
    Result<void> readExactly(char* data, qint64 size);
    Result<void> skipRemaining();

    QIODevice& m_in;
    qint64 m_remaining = 0; // data bytes of the current entry not read yet
    qint64 m_padding = 0; // then this many bytes up to the block boundary
    qint64 m_offset = 0; // for error messages
};

// Whether `path` is safe to create under an extraction directory: relative, '/' separated,
// without empty, "." or ".." components or backslashes.
bool isSafeArchivePath(const QString& path);

} // namespace tegami
