#pragma once

#include "core/Result.h"
#include "log/LogEvent.h"
#include "log/LogFilter.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace tegami {

// One protocol log file: protocol-YYYYMMDD-HHMMSS.jsonl, or protocol-YYYYMMDD-HHMMSS-N.jsonl
// when a file with the same start second already exists.
struct LogFileEntry {
    QString path;
    QDateTime start; // UTC, from the name: when its first event happened
    int counter = 0; // the -N suffix, 0 without one
    qint64 size = 0;
    QDateTime modified; // UTC
};

QString logFileName(const QDateTime& start, int counter);
// False for names that are not protocol log files (they are never touched).
bool parseLogFileName(const QString& name, QDateTime* start, int* counter);
// The directory's protocol log files, oldest first (by start time, then suffix).
QList<LogFileEntry> listLogFiles(const QString& directory);

// The last maxEvents events matching `filter`, oldest first, read from the ends of the
// newest files backwards so a full 250 MB directory is not loaded. A line still being
// written (no newline yet) and lines that are not valid events are skipped.
Result<QList<LogEvent>> readRecentEvents(const QString& directory, int maxEvents, const LogFilter& filter);

} // namespace tegami
