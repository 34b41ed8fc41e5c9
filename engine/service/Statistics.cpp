#include "service/Statistics.h"

#include <QJsonArray>

#include <algorithm>

namespace tegami {

namespace {

qint64 minuteOf(const QDateTime& t)
{
    return t.toSecsSinceEpoch() / 60;
}

} // namespace

Statistics::Statistics(const Clock& clock, int keepMinutes)
    : m_clock(clock)
    , m_keepMinutes(keepMinutes)
{ }

Statistics::Bucket& Statistics::current()
{
    const qint64 now = minuteOf(m_clock.now());
    if (m_buckets.empty() || m_buckets.back().minute < now) {
        m_buckets.push_back(Bucket { now });
        while (!m_buckets.empty() && m_buckets.front().minute <= now - m_keepMinutes)
            m_buckets.pop_front();
    }
    // A clock that went back counts into the newest minute rather than reorder the list.
    return m_buckets.back();
}

void Statistics::countConnection(Protocol protocol)
{
    ++current().connections[static_cast<size_t>(protocol)];
}

void Statistics::countReceived()
{
    ++current().received;
}

void Statistics::countDelivered()
{
    ++current().delivered;
}

QJsonObject Statistics::history(int minutes) const
{
    minutes = std::clamp(minutes, 1, m_keepMinutes);
    const qint64 last = minuteOf(m_clock.now());
    const qint64 first = last - minutes + 1;
    std::array<QJsonArray, 4> connections;
    QJsonArray received;
    QJsonArray delivered;
    auto it = m_buckets.begin();
    for (qint64 m = first; m <= last; ++m) {
        while (it != m_buckets.end() && it->minute < m)
            ++it;
        const bool hit = it != m_buckets.end() && it->minute == m;
        for (size_t p = 0; p < connections.size(); ++p)
            connections[p].append(hit ? it->connections[p] : 0);
        received.append(hit ? it->received : 0);
        delivered.append(hit ? it->delivered : 0);
    }
    QJsonObject byProtocol;
    for (Protocol p : allProtocols)
        byProtocol.insert(protocolName(p), connections[static_cast<size_t>(p)]);
    return QJsonObject {
        { QStringLiteral("start"), QDateTime::fromSecsSinceEpoch(first * 60, Qt::UTC).toString(Qt::ISODate) },
        { QStringLiteral("intervalSecs"), 60 },
        { QStringLiteral("connections"), byProtocol },
        { QStringLiteral("messagesReceived"), received },
        { QStringLiteral("messagesDelivered"), delivered },
    };
}

} // namespace tegami
