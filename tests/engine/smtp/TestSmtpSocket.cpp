// SMTP end to end over real sockets on 127.0.0.1: the listener, SmtpSessionFactory and
// SMTP over a SessionConnection with QSslSocket, STARTTLS (and the injection it must resist), implicit
// TLS on submission, a large message streamed into the spool, dropped connections and a
// server shutdown.

#include "net/Listener.h"
#include "smtp/SmtpSessionFactory.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSslKey>
#include <QSslSocket>

#include "SmtpTestFixture.h"
#include "engine/net/SocketTestSupport.h"

using namespace tegami;
using namespace tegami::smtptest;

namespace {

// The SMTP replies on top of the shared test client.
class Client : public tegami::testing::TestSocketClient {
public:
    // One whole reply: continuation lines ("250-...") up to the last one ("250 ...").
    QByteArray reply(int timeoutMs = 10000)
    {
        QByteArray out;
        for (;;) {
            const QByteArray l = line(timeoutMs);
            out += l;
            if (l.size() < 4 || l[3] != '-')
                return out;
        }
    }

    QByteArray command(const QByteArray& c)
    {
        socket.write(c + "\r\n");
        return reply();
    }
};

} // namespace

class TestSmtpSocket : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<SmtpFixture> f;
    tegami::testing::SelfSignedTlsProvider m_tls;
    std::unique_ptr<SmtpDependencies> m_deps;
    std::unique_ptr<SmtpSessionFactory> m_mxFactory;
    std::unique_ptr<SmtpSessionFactory> m_submissionFactory;
    std::unique_ptr<Listener> m_mx;
    std::unique_ptr<Listener> m_submission;
    std::unique_ptr<Listener> m_submissionTls;

    bool startServer()
    {
        m_deps = std::make_unique<SmtpDependencies>(SmtpDependencies { f->settings, *f->authenticator, *f->accounts,
            *f->store, &m_tls, f->clock, f->intake, f->popBeforeSmtp.get() });
        m_mxFactory = std::make_unique<SmtpSessionFactory>(Protocol::Smtp, *m_deps);
        m_submissionFactory = std::make_unique<SmtpSessionFactory>(Protocol::Submission, *m_deps);
        const Binding local { QStringLiteral("127.0.0.1"), 0 };
        m_mx = std::make_unique<Listener>(
            ListenerSpec { Protocol::Smtp, local, TlsMode::StartTls }, m_mxFactory.get(), nullptr, &m_tls);
        m_submission = std::make_unique<Listener>(ListenerSpec { Protocol::Submission, local, TlsMode::StartTls },
            m_submissionFactory.get(), nullptr, &m_tls);
        m_submissionTls = std::make_unique<Listener>(ListenerSpec { Protocol::Submission, local, TlsMode::Implicit },
            m_submissionFactory.get(), nullptr, &m_tls);
        return m_mx->start().ok() && m_submission->start().ok() && m_submissionTls->start().ok();
    }

    void stopServer()
    {
        m_mx.reset();
        m_submission.reset();
        m_submissionTls.reset();
        m_mxFactory.reset();
        m_submissionFactory.reset();
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
        f = std::make_unique<SmtpFixture>();
        QVERIFY(f->open());
        QVERIFY(startServer());
    }

    void cleanup()
    {
        stopServer();
        QTest::qWait(20); // let deleted sockets go
        f.reset();
    }

    void submissionWithStartTlsIgnoresInjectedCommands()
    {
        Client c;
        QVERIFY(c.connect(m_submission->boundPort(), false));
        QCOMPARE(c.line(), QByteArray("220 smtp.example.com ESMTP Tegami\r\n"));
        const QByteArray ehlo = c.command("EHLO client.example");
        QVERIFY2(ehlo.contains("250-STARTTLS") || ehlo.contains("250 STARTTLS"), ehlo.constData());
        QVERIFY(!ehlo.contains("AUTH"));
        // The attacker's commands ride in the same packet as STARTTLS.
        c.socket.write(
            "STARTTLS\r\nAUTH PLAIN " + plainResponse(alice, password) + "\r\nMAIL FROM:<alice@example.com>\r\n");
        QCOMPARE(c.line(), QByteArray("220 2.0.0 Ready to start TLS\r\n"));
        QVERIFY(c.startTls());
        // Had the injected commands run, this MAIL would be a nested one or be accepted.
        QCOMPARE(c.command("MAIL FROM:<alice@example.com>"), QByteArray("503 5.5.1 send EHLO or HELO first\r\n"));
        const QByteArray ehloTls = c.command("EHLO client.example");
        QVERIFY2(ehloTls.contains("AUTH PLAIN LOGIN") && !ehloTls.contains("STARTTLS"), ehloTls.constData());
        QCOMPARE(c.command("AUTH PLAIN " + plainResponse(alice, password)),
            QByteArray("235 2.7.0 authentication successful\r\n"));
        QVERIFY(c.command("MAIL FROM:<alice@example.com>").startsWith("250 2.1.0"));
        QVERIFY(c.command("RCPT TO:<friend@elsewhere.example>").startsWith("250 2.1.5"));
        QVERIFY(c.command("DATA").startsWith("354"));
        QCOMPARE(c.command("Subject: hi\r\n\r\nhello\r\n."), QByteArray("250 2.0.0 Ok: queued as Q1\r\n"));
        QCOMPARE(c.command("QUIT"), QByteArray("221 2.0.0 smtp.example.com closing connection\r\n"));
        QVERIFY(c.waitClosed());
        QCOMPARE(f->intake.messages.size(), size_t(1));
        const QByteArray spooled = f->intake.messages[0].bytes;
        QVERIFY2(spooled.contains("with ESMTPSA id"), spooled.constData());
        QVERIFY2(spooled.contains("\t(using TLSv1.") && spooled.contains(" with cipher "), spooled.constData());
        QCOMPARE(f->intake.messages[0].envelope.remoteAddress, QStringLiteral("127.0.0.1"));
    }

    void mxStreamsALargeMessage()
    {
        QVERIFY(f->setSetting(QStringLiteral("smtp.maxMessageSize"), 8 * 1024 * 1024));
        QByteArray text = "Subject: big\r\n\r\n";
        for (int i = 0; text.size() < 4 * 1024 * 1024; ++i)
            text += (i % 7 == 0 ? "." : "") + QByteArray::number(i) + QByteArray(100, 'y') + "\r\n";
        QByteArray stuffed = text;
        stuffed.replace("\r\n.", "\r\n..");
        Client c;
        QVERIFY(c.connect(m_mx->boundPort(), false));
        QVERIFY(c.line().startsWith("220 mx.example.com"));
        c.socket.write("EHLO client.example\r\nMAIL FROM:<carol@elsewhere.example>\r\nRCPT TO:<alice@example.com>\r\n"
                       "DATA\r\n");
        QVERIFY(c.reply().contains("250 STARTTLS"));
        QVERIFY(c.reply().startsWith("250 2.1.0"));
        QVERIFY(c.reply().startsWith("250 2.1.5"));
        QVERIFY(c.reply().startsWith("354"));
        c.socket.write(stuffed + ".\r\n");
        QCOMPARE(c.reply(20000), QByteArray("250 2.0.0 Ok: queued as Q1\r\n"));
        const QByteArray spooled = f->intake.messages[0].bytes;
        QVERIFY(spooled.endsWith(text));
        QCOMPARE(spooled.size() - spooled.indexOf("Subject: big"), text.size());
        QVERIFY(f->intake.largestWrite <= 16 * 1024);
    }

    void implicitTlsSubmission()
    {
        Client c;
        QVERIFY(c.connect(m_submissionTls->boundPort(), true));
        QVERIFY(c.line().startsWith("220 "));
        const QByteArray ehlo = c.command("EHLO client.example");
        QVERIFY(ehlo.contains("AUTH PLAIN LOGIN") && !ehlo.contains("STARTTLS"));
        c.socket.write("AUTH LOGIN\r\n");
        QCOMPARE(c.reply(), QByteArray("334 VXNlcm5hbWU6\r\n"));
        QCOMPARE(c.command(bob.toUtf8().toBase64()), QByteArray("334 UGFzc3dvcmQ6\r\n"));
        QCOMPARE(c.command(password.toUtf8().toBase64()), QByteArray("235 2.7.0 authentication successful\r\n"));
        // Pipelined with BDAT.
        c.socket.write("MAIL FROM:<bob@example.com>\r\nRCPT TO:<alice@example.com>\r\nBDAT 20 LAST\r\n"
                       "Subject: x\r\n\r\nbody\r\n");
        QVERIFY(c.reply().startsWith("250 2.1.0"));
        QVERIFY(c.reply().startsWith("250 2.1.5"));
        QCOMPARE(c.reply(), QByteArray("250 2.0.0 Ok: queued as Q1\r\n"));
        QVERIFY(f->intake.messages[0].bytes.contains("Message-ID: <"));
        QCOMPARE(f->intake.messages[0].envelope.authenticatedUser, bob);
    }

    void droppedConnectionQueuesNothing()
    {
        {
            Client c;
            QVERIFY(c.connect(m_mx->boundPort(), false));
            c.line();
            c.socket.write("EHLO x\r\nMAIL FROM:<>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\nSubject: half\r\n");
            for (int i = 0; i < 4; ++i)
                c.reply();
            QTRY_COMPARE_WITH_TIMEOUT(f->intake.open, 1, 5000);
            c.socket.abort(); // the client crashes
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_mx->activeConnections(), 0, 5000);
        QCOMPARE(f->intake.open, 0);
        QCOMPARE(f->intake.aborted, 1);
        QVERIFY(f->intake.messages.empty());
        QCOMPARE(m_mxFactory->activeSessions(), 0);
    }

    void quitRightAfterPipelinedCommandsIsAnswered()
    {
        Client c;
        QVERIFY(c.connect(m_mx->boundPort(), false));
        c.line();
        c.socket.write("EHLO x\r\nNOOP\r\nQUIT\r\n");
        QVERIFY(c.reply().startsWith("250-mx.example.com"));
        QCOMPARE(c.reply(), QByteArray("250 2.0.0 OK\r\n"));
        QCOMPARE(c.reply(), QByteArray("221 2.0.0 mx.example.com closing connection\r\n"));
        QVERIFY(c.waitClosed());
    }

    void shutdownEndsSessionsWith421()
    {
        Client c;
        QVERIFY(c.connect(m_mx->boundPort(), false));
        c.line();
        QVERIFY(c.command("EHLO x").startsWith("250"));
        QCOMPARE(m_mxFactory->activeSessions(), 1);
        stopServer();
        QCOMPARE(c.line(), QByteArray("421 4.3.2 mx.example.com the server is shutting down; try again later\r\n"));
        QVERIFY(c.waitClosed());
    }

    void refusalAndProtocolLogSetting()
    {
        QCOMPARE(m_mxFactory->refusal(QStringLiteral("too many connections")),
            QByteArray("421 4.7.0 too many connections\r\n"));
        QCOMPARE(m_mxFactory->protocol(), Protocol::Smtp);
        QVERIFY(m_submissionFactory->protocolLogEnabled());
        QVERIFY(f->setSetting(QStringLiteral("submission.protocolLog"), false));
        QVERIFY(!m_submissionFactory->protocolLogEnabled());
        QVERIFY(m_mxFactory->protocolLogEnabled());
    }
};

QTEST_GUILESS_MAIN(TestSmtpSocket)
#include "TestSmtpSocket.moc"
