// A POP3 session driven without sockets: greeting, CAPA per login type and TLS state,
// USER/PASS, SASL, refusals, STLS injection, errors and timeouts.

#include "log/ProtocolLog.h"

#include <QElapsedTimer>

#include "Pop3TestFixture.h"

using namespace tegami;
using namespace tegami::pop3test;

namespace {

QByteArray capa(Harness& h)
{
    return h.command("CAPA");
}

QByteArray capaBlock(const QList<QByteArray>& lines)
{
    QByteArray out = "+OK capability list follows\r\n";
    for (const QByteArray& l : lines)
        out += l + "\r\n";
    return out + ".\r\n";
}

} // namespace

class TestPop3Session : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<Pop3Fixture> f;

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<Pop3Fixture>();
        QVERIFY(f->open());
    }
    void cleanup() { f.reset(); }

    void greeting()
    {
        QVERIFY(f->setSetting(QStringLiteral("pop3.fqdn"), QStringLiteral("pop.example.com")));
        Harness h(*f);
        QCOMPARE(h.greeting, QByteArray("+OK pop.example.com Tegami POP3 server ready\r\n"));
        QCOMPARE(h.session->state(), Pop3Session::State::Authorization);
    }

    void capaPerLoginTypeAndTls_data()
    {
        QTest::addColumn<QString>("loginType");
        QTest::addColumn<bool>("implicitTls");
        QTest::addColumn<bool>("tlsAvailable");
        QTest::addColumn<QByteArray>("expected");
        const QList<QByteArray> base = { "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING" };
        const QList<QByteArray> login = { "USER", "SASL PLAIN LOGIN" };
        const QByteArray impl = "IMPLEMENTATION Tegami";
        for (const char* type : { "secureLogin", "plainTextAuthentication" }) {
            QTest::addRow("%s plain", type)
                << QString::fromLatin1(type) << false << true << capaBlock(base + QList<QByteArray> { "STLS", impl });
            QTest::addRow("%s plain without certificate", type)
                << QString::fromLatin1(type) << false << false << capaBlock(base + QList<QByteArray> { impl });
            QTest::addRow("%s implicit TLS", type)
                << QString::fromLatin1(type) << true << true << capaBlock(base + login + QList<QByteArray> { impl });
        }
        QTest::newRow("plainTextLogin plain")
            << QStringLiteral("plainTextLogin") << false << true
            << capaBlock(base + QList<QByteArray> { "STLS" } + login + QList<QByteArray> { impl });
        QTest::newRow("plainTextLogin implicit TLS")
            << QStringLiteral("plainTextLogin") << true << true << capaBlock(base + login + QList<QByteArray> { impl });
    }

    void capaPerLoginTypeAndTls()
    {
        QFETCH(QString, loginType);
        QFETCH(bool, implicitTls);
        QFETCH(bool, tlsAvailable);
        QFETCH(QByteArray, expected);
        QVERIFY(f->setSetting(QStringLiteral("pop3.loginType"), loginType));
        if (!tlsAvailable)
            f->tls.configuration.reset();
        Harness h(*f, implicitTls);
        QCOMPARE(capa(h), expected);
    }

    void capaAfterLoginShowsExpire_data()
    {
        QTest::addColumn<int>("after");
        QTest::addColumn<QByteArray>("expire");
        QTest::newRow("keep") << int(PopAfterRetrieval::Keep) << QByteArray("EXPIRE NEVER");
        QTest::newRow("read") << int(PopAfterRetrieval::MarkRead) << QByteArray("EXPIRE NEVER");
        QTest::newRow("archive") << int(PopAfterRetrieval::Archive) << QByteArray("EXPIRE 0");
        QTest::newRow("delete") << int(PopAfterRetrieval::Delete) << QByteArray("EXPIRE 0");
    }

    void capaAfterLoginShowsExpire()
    {
        QFETCH(int, after);
        QFETCH(QByteArray, expire);
        QVERIFY(f->setPolicy(alice, PopScope::AllMail, static_cast<PopAfterRetrieval>(after)));
        Harness h(*f, true);
        QVERIFY(!capa(h).contains("EXPIRE"));
        QVERIFY(h.login());
        QCOMPARE(capa(h),
            capaBlock({ "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "USER", "SASL PLAIN LOGIN", expire,
                "IMPLEMENTATION Tegami" }));
    }

    void secureLoginRefusesPasswordsWithoutTls_data()
    {
        QTest::addColumn<QString>("loginType");
        QTest::newRow("secureLogin") << QStringLiteral("secureLogin");
        QTest::newRow("plainTextAuthentication") << QStringLiteral("plainTextAuthentication");
    }

    void secureLoginRefusesPasswordsWithoutTls()
    {
        QFETCH(QString, loginType);
        QVERIFY(f->setSetting(QStringLiteral("pop3.loginType"), loginType));
        Harness h(*f);
        const QByteArray refusal = "-ERR [AUTH] this server accepts passwords only over TLS: send STLS first, or "
                                   "connect with POP3 over SSL/TLS (usually port 995)\r\n";
        QCOMPARE(h.command("USER alice@example.com"), refusal);
        QCOMPARE(h.command("PASS " + password.toUtf8()), refusal);
        QCOMPARE(h.command("AUTH PLAIN " + plainResponse(alice, password)), refusal);
        QCOMPARE(h.command("AUTH LOGIN"), refusal);
        QCOMPARE(h.command("AUTH"), QByteArray("+OK SASL mechanisms follow\r\n.\r\n"));
        QCOMPARE(h.session->state(), Pop3Session::State::Authorization);

        f->tls.configuration.reset();
        QVERIFY(h.command("USER alice@example.com")
                    .startsWith("-ERR [AUTH] this server accepts passwords only over "
                                "TLS, but TLS is not available right now"));
    }

    void userPassLogsIn()
    {
        const quint32 uid1 = f->deliver(alice, "Subject: one\r\n\r\nHello\r\n");
        QVERIFY(uid1);
        QVERIFY(f->deliver(alice, "Subject: two\r\n\r\nWorld!\r\n"));
        Harness h(*f, true);
        QCOMPARE(h.command("USER alice@example.com"), QByteArray("+OK send your password with PASS\r\n"));
        QCOMPARE(h.command("PASS " + password.toUtf8()), QByteArray("+OK maildrop has 2 messages (47 octets)\r\n"));
        QCOMPARE(h.session->state(), Pop3Session::State::Transaction);
        QCOMPARE(h.session->user(), alice);
        QCOMPARE(f->logins, QList<QStringList>({ { QStringLiteral("192.0.2.7"), alice } }));
        QVERIFY(f->locks.isLocked(alice));
    }

    void plainTextLoginAllowsUserWithoutTls()
    {
        QVERIFY(f->setSetting(QStringLiteral("pop3.loginType"), QStringLiteral("plainTextLogin")));
        Harness h(*f);
        QVERIFY(h.login());
    }

    void passWithoutUser()
    {
        Harness h(*f, true);
        QCOMPARE(h.command("PASS x"), QByteArray("-ERR send USER with your mailbox address first\r\n"));
        QCOMPARE(h.command("USER"),
            QByteArray("-ERR USER needs your mailbox address, for example USER "
                       "alice@example.com\r\n"));
    }

    void authPlainWithAndWithoutInitialResponse()
    {
        {
            Harness h(*f, true);
            QCOMPARE(h.command("AUTH PLAIN " + plainResponse(alice, password)),
                QByteArray("+OK maildrop has 0 messages (0 octets)\r\n"));
            QCOMPARE(h.session->state(), Pop3Session::State::Transaction);
        }
        QVERIFY(!f->locks.isLocked(alice)); // released with the session
        Harness h(*f, true);
        QCOMPARE(h.command("AUTH PLAIN"), QByteArray("+ \r\n"));
        // A continuation may be longer than a command line and is not taken as a command.
        QCOMPARE(
            h.command(plainResponse(alice, password, alice)), QByteArray("+OK maildrop has 0 messages (0 octets)\r\n"));
    }

    void authLogin()
    {
        Harness h(*f, true);
        QCOMPARE(h.command("AUTH LOGIN"), QByteArray("+ VXNlcm5hbWU6\r\n"));
        QCOMPARE(h.command(alice.toUtf8().toBase64()), QByteArray("+ UGFzc3dvcmQ6\r\n"));
        QCOMPARE(h.command(password.toUtf8().toBase64()), QByteArray("+OK maildrop has 0 messages (0 octets)\r\n"));
        Harness other(*f, true);
        QCOMPARE(other.command("AUTH LOGIN " + bob.toUtf8().toBase64()), QByteArray("+ UGFzc3dvcmQ6\r\n"));
        QVERIFY(other.command(password.toUtf8().toBase64()).startsWith("+OK"));
    }

    void authCancelAndErrors()
    {
        Harness h(*f, true);
        QCOMPARE(h.command("AUTH PLAIN"), QByteArray("+ \r\n"));
        QCOMPARE(h.command("*"), QByteArray("-ERR authentication cancelled\r\n"));
        QCOMPARE(h.command("AUTH LOGIN"), QByteArray("+ VXNlcm5hbWU6\r\n"));
        QCOMPARE(h.command("not base64!"), QByteArray("-ERR the LOGIN response is not valid base64\r\n"));
        QCOMPARE(h.command("AUTH CRAM-MD5"), QByteArray("-ERR unsupported SASL mechanism; use PLAIN or LOGIN\r\n"));
        QCOMPARE(h.command("AUTH"), QByteArray("+OK SASL mechanisms follow\r\nPLAIN\r\nLOGIN\r\n.\r\n"));
        QCOMPARE(h.command("APOP alice@example.com 0123456789abcdef"),
            QByteArray("-ERR APOP is not supported: passwords are stored hashed, so the server cannot check an APOP "
                       "digest; use USER and PASS or AUTH over TLS\r\n"));
        QCOMPARE(h.session->state(), Pop3Session::State::Authorization);
        QVERIFY(h.login()); // still usable after all that
    }

    void unknownUserAndWrongPasswordLookTheSame()
    {
        Harness h(*f, true);
        h.command("USER nobody@example.com");
        const QByteArray unknown = h.command("PASS " + password.toUtf8());
        h.command("USER alice@example.com");
        const QByteArray wrong = h.command("PASS wrong password");
        QCOMPARE(unknown, QByteArray("-ERR [AUTH] Authentication failed\r\n"));
        QCOMPARE(wrong, unknown);
        QCOMPARE(h.command("AUTH PLAIN " + plainResponse(QStringLiteral("nobody@example.com"), password)), unknown);
        QCOMPARE(h.command("AUTH PLAIN " + plainResponse(alice, QStringLiteral("nope"))), unknown);
        QCOMPARE(h.session->state(), Pop3Session::State::Authorization);
    }

    void refusedAccounts()
    {
        Harness h(*f, true);
        h.command("USER anonymous");
        QCOMPARE(h.command("PASS guest@"),
            QByteArray("-ERR [AUTH] anonymous and guest logins are not allowed; log in "
                       "with your own mailbox address\r\n"));
        h.command("USER admin@example.com");
        QCOMPARE(h.command("PASS " + password.toUtf8()),
            QByteArray("-ERR [AUTH] administrator accounts cannot read mail over POP3; use a personal mailbox\r\n"));

        MailboxChanges noPop;
        noPop.protocols = ProtocolSet { Protocol::Imap };
        POP3_VERIFY_OK(f->accounts->updateMailbox(bob, noPop));
        QCOMPARE(h.command("AUTH PLAIN " + plainResponse(bob, password)),
            QByteArray("-ERR [AUTH] POP3 is not enabled for this mailbox; ask your administrator\r\n"));
        MailboxChanges disabled;
        disabled.enabled = false;
        POP3_VERIFY_OK(f->accounts->updateMailbox(alice, disabled));
        QCOMPARE(h.command("AUTH PLAIN " + plainResponse(alice, password)),
            QByteArray("-ERR [AUTH] this mailbox is disabled; ask your administrator\r\n"));
        QVERIFY(f->logins.isEmpty());
    }

    void bannedAfterRepeatedFailures()
    {
        Harness h(*f, true);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(h.command("AUTH PLAIN " + plainResponse(alice, QStringLiteral("wrong"))),
                QByteArray("-ERR [AUTH] Authentication failed\r\n"));
        const QByteArray banned = h.command("AUTH PLAIN " + plainResponse(alice, password));
        QVERIFY2(banned.startsWith("-ERR [AUTH] too many failed logins; try again in "), banned.constData());
    }

    void failedLoginIsAnsweredLaterAndInputWaits()
    {
        Harness h(*f, true, 200);
        QElapsedTimer timer;
        timer.start();
        // Pipelined: the NOOP-like CAPA must come after the delayed failure, in order.
        QCOMPARE(h.send("USER alice@example.com\r\nPASS wrong\r\nUSER alice@example.com\r\n"),
            QByteArray("+OK send your password with PASS\r\n"));
        QVERIFY(h.session->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!h.transport.output.isEmpty(), 3000);
        QVERIFY(timer.elapsed() >= 150);
        QCOMPARE(h.transport.take(),
            QByteArray("-ERR [AUTH] Authentication failed\r\n+OK send your password with PASS\r\n"));
        QVERIFY(!h.session->isBusy());
        QVERIFY(h.transport.inputWants > 0);
    }

    void wrongStateAndUnknownCommands()
    {
        Harness h(*f, true);
        QCOMPARE(h.command("STAT"), QByteArray("-ERR log in first (USER and PASS, or AUTH)\r\n"));
        QCOMPARE(h.command("NOOP"), QByteArray("-ERR log in first (USER and PASS, or AUTH)\r\n"));
        QCOMPARE(h.command("XYZZY"), QByteArray("-ERR unknown command; CAPA lists what this server supports\r\n"));
        QVERIFY(h.login());
        QCOMPARE(h.command("USER bob@example.com"),
            QByteArray("-ERR not allowed after login; you are already logged in\r\n"));
        QCOMPARE(h.command("STLS"), QByteArray("-ERR not allowed after login; you are already logged in\r\n"));
        QCOMPARE(h.command("noop"), QByteArray("+OK\r\n"));
    }

    void stlsDiscardsPipelinedInputAndStartsOver()
    {
        Harness h(*f);
        // Everything after STLS in the same packet is an injection attempt: never executed.
        QCOMPARE(h.send("CAPA\r\nSTLS\r\nUSER alice@example.com\r\nPASS x\r\n").right(34),
            QByteArray("STLS\r\nIMPLEMENTATION Tegami\r\n.\r\n+OK Begin TLS negotiation\r\n").right(34));
        QCOMPARE(h.transport.tlsStarts, 1);
        QVERIFY(h.session->isBusy());
        // What arrives during the handshake (over TLS, with a real socket) waits for its end.
        QCOMPARE(h.send("CAPA\r\n"), QByteArray());
        h.session->tlsFinished(true);
        QVERIFY(h.session->tlsActive());
        QVERIFY(h.transport.take().contains("USER\r\nSASL PLAIN LOGIN\r\n"));
        QVERIFY(!h.transport.closed);
        QVERIFY(h.command("CAPA").contains("USER\r\nSASL PLAIN LOGIN\r\n"));
        QVERIFY(!h.command("CAPA").contains("STLS"));
        QCOMPARE(h.command("STLS"), QByteArray("-ERR TLS is already active\r\n"));
        // USER from before the upgrade is forgotten.
        QCOMPARE(
            h.command("PASS " + password.toUtf8()), QByteArray("-ERR send USER with your mailbox address first\r\n"));
        QVERIFY(h.login());
    }

    void stlsWithoutCertificateOrFailedHandshake()
    {
        f->tls.configuration.reset();
        Harness h(*f);
        QCOMPARE(h.command("STLS"),
            QByteArray("-ERR TLS is not available on this server right now; ask your "
                       "administrator\r\n"));
        f->tls.configuration = QSslConfiguration::defaultConfiguration();
        QCOMPARE(h.command("STLS"), QByteArray("+OK Begin TLS negotiation\r\n"));
        h.session->tlsFinished(false);
        QVERIFY(h.transport.closed);
        QCOMPARE(h.transport.closeReason, QStringLiteral("TLS handshake failed"));
        QCOMPARE(h.session->state(), Pop3Session::State::Closed);
    }

    void lineTooLongCloses()
    {
        QVERIFY(f->setSetting(QStringLiteral("pop3.maxCommandSize"), 40));
        Harness h(*f, true);
        QCOMPARE(h.command("USER " + QByteArray(35, 'a')), QByteArray("+OK send your password with PASS\r\n"));
        QCOMPARE(h.command("USER " + QByteArray(36, 'a')), QByteArray("-ERR line too long (more than 40 bytes)\r\n"));
        QVERIFY(h.transport.closed);
        QCOMPARE(h.transport.closeReason, QStringLiteral("line too long"));
        QCOMPARE(h.send("NOOP\r\n"), QByteArray());
    }

    void tenErrorsInARowClose()
    {
        Harness h(*f, true);
        for (int i = 0; i < 9; ++i)
            h.send("\x01\x02garbage\r\n");
        QVERIFY(!h.transport.closed);
        QVERIFY(h.command("CAPA").startsWith("+OK")); // a good command resets the count
        for (int i = 0; i < 9; ++i)
            QVERIFY(h.command("BOGUS").startsWith("-ERR"));
        QVERIFY(!h.transport.closed);
        QVERIFY(h.send("\xff\xfe\r\n").startsWith("-ERR not a POP3 command"));
        QVERIFY(h.transport.closed);
        QCOMPARE(h.transport.closeReason, QStringLiteral("too many errors"));
    }

    void quitInAuthorization()
    {
        Harness h(*f);
        QCOMPARE(h.command("QUIT"), QByteArray("+OK Tegami POP3 server signing off\r\n"));
        QVERIFY(h.transport.closed);
    }

    void idleTimeoutsDependOnTheState()
    {
        QVERIFY(f->setSetting(QStringLiteral("pop3.timeoutSecs"), 45));
        QVERIFY(f->setSetting(QStringLiteral("pop3.authenticatedTimeoutSecs"), 600));
        Harness h(*f, true);
        QCOMPARE(h.session->idleTimeoutMs(), 45000);
        QVERIFY(h.login());
        QCOMPARE(h.session->idleTimeoutMs(), 600000);
        h.session->idleTimeout();
        QCOMPARE(h.transport.take(), QByteArray("-ERR disconnected after 600 seconds of inactivity\r\n"));
        QVERIFY(h.transport.closed);
        QCOMPARE(h.transport.closeReason, QStringLiteral("idle timeout"));
        QVERIFY(!f->locks.isLocked(alice));
    }

    void protocolLogHasNoPassword()
    {
        QTemporaryDir logDir;
        ProtocolLog plog(logDir.path(), {}, f->clock);
        POP3_VERIFY_OK(plog.start());
        auto run = [&](const QByteArray& input) {
            LogSession log(Protocol::Pop3, QStringLiteral("127.0.0.1:995"), QStringLiteral("192.0.2.7:1"), &plog, true);
            RecordingTransport transport;
            Pop3SessionOptions options;
            options.tlsActive = true;
            Pop3Session s(*f->deps, f->locks, log, transport, options);
            s.start();
            s.receive(input);
            QDeadlineTimer deadline(10000);
            while (s.loginPending() && !deadline.hasExpired())
                QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            return transport.output;
        };
        QVERIFY(run("USER alice@example.com\r\nPASS " + password.toUtf8() + "\r\nQUIT\r\n").contains("+OK maildrop"));
        QVERIFY(run("AUTH PLAIN " + plainResponse(bob, password) + "\r\nQUIT\r\n").contains("+OK maildrop"));
        QVERIFY(run("AUTH LOGIN\r\n" + bob.toUtf8().toBase64() + "\r\n" + password.toUtf8().toBase64() + "\r\n")
                    .contains("+OK maildrop"));
        QVERIFY(plog.flush());
        Result<QList<LogEvent>> events = plog.recent(1000);
        POP3_VERIFY_OK(events);
        QString all;
        for (const LogEvent& e : *events)
            all += e.data + QLatin1Char('\n');
        plog.stop();
        QVERIFY2(all.contains(QStringLiteral("USER alice@example.com")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("maildrop has 0 messages")), qPrintable(all));
        QVERIFY(!all.contains(password));
        QVERIFY(!all.contains(QString::fromLatin1(password.toUtf8().toBase64())));
        QVERIFY(!all.contains(QString::fromLatin1(plainResponse(bob, password))));
        QVERIFY(!all.contains(QString::fromLatin1(bob.toUtf8().toBase64())));
    }
};

QTEST_GUILESS_MAIN(TestPop3Session)
#include "TestPop3Session.moc"
