#pragma once

#include "log/LogEvent.h"
#include "log/LogFilter.h"

#include <QDate>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

namespace tegami {

// One day of protocol log files on the server (log.days).
struct LogDayInfo {
    QDate date;
    int files = 0;
    qint64 bytes = 0;

    bool operator==(const LogDayInfo& other) const = default;
};

// What the protocol-log viewer consumes. The console implements it over the control API;
// tests, the demo and the bench use FakeLogEventSource. Every request is asynchronous and
// answered by a signal, so a slow service never blocks the console.
//
// Control API mapping:
//   start()/stop()            log.follow {} / log.unfollow; notifications log.event {event}
//                             -> eventsArrived (batched), log.dropped {count} -> dropped
//   requestDays()             log.days -> [{date, files, bytes}] -> daysListed
//   requestDay()              log.read {date, offset, limit, filters} -> {events, next} -> dayLoaded
//   disconnectSession(sid)    session.disconnect {sid} -> actionFinished
//   banAddress(address, why)  security.ban {address, reason} -> actionFinished
class LogEventSource : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    ~LogEventSource() override = default;

    // True while the source can reach the service; start() before that is remembered
    // and the stream begins (again) when the connection comes (back).
    virtual bool isConnected() const = 0;
    // Begins or ends the live stream (log.follow / log.unfollow). Both are idempotent.
    virtual void start() = 0;
    virtual void stop() = 0;

    // Lists the days that have log files. Answered by daysListed or requestFailed.
    virtual void requestDays() = 0;
    // Reads up to `limit` events of `date` (server-local day) from `offset` (an opaque
    // position, 0 = the start of the day, else a `next` from an earlier dayLoaded).
    // Answered by dayLoaded or dayFailed with the same date and offset.
    virtual void requestDay(const QDate& date, qint64 offset, int limit, const LogFilter& filter) = 0;

    // Ends a live session on the server. Answered by actionFinished.
    virtual void disconnectSession(const QString& sid) = 0;
    // Bans a remote address (no port) on the server. Answered by actionFinished.
    virtual void banAddress(const QString& address, const QString& reason) = 0;

Q_SIGNALS:
    // New live events, oldest first. Sources should batch (one signal per notification
    // burst), the viewer copes with one event per signal too.
    void eventsArrived(const QList<tegami::LogEvent>& events);
    // The service dropped `count` events for this viewer because it fell behind.
    void dropped(qint64 count);
    void connectionChanged(bool connected);

    void daysListed(const QList<tegami::LogDayInfo>& days);
    void daysFailed(const QString& error);
    // `next` is the offset of the following page, or -1 when the day is complete.
    void dayLoaded(const QDate& date, qint64 offset, const QList<tegami::LogEvent>& events, qint64 next);
    void dayFailed(const QDate& date, qint64 offset, const QString& error);

    // `action` is "session.disconnect" or "security.ban", `target` the sid or address;
    // `message` is the service's error (admin-readable) when ok is false.
    void actionFinished(const QString& action, const QString& target, bool ok, const QString& message);
};

} // namespace tegami

Q_DECLARE_METATYPE(tegami::LogDayInfo)
