// Two sessions on one mailbox: flag changes, appends and expunges reach the other session
// as untagged responses at the times RFC 3501 7.4.1 allows; sequence numbers and UIDs never
// disagree; IDLE reports a message delivered into the store at once.

#include "ImapSessionFixture.h"

using namespace tegami;
using namespace tegami::imaptest;

class TestImapMultiSession : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ImapFixture> f;

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<ImapFixture>();
        QVERIFY(f->open());
        for (int i = 1; i <= 3; ++i)
            QVERIFY(f->deliver(alice, simpleMessage("m" + QByteArray::number(i))));
    }
    void cleanup() { f.reset(); }

    void flagChangesAndAppendsAnyTime()
    {
        ImapHarness a(*f);
        ImapHarness b(*f);
        QVERIFY(a.login() && b.login());
        QVERIFY(a.select() && b.select());
        IMAP_COMPARE(b.command("x STORE 2 +FLAGS.SILENT (\\Flagged)"), "x OK STORE completed\r\n");
        IMAP_COMPARE(a.command("y NOOP"), "* 2 FETCH (FLAGS (\\Recent \\Flagged) UID 2)\r\ny OK NOOP completed\r\n");
        const QByteArray msg = simpleMessage("new");
        IMAP_CONTAINS(
            b.send("z APPEND INBOX {" + QByteArray::number(msg.size()) + "+}\r\n" + msg + "\r\n"), "z OK [APPENDUID");
        // EXISTS may come with any command, FETCH included.
        IMAP_COMPARE(
            a.command("w FETCH 1 UID"), "* 1 FETCH (UID 1)\r\n* 4 EXISTS\r\n* 3 RECENT\r\nw OK FETCH completed\r\n");
        IMAP_COMPARE(a.command("v NOOP"), "v OK NOOP completed\r\n");
    }

    void expungesOnlyWhenAllowed()
    {
        ImapHarness a(*f);
        ImapHarness b(*f);
        QVERIFY(a.login() && b.login());
        QVERIFY(a.select() && b.select());
        QVERIFY(b.command("x STORE 1 +FLAGS.SILENT (\\Deleted)").contains("x OK"));
        IMAP_COMPARE(b.command("y EXPUNGE"), "* 1 EXPUNGE\r\ny OK EXPUNGE completed\r\n");
        // A still numbers messages as before: 1 is UID 1 (gone), 2 is UID 2.
        IMAP_COMPARE(a.command("a FETCH 1:* (UID)"),
            "* 1 FETCH (UID 1)\r\n* 2 FETCH (UID 2)\r\n* 3 FETCH (UID 3)\r\na OK FETCH completed\r\n");
        IMAP_COMPARE(a.command("b FETCH 1 BODY.PEEK[]"),
            "b NO [EXPUNGEISSUED] Some messages were expunged by another session; their content is gone\r\n");
        IMAP_COMPARE(
            a.command("c STORE 2 +FLAGS (\\Seen)"), "* 2 FETCH (FLAGS (\\Recent \\Seen))\r\nc OK STORE completed\r\n");
        IMAP_COMPARE(a.command("d SEARCH ALL"), "* SEARCH 1 2 3\r\nd OK SEARCH completed\r\n");
        // NOOP may expunge; after it, 1 is UID 2.
        IMAP_COMPARE(a.command("e NOOP"), "* 1 EXPUNGE\r\ne OK NOOP completed\r\n");
        IMAP_COMPARE(a.command("f FETCH 1 (UID FLAGS)"),
            "* 1 FETCH (UID 2 FLAGS (\\Recent \\Seen))\r\nf OK FETCH completed\r\n");
        // B learns of A's flag change.
        IMAP_COMPARE(b.command("g CHECK"), "* 1 FETCH (FLAGS (\\Seen) UID 2)\r\ng OK CHECK completed\r\n");
    }

    void uidCommandsMayExpunge()
    {
        ImapHarness a(*f);
        ImapHarness b(*f);
        QVERIFY(a.login() && b.login());
        QVERIFY(a.select() && b.select());
        QVERIFY(b.command("x UID STORE 3 +FLAGS.SILENT (\\Deleted)").contains("x OK"));
        QVERIFY(b.command("y UID EXPUNGE 3").contains("y OK"));
        IMAP_COMPARE(a.command("a UID FETCH 1:* FLAGS"),
            "* 3 EXPUNGE\r\n* 1 FETCH (UID 1 FLAGS (\\Recent))\r\n* 2 FETCH (UID 2 FLAGS (\\Recent))\r\n"
            "a OK FETCH completed\r\n");
    }

    void idleReportsDeliveriesAndExpunges()
    {
        ImapHarness a(*f);
        QVERIFY(a.login());
        QVERIFY(a.select());
        IMAP_COMPARE(a.command("i IDLE"), "+ idling\r\n");
        QVERIFY(a.session->idling());
        // A delivery straight into the store (as SMTP does) wakes the session.
        QElapsedTimer t;
        t.start();
        QVERIFY(f->deliver(alice, simpleMessage("hot off the press")));
        QTRY_VERIFY_WITH_TIMEOUT(a.transport.output.contains("* 4 EXISTS\r\n"), 1000);
        QVERIFY(t.elapsed() < 1000);
        IMAP_COMPARE(a.transport.take(), "* 4 EXISTS\r\n* 4 RECENT\r\n");
        // While idling, expunges by others are reported too.
        ImapHarness b(*f);
        QVERIFY(b.login() && b.select());
        QVERIFY(b.command("x STORE 1 +FLAGS.SILENT (\\Deleted)").contains("x OK"));
        QTRY_VERIFY_WITH_TIMEOUT(a.transport.output.contains("* 1 FETCH (FLAGS (\\Recent \\Deleted) UID 1)\r\n"), 1000);
        QVERIFY(b.command("y EXPUNGE").contains("y OK"));
        QTRY_VERIFY_WITH_TIMEOUT(a.transport.output.contains("* 1 EXPUNGE\r\n"), 1000);
        a.transport.take();
        IMAP_COMPARE(a.command("DONE"), "i OK IDLE terminated\r\n");
        QVERIFY(!a.session->idling());
        IMAP_COMPARE(a.command("j FETCH 3 UID"), "* 3 FETCH (UID 4)\r\nj OK FETCH completed\r\n");
        // Anything but DONE ends IDLE with BAD.
        IMAP_COMPARE(a.command("k IDLE"), "+ idling\r\n");
        IMAP_COMPARE(a.command("l NOOP"), "k BAD IDLE ended: only DONE may be sent while idling\r\n");
    }

    void idleWithoutSelectedMailbox()
    {
        ImapHarness a(*f);
        QVERIFY(a.login());
        IMAP_COMPARE(a.command("i IDLE"), "+ idling\r\n");
        IMAP_COMPARE(a.command("done"), "i OK IDLE terminated\r\n");
    }

    void recentBelongsToOneSession()
    {
        ImapHarness a(*f);
        ImapHarness b(*f);
        QVERIFY(a.login() && b.login());
        IMAP_CONTAINS(a.command("s SELECT INBOX"), "* 3 RECENT\r\n");
        IMAP_CONTAINS(b.command("s SELECT INBOX"), "* 0 RECENT\r\n");
        QVERIFY(f->deliver(alice, simpleMessage("x")));
        IMAP_COMPARE(a.command("n NOOP"), "* 4 EXISTS\r\n* 4 RECENT\r\nn OK NOOP completed\r\n");
        IMAP_COMPARE(b.command("n NOOP"), "* 4 EXISTS\r\n* 0 RECENT\r\nn OK NOOP completed\r\n");
    }
};

QTEST_GUILESS_MAIN(TestImapMultiSession)
#include "TestImapMultiSession.moc"
