// An SMTP session driven without sockets, the message text: DATA and BDAT into the spool,
// size and line limits, SMTP smuggling (refused or normalised), dot-stuffing, trace and
// submission headers, spool failures and dropped connections.

#include <QRegularExpression>

#include "SmtpTestFixture.h"

using namespace tegami;
using namespace tegami::smtptest;

class TestSmtpData : public QObject {
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

    void declaredAndActualSizeLimits()
    {
        QVERIFY(f->setSetting(QStringLiteral("smtp.maxMessageSize"), 2048));
        Harness h(*f, Protocol::Smtp);
        QVERIFY(h.command("EHLO x.example").contains("250-SIZE 2048\r\n"));
        QCOMPARE(h.command("MAIL FROM:<a@elsewhere.example> SIZE=2049"),
            QByteArray("552 5.3.4 message size exceeds fixed maximum message size (2048 bytes)\r\n"));
        QVERIFY(h.command("MAIL FROM:<a@elsewhere.example> SIZE=100").startsWith("250"));
        QVERIFY(h.command("RCPT TO:<alice@example.com>").startsWith("250"));
        QVERIFY(h.command("DATA").startsWith("354"));
        // Exactly the limit is fine.
        QByteArray text = "Subject: big\r\n\r\n";
        text += QByteArray(2048 - text.size() - 2, 'x') + "\r\n";
        QCOMPARE(h.send(text + ".\r\n"), QByteArray("250 2.0.0 Ok: queued as Q1\r\n"));
        // One more byte is not; the rest is read so the next command is found.
        QVERIFY(h.command("MAIL FROM:<a@elsewhere.example>").startsWith("250"));
        QVERIFY(h.command("RCPT TO:<alice@example.com>").startsWith("250"));
        QVERIFY(h.command("DATA").startsWith("354"));
        QCOMPARE(h.send("y" + text + QByteArray(100000, 'z') + "\r\n.\r\nNOOP\r\n"),
            QByteArray("552 5.3.4 message size exceeds fixed maximum message size (2048 bytes)\r\n250 2.0.0 OK\r\n"));
        QCOMPARE(f->intake.messages.size(), size_t(1));
        QCOMPARE(f->intake.aborted, 1);
        QVERIFY(h.logText().contains(QStringLiteral("message over 2048 bytes")));
    }

    void textLineTooLong()
    {
        QVERIFY(f->setSetting(QStringLiteral("smtp.maxLineLength"), 1000));
        auto h = mxTransaction(*f, { "alice@example.com" });
        QVERIFY(h);
        QVERIFY(h->command("DATA").startsWith("354"));
        QCOMPARE(h->send("Subject: x\r\n\r\n" + QByteArray(1000, 'a') + "\r\n" + QByteArray(1001, 'b') + "\r\n.\r\n"),
            QByteArray("500 5.5.6 line too long in message text (more than 1000 bytes)\r\n"));
        QVERIFY(f->intake.messages.empty());
        QVERIFY(h->logText().contains(QStringLiteral("1 lines longer than 1000 bytes")));
        QCOMPARE(h->command("NOOP"), QByteArray("250 2.0.0 OK\r\n"));
    }

    void smugglingIsRefused_data()
    {
        QTest::addColumn<QByteArray>("fakeEnd");
        QTest::newRow("LF.LF") << QByteArray("\n.\n");
        QTest::newRow("CRLF.LF") << QByteArray("\r\n.\n");
        QTest::newRow("LF.CRLF") << QByteArray("\n.\r\n");
        QTest::newRow("CR.CRLF") << QByteArray("\r.\r\n");
        QTest::newRow("CR.CR") << QByteArray("\r.\r");
        QTest::newRow("CRLF.CR") << QByteArray("\r\n.\r");
        QTest::newRow("bare LF in a header") << QByteArray("\nX-Injected: 1\r\n");
    }

    void smugglingIsRefused()
    {
        QFETCH(QByteArray, fakeEnd);
        const QByteArray smuggled = "MAIL FROM:<admin@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n"
                                    "From: admin@example.com\r\nSubject: spoofed\r\n\r\nPay now\r\n";
        const QByteArray wire = "Subject: one\r\n\r\nhello" + fakeEnd + smuggled + ".\r\nNOOP\r\n";
        for (const bool trickle : { false, true }) {
            auto h = mxTransaction(*f, { "alice@example.com" });
            QVERIFY(h);
            QVERIFY(h->command("DATA").startsWith("354"));
            const QByteArray replies = trickle ? h->trickle(wire) : h->send(wire);
            // One reply for the whole text, then the NOOP: nothing smuggled ran.
            QCOMPARE(replies,
                QByteArray("550 5.6.11 bare LF/CR in message text (SMTP smuggling protection); use CRLF line "
                           "endings\r\n250 2.0.0 OK\r\n"));
            QVERIFY(h->logText().contains(QStringLiteral("SMTP smuggling protection")));
        }
        QVERIFY(f->intake.messages.empty());
        QCOMPARE(f->intake.open, 0);
    }

    void bareLineEndingsNormalised()
    {
        QVERIFY(f->setSetting(QStringLiteral("smtp.bareLineEndings"), QStringLiteral("normalize")));
        auto h = mxTransaction(*f, { "alice@example.com" });
        QVERIFY(h);
        QVERIFY(h->command("DATA").startsWith("354"));
        QCOMPARE(h->send("Subject: one\nX: 2\r\rbody\n.\nMAIL FROM:<evil@example.com>\r\n.\r\n"),
            QByteArray("250 2.0.0 Ok: queued as Q1\r\n"));
        QCOMPARE(afterReceived(f->intake.messages[0].bytes),
            QByteArray("Subject: one\r\nX: 2\r\n\r\nbody\r\n.\r\nMAIL FROM:<evil@example.com>\r\n"));
        QCOMPARE(f->intake.messages.size(), size_t(1));
        QVERIFY(h->logText().contains(QStringLiteral("normalised 3 bare LF and 2 bare CR to CRLF")));
    }

    void dotStuffingAndEmptyMessages()
    {
        auto h = mxTransaction(*f, { "alice@example.com" });
        QVERIFY(h);
        QVERIFY(h->command("DATA").startsWith("354"));
        QVERIFY(h->send("Subject: dots\r\n\r\n..\r\n...x\r\n.\r\n").startsWith("250"));
        QCOMPARE(afterReceived(f->intake.messages[0].bytes), QByteArray("Subject: dots\r\n\r\n.\r\n..x\r\n"));
        QVERIFY(h->command("MAIL FROM:<>").startsWith("250"));
        QVERIFY(h->command("RCPT TO:<alice@example.com>").startsWith("250"));
        QVERIFY(h->command("DATA").startsWith("354"));
        QVERIFY(h->send(".\r\n").startsWith("250"));
        QCOMPARE(afterReceived(f->intake.messages[1].bytes), QByteArray());
    }

    void largeMessageStreamsInChunks()
    {
        QVERIFY(f->setSetting(QStringLiteral("smtp.maxMessageSize"), 8 * 1024 * 1024));
        auto h = mxTransaction(*f, { "alice@example.com" });
        QVERIFY(h);
        QVERIFY(h->command("DATA").startsWith("354"));
        QByteArray line = QByteArray(998, 'x') + "\r\n";
        QByteArray text = "Subject: big\r\n\r\n";
        for (int i = 0; i < 4000; ++i)
            text += line;
        for (qsizetype pos = 0; pos < text.size(); pos += 16384)
            QCOMPARE(h->send(text.mid(pos, 16384)), QByteArray());
        QVERIFY(h->send(".\r\n").startsWith("250"));
        QCOMPARE(afterReceived(f->intake.messages[0].bytes), text);
        QVERIFY(f->intake.largestWrite <= 16384); // written as it came, not held until the end
    }

    void bdat()
    {
        auto h = mxTransaction(*f, { "alice@example.com" });
        QVERIFY(h);
        QCOMPARE(h->send("BDAT 16\r\nSubject: x\r\n\r\n.\rBDAT 7 LAST\r\n\nbody\r\n"),
            QByteArray("250 2.0.0 16 octets received\r\n250 2.0.0 Ok: queued as Q1\r\n"));
        QCOMPARE(afterReceived(f->intake.messages[0].bytes), QByteArray("Subject: x\r\n\r\n.\r\nbody\r\n"));
        // Pipelined from MAIL to BDAT LAST in one packet (RFC 3030 with PIPELINING), then BDAT 0 LAST.
        QCOMPARE(h->send("MAIL FROM:<>\r\nRCPT TO:<bob@example.com>\r\nBDAT 5\r\nhelloBDAT 0 LAST\r\nNOOP\r\n"),
            QByteArray("250 2.1.0 sender <> OK\r\n250 2.1.5 recipient <bob@example.com> OK\r\n"
                       "250 2.0.0 5 octets received\r\n250 2.0.0 Ok: queued as Q2\r\n250 2.0.0 OK\r\n"));
        QCOMPARE(afterReceived(f->intake.messages[1].bytes), QByteArray("hello"));
        // The same byte by byte.
        QVERIFY(h->trickle("MAIL FROM:<>\r\nRCPT TO:<bob@example.com>\r\nBDAT 3 LAST\r\nabc")
                    .endsWith("250 2.0.0 Ok: queued as Q3\r\n"));
    }

    void bdatRefusalsKeepTheSessionInStep()
    {
        QVERIFY(f->setSetting(QStringLiteral("smtp.maxProtocolErrors"), 100));
        auto h = mxTransaction(*f, {});
        QVERIFY(h);
        QCOMPARE(h->send("BDAT 9 LAST\r\nRCPT TO:<NOOP\r\n"),
            QByteArray("554 5.5.1 no valid recipients\r\n250 2.0.0 OK\r\n"));
        QVERIFY(h->command("RSET").startsWith("250"));
        QCOMPARE(
            h->send("BDAT 4\r\nQUITNOOP\r\n"), QByteArray("503 5.5.1 need MAIL and RCPT first\r\n250 2.0.0 OK\r\n"));
        QVERIFY(h->command("MAIL FROM:<>").startsWith("250"));
        QVERIFY(h->command("RCPT TO:<alice@example.com>").startsWith("250"));
        QVERIFY(h->send("BDAT 2\r\nab").startsWith("250"));
        QCOMPARE(
            h->command("DATA"), QByteArray("503 5.5.1 DATA cannot follow BDAT in one message; send RSET first\r\n"));
        QCOMPARE(h->command("RCPT TO:<bob@example.com>"),
            QByteArray("503 5.5.1 RCPT is not allowed once BDAT has started\r\n"));
        QCOMPARE(h->command("RSET"), QByteArray("250 2.0.0 OK\r\n"));
        QCOMPARE(f->intake.aborted, 1);
        QCOMPARE(h->command("BDAT ten"), QByteArray("501 5.5.4 syntax: BDAT size [LAST]; closing the connection\r\n"));
        QVERIFY(h->transport.closed);
        QVERIFY(f->intake.messages.empty());
    }

    void bdatSizeLimitAndBareLf()
    {
        QVERIFY(f->setSetting(QStringLiteral("smtp.maxMessageSize"), 1024));
        auto h = mxTransaction(*f, { "alice@example.com" });
        QVERIFY(h);
        QCOMPARE(h->send("BDAT 2000\r\n" + QByteArray(2000, 'x') + "BDAT 1 LAST\r\nyNOOP\r\n"),
            QByteArray("552 5.3.4 message size exceeds fixed maximum message size (1024 bytes)\r\n"
                       "503 5.5.1 need MAIL and RCPT first\r\n250 2.0.0 OK\r\n"));
        QVERIFY(h->command("MAIL FROM:<>").startsWith("250"));
        QVERIFY(h->command("RCPT TO:<alice@example.com>").startsWith("250"));
        QCOMPARE(h->send("BDAT 9 LAST\r\nA\n.\nMAIL\n"),
            QByteArray("550 5.6.11 bare LF/CR in message text (SMTP smuggling protection); use CRLF line endings\r\n"));
        QVERIFY(f->intake.messages.empty());
    }

    void submissionAddsMessageIdAndDate()
    {
        auto h = submissionSession(*f);
        QVERIFY(h);
        auto send = [&](const QByteArray& text) {
            if (!h->command("MAIL FROM:<alice@example.com>").startsWith("250")
                || !h->command("RCPT TO:<bob@example.com>").startsWith("250") || !h->command("DATA").startsWith("354"))
                return QByteArray("setup failed");
            if (!h->send(text + ".\r\n").startsWith("250"))
                return QByteArray("not queued");
            return f->intake.messages.back().bytes;
        };
        const QByteArray added = send("Subject: no id\r\n\r\nbody\r\n");
        const QRegularExpression expected(
            QStringLiteral("^Received: from client\\.example \\(\\[192\\.0\\.2\\.7\\]\\)\r\n"
                           "\t\\(using TLSv1\\.3 with cipher TLS_AES_256_GCM_SHA384 \\(256/256 bits\\)\\)\r\n"
                           "\tby smtp\\.example\\.com \\(Tegami\\) with ESMTPSA id [0-9a-f]+\\.1\r\n"
                           "\tfor <bob@example\\.com>; Wed, 04 Mar 2026 05:06:07 \\+0000\r\n"
                           "Message-ID: <[0-9a-f]{32}@smtp\\.example\\.com>\r\n"
                           "Date: Wed, 04 Mar 2026 05:06:07 \\+0000\r\n"
                           "Subject: no id\r\n\r\nbody\r\n$"));
        QVERIFY2(expected.match(QString::fromLatin1(added)).hasMatch(), added.constData());
        QVERIFY(h->logText().contains(QStringLiteral("added Message-ID and Date")));

        const QByteArray complete = "message-id: <x@y>\r\nDate : Tue, 3 Mar 2026 10:00:00 +0100\r\nSubject: s\r\n"
                                    "X-Folded: a\r\n Date: not a field\r\n\r\nbody\r\n";
        QCOMPARE(afterReceived(send(complete)), complete);
        const QByteArray onlyDate = send("Date: Tue, 3 Mar 2026 10:00:00 +0100\r\n\r\n");
        QVERIFY(onlyDate.contains("\r\nMessage-ID: <"));
        QCOMPARE(onlyDate.count("Date:"), 1);
        // Headers only, without a blank line: all of it is the header section.
        const QByteArray headersOnly = send("Subject: only\r\n");
        QVERIFY(headersOnly.contains("Message-ID: <"));
        QVERIFY(headersOnly.endsWith("Subject: only\r\n"));
    }

    void commitFailuresGive451()
    {
        auto h = mxTransaction(*f, { "alice@example.com" });
        QVERIFY(h);
        f->intake.failBegin = true;
        QCOMPARE(h->command("DATA"), QByteArray("451 4.3.0 cannot queue the message right now; try again later\r\n"));
        QVERIFY(h->logText().contains(QStringLiteral("cannot start a message in the spool")));
        f->intake.failBegin = false;
        h = mxTransaction(*f, { "alice@example.com" });
        f->intake.failCommit = true;
        QVERIFY(h->command("DATA").startsWith("354"));
        QCOMPARE(h->send(kMessage + ".\r\n"),
            QByteArray("451 4.3.0 cannot queue the message right now; try again later\r\n"));
        QVERIFY(h->logText().contains(QStringLiteral("message not queued: fsync failed")));
        f->intake.failCommit = false;
        h = mxTransaction(*f, { "alice@example.com" });
        f->intake.failWrites = true;
        QVERIFY(h->command("DATA").startsWith("354"));
        QCOMPARE(h->send(kMessage + ".\r\nNOOP\r\n"),
            QByteArray("451 4.3.0 cannot queue the message right now; try again later\r\n250 2.0.0 OK\r\n"));
        QVERIFY(f->intake.messages.empty());
        QCOMPARE(f->intake.open, 0);
    }

    void connectionLostDuringData()
    {
        auto h = mxTransaction(*f, { "alice@example.com" });
        QVERIFY(h);
        QVERIFY(h->command("DATA").startsWith("354"));
        h->send("Subject: cut\r\n\r\nhalf");
        h->session->connectionLost(QStringLiteral("client closed the connection"));
        QVERIFY(h->transport.closed);
        QVERIFY(f->intake.messages.empty());
        QCOMPARE(f->intake.aborted, 1);
        QVERIFY(h->logText().contains(QStringLiteral("session ended during a message: nothing was queued")));
    }
};

QTEST_GUILESS_MAIN(TestSmtpData)
#include "TestSmtpData.moc"
