#pragma once

#include "log/LogEvent.h"

#include <QDateTime>
#include <QTimeZone>

namespace tegami::test {

inline const QDateTime kBaseTime = QDateTime(QDate(2026, 11, 22), QTime(12, 0), QTimeZone::utc());

struct EventSpec {
    QString sid = QStringLiteral("3f2a");
    qint64 seq = 1;
    LogDirection dir = LogDirection::FromClient;
    QString data = QStringLiteral("a1 NOOP");
    QString remote = QStringLiteral("198.51.100.7:52144");
    QString user;
    QString proto = QStringLiteral("imap");
    QString ctx = QStringLiteral("tls");
    qint64 msec = 0; // after kBaseTime
};

inline LogEvent makeEvent(const EventSpec& spec)
{
    LogEvent e;
    e.time = kBaseTime.addMSecs(spec.msec);
    e.proto = spec.proto;
    e.sid = spec.sid;
    e.seq = spec.seq;
    e.local = QStringLiteral("192.0.2.10:993");
    e.remote = spec.remote;
    e.dir = spec.dir;
    e.data = spec.data;
    e.user = spec.user;
    e.ctx = spec.ctx;
    return e;
}

// `count` numbered events ("event N") of one session, seq 1.., one millisecond apart.
inline QList<LogEvent> numberedEvents(int count, int firstNumber = 0, const QString& sid = QStringLiteral("3f2a"))
{
    QList<LogEvent> events;
    for (int i = 0; i < count; ++i) {
        EventSpec spec;
        spec.sid = sid;
        spec.seq = firstNumber + i + 1;
        spec.data = QStringLiteral("event %1").arg(firstNumber + i);
        spec.msec = firstNumber + i;
        events.append(makeEvent(spec));
    }
    return events;
}

} // namespace tegami::test
