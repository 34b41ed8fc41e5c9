// The connectivity clients (POP3, IMAP, SMTP submission) against scripted servers: each step's
// result, detail and error, what a failure skips, TLS with a self-signed certificate, polling
// for the test message, the hold before "delete", timeouts, and that no credential is recorded.

#include "diag/ConnectivityImap.h"
#include "diag/ConnectivityPop3.h"
#include "diag/ConnectivitySmtp.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "ScriptedServer.h"

using namespace tegami;
using namespace tegami::testing;

namespace {

const QString kUser = QStringLiteral("alice@example.com");
const QString kPassword = QStringLiteral("S3cret-Pa55!");
const QString kToken = QStringLiteral("tegami-test-00000000feedbeef");

ConnectivityOptions optionsFor(const ScriptedServer& server, ConnectionSecurity security)
{
    ConnectivityOptions o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = server.port();
    o.security = security;
    o.user = kUser;
    o.password = kPassword;
    o.stepTimeoutMs = 3000;
    o.findWaitMs = 3000;
    o.pollIntervalMs = 50;
    o.verifyName = QStringLiteral("localhost");
    return o;
}

bool runToEnd(ConnectivityClient& client, int timeoutMs = 15000)
{
    client.start();
    QElapsedTimer t;
    t.start();
    while (!client.isFinished() && t.elapsed() < timeoutMs)
        QTest::qWait(10);
    return client.isFinished();
}

QHash<QString, StepReport> stepsOf(const ConnectivityClient& client)
{
    QHash<QString, StepReport> out;
    for (const StepReport& s : client.report().steps)
        out.insert(s.step, s);
    return out;
}

QStringList resultsOf(const ConnectivityClient& client)
{
    QStringList out;
    for (const StepReport& s : client.report().steps)
        out << s.step + QLatin1Char('=') + stepResultName(s.result);
    return out;
}

QByteArray reportText(const ConnectivityClient& client)
{
    return QJsonDocument(client.report().toJson()).toJson(QJsonDocument::Compact);
}

// A POP3 maildrop of one session: the test message is there from connection `arrivesAt` on.
void pop3Script(ScriptedServer& server, int arrivesAt, bool goodPassword = true)
{
    server.greeting = "+OK ready\r\n";
    server.script = [arrivesAt, goodPassword](ScriptedConnection& c, const QByteArray& line) {
        const bool has = c.number() >= arrivesAt;
        if (line.startsWith("USER "))
            c.send("+OK\r\n");
        else if (line.startsWith("PASS "))
            c.send(goodPassword ? "+OK logged in\r\n" : "-ERR [AUTH] Authentication failed\r\n");
        else if (line == "STAT")
            c.send(has ? "+OK 2 900\r\n" : "+OK 1 300\r\n");
        else if (line == "UIDL")
            c.send(has ? "+OK\r\n1 old-1\r\n2 new-2\r\n.\r\n" : "+OK\r\n1 old-1\r\n.\r\n");
        else if (line == "TOP 1 0")
            c.send("+OK\r\nSubject: lunch\r\nFrom: bob@example.com\r\n\r\n.\r\n");
        else if (line == "TOP 2 0")
            c.send("+OK\r\nSubject: Tegami connectivity test " + kToken.toUtf8() + "\r\n\r\n.\r\n");
        else if (line == "DELE 2")
            c.send("+OK deleted\r\n");
        else if (line == "QUIT") {
            c.send("+OK bye\r\n");
            c.close();
        } else if (line == "STLS") {
            c.send("+OK begin TLS\r\n");
            c.startTls();
        } else
            c.send("-ERR unknown\r\n");
    };
}

} // namespace

class TestConnectivity : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_tls.create(m_dir.path()));
        m_tlsConfig = *m_tls.serverConfiguration(Protocol::Imap, nullptr);
    }

    void pop3FindsAndDeletesTheMessage()
    {
        ScriptedServer server;
        pop3Script(server, 1);
        QVERIFY(server.start());
        ConnectivityOptions o = optionsFor(server, ConnectionSecurity::Plain);
        o.token = kToken;
        Pop3ConnectivityClient client(o);
        QSignalSpy opened(&client, &ConnectivityClient::sessionOpened);
        QVERIFY(runToEnd(client));
        QCOMPARE(resultsOf(client),
            QStringList({ "connect=success", "tls=skipped", "login=success", "stat=success", "find=success",
                "delete=success" }));
        const auto steps = stepsOf(client);
        QCOMPARE(steps["stat"].detail, QStringLiteral("2 messages, 900 bytes"));
        QVERIFY2(steps["find"].detail.startsWith("found as message 2 (UIDL new-2)"), qPrintable(steps["find"].detail));
        QVERIFY(steps["login"].detail.contains("USER/PASS"));
        QVERIFY(client.report().passed());
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.first().first().value<quint16>(), client.report().localPort);
        QVERIFY(client.report().localPort > 0);
        // The newest message is looked at first; the deletion is committed by QUIT.
        QVERIFY(server.received.contains("TOP 2 0"));
        QVERIFY(!server.received.contains("TOP 1 0"));
        QVERIFY(server.received.indexOf("DELE 2") < server.received.indexOf("QUIT"));
        QVERIFY(server.received.contains("PASS " + kPassword.toUtf8()));
        QVERIFY(!reportText(client).contains(kPassword.toUtf8()));
    }

    void pop3LogsInAgainUntilTheMessageArrives()
    {
        ScriptedServer server;
        pop3Script(server, 3);
        QVERIFY(server.start());
        ConnectivityOptions o = optionsFor(server, ConnectionSecurity::Plain);
        o.token = kToken;
        Pop3ConnectivityClient client(o);
        QVERIFY(runToEnd(client));
        QVERIFY2(client.report().passed(), reportText(client).constData());
        // A POP3 session sees the maildrop as it was at login: new sessions until it is there.
        QCOMPARE(server.connections, 3);
        QCOMPARE(server.received.count("PASS " + kPassword.toUtf8()), 3);
        QCOMPARE(stepsOf(client)["stat"].detail, QStringLiteral("1 messages, 300 bytes"));
    }

    void pop3GivesUpWhenTheMessageNeverArrives()
    {
        ScriptedServer server;
        pop3Script(server, 1000);
        QVERIFY(server.start());
        ConnectivityOptions o = optionsFor(server, ConnectionSecurity::Plain);
        o.token = kToken;
        o.findWaitMs = 500;
        Pop3ConnectivityClient client(o);
        QVERIFY(runToEnd(client));
        const auto steps = stepsOf(client);
        QCOMPARE(steps["find"].result, StepResult::Failure);
        QVERIFY2(steps["find"].error.contains("did not arrive"), qPrintable(steps["find"].error));
        QVERIFY(steps["find"].error.contains("queue list"));
        QCOMPARE(steps["delete"].result, StepResult::Skipped);
        QVERIFY(!server.received.contains("DELE 1"));
    }

    void pop3WrongPasswordSkipsTheRest()
    {
        ScriptedServer server;
        pop3Script(server, 1, false);
        QVERIFY(server.start());
        ConnectivityOptions o = optionsFor(server, ConnectionSecurity::Plain);
        o.token = kToken;
        Pop3ConnectivityClient client(o);
        QVERIFY(runToEnd(client));
        QCOMPARE(resultsOf(client),
            QStringList({ "connect=success", "tls=skipped", "login=failure", "stat=skipped", "find=skipped",
                "delete=skipped" }));
        const auto steps = stepsOf(client);
        QVERIFY2(steps["login"].error.startsWith("authentication failed: wrong user name or password, or the account "
                                                 "may not use POP3"),
            qPrintable(steps["login"].error));
        QCOMPARE(steps["stat"].detail, QStringLiteral("not run: \"Log in\" failed"));
        QVERIFY(!client.report().passed());
        QVERIFY(!reportText(client).contains(kPassword.toUtf8()));
        // The session still ends politely.
        QTRY_VERIFY(server.received.contains("QUIT"));
    }

    void pop3WithoutATestMessageStopsAtStat()
    {
        ScriptedServer server;
        pop3Script(server, 1);
        QVERIFY(server.start());
        ConnectivityOptions o = optionsFor(server, ConnectionSecurity::Plain);
        o.noMessageReason = QStringLiteral("no test message: include smtp");
        Pop3ConnectivityClient client(o);
        QVERIFY(runToEnd(client));
        QVERIFY(client.report().passed());
        QCOMPARE(stepsOf(client)["find"].result, StepResult::Skipped);
        QCOMPARE(stepsOf(client)["find"].detail, QStringLiteral("no test message: include smtp"));
        QVERIFY(!server.received.contains("UIDL"));
    }

    void pop3StlsWithSelfSignedCertificate()
    {
        for (const bool trustAny : { false, true }) {
            ScriptedServer server(m_tlsConfig);
            pop3Script(server, 1);
            QVERIFY(server.start());
            ConnectivityOptions o = optionsFor(server, ConnectionSecurity::StartTls);
            o.trustAnyCertificate = trustAny;
            o.loginOnly = true;
            Pop3ConnectivityClient client(o);
            QVERIFY(runToEnd(client));
            const auto steps = stepsOf(client);
            if (!trustAny) {
                QCOMPARE(steps["tls"].result, StepResult::Failure);
                QVERIFY2(steps["tls"].error.startsWith("the certificate is self-signed: tick 'trust any certificate'"),
                    qPrintable(steps["tls"].error));
                QCOMPARE(steps["tls"].tls.value("subject").toString(), QStringLiteral("CN=localhost"));
                QCOMPARE(steps["login"].result, StepResult::Skipped);
                QVERIFY(!server.received.contains("PASS " + kPassword.toUtf8()));
                continue;
            }
            QVERIFY2(client.report().passed(), reportText(client).constData());
            QCOMPARE(steps["tls"].result, StepResult::Success);
            QVERIFY(steps["tls"].detail.contains("certificate CN=localhost issued by CN=localhost"));
            QVERIFY(steps["tls"].detail.contains("self-signed"));
            QVERIFY(steps["tls"].tls.value("protocol").toString().startsWith("TLSv1."));
            QVERIFY(!steps["tls"].tls.value("cipher").toString().isEmpty());
            QCOMPARE(steps["tls"].tls.value("selfSigned").toBool(), true);
            QCOMPARE(steps["find"].result, StepResult::Skipped);
            QCOMPARE(steps["find"].detail, QStringLiteral("login only"));
        }
    }

    void imapFindsByPollingAndDeletes()
    {
        ScriptedServer server(m_tlsConfig);
        server.implicitTls = true;
        server.greeting = "* OK IMAP4rev1 ready\r\n";
        int searches = 0;
        QByteArray pendingAuthTag;
        server.script = [&](ScriptedConnection& c, const QByteArray& line) {
            if (!pendingAuthTag.isEmpty()) {
                const QByteArray expected
                    = (QByteArray(1, '\0') + kUser.toUtf8() + QByteArray(1, '\0') + kPassword.toUtf8()).toBase64();
                c.send(pendingAuthTag + (line == expected ? " OK done\r\n" : " NO [AUTHENTICATIONFAILED] bad\r\n"));
                pendingAuthTag.clear();
                return;
            }
            const QByteArray tag = line.left(line.indexOf(' '));
            const QByteArray cmd = line.mid(tag.size() + 1);
            if (cmd == "AUTHENTICATE PLAIN") {
                pendingAuthTag = tag;
                c.send("+ \r\n");
            } else if (cmd == "SELECT INBOX") {
                c.send("* 3 EXISTS\r\n* FLAGS (\\Seen)\r\n" + tag + " OK [READ-WRITE] done\r\n");
            } else if (cmd.startsWith("UID SEARCH HEADER Subject \"" + kToken.toUtf8() + "\"")) {
                ++searches; // found from the third search on (the delete step searches once more)
                c.send(QByteArray(searches >= 3 ? "* SEARCH 17\r\n" : "* SEARCH\r\n") + tag + " OK done\r\n");
            } else if (cmd == "UID STORE 17 +FLAGS.SILENT (\\Deleted)") {
                c.send(tag + " OK done\r\n");
            } else if (cmd == "UID EXPUNGE 17") {
                c.send("* 3 EXPUNGE\r\n" + tag + " OK done\r\n");
            } else if (cmd == "LOGOUT") {
                c.send("* BYE\r\n" + tag + " OK done\r\n");
                c.close();
            } else {
                c.send(tag + " BAD unknown\r\n");
            }
        };
        QVERIFY(server.start());
        ConnectivityOptions o = optionsFor(server, ConnectionSecurity::Tls);
        o.trustAnyCertificate = true;
        o.token = kToken;
        ImapConnectivityClient client(o);
        QVERIFY(runToEnd(client));
        QVERIFY2(client.report().passed(), reportText(client).constData());
        const auto steps = stepsOf(client);
        QCOMPARE(steps["select"].detail, QStringLiteral("INBOX: 3 messages"));
        QVERIFY2(steps["find"].detail.startsWith("found as UID 17"), qPrintable(steps["find"].detail));
        QCOMPARE(steps["login"].detail, QStringLiteral("AUTHENTICATE PLAIN as ") + kUser);
        QVERIFY(steps["delete"].detail.contains("UID EXPUNGE 17"));
        QCOMPARE(client.foundUid(), 17);
        QVERIFY(!reportText(client).contains(kPassword.toUtf8()));
        QTRY_VERIFY(server.received.last().endsWith("LOGOUT"));
    }

    void imapHoldsBeforeDeleteAndSeesTheMessageGone()
    {
        ScriptedServer server;
        server.greeting = "* OK ready\r\n";
        bool gone = false;
        server.script = [&](ScriptedConnection& c, const QByteArray& line) {
            const QByteArray tag = line.left(line.indexOf(' '));
            const QByteArray cmd = line.mid(tag.size() + 1);
            if (cmd == "AUTHENTICATE PLAIN")
                c.send("+ \r\n");
            else if (cmd.startsWith("UID SEARCH"))
                c.send(QByteArray(gone ? "* SEARCH\r\n" : "* SEARCH 5\r\n") + tag + " OK done\r\n");
            else
                c.send(tag + " OK done\r\n");
        };
        // The credentials line has no tag: answer it with the AUTHENTICATE command's tag.
        server.script = [&, inner = server.script](ScriptedConnection& c, const QByteArray& line) {
            if (!line.contains(' ')) {
                c.send("t1 OK logged in\r\n");
                return;
            }
            inner(c, line);
        };
        QVERIFY(server.start());
        ConnectivityOptions o = optionsFor(server, ConnectionSecurity::Plain);
        o.token = kToken;
        ImapConnectivityClient client(o);
        client.setHoldBefore(QStringLiteral("delete"));
        QSignalSpy held(&client, &ConnectivityClient::held);
        client.start();
        QTRY_COMPARE(held.count(), 1);
        QVERIFY(client.isHeld());
        QVERIFY(!client.isFinished());
        QCOMPARE(stepsOf(client)["find"].result, StepResult::Success);
        QVERIFY(!stepsOf(client).contains("delete"));
        // Meanwhile POP3 deletes the message; the held connection must not time out.
        gone = true;
        QTest::qWait(o.stepTimeoutMs + 200);
        QVERIFY(!client.isFinished());
        client.resume();
        QTRY_VERIFY(client.isFinished());
        QVERIFY2(client.report().passed(), reportText(client).constData());
        QCOMPARE(
            stepsOf(client)["delete"].detail, QStringLiteral("already deleted (over POP3): IMAP no longer sees it"));
        for (const QByteArray& l : std::as_const(server.received))
            QVERIFY2(!l.contains("STORE"), l.constData());
    }

    void imapAdministratorRefusal()
    {
        ScriptedServer server;
        server.greeting = "* OK ready\r\n";
        server.script = [](ScriptedConnection& c, const QByteArray& line) {
            if (line.endsWith("AUTHENTICATE PLAIN"))
                c.send("+ \r\n");
            else if (!line.contains(' '))
                c.send("t1 NO [AUTHORIZATIONFAILED] administrator accounts cannot read mail over IMAP; use a personal "
                       "mailbox\r\n");
        };
        QVERIFY(server.start());
        ImapConnectivityClient client(optionsFor(server, ConnectionSecurity::Plain));
        QVERIFY(runToEnd(client));
        const auto steps = stepsOf(client);
        QCOMPARE(steps["login"].result, StepResult::Failure);
        QCOMPARE(steps["login"].error,
            QStringLiteral("the login was refused: administrator accounts cannot read mail over IMAP; use a personal "
                           "mailbox"));
        QCOMPARE(steps["select"].result, StepResult::Skipped);
    }

    void smtpSubmitsTheTaggedMessage()
    {
        ScriptedServer server(m_tlsConfig);
        server.greeting = "220 mail.example.com ESMTP\r\n";
        bool tls = false;
        bool inData = false;
        QByteArray data;
        server.script = [&](ScriptedConnection& c, const QByteArray& line) {
            if (inData) {
                if (line == ".") {
                    inData = false;
                    c.send("250 2.0.0 queued as Q1\r\n");
                } else {
                    data += line + "\r\n";
                }
                return;
            }
            if (line.startsWith("EHLO"))
                c.send(tls ? "250-mail.example.com\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"
                           : "250-mail.example.com\r\n250 STARTTLS\r\n");
            else if (line == "STARTTLS") {
                c.send("220 2.0.0 go ahead\r\n");
                c.startTls();
                tls = true;
            } else if (line.startsWith("AUTH PLAIN "))
                c.send("235 2.7.0 ok\r\n");
            else if (line.startsWith("MAIL FROM:") || line.startsWith("RCPT TO:"))
                c.send("250 ok\r\n");
            else if (line == "DATA") {
                inData = true;
                c.send("354 go\r\n");
            } else if (line == "QUIT") {
                c.send("221 bye\r\n");
                c.close();
            }
        };
        QVERIFY(server.start());
        ConnectivityOptions o = optionsFor(server, ConnectionSecurity::StartTls);
        o.trustAnyCertificate = true;
        o.token = kToken;
        SmtpConnectivityClient client(o);
        QVERIFY(runToEnd(client));
        QVERIFY2(client.report().passed(), reportText(client).constData());
        const auto steps = stepsOf(client);
        QCOMPARE(steps["login"].detail, QStringLiteral("AUTH PLAIN as ") + kUser);
        QVERIFY(steps["submit"].detail.contains("queued as Q1"));
        QCOMPARE(client.acceptedAs(), QStringLiteral("2.0.0 queued as Q1"));
        QVERIFY(data.contains("Subject: Tegami connectivity test " + kToken.toUtf8() + "\r\n"));
        QVERIFY(data.contains("To: <" + kUser.toUtf8() + ">"));
        QVERIFY(server.received.contains("MAIL FROM:<" + kUser.toUtf8() + ">"));
        QVERIFY(server.received.contains("RCPT TO:<" + kUser.toUtf8() + ">"));
        // AUTH went over TLS only, and the report holds neither the password nor the AUTH payload.
        qsizetype authAt = -1;
        for (qsizetype k = 0; k < server.received.size() && authAt < 0; ++k) {
            if (server.received.at(k).startsWith("AUTH PLAIN "))
                authAt = k;
        }
        QVERIFY(authAt > server.received.indexOf("STARTTLS"));
        const QByteArray payload = server.received.at(authAt).mid(11);
        QVERIFY(!payload.isEmpty());
        QVERIFY(!reportText(client).contains(payload));
        QVERIFY(!reportText(client).contains(kPassword.toUtf8()));
    }

    void smtpWithoutStartTlsOrAuth()
    {
        ScriptedServer server;
        server.greeting = "220 mx ESMTP\r\n";
        server.script = [](ScriptedConnection& c, const QByteArray& line) {
            if (line.startsWith("EHLO"))
                c.send("250-mx\r\n250 8BITMIME\r\n");
            else if (line == "QUIT")
                c.send("221 bye\r\n");
        };
        QVERIFY(server.start());
        {
            SmtpConnectivityClient client(optionsFor(server, ConnectionSecurity::StartTls));
            QVERIFY(runToEnd(client));
            QCOMPARE(stepsOf(client)["tls"].result, StepResult::Failure);
            QVERIFY(stepsOf(client)["tls"].error.startsWith("the server does not offer STARTTLS on this port"));
        }
        {
            SmtpConnectivityClient client(optionsFor(server, ConnectionSecurity::Plain));
            QVERIFY(runToEnd(client));
            QCOMPARE(stepsOf(client)["login"].result, StepResult::Failure);
            QVERIFY(stepsOf(client)["login"].error.startsWith("the server offers no login (AUTH)"));
            QCOMPARE(stepsOf(client)["submit"].result, StepResult::Skipped);
        }
    }

    void silentServerTimesOut()
    {
        ScriptedServer server; // accepts, never greets
        QVERIFY(server.start());
        ConnectivityOptions o = optionsFor(server, ConnectionSecurity::Plain);
        o.stepTimeoutMs = 300;
        Pop3ConnectivityClient client(o);
        QElapsedTimer t;
        t.start();
        QVERIFY(runToEnd(client));
        QVERIFY(t.elapsed() < 5000);
        const auto steps = stepsOf(client);
        QCOMPARE(steps["connect"].result, StepResult::Failure);
        QVERIFY2(steps["connect"].error.startsWith("no answer from 127.0.0.1:"), qPrintable(steps["connect"].error));
        QVERIFY(steps["connect"].latencyMs >= 250);
        QCOMPARE(client.report().steps.size(), 6);
    }

    void refusedConnection()
    {
        quint16 port = 0;
        {
            ScriptedServer probe;
            QVERIFY(probe.start());
            port = probe.port();
        }
        ConnectivityOptions o;
        o.host = QStringLiteral("127.0.0.1");
        o.port = port;
        o.security = ConnectionSecurity::Plain;
        ImapConnectivityClient client(o);
        QVERIFY(runToEnd(client));
        const auto steps = stepsOf(client);
        QCOMPARE(steps["connect"].result, StepResult::Failure);
        QVERIFY2(steps["connect"].error.startsWith("nothing accepts connections on 127.0.0.1:"),
            qPrintable(steps["connect"].error));
        QVERIFY(steps["connect"].error.contains("tegamictl listeners"));
        QCOMPARE(client.report().localPort, 0);
    }

    void names()
    {
        QCOMPARE(connectionSecurityFromName("SSL"), ConnectionSecurity::Tls);
        QCOMPARE(connectionSecurityFromName("starttls"), ConnectionSecurity::StartTls);
        QCOMPARE(connectionSecurityFromName("plain"), ConnectionSecurity::Plain);
        QVERIFY(!connectionSecurityFromName("ssl3"));
        QCOMPARE(connectionSecurityName(ConnectionSecurity::StartTls), QStringLiteral("starttls"));
        QVERIFY(newConnectivityToken() != newConnectivityToken());
        QVERIFY(newConnectivityToken().startsWith("tegami-test-"));
        const QByteArray m = connectivityTestMessage("a@x", "b@x", kToken);
        QVERIFY(m.contains("\r\nSubject: Tegami connectivity test " + kToken.toUtf8() + "\r\n"));
        QVERIFY(m.contains("\r\n\r\n"));
        QVERIFY(!m.contains("\n.") && !m.contains("\r\r"));
    }

private:
    QTemporaryDir m_dir;
    SelfSignedTlsProvider m_tls;
    QSslConfiguration m_tlsConfig;
};

QTEST_GUILESS_MAIN(TestConnectivity)
#include "TestConnectivity.moc"
