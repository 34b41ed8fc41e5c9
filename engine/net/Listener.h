#pragma once

#include "core/Result.h"
#include "core/Settings.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSslSocket>
#include <QTcpServer>

namespace tegami {

class LogSession;
class ProtocolLog;
class SessionFactory;
class TlsProvider;

// A QTcpServer whose connections are QSslSocket, so any session can start TLS.
class SslTcpServer : public QTcpServer {
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override;
};

// Limits a listener enforces before a session starts.
struct ConnectionLimits {
    int maxConnections = 500;
    int maxConnectionsPerAddress = 20;
};

enum class ListenerState { Stopped, Listening, Failed };
QString listenerStateName(ListenerState s);

// One bound socket of one protocol. It accepts connections, enforces the connection
// limits, opens each connection's protocol-log session, runs the handshake on implicit
// TLS listeners, and hands every connection it keeps to the protocol's SessionFactory.
class Listener : public QObject {
    Q_OBJECT
public:
    Listener(ListenerSpec spec, SessionFactory* factory, ProtocolLog* log = nullptr, const TlsProvider* tls = nullptr,
        QObject* parent = nullptr);
    ~Listener() override;

    const ListenerSpec& spec() const { return m_spec; }
    void setLimits(ConnectionLimits limits) { m_limits = limits; }
    void setFactory(SessionFactory* factory) { m_factory = factory; }

    // Binds the socket. A failure leaves the listener Failed with a reason an admin can act on.
    Result<void> start();
    void stop();

    ListenerState state() const { return m_state; }
    QString failure() const { return m_failure; }
    int activeConnections() const { return m_active; }
    quint64 acceptedConnections() const { return m_accepted; }
    quint64 refusedConnections() const { return m_refused; }
    quint16 boundPort() const; // the real port (differs from the spec when it asks for port 0)
    QJsonObject statusJson() const;
    // Drops the connection of one session (by its protocol-log session id); false when
    // no connection of this listener has that id.
    bool disconnectSession(const QString& sid);

    // Explains a bind failure in words an admin can act on.
    static QString explainBindError(QAbstractSocket::SocketError error, const Binding& binding, const QString& detail);

Q_SIGNALS:
    void connectionAccepted(tegami::Protocol protocol); // a connection passed the limits

private:
    void acceptPending();
    void accept(QSslSocket* socket);
    void connectionClosed(const QString& remote);
    void closeWithNote(QSslSocket* socket, LogSession& log, const QString& note, const QByteArray& reply = {});

    ListenerSpec m_spec;
    SessionFactory* m_factory;
    ProtocolLog* m_log;
    const TlsProvider* m_tls;
    ConnectionLimits m_limits;
    SslTcpServer m_server;
    ListenerState m_state = ListenerState::Stopped;
    QString m_failure;
    int m_active = 0;
    quint64 m_accepted = 0;
    quint64 m_refused = 0;
    QHash<QString, int> m_perAddress;
    QHash<QString, QPointer<QSslSocket>> m_sockets; // by protocol-log session id
};

} // namespace tegami
