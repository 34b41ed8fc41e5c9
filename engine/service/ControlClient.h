#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QLocalSocket>

#include <optional>

namespace tegami {

// A blocking client of the control API, for tegamictl, scripts and tests. (The console
// will want a non-blocking one on the same protocol.)
class ControlClient {
public:
    explicit ControlClient(QString socketName);

    Result<void> connectToService(int timeoutMs = 3000);
    bool isConnected() const { return m_socket.state() == QLocalSocket::ConnectedState; }

    // Sends a request and waits for its response; notifications that arrive meanwhile
    // are queued for nextNotification().
    Result<QJsonValue> call(const QString& method, const QJsonObject& params = {}, int timeoutMs = 60000);

    // The next server notification (e.g. "log.event"), or nothing on timeout or disconnect.
    std::optional<QJsonObject> nextNotification(int timeoutMs);

    QString socketName() const { return m_name; }

private:
    std::optional<QJsonObject> readMessage(int timeoutMs);

    QString m_name;
    QLocalSocket m_socket;
    QByteArray m_buffer;
    QList<QJsonObject> m_notifications;
    qint64 m_nextId = 1;
};

} // namespace tegami
