#pragma once

// A fake mail server for the connectivity clients' tests: it greets, hands every line the
// client sends to the test's script, and can start TLS with the shared self-signed test
// certificate. It runs in the test's thread; the tests wait by running the event loop.

#include <QPointer>
#include <QSslSocket>
#include <QTcpServer>

#include <functional>

#include "engine/net/SocketTestSupport.h"

namespace tegami::testing {

class ScriptedServer;

class ScriptedConnection : public QObject {
public:
    ScriptedConnection(QSslSocket* socket, ScriptedServer* server, int number);

    void send(const QByteArray& bytes) { m_socket->write(bytes); }
    void startTls();
    void close() { m_socket->disconnectFromHost(); }
    int number() const { return m_number; } // 1 for the first connection of the server
    QSslSocket* socket() const { return m_socket; }

private:
    void readLines();

    QSslSocket* m_socket;
    ScriptedServer* m_server;
    int m_number;
};

class ScriptedServer : public QTcpServer {
public:
    using Script = std::function<void(ScriptedConnection& c, const QByteArray& line)>;

    explicit ScriptedServer(QSslConfiguration tls = {})
        : m_tls(std::move(tls))
    { }

    bool start() { return listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return serverPort(); }

    QByteArray greeting; // sent on connect (after the handshake with implicitTls); empty: silent
    bool implicitTls = false;
    Script script;
    QList<QByteArray> received; // every line from every connection, in order
    int connections = 0;

    const QSslConfiguration& tls() const { return m_tls; }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto* socket = new QSslSocket(this);
        socket->setSocketDescriptor(descriptor);
        auto* c = new ScriptedConnection(socket, this, ++connections);
        if (implicitTls) {
            QObject::connect(socket, &QSslSocket::encrypted, c, [this, c] {
                if (!greeting.isEmpty())
                    c->send(greeting);
            });
            c->startTls();
        } else if (!greeting.isEmpty()) {
            c->send(greeting);
        }
    }

private:
    friend class ScriptedConnection;
    QSslConfiguration m_tls;
};

inline ScriptedConnection::ScriptedConnection(QSslSocket* socket, ScriptedServer* server, int number)
    : QObject(socket)
    , m_socket(socket)
    , m_server(server)
    , m_number(number)
{
    QObject::connect(socket, &QSslSocket::readyRead, this, &ScriptedConnection::readLines);
    QObject::connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
}

inline void ScriptedConnection::startTls()
{
    m_socket->setSslConfiguration(m_server->m_tls);
    m_socket->startServerEncryption();
}

inline void ScriptedConnection::readLines()
{
    while (m_socket->canReadLine()) {
        QByteArray line = m_socket->readLine();
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        m_server->received << line;
        if (m_server->script)
            m_server->script(*this, line);
    }
}

} // namespace tegami::testing
