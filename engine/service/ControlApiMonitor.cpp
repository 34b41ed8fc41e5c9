// Control API: what is happening now and what happened before — open sessions (and
// dropping one), per-minute statistics, and the protocol log of past days.
#include "log/LogFiles.h"
#include "log/ProtocolLog.h"
#include "net/ListenerManager.h"
#include "service/ControlApi.h"
#include "service/ControlServer.h"
#include "service/Engine.h"
#include "service/Params.h"
#include "service/Statistics.h"

#include <QJsonArray>

namespace tegami {

namespace {

constexpr int kMaxPage = 100000;

Result<LogFilter> pastDayFilter(const QJsonObject& params)
{
    Params p(params);
    LogFilter f;
    f.proto = p.optionalString(QStringLiteral("proto")).value_or(QString());
    f.sid = p.optionalString(QStringLiteral("sid")).value_or(QString());
    f.remote = p.optionalString(QStringLiteral("remote")).value_or(QString());
    f.user = p.optionalString(QStringLiteral("user")).value_or(QString());
    if (!p.ok())
        return p.error();
    return f;
}

} // namespace

void registerMonitorMethods(ControlServer& server, Engine& engine)
{
    server.registerMethod(
        QStringLiteral("session.list"),
        [&](const QJsonObject&, ControlConnection&) -> Result<QJsonValue> {
            return QJsonValue(engine.protocolLog().activeSessions().toJson());
        },
        QStringLiteral("Sessions open now: [{sid, protocol, local, remote, user, tls, outbound, since}]"));

    server.registerMethod(
        QStringLiteral("session.disconnect"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString sid = p.requiredString(QStringLiteral("sid"));
            if (!p.ok())
                return p.error();
            if (!engine.listeners().disconnectSession(sid))
                return Error::notFound(
                    QStringLiteral("no client connection has the session id %1 (it may have ended; see session.list)")
                        .arg(sid));
            engine.protocolLog().note(
                QStringLiteral("control"), QStringLiteral("session %1 disconnected by the administrator").arg(sid));
            return QJsonValue(QJsonObject { { QStringLiteral("sid"), sid } });
        },
        QStringLiteral("Drop a client's connection: {sid}"));

    server.registerMethod(
        QStringLiteral("stats.history"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const int minutes = static_cast<int>(p.optionalInt(QStringLiteral("minutes"), 1, 24 * 60).value_or(180));
            if (!p.ok())
                return p.error();
            return QJsonValue(engine.statistics().history(minutes));
        },
        QStringLiteral("Connections per protocol and messages per minute: {minutes? (default 180, at most 1440)}"));

    server.registerMethod(
        QStringLiteral("log.days"),
        [&](const QJsonObject&, ControlConnection&) -> Result<QJsonValue> {
            QJsonArray out;
            for (const LogDay& d : listLogDays(engine.protocolLog().directory())) {
                out.append(QJsonObject { { QStringLiteral("date"), d.date.toString(Qt::ISODate) },
                    { QStringLiteral("files"), d.files }, { QStringLiteral("bytes"), d.bytes } });
            }
            return QJsonValue(out);
        },
        QStringLiteral("The days the protocol log files hold (local time): [{date, files, bytes}]"));

    server.registerMethod(
        QStringLiteral("log.read"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString dateText = p.requiredString(QStringLiteral("date"));
            const qint64 offset
                = p.optionalInt(QStringLiteral("offset"), 0, std::numeric_limits<qint64>::max()).value_or(0);
            const int limit = static_cast<int>(p.optionalInt(QStringLiteral("limit"), 1, kMaxPage).value_or(10000));
            if (!p.ok())
                return p.error();
            const QDate date = QDate::fromString(dateText, Qt::ISODate);
            if (!date.isValid())
                return Error::invalid(
                    QStringLiteral("date"), QStringLiteral("'%1' is not a date; write it as YYYY-MM-DD").arg(dateText));
            Result<LogFilter> filter = pastDayFilter(params);
            if (!filter)
                return filter.error();
            Result<LogPage> page = readDayEvents(engine.protocolLog().directory(), date, *filter, offset, limit);
            if (!page)
                return page.error();
            QJsonArray events;
            for (const LogEvent& e : page->events)
                events.append(e.toJson());
            return QJsonValue(QJsonObject { { QStringLiteral("events"), events },
                { QStringLiteral("next"), page->more ? QJsonValue(offset + page->events.size()) : QJsonValue() } });
        },
        QStringLiteral("A past day's protocol log, a page at a time: {date, offset?, limit?, proto?, sid?, remote?, "
                       "user?} -> {events, next}"));
}

} // namespace tegami
