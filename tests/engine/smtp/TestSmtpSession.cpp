// An SMTP session driven without sockets, the session side: greeting, EHLO capabilities
// per listener and TLS state, STARTTLS (and the injection it must resist), AUTH, VRFY and
// friends, protocol errors, line limits, timeouts, the tarpit and the protocol log.

#include <QElapsedTimer>

#include "SmtpTestFixture.h"

using namespace tegami;
using namespace tegami::smtptest;

namespace {

QByteArray ehloReply(const QByteArray& fqdn, const QList<QByteArray>& extra)
{
    QList<QByteArray> lines { fqdn, "PIPELINING", "SIZE 37748736", "8BITMIME", "ENHANCEDSTATUSCODES", "SMTPUTF8",
        "CHUNKING", "DSN" };
    lines += extra;
    QByteArray out;
    for (qsizetype i = 0; i < lines.size(); ++i)
        out += "250" + QByteArray(i + 1 < lines.size() ? "-" : " ") + lines[i] + "\r\n";
    return out;
}

} // namespace

class TestSmtpSession : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<SmtpFixture> f;

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<SmtpFixture>();
        QVERIFY(f->open());
    }
    void cleanup() { f.reset(); }

    void greeting()
    {
        Harness mx(*f, Protocol::Smtp);
        QCOMPARE(mx.greeting, QByteArray("220 mx.example.com ESMTP Tegami\r\n"));
        Harness submission(*f, Protocol::Submission);
        QCOMPARE(submission.greeting, QByteArray("220 smtp.example.com ESMTP Tegami\r\n"));
        QVERIFY(f->setSetting(QStringLiteral("smtp.banner"), QStringLiteral("Welcome\r\nto Example")));
        Harness banner(*f, Protocol::Smtp);
        QCOMPARE(banner.greeting, QByteArray("220 mx.example.com Welcome  to Example\r\n"));
    }

    void ehloCapabilities_data()
    {
        QTest::addColumn<int>("protocol");
        QTest::addColumn<bool>("implicitTls");
        QTest::addColumn<bool>("starttls");
        QTest::addColumn<bool>("certificate");
        QTest::addColumn<bool>("requireTls");
        QTest::addColumn<QByteArray>("expected");
        const int mx = int(Protocol::Smtp);
        const int sub = int(Protocol::Submission);
        QTest::newRow("mx plain") << mx << false << false << true << true
                                  << ehloReply("mx.example.com", { "STARTTLS" });
        QTest::newRow("mx after STARTTLS")
            << mx << false << true << true << true << ehloReply("mx.example.com", { "AUTH PLAIN LOGIN" });
        QTest::newRow("mx without certificate")
            << mx << false << false << false << true << ehloReply("mx.example.com", {});
        QTest::newRow("submission plain")
            << sub << false << false << true << true << ehloReply("smtp.example.com", { "STARTTLS" });
        QTest::newRow("submission after STARTTLS")
            << sub << false << true << true << true << ehloReply("smtp.example.com", { "AUTH PLAIN LOGIN" });
        QTest::newRow("submission implicit TLS")
            << sub << true << false << true << true << ehloReply("smtp.example.com", { "AUTH PLAIN LOGIN" });
        QTest::newRow("submission plain, TLS not required")
            << sub << false << false << true << false
            << ehloReply("smtp.example.com", { "STARTTLS", "AUTH PLAIN LOGIN" });
        QTest::newRow("mx plain, submission setting does not apply")
            << mx << false << false << true << false << ehloReply("mx.example.com", { "STARTTLS" });
    }

    void ehloCapabilities()
    {
        QFETCH(int, protocol);
        QFETCH(bool, implicitTls);
        QFETCH(bool, starttls);
        QFETCH(bool, certificate);
        QFETCH(bool, requireTls);
        QFETCH(QByteArray, expected);
        QVERIFY(f->setSetting(QStringLiteral("submission.requireTlsForAuth"), requireTls));
        if (!certificate)
            f->tls.configuration.reset();
        Harness h(*f, Protocol(protocol), implicitTls);
        if (starttls) {
            QCOMPARE(h.command("STARTTLS"), QByteArray("220 2.0.0 Ready to start TLS\r\n"));
            h.completeTls();
        }
        QCOMPARE(h.command("EHLO client.example"), expected);
    }

    void heloIsPlainSmtp()
    {
        Harness h(*f, Protocol::Smtp);
        QCOMPARE(h.command("HELO client.example"), QByteArray("250 mx.example.com\r\n"));
        QCOMPARE(h.command("MAIL FROM:<a@elsewhere.example> BODY=8BITMIME"),
            QByteArray("555 5.5.4 MAIL parameters need EHLO, not HELO\r\n"));
        QCOMPARE(
            h.command("MAIL FROM:<a@elsewhere.example>"), QByteArray("250 2.1.0 sender <a@elsewhere.example> OK\r\n"));
        QCOMPARE(h.command("EHLO"), QByteArray("501 5.5.4 EHLO needs your host name or address literal\r\n"));
    }

    void startTlsInjectionIsDiscarded()
    {
        Harness h(*f, Protocol::Smtp);
        QVERIFY(h.ehlo());
        // The attacker's commands ride in the same packet as STARTTLS.
        const QByteArray injected = "MAIL FROM:<evil@elsewhere.example>\r\nRCPT TO:<alice@example.com>\r\n";
        QCOMPARE(h.send("STARTTLS\r\n" + injected), QByteArray("220 2.0.0 Ready to start TLS\r\n"));
        QCOMPARE(h.transport.tlsStarts, 1);
        QVERIFY(h.session->isBusy());
        QVERIFY2(h.logText().contains(QStringLiteral("discarded %1 bytes sent after STARTTLS").arg(injected.size())),
            qPrintable(h.logged));
        h.completeTls();
        QVERIFY(h.session->tlsActive());
        // Nothing from before counts: EHLO again, and no transaction is open.
        QCOMPARE(h.command("MAIL FROM:<a@elsewhere.example>"), QByteArray("503 5.5.1 send EHLO or HELO first\r\n"));
        QCOMPARE(h.command("RCPT TO:<alice@example.com>"), QByteArray("503 5.5.1 need MAIL before RCPT\r\n"));
        QCOMPARE(h.command("EHLO client.example"), ehloReply("mx.example.com", { "AUTH PLAIN LOGIN" }));
        QCOMPARE(h.command("STARTTLS"), QByteArray("503 5.5.1 TLS is already active\r\n"));
    }

    void startTlsForgetsAuthentication()
    {
        QVERIFY(f->setSetting(QStringLiteral("submission.requireTlsForAuth"), false));
        Harness h(*f, Protocol::Submission);
        QVERIFY(h.ehlo());
        QVERIFY(h.login());
        QCOMPARE(h.session->user(), alice);
        QVERIFY(h.command("STARTTLS").startsWith("220 "));
        h.completeTls();
        QCOMPARE(h.session->user(), QString());
        QVERIFY(h.ehlo());
        QCOMPARE(h.command("MAIL FROM:<alice@example.com>"), QByteArray("530 5.7.0 authentication required\r\n"));
    }

    void startTlsRefusals()
    {
        Harness h(*f, Protocol::Smtp);
        QVERIFY(h.ehlo());
        QCOMPARE(h.command("STARTTLS now"), QByteArray("501 5.5.4 STARTTLS takes no arguments\r\n"));
        QVERIFY(h.command("MAIL FROM:<a@elsewhere.example>").startsWith("250"));
        QCOMPARE(h.command("STARTTLS"),
            QByteArray("503 5.5.1 STARTTLS is not allowed during a mail transaction; send RSET first\r\n"));
        QVERIFY(h.command("RSET").startsWith("250"));
        f->tls.configuration.reset();
        QCOMPARE(h.command("STARTTLS"), QByteArray("454 4.7.0 TLS not available right now; try again later\r\n"));
        QVERIFY(h.logText().contains(QStringLiteral("STARTTLS refused: no certificate is assigned")));
        QCOMPARE(h.transport.tlsStarts, 0);
    }

    void failedHandshakeCloses()
    {
        Harness h(*f, Protocol::Smtp);
        QVERIFY(h.command("STARTTLS").startsWith("220 "));
        h.session->tlsFinished(false);
        QVERIFY(h.transport.closed);
        QCOMPARE(h.transport.closeReason, QStringLiteral("TLS handshake failed"));
    }

    void authPlainWithInitialResponse()
    {
        Harness h(*f, Protocol::Submission, true);
        QVERIFY(h.ehlo());
        QCOMPARE(h.command("AUTH PLAIN " + plainResponse(alice, password)),
            QByteArray("235 2.7.0 authentication successful\r\n"));
        QCOMPARE(h.session->user(), alice);
        QCOMPARE(h.command("AUTH PLAIN " + plainResponse(alice, password)),
            QByteArray("503 5.5.1 already authenticated\r\n"));
    }

    void authPlainWithContinuation()
    {
        Harness h(*f, Protocol::Submission, true);
        QVERIFY(h.ehlo());
        QCOMPARE(h.command("AUTH PLAIN"), QByteArray("334 \r\n"));
        QCOMPARE(h.command(plainResponse(bob, password)), QByteArray("235 2.7.0 authentication successful\r\n"));
        QCOMPARE(h.session->user(), bob);
    }

    void authLogin()
    {
        Harness h(*f, Protocol::Submission, true);
        QVERIFY(h.ehlo());
        QCOMPARE(h.command("AUTH LOGIN"), QByteArray("334 VXNlcm5hbWU6\r\n"));
        QCOMPARE(h.command(alice.toUtf8().toBase64()), QByteArray("334 UGFzc3dvcmQ6\r\n"));
        QCOMPARE(h.command(password.toUtf8().toBase64()), QByteArray("235 2.7.0 authentication successful\r\n"));
        Harness ir(*f, Protocol::Submission, true);
        QVERIFY(ir.ehlo());
        QCOMPARE(ir.command("AUTH LOGIN " + bob.toUtf8().toBase64()), QByteArray("334 UGFzc3dvcmQ6\r\n"));
        QCOMPARE(ir.command(password.toUtf8().toBase64()), QByteArray("235 2.7.0 authentication successful\r\n"));
        QCOMPARE(ir.session->user(), bob);
    }

    void authCancelAndBadInput()
    {
        QVERIFY(f->setSetting(QStringLiteral("submission.maxProtocolErrors"), 100));
        Harness h(*f, Protocol::Submission, true);
        QCOMPARE(
            h.command("AUTH PLAIN " + plainResponse(alice, password)), QByteArray("503 5.5.1 send EHLO first\r\n"));
        QVERIFY(h.ehlo());
        QCOMPARE(h.command("AUTH LOGIN"), QByteArray("334 VXNlcm5hbWU6\r\n"));
        QCOMPARE(h.command("*"), QByteArray("501 5.0.0 authentication cancelled\r\n"));
        QVERIFY(h.command("AUTH PLAIN !!!!").startsWith("501 5.5.2 cannot decode the AUTH response"));
        QCOMPARE(h.command("AUTH CRAM-MD5"),
            QByteArray("504 5.5.4 unrecognized authentication mechanism; use PLAIN or LOGIN\r\n"));
        QCOMPARE(h.command("AUTH ANONYMOUS"),
            QByteArray("504 5.5.4 unrecognized authentication mechanism; use PLAIN or LOGIN\r\n"));
        QCOMPARE(h.command("AUTH"), QByteArray("501 5.5.4 syntax: AUTH mechanism [initial-response]\r\n"));
        QCOMPARE(h.session->user(), QString());
    }

    void authFailures()
    {
        Harness h(*f, Protocol::Submission, true);
        QVERIFY(h.ehlo());
        const QByteArray invalid = "535 5.7.8 authentication credentials invalid\r\n";
        QCOMPARE(h.command("AUTH PLAIN " + plainResponse(alice, QStringLiteral("wrong"))), invalid);
        QCOMPARE(h.command("AUTH PLAIN " + plainResponse(QStringLiteral("nobody@example.com"), password)), invalid);
        QCOMPARE(h.command("AUTH PLAIN " + plainResponse(QStringLiteral("anonymous"), QStringLiteral("x"))),
            QByteArray("535 5.7.8 anonymous logins are not allowed; log in with your own mailbox address\r\n"));
        MailboxChanges noSubmission;
        noSubmission.protocols = ProtocolSet { Protocol::Smtp, Protocol::Imap };
        QVERIFY(f->accounts->updateMailbox(bob, noSubmission).ok());
        QCOMPARE(h.command("AUTH PLAIN " + plainResponse(bob, password)),
            QByteArray("535 5.7.8 sending mail is not enabled for this mailbox here; ask your administrator\r\n"));
        QVERIFY(h.logText().contains(QStringLiteral("login failed (bad-credentials)")));
        QVERIFY(!h.transport.closed);
        QCOMPARE(h.session->user(), QString());
    }

    void authFailuresEndInABan()
    {
        QVERIFY(f->setSetting(QStringLiteral("submission.maxProtocolErrors"), 100));
        Harness h(*f, Protocol::Submission, true);
        QVERIFY(h.ehlo());
        QByteArray last;
        for (int i = 0; i < 12 && !h.transport.closed; ++i)
            last = h.command("AUTH PLAIN " + plainResponse(alice, QStringLiteral("guess%1").arg(i)));
        QVERIFY2(last.startsWith("421 4.7.0 smtp.example.com too many failed logins; try again in "), last.constData());
        QVERIFY(h.transport.closed);
        // The ban holds for the right password too, from a new connection.
        Harness again(*f, Protocol::Submission, true);
        QVERIFY(again.ehlo());
        QVERIFY(again.command("AUTH PLAIN " + plainResponse(alice, password)).startsWith("421 4.7.0"));
    }

    void authNeedsTlsWhereRequired()
    {
        Harness sub(*f, Protocol::Submission);
        QVERIFY(sub.ehlo());
        const QByteArray refusal
            = "538 5.7.11 encryption required for requested authentication mechanism; send STARTTLS first\r\n";
        QCOMPARE(sub.command("AUTH PLAIN " + plainResponse(alice, password)), refusal);
        Harness mx(*f, Protocol::Smtp);
        QVERIFY(mx.ehlo());
        QCOMPARE(mx.command("AUTH LOGIN"), refusal);
        QVERIFY(mx.command("STARTTLS").startsWith("220"));
        mx.completeTls();
        QVERIFY(mx.ehlo());
        QVERIFY(mx.login());
        QVERIFY(f->setSetting(QStringLiteral("submission.requireTlsForAuth"), false));
        Harness clear(*f, Protocol::Submission);
        QVERIFY(clear.ehlo());
        QVERIFY(clear.login(bob));
    }

    void protocolLogHasNoSecrets()
    {
        Harness h(*f, Protocol::Submission, true);
        QVERIFY(h.ehlo());
        QVERIFY(h.login());
        Harness login(*f, Protocol::Submission, true);
        QVERIFY(login.ehlo());
        login.command("AUTH LOGIN " + bob.toUtf8().toBase64());
        login.command(password.toUtf8().toBase64());
        Harness plain(*f, Protocol::Submission, true);
        QVERIFY(plain.ehlo());
        plain.command("AUTH PLAIN");
        plain.command(plainResponse(alice, QStringLiteral("wrong password")));
        const QString all = h.logText() + login.logText() + plain.logText();
        QVERIFY2(all.contains(QStringLiteral("< AUTH PLAIN ********")), qPrintable(all));
        QVERIFY(all.contains(QStringLiteral("authenticated as alice@example.com")));
        QVERIFY(!all.contains(password));
        QVERIFY(!all.contains(QString::fromLatin1(password.toUtf8().toBase64())));
        QVERIFY(!all.contains(QString::fromLatin1(plainResponse(alice, password))));
        QVERIFY(!all.contains(QString::fromLatin1(bob.toUtf8().toBase64())));
        QVERIFY(!all.contains(QString::fromLatin1(plainResponse(alice, QStringLiteral("wrong password")))));
    }

    void vrfyExpnHelpNoop()
    {
        Harness h(*f, Protocol::Smtp);
        const QByteArray vrfy = "252 2.5.0 cannot VRFY user, but will accept message and attempt delivery\r\n";
        QCOMPARE(h.command("VRFY alice@example.com"), vrfy);
        QCOMPARE(h.command("VRFY nobody@example.com"), vrfy);
        QCOMPARE(h.command("VRFY"), QByteArray("501 5.5.4 VRFY needs an address\r\n"));
        QCOMPARE(h.command("EXPN sales@example.com"), QByteArray("502 5.5.1 EXPN is not supported\r\n"));
        QVERIFY(h.command("HELP").startsWith("214 2.0.0 commands: EHLO"));
        QCOMPARE(h.command("NOOP"), QByteArray("250 2.0.0 OK\r\n"));
        QCOMPARE(h.command("noop anything"), QByteArray("250 2.0.0 OK\r\n"));
        QCOMPARE(h.command("RSET x"), QByteArray("501 5.5.4 RSET takes no arguments\r\n"));
        QCOMPARE(h.command("QUIT"), QByteArray("221 2.0.0 mx.example.com closing connection\r\n"));
        QVERIFY(h.transport.closed);
        QCOMPARE(h.command("NOOP"), QByteArray());
    }

    void protocolErrorsDisconnect()
    {
        QVERIFY(f->setSetting(QStringLiteral("smtp.maxProtocolErrors"), 3));
        Harness h(*f, Protocol::Smtp);
        QCOMPARE(h.send("FOO\r\n\r\n"),
            QByteArray("500 5.5.1 command not recognized: FOO; HELP lists the commands\r\n"
                       "500 5.5.1 empty command line\r\n"));
        QVERIFY(!h.transport.closed);
        QCOMPARE(h.send("\x01\x02\r\nNOOP\r\n"),
            QByteArray("500 5.5.1 not an SMTP command (a command starts with an ASCII keyword such as EHLO or MAIL)\r\n"
                       "421 4.7.0 mx.example.com too many errors; closing the connection\r\n"));
        QVERIFY(h.transport.closed);
        QVERIFY(h.logText().contains(QStringLiteral("closing: 3 protocol errors")));
    }

    void commandLineTooLong()
    {
        QVERIFY(f->setSetting(QStringLiteral("smtp.maxCommandLength"), 512));
        Harness h(*f, Protocol::Smtp);
        QCOMPARE(h.send("NOOP " + QByteArray(600, 'x') + "\r\nNOOP\r\n"),
            QByteArray("500 5.5.2 line too long (more than 512 bytes)\r\n250 2.0.0 OK\r\n"));
        QVERIFY(h.command("EHLO " + QByteArray(500, 'a')).startsWith("250-"));
    }

    void bareLfCommandsAreAcceptedAndNoted()
    {
        Harness h(*f, Protocol::Smtp);
        QCOMPARE(h.send("NOOP\nNOOP\n"), QByteArray("250 2.0.0 OK\r\n250 2.0.0 OK\r\n"));
        QCOMPARE(h.logText().count(QStringLiteral("bare LF instead of CRLF")), 1);
    }

    void idleTimeout()
    {
        QVERIFY(f->setSetting(QStringLiteral("smtp.timeoutSecs"), 45));
        Harness h(*f, Protocol::Smtp);
        QCOMPARE(h.session->idleTimeoutMs(), 45000);
        QVERIFY(h.ehlo());
        QVERIFY(h.command("MAIL FROM:<a@elsewhere.example>").startsWith("250"));
        QVERIFY(h.command("RCPT TO:<alice@example.com>").startsWith("250"));
        QVERIFY(h.command("DATA").startsWith("354"));
        h.send("Subject: slow\r\n");
        h.session->idleTimeout();
        QCOMPARE(h.transport.take(),
            QByteArray("421 4.4.2 mx.example.com timeout: nothing received for 45 seconds; closing\r\n"));
        QVERIFY(h.transport.closed);
        QCOMPARE(h.transport.closeReason, QStringLiteral("idle timeout"));
        QCOMPARE(f->intake.messages.size(), size_t(0));
        QCOMPARE(f->intake.aborted, 1);
        QCOMPARE(f->intake.open, 0);
    }

    void tarpitDelaysFailedReplies()
    {
        QVERIFY(f->setSetting(QStringLiteral("smtp.tarpitSecs"), 1));
        Harness h(*f, Protocol::Smtp);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(h.send("FOO\r\nNOOP\r\n"), QByteArray()); // pipelined NOOP waits its turn
        QVERIFY(h.session->isBusy());
        QVERIFY(h.waitIdle());
        QVERIFY(timer.elapsed() >= 900);
        QCOMPARE(h.transport.take(),
            QByteArray("500 5.5.1 command not recognized: FOO; HELP lists the commands\r\n250 2.0.0 OK\r\n"));
        QVERIFY(h.transport.inputWants > 0);
        // Successful commands are not delayed.
        timer.restart();
        QCOMPARE(h.command("NOOP"), QByteArray("250 2.0.0 OK\r\n"));
        QVERIFY(timer.elapsed() < 500);
    }

    void shutdownSays421()
    {
        Harness h(*f, Protocol::Submission);
        h.session->shutdown(QStringLiteral("the server is shutting down; try again later"));
        QCOMPARE(h.transport.take(),
            QByteArray("421 4.3.2 smtp.example.com the server is shutting down; try again later\r\n"));
        QVERIFY(h.transport.closed);
    }
};

QTEST_GUILESS_MAIN(TestSmtpSession)
#include "TestSmtpSession.moc"
