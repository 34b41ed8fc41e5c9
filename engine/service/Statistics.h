#pragma once

#include "core/Clock.h"
#include "core/Protocol.h"

#include <QJsonObject>

#include <array>
#include <deque>

namespace tegami {

// Per-minute counts of what the dashboard charts: connections per protocol, messages
// received (accepted into the queue) and recipient deliveries. Kept in memory for the
// last day only; a restart starts them again.
class Statistics {
public:
    explicit Statistics(const Clock& clock, int keepMinutes = 24 * 60);

    void countConnection(Protocol protocol);
    void countReceived();
    void countDelivered();

    // The last `minutes` whole minutes up to now, oldest first, one entry per minute
    // (zeros where nothing happened): {start, intervalSecs: 60, connections: {smtp: [...],
    // ...}, messagesReceived: [...], messagesDelivered: [...]}.
    QJsonObject history(int minutes) const;

private:
    struct Bucket {
        qint64 minute = 0; // minutes since the epoch
        std::array<int, 4> connections {}; // by Protocol
        int received = 0;
        int delivered = 0;
    };
    Bucket& current();

    const Clock& m_clock;
    int m_keepMinutes;
    std::deque<Bucket> m_buckets; // ascending minutes, gaps allowed
};

} // namespace tegami
