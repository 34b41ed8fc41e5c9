// POP3 end to end over real sockets on 127.0.0.1: the listener, Pop3SessionFactory and
// POP3 over a SessionConnection with QSslSocket, STLS (and the injection it must resist), implicit TLS,
// a large streamed RETR, dropped connections and a server shutdown.

#include "net/Listener.h"
#include "pop3/Pop3MessageStream.h"
#include "pop3/Pop3SessionFactory.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSslKey>
#include <QSslSocket>

#include "Pop3TestFixture.h"
#include "engine/net/SocketTestSupport.h"

using namespace tegami;
using namespace tegami::pop3test;

namespace {

// The POP3 replies on top of the shared test client.
class Client : public tegami::testing::TestSocketClient {
public:
    // A status line and, when it is +OK, the multi-line body up to and including ".\r\n".
    QByteArray multiLine(int timeoutMs = 10000)
    {
        QByteArray out = line(timeoutMs);
        if (!out.startsWith("+OK"))
            return out;
        for (;;) {
            const QByteArray l = line(timeoutMs);
            if (l.isEmpty())
                return out + "<timeout>";
            out += l;
            if (l == ".\r\n")
                return out;
        }
    }

    QByteArray command(const QByteArray& c)
    {
        socket.write(c + "\r\n");
        return line();
    }
};

} // namespace

class TestPop3Socket : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<Pop3Fixture> f;
    tegami::testing::SelfSignedTlsProvider m_tls;
    std::unique_ptr<Pop3SessionFactory> m_factory;
    std::unique_ptr<Listener> m_plain;
    std::unique_ptr<Listener> m_implicit;

    quint16 plainPort() const { return m_plain->boundPort(); }
    quint16 tlsPort() const { return m_implicit->boundPort(); }

    bool startServer()
    {
        m_factory = std::make_unique<Pop3SessionFactory>(Pop3Dependencies {
            f->settings, *f->authenticator, *f->accounts, *f->store, &m_tls, f->clock, f->deps->onLogin });
        m_factory->setFailureDelayMs(50);
        m_plain = std::make_unique<Listener>(
            ListenerSpec { Protocol::Pop3, Binding { QStringLiteral("127.0.0.1"), 0 }, TlsMode::StartTls },
            m_factory.get(), nullptr, &m_tls);
        m_implicit = std::make_unique<Listener>(
            ListenerSpec { Protocol::Pop3, Binding { QStringLiteral("127.0.0.1"), 0 }, TlsMode::Implicit },
            m_factory.get(), nullptr, &m_tls);
        return m_plain->start().ok() && m_implicit->start().ok();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend here");
        QTemporaryDir certDir;
        QVERIFY(m_tls.create(certDir.path()));
    }

    void init()
    {
        f = std::make_unique<Pop3Fixture>();
        QVERIFY(f->open());
        QVERIFY(startServer());
    }

    void cleanup()
    {
        m_plain.reset();
        m_implicit.reset();
        m_factory.reset();
        QTest::qWait(20); // let deleted sockets go
        f.reset();
    }

    void stlsEndToEndIgnoresInjectedCommands()
    {
        const QByteArray message = "From: carol@example.org\r\nSubject: hi\r\n\r\n.dot\r\nbye\r\n";
        QVERIFY(f->deliver(alice, message));
        Client c;
        QVERIFY(c.connect(plainPort(), false));
        QVERIFY(c.line().startsWith("+OK "));
        c.socket.write("CAPA\r\n");
        const QByteArray capa = c.multiLine();
        QVERIFY2(capa.contains("\r\nSTLS\r\n") && !capa.contains("USER"), capa.constData());
        // The attacker's commands ride in the same packet as STLS.
        c.socket.write("STLS\r\nUSER alice@example.com\r\nPASS " + password.toUtf8() + "\r\n");
        QCOMPARE(c.line(), QByteArray("+OK Begin TLS negotiation\r\n"));
        QVERIFY(c.startTls());
        c.socket.write("CAPA\r\n");
        const QByteArray capaTls = c.multiLine();
        QVERIFY2(capaTls.contains("\r\nUSER\r\n") && !capaTls.contains("STLS"), capaTls.constData());
        // Had the injected USER and PASS been run, this PASS would log in or be refused IN-USE.
        QCOMPARE(
            c.command("PASS " + password.toUtf8()), QByteArray("-ERR send USER with your mailbox address first\r\n"));
        QCOMPARE(c.command("USER alice@example.com"), QByteArray("+OK send your password with PASS\r\n"));
        QCOMPARE(c.command("PASS " + password.toUtf8()),
            "+OK maildrop has 1 messages (" + QByteArray::number(message.size()) + " octets)\r\n");
        c.socket.write("RETR 1\r\n");
        QCOMPARE(c.multiLine(),
            "+OK " + QByteArray::number(message.size()) + " octets\r\n"
                + Pop3MessageStream::render(message, std::nullopt).value());
        QCOMPARE(c.command("DELE 1"), QByteArray("+OK message 1 deleted\r\n"));
        QCOMPARE(c.command("QUIT"), QByteArray("+OK Tegami POP3 server signing off (1 messages deleted)\r\n"));
        QVERIFY(c.waitClosed());
        QVERIFY(f->inbox(alice).empty());
        QCOMPARE(f->logins.size(), 1);
        QCOMPARE(f->logins[0], QStringList({ QStringLiteral("127.0.0.1"), alice }));
    }

    void implicitTlsStreamsALargeMessage()
    {
        QByteArray big = "Subject: big\r\n\r\n";
        for (int i = 0; big.size() < 4 * 1024 * 1024; ++i)
            big += (i % 5 == 0 ? ".." : "") + QByteArray::number(i) + QByteArray(100, 'y') + "\r\n";
        QVERIFY(f->deliver(alice, big));
        QVERIFY(f->setPolicy(alice, PopScope::AllMail, PopAfterRetrieval::Delete));
        Client c;
        QVERIFY(c.connect(tlsPort(), true));
        QVERIFY(c.line().startsWith("+OK "));
        QVERIFY(c.command("AUTH PLAIN " + plainResponse(alice, password)).startsWith("+OK maildrop has 1 messages"));
        c.socket.write("RETR 1\r\nNOOP\r\n");
        const QByteArray reply = c.multiLine(20000);
        QCOMPARE(reply.size(),
            QByteArray("+OK " + QByteArray::number(big.size()) + " octets\r\n").size()
                + Pop3MessageStream::render(big, std::nullopt).value().size());
        QVERIFY(reply
            == "+OK " + QByteArray::number(big.size()) + " octets\r\n"
                + Pop3MessageStream::render(big, std::nullopt).value());
        QCOMPARE(c.line(), QByteArray("+OK\r\n"));
        QVERIFY(c.command("QUIT").startsWith("+OK"));
        QVERIFY(c.waitClosed());
        QVERIFY(f->inbox(alice).empty()); // policy: delete after retrieval
    }

    void droppedConnectionRemovesNothingAndFreesTheLock()
    {
        QVERIFY(f->deliver(alice, "Subject: keep me\r\n\r\nx\r\n"));
        {
            Client c;
            QVERIFY(c.connect(tlsPort(), true));
            c.line();
            QVERIFY(c.command("USER alice@example.com").startsWith("+OK"));
            QVERIFY(c.command("PASS " + password.toUtf8()).startsWith("+OK"));
            QVERIFY(c.command("DELE 1").startsWith("+OK"));
            QVERIFY(m_factory->locks().isLocked(alice));
            c.socket.abort(); // the client crashes
        }
        QTRY_VERIFY_WITH_TIMEOUT(!m_factory->locks().isLocked(alice), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_plain->activeConnections() + m_implicit->activeConnections(), 0, 5000);
        QCOMPARE(f->inbox(alice).size(), size_t(1));
        Client again;
        QVERIFY(again.connect(tlsPort(), true));
        again.line();
        QVERIFY(again.command("AUTH PLAIN " + plainResponse(alice, password)).startsWith("+OK maildrop has 1"));
    }

    void secondConnectionIsInUse()
    {
        Client a;
        QVERIFY(a.connect(tlsPort(), true));
        a.line();
        QVERIFY(a.command("AUTH PLAIN " + plainResponse(alice, password)).startsWith("+OK"));
        Client b;
        QVERIFY(b.connect(tlsPort(), true));
        b.line();
        QVERIFY(b.command("AUTH PLAIN " + plainResponse(alice, password)).startsWith("-ERR [IN-USE]"));
        QVERIFY(a.command("QUIT").startsWith("+OK"));
        QVERIFY(a.waitClosed());
        QVERIFY(b.command("AUTH PLAIN " + plainResponse(alice, password)).startsWith("+OK"));
    }

    void lineTooLongClosesTheConnectionAndTheServerGoesOn()
    {
        Client c;
        QVERIFY(c.connect(plainPort(), false));
        c.line();
        c.socket.write(QByteArray(100000, 'A'));
        QCOMPARE(c.line(), QByteArray("-ERR line too long (more than 512 bytes)\r\n"));
        QVERIFY(c.waitClosed());
        Client next;
        QVERIFY(next.connect(plainPort(), false));
        QVERIFY(next.line().startsWith("+OK"));
    }

    void shutdownEndsSessionsWithoutUpdate()
    {
        QVERIFY(f->deliver(alice, "Subject: x\r\n\r\nx\r\n"));
        Client c;
        QVERIFY(c.connect(tlsPort(), true));
        c.line();
        QVERIFY(c.command("AUTH PLAIN " + plainResponse(alice, password)).startsWith("+OK"));
        QVERIFY(c.command("DELE 1").startsWith("+OK"));
        QCOMPARE(m_factory->activeSessions(), 1);
        m_plain.reset();
        m_implicit.reset();
        m_factory.reset();
        QCOMPARE(c.line(), QByteArray("-ERR [SYS/TEMP] the server is shutting down; try again later\r\n"));
        QVERIFY(c.waitClosed());
        QCOMPARE(f->inbox(alice).size(), size_t(1));
    }

    void refusalUsesPop3Words()
    {
        QCOMPARE(m_factory->refusal(QStringLiteral("too many connections")),
            QByteArray("-ERR [SYS/TEMP] too many connections\r\n"));
        QVERIFY(m_factory->protocolLogEnabled());
        QVERIFY(f->setSetting(QStringLiteral("pop3.protocolLog"), false));
        QVERIFY(!m_factory->protocolLogEnabled());
    }
};

QTEST_GUILESS_MAIN(TestPop3Socket)
#include "TestPop3Socket.moc"
