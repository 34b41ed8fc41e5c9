// SmtpRemoteTransport against an in-process SMTP server in plain text: the byte-exact
// transcript, per-recipient results, host failover, timeouts, extensions, cancel.

#include <QTemporaryDir>
#include <QTest>

#include "OutboundTestUtil.h"

using namespace tegami;
using namespace tegami::test;

namespace {

using Status = RecipientResult::Status;

QString describe(const RecipientResult& r)
{
    const char* s = r.status == Status::Delivered ? "ok" : r.status == Status::TemporaryFailure ? "temp" : "perm";
    return QStringLiteral("%1 %2 %3 %4").arg(QLatin1String(s)).arg(r.replyCode).arg(r.enhancedCode, r.address);
}

QStringList describe(const std::optional<std::vector<RecipientResult>>& results)
{
    if (!results)
        return { QStringLiteral("no result") };
    QStringList out;
    for (const RecipientResult& r : *results)
        out << describe(r);
    return out;
}

} // namespace

class TestOutboundClient : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString messagePath() const { return m_dir.filePath(QStringLiteral("message.eml")); }

    // A harness whose MX hosts live on the port of `server`; example.net's MX is mx1 -> 127.0.0.1.
    std::unique_ptr<TransportHarness> harness(const FakeSmtpServer& server)
    {
        auto h = std::make_unique<TransportHarness>(testTransportOptions(server.serverPort()));
        h->dns->setMx(QStringLiteral("example.net"), { { QStringLiteral("mx1.example.net"), 10 } });
        h->dns->setHost(QStringLiteral("mx1.example.net"), { QStringLiteral("127.0.0.1") });
        return h;
    }

private Q_SLOTS:
    void plainDeliveryIsByteExact()
    {
        FakeSmtpServer server;
        auto h = harness(server);
        const QByteArray message = "Subject: dots\r\n\r\n.leading dot\r\n..two\r\nmiddle . dot\r\n.\r\nlast line";
        RemoteDelivery d = makeDelivery(messagePath(), message, { QStringLiteral("bob@example.net") });
        d.eightBitMime = true;
        bool early = false;
        std::optional<std::vector<RecipientResult>> results;
        h->transport->deliver(d, [&](std::vector<RecipientResult> r) { results = std::move(r); });
        early = results.has_value();
        QVERIFY(!early); // never from inside deliver()
        QVERIFY(QTest::qWaitFor([&] { return results.has_value(); }, 10000));
        QCOMPARE(describe(results), QStringList { "ok 250 2.0.0 bob@example.net" });
        QCOMPARE(results->front().text, QStringLiteral("queued as 1234"));
        QCOMPARE(results->front().remoteHost, QStringLiteral("mx1.example.net [127.0.0.1]"));

        QTRY_COMPARE(server.sessions.size(), 1);
        QTRY_VERIFY(server.sessions[0].closed);
        const FakeSmtpSession& s = server.sessions[0];
        QCOMPARE(s.commands,
            (QByteArrayList { "EHLO tegami.test", "MAIL FROM:<alice@tegami.test> BODY=8BITMIME",
                "RCPT TO:<bob@example.net>", "DATA", "QUIT" }));
        QCOMPARE(s.messages,
            QList<QByteArray> {
                "Subject: dots\r\n\r\n..leading dot\r\n...two\r\nmiddle . dot\r\n..\r\nlast line\r\n" });

        const QString log = h->logText();
        QVERIFY2(log.contains(QLatin1String("> 220 fake.test ESMTP ready")), qPrintable(log));
        QVERIFY(log.contains(QLatin1String("< EHLO tegami.test")));
        QVERIFY(log.contains(QLatin1String("MX for example.net: 10 mx1.example.net")));
        QVERIFY(log.contains(QLatin1String("1 delivered, 0 deferred, 0 failed")));
    }

    void largeMessageStreams()
    {
        FakeSmtpServer server;
        auto h = harness(server);
        QByteArray message = "Subject: big\r\n\r\n";
        QByteArray expected = message;
        for (int i = 0; i < 60000; ++i) {
            const QByteArray line = (i % 3 == 0 ? "." : "") + QByteArray::number(i) + QByteArray(40, 'x') + "\r\n";
            message += line;
            expected += (i % 3 == 0 ? "." : "") + line;
        }
        const auto results = h->deliver(makeDelivery(messagePath(), message, { QStringLiteral("bob@example.net") }));
        QCOMPARE(describe(results), QStringList { "ok 250 2.0.0 bob@example.net" });
        QCOMPARE(server.sessions[0].messages.size(), 1);
        QCOMPARE(server.sessions[0].messages[0].size(), expected.size());
        QVERIFY(server.sessions[0].messages[0] == expected);
    }

    void perRecipientResults()
    {
        FakeSmtpScript script;
        script.rcptReplies["later@example.net"] = "450 4.2.1 mailbox busy";
        script.rcptReplies["nobody@example.net"] = "550 5.1.1 no such user";
        script.dataEndReply = "250-2.0.0 accepted\r\n250 2.0.0 queued as 77";
        FakeSmtpServer server(script);
        auto h = harness(server);
        const auto results = h->deliver(makeDelivery(messagePath(), "Subject: x\r\n\r\nhi\r\n",
            { QStringLiteral("bob@example.net"), QStringLiteral("later@example.net"),
                QStringLiteral("nobody@example.net") }));
        QCOMPARE(describe(results),
            (QStringList { "ok 250 2.0.0 bob@example.net", "temp 450 4.2.1 later@example.net",
                "perm 550 5.1.1 nobody@example.net" }));
        QCOMPARE((*results)[0].text, QStringLiteral("accepted queued as 77"));
        QCOMPARE((*results)[2].text, QStringLiteral("no such user"));
        QCOMPARE(server.sessions[0].messages.size(), 1);
    }

    void noRecipientAccepted()
    {
        FakeSmtpScript script;
        script.rcptReplies["a@example.net"] = "550 5.1.1 no";
        script.rcptReplies["b@example.net"] = "451 4.3.0 later";
        FakeSmtpServer server(script);
        auto h = harness(server);
        const auto results = h->deliver(
            makeDelivery(messagePath(), "x\r\n", { QStringLiteral("a@example.net"), QStringLiteral("b@example.net") }));
        QCOMPARE(describe(results), (QStringList { "perm 550 5.1.1 a@example.net", "temp 451 4.3.0 b@example.net" }));
        QTRY_VERIFY(server.sessions[0].closed);
        QVERIFY(!server.sessions[0].commands.contains("DATA"));
        QCOMPARE(server.sessions[0].commands.last(), QByteArray("QUIT"));
    }

    void greetingRefused()
    {
        FakeSmtpScript refusing;
        refusing.greeting = "554 5.7.1 no mail from you";
        FakeSmtpServer server(refusing);
        auto h = harness(server);
        auto results = h->deliver(makeDelivery(messagePath(), "x\r\n", { QStringLiteral("bob@example.net") }));
        QCOMPARE(describe(results), QStringList { "perm 554 5.7.1 bob@example.net" });
        QVERIFY((*results)[0].text.contains(QLatin1String("refused the connection")));

        // With a second MX that works, the refusing one is skipped.
        FakeSmtpServer good({}, QHostAddress(QStringLiteral("127.0.0.3")), server.serverPort());
        QVERIFY(good.isListening());
        h->dns->setMx(QStringLiteral("example.net"),
            { { QStringLiteral("mx1.example.net"), 10 }, { QStringLiteral("mx2.example.net"), 20 } });
        h->dns->setHost(QStringLiteral("mx2.example.net"), { QStringLiteral("127.0.0.3") });
        results = h->deliver(makeDelivery(messagePath(), "x\r\n", { QStringLiteral("bob@example.net") }));
        QCOMPARE(describe(results), QStringList { "ok 250 2.0.0 bob@example.net" });
        QCOMPARE((*results)[0].remoteHost, QStringLiteral("mx2.example.net [127.0.0.3]"));
    }

    void closingMidSessionTriesNextHost()
    {
        FakeSmtpScript closing;
        closing.replies["RCPT"] = "421 4.3.2 shutting down";
        FakeSmtpServer server(closing);
        auto h = harness(server);
        auto results = h->deliver(makeDelivery(messagePath(), "x\r\n", { QStringLiteral("bob@example.net") }));
        QCOMPARE(describe(results), QStringList { "temp 421 4.3.2 bob@example.net" });

        FakeSmtpServer good({}, QHostAddress(QStringLiteral("127.0.0.3")), server.serverPort());
        h->dns->setMx(QStringLiteral("example.net"),
            { { QStringLiteral("mx1.example.net"), 10 }, { QStringLiteral("mx2.example.net"), 20 } });
        h->dns->setHost(QStringLiteral("mx2.example.net"), { QStringLiteral("127.0.0.3") });
        results = h->deliver(makeDelivery(messagePath(), "x\r\n", { QStringLiteral("bob@example.net") }));
        QCOMPARE(describe(results), QStringList { "ok 250 2.0.0 bob@example.net" });
        QCOMPARE(good.sessions.size(), 1);
    }

    void connectionRefusedTriesNextHost()
    {
        FakeSmtpServer server;
        auto h = harness(server);
        // mx1 resolves to 127.0.0.2 where nothing listens, then to the server.
        h->dns->setHost(
            QStringLiteral("mx1.example.net"), { QStringLiteral("127.0.0.2"), QStringLiteral("127.0.0.1") });
        auto results = h->deliver(makeDelivery(messagePath(), "x\r\n", { QStringLiteral("bob@example.net") }));
        QCOMPARE(describe(results), QStringList { "ok 250 2.0.0 bob@example.net" });
        QVERIFY(h->logText().contains(QLatin1String("connection refused by mx1.example.net [127.0.0.2]")));

        // Nothing listens anywhere: a temporary failure with the last reason.
        h->dns->setHost(QStringLiteral("mx1.example.net"), { QStringLiteral("127.0.0.2") });
        results = h->deliver(makeDelivery(messagePath(), "x\r\n", { QStringLiteral("bob@example.net") }));
        QCOMPARE(describe(results), QStringList { "temp 0 4.4.1 bob@example.net" });
        QVERIFY((*results)[0].text.contains(QLatin1String("connection refused")));
    }

    void timeouts()
    {
        FakeSmtpScript silent;
        silent.silent = true;
        FakeSmtpServer server(silent);
        SmtpRemoteTransport::Options options = testTransportOptions(server.serverPort());
        options.timeouts.greetingMs = 300;
        TransportHarness h(options);
        h.dns->setMx(QStringLiteral("example.net"), { { QStringLiteral("mx1.example.net"), 10 } });
        h.dns->setHost(QStringLiteral("mx1.example.net"), { QStringLiteral("127.0.0.1") });
        QElapsedTimer timer;
        timer.start();
        const auto results = h.deliver(makeDelivery(messagePath(), "x\r\n", { QStringLiteral("bob@example.net") }));
        QCOMPARE(describe(results), QStringList { "temp 0 4.4.1 bob@example.net" });
        QVERIFY((*results)[0].text.contains(QLatin1String("while waiting for the greeting")));
        QVERIFY(timer.elapsed() < 5000);
        QTRY_COMPARE(server.openConnections(), 0);

        // No reply to the end of the data: it may have been delivered, so no second host.
        FakeSmtpScript slow;
        slow.dataEndReply = "";
        FakeSmtpServer mute(slow, QHostAddress(QStringLiteral("127.0.0.3")), server.serverPort());
        SmtpRemoteTransport::Options o2 = testTransportOptions(server.serverPort());
        o2.timeouts.dataEndMs = 300;
        TransportHarness h2(o2);
        h2.dns->setMx(QStringLiteral("example.net"),
            { { QStringLiteral("mx1.example.net"), 10 }, { QStringLiteral("mx2.example.net"), 20 } });
        h2.dns->setHost(QStringLiteral("mx1.example.net"), { QStringLiteral("127.0.0.3") });
        h2.dns->setHost(QStringLiteral("mx2.example.net"), { QStringLiteral("127.0.0.1") });
        server.script.silent = false;
        const auto r2 = h2.deliver(makeDelivery(messagePath(), "x\r\n", { QStringLiteral("bob@example.net") }));
        QCOMPARE(describe(r2), QStringList { "temp 0 4.4.2 bob@example.net" });
        QVERIFY((*r2)[0].text.contains(QLatin1String("may have been delivered")));
        QCOMPARE(server.sessions.size(), 1); // only the first test's connection
    }

    void heloFallback()
    {
        FakeSmtpScript old;
        old.ehloReply = "502 5.5.2 what is EHLO";
        FakeSmtpServer server(old);
        auto h = harness(server);
        RemoteDelivery d = makeDelivery(messagePath(), "x\r\n", { QStringLiteral("bob@example.net") });
        d.eightBitMime = true;
        d.recipients[0].notify = DsnNotifySuccess;
        const auto results = h->deliver(d);
        QCOMPARE(describe(results), QStringList { "ok 250 2.0.0 bob@example.net" });
        QCOMPARE(server.sessions[0].commands.mid(0, 4),
            (QByteArrayList { "EHLO tegami.test", "HELO tegami.test", "MAIL FROM:<alice@tegami.test>",
                "RCPT TO:<bob@example.net>" }));
        const QString log = h->logText();
        QVERIFY(log.contains(QLatin1String("does not offer 8BITMIME")));
        QVERIFY(log.contains(QLatin1String("does not offer DSN")));
    }

    void sizeLimit()
    {
        FakeSmtpScript script;
        script.ehloKeywords << "SIZE 100";
        FakeSmtpServer server(script);
        auto h = harness(server);
        auto results
            = h->deliver(makeDelivery(messagePath(), QByteArray(500, 'x'), { QStringLiteral("bob@example.net") }));
        QCOMPARE(describe(results), QStringList { "perm 0 5.3.4 bob@example.net" });
        QVERIFY((*results)[0].text.contains(QLatin1String("larger than")));
        QTRY_VERIFY(server.sessions[0].closed);
        QCOMPARE(server.sessions[0].commands, (QByteArrayList { "EHLO tegami.test", "QUIT" }));

        results = h->deliver(makeDelivery(messagePath(), QByteArray(50, 'x'), { QStringLiteral("bob@example.net") }));
        QCOMPARE(describe(results), QStringList { "ok 250 2.0.0 bob@example.net" });
        QCOMPARE(server.sessions[1].commands[1], QByteArray("MAIL FROM:<alice@tegami.test> SIZE=50"));
    }

    void smtpUtf8()
    {
        FakeSmtpServer server;
        auto h = harness(server);
        RemoteDelivery d
            = makeDelivery(messagePath(), "Subject: hi\r\n\r\nx\r\n", { QString::fromUtf8("j\xc3\xb6rg@example.net") });
        d.smtpUtf8 = true;
        auto results = h->deliver(d);
        QCOMPARE(describe(results), QStringList { QString::fromUtf8("perm 0 5.6.7 j\xc3\xb6rg@example.net") });
        QVERIFY((*results)[0].text.contains(QLatin1String("SMTPUTF8")));

        // Requested, but nothing needs it: sent without.
        d = makeDelivery(messagePath(), "Subject: hi\r\n\r\nx\r\n", { QStringLiteral("bob@example.net") });
        d.smtpUtf8 = true;
        results = h->deliver(d);
        QCOMPARE(describe(results), QStringList { "ok 250 2.0.0 bob@example.net" });
        // UTF-8 in the header needs it.
        d = makeDelivery(
            messagePath(), "Subject: \xc3\xa9t\xc3\xa9\r\n\r\nx\r\n", { QStringLiteral("bob@example.net") });
        d.smtpUtf8 = true;
        QCOMPARE(describe(h->deliver(d)), QStringList { "perm 0 5.6.7 bob@example.net" });

        server.script.ehloKeywords << "SMTPUTF8";
        d = makeDelivery(
            messagePath(), "Subject: \xc3\xa9t\xc3\xa9\r\n\r\nx\r\n", { QString::fromUtf8("j\xc3\xb6rg@example.net") });
        d.smtpUtf8 = true;
        QCOMPARE(describe(h->deliver(d)), QStringList { QString::fromUtf8("ok 250 2.0.0 j\xc3\xb6rg@example.net") });
        const QByteArrayList& cmds = server.sessions.last().commands;
        QCOMPARE(cmds[1], QByteArray("MAIL FROM:<alice@tegami.test> SMTPUTF8"));
        QCOMPARE(cmds[2], QByteArray("RCPT TO:<j\xc3\xb6rg@example.net>"));
    }

    void dsnOnlyWhenAdvertised()
    {
        FakeSmtpServer server;
        auto h = harness(server);
        RemoteDelivery d = makeDelivery(messagePath(), "x\r\n", { QStringLiteral("bob@example.net") });
        d.envId = QStringLiteral("env+1");
        d.ret = DsnRet::Headers;
        d.recipients[0].notify = DsnNotifyFailure | DsnNotifyDelay;
        d.recipients[0].orcpt = QStringLiteral("rfc822;bob@example.net");
        QCOMPARE(describe(h->deliver(d)), QStringList { "ok 250 2.0.0 bob@example.net" });
        QCOMPARE(server.sessions[0].commands[1], QByteArray("MAIL FROM:<alice@tegami.test>"));
        QCOMPARE(server.sessions[0].commands[2], QByteArray("RCPT TO:<bob@example.net>"));

        server.script.ehloKeywords << "DSN";
        QCOMPARE(describe(h->deliver(d)), QStringList { "ok 250 2.0.0 bob@example.net" });
        QCOMPARE(server.sessions[1].commands[1], QByteArray("MAIL FROM:<alice@tegami.test> RET=HDRS ENVID=env+2B1"));
        QCOMPARE(server.sessions[1].commands[2],
            QByteArray("RCPT TO:<bob@example.net> NOTIFY=FAILURE,DELAY ORCPT=rfc822;bob@example.net"));
    }

    void refusedWhileSending()
    {
        FakeSmtpScript script;
        script.dataEarlyReply = "552 5.3.4 message too big for this mailbox";
        FakeSmtpServer server(script);
        auto h = harness(server);
        QByteArray big;
        for (int i = 0; i < 100000; ++i)
            big += "line " + QByteArray::number(i) + "\r\n";
        const auto results = h->deliver(makeDelivery(messagePath(), big, { QStringLiteral("bob@example.net") }));
        QCOMPARE(describe(results), QStringList { "perm 552 5.3.4 bob@example.net" });
        QCOMPARE(server.sessions.size(), 1);
        QVERIFY(!h->logText().contains(QLatin1String("<message data"))); // the reply came before the end
    }

    void mailFromRefused()
    {
        FakeSmtpScript script;
        script.replies["MAIL"] = "553 5.7.1 sender rejected";
        FakeSmtpServer server(script);
        auto h = harness(server);
        const auto results = h->deliver(
            makeDelivery(messagePath(), "x\r\n", { QStringLiteral("a@example.net"), QStringLiteral("b@example.net") }));
        QCOMPARE(describe(results), (QStringList { "perm 553 5.7.1 a@example.net", "perm 553 5.7.1 b@example.net" }));
    }

    void routeFailureAndUnreadableSpool()
    {
        FakeSmtpServer server;
        auto h = harness(server);
        auto results = h->deliver(makeDelivery(
            messagePath(), "x\r\n", { QStringLiteral("bob@nowhere.example") }, QStringLiteral("nowhere.example")));
        QCOMPARE(describe(results), QStringList { "perm 0 5.1.2 bob@nowhere.example" });
        QCOMPARE((*results)[0].remoteHost, QString());

        RemoteDelivery d = makeDelivery(messagePath(), "x\r\n", { QStringLiteral("bob@example.net") });
        d.messagePath = m_dir.filePath(QStringLiteral("missing.eml"));
        results = h->deliver(d);
        QCOMPARE(describe(results), QStringList { "temp 0 4.3.0 bob@example.net" });
        QTRY_VERIFY(server.sessions.last().closed);
        QVERIFY(!server.sessions.last().commands.contains("DATA"));
    }

    void settingsApplyPerDelivery()
    {
        FakeSmtpServer server;
        auto h = harness(server);
        h->set(QStringLiteral("outbound.routes"),
            QJsonArray { QStringLiteral("example.net=127.0.0.1:%1").arg(server.serverPort()) });
        auto results = h->deliver(makeDelivery(messagePath(), "x\r\n", { QStringLiteral("bob@example.net") }));
        QCOMPARE(describe(results), QStringList { "ok 250 2.0.0 bob@example.net" });
        QCOMPARE((*results)[0].remoteHost, QStringLiteral("127.0.0.1"));
        QVERIFY(!h->dns->queries.contains(QStringLiteral("MX example.net")));
        h->set(QStringLiteral("smtp.fqdn"), QStringLiteral("mx.tegami.test"));
        results = h->deliver(makeDelivery(messagePath(), "x\r\n", { QStringLiteral("bob@example.net") }));
        QCOMPARE(server.sessions.last().commands.first(), QByteArray("EHLO mx.tegami.test"));
    }

    void cancel()
    {
        FakeSmtpScript silent;
        silent.silent = true;
        FakeSmtpServer server(silent);
        auto h = harness(server);
        bool called = false;
        const quint64 handle
            = h->transport->deliver(makeDelivery(messagePath(), "x\r\n", { QStringLiteral("bob@example.net") }),
                [&called](std::vector<RecipientResult>) { called = true; });
        QTRY_COMPARE(server.openConnections(), 1);
        h->transport->cancel(handle);
        h->transport->cancel(handle + 100); // unknown: ignored
        QTRY_COMPARE(server.openConnections(), 0);
        QTest::qWait(100);
        QVERIFY(!called);
        QCOMPARE(h->transport->activeDeliveries(), 0);

        // Cancelled while the route is being resolved.
        const quint64 second
            = h->transport->deliver(makeDelivery(messagePath(), "x\r\n", { QStringLiteral("bob@example.net") }),
                [&called](auto) { called = true; });
        h->transport->cancel(second);
        QTest::qWait(100);
        QVERIFY(!called);
        QCOMPARE(server.sessions.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestOutboundClient)
#include "TestOutboundClient.moc"
