// Control API: the delivery queue (what tegamictl queue and the console's Queue page show).
#include "service/ControlApi.h"
#include "service/ControlServer.h"
#include "service/Engine.h"
#include "service/Params.h"

#include "queue/DeliveryQueue.h"

namespace tegami {

void registerQueueMethods(ControlServer& server, Engine& engine)
{
    server.registerMethod(
        QStringLiteral("queue.list"),
        [&](const QJsonObject&, ControlConnection&) -> Result<QJsonValue> { return QJsonValue(engine.queue().list()); },
        QStringLiteral("Messages waiting for delivery, with each recipient's state, attempts and last error"));

    server.registerMethod(
        QStringLiteral("queue.show"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString id = p.requiredString(QStringLiteral("id"));
            if (!p.ok())
                return p.error();
            Result<QJsonObject> entry = engine.queue().entryJson(id);
            if (!entry)
                return entry.error();
            return QJsonValue(*entry);
        },
        QStringLiteral("One queued message: {id}"));

    server.registerMethod(
        QStringLiteral("queue.retry"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const std::optional<QString> id = p.optionalString(QStringLiteral("id"));
            if (!p.ok())
                return p.error();
            if (!id)
                return QJsonValue(QJsonObject { { QStringLiteral("messages"), engine.queue().retryAll() } });
            if (Result<void> r = engine.queue().retryNow(*id); !r)
                return r.error();
            return QJsonValue(QJsonObject { { QStringLiteral("id"), *id } });
        },
        QStringLiteral("Try delivering now: {id} for one message, {} for all"));

    server.registerMethod(
        QStringLiteral("queue.delete"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString id = p.requiredString(QStringLiteral("id"));
            if (!p.ok())
                return p.error();
            if (Result<void> r = engine.queue().remove(id, QStringLiteral("the administrator (control API)")); !r)
                return r.error();
            return QJsonValue(QJsonObject { { QStringLiteral("id"), id } });
        },
        QStringLiteral("Remove a message from the queue without a bounce: {id}"));
}

} // namespace tegami
