#include "log/LogSubscription.h"

#include <QMetaObject>

namespace tegami {

LogSubscription::LogSubscription(std::shared_ptr<LogFanout> fanout, LogFilter filter, int capacity)
    : m_filter(std::move(filter))
    , m_capacity(std::max(1, capacity))
    , m_fanout(std::move(fanout))
{
}

LogSubscription::~LogSubscription()
{
    // Blocks until a publish() in progress on another thread is done with this object.
    unsubscribe();
}

void LogSubscription::unsubscribe()
{
    std::shared_ptr<LogFanout> fanout;
    {
        QMutexLocker lock(&m_mutex);
        fanout = std::move(m_fanout);
    }
    if (fanout)
        fanout->remove(this);
}

bool LogSubscription::isSubscribed() const
{
    QMutexLocker lock(&m_mutex);
    return m_fanout != nullptr;
}

LogSubscription::Batch LogSubscription::takeAll()
{
    QMutexLocker lock(&m_mutex);
    Batch batch;
    batch.events.swap(m_queue);
    batch.dropped = std::exchange(m_dropped, 0);
    m_notifyPending = false;
    return batch;
}

qsizetype LogSubscription::pending() const
{
    QMutexLocker lock(&m_mutex);
    return m_queue.size();
}

qint64 LogSubscription::totalDropped() const
{
    QMutexLocker lock(&m_mutex);
    return m_totalDropped;
}

void LogSubscription::offer(const LogEvent& event)
{
    if (!m_filter.matches(event))
        return;
    QMutexLocker lock(&m_mutex);
    if (m_queue.size() >= m_capacity) {
        ++m_dropped;
        ++m_totalDropped;
        return;
    }
    m_queue.append(event);
    if (!m_notifyPending) {
        m_notifyPending = true;
        // Posted, not called: a viewer's slot must never run inside a session's record().
        QMetaObject::invokeMethod(this, [this] { Q_EMIT eventsAvailable(); }, Qt::QueuedConnection);
    }
}

std::unique_ptr<LogSubscription> LogFanout::subscribe(const std::shared_ptr<LogFanout>& fanout, LogFilter filter,
                                                      int capacity)
{
    std::unique_ptr<LogSubscription> subscription(new LogSubscription(fanout, std::move(filter), capacity));
    QMutexLocker lock(&fanout->m_mutex);
    fanout->m_subscriptions.append(subscription.get());
    return subscription;
}

void LogFanout::publish(const LogEvent& event)
{
    QMutexLocker lock(&m_mutex);
    for (LogSubscription* subscription : std::as_const(m_subscriptions))
        subscription->offer(event);
}

void LogFanout::remove(LogSubscription* subscription)
{
    QMutexLocker lock(&m_mutex);
    m_subscriptions.removeOne(subscription);
}

int LogFanout::count() const
{
    QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_subscriptions.size());
}

} // namespace tegami
