#pragma once

#include "core/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QLocalServer>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QLocalSocket;

namespace tegami {

class ControlConnection;

// The service's control API: JSON-RPC 2.0, one message per line, over a local socket
// that only the owner can open (file permissions on Linux, the pipe's ACL on Windows), or
// for the system service also its admin group (setEndpointAccess).
// A bad request gets an error response; it never stops the service.
class ControlServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<Result<QJsonValue>(const QJsonObject& params, ControlConnection& connection)>;
    // A method that answers later (a connectivity test, a backup): the handler starts the work
    // and calls `reply` exactly once when it is done; other requests are served meanwhile. The
    // answer is dropped if the client has gone. Such methods cannot be part of a batch.
    using Reply = std::function<void(const Result<QJsonValue>& result)>;
    using AsyncHandler = std::function<void(const QJsonObject& params, ControlConnection& connection, Reply reply)>;
    static constexpr qint64 defaultMaxRequestBytes = 1024 * 1024;

    // Who may connect, and how. `options` are Qt's (owner only by default). `reserve`, when
    // set, runs just before the socket is opened and may hold a resource until listen()
    // returns: Windows uses it to create the pipe with a DACL Qt cannot express (the first
    // instance decides the pipe's security). platform::controlEndpointAccess() fills this.
    using Reservation = std::shared_ptr<void>;
    struct EndpointAccess {
        QLocalServer::SocketOptions options = QLocalServer::UserAccessOption;
        std::function<Result<Reservation>(const QString& name)> reserve;
    };

    explicit ControlServer(QObject* parent = nullptr);
    ~ControlServer() override;

    void registerMethod(const QString& name, Handler handler, const QString& summary = {});
    void registerAsyncMethod(const QString& name, AsyncHandler handler, const QString& summary = {});
    QStringList methods() const;
    QString summary(const QString& method) const { return m_summaries.value(method); }

    void setMaxRequestBytes(qint64 bytes) { m_maxRequestBytes = bytes; }
    qint64 maxRequestBytes() const { return m_maxRequestBytes; }

    // Before listen(); the default lets only the owner in.
    void setEndpointAccess(EndpointAccess access);

    // Listens on name (a socket path). The caller holds the instance lock, so a socket
    // file left by a crashed service can be removed safely.
    Result<void> listen(const QString& name);
    void close();
    QString serverName() const { return m_server.fullServerName(); }
    int connectionCount() const { return m_connections.size(); }

    // Runs one parsed request (used by the connections).
    QJsonObject dispatch(
        const QJsonValue& id, const QString& method, const QJsonObject& params, ControlConnection& connection);
    bool isAsync(const QString& method) const { return m_asyncHandlers.contains(method); }
    // Starts an async method; its response is sent on the connection when it is ready.
    void dispatchAsync(const QJsonValue& id, const QString& method, const QJsonObject& params,
        ControlConnection& connection, bool notification);

private:
    void acceptPending();

    QLocalServer m_server;
    EndpointAccess m_access;
    QHash<QString, Handler> m_handlers;
    QHash<QString, AsyncHandler> m_asyncHandlers;
    QHash<QString, QString> m_summaries;
    QList<QPointer<ControlConnection>> m_connections;
    qint64 m_maxRequestBytes = defaultMaxRequestBytes;
};

// One client of the control socket. Handlers may keep per-connection state here (a log
// subscription) and push notifications.
class ControlConnection : public QObject {
    Q_OBJECT
public:
    ControlConnection(QLocalSocket* socket, ControlServer* server);
    ~ControlConnection() override;

    void sendNotification(const QString& method, const QJsonObject& params);
    // Bytes queued for the client that it has not read yet; a streaming handler stops
    // pushing when this grows, so a stalled client cannot make the service buffer without bound.
    qint64 pendingBytes() const;

    // Per-connection state owned by a handler; destroyed with the connection.
    void setAttachment(const QString& key, QObject* object);
    QObject* attachment(const QString& key) const { return m_attachments.value(key); }

    void send(const QJsonValue& message);

Q_SIGNALS:
    void closed();

private:
    void readRequests();
    void handleLine(const QByteArray& line);

    QLocalSocket* m_socket;
    ControlServer* m_server;
    QByteArray m_buffer;
    QHash<QString, QObject*> m_attachments;
};

} // namespace tegami
