#include "service/ControlClient.h"

#include "service/JsonRpc.h"

#include <QDeadlineTimer>
#include <QJsonDocument>

namespace tegami {

ControlClient::ControlClient(QString socketName)
    : m_name(std::move(socketName))
{ }

Result<void> ControlClient::connectToService(int timeoutMs)
{
    m_socket.connectToServer(m_name);
    if (!m_socket.waitForConnected(timeoutMs)) {
        if (m_socket.error() == QLocalSocket::SocketAccessError) {
            // The system service's socket is open to its group only.
            return Error { ErrorCode::PermissionDenied,
                QStringLiteral("not allowed to use tegamid's control socket %1. Members of the group that owns "
                               "it may (the installed service: `sudo adduser $USER tegami`, then log in again), "
                               "or run as root.")
                    .arg(m_name),
                {} };
        }
        return Error { ErrorCode::Busy,
            QStringLiteral("cannot reach tegamid at %1 (%2). Is the service running for this data "
                           "directory? Start it with `tegamid --data-dir DIR`.")
                .arg(m_name, m_socket.errorString()),
            {} };
    }
    return {};
}

std::optional<QJsonObject> ControlClient::readMessage(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        const qsizetype newline = m_buffer.indexOf('\n');
        if (newline >= 0) {
            const QByteArray line = m_buffer.left(newline);
            m_buffer.remove(0, newline + 1);
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            if (doc.isObject())
                return doc.object();
            continue; // not ours to understand; skip it
        }
        if (m_socket.state() != QLocalSocket::ConnectedState && m_socket.bytesAvailable() == 0)
            return std::nullopt;
        if (deadline.hasExpired())
            return std::nullopt;
        if (m_socket.bytesAvailable() == 0)
            m_socket.waitForReadyRead(static_cast<int>(qMax<qint64>(1, deadline.remainingTime())));
        m_buffer += m_socket.readAll();
    }
}

Result<QJsonValue> ControlClient::call(const QString& method, const QJsonObject& params, int timeoutMs)
{
    if (!isConnected()) {
        if (Result<void> c = connectToService(); !c)
            return c.error();
    }
    const qint64 id = m_nextId++;
    QJsonObject request { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") }, { QStringLiteral("id"), id },
        { QStringLiteral("method"), method } };
    if (!params.isEmpty())
        request.insert(QStringLiteral("params"), params);
    m_socket.write(rpc::encode(request));
    m_socket.flush();
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        const std::optional<QJsonObject> message
            = readMessage(static_cast<int>(qMax<qint64>(1, deadline.remainingTime())));
        if (!message) {
            return Error { ErrorCode::Busy,
                deadline.hasExpired() ? QStringLiteral("tegamid did not answer '%1' in time").arg(method)
                                      : QStringLiteral("tegamid closed the connection during '%1'").arg(method),
                {} };
        }
        if (!message->contains(QStringLiteral("id"))) {
            m_notifications << *message;
            continue;
        }
        if (message->value(QStringLiteral("id")).toInteger() != id)
            continue;
        if (message->contains(QStringLiteral("error"))) {
            const QJsonObject e = message->value(QStringLiteral("error")).toObject();
            const QJsonObject data = e.value(QStringLiteral("data")).toObject();
            return Error { rpc::errorCodeFor(e.value(QStringLiteral("code")).toInt()),
                e.value(QStringLiteral("message")).toString(), data.value(QStringLiteral("field")).toString() };
        }
        return message->value(QStringLiteral("result"));
    }
}

std::optional<QJsonObject> ControlClient::nextNotification(int timeoutMs)
{
    if (!m_notifications.isEmpty())
        return m_notifications.takeFirst();
    for (;;) {
        std::optional<QJsonObject> message = readMessage(timeoutMs);
        if (!message || !message->contains(QStringLiteral("id")))
            return message;
    }
}

} // namespace tegami
