#include "backup/TarArchive.h"

#include <QCryptographicHash>
#include <QFile>
#include <QIODevice>

#include <array>
#include <cstring>

namespace tegami {

namespace {

constexpr qint64 blockSize = 512;
constexpr qint64 chunkSize = 1024 * 1024;
constexpr qint64 maxEntrySize = 077777777777LL; // 11 octal digits: 8 GiB - 1

qint64 paddingFor(qint64 size)
{
    return (blockSize - size % blockSize) % blockSize;
}

void putOctal(char* field, int width, qint64 value)
{
    // width - 1 digits and a NUL, as GNU tar writes them.
    const QByteArray digits = QByteArray::number(value, 8).rightJustified(width - 1, '0');
    std::memcpy(field, digits.constData(), static_cast<size_t>(width - 1));
    field[width - 1] = '\0';
}

std::optional<qint64> parseOctal(const char* field, int width)
{
    qint64 value = 0;
    int i = 0;
    while (i < width && field[i] == ' ')
        ++i;
    bool any = false;
    for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) {
        value = value * 8 + (field[i] - '0');
        any = true;
        if (value > maxEntrySize * 8)
            return std::nullopt;
    }
    for (; i < width; ++i) {
        if (field[i] != ' ' && field[i] != '\0')
            return std::nullopt;
    }
    if (!any)
        return std::nullopt;
    return value;
}

qint64 headerChecksum(const char* header)
{
    qint64 sum = 0;
    for (int i = 0; i < blockSize; ++i)
        sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(header[i]);
    return sum;
}

QString fieldText(const char* field, int width)
{
    return QString::fromUtf8(field, static_cast<int>(strnlen(field, static_cast<size_t>(width))));
}

} // namespace

bool isSafeArchivePath(const QString& path)
{
    if (path.isEmpty() || path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('\\'))
        || path.contains(QLatin1Char(':')) || path.contains(QChar(0)))
        return false;
    for (const QString& part : path.split(QLatin1Char('/'))) {
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String(".."))
            return false;
    }
    return true;
}

// ---- writer ----

TarWriter::TarWriter(QIODevice& out)
    : m_out(out)
{ }

Result<void> TarWriter::write(const char* data, qint64 size)
{
    if (m_out.write(data, size) != size)
        return Error::io(
            QStringLiteral("cannot write the backup file: %1; check the free space").arg(m_out.errorString()));
    m_written += size;
    return {};
}

Result<void> TarWriter::pad(qint64 size)
{
    static const char zeros[blockSize] = {};
    return write(zeros, paddingFor(size));
}

Result<void> TarWriter::writeHeader(const QString& name, qint64 size)
{
    if (!isSafeArchivePath(name))
        return Error::internal(QStringLiteral("refusing to archive the unsafe path '%1'").arg(name));
    if (size > maxEntrySize)
        return Error::invalid(
            name, QStringLiteral("%1 is larger than 8 GiB, which the backup format cannot hold").arg(name));
    const QByteArray path = name.toUtf8();
    QByteArray prefix;
    QByteArray base = path;
    if (path.size() > 100) {
        // Split at a '/' so that the prefix has at most 155 bytes and the name at most 100.
        const qsizetype cut = path.lastIndexOf('/', 155);
        if (cut <= 0 || path.size() - cut - 1 > 100)
            return Error::invalid(name, QStringLiteral("the path %1 is too long for the backup format").arg(name));
        prefix = path.left(cut);
        base = path.mid(cut + 1);
    }
    std::array<char, blockSize> h {};
    std::memcpy(h.data(), base.constData(), static_cast<size_t>(base.size()));
    putOctal(h.data() + 100, 8, 0600);
    putOctal(h.data() + 108, 8, 0);
    putOctal(h.data() + 116, 8, 0);
    putOctal(h.data() + 124, 12, size);
    putOctal(h.data() + 136, 12, 0); // a fixed time: the same data gives the same archive
    h[156] = '0';
    std::memcpy(h.data() + 257, "ustar", 6);
    std::memcpy(h.data() + 263, "00", 2);
    std::memcpy(h.data() + 345, prefix.constData(), static_cast<size_t>(prefix.size()));
    const QByteArray sum = QByteArray::number(headerChecksum(h.data()), 8).rightJustified(6, '0');
    std::memcpy(h.data() + 148, sum.constData(), 6);
    h[154] = '\0';
    h[155] = ' ';
    return write(h.data(), blockSize);
}

Result<QByteArray> TarWriter::addFile(const QString& name, const QString& sourcePath)
{
    QFile file(sourcePath);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("cannot read %1 for the backup: %2").arg(sourcePath, file.errorString()));
    const qint64 size = file.size();
    if (Result<void> r = writeHeader(name, size); !r)
        return r.error();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer(static_cast<qsizetype>(std::min(chunkSize, std::max<qint64>(size, 1))), '\0');
    qint64 copied = 0;
    while (copied < size) {
        const qint64 n = file.read(buffer.data(), std::min<qint64>(buffer.size(), size - copied));
        if (n <= 0)
            return Error::io(QStringLiteral("%1 changed or could not be read while it was being backed up (%2)")
                                 .arg(sourcePath, file.errorString()));
        hash.addData(QByteArrayView(buffer.constData(), n));
        if (Result<void> r = write(buffer.constData(), n); !r)
            return r.error();
        copied += n;
    }
    char extra;
    if (file.read(&extra, 1) != 0)
        return Error::io(QStringLiteral("%1 grew while it was being backed up").arg(sourcePath));
    if (Result<void> r = pad(size); !r)
        return r.error();
    return hash.result().toHex();
}

Result<QByteArray> TarWriter::addData(const QString& name, const QByteArray& data)
{
    if (Result<void> r = writeHeader(name, data.size()); !r)
        return r.error();
    if (Result<void> r = write(data.constData(), data.size()); !r)
        return r.error();
    if (Result<void> r = pad(data.size()); !r)
        return r.error();
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

Result<void> TarWriter::finish()
{
    static const char zeros[2 * blockSize] = {};
    return write(zeros, sizeof zeros);
}

// ---- reader ----

TarReader::TarReader(QIODevice& in)
    : m_in(in)
{ }

Result<void> TarReader::readExactly(char* data, qint64 size)
{
    qint64 done = 0;
    while (done < size) {
        const qint64 n = m_in.read(data + done, size - done);
        if (n <= 0) {
            return Error::invalid(QStringLiteral("backup"),
                QStringLiteral("the backup file ends too early (at byte %1): it is truncated or damaged")
                    .arg(m_offset + done));
        }
        done += n;
    }
    m_offset += size;
    return {};
}

Result<void> TarReader::skipRemaining()
{
    if (m_remaining > 0) {
        if (Result<QByteArray> r = readData([](const char*, qint64) -> Result<void> { return {}; }); !r)
            return r.error();
    }
    return {};
}

Result<std::optional<TarEntry>> TarReader::next()
{
    if (Result<void> r = skipRemaining(); !r)
        return r.error();
    for (;;) {
        std::array<char, blockSize> h {};
        const qint64 at = m_offset;
        if (Result<void> r = readExactly(h.data(), blockSize); !r)
            return r.error();
        if (std::all_of(h.begin(), h.end(), [](char c) { return c == 0; }))
            return std::optional<TarEntry>(); // end of archive
        const auto damaged = [at](const QString& what) {
            return Error::invalid(QStringLiteral("backup"),
                QStringLiteral("the backup file is damaged at byte %1 (%2); use another copy").arg(at).arg(what));
        };
        const std::optional<qint64> checksum = parseOctal(h.data() + 148, 8);
        if (!checksum || *checksum != headerChecksum(h.data()))
            return damaged(QStringLiteral("bad header checksum"));
        if (std::memcmp(h.data() + 257, "ustar", 5) != 0)
            return damaged(QStringLiteral("not a ustar header"));
        const std::optional<qint64> size = parseOctal(h.data() + 124, 12);
        if (!size || *size > maxEntrySize)
            return damaged(QStringLiteral("bad entry size"));
        const QString prefix = fieldText(h.data() + 345, 155);
        const QString base = fieldText(h.data(), 100);
        QString name = prefix.isEmpty() ? base : prefix + QLatin1Char('/') + base;
        const char type = h[156];
        if (type == '5') {
            if (*size != 0)
                return damaged(QStringLiteral("a directory with data"));
            continue;
        }
        if (type != '0' && type != '\0')
            return damaged(QStringLiteral("'%1' is not a regular file; backups hold only files").arg(name));
        if (!isSafeArchivePath(name))
            return damaged(QStringLiteral("unsafe path '%1'").arg(name));
        m_remaining = *size;
        m_padding = paddingFor(*size);
        return std::optional<TarEntry>(TarEntry { name, *size });
    }
}

Result<QByteArray> TarReader::readData(const std::function<Result<void>(const char*, qint64)>& sink)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer(static_cast<qsizetype>(std::min(chunkSize, std::max<qint64>(m_remaining, 1))), '\0');
    while (m_remaining > 0) {
        const qint64 n = std::min<qint64>(buffer.size(), m_remaining);
        if (Result<void> r = readExactly(buffer.data(), n); !r)
            return r.error();
        m_remaining -= n;
        hash.addData(QByteArrayView(buffer.constData(), n));
        if (Result<void> r = sink(buffer.constData(), n); !r)
            return r.error();
    }
    if (m_padding > 0) {
        char pad[blockSize];
        if (Result<void> r = readExactly(pad, m_padding); !r)
            return r.error();
        m_padding = 0;
    }
    return hash.result().toHex();
}

} // namespace tegami
