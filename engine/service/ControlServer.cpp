#include "service/ControlServer.h"

#include "service/JsonRpc.h"

#include <QJsonArray>
#include <QLocalSocket>

#include <memory>

namespace tegami {

ControlServer::ControlServer(QObject* parent)
    : QObject(parent)
{
    // Owner only unless told otherwise: the socket is the keys to the server (accounts,
    // passwords, settings).
    m_server.setSocketOptions(m_access.options);
    connect(&m_server, &QLocalServer::newConnection, this, &ControlServer::acceptPending);
}

ControlServer::~ControlServer()
{
    close();
}

void ControlServer::registerMethod(const QString& name, Handler handler, const QString& summary)
{
    m_handlers.insert(name, std::move(handler));
    m_summaries.insert(name, summary);
}

void ControlServer::registerAsyncMethod(const QString& name, AsyncHandler handler, const QString& summary)
{
    m_asyncHandlers.insert(name, std::move(handler));
    m_summaries.insert(name, summary);
}

QStringList ControlServer::methods() const
{
    QStringList names = m_handlers.keys() + m_asyncHandlers.keys();
    names.sort();
    return names;
}

void ControlServer::setEndpointAccess(EndpointAccess access)
{
    m_access = std::move(access);
    m_server.setSocketOptions(m_access.options);
}

Result<void> ControlServer::listen(const QString& name)
{
    QLocalServer::removeServer(name);
    Reservation reservation;
    if (m_access.reserve) {
        Result<Reservation> r = m_access.reserve(name);
        if (!r)
            return r.error();
        reservation = *r;
    }
    if (!m_server.listen(name)) {
        return Error::io(QStringLiteral("cannot open the control socket %1: %2").arg(name, m_server.errorString()));
    }
    return {};
}

void ControlServer::close()
{
    m_server.close();
    for (const QPointer<ControlConnection>& c : std::as_const(m_connections)) {
        if (c)
            delete c.data();
    }
    m_connections.clear();
}

void ControlServer::acceptPending()
{
    while (QLocalSocket* socket = m_server.nextPendingConnection()) {
        auto* connection = new ControlConnection(socket, this);
        m_connections.removeAll(nullptr);
        m_connections << connection;
    }
}

QJsonObject ControlServer::dispatch(
    const QJsonValue& id, const QString& method, const QJsonObject& params, ControlConnection& connection)
{
    const auto handler = m_handlers.constFind(method);
    if (handler == m_handlers.constEnd()) {
        return rpc::error(id, rpc::MethodNotFound,
            QStringLiteral("unknown method '%1'; `tegamictl help` or the method \"help\" lists them").arg(method));
    }
    const Result<QJsonValue> r = (*handler)(params, connection);
    if (!r)
        return rpc::error(id, r.error());
    return rpc::result(id, *r);
}

void ControlServer::dispatchAsync(const QJsonValue& id, const QString& method, const QJsonObject& params,
    ControlConnection& connection, bool notification)
{
    QPointer<ControlConnection> target(&connection);
    auto answered = std::make_shared<bool>(false);
    m_asyncHandlers.value(method)(
        params, connection, [target, id, notification, answered](const Result<QJsonValue>& r) {
            if (*answered)
                return;
            *answered = true;
            if (!target || notification)
                return;
            target->send(r ? rpc::result(id, *r) : rpc::error(id, r.error()));
        });
}

ControlConnection::ControlConnection(QLocalSocket* socket, ControlServer* server)
    : QObject(server)
    , m_socket(socket)
    , m_server(server)
{
    m_socket->setParent(this);
    connect(m_socket, &QLocalSocket::readyRead, this, &ControlConnection::readRequests);
    connect(m_socket, &QLocalSocket::disconnected, this, [this] {
        Q_EMIT closed();
        deleteLater();
    });
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &ControlConnection::readRequests, Qt::QueuedConnection);
}

ControlConnection::~ControlConnection()
{
    qDeleteAll(m_attachments);
}

void ControlConnection::setAttachment(const QString& key, QObject* object)
{
    delete m_attachments.take(key);
    if (object)
        m_attachments.insert(key, object);
}

qint64 ControlConnection::pendingBytes() const
{
    return m_socket->bytesToWrite();
}

void ControlConnection::sendNotification(const QString& method, const QJsonObject& params)
{
    send(rpc::notification(method, params));
}

void ControlConnection::send(const QJsonValue& message)
{
    if (m_socket->state() == QLocalSocket::ConnectedState)
        m_socket->write(rpc::encode(message));
}

void ControlConnection::readRequests()
{
    m_buffer += m_socket->readAll();
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        if (line.size() > m_server->maxRequestBytes()) {
            m_buffer.clear();
            send(rpc::error(QJsonValue::Null, rpc::InvalidRequest,
                QStringLiteral("request too large: %1 bytes, the limit is %2")
                    .arg(line.size())
                    .arg(m_server->maxRequestBytes())));
            continue;
        }
        if (!line.trimmed().isEmpty())
            handleLine(line);
        if (!m_socket->isOpen())
            return;
    }
    if (m_buffer.size() > m_server->maxRequestBytes()) {
        // No end of line within the limit: answer, then drop the connection, because
        // the rest of this request cannot be told apart from the next one.
        send(rpc::error(QJsonValue::Null, rpc::InvalidRequest,
            QStringLiteral("request too large: more than %1 bytes without a newline")
                .arg(m_server->maxRequestBytes())));
        m_buffer.clear();
        m_socket->disconnectFromServer();
    }
}

void ControlConnection::handleLine(const QByteArray& line)
{
    const rpc::Message message = rpc::parse(line);
    if (!message.fatal.isEmpty()) {
        send(message.fatal);
        return;
    }
    QJsonArray responses;
    for (const rpc::Item& item : message.items) {
        if (!item.request) {
            responses.append(item.errorResponse);
            continue;
        }
        const rpc::Request& r = *item.request;
        if (m_server->isAsync(r.method)) {
            if (message.batch) {
                responses.append(rpc::error(r.id, rpc::InvalidRequest,
                    QStringLiteral("'%1' takes a while and cannot be part of a batch; send it on its own")
                        .arg(r.method)));
                continue;
            }
            m_server->dispatchAsync(r.id, r.method, r.params, *this, r.isNotification());
            continue;
        }
        QJsonObject response = m_server->dispatch(r.id, r.method, r.params, *this);
        if (!r.isNotification())
            responses.append(response);
    }
    if (responses.isEmpty())
        return;
    if (message.batch)
        send(responses);
    else
        send(responses.first());
}

} // namespace tegami
