#include "client/ServiceLogSource.h"

#include <QJsonArray>

#include "client/ServiceClient.h"

namespace tegami {

namespace {

// Events of one notification burst go to the viewer together; a short delay is invisible
// and saves the model thousands of single inserts under load.
constexpr int batchDelayMs = 50;
constexpr qsizetype maxBatch = 2000;

QList<LogEvent> eventsFrom(const QJsonArray& array)
{
    QList<LogEvent> events;
    events.reserve(array.size());
    for (const QJsonValue& v : array) {
        Result<LogEvent> e = LogEvent::fromJson(v.toObject());
        if (e)
            events << *e;
    }
    return events;
}

} // namespace

ServiceLogSource::ServiceLogSource(ServiceClient& client, QObject* parent)
    : LogEventSource(parent)
    , m_client(client)
{
    m_flush.setSingleShot(true);
    m_flush.setInterval(batchDelayMs);
    connect(&m_flush, &QTimer::timeout, this, &ServiceLogSource::flush);
    connect(&m_client, &ServiceClient::logEvent, this, &ServiceLogSource::onEvent);
    connect(&m_client, &ServiceClient::logDropped, this, [this](qint64 count) {
        flush();
        Q_EMIT dropped(count);
    });
    connect(&m_client, &ServiceClient::connected, this, [this] {
        if (m_following)
            follow();
        Q_EMIT connectionChanged(true);
    });
    connect(&m_client, &ServiceClient::disconnected, this, [this] {
        flush();
        Q_EMIT connectionChanged(false);
    });
}

bool ServiceLogSource::isConnected() const
{
    return m_client.isConnected();
}

void ServiceLogSource::start()
{
    if (m_following)
        return;
    m_following = true;
    if (m_client.isConnected())
        follow();
}

void ServiceLogSource::follow()
{
    // The first time, the viewer opens on the recent past (log.tail) rather than an empty
    // table. The service answers in order, so these come before any streamed event.
    if (!m_primed) {
        m_primed = true;
        m_client.call(QStringLiteral("log.tail"), { { QStringLiteral("lines"), initialEvents } }, this,
            [this](const RpcReply& r) {
                if (!r.ok)
                    return;
                const QList<LogEvent> events
                    = eventsFrom(r.result.toObject().value(QStringLiteral("events")).toArray());
                if (!events.isEmpty())
                    Q_EMIT eventsArrived(events);
            });
    }
    m_client.call(QStringLiteral("log.follow"), this, [](const RpcReply&) {
        // A failure means the connection went; connected() follows again.
    });
}

void ServiceLogSource::stop()
{
    if (!m_following)
        return;
    m_following = false;
    flush();
    if (m_client.isConnected())
        m_client.call(QStringLiteral("log.unfollow"), this, [](const RpcReply&) {});
}

void ServiceLogSource::onEvent(const QJsonObject& event)
{
    if (!m_following)
        return;
    Result<LogEvent> e = LogEvent::fromJson(event);
    if (!e)
        return;
    m_batch << *e;
    if (m_batch.size() >= maxBatch)
        flush();
    else if (!m_flush.isActive())
        m_flush.start();
}

void ServiceLogSource::flush()
{
    m_flush.stop();
    if (m_batch.isEmpty())
        return;
    QList<LogEvent> batch;
    batch.swap(m_batch);
    Q_EMIT eventsArrived(batch);
}

void ServiceLogSource::requestDays()
{
    m_client.call(QStringLiteral("log.days"), this, [this](const RpcReply& r) {
        if (!r.ok) {
            Q_EMIT daysFailed(r.describe());
            return;
        }
        QList<LogDayInfo> days;
        for (const QJsonValue& v : r.result.toArray()) {
            const QJsonObject o = v.toObject();
            days << LogDayInfo { QDate::fromString(o.value(QStringLiteral("date")).toString(), Qt::ISODate),
                static_cast<int>(o.value(QStringLiteral("files")).toInt()),
                o.value(QStringLiteral("bytes")).toInteger() };
        }
        Q_EMIT daysListed(days);
    });
}

void ServiceLogSource::requestDay(const QDate& date, qint64 offset, int limit, const LogFilter& filter)
{
    QJsonObject params { { QStringLiteral("date"), date.toString(Qt::ISODate) }, { QStringLiteral("offset"), offset },
        { QStringLiteral("limit"), limit } };
    const QList<std::pair<QString, QString>> filters { { QStringLiteral("proto"), filter.proto },
        { QStringLiteral("sid"), filter.sid }, { QStringLiteral("remote"), filter.remote },
        { QStringLiteral("user"), filter.user } };
    for (const auto& [name, value] : filters) {
        if (!value.isEmpty())
            params.insert(name, value);
    }
    m_client.call(QStringLiteral("log.read"), params, this, [this, date, offset](const RpcReply& r) {
        if (!r.ok) {
            Q_EMIT dayFailed(date, offset, r.describe());
            return;
        }
        const QJsonObject o = r.result.toObject();
        const QJsonValue next = o.value(QStringLiteral("next"));
        Q_EMIT dayLoaded(date, offset, eventsFrom(o.value(QStringLiteral("events")).toArray()),
            next.isDouble() ? next.toInteger() : -1);
    });
}

void ServiceLogSource::disconnectSession(const QString& sid)
{
    action(QStringLiteral("session.disconnect"), sid, { { QStringLiteral("sid"), sid } });
}

void ServiceLogSource::banAddress(const QString& address, const QString& reason)
{
    QJsonObject params { { QStringLiteral("address"), address } };
    if (!reason.isEmpty())
        params.insert(QStringLiteral("reason"), reason);
    action(QStringLiteral("security.ban"), address, params);
}

void ServiceLogSource::action(const QString& method, const QString& target, const QJsonObject& params)
{
    m_client.call(method, params, this, [this, method, target](const RpcReply& r) {
        Q_EMIT actionFinished(method, target, r.ok, r.ok ? QString() : r.describe());
    });
}

} // namespace tegami
