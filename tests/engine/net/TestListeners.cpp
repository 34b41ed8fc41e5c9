#include "net/ListenerManager.h"
#include "net/SessionFactory.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace tegami;

namespace {

// Greets every session with "hello" and keeps its sockets so tests can end them.
class RecordingFactory : public SessionFactory {
public:
    void startSession(Connection connection) override
    {
        connection.socket->write("hello\r\n");
        sessions.emplace_back(connection.socket);
        specs << connection.listener;
    }
    QByteArray refusal(const QString& reason) const override { return "busy: " + reason.toUtf8() + "\r\n"; }

    std::vector<std::unique_ptr<QSslSocket>> sessions;
    QList<ListenerSpec> specs;
};

ListenerSpec loopback(Protocol p, quint16 port, TlsMode tls = TlsMode::StartTls)
{
    return ListenerSpec { p, Binding { QStringLiteral("127.0.0.1"), port }, tls };
}

QByteArray readLine(QTcpSocket& client)
{
    // The server runs in this thread: wait by spinning the event loop, never by blocking.
    for (int i = 0; i < 150 && !client.canReadLine(); ++i)
        QTest::qWait(20);
    return client.readLine();
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestListeners : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void acceptedConnectionsReachTheFactory()
    {
        RecordingFactory factory;
        ListenerManager manager;
        manager.setFactory(Protocol::Pop3, &factory);
        const quint16 port = freePort();
        QVERIFY(manager.apply({ loopback(Protocol::Pop3, port) }, {}).isEmpty());
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(client.waitForConnected(3000));
        QCOMPARE(readLine(client), QByteArray("hello\r\n"));
        QCOMPARE(factory.specs.size(), 1);
        QCOMPARE(factory.specs.first().protocol, Protocol::Pop3);
        const Listener* l = manager.find(QStringLiteral("pop3/127.0.0.1:%1").arg(port));
        QVERIFY(l);
        QCOMPARE(l->activeConnections(), 1);
        factory.sessions.clear();
        QCOMPARE(l->activeConnections(), 0);
    }

    void perAddressLimitRefusesWithTheProtocolsWords()
    {
        RecordingFactory factory;
        ListenerManager manager;
        manager.setFactory(Protocol::Imap, &factory);
        const quint16 port = freePort();
        QHash<Protocol, ConnectionLimits> limits { { Protocol::Imap, ConnectionLimits { 10, 2 } } };
        QVERIFY(manager.apply({ loopback(Protocol::Imap, port) }, limits).isEmpty());
        QTcpSocket a, b, c;
        for (QTcpSocket* s : { &a, &b, &c }) {
            s->connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(s->waitForConnected(3000));
        }
        QCOMPARE(readLine(a), QByteArray("hello\r\n"));
        QCOMPARE(readLine(b), QByteArray("hello\r\n"));
        QVERIFY(readLine(c).startsWith("busy: too many connections from your address"));
        QCOMPARE(factory.sessions.size(), size_t(2));
        const Listener* l = manager.listeners().first();
        QCOMPARE(l->refusedConnections(), quint64(1));
        // When one session ends, the address may connect again.
        factory.sessions.erase(factory.sessions.begin());
        QTcpSocket d;
        d.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(d.waitForConnected(3000));
        QCOMPARE(readLine(d), QByteArray("hello\r\n"));
    }

    void aBusyPortFailsWithAReasonAnAdminCanActOn()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        RecordingFactory factory;
        ListenerManager manager;
        manager.setFactory(Protocol::Smtp, &factory);
        const QList<const Listener*> failed = manager.apply({ loopback(Protocol::Smtp, squatter.serverPort()) }, {});
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first()->state(), ListenerState::Failed);
        QVERIFY2(failed.first()->failure().contains(QStringLiteral("in use by another program")),
            qPrintable(failed.first()->failure()));
        QCOMPARE(failed.first()->statusJson().value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        // Once the port is free, the next apply starts it.
        squatter.close();
        QVERIFY(manager.apply({ loopback(Protocol::Smtp, failed.first()->spec().binding.port) }, {}).isEmpty());
        QCOMPARE(manager.listeners().first()->state(), ListenerState::Listening);
    }

    void bindErrorsAreExplained()
    {
        const Binding b { QStringLiteral("192.0.2.10"), 25 };
        QVERIFY(Listener::explainBindError(QAbstractSocket::SocketAccessError, b, {})
                    .contains(QStringLiteral("CAP_NET_BIND_SERVICE")));
        QVERIFY(Listener::explainBindError(QAbstractSocket::SocketAddressNotAvailableError, b, {})
                    .contains(QStringLiteral("not assigned")));
    }

    void applyKeepsUnchangedListenersAndTheirSessions()
    {
        RecordingFactory factory;
        ListenerManager manager;
        manager.setFactory(Protocol::Pop3, &factory);
        manager.setFactory(Protocol::Imap, &factory);
        const quint16 popPort = freePort();
        const quint16 imapPort = freePort();
        QVERIFY(manager.apply({ loopback(Protocol::Pop3, popPort), loopback(Protocol::Imap, imapPort) }, {}).isEmpty());
        const Listener* pop = manager.find(QStringLiteral("pop3/127.0.0.1:%1").arg(popPort));
        QTcpSocket imapClient;
        imapClient.connectToHost(QHostAddress::LocalHost, imapPort);
        QVERIFY(imapClient.waitForConnected(3000));
        QCOMPARE(readLine(imapClient), QByteArray("hello\r\n"));

        // Drop IMAP: its listener goes, its session stays; POP3's listener is the same object.
        QVERIFY(manager.apply({ loopback(Protocol::Pop3, popPort) }, {}).isEmpty());
        QCOMPARE(manager.listeners().size(), 1);
        QCOMPARE(manager.find(QStringLiteral("pop3/127.0.0.1:%1").arg(popPort)), pop);
        QCOMPARE(factory.sessions.size(), size_t(1));
        factory.sessions.front()->write("still here\r\n");
        QCOMPARE(readLine(imapClient), QByteArray("still here\r\n"));
        QTcpSocket refused;
        refused.connectToHost(QHostAddress::LocalHost, imapPort);
        QTest::qWait(300);
        QVERIFY(refused.state() != QAbstractSocket::ConnectedState || !refused.canReadLine());
    }
};

QTEST_GUILESS_MAIN(TestListeners)
#include "TestListeners.moc"
