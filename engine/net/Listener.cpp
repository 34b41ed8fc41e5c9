#include "net/Listener.h"

#include "log/LogEvent.h"
#include "log/LogSession.h"
#include "net/SessionFactory.h"
#include "net/TlsUpgrade.h"

#include <QSslSocket>

namespace tegami {

QString listenerStateName(ListenerState s)
{
    switch (s) {
    case ListenerState::Stopped:
        return QStringLiteral("stopped");
    case ListenerState::Listening:
        return QStringLiteral("listening");
    case ListenerState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

void SslTcpServer::incomingConnection(qintptr descriptor)
{
    auto* socket = new QSslSocket(this);
    if (socket->setSocketDescriptor(descriptor)) {
        // Replies are written whole: Nagle's algorithm would only hold the next one back
        // until the client's delayed ACK (tens of milliseconds) when clients pipeline.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        addPendingConnection(socket);
    } else
        delete socket;
}

Listener::Listener(
    ListenerSpec spec, SessionFactory* factory, ProtocolLog* log, const TlsProvider* tls, QObject* parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_factory(factory)
    , m_log(log)
    , m_tls(tls)
{
    connect(&m_server, &QTcpServer::newConnection, this, &Listener::acceptPending);
}

Listener::~Listener()
{
    stop();
}

QString Listener::explainBindError(QAbstractSocket::SocketError error, const Binding& binding, const QString& detail)
{
    switch (error) {
    case QAbstractSocket::AddressInUseError:
        return QStringLiteral("port %1 on %2 is in use by another program; stop that program or choose another port")
            .arg(binding.port)
            .arg(binding.address);
    case QAbstractSocket::SocketAccessError:
        return QStringLiteral("permission denied: ports below 1024 need administrator rights. Run tegamid as the "
                              "system service (its unit grants CAP_NET_BIND_SERVICE), or for a manual start run "
                              "`sudo setcap cap_net_bind_service=+ep \"$(command -v tegamid)\"`, or choose a port "
                              "above 1023");
    case QAbstractSocket::SocketAddressNotAvailableError:
        return QStringLiteral("address %1 is not assigned to this machine; use one of its addresses, or 0.0.0.0 "
                              "for all of them")
            .arg(binding.address);
    default:
        return QStringLiteral("cannot listen on %1: %2").arg(binding.toString(), detail);
    }
}

Result<void> Listener::start()
{
    if (m_state == ListenerState::Listening)
        return {};
    if (!m_server.listen(m_spec.binding.hostAddress(), m_spec.binding.port)) {
        m_state = ListenerState::Failed;
        m_failure = explainBindError(m_server.serverError(), m_spec.binding, m_server.errorString());
        return Error { ErrorCode::Io, m_failure, m_spec.id() };
    }
    m_state = ListenerState::Listening;
    m_failure.clear();
    return {};
}

void Listener::stop()
{
    // Sessions already running keep going; only new connections stop.
    if (m_server.isListening())
        m_server.close();
    if (m_state == ListenerState::Listening)
        m_state = ListenerState::Stopped;
}

quint16 Listener::boundPort() const
{
    return m_server.isListening() ? m_server.serverPort() : m_spec.binding.port;
}

void Listener::acceptPending()
{
    while (QTcpSocket* next = m_server.nextPendingConnection())
        accept(static_cast<QSslSocket*>(next));
}

void Listener::closeWithNote(QSslSocket* socket, LogSession& log, const QString& note, const QByteArray& reply)
{
    log.note(note);
    if (!reply.isEmpty()) {
        socket->write(reply);
        log.toClient(reply);
    }
    log.disconnected(QStringLiteral("server closed the connection"));
    socket->disconnectFromHost();
    if (socket->state() == QAbstractSocket::UnconnectedState)
        socket->deleteLater();
    else
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
}

void Listener::accept(QSslSocket* socket)
{
    // The session owns the socket from here; it outlives this listener when the
    // listener is stopped or reconfigured.
    socket->setParent(nullptr);
    const QString remote = socket->peerAddress().toString();
    auto log = std::make_unique<LogSession>(m_spec.protocol,
        logEndpoint(socket->localAddress().toString(), socket->localPort()), logEndpoint(remote, socket->peerPort()),
        m_log, m_factory ? m_factory->protocolLogEnabled() : true);
    log->connected();

    QString refusal;
    if (!m_factory)
        refusal = QStringLiteral("this protocol has no sessions in this build");
    else if (m_active >= m_limits.maxConnections)
        refusal = QStringLiteral("too many connections to this server, try again later");
    else if (m_perAddress.value(remote) >= m_limits.maxConnectionsPerAddress)
        refusal = QStringLiteral("too many connections from your address, try again later");
    if (!refusal.isEmpty()) {
        ++m_refused;
        // A refusal in plain text would be garbage to an implicit-TLS client.
        const QByteArray reply
            = m_factory && m_spec.tlsMode != TlsMode::Implicit ? m_factory->refusal(refusal) : QByteArray();
        closeWithNote(socket, *log, QStringLiteral("refused: ") + refusal, reply);
        return;
    }
    ++m_accepted;
    ++m_active;
    Q_EMIT connectionAccepted(m_spec.protocol);
    ++m_perAddress[remote];
    // Count the connection until the socket object is gone, whoever ends it.
    const QString sid = log->sid();
    m_sockets.insert(sid, socket);
    connect(socket, &QObject::destroyed, this, [this, remote, sid] {
        m_sockets.remove(sid);
        connectionClosed(remote);
    });

    if (m_spec.tlsMode != TlsMode::Implicit) {
        m_factory->startSession(Connection { socket, std::move(log), m_spec });
        return;
    }
    QString problem = QStringLiteral("no TLS configuration is available");
    const std::optional<QSslConfiguration> tls
        = m_tls ? m_tls->serverConfiguration(m_spec.protocol, &problem) : std::nullopt;
    if (!tls) {
        closeWithNote(socket, *log, QStringLiteral("closed: TLS cannot be offered: ") + problem);
        return;
    }
    LogSession* logPtr = log.get();
    auto pending = std::make_shared<Connection>(Connection { socket, std::move(log), m_spec });
    SessionFactory* factory = m_factory;
    upgradeToTls(socket, *tls, *logPtr, [pending, factory](bool ok) {
        if (ok) {
            factory->startSession(std::move(*pending));
            return;
        }
        pending->log->disconnected(QStringLiteral("TLS handshake failed"));
        pending->socket->abort();
        pending->socket->deleteLater();
    });
}

bool Listener::disconnectSession(const QString& sid)
{
    const QPointer<QSslSocket> socket = m_sockets.value(sid);
    if (!socket)
        return false;
    // The session sees the connection drop, as if the client had gone: it ends the way it
    // ends for a lost connection (POP3 removes nothing, an SMTP transaction is not queued).
    socket->abort();
    return true;
}

void Listener::connectionClosed(const QString& remote)
{
    --m_active;
    if (--m_perAddress[remote] <= 0)
        m_perAddress.remove(remote);
}

QJsonObject Listener::statusJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), m_spec.id());
    o.insert(QStringLiteral("protocol"), protocolName(m_spec.protocol));
    o.insert(QStringLiteral("address"), m_spec.binding.address);
    o.insert(QStringLiteral("port"), boundPort());
    o.insert(QStringLiteral("tls"), tlsModeName(m_spec.tlsMode));
    o.insert(QStringLiteral("state"), listenerStateName(m_state));
    if (!m_failure.isEmpty())
        o.insert(QStringLiteral("error"), m_failure);
    if (m_tls) {
        QString problem;
        const bool available = m_tls->serverConfiguration(m_spec.protocol, &problem).has_value();
        o.insert(QStringLiteral("tlsAvailable"), available);
        if (!available)
            o.insert(QStringLiteral("tlsProblem"), problem);
    }
    o.insert(QStringLiteral("activeConnections"), m_active);
    o.insert(QStringLiteral("acceptedConnections"), static_cast<qint64>(m_accepted));
    o.insert(QStringLiteral("refusedConnections"), static_cast<qint64>(m_refused));
    return o;
}

} // namespace tegami
