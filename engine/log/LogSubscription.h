#pragma once

#include "log/LogEvent.h"
#include "log/LogFilter.h"

#include <QList>
#include <QMutex>
#include <QObject>

#include <memory>

namespace tegami {

class LogFanout;

// One live viewer's bounded queue of events. ProtocolLog::record() offers each matching
// event; when the queue is full the event is dropped and counted, so a viewer that does not
// keep up loses events (and learns how many) while sessions never wait for it.
// Destroying the subscription unsubscribes it.
class LogSubscription : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultCapacity = 10000;

    struct Batch {
        QList<LogEvent> events; // oldest first
        qint64 dropped = 0;     // events lost since the previous takeAll()
    };

    ~LogSubscription() override;

    // Thread-safe. Takes everything queued and resets the drop count.
    Batch takeAll();
    // Stops receiving events (queued ones can still be taken).
    void unsubscribe();
    bool isSubscribed() const;

    const LogFilter& filter() const { return m_filter; }
    int capacity() const { return m_capacity; }
    qsizetype pending() const;
    qint64 totalDropped() const;

Q_SIGNALS:
    // Emitted once when the queue goes from empty to non-empty; the next one only after
    // takeAll(). Delivered through this object's event loop, never inside record().
    void eventsAvailable();

private:
    friend class LogFanout;
    LogSubscription(std::shared_ptr<LogFanout> fanout, LogFilter filter, int capacity);
    void offer(const LogEvent& event); // called by LogFanout, on the recording thread

    const LogFilter m_filter;
    const int m_capacity;
    std::shared_ptr<LogFanout> m_fanout; // null once unsubscribed

    mutable QMutex m_mutex;
    QList<LogEvent> m_queue;
    qint64 m_dropped = 0;
    qint64 m_totalDropped = 0;
    bool m_notifyPending = false;
};

// The subscriber list, shared by ProtocolLog and its subscriptions so that either may be
// destroyed first. Internal to the log module.
class LogFanout {
public:
    static std::unique_ptr<LogSubscription> subscribe(const std::shared_ptr<LogFanout>& fanout, LogFilter filter,
                                                      int capacity);
    void publish(const LogEvent& event);
    void remove(LogSubscription* subscription);
    int count() const;

private:
    mutable QMutex m_mutex;
    QList<LogSubscription*> m_subscriptions;
};

} // namespace tegami
