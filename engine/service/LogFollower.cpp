#include "service/LogFollower.h"

#include "service/ControlServer.h"

namespace tegami {

LogFollower::LogFollower(std::unique_ptr<LogSubscription> subscription, ControlConnection& connection)
    : m_subscription(std::move(subscription))
    , m_connection(connection)
{
    connect(m_subscription.get(), &LogSubscription::eventsAvailable, this, &LogFollower::drain);
    // Retry while the reader is behind; eventsAvailable fires only once per take.
    m_retry.setInterval(100);
    connect(&m_retry, &QTimer::timeout, this, &LogFollower::drain);
}

void LogFollower::drain()
{
    if (m_connection.pendingBytes() > maxPendingBytes) {
        m_retry.start();
        return;
    }
    m_retry.stop();
    const LogSubscription::Batch batch = m_subscription->takeAll();
    if (batch.dropped > 0)
        m_connection.sendNotification(QStringLiteral("log.dropped"), { { QStringLiteral("count"), batch.dropped } });
    for (const LogEvent& e : batch.events)
        m_connection.sendNotification(QStringLiteral("log.event"), e.toJson());
}

} // namespace tegami
