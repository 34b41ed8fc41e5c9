#pragma once

// Helpers shared by the log tests: building events and reading files back.

#include "core/Clock.h"
#include "log/LogEvent.h"
#include "log/LogFiles.h"

#include <QFile>
#include <QList>
#include <QString>

namespace tegami::test {

// Far enough in the future that real file modification times are always older.
inline QDateTime testEpoch()
{
    return QDateTime(QDate(2030, 6, 1), QTime(8, 0), Qt::UTC);
}

inline LogEvent makeEvent(const QDateTime& time, qint64 seq, const QString& sid = QStringLiteral("00c0ffee"),
                          const QString& data = QStringLiteral("NOOP"))
{
    LogEvent event;
    event.time = time;
    event.proto = QStringLiteral("imap");
    event.sid = sid;
    event.seq = seq;
    event.local = QStringLiteral("192.0.2.10:993");
    event.remote = QStringLiteral("198.51.100.7:52144");
    event.dir = LogDirection::FromClient;
    event.data = data;
    return event;
}

// The events in every file, oldest file first; lines that are not events are counted in *badLines.
inline QList<LogEvent> readAllEvents(const QString& directory, int* badLines = nullptr)
{
    QList<LogEvent> events;
    for (const LogFileEntry& entry : listLogFiles(directory)) {
        QFile file(entry.path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine();
            Result<LogEvent> event = LogEvent::fromJsonLine(line);
            if (event)
                events.append(*event);
            else if (badLines)
                ++*badLines;
        }
    }
    return events;
}

inline qint64 directorySize(const QString& directory)
{
    qint64 total = 0;
    for (const LogFileEntry& entry : listLogFiles(directory))
        total += entry.size;
    return total;
}

inline QByteArray readAllBytes(const QString& directory)
{
    QByteArray all;
    for (const LogFileEntry& entry : listLogFiles(directory)) {
        QFile file(entry.path);
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

} // namespace tegami::test
