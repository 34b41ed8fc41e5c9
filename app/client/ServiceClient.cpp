#include "client/ServiceClient.h"

#include "service/JsonRpc.h"

#include <QJsonDocument>

namespace tegami {

namespace {

constexpr int firstRetryDelayMs = 250;
// A line longer than this is no answer of ours; the connection is reset rather than let
// the buffer grow without bound.
constexpr qsizetype maxLineBytes = 256 * 1024 * 1024;

} // namespace

bool RpcReply::methodNotFound() const
{
    return !ok && code == rpc::MethodNotFound;
}

bool RpcReply::disconnected() const
{
    return !ok && (code == ServiceClient::disconnectedCode || code == ServiceClient::timeoutCode);
}

QString RpcReply::describe() const
{
    if (ok)
        return QString();
    if (methodNotFound())
        return ServiceClient::tr("Not available in this service version.");
    if (disconnected())
        return ServiceClient::tr("No answer from the service (%1).").arg(message);
    return message;
}

RpcReply RpcReply::failure(int code, QString message, QString field)
{
    RpcReply r;
    r.code = code;
    r.message = std::move(message);
    r.field = std::move(field);
    return r;
}

ServiceClient::ServiceClient(QString socketName, QObject* parent)
    : QObject(parent)
    , m_name(std::move(socketName))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ServiceClient::attempt);
    m_timeoutTimer.setInterval(500);
    connect(&m_timeoutTimer, &QTimer::timeout, this, &ServiceClient::expireCalls);
}

ServiceClient::~ServiceClient()
{
    // Callbacks must not run into a half-destroyed owner.
    m_pending.clear();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void ServiceClient::start()
{
    if (m_running)
        return;
    m_running = true;
    m_retryDelayMs = firstRetryDelayMs;
    attempt();
}

void ServiceClient::stop()
{
    m_running = false;
    m_retryTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    failAll(disconnectedCode, tr("the console disconnected from the service"));
    setState(State::Disconnected);
}

void ServiceClient::attempt()
{
    if (!m_running)
        return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_buffer.clear();
    m_socket = new QLocalSocket(this);
    // Queued: a local socket may connect inside connectToServer(), and connected() must not
    // overtake the answers to calls made before it (they fail as "not reachable").
    connect(m_socket, &QLocalSocket::connected, this, &ServiceClient::onConnected, Qt::QueuedConnection);
    connect(m_socket, &QLocalSocket::errorOccurred, this, &ServiceClient::onError);
    connect(m_socket, &QLocalSocket::disconnected, this, &ServiceClient::onDisconnected);
    connect(m_socket, &QLocalSocket::readyRead, this, &ServiceClient::readMessages);
    setState(State::Connecting);
    m_socket->connectToServer(m_name);
}

void ServiceClient::onConnected()
{
    if (m_state == State::Connected)
        return;
    if (!m_socket || m_socket->state() != QLocalSocket::ConnectedState) {
        // The connection went away before this queued notice arrived; unless an error
        // already scheduled the next attempt, schedule it.
        if (m_state == State::Connecting) {
            setState(State::Disconnected);
            scheduleRetry();
        }
        return;
    }
    m_retryDelayMs = firstRetryDelayMs;
    m_timeoutTimer.start();
    setState(State::Connected);
    Q_EMIT connected();
}

void ServiceClient::onError(QLocalSocket::LocalSocketError error)
{
    if (m_state == State::Connecting) {
        const QString message = m_socket ? m_socket->errorString() : QString();
        const int delay = m_retryDelayMs;
        setState(State::Disconnected);
        Q_EMIT connectionFailed(error, message, delay);
        scheduleRetry();
        return;
    }
    // A connected socket that fails also emits disconnected(); that handles it. Some
    // platforms report only the error, so make sure the loss is seen once.
    if (m_socket && m_socket->state() == QLocalSocket::UnconnectedState)
        onDisconnected();
}

void ServiceClient::onDisconnected()
{
    if (m_state != State::Connected)
        return;
    m_timeoutTimer.stop();
    failAll(disconnectedCode, tr("the service closed the connection"));
    setState(State::Disconnected);
    Q_EMIT disconnected();
    scheduleRetry();
}

void ServiceClient::scheduleRetry()
{
    if (!m_running)
        return;
    m_retryTimer.start(m_retryDelayMs);
    m_retryDelayMs = qMin(m_retryDelayMs * 2, m_maxRetryDelayMs);
}

void ServiceClient::call(
    const QString& method, const QJsonObject& params, QObject* context, Callback done, int timeoutMs)
{
    Pending pending { context, context != nullptr, std::move(done), {}, timeoutMs };
    if (m_state != State::Connected || !m_socket) {
        // Answer asynchronously like every other reply, so callers need not handle re-entry.
        auto shared = std::make_shared<Pending>(std::move(pending));
        QTimer::singleShot(0, this,
            [shared] { finish(*shared, RpcReply::failure(disconnectedCode, tr("the service is not reachable"))); });
        return;
    }
    const qint64 id = m_nextId++;
    QJsonObject request { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") }, { QStringLiteral("id"), id },
        { QStringLiteral("method"), method } };
    if (!params.isEmpty())
        request.insert(QStringLiteral("params"), params);
    pending.started.start();
    m_pending.insert(id, std::move(pending));
    m_socket->write(rpc::encode(request));
}

void ServiceClient::readMessages()
{
    if (!m_socket)
        return;
    m_buffer += m_socket->readAll();
    qsizetype start = 0;
    for (;;) {
        const qsizetype newline = m_buffer.indexOf('\n', start);
        if (newline < 0)
            break;
        const QJsonDocument doc = QJsonDocument::fromJson(m_buffer.mid(start, newline - start));
        start = newline + 1;
        if (doc.isObject())
            handleMessage(doc.object());
        if (!m_socket) // a callback stopped the client
            return;
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > maxLineBytes)
        m_socket->abort();
}

void ServiceClient::handleMessage(const QJsonObject& message)
{
    if (!message.contains(QStringLiteral("id"))) {
        const QString method = message.value(QStringLiteral("method")).toString();
        const QJsonObject params = message.value(QStringLiteral("params")).toObject();
        Q_EMIT notification(method, params);
        if (method == QLatin1String("log.event"))
            Q_EMIT logEvent(params);
        else if (method == QLatin1String("log.dropped"))
            Q_EMIT logDropped(params.value(QStringLiteral("count")).toInteger());
        return;
    }
    auto it = m_pending.find(message.value(QStringLiteral("id")).toInteger());
    if (it == m_pending.end())
        return;
    Pending pending = std::move(*it);
    m_pending.erase(it);
    RpcReply reply;
    if (message.contains(QStringLiteral("error"))) {
        const QJsonObject e = message.value(QStringLiteral("error")).toObject();
        reply
            = RpcReply::failure(e.value(QStringLiteral("code")).toInt(), e.value(QStringLiteral("message")).toString(),
                e.value(QStringLiteral("data")).toObject().value(QStringLiteral("field")).toString());
    } else {
        reply.ok = true;
        reply.result = message.value(QStringLiteral("result"));
    }
    finish(pending, reply);
}

void ServiceClient::finish(Pending& pending, const RpcReply& reply)
{
    if (pending.hasContext && !pending.context)
        return;
    if (pending.done)
        pending.done(reply);
}

void ServiceClient::failAll(int code, const QString& message)
{
    // Callbacks may issue new calls; take the list first.
    QHash<qint64, Pending> pending;
    pending.swap(m_pending);
    for (Pending& p : pending)
        finish(p, RpcReply::failure(code, message));
}

void ServiceClient::expireCalls()
{
    QList<qint64> expired;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it->started.hasExpired(it->timeoutMs))
            expired << it.key();
    }
    for (qint64 id : expired) {
        Pending p = m_pending.take(id);
        finish(p, RpcReply::failure(timeoutCode, tr("the service did not answer in time")));
    }
}

void ServiceClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace tegami
