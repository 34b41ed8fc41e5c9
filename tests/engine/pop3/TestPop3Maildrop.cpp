// The TRANSACTION and UPDATE states against a real store: byte-exact listings and
// retrieval, DELE/RSET/QUIT, what a drop does not do, the POP policies, the maildrop lock,
// UIDL stability, pipelining and streamed replies.

#include "pop3/Pop3MessageStream.h"

#include "Pop3TestFixture.h"

using namespace tegami;
using namespace tegami::pop3test;

namespace {

const QByteArray dotty = "From: carol@example.org\r\nSubject: dots\r\n\r\n.\r\n..\r\n.hidden\r\nend.\r\n";
const QByteArray second = "From: dave@example.org\r\nSubject: two\r\n\r\nline 1\r\nline 2\r\nline 3\r\n";
const QByteArray third = "Subject: three\r\n\r\nx\r\n";

QByteArray octets(qint64 n)
{
    return QByteArray::number(n);
}

QList<quint32> uids(const std::vector<MessageInfo>& messages)
{
    QList<quint32> out;
    for (const MessageInfo& m : messages)
        out << m.uid;
    return out;
}

} // namespace

class TestPop3Maildrop : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<Pop3Fixture> f;
    QList<quint32> m_uids;

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<Pop3Fixture>();
        QVERIFY(f->open());
        m_uids.clear();
        for (const QByteArray& m : { dotty, second, third }) {
            const quint32 uid = f->deliver(alice, m);
            QVERIFY(uid);
            m_uids << uid;
        }
    }
    void cleanup() { f.reset(); }

    void statListUidlAreExact()
    {
        Harness h(*f, true);
        QVERIFY(h.login());
        const qint64 total = dotty.size() + second.size() + third.size();
        QCOMPARE(h.command("STAT"), "+OK 3 " + octets(total) + "\r\n");
        QCOMPARE(h.command("LIST"),
            "+OK 3 messages (" + octets(total) + " octets)\r\n1 " + octets(dotty.size()) + "\r\n2 "
                + octets(second.size()) + "\r\n3 " + octets(third.size()) + "\r\n.\r\n");
        QCOMPARE(h.command("LIST 2"), "+OK 2 " + octets(second.size()) + "\r\n");
        const std::vector<MessageInfo> stored = f->inbox(alice);
        QByteArray uidl = "+OK unique-id listing follows\r\n";
        for (size_t i = 0; i < stored.size(); ++i)
            uidl += octets(qint64(i) + 1) + ' ' + stored[i].uidl().toLatin1() + "\r\n";
        QCOMPARE(h.command("UIDL"), uidl + ".\r\n");
        QCOMPARE(h.command("UIDL 3"), "+OK 3 " + stored[2].uidl().toLatin1() + "\r\n");
        QCOMPARE(h.command("LIST 4"), QByteArray("-ERR no such message, only 3 messages in maildrop\r\n"));
        QCOMPARE(h.command("LIST 0"), QByteArray("-ERR expected a message number (1, 2, ...)\r\n"));
        QCOMPARE(h.command("LIST x"), QByteArray("-ERR expected a message number (1, 2, ...)\r\n"));
        QCOMPARE(h.command("LIST 1 2"), QByteArray("-ERR LIST takes at most one message number\r\n"));
        QCOMPARE(h.command("STAT 1"), QByteArray("-ERR STAT takes no arguments\r\n"));
    }

    void retrAndTopAreByteExactWithDotStuffing()
    {
        Harness h(*f, true);
        QVERIFY(h.login());
        QCOMPARE(h.command("RETR 1"),
            "+OK " + octets(dotty.size())
                + " octets\r\nFrom: carol@example.org\r\nSubject: dots\r\n\r\n..\r\n...\r\n..hidden\r\nend.\r\n.\r\n");
        QCOMPARE(h.command("TOP 2 0"),
            QByteArray("+OK top of message follows\r\nFrom: dave@example.org\r\nSubject: two\r\n\r\n.\r\n"));
        QCOMPARE(h.command("TOP 2 2"),
            QByteArray("+OK top of message follows\r\nFrom: dave@example.org\r\nSubject: two\r\n\r\nline 1\r\nline "
                       "2\r\n.\r\n"));
        QCOMPARE(h.command("TOP 2"),
            QByteArray("-ERR TOP takes a message number and a number of lines, for example TOP 1 10\r\n"));
        QCOMPARE(h.command("RETR 9"), QByteArray("-ERR no such message, only 3 messages in maildrop\r\n"));
    }

    void listSizesAreWhatRetrSendsBeforeStuffing()
    {
        // Bare LF is stored as CRLF: the size must count what is sent, not what was delivered.
        const QByteArray lf = "Subject: lf\n\n.one\nlast line without newline";
        QVERIFY(f->deliver(alice, lf));
        Harness h(*f, true);
        QVERIFY(h.login());
        for (int n = 1; n <= 4; ++n) {
            const QByteArray list = h.command("LIST " + octets(n));
            const qint64 size = list.split(' ').value(2).trimmed().toLongLong();
            QByteArray retr = h.command("RETR " + octets(n));
            QCOMPARE(retr.left(retr.indexOf("\r\n")), "+OK " + octets(size) + " octets");
            retr = retr.mid(retr.indexOf("\r\n") + 2);
            QVERIFY(retr.endsWith(".\r\n"));
            retr.chop(3);
            // Undo the stuffing: a line starting ".." came from a line starting ".".
            QByteArray unstuffed;
            for (const QByteArray& line : retr.split('\n'))
                unstuffed += (line.startsWith("..") ? line.mid(1) : line) + '\n';
            unstuffed.chop(1);
            if (n == 4) // the store ended the last line, so LIST counts the CRLF the reply needs
                QVERIFY(unstuffed.endsWith("without newline\r\n"));
            QCOMPARE(qint64(unstuffed.size()), size);
            QCOMPARE(unstuffed, f->store->readMessage(f->inboxId(alice), f->inbox(alice)[size_t(n - 1)].uid).value());
        }
    }

    void deleThenRset()
    {
        Harness h(*f, true);
        QVERIFY(h.login());
        QCOMPARE(h.command("DELE 1"), QByteArray("+OK message 1 deleted\r\n"));
        QCOMPARE(h.command("DELE 1"), QByteArray("-ERR message 1 already deleted\r\n"));
        QCOMPARE(h.command("RETR 1"), QByteArray("-ERR message 1 already deleted\r\n"));
        QCOMPARE(h.command("LIST 1"), QByteArray("-ERR message 1 already deleted\r\n"));
        const qint64 rest = second.size() + third.size();
        QCOMPARE(h.command("STAT"), "+OK 2 " + octets(rest) + "\r\n");
        QVERIFY(!h.command("LIST").contains("\r\n1 "));
        QVERIFY(!h.command("UIDL").contains("\r\n1 "));
        const qint64 total = rest + dotty.size();
        QCOMPARE(h.command("RSET"), "+OK maildrop has 3 messages (" + octets(total) + " octets)\r\n");
        QCOMPARE(h.command("STAT"), "+OK 3 " + octets(total) + "\r\n");
        QCOMPARE(h.command("QUIT"), QByteArray("+OK Tegami POP3 server signing off (0 messages deleted)\r\n"));
        QCOMPARE(uids(f->inbox(alice)), m_uids);
    }

    void deleThenQuitRemovesForImapToo()
    {
        Harness h(*f, true);
        QVERIFY(h.login());
        h.command("DELE 1");
        h.command("DELE 3");
        QCOMPARE(uids(f->inbox(alice)), m_uids); // nothing before UPDATE
        QCOMPARE(h.command("QUIT"), QByteArray("+OK Tegami POP3 server signing off (2 messages deleted)\r\n"));
        QVERIFY(h.transport.closed);
        QCOMPARE(uids(f->inbox(alice)), QList<quint32> { m_uids[1] });
        QVERIFY(!f->locks.isLocked(alice));
    }

    void endingWithoutQuitRemovesNothing_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("drop") << QStringLiteral("drop");
        QTest::newRow("timeout") << QStringLiteral("timeout");
        QTest::newRow("shutdown") << QStringLiteral("shutdown");
        QTest::newRow("destroyed") << QStringLiteral("destroyed");
    }

    void endingWithoutQuitRemovesNothing()
    {
        QFETCH(QString, how);
        QVERIFY(f->setPolicy(alice, PopScope::AllMail, PopAfterRetrieval::Delete));
        {
            Harness h(*f, true);
            QVERIFY(h.login());
            QVERIFY(h.command("RETR 2").startsWith("+OK"));
            QVERIFY(h.command("DELE 1").startsWith("+OK"));
            if (how == QLatin1String("drop"))
                h.session->connectionLost(QStringLiteral("client closed the connection"));
            else if (how == QLatin1String("timeout"))
                h.session->idleTimeout();
            else if (how == QLatin1String("shutdown"))
                h.session->shutdown(QStringLiteral("the server is shutting down; try again later"));
            if (how == QLatin1String("shutdown"))
                QCOMPARE(
                    h.transport.take(), QByteArray("-ERR [SYS/TEMP] the server is shutting down; try again later\r\n"));
            if (how != QLatin1String("destroyed")) {
                QVERIFY(h.transport.closed);
                QVERIFY(!f->locks.isLocked(alice));
            }
        }
        QVERIFY(!f->locks.isLocked(alice));
        QCOMPARE(uids(f->inbox(alice)), m_uids);
        QVERIFY(!f->inbox(alice)[1].flags.has(SystemFlag::Seen));
    }

    void afterRetrievalPolicies_data()
    {
        QTest::addColumn<int>("after");
        QTest::addColumn<QList<int>>("inboxLeft"); // indexes into m_uids
        QTest::addColumn<QList<int>>("archived");
        QTest::addColumn<bool>("retrievedSeen");
        QTest::newRow("keep") << int(PopAfterRetrieval::Keep) << QList<int> { 0, 1, 3 } << QList<int> {} << false;
        QTest::newRow("read") << int(PopAfterRetrieval::MarkRead) << QList<int> { 0, 1, 3 } << QList<int> {} << true;
        QTest::newRow("archive") << int(PopAfterRetrieval::Archive) << QList<int> { 1 } << QList<int> { 0, 3 }
                                 << false;
        QTest::newRow("delete") << int(PopAfterRetrieval::Delete) << QList<int> { 1 } << QList<int> {} << true;
    }

    void afterRetrievalPolicies()
    {
        QFETCH(int, after);
        QFETCH(QList<int>, inboxLeft);
        QFETCH(QList<int>, archived);
        QFETCH(bool, retrievedSeen);
        const QByteArray fourth = "Subject: four\r\n\r\nall of it\r\n";
        m_uids << f->deliver(alice, fourth);
        QVERIFY(f->setPolicy(alice, PopScope::AllMail, static_cast<PopAfterRetrieval>(after)));
        Harness h(*f, true);
        QVERIFY(h.login());
        QVERIFY(h.command("RETR 1").startsWith("+OK")); // retrieved
        QVERIFY(h.command("TOP 2 2").startsWith("+OK")); // only looked at (line 3 not sent): no policy
        QVERIFY(h.command("DELE 3").startsWith("+OK")); // deleted whatever the policy
        // fetchmail's way to download: a TOP that sends every line is a retrieval.
        QCOMPARE(h.command("TOP 4 99999999"), "+OK top of message follows\r\n" + fourth + ".\r\n");
        QVERIFY(h.command("QUIT").startsWith("+OK"));

        QList<quint32> expectInbox;
        for (int i : inboxLeft)
            expectInbox << m_uids[i];
        const std::vector<MessageInfo> inbox = f->inbox(alice);
        QCOMPARE(uids(inbox), expectInbox);
        const std::vector<MessageInfo> archive = f->folderByRole(alice, SpecialUse::Archive);
        QList<quint32> expectArchived;
        for (int i : archived)
            expectArchived << m_uids[i];
        QCOMPARE(qsizetype(archive.size()), expectArchived.size());
        if (!archived.isEmpty()) {
            Result<QByteArray> moved = f->store->readMessage(
                f->store->findFolderByRole(alice, SpecialUse::Archive)->id, archive.front().uid);
            QCOMPARE(moved.value(), dotty);
            QVERIFY(!archive.front().flags.has(SystemFlag::Seen)); // archived as it was, like Gmail
        }
        for (const MessageInfo& m : inbox) {
            if (m.uid == m_uids[1])
                QVERIFY(!m.flags.has(SystemFlag::Seen)); // the partly TOP'd one
            else
                QCOMPARE(m.flags.has(SystemFlag::Seen), retrievedSeen);
        }
    }

    void scopeNewMailShowsOnlyMailFromThen()
    {
        // The three messages from init() arrived "now"; the policy starts a minute later.
        f->clock.advanceSecs(60);
        QVERIFY(f->setPolicy(alice, PopScope::NewMail, PopAfterRetrieval::Keep));
        const QDateTime since = f->accounts->findMailbox(alice)->pop.since;
        QCOMPARE(since, f->clock.now());
        const quint32 atSince = f->deliver(alice, "Subject: at since\r\n\r\nx\r\n", since);
        const quint32 before = f->deliver(alice, "Subject: before\r\n\r\nx\r\n", since.addSecs(-1));
        f->clock.advanceSecs(3600);
        const quint32 later = f->deliver(alice, "Subject: later\r\n\r\nx\r\n");
        QVERIFY(atSince && before && later);
        Harness h(*f, true);
        QVERIFY(h.login());
        const QByteArray uidl = h.command("UIDL");
        QCOMPARE(uidl.count("\r\n"), 4); // status, two messages, terminator
        const std::vector<MessageInfo> all = f->inbox(alice);
        for (const MessageInfo& m : all) {
            const bool shown = m.uid == atSince || m.uid == later;
            QCOMPARE(uidl.contains(m.uidl().toLatin1()), shown);
        }
        QVERIFY(h.command("RETR 1").contains("Subject: at since"));

        QVERIFY(f->setPolicy(alice, PopScope::AllMail, PopAfterRetrieval::Keep));
        h.command("QUIT");
        Harness again(*f, true);
        QVERIFY(again.login());
        QCOMPARE(again.command("STAT").split(' ').value(1), QByteArray("6"));
    }

    void secondSessionIsRefusedInUseUntilTheFirstEnds()
    {
        auto first = std::make_unique<Harness>(*f, true);
        QVERIFY(first->login());
        Harness second(*f, true);
        second.command("USER alice@example.com");
        QCOMPARE(second.command("PASS " + password.toUtf8()),
            QByteArray("-ERR [IN-USE] another POP3 session is using this mailbox; close it (or wait for it to end) and "
                       "try again\r\n"));
        QCOMPARE(second.session->state(), Pop3Session::State::Authorization);
        Harness other(*f, true);
        QVERIFY(other.login(bob)); // other mailboxes are not affected
        // The first session dies without QUIT (a crash of the client, a killed connection).
        first.reset();
        QVERIFY(!f->locks.isLocked(alice));
        QVERIFY(second.login());
    }

    void locksAreExclusiveAndReleasedByRaii()
    {
        MaildropLocks locks;
        std::optional<MaildropLocks::Lock> a = locks.tryLock(alice);
        QVERIFY(a && a->isHeld());
        QVERIFY(!locks.tryLock(QStringLiteral("ALICE@example.com")));
        QCOMPARE(locks.sessionsFor(alice), 1);
        MaildropLocks::Lock moved = std::move(*a);
        a.reset();
        QVERIFY(locks.isLocked(alice)); // moving does not release
        moved.release();
        QVERIFY(!locks.isLocked(alice));
        {
            std::optional<MaildropLocks::Lock> b = locks.tryLock(alice);
            QVERIFY(b);
        }
        QCOMPARE(locks.lockedCount(), 0);
        QVERIFY(!locks.tryLock(QString()));
    }

    void uidlIsStableAcrossSessionsAndRestarts()
    {
        QByteArray before;
        {
            Harness h(*f, true);
            QVERIFY(h.login());
            before = h.command("UIDL");
            h.command("QUIT");
        }
        QVERIFY(f->reopenStore());
        {
            Harness h(*f, true);
            QVERIFY(h.login());
            QCOMPARE(h.command("UIDL"), before);
            h.command("DELE 1");
            h.command("QUIT");
        }
        QVERIFY(f->deliver(alice, "Subject: new\r\n\r\nx\r\n"));
        Harness h(*f, true);
        QVERIFY(h.login());
        const QList<QByteArray> oldLines = before.split('\n');
        const QByteArray now = h.command("UIDL");
        // Message 2 and 3 are now 1 and 2 with the same ids; the new one has a new id.
        QCOMPARE(h.command("UIDL 1").mid(6), oldLines[2].mid(2) + '\n');
        QCOMPARE(h.command("UIDL 2").mid(6), oldLines[3].mid(2) + '\n');
        QVERIFY(!before.contains(h.command("UIDL 3").mid(6).trimmed()));
        QCOMPARE(now.count("\r\n"), 5);
    }

    void pipelinedCommandsAreAnsweredInOrder()
    {
        const QList<QByteArray> commands
            = { "STAT", "LIST", "UIDL 2", "RETR 1", "TOP 2 1", "DELE 3", "LIST 3", "NOOP", "RSET", "QUIT" };
        QByteArray oneByOne;
        {
            Harness h(*f, true);
            QVERIFY(h.login());
            for (const QByteArray& c : commands)
                oneByOne += h.command(c);
        }
        Harness h(*f, true);
        QVERIFY(h.login());
        QCOMPARE(h.send(commands.join("\r\n") + "\r\n"), oneByOne);
        QVERIFY(h.transport.closed);
        // And byte by byte.
        Harness slow(*f, true);
        QVERIFY(slow.login());
        const QByteArray all = commands.join("\r\n") + "\r\n";
        QByteArray out;
        for (char c : all)
            out += slow.send(QByteArray(1, c));
        QCOMPARE(out, oneByOne);
    }

    void theSnapshotIsFixedForTheSession()
    {
        Harness h(*f, true);
        QVERIFY(h.login());
        QVERIFY(f->deliver(alice, "Subject: late\r\n\r\nx\r\n"));
        QCOMPARE(h.command("STAT").split(' ').value(1), QByteArray("3"));
        // An IMAP client expunges message 2 meanwhile.
        POP3_VERIFY_OK(f->store->deleteMessages(f->inboxId(alice), UidSet { m_uids[1] }));
        QCOMPARE(h.command("RETR 2"), QByteArray("-ERR message 2 was removed by another client meanwhile\r\n"));
        QVERIFY(h.command("DELE 2").startsWith("+OK"));
        QVERIFY(h.command("QUIT").startsWith("+OK")); // removing what is gone already is not an error
        QCOMPARE(f->inbox(alice).size(), size_t(3));
    }

    void updateFailureIsReported()
    {
        Harness h(*f, true);
        QVERIFY(h.login());
        h.command("DELE 1");
        // The mailbox is removed while the session runs: UPDATE cannot do its work.
        POP3_VERIFY_OK(f->store->removeOwner(alice));
        const QByteArray reply = h.command("QUIT");
        QVERIFY2(reply.startsWith("-ERR [SYS/TEMP] some changes could not be saved; removing 1 deleted messages "
                                  "failed"),
            reply.constData());
        QVERIFY(h.transport.closed);
        QVERIFY(!f->locks.isLocked(alice));
    }

    void largeMessagesAreStreamedWithBackpressure()
    {
        QByteArray big = "Subject: big\r\n\r\n";
        for (int i = 0; big.size() < 3 * 1024 * 1024; ++i)
            big += (i % 7 == 0 ? "." : "") + QByteArray::number(i) + QByteArray(70, 'x') + "\r\n";
        QVERIFY(f->deliver(alice, big));
        Harness h(*f, true);
        QVERIFY(h.login());
        h.transport.sendsAllowed = 1;
        QCOMPARE(h.send("RETR 4\r\nNOOP\r\n"), "+OK " + octets(big.size()) + " octets\r\n");
        QVERIFY(h.session->isBusy());
        QByteArray body;
        int rounds = 0;
        while (h.session->isBusy() && rounds < 1000) {
            h.transport.sendsAllowed = 1;
            h.session->resumeOutput();
            body += h.transport.take();
            ++rounds;
        }
        QVERIFY2(rounds > 40, qPrintable(QString::number(rounds))); // 64 KiB at a time, not all at once
        QVERIFY(body.endsWith(".\r\n+OK\r\n")); // the pipelined NOOP only after the message
        body.chop(5);
        QCOMPARE(body, Pop3MessageStream::render(big, std::nullopt).value());
    }
};

QTEST_GUILESS_MAIN(TestPop3Maildrop)
#include "TestPop3Maildrop.moc"
