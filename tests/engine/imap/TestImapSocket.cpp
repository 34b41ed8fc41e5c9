// IMAP end to end over real sockets on 127.0.0.1: the listener, ImapSessionFactory and
// IMAP over a SessionConnection with QSslSocket, STARTTLS (and the injection it must resist), implicit
// TLS, a large streamed FETCH, IDLE, and a server shutdown.

#include "imap/ImapSessionFactory.h"
#include "net/Listener.h"

#include <QDir>
#include <QSslKey>
#include <QSslSocket>

#include "ImapSessionFixture.h"
#include "engine/net/SocketTestSupport.h"
#include "engine/tls/TlsTestUtil.h"

using namespace tegami;
using namespace tegami::imaptest;

namespace {

// The IMAP replies on top of the shared test client.
class Client : public tegami::testing::TestSocketClient {
public:
    QByteArray bytes(qint64 n, int timeoutMs = 20000)
    {
        QByteArray out;
        for (int waited = 0; out.size() < n && waited < timeoutMs;) {
            if (socket.bytesAvailable() == 0) {
                QTest::qWait(5);
                waited += 5;
                continue;
            }
            out += socket.read(n - out.size());
        }
        return out;
    }

    // Everything up to and including the tagged reply, literals included.
    QByteArray response(const QByteArray& tag, int timeoutMs = 20000)
    {
        QByteArray out;
        for (;;) {
            const QByteArray l = line(timeoutMs);
            if (l.isEmpty())
                return out + "<timeout>";
            out += l;
            if (l.startsWith(tag + ' '))
                return out;
            if (l.endsWith("}\r\n")) {
                const qsizetype open = l.lastIndexOf('{');
                out += bytes(l.mid(open + 1, l.size() - open - 4).toLongLong(), timeoutMs);
            }
        }
    }

    QByteArray command(const QByteArray& tag, const QByteArray& rest)
    {
        socket.write(tag + ' ' + rest + "\r\n");
        return response(tag);
    }
};

} // namespace

class TestImapSocket : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ImapFixture> f;
    tegami::testing::SelfSignedTlsProvider m_tls;
    std::unique_ptr<ImapSessionFactory> m_factory;
    std::unique_ptr<Listener> m_plain;
    std::unique_ptr<Listener> m_implicit;

    quint16 plainPort() const { return m_plain->boundPort(); }
    quint16 tlsPort() const { return m_implicit->boundPort(); }

    bool startServer()
    {
        m_factory = std::make_unique<ImapSessionFactory>(
            ImapDependencies { f->settings, *f->authenticator, *f->accounts, *f->store, &m_tls, f->clock });
        m_factory->setFailureDelayMs(50);
        m_plain = std::make_unique<Listener>(
            ListenerSpec { Protocol::Imap, Binding { QStringLiteral("127.0.0.1"), 0 }, TlsMode::StartTls },
            m_factory.get(), nullptr, &m_tls);
        m_implicit = std::make_unique<Listener>(
            ListenerSpec { Protocol::Imap, Binding { QStringLiteral("127.0.0.1"), 0 }, TlsMode::Implicit },
            m_factory.get(), nullptr, &m_tls);
        return m_plain->start().ok() && m_implicit->start().ok();
    }

    QByteArray loginLine() const { return "LOGIN alice@example.com \"" + password.toUtf8() + "\""; }

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
        f = std::make_unique<ImapFixture>();
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

    void startTlsEndToEndIgnoresInjectedCommands()
    {
        Client c;
        QVERIFY(c.connect(plainPort(), false));
        const QByteArray greeting = c.line();
        QVERIFY2(greeting.contains("STARTTLS") && greeting.contains("LOGINDISABLED"), greeting.constData());
        QVERIFY(c.command("a", loginLine()).startsWith("a NO [PRIVACYREQUIRED]"));
        // The attacker's command rides in the same packet as STARTTLS.
        c.socket.write("b STARTTLS\r\nc " + loginLine() + "\r\n");
        QCOMPARE(c.line(), QByteArray("b OK Begin TLS negotiation now\r\n"));
        QVERIFY(c.startTls());
        // Had the injected LOGIN run, this SELECT would work (or "c" would have answered).
        QCOMPARE(
            c.command("d", "SELECT INBOX"), QByteArray("d BAD SELECT needs a login first (LOGIN or AUTHENTICATE)\r\n"));
        const QByteArray caps = c.command("e", "CAPABILITY");
        QVERIFY(!caps.contains("STARTTLS") && caps.contains("AUTH=PLAIN"));
        QVERIFY(c.command("f", loginLine()).startsWith("f OK [CAPABILITY"));
        QVERIFY(c.command("g", "SELECT INBOX").contains("g OK [READ-WRITE]"));
        QVERIFY(c.command("h", "LOGOUT").contains("* BYE"));
        QVERIFY(c.waitClosed());
    }

    void implicitTlsStreamsALargeMessage()
    {
        QByteArray big = "Subject: big\r\n\r\n";
        for (int i = 0; big.size() < 4 * 1024 * 1024; ++i)
            big += QByteArray::number(i) + QByteArray(100, 'y') + "\r\n";
        QVERIFY(f->deliver(alice, big));
        Client c;
        QVERIFY(c.connect(tlsPort(), true));
        QVERIFY(c.line().startsWith("* OK [CAPABILITY"));
        QVERIFY(c.command("a", "AUTHENTICATE PLAIN " + plainResponse(alice, password)).startsWith("a OK"));
        QVERIFY(c.command("b", "SELECT INBOX").contains("b OK"));
        c.socket.write("c UID FETCH 1 BODY.PEEK[]\r\nd NOOP\r\n");
        const QByteArray reply = c.response("c");
        const QByteArray expected = "* 1 FETCH (UID 1 BODY[] {" + QByteArray::number(big.size()) + "}\r\n" + big
            + ")\r\nc OK FETCH completed\r\n";
        QCOMPARE(reply.size(), expected.size());
        QVERIFY(reply == expected);
        QCOMPARE(c.line(), QByteArray("d OK NOOP completed\r\n"));
    }

    void idleOverTheWire()
    {
        Client c;
        QVERIFY(c.connect(tlsPort(), true));
        c.line();
        QVERIFY(c.command("a", loginLine()).startsWith("a OK"));
        QVERIFY(c.command("b", "SELECT INBOX").contains("* 0 EXISTS"));
        c.socket.write("c IDLE\r\n");
        QCOMPARE(c.line(), QByteArray("+ idling\r\n"));
        QVERIFY(f->deliver(alice, simpleMessage("wake up")));
        QCOMPARE(c.line(1000), QByteArray("* 1 EXISTS\r\n"));
        QCOMPARE(c.line(1000), QByteArray("* 1 RECENT\r\n"));
        c.socket.write("DONE\r\n");
        QCOMPARE(c.line(), QByteArray("c OK IDLE terminated\r\n"));
    }

    void shutdownSaysBye()
    {
        Client c;
        QVERIFY(c.connect(tlsPort(), true));
        c.line();
        QVERIFY(c.command("a", loginLine()).startsWith("a OK"));
        QCOMPARE(m_factory->activeSessions(), 1);
        m_plain.reset();
        m_implicit.reset();
        m_factory.reset();
        QCOMPARE(c.line(), QByteArray("* BYE server shutting down\r\n"));
        QVERIFY(c.waitClosed());
    }

    void droppedConnectionFreesTheUserSlot()
    {
        {
            Client c;
            QVERIFY(c.connect(tlsPort(), true));
            c.line();
            QVERIFY(c.command("a", loginLine()).startsWith("a OK"));
            QCOMPARE(m_factory->registry().sessionsFor(alice), 1);
            c.socket.abort();
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_factory->registry().sessionsFor(alice), 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_factory->activeSessions(), 0, 5000);
    }

    void refusalUsesImapWords()
    {
        QCOMPARE(m_factory->refusal(QStringLiteral("too many connections")),
            QByteArray("* BYE [UNAVAILABLE] too many connections\r\n"));
        QVERIFY(m_factory->protocolLogEnabled());
        QVERIFY(f->setSetting(QStringLiteral("imap.protocolLog"), false));
        QVERIFY(!m_factory->protocolLogEnabled());
    }
};

QTEST_GUILESS_MAIN(TestImapSocket)
#include "TestImapSocket.moc"
