#include "AuthScripts.h"

#include "log/Redactor.h"

#include <QTest>

using namespace tegami;
using namespace tegami::test;

class TestLogRedactor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyMechanismIsMasked_data()
    {
        QTest::addColumn<int>("index");
        const QList<AuthScript> scripts = authScripts();
        for (int i = 0; i < scripts.size(); ++i)
            QTest::newRow(qPrintable(scripts[i].name)) << i;
    }

    void everyMechanismIsMasked()
    {
        QFETCH(int, index);
        const AuthScript script = authScripts().at(index);
        Redactor redactor(script.protocol);
        QByteArray transcript;
        for (const ScriptLine& step : script.lines) {
            if (!step.fromClient) {
                redactor.server(step.line);
                continue;
            }
            const QByteArray out = redactor.client(step.line);
            QVERIFY2(out.endsWith("\r\n"), "the line ending is kept");
            const QByteArray shown = out.chopped(2);
            if (!step.expected.isEmpty())
                QCOMPARE(shown, step.expected);
            transcript += shown + '\n';
        }
        for (const QByteArray& secret : script.secrets)
            QVERIFY2(!transcript.contains(secret), qPrintable(QStringLiteral("\"%1\" leaked into:\n%2")
                                                                  .arg(QString::fromUtf8(secret),
                                                                       QString::fromUtf8(transcript))));
        QVERIFY2(!redactor.inSecretExchange(), "every script ends outside an exchange");
    }

    void exchangeLastsUntilTheServerEndsIt()
    {
        Redactor smtp(Protocol::Smtp);
        smtp.client(QByteArrayView("AUTH LOGIN\r\n"));
        smtp.server(QByteArrayView("334 VXNlcm5hbWU6\r\n"));
        QVERIFY(smtp.inSecretExchange());
        // Anything the client sends now is a credential, even if it looks like a command.
        QCOMPARE(smtp.client(QByteArrayView("QUIT\r\n")), QByteArray("********\r\n"));
        smtp.server(QByteArrayView("535 5.7.8 failed\r\n"));
        QVERIFY(!smtp.inSecretExchange());
        QCOMPARE(smtp.client(QByteArrayView("QUIT\r\n")), QByteArray("QUIT\r\n"));
    }

    void imapExchangeEndsOnlyWithItsOwnTag()
    {
        Redactor imap(Protocol::Imap);
        imap.client(QByteArrayView("a7 AUTHENTICATE PLAIN"));
        imap.server(QByteArrayView("a6 OK earlier command done"));
        imap.server(QByteArrayView("* OK still going"));
        imap.server(QByteArrayView("+ "));
        QCOMPARE(imap.client(QByteArrayView("c2VjcmV0")), QByteArray("********"));
        imap.server(QByteArrayView("a7 NO [AUTHENTICATIONFAILED] Invalid credentials"));
        QCOMPARE(imap.client(QByteArrayView("a8 NOOP")), QByteArray("a8 NOOP"));
    }

    void imapByeEndsAnExchange()
    {
        Redactor imap(Protocol::Imap);
        imap.client(QByteArrayView("a1 LOGIN {5}"));
        QVERIFY(imap.inSecretExchange());
        imap.server(QByteArrayView("* BYE Autologout"));
        QVERIFY(!imap.inSecretExchange());
    }

    void malformedLoginMasksEverythingAfterTheCommand()
    {
        Redactor imap(Protocol::Imap);
        // An unterminated quoted user name: where the password starts is unknowable.
        QCOMPARE(imap.client(QByteArrayView("a1 LOGIN \"alice secret")), QByteArray("a1 LOGIN ********"));
        QCOMPARE(imap.client(QByteArrayView("a2 LOGIN")), QByteArray("a2 LOGIN"));
    }

    void severalLinesInOneChunkCannotSmuggleASecret()
    {
        Redactor smtp(Protocol::Submission);
        const QByteArray payload = plainPayload().toBase64();
        const QByteArray out = smtp.client(QByteArray("AUTH PLAIN\r\n" + payload + "\r\n"));
        QVERIFY(!out.contains(payload));
        QCOMPARE(out, QByteArray("AUTH PLAIN ********\r\n"));
    }

    void ordinaryTrafficPassesUnchanged_data()
    {
        QTest::addColumn<int>("protocol");
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("smtp MAIL") << int(Protocol::Smtp) << QByteArray("MAIL FROM:<a@b.example> SIZE=1000\r\n");
        QTest::newRow("smtp RCPT") << int(Protocol::Smtp) << QByteArray("RCPT TO:<pass@b.example>\r\n");
        QTest::newRow("smtp AUTHOR-ish") << int(Protocol::Smtp) << QByteArray("AUTHX PLAIN abc\r\n");
        QTest::newRow("pop3 USER") << int(Protocol::Pop3) << QByteArray("USER alice\r\n");
        QTest::newRow("pop3 bare AUTH") << int(Protocol::Pop3) << QByteArray("AUTH\r\n");
        QTest::newRow("pop3 PASS without argument") << int(Protocol::Pop3) << QByteArray("PASS\r\n");
        QTest::newRow("imap FETCH") << int(Protocol::Imap) << QByteArray("a3 UID FETCH 1:* (FLAGS)\r\n");
        QTest::newRow("imap APPEND literal") << int(Protocol::Imap) << QByteArray("a4 APPEND INBOX {310}\r\n");
        QTest::newRow("binary") << int(Protocol::Imap) << QByteArray("\xff\xfe\x00 x\r\n", 7);
    }

    void ordinaryTrafficPassesUnchanged()
    {
        QFETCH(int, protocol);
        QFETCH(QByteArray, line);
        Redactor redactor(static_cast<Protocol>(protocol));
        QCOMPARE(redactor.client(line), line);
        QVERIFY(!redactor.inSecretExchange());
    }

    void bareAuthDoesNotMaskThePop3MechanismList()
    {
        Redactor pop3(Protocol::Pop3);
        pop3.client(QByteArrayView("AUTH\r\n"));
        pop3.server(QByteArrayView("+OK\r\n"));
        pop3.server(QByteArrayView("PLAIN\r\n"));
        pop3.server(QByteArrayView(".\r\n"));
        QCOMPARE(pop3.client(QByteArrayView("USER bob\r\n")), QByteArray("USER bob\r\n"));
    }

    void stringOverloadMasksToo()
    {
        Redactor pop3(Protocol::Pop3);
        QCOMPARE(pop3.clientText(QStringLiteral("pass hunter2")), QStringLiteral("pass ********"));
    }
};

QTEST_GUILESS_MAIN(TestLogRedactor)
#include "TestLogRedactor.moc"
