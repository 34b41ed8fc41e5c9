#include "log/LogFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <functional>
#include <map>

namespace tegami {

namespace {

constexpr qint64 kChunkBytes = 64 * 1024;
// Our lines are a few KiB at most; anything longer is not an event and is skipped.
constexpr qsizetype kMaxLineBytes = 1024 * 1024;

// Reads `file` backwards in chunks and calls visit() for each complete line, last line
// first, until visit() returns false. The bytes after the last newline are a line still
// being written and are not visited.
Result<void> visitLinesBackwards(QFile& file, const std::function<bool(QByteArrayView)>& visit)
{
    qint64 pos = file.size();
    QByteArray pending; // a suffix of the region not yet visited: [pos, pos + size)
    bool skipUntilNewline = true; // what follows the last newline is incomplete
    while (pos > 0) {
        const qint64 chunkSize = std::min(kChunkBytes, pos);
        pos -= chunkSize;
        if (!file.seek(pos))
            return Error::io(QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
        const QByteArray chunk = file.read(chunkSize);
        if (chunk.size() != chunkSize)
            return Error::io(QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
        pending.prepend(chunk);
        if (skipUntilNewline) {
            const qsizetype newline = pending.lastIndexOf('\n');
            if (newline < 0) {
                if (pending.size() > kMaxLineBytes)
                    pending.clear();
                continue;
            }
            pending.truncate(newline);
            skipUntilNewline = false;
        }
        for (qsizetype newline = pending.lastIndexOf('\n'); newline >= 0; newline = pending.lastIndexOf('\n')) {
            if (!visit(QByteArrayView(pending).sliced(newline + 1)))
                return {};
            pending.truncate(newline);
        }
        if (pending.size() > kMaxLineBytes) {
            // An oversized line: drop what we have and resume after the previous newline.
            pending.clear();
            skipUntilNewline = true;
        }
    }
    if (!skipUntilNewline && !pending.isEmpty())
        visit(pending); // the file's first line
    return {};
}

} // namespace

QString logFileName(const QDateTime& start, int counter)
{
    const QString stamp = start.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    if (counter > 0)
        return QStringLiteral("protocol-%1-%2.jsonl").arg(stamp).arg(counter);
    return QStringLiteral("protocol-%1.jsonl").arg(stamp);
}

bool parseLogFileName(const QString& name, QDateTime* start, int* counter)
{
    static const QRegularExpression pattern(QStringLiteral("^protocol-(\\d{8})-(\\d{6})(?:-(\\d{1,6}))?\\.jsonl$"));
    const QRegularExpressionMatch match = pattern.match(name);
    if (!match.hasMatch())
        return false;
    const QDate date = QDate::fromString(match.captured(1), QStringLiteral("yyyyMMdd"));
    const QTime time = QTime::fromString(match.captured(2), QStringLiteral("HHmmss"));
    if (!date.isValid() || !time.isValid())
        return false;
    *start = QDateTime(date, time, Qt::UTC);
    *counter = match.captured(3).isEmpty() ? 0 : match.captured(3).toInt();
    return true;
}

QList<LogFileEntry> listLogFiles(const QString& directory)
{
    QList<LogFileEntry> files;
    const QFileInfoList infos
        = QDir(directory).entryInfoList({ QStringLiteral("protocol-*.jsonl") }, QDir::Files | QDir::NoDotAndDotDot);
    for (const QFileInfo& info : infos) {
        LogFileEntry entry;
        if (!parseLogFileName(info.fileName(), &entry.start, &entry.counter))
            continue;
        entry.path = info.absoluteFilePath();
        entry.size = info.size();
        entry.modified = info.lastModified().toUTC();
        files.append(entry);
    }
    std::sort(files.begin(), files.end(), [](const LogFileEntry& a, const LogFileEntry& b) {
        return a.start != b.start ? a.start < b.start : a.counter < b.counter;
    });
    return files;
}

Result<QList<LogEvent>> readRecentEvents(const QString& directory, int maxEvents, const LogFilter& filter)
{
    QList<LogEvent> newestFirst;
    if (maxEvents <= 0)
        return newestFirst;
    const QList<LogFileEntry> files = listLogFiles(directory);
    for (auto it = files.crbegin(); it != files.crend() && newestFirst.size() < maxEvents; ++it) {
        QFile file(it->path);
        if (!file.open(QIODevice::ReadOnly)) {
            if (!file.exists())
                continue; // deleted by retention while we were listing
            return Error::io(QStringLiteral("cannot open %1: %2; check the permissions of the protocol log directory")
                                 .arg(it->path, file.errorString()));
        }
        Result<void> read = visitLinesBackwards(file, [&](QByteArrayView line) {
            if (line.trimmed().isEmpty())
                return true;
            Result<LogEvent> event = LogEvent::fromJsonLine(line);
            if (event && filter.matches(*event))
                newestFirst.append(std::move(event).value());
            return newestFirst.size() < maxEvents;
        });
        if (!read)
            return read.error();
    }
    std::reverse(newestFirst.begin(), newestFirst.end());
    return newestFirst;
}

namespace {

// When each file's events end: where the next file starts, or its last write.
QDateTime fileEnd(const QList<LogFileEntry>& files, qsizetype i)
{
    return i + 1 < files.size() ? std::max(files[i + 1].start, files[i].start)
                                : std::max(files[i].modified, files[i].start);
}

} // namespace

QList<LogDay> listLogDays(const QString& directory)
{
    const QList<LogFileEntry> files = listLogFiles(directory);
    std::map<QDate, LogDay> days;
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QDate first = files[i].start.toLocalTime().date();
        const QDate last = fileEnd(files, i).toLocalTime().date();
        for (QDate d = first; d.isValid() && d <= last && first.daysTo(d) <= 366; d = d.addDays(1)) {
            LogDay& day = days[d];
            day.date = d;
            ++day.files;
            day.bytes += files[i].size;
        }
    }
    QList<LogDay> out;
    for (const auto& [date, day] : days)
        out.append(day);
    return out;
}

Result<LogPage> readDayEvents(const QString& directory, QDate day, const LogFilter& filter, qint64 offset, int limit)
{
    LogPage page;
    const QList<LogFileEntry> files = listLogFiles(directory);
    qint64 skipped = 0;
    for (qsizetype i = 0; i < files.size(); ++i) {
        if (files[i].start.toLocalTime().date() > day || fileEnd(files, i).toLocalTime().date() < day)
            continue;
        QFile file(files[i].path);
        if (!file.open(QIODevice::ReadOnly)) {
            if (!file.exists())
                continue; // deleted by retention while we were listing
            return Error::io(QStringLiteral("cannot open %1: %2; check the permissions of the protocol log directory")
                                 .arg(files[i].path, file.errorString()));
        }
        while (!file.atEnd()) {
            const QByteArray line = file.readLine(); // the writer bounds its lines
            if (!line.endsWith('\n'))
                break; // a line still being written
            Result<LogEvent> event = LogEvent::fromJsonLine(line.trimmed());
            if (!event || event->time.toLocalTime().date() != day || !filter.matches(*event))
                continue;
            if (skipped < offset) {
                ++skipped;
                continue;
            }
            if (page.events.size() >= limit) {
                page.more = true;
                return page;
            }
            page.events.append(std::move(event).value());
        }
    }
    return page;
}

} // namespace tegami
