// IMAP sessions before and around login: greeting and CAPABILITY, LOGINDISABLED until TLS,
// STARTTLS (and the injection it must resist), LOGIN and AUTHENTICATE (PLAIN, LOGIN,
// SASL-IR), refused accounts, per-user limits, timeouts, and bad input that must not cost
// the connection.

#include "log/ProtocolLog.h"
#include "log/Redactor.h"

#include "ImapSessionFixture.h"

using namespace tegami;
using namespace tegami::imaptest;

class TestImapSession : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ImapFixture> f;

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<ImapFixture>();
        QVERIFY(f->open());
    }
    void cleanup() { f.reset(); }

    void greetingCarriesCapabilities()
    {
        ImapHarness h(*f, false);
        QVERIFY(h.greeting.startsWith("* OK [CAPABILITY IMAP4rev1 "));
        QVERIFY(h.greeting.endsWith(" Tegami IMAP4rev1 server ready\r\n"));
        IMAP_CONTAINS(h.greeting, " STARTTLS");
        IMAP_CONTAINS(h.greeting, " LOGINDISABLED");
        QVERIFY(!h.greeting.contains("AUTH=PLAIN"));
        const QByteArray caps = h.command("a CAPABILITY");
        for (const char* cap : { "IDLE", "LITERAL+", "UIDPLUS", "MOVE", "NAMESPACE", "ID", "ENABLE", "UNSELECT",
                 "CHILDREN", "SPECIAL-USE", "SASL-IR", "CONDSTORE", "QUOTA" })
            IMAP_CONTAINS(caps, " " + QByteArray(cap));
        QVERIFY(caps.endsWith("a OK CAPABILITY completed\r\n"));
    }

    void loginDisabledUntilTls()
    {
        ImapHarness h(*f, false);
        const QByteArray login = h.command("a LOGIN alice@example.com \"" + password.toUtf8() + "\"");
        QVERIFY2(login.startsWith("a NO [PRIVACYREQUIRED] "), login.constData());
        QVERIFY(
            h.command("b AUTHENTICATE PLAIN " + plainResponse(alice, password)).startsWith("b NO [PRIVACYREQUIRED]"));
        QCOMPARE(h.session->state(), ImapSession::State::NotAuthenticated);
        // plainTextLogin allows passwords without TLS.
        QVERIFY(f->setSetting(QStringLiteral("imap.loginType"), QStringLiteral("plainTextLogin")));
        const QByteArray caps = h.command("c CAPABILITY");
        IMAP_CONTAINS(caps, "AUTH=PLAIN AUTH=LOGIN");
        QVERIFY(!caps.contains("LOGINDISABLED"));
        QVERIFY(h.login());
    }

    void implicitTlsOffersLoginButNotStartTls()
    {
        ImapHarness h(*f, true);
        QVERIFY(!h.greeting.contains("STARTTLS"));
        IMAP_CONTAINS(h.greeting, "AUTH=PLAIN AUTH=LOGIN");
        QVERIFY(h.command("a STARTTLS").startsWith("a BAD "));
    }

    void startTlsDiscardsPipelinedCommands()
    {
        ImapHarness h(*f, false);
        const QByteArray out = h.send("a STARTTLS\r\nb LOGIN alice@example.com \"" + password.toUtf8() + "\"\r\n");
        IMAP_COMPARE(out, "a OK Begin TLS negotiation now\r\n");
        QCOMPARE(h.transport.tlsStarts, 1);
        QVERIFY(h.session->isBusy());
        h.session->tlsFinished(true);
        QVERIFY(h.session->tlsActive());
        // The injected LOGIN was never run: still not authenticated, nothing was answered.
        QCOMPARE(h.session->state(), ImapSession::State::NotAuthenticated);
        QVERIFY(h.transport.take().isEmpty());
        const QByteArray caps = h.command("c CAPABILITY");
        QVERIFY(!caps.contains("STARTTLS") && caps.contains("AUTH=PLAIN") && !caps.contains("LOGINDISABLED"));
        QVERIFY(h.login());
    }

    void startTlsUnavailable()
    {
        f->tls.configuration.reset();
        ImapHarness h(*f, false);
        QVERIFY(!h.greeting.contains("STARTTLS"));
        QVERIFY(h.command("a STARTTLS").startsWith("a NO [UNAVAILABLE] "));
        QVERIFY(h.command("b LOGIN alice@example.com x").contains("TLS is not available"));
    }

    void failedHandshakeCloses()
    {
        ImapHarness h(*f, false);
        h.command("a STARTTLS");
        h.session->tlsFinished(false);
        QVERIFY(h.transport.closed);
    }

    void loginWithQuotedAndLiteralStrings()
    {
        ImapHarness h(*f);
        IMAP_COMPARE(
            h.command("a LOGIN alice@example.com wrong"), "a NO [AUTHENTICATIONFAILED] Authentication failed\r\n");
        // Literals: "{n}" waits for "+", "{n+}" does not.
        const QByteArray user = alice.toUtf8();
        IMAP_COMPARE(h.send("b LOGIN {" + QByteArray::number(user.size()) + "}\r\n"), "+ Ready for literal data\r\n");
        const QByteArray reply
            = h.send(user + " {" + QByteArray::number(password.size()) + "+}\r\n" + password.toUtf8() + "\r\n");
        QVERIFY2(reply.startsWith("b OK [CAPABILITY IMAP4rev1 "), reply.constData());
        QVERIFY(reply.endsWith("] Logged in\r\n"));
        QVERIFY(!reply.contains("LOGINDISABLED") && !reply.contains("AUTH="));
        QCOMPARE(h.session->state(), ImapSession::State::Authenticated);
        QCOMPARE(h.session->user(), alice);
        QVERIFY(h.command("c LOGIN alice@example.com x").startsWith("c BAD "));
    }

    void authenticatePlainWithAndWithoutInitialResponse()
    {
        {
            ImapHarness h(*f);
            QVERIFY(h.command("a AUTHENTICATE PLAIN " + plainResponse(alice, password)).startsWith("a OK [CAPABILITY"));
        }
        {
            ImapHarness h(*f);
            IMAP_COMPARE(h.command("a AUTHENTICATE PLAIN"), "+ \r\n");
            QVERIFY(h.command(plainResponse(bob, password)).startsWith("a OK [CAPABILITY"));
            QCOMPARE(h.session->user(), bob);
        }
        {
            ImapHarness h(*f);
            IMAP_COMPARE(h.command("a AUTHENTICATE PLAIN"), "+ \r\n");
            IMAP_COMPARE(h.command("*"), "a BAD AUTHENTICATE cancelled\r\n");
            QVERIFY(h.command("b AUTHENTICATE PLAIN " + plainResponse(alice, "nope"))
                        .startsWith("b NO [AUTHENTICATIONFAILED]"));
            QVERIFY(h.command("c AUTHENTICATE CRAM-MD5").startsWith("c NO "));
        }
    }

    void authenticateLogin()
    {
        ImapHarness h(*f);
        QVERIFY(h.command("a AUTHENTICATE LOGIN").startsWith("+ "));
        QVERIFY(h.command(alice.toUtf8().toBase64()).startsWith("+ "));
        QVERIFY(h.command(password.toUtf8().toBase64()).startsWith("a OK "));
    }

    void adminAndAnonymousRefused()
    {
        ImapHarness h(*f);
        IMAP_COMPARE(h.command("a LOGIN admin@example.com \"" + password.toUtf8() + "\""),
            "a NO [AUTHORIZATIONFAILED] administrator accounts cannot read mail over IMAP; use a personal mailbox\r\n");
        QVERIFY(h.command("b LOGIN anonymous x").startsWith("b NO [AUTHENTICATIONFAILED] Anonymous"));
        QCOMPARE(h.session->state(), ImapSession::State::NotAuthenticated);
    }

    void throttleBansAfterFailures()
    {
        ImapHarness h(*f);
        QByteArray last;
        for (int i = 0; i < 30 && !last.contains("UNAVAILABLE"); ++i)
            last = h.command("a" + QByteArray::number(i) + " LOGIN alice@example.com wrong");
        QVERIFY2(last.contains("NO [UNAVAILABLE] Too many failed logins"), last.constData());
        // Banned: even the right password is refused.
        QVERIFY(h.command("z LOGIN alice@example.com \"" + password.toUtf8() + "\"").contains("NO [UNAVAILABLE]"));
    }

    void failedLoginIsDelayed()
    {
        ImapHarness h(*f, true, 200);
        QElapsedTimer t;
        t.start();
        h.session->receive("a LOGIN alice@example.com wrong\r\nb NOOP\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(h.transport.output.contains("b OK"), 5000);
        QVERIFY(t.elapsed() >= 150);
        IMAP_COMPARE(
            h.transport.take(), "a NO [AUTHENTICATIONFAILED] Authentication failed\r\nb OK NOOP completed\r\n");
    }

    void maxConnectionsPerUser()
    {
        QVERIFY(f->setSetting(QStringLiteral("imap.maxConnectionsPerUser"), 2));
        ImapHarness a(*f);
        ImapHarness b(*f);
        ImapHarness c(*f);
        QVERIFY(a.login());
        QVERIFY(b.login());
        QVERIFY(c.command("x LOGIN alice@example.com \"" + password.toUtf8() + "\"").startsWith("x NO [LIMIT] "));
        QVERIFY(c.login(bob));
        a.command("z LOGOUT");
        QCOMPARE(f->registry.sessionsFor(alice), 1);
        ImapHarness d(*f);
        QVERIFY(d.login());
    }

    void logoutSaysBye()
    {
        ImapHarness h(*f);
        IMAP_COMPARE(h.command("a LOGOUT"), "* BYE Tegami IMAP server logging out\r\na OK LOGOUT completed\r\n");
        QVERIFY(h.transport.closed);
        QVERIFY(h.command("b NOOP").isEmpty());
    }

    void idAndEnableAndNamespace()
    {
        ImapHarness h(*f);
        IMAP_COMPARE(h.command("a ID (\"name\" \"imaplib\")"),
            "* ID (\"name\" \"Tegami\" \"vendor\" \"Tegami\")\r\na OK ID completed\r\n");
        QVERIFY(h.command("b ENABLE CONDSTORE").startsWith("b BAD "));
        QVERIFY(h.login());
        IMAP_COMPARE(h.command("c ENABLE CONDSTORE X-UNKNOWN"), "* ENABLED CONDSTORE\r\nc OK ENABLE completed\r\n");
        IMAP_COMPARE(h.command("d NAMESPACE"), "* NAMESPACE ((\"\" \"/\")) NIL NIL\r\nd OK NAMESPACE completed\r\n");
    }

    void commandsNeedTheRightState()
    {
        ImapHarness h(*f);
        IMAP_COMPARE(h.command("a SELECT INBOX"), "a BAD SELECT needs a login first (LOGIN or AUTHENTICATE)\r\n");
        QVERIFY(h.login());
        IMAP_COMPARE(
            h.command("b FETCH 1 FLAGS"), "b BAD FETCH needs a selected mailbox: SELECT or EXAMINE one first\r\n");
        QVERIFY(h.command("c STARTTLS").startsWith("c BAD STARTTLS is not allowed after login"));
    }

    void badInputKeepsTheSessionServing()
    {
        ImapHarness h(*f);
        IMAP_COMPARE(h.command("a FROBNICATE"), "a BAD Unknown command\r\n");
        QVERIFY(h.command("b FETCH").startsWith("b BAD FETCH: "));
        QVERIFY(h.command("(((").startsWith("* BAD "));
        // NUL in a command
        QVERIFY(h.send(QByteArray("c NOOP \0x\r\n", 11)).startsWith("c BAD NUL byte"));
        // A command over imap.maxCommandSize (10240)
        const QByteArray tooLong = h.command("d LOGIN " + QByteArray(20000, 'x') + " y");
        QVERIFY2(tooLong.startsWith("d BAD Command is too long"), tooLong.constData());
        // A literal over the limit before login: refused instead of "+"
        QVERIFY(h.command("e LOGIN {100000000}").startsWith("e NO [TOOBIG] "));
        // 10,000 nested parentheses
        QVERIFY(h.command("f ID " + QByteArray(10000, '(')).startsWith("f BAD "));
        QVERIFY(h.login());
        QVERIFY(h.select());
        QVERIFY(h.command("g SEARCH " + QByteArray(5000, '(') + "ALL" + QByteArray(5000, ')')).startsWith("g BAD "));
        IMAP_COMPARE(h.command("h NOOP"), "h OK NOOP completed\r\n");
        QVERIFY(!h.transport.closed);
    }

    void hugeNonSynchronisingLiteralCloses()
    {
        ImapHarness h(*f);
        QVERIFY(h.login());
        const QByteArray out = h.command("a APPEND INBOX {100000000000+}");
        QVERIFY2(out.contains("BAD [TOOBIG]") && out.contains("* BYE "), out.constData());
        QVERIFY(h.transport.closed);
    }

    void tooManyBadCommandsClose()
    {
        ImapHarness h(*f);
        QByteArray out;
        for (int i = 0; i < 60 && !h.transport.closed; ++i)
            out = h.command("x" + QByteArray::number(i) + " BOGUS");
        QVERIFY(h.transport.closed);
        IMAP_CONTAINS(out, "* BYE Too many invalid commands");
    }

    void timeouts()
    {
        ImapHarness h(*f, false);
        QCOMPARE(h.session->idleTimeoutMs(), 60 * 1000);
        h.session->idleTimeout();
        IMAP_COMPARE(h.transport.take(), "* BYE Autologout: idle for 60 seconds\r\n");
        QVERIFY(h.transport.closed);
        ImapHarness g(*f);
        QVERIFY(g.login());
        QCOMPARE(g.session->idleTimeoutMs(), 1800 * 1000);
        QVERIFY(f->setSetting(QStringLiteral("imap.authenticatedTimeoutSecs"), 30));
        QCOMPARE(g.session->idleTimeoutMs(), 30 * 1000);
    }

    void shutdownSaysBye()
    {
        ImapHarness h(*f);
        QVERIFY(h.login());
        h.session->shutdown(QStringLiteral("server shutting down"));
        IMAP_COMPARE(h.transport.take(), "* BYE server shutting down\r\n");
        QVERIFY(h.transport.closed);
        QCOMPARE(f->registry.sessionsFor(alice), 0);
    }

    void protocolLogHasNoPassword()
    {
        QTemporaryDir logDir;
        ProtocolLog plog(logDir.path(), {}, f->clock);
        IMAP_VERIFY_OK(plog.start());
        auto run = [&](const QByteArray& input) {
            LogSession log(Protocol::Imap, QStringLiteral("127.0.0.1:993"), QStringLiteral("192.0.2.7:1"), &plog, true);
            RecordingTransport transport;
            ImapSessionOptions options;
            options.tlsActive = true;
            options.failureDelayMs = 0;
            ImapSession s(*f->deps, f->registry, log, transport, options);
            s.start();
            s.receive(input);
            QDeadlineTimer deadline(10000);
            while (s.loginPending() && !deadline.hasExpired())
                QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            s.receive("z LOGOUT\r\n");
            return transport.output;
        };
        const QByteArray pw = password.toUtf8();
        QVERIFY(run("a LOGIN alice@example.com \"" + pw + "\"\r\n").contains("a OK"));
        QVERIFY(run("a LOGIN {17}\r\nalice@example.com {" + QByteArray::number(pw.size()) + "+}\r\n" + pw + "\r\n")
                    .contains("a OK"));
        QVERIFY(run("a AUTHENTICATE PLAIN " + plainResponse(bob, password) + "\r\n").contains("a OK"));
        QVERIFY(run("a AUTHENTICATE LOGIN\r\n" + bob.toUtf8().toBase64() + "\r\n" + pw.toBase64() + "\r\n")
                    .contains("a OK"));
        QVERIFY(plog.flush());
        Result<QList<LogEvent>> events = plog.recent(1000);
        IMAP_VERIFY_OK(events);
        QString all;
        for (const LogEvent& e : *events)
            all += e.data + QLatin1Char('\n');
        plog.stop();
        QVERIFY2(all.contains(QStringLiteral("a LOGIN alice@example.com ********")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("Logged in")), qPrintable(all));
        QVERIFY2(!all.contains(password), qPrintable(all));
        QVERIFY(!all.contains(QString::fromLatin1(pw.toBase64())));
        QVERIFY(!all.contains(QString::fromLatin1(plainResponse(bob, password))));
        QVERIFY(!all.contains(QString::fromLatin1(bob.toUtf8().toBase64())));
    }

    void logTextKeepsPasswordsOut()
    {
        // The session logs each command as ImapRawCommand::logText(): literals as "{n}".
        Redactor r(Protocol::Imap);
        QCOMPARE(r.client("a LOGIN alice \"secret\""), QByteArray("a LOGIN alice ********"));
        QCOMPARE(r.client("b LOGIN {5} {6}"), QByteArray("b LOGIN ********"));
        r.server("b OK Logged in");
        QCOMPARE(r.client("c AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA=="), QByteArray("c AUTHENTICATE PLAIN ********"));
        r.server("c OK Logged in");
        QCOMPARE(r.client("d AUTHENTICATE PLAIN"), QByteArray("d AUTHENTICATE PLAIN"));
        r.server("+ ");
        QCOMPARE(r.client("AGFsaWNlAHNlY3JldA=="), QByteArray("********"));
        r.server("d OK Logged in");
        QCOMPARE(r.client("e NOOP"), QByteArray("e NOOP"));
    }
};

QTEST_GUILESS_MAIN(TestImapSession)
#include "TestImapSession.moc"
