#pragma once

#include "log/LogSubscription.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace tegami {

class ControlConnection;

// Streams protocol-log events to one control connection as "log.event" notifications.
// It never lets a slow reader make the service buffer without bound: while the
// connection has more than maxPendingBytes unread, it stops taking events, the
// subscription's bounded queue fills and drops, and the reader is told how many it
// lost ("log.dropped").
class LogFollower : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 maxPendingBytes = 1024 * 1024;

    LogFollower(std::unique_ptr<LogSubscription> subscription, ControlConnection& connection);

private:
    void drain();

    std::unique_ptr<LogSubscription> m_subscription;
    ControlConnection& m_connection;
    QTimer m_retry;
};

} // namespace tegami
