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

// The local calendar days the files hold events of, oldest first, with how many files
// (and their bytes) touch each day: what the console offers as past days.
struct LogDay {
    QDate date;
    int files = 0;
    qint64 bytes = 0;
};
QList<LogDay> listLogDays(const QString& directory);

// One page of a past day's events (local time), oldest first: the matching events after
// the first `offset` matching ones, at most `limit`. `more` says whether another page follows.
struct LogPage {
    QList<LogEvent> events;
    bool more = false;
};
Result<LogPage> readDayEvents(const QString& directory, QDate day, const LogFilter& filter, qint64 offset, int limit);

} // namespace tegami
