#pragma once

#include "net/SessionFactory.h"
#include "net/SessionTransport.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace tegami {

// Binds one protocol session to its QSslSocket, the same way for every protocol: reads
// input only while the session takes it (so a pipelining client is held back by TCP, not
// buffered without bound), lets large replies stream as the socket drains, runs
// STARTTLS/STLS through upgradeToTls (dropping what was pipelined after it), and deletes
// itself, the session and the socket when the session ends.
class SessionConnection : public QObject, public SessionTransport {
    Q_OBJECT
public:
    // `startTlsVerb` names the command in the log ("STARTTLS", "STLS").
    SessionConnection(Connection connection, QString startTlsVerb);
    ~SessionConnection() override;

    QSslSocket& socket() { return *m_connection.socket; }
    LogSession& log() { return *m_connection.log; }
    const ListenerSpec& listener() const { return m_connection.listener; }

    // Takes the session (built with this connection as its transport and log()), greets.
    void start(std::unique_ptr<ProtocolSession> session);
    // The server stops: the session tells the client, the connection closes at once.
    void shutdown(const QString& reason);

    // SessionTransport
    void send(QByteArrayView bytes) override;
    bool canSend() const override;
    void startTls(const QSslConfiguration& configuration) override;
    void close(const QString& reason) override;
    void inputWanted() override;
    TlsSessionInfo tlsInfo() const override;

private:
    void readInput();
    void outputDrained();
    void peerClosed();

    Connection m_connection;
    QString m_startTlsVerb;
    std::unique_ptr<ProtocolSession> m_session;
    QTimer m_closeTimer; // bounds how long a closing socket may take to flush
    bool m_closing = false;
    bool m_readQueued = false;
};

// The open connections of one protocol, so a factory can end them all when it goes.
class SessionConnectionList {
public:
    ~SessionConnectionList(); // shuts down what is still open
    void add(SessionConnection* connection);
    void shutdownAll(const QString& reason);
    int active() const;

private:
    QList<QPointer<SessionConnection>> m_connections;
};

} // namespace tegami
