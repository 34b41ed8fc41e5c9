#pragma once

#include <QHash>
#include <QList>
#include <QRandomGenerator>
#include <QStringList>

#include <vector>

#include "logviewer/LogEventSource.h"

namespace tegami {

// A LogEventSource for tests, the demo and the bench: events are pushed by the caller,
// requests are recorded and answered (asynchronously, like the real one) from canned data.
class FakeLogEventSource : public LogEventSource {
    Q_OBJECT

public:
    struct DayRequest {
        QDate date;
        qint64 offset = 0;
        int limit = 0;
    };

    explicit FakeLogEventSource(QObject* parent = nullptr);

    bool isConnected() const override { return m_connected; }
    void start() override;
    void stop() override;
    void requestDays() override;
    void requestDay(const QDate& date, qint64 offset, int limit, const LogFilter& filter) override;
    void disconnectSession(const QString& sid) override;
    void banAddress(const QString& address, const QString& reason) override;

    // Driving the fake.
    void setConnected(bool connected);
    void pushEvents(const QList<LogEvent>& events) { Q_EMIT eventsArrived(events); }
    void pushDropped(qint64 count) { Q_EMIT dropped(count); }
    void setDays(const QList<LogDayInfo>& days) { m_days = days; }
    void setDayEvents(const QDate& date, const QList<LogEvent>& events) { m_dayEvents.insert(date, events); }
    void setDayError(const QString& error) { m_dayError = error; }
    // The next disconnect or ban fails with this message.
    void setNextActionError(const QString& message) { m_actionError = message; }

    // What the viewer asked for.
    bool isFollowing() const { return m_following; }
    int startCount() const { return m_starts; }
    const QList<DayRequest>& dayRequests() const { return m_dayRequests; }
    const QStringList& disconnectedSessions() const { return m_disconnected; }
    const QStringList& bannedAddresses() const { return m_banned; }
    const QStringList& banReasons() const { return m_banReasons; }

private:
    void finishAction(const QString& action, const QString& target);

    bool m_connected = true;
    bool m_following = false;
    int m_starts = 0;
    QList<LogDayInfo> m_days;
    QHash<QDate, QList<LogEvent>> m_dayEvents;
    QString m_dayError;
    QString m_actionError;
    QList<DayRequest> m_dayRequests;
    QStringList m_disconnected;
    QStringList m_banned;
    QStringList m_banReasons;
};

// Plausible interleaved SMTP, submission, IMAP and POP3 sessions (TLS notes, logins, a
// failed password now and then), deterministic for a seed. Times advance by timeStepMs
// from `start`, or follow the wall clock when `start` is invalid.
class LogEventGenerator {
public:
    explicit LogEventGenerator(quint32 seed = 1, const QDateTime& start = {}, int timeStepMs = 7);

    LogEvent next();
    QList<LogEvent> next(int count);

private:
    struct Session {
        QString proto;
        QString sid;
        QString local;
        QString remote;
        QString user;
        QStringList script; // "<dir><data>" lines
        int step = 0;
        int loginStep = 0; // script line that completes the login; 0 when it fails
        qint64 seq = 0;
        bool tls = false;
    };
    Session newSession();

    QRandomGenerator m_random;
    QDateTime m_start;
    int m_timeStepMs;
    qint64 m_count = 0;
    quint32 m_nextSid = 0x3f2a;
    std::vector<Session> m_open;
};

} // namespace tegami
