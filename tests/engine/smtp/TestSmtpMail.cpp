// An SMTP session driven without sockets, the envelope: local delivery on the MX, the
// relay policy against every trick, trusted networks, submission and POP-before-SMTP, the
// sender check, transaction order, pipelining, recipient limits, quotas, DSN and MAIL/RCPT
// parameters. The message text is in TestSmtpData.

#include <QJsonArray>

#include "SmtpTestFixture.h"

using namespace tegami;
using namespace tegami::smtptest;

class TestSmtpMail : public QObject {
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

    void mxAcceptsLocalMail()
    {
        auto h = mxTransaction(*f, { "Alice@EXAMPLE.com" });
        QVERIFY(h);
        QCOMPARE(h->command("DATA"), QByteArray("354 End data with <CR><LF>.<CR><LF>\r\n"));
        QCOMPARE(h->send(kMessage + ".\r\n"), QByteArray("250 2.0.0 Ok: queued as Q1\r\n"));
        QCOMPARE(f->intake.messages.size(), size_t(1));
        const SpooledMessage& m = f->intake.messages[0];
        const QByteArray received = "Received: from client.example ([192.0.2.7])\r\n\tby mx.example.com (Tegami) with "
                                    "ESMTP id "
            + h->log.sid().toLatin1() + ".1\r\n\tfor <alice@example.com>; Wed, 04 Mar 2026 05:06:07 +0000\r\n";
        QCOMPARE(m.bytes, received + kMessage); // the MX adds no Message-ID or Date
        QCOMPARE(m.envelope.sender, QStringLiteral("carol@elsewhere.example"));
        QCOMPARE(m.envelope.recipients, std::vector<EnvelopeRecipient>({ { alice, {}, 0 } }));
        QCOMPARE(m.envelope.receivedVia, Protocol::Smtp);
        QCOMPARE(m.envelope.authenticatedUser, QString());
        QCOMPARE(m.envelope.remoteAddress, QStringLiteral("192.0.2.7"));
        QCOMPARE(m.envelope.heloName, QStringLiteral("client.example"));
        QCOMPARE(m.envelope.receivedAt, f->clock.now());
        QCOMPARE(m.envelope.sessionId, h->log.sid());
        QVERIFY(h->logText().contains(QStringLiteral("queued as Q1: from <carol@elsewhere.example> to 1 recipients")));
        // The session goes on: a second message in the same connection.
        QVERIFY(h->command("MAIL FROM:<>").startsWith("250 2.1.0 sender <> OK"));
        QVERIFY(h->command("RCPT TO:<bob@example.com>").startsWith("250"));
        QVERIFY(h->command("DATA").startsWith("354"));
        QCOMPARE(h->send("Subject: bounce\r\n\r\n.\r\n"), QByteArray("250 2.0.0 Ok: queued as Q2\r\n"));
        QCOMPARE(f->intake.messages[1].envelope.sender, QString());
        QVERIFY(f->intake.messages[1].bytes.contains(".2\r\n\tfor <bob@example.com>"));
    }

    void mxAcceptsAliasesAndPostmaster()
    {
        QVERIFY(f->accounts->addAlias(QStringLiteral("postmaster@example.com"), { alice }).ok());
        auto h = mxTransaction(*f, { "sales@example.com", "outside@example.com" });
        QVERIFY(h);
        QCOMPARE(h->command("RCPT TO:<Postmaster>"), QByteArray("250 2.1.5 recipient <postmaster@example.com> OK\r\n"));
        QCOMPARE(
            h->command("RCPT TO:<SALES@example.com>"), QByteArray("250 2.1.5 recipient <sales@example.com> OK\r\n"));
        QVERIFY(h->command("DATA").startsWith("354"));
        QVERIFY(h->send(kMessage + ".\r\n").startsWith("250 2.0.0"));
        // Stored as given (normalised), once each; the queue expands aliases at delivery.
        const std::vector<EnvelopeRecipient> expected { { sales, {}, 0 },
            { QStringLiteral("outside@example.com"), {}, 0 }, { QStringLiteral("postmaster@example.com"), {}, 0 } };
        QCOMPARE(f->intake.messages[0].envelope.recipients, expected);
        QVERIFY(!f->intake.messages[0].bytes.contains("\tfor <")); // several recipients: none named
    }

    void unknownLocalUser()
    {
        auto h = mxTransaction(*f, {});
        QVERIFY(h);
        QCOMPARE(h->command("RCPT TO:<nobody@example.com>"),
            QByteArray("550 5.1.1 <nobody@example.com>: no such user here\r\n"));
        QVERIFY(h->logText().contains(QStringLiteral("nobody@example.com is not a mailbox or alias here")));
        QCOMPARE(h->command("DATA"), QByteArray("554 5.5.1 no valid recipients\r\n"));
    }

    void relayRefusedForEveryTrick_data()
    {
        QTest::addColumn<QByteArray>("recipient");
        QTest::addColumn<QByteArray>("reply");
        QTest::newRow("other domain") << QByteArray("friend@elsewhere.example")
                                      << QByteArray("550 5.7.1 <friend@elsewhere.example>: relay access denied");
        QTest::newRow("upper case") << QByteArray("Friend@ELSEWHERE.example")
                                    << QByteArray("550 5.7.1 <friend@elsewhere.example>: relay access denied");
        QTest::newRow("percent hack") << QByteArray("friend%elsewhere.example@example.com")
                                      << QByteArray("550 5.7.1 <friend%elsewhere.example@example.com>: relaying "
                                                    "denied: the percent hack (user%host@domain) is not accepted");
        QTest::newRow("source route") << QByteArray("@example.com:friend@elsewhere.example")
                                      << QByteArray("550 5.7.1 <@example.com:friend@elsewhere.example>: relaying "
                                                    "denied: source routes (@host:user@domain) are not accepted");
        QTest::newRow("source route list")
            << QByteArray("@example.com,@mx.example.com:friend@elsewhere.example") << QByteArray("550 5.7.1 <@");
        QTest::newRow("quoted local part")
            << QByteArray("\"friend@elsewhere.example\"@example.com")
            << QByteArray("550 5.7.1 <\"friend@elsewhere.example\"@example.com>: relaying denied: quoted local "
                          "parts are not accepted");
        QTest::newRow("bang path") << QByteArray("elsewhere.example!friend@example.com")
                                   << QByteArray("550 5.7.1 <elsewhere.example!friend@example.com>: relaying denied: "
                                                 "bang paths (host!user) are not accepted");
        QTest::newRow("bang path without domain")
            << QByteArray("elsewhere.example!friend") << QByteArray("550 5.7.1 <elsewhere.example!friend>: relaying");
        QTest::newRow("two @") << QByteArray("friend@elsewhere.example@example.com")
                               << QByteArray("550 5.7.1 <friend@elsewhere.example@example.com>: relaying denied: an "
                                             "address with more than one '@' is not accepted");
        QTest::newRow("address literal") << QByteArray("friend@[192.0.2.99]")
                                         << QByteArray("550 5.7.1 <friend@[192.0.2.99]>: relaying denied: address "
                                                       "literals (user@[192.0.2.1]) are not accepted");
        QTest::newRow("trailing dot domain") << QByteArray("friend@elsewhere.example.") << QByteArray("5");
    }

    void relayRefusedForEveryTrick()
    {
        QFETCH(QByteArray, recipient);
        QFETCH(QByteArray, reply);
        auto h = mxTransaction(*f, {});
        QVERIFY(h);
        const QByteArray answer = h->command("RCPT TO:<" + recipient + ">");
        QVERIFY2(answer.startsWith(reply), answer.constData());
        QVERIFY(answer.startsWith("5"));
        QVERIFY(h->logText().contains(QStringLiteral("relay refused for")) || !answer.startsWith("550"));
        QCOMPARE(h->command("DATA"), QByteArray("554 5.5.1 no valid recipients\r\n"));
        QVERIFY(f->intake.messages.empty());
    }

    void relayAllowedWhenAuthenticatedOrTrusted()
    {
        Harness mx(*f, Protocol::Smtp);
        QVERIFY(mx.command("STARTTLS").startsWith("220"));
        mx.completeTls();
        QVERIFY(mx.ehlo());
        QVERIFY(mx.login());
        QVERIFY(mx.command("MAIL FROM:<alice@example.com>").startsWith("250"));
        QCOMPARE(mx.command("RCPT TO:<friend@elsewhere.example>"),
            QByteArray("250 2.1.5 recipient <friend@elsewhere.example> OK\r\n"));
        QVERIFY(mx.logText().contains(QStringLiteral("relaying to friend@elsewhere.example: authenticated as")));

        QVERIFY(f->setSetting(QStringLiteral("smtp.trustedNetworks"), QJsonArray { QStringLiteral("192.0.2.0/24") }));
        QVERIFY(mxTransaction(*f, { "friend@elsewhere.example" }, {}, QStringLiteral("192.0.2.50")));
        QVERIFY(mxTransaction(*f, { "friend@elsewhere.example" }, {}, QStringLiteral("::ffff:192.0.2.50")));
        auto outside = mxTransaction(*f, {}, {}, QStringLiteral("198.51.100.1"));
        QVERIFY(outside);
        QVERIFY(outside->command("RCPT TO:<friend@elsewhere.example>").startsWith("550 5.7.1"));
        // Tricks stay refused even for trusted clients: they are never what a client means.
        auto trusted = mxTransaction(*f, {}, {}, QStringLiteral("192.0.2.50"));
        QVERIFY(trusted->command("RCPT TO:<friend%elsewhere.example@example.com>").startsWith("550 5.7.1"));
    }

    void submissionRequiresAuth()
    {
        Harness plain(*f, Protocol::Submission);
        QVERIFY(plain.ehlo());
        QCOMPARE(plain.command("MAIL FROM:<alice@example.com>"),
            QByteArray("530 5.7.0 must issue a STARTTLS command first, then AUTH\r\n"));
        QCOMPARE(plain.command("RCPT TO:<bob@example.com>"), QByteArray("503 5.5.1 need MAIL before RCPT\r\n"));
        Harness tls(*f, Protocol::Submission, true);
        QVERIFY(tls.ehlo());
        QCOMPARE(tls.command("MAIL FROM:<alice@example.com>"), QByteArray("530 5.7.0 authentication required\r\n"));
        QVERIFY(tls.logText().contains(QStringLiteral("submission needs AUTH")));
        // Trusted networks are for the MX listener only.
        QVERIFY(f->setSetting(QStringLiteral("smtp.trustedNetworks"), QJsonArray { QStringLiteral("192.0.2.0/24") }));
        QVERIFY(tls.command("MAIL FROM:<alice@example.com>").startsWith("530"));
        QVERIFY(tls.login());
        QVERIFY(tls.command("MAIL FROM:<alice@example.com>").startsWith("250"));
        QVERIFY(tls.command("RCPT TO:<friend@elsewhere.example>").startsWith("250"));
        QVERIFY(tls.command("DATA").startsWith("354"));
        QVERIFY(tls.send(kMessage + ".\r\n").startsWith("250 2.0.0 Ok: queued as Q1"));
        const Envelope& e = f->intake.messages[0].envelope;
        QCOMPARE(e.authenticatedUser, alice);
        QCOMPARE(e.receivedVia, Protocol::Submission);
    }

    void popBeforeSmtp()
    {
        Harness off(*f, Protocol::Submission, true);
        f->popBeforeSmtp->recordLogin(QStringLiteral("192.0.2.7"), alice);
        QVERIFY(off.ehlo());
        QVERIFY(off.command("MAIL FROM:<alice@example.com>").startsWith("530")); // not enabled
        QVERIFY(f->setSetting(QStringLiteral("submission.popBeforeSmtp"), true));
        QVERIFY(f->setSetting(QStringLiteral("submission.popBeforeSmtpMinutes"), 10));
        f->clock.advanceSecs(9 * 60);
        Harness h(*f, Protocol::Submission, false);
        QVERIFY(h.ehlo());
        QCOMPARE(h.command("MAIL FROM:<alice@example.com>"), QByteArray("250 2.1.0 sender <alice@example.com> OK\r\n"));
        QVERIFY2(h.logText().contains(QStringLiteral("POP-before-SMTP: alice@example.com logged in by POP3 from "
                                                     "192.0.2.7")),
            qPrintable(h.logged));
        QCOMPARE(h.session->user(), alice);
        QVERIFY(h.command("RCPT TO:<friend@elsewhere.example>").startsWith("250"));
        QVERIFY(h.command("DATA").startsWith("354"));
        QVERIFY(h.send(kMessage + ".\r\n").startsWith("250"));
        const SpooledMessage& m = f->intake.messages[0];
        QCOMPARE(m.envelope.authenticatedUser, alice);
        QVERIFY(m.bytes.contains(" with ESMTP id ")); // not SMTP AUTH, so no "A"
        QVERIFY(h.command("MAIL FROM:<bob@example.com>").startsWith("553 5.7.1")); // the sender check applies

        // Another address, or after the window: nothing.
        Harness other(*f, Protocol::Submission, false, QStringLiteral("192.0.2.8"));
        QVERIFY(other.ehlo());
        QVERIFY(other.command("MAIL FROM:<alice@example.com>").startsWith("530"));
        QVERIFY(other.logText().contains(QStringLiteral("no POP3 login from 192.0.2.8 in the last 10 minutes")));
        f->clock.advanceSecs(2 * 60);
        Harness late(*f, Protocol::Submission, false);
        QVERIFY(late.ehlo());
        QVERIFY(late.command("MAIL FROM:<alice@example.com>").startsWith("530"));
        // Never on the MX listener.
        f->popBeforeSmtp->recordLogin(QStringLiteral("192.0.2.7"), alice);
        auto mx = mxTransaction(*f, {});
        QVERIFY(mx->command("RCPT TO:<friend@elsewhere.example>").startsWith("550 5.7.1"));
    }

    void popBeforeSmtpIgnoresDisabledAccounts()
    {
        QVERIFY(f->setSetting(QStringLiteral("submission.popBeforeSmtp"), true));
        f->popBeforeSmtp->recordLogin(QStringLiteral("::ffff:192.0.2.7"), bob);
        MailboxChanges disable;
        disable.enabled = false;
        QVERIFY(f->accounts->updateMailbox(bob, disable).ok());
        Harness h(*f, Protocol::Submission);
        QVERIFY(h.ehlo());
        QVERIFY(h.command("MAIL FROM:<bob@example.com>").startsWith("530"));
        QVERIFY(h.logText().contains(QStringLiteral("may not send now (disabled)")));
    }

    void senderMustMatch()
    {
        auto h = submissionSession(*f, alice);
        QVERIFY(h);
        QCOMPARE(h->command("MAIL FROM:<bob@example.com>"),
            QByteArray("553 5.7.1 <bob@example.com>: sender address not owned by alice@example.com\r\n"));
        QVERIFY(h->logText().contains(QStringLiteral("sender refused: bob@example.com is neither alice@example.com")));
        QCOMPARE(h->command("MAIL FROM:<friend@elsewhere.example>").left(9), QByteArray("553 5.7.1"));
        QCOMPARE(h->command("MAIL FROM:<outside@example.com>").left(9), QByteArray("553 5.7.1"));
        QCOMPARE(
            h->command("MAIL FROM:<sales@example.com>"), QByteArray("250 2.1.0 sender <sales@example.com> OK\r\n"));
        QVERIFY(h->command("RSET").startsWith("250"));
        QCOMPARE(
            h->command("MAIL FROM:<ALICE@example.com>"), QByteArray("250 2.1.0 sender <alice@example.com> OK\r\n"));
        QVERIFY(h->command("RSET").startsWith("250"));
        QCOMPARE(h->command("MAIL FROM:<>"), QByteArray("250 2.1.0 sender <> OK\r\n"));
        QVERIFY(h->command("RSET").startsWith("250"));
        QVERIFY(f->setSetting(QStringLiteral("submission.senderMustMatch"), false));
        QVERIFY(h->command("MAIL FROM:<bob@example.com>").startsWith("250"));

        // On the MX listener too, once authenticated.
        QVERIFY(f->setSetting(QStringLiteral("submission.senderMustMatch"), true));
        Harness mx(*f, Protocol::Smtp, true);
        QVERIFY(mx.ehlo());
        QVERIFY(mx.login(bob));
        QVERIFY(mx.command("MAIL FROM:<alice@example.com>").startsWith("553 5.7.1"));
    }

    void badSenders()
    {
        auto h = mxTransaction(*f, {});
        QVERIFY(h);
        QVERIFY(h->command("RSET").startsWith("250"));
        QVERIFY(
            h->command("MAIL FROM:<a%b@elsewhere.example>").startsWith("501 5.1.7 bad sender address: the percent"));
        QVERIFY(h->command("MAIL FROM:<@a.example:u@b.example>").startsWith("501 5.1.7 bad sender address: source"));
        QVERIFY(h->command("MAIL FROM:<no-domain>").startsWith("501 5.1.7 bad sender address: "));
        QVERIFY(h->command("MAIL FROM:a@b.example").startsWith("501 5.1.7 syntax: MAIL FROM:<address>"));
        Harness h2(*f, Protocol::Smtp);
        QVERIFY(h2.ehlo());
        QVERIFY(h2.command("MAIL FROM:<\xff@elsewhere.example> SMTPUTF8").startsWith("501 5.1.7"));
    }

    void transactionSequence()
    {
        QVERIFY(f->setSetting(QStringLiteral("smtp.maxProtocolErrors"), 100));
        Harness h(*f, Protocol::Smtp);
        QCOMPARE(h.command("MAIL FROM:<a@elsewhere.example>"), QByteArray("503 5.5.1 send EHLO or HELO first\r\n"));
        QVERIFY(h.ehlo());
        QCOMPARE(h.command("RCPT TO:<alice@example.com>"), QByteArray("503 5.5.1 need MAIL before RCPT\r\n"));
        QCOMPARE(h.command("DATA"), QByteArray("503 5.5.1 need MAIL and RCPT first\r\n"));
        QVERIFY(h.command("MAIL FROM:<a@elsewhere.example>").startsWith("250"));
        QCOMPARE(h.command("MAIL FROM:<a@elsewhere.example>"),
            QByteArray("503 5.5.1 nested MAIL command; finish this message or send RSET first\r\n"));
        QCOMPARE(h.command("DATA"), QByteArray("554 5.5.1 no valid recipients\r\n"));
        QVERIFY(h.command("RCPT TO:<alice@example.com>").startsWith("250"));
        QCOMPARE(h.command("DATA now"), QByteArray("501 5.5.4 DATA takes no arguments\r\n"));
        QCOMPARE(h.command("RSET"), QByteArray("250 2.0.0 OK\r\n"));
        QCOMPARE(h.command("DATA"), QByteArray("503 5.5.1 need MAIL and RCPT first\r\n"));
        // EHLO resets a transaction too.
        QVERIFY(h.command("MAIL FROM:<a@elsewhere.example>").startsWith("250"));
        QVERIFY(h.ehlo());
        QVERIFY(h.command("MAIL FROM:<a@elsewhere.example>").startsWith("250"));
        QVERIFY(!f->intake.open);
    }

    void pipelinedTransaction()
    {
        Harness h(*f, Protocol::Smtp);
        const QByteArray replies = h.send("EHLO client.example\r\nMAIL FROM:<carol@elsewhere.example>\r\n"
                                          "RCPT TO:<alice@example.com>\r\nRCPT TO:<nobody@example.com>\r\n"
                                          "RCPT TO:<bob@example.com>\r\nDATA\r\n");
        QVERIFY(replies.startsWith("250-mx.example.com\r\n"));
        QVERIFY(replies.endsWith("250-DSN\r\n250 STARTTLS\r\n250 2.1.0 sender <carol@elsewhere.example> OK\r\n"
                                 "250 2.1.5 recipient <alice@example.com> OK\r\n"
                                 "550 5.1.1 <nobody@example.com>: no such user here\r\n"
                                 "250 2.1.5 recipient <bob@example.com> OK\r\n"
                                 "354 End data with <CR><LF>.<CR><LF>\r\n"));
        QCOMPARE(h.send(kMessage + ".\r\nMAIL FROM:<>\r\nRCPT TO:<bob@example.com>\r\nQUIT\r\n"),
            QByteArray("250 2.0.0 Ok: queued as Q1\r\n250 2.1.0 sender <> OK\r\n"
                       "250 2.1.5 recipient <bob@example.com> OK\r\n221 2.0.0 mx.example.com closing connection\r\n"));
        QCOMPARE(f->intake.messages[0].envelope.recipients.size(), size_t(2));
        QCOMPARE(f->intake.open, 0);
    }

    void recipientLimit()
    {
        QVERIFY(f->setSetting(QStringLiteral("smtp.maxRecipients"), 2));
        auto h = mxTransaction(*f, { "alice@example.com", "bob@example.com" });
        QVERIFY(h);
        QCOMPARE(h->command("RCPT TO:<sales@example.com>"),
            QByteArray("452 4.5.3 too many recipients (at most 2 per message)\r\n"));
        QVERIFY(h->command("DATA").startsWith("354"));
        QVERIFY(h->send(kMessage + ".\r\n").startsWith("250"));
        QCOMPARE(f->intake.messages[0].envelope.recipients.size(), size_t(2));
    }

    void quota()
    {
        QVERIFY(f->setQuota(alice, 1000));
        QVERIFY(f->fill(alice, 1200));
        auto h = mxTransaction(*f, {});
        QVERIFY(h);
        QCOMPARE(h->command("RCPT TO:<alice@example.com>"),
            QByteArray("452 4.2.2 <alice@example.com>: mailbox full; try again later\r\n"));
        QCOMPARE(h->command("RCPT TO:<sales@example.com>"),
            QByteArray("452 4.2.2 <sales@example.com>: mailbox full; try again later\r\n"));
        QVERIFY(h->command("RCPT TO:<bob@example.com>").startsWith("250"));
        QVERIFY(h->logText().contains(QStringLiteral("alice@example.com (for sales@example.com) is full")));

        QVERIFY(f->setQuota(bob, 5000));
        auto big = mxTransaction(*f, {}, " SIZE=6000");
        QVERIFY(big);
        QCOMPARE(big->command("RCPT TO:<bob@example.com>"),
            QByteArray("552 5.2.2 <bob@example.com>: the message is larger than the mailbox quota\r\n"));
        QVERIFY(mxTransaction(*f, { "bob@example.com" }, " SIZE=4000"));
        QVERIFY(f->fill(bob, 2000));
        auto fits = mxTransaction(*f, {}, " SIZE=4000");
        QVERIFY(fits);
        QVERIFY(fits->command("RCPT TO:<bob@example.com>").startsWith("452 4.2.2"));
        QVERIFY(mxTransaction(*f, { "bob@example.com" }, " SIZE=2000"));
    }

    void dsnAndMailParameters()
    {
        auto h = mxTransaction(
            *f, {}, " SIZE=100 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=abc+2B1 AUTH=<carol@elsewhere.example>");
        QVERIFY(h);
        QVERIFY(h->command("RCPT TO:<alice@example.com> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;alice+2Bx@example.com")
                    .startsWith("250"));
        QVERIFY(h->command("RCPT TO:<bob@example.com> NOTIFY=NEVER").startsWith("250"));
        QVERIFY(h->command("RCPT TO:<\xc3\xbc@example.com>").startsWith("550 5.1.1")); // SMTPUTF8 given: looked up
        QVERIFY(h->command("DATA").startsWith("354"));
        QVERIFY(h->send(kMessage + ".\r\n").startsWith("250"));
        const Envelope& e = f->intake.messages[0].envelope;
        QCOMPARE(e.envId, QStringLiteral("abc+1"));
        QCOMPARE(e.ret, DsnRet::Headers);
        QVERIFY(e.smtpUtf8);
        QVERIFY(e.eightBitMime);
        QCOMPARE(e.recipients[0].notify, DsnNotifySuccess | DsnNotifyDelay);
        QCOMPARE(e.recipients[0].orcpt, QStringLiteral("rfc822;alice+x@example.com"));
        QCOMPARE(e.recipients[1].notify, int(DsnNotifyNever));

        QVERIFY(f->setSetting(QStringLiteral("smtp.maxProtocolErrors"), 100));
        Harness p(*f, Protocol::Smtp);
        QVERIFY(p.ehlo());
        QCOMPARE(p.command("MAIL FROM:<a@elsewhere.example> BODY=BINARYMIME"),
            QByteArray("555 5.5.4 BODY=BINARYMIME is not supported; use BODY=8BITMIME\r\n"));
        QCOMPARE(p.command("MAIL FROM:<a@elsewhere.example> XSHOUT=1"),
            QByteArray("555 5.5.4 MAIL parameter XSHOUT is not supported\r\n"));
        QCOMPARE(p.command("MAIL FROM:<\xc3\xbc@elsewhere.example>"),
            QByteArray("553 5.6.7 a non-ASCII sender address needs the SMTPUTF8 parameter\r\n"));
        QVERIFY(p.command("MAIL FROM:<a@elsewhere.example>").startsWith("250"));
        QCOMPARE(p.command("RCPT TO:<\xc3\xbc@example.com>"),
            QByteArray("553 5.6.7 a non-ASCII recipient address needs SMTPUTF8 on MAIL\r\n"));
        QCOMPARE(p.command("RCPT TO:<alice@example.com> FOO=BAR"),
            QByteArray("555 5.5.4 RCPT parameter FOO is not supported\r\n"));
        QCOMPARE(p.command("RCPT TO:<>"), QByteArray("501 5.1.3 RCPT needs a recipient address in UTF-8\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestSmtpMail)
#include "TestSmtpMail.moc"
