// Mailbox commands: SELECT/EXAMINE, CREATE/DELETE/RENAME, (UN)SUBSCRIBE, LIST/LSUB with
// wildcards, CHILDREN and SPECIAL-USE, STATUS, APPEND (flags, date, literals, TRYCREATE,
// APPENDUID, OVERQUOTA), QUOTA, CLOSE/UNSELECT.

#include "ImapSessionFixture.h"

using namespace tegami;
using namespace tegami::imaptest;

class TestImapMailbox : public QObject {
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

    void selectReportsTheMailbox()
    {
        QVERIFY(f->deliver(alice, simpleMessage("one"), QStringLiteral("INBOX"), { QStringLiteral("\\Seen") }));
        QVERIFY(f->deliver(alice, simpleMessage("two"), QStringLiteral("INBOX"), { QStringLiteral("$Forwarded") }));
        const FolderInfo inbox = f->folder(alice, QStringLiteral("INBOX"));
        ImapHarness h(*f);
        QVERIFY(h.login());
        const QByteArray v = QByteArray::number(inbox.uidValidity);
        IMAP_COMPARE(h.command("a SELECT inbox"),
            "* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft $Forwarded)\r\n"
            "* OK [PERMANENTFLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft \\*)] Flags permitted\r\n"
            "* 2 EXISTS\r\n"
            "* 2 RECENT\r\n"
            "* OK [UNSEEN 2] First unseen\r\n"
            "* OK [UIDVALIDITY "
                + v
                + "] UIDs valid\r\n"
                  "* OK [UIDNEXT 3] Predicted next UID\r\n"
                  "* OK [HIGHESTMODSEQ "
                + QByteArray::number(inbox.highestModSeq)
                + "] Highest mod-sequence\r\n"
                  "a OK [READ-WRITE] SELECT completed\r\n");
        QCOMPARE(h.session->state(), ImapSession::State::Selected);
        // \Recent belongs to the first session: a second one sees none.
        ImapHarness other(*f);
        QVERIFY(other.login(alice));
        IMAP_CONTAINS(other.command("b EXAMINE INBOX"), "* 0 RECENT\r\n");
        IMAP_CONTAINS(other.command("c EXAMINE INBOX"), "c OK [READ-ONLY] EXAMINE completed");
        IMAP_CONTAINS(other.command("c2 EXAMINE INBOX"), "* OK [PERMANENTFLAGS ()] No permanent flags permitted");
        // A failed SELECT leaves no mailbox selected.
        QVERIFY(h.command("d SELECT nowhere").startsWith("d NO [NONEXISTENT] "));
        QCOMPARE(h.session->state(), ImapSession::State::Authenticated);
    }

    void createListDeleteRename()
    {
        ImapHarness h(*f);
        QVERIFY(h.login());
        IMAP_COMPARE(h.command("a CREATE Projects/2024/"), "a OK CREATE completed\r\n");
        QVERIFY(h.command("b CREATE Projects").startsWith("b NO [ALREADYEXISTS] "));
        QVERIFY(h.command("b2 CREATE inbox").startsWith("b2 NO [ALREADYEXISTS] "));
        IMAP_COMPARE(h.command("c CREATE \"&ZeVnLIqe-\""), "c OK CREATE completed\r\n");
        IMAP_COMPARE(h.command("d LIST \"\" *"),
            "* LIST (\\HasNoChildren) \"/\" INBOX\r\n"
            "* LIST (\\HasNoChildren \\Archive) \"/\" Archive\r\n"
            "* LIST (\\HasNoChildren \\Drafts) \"/\" Drafts\r\n"
            "* LIST (\\HasNoChildren \\Junk) \"/\" Junk\r\n"
            "* LIST (\\HasChildren) \"/\" Projects\r\n"
            "* LIST (\\HasNoChildren) \"/\" Projects/2024\r\n"
            "* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n"
            "* LIST (\\HasNoChildren \\Trash) \"/\" Trash\r\n"
            "* LIST (\\HasNoChildren) \"/\" &ZeVnLIqe-\r\n"
            "d OK LIST completed\r\n");
        IMAP_COMPARE(h.command("e LIST \"\" %"),
            "* LIST (\\HasNoChildren) \"/\" INBOX\r\n"
            "* LIST (\\HasNoChildren \\Archive) \"/\" Archive\r\n"
            "* LIST (\\HasNoChildren \\Drafts) \"/\" Drafts\r\n"
            "* LIST (\\HasNoChildren \\Junk) \"/\" Junk\r\n"
            "* LIST (\\HasChildren) \"/\" Projects\r\n"
            "* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n"
            "* LIST (\\HasNoChildren \\Trash) \"/\" Trash\r\n"
            "* LIST (\\HasNoChildren) \"/\" &ZeVnLIqe-\r\n"
            "e OK LIST completed\r\n");
        IMAP_COMPARE(
            h.command("f LIST Projects/ %"), "* LIST (\\HasNoChildren) \"/\" Projects/2024\r\nf OK LIST completed\r\n");
        IMAP_COMPARE(h.command("g LIST \"\" \"\""), "* LIST (\\Noselect) \"/\" \"\"\r\ng OK LIST completed\r\n");
        IMAP_COMPARE(h.command("h LIST \"\" InBoX"), "* LIST (\\HasNoChildren) \"/\" INBOX\r\nh OK LIST completed\r\n");
        IMAP_COMPARE(
            h.command("i LIST \"\" P*4"), "* LIST (\\HasNoChildren) \"/\" Projects/2024\r\ni OK LIST completed\r\n");
        // LIST-EXTENDED selection: special-use folders only.
        IMAP_COMPARE(h.command("j LIST (SPECIAL-USE) \"\" *"),
            "* LIST (\\HasNoChildren \\Archive) \"/\" Archive\r\n"
            "* LIST (\\HasNoChildren \\Drafts) \"/\" Drafts\r\n"
            "* LIST (\\HasNoChildren \\Junk) \"/\" Junk\r\n"
            "* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n"
            "* LIST (\\HasNoChildren \\Trash) \"/\" Trash\r\n"
            "j OK LIST completed\r\n");

        IMAP_COMPARE(h.command("k RENAME Projects Work"), "k OK RENAME completed\r\n");
        IMAP_COMPARE(h.command("l LIST \"\" Work*"),
            "* LIST (\\HasChildren) \"/\" Work\r\n* LIST (\\HasNoChildren) \"/\" Work/2024\r\nl OK LIST completed\r\n");
        QVERIFY(h.command("m RENAME Nowhere Else").startsWith("m NO [NONEXISTENT] "));
        // DELETE of a folder with children leaves it \Noselect.
        IMAP_COMPARE(h.command("n DELETE Work"), "n OK DELETE completed\r\n");
        IMAP_CONTAINS(h.command("o LIST \"\" Work"), "* LIST (\\Noselect \\HasChildren) \"/\" Work\r\n");
        QVERIFY(h.command("p SELECT Work").startsWith("p NO [CANNOT] "));
        IMAP_COMPARE(h.command("q DELETE Work/2024"), "q OK DELETE completed\r\n");
        QVERIFY(h.command("r DELETE INBOX").startsWith("r NO "));
    }

    void renameInboxMovesItsMessages()
    {
        QVERIFY(f->deliver(alice, simpleMessage("keep")));
        ImapHarness h(*f);
        QVERIFY(h.login());
        IMAP_COMPARE(h.command("a RENAME INBOX Old"), "a OK RENAME completed\r\n");
        IMAP_CONTAINS(h.command("b STATUS INBOX (MESSAGES)"), "* STATUS INBOX (MESSAGES 0)\r\n");
        IMAP_CONTAINS(h.command("c STATUS Old (MESSAGES)"), "* STATUS Old (MESSAGES 1)\r\n");
    }

    void subscriptions()
    {
        ImapHarness h(*f);
        QVERIFY(h.login());
        QVERIFY(h.command("a CREATE Lists/qt").contains("a OK"));
        IMAP_COMPARE(h.command("b SUBSCRIBE Lists/qt"), "b OK SUBSCRIBE completed\r\n");
        IMAP_COMPARE(h.command("c UNSUBSCRIBE Sent"), "c OK UNSUBSCRIBE completed\r\n");
        IMAP_COMPARE(h.command("d LSUB \"\" *"),
            "* LSUB () \"/\" Archive\r\n* LSUB () \"/\" Drafts\r\n* LSUB () \"/\" INBOX\r\n* LSUB () \"/\" Junk\r\n"
            "* LSUB () \"/\" Lists/qt\r\n* LSUB () \"/\" Trash\r\nd OK LSUB completed\r\n");
        // With "%" the unsubscribed parent of a subscribed folder shows as \Noselect.
        IMAP_CONTAINS(h.command("e LSUB \"\" L%"), "* LSUB (\\Noselect) \"/\" Lists\r\n");
        IMAP_CONTAINS(
            h.command("f LIST (SUBSCRIBED) \"\" L*"), "* LIST (\\HasNoChildren \\Subscribed) \"/\" Lists/qt\r\n");
        IMAP_CONTAINS(
            h.command("g LIST \"\" Sent RETURN (SUBSCRIBED)"), "* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n");
    }

    void status()
    {
        QVERIFY(f->deliver(alice, simpleMessage("a"), QStringLiteral("INBOX"), { QStringLiteral("\\Seen") }));
        QVERIFY(f->deliver(alice, simpleMessage("b"), QStringLiteral("INBOX"), { QStringLiteral("\\Deleted") }));
        const FolderInfo inbox = f->folder(alice, QStringLiteral("INBOX"));
        ImapHarness h(*f);
        QVERIFY(h.login());
        IMAP_COMPARE(
            h.command("a STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE DELETED)"),
            "* STATUS INBOX (MESSAGES 2 RECENT 2 UIDNEXT 3 UIDVALIDITY " + QByteArray::number(inbox.uidValidity)
                + " UNSEEN 1 HIGHESTMODSEQ " + QByteArray::number(inbox.highestModSeq) + " SIZE "
                + QByteArray::number(inbox.sizeBytes) + " DELETED 1)\r\na OK STATUS completed\r\n");
        QVERIFY(h.command("b STATUS Nowhere (MESSAGES)").startsWith("b NO [NONEXISTENT] "));
    }

    void appendWithFlagsDateAndLiterals()
    {
        ImapHarness h(*f);
        QVERIFY(h.login());
        const QByteArray message = simpleMessage("appended");
        const FolderInfo drafts = f->folder(alice, QStringLiteral("Drafts"));
        IMAP_COMPARE(h.send("a APPEND Drafts (\\Draft \\Seen $Work) \"17-Jul-1996 02:44:25 -0700\" {"
                         + QByteArray::number(message.size()) + "}\r\n"),
            "+ Ready for literal data\r\n");
        IMAP_COMPARE(h.send(message + "\r\n"),
            "a OK [APPENDUID " + QByteArray::number(drafts.uidValidity) + " 1] APPEND completed\r\n");
        const std::vector<MessageInfo> stored = f->messages(alice, QStringLiteral("Drafts"));
        QCOMPARE(stored.size(), size_t(1));
        QVERIFY(stored[0].flags.has(SystemFlag::Draft) && stored[0].flags.has(SystemFlag::Seen));
        QVERIFY(stored[0].flags.hasKeyword(QStringLiteral("$Work")));
        QCOMPARE(stored[0].internalDate, QDateTime(QDate(1996, 7, 17), QTime(9, 44, 25), Qt::UTC));
        QCOMPARE(f->store->readMessage(drafts.id, 1).value(), message);
        // LITERAL+ without waiting.
        IMAP_CONTAINS(h.send("b APPEND INBOX {" + QByteArray::number(message.size()) + "+}\r\n" + message + "\r\n"),
            "b OK [APPENDUID ");
        // Into the selected mailbox: EXISTS comes with the reply.
        QVERIFY(h.select());
        const QByteArray reply
            = h.send("c APPEND INBOX {" + QByteArray::number(message.size()) + "+}\r\n" + message + "\r\n");
        IMAP_CONTAINS(reply, "* 2 EXISTS\r\n");
        IMAP_CONTAINS(reply, "c OK [APPENDUID ");
    }

    void appendToAMissingMailboxIsRefusedBeforeTheLiteral()
    {
        ImapHarness h(*f);
        QVERIFY(h.login());
        // The client waits for "+": it gets the NO instead and sends nothing more.
        const QByteArray reply = h.send("a APPEND Nowhere (\\Seen) {50}\r\n");
        IMAP_COMPARE(reply, "a NO [TRYCREATE] Mailbox \"Nowhere\" does not exist; CREATE it first\r\n");
        IMAP_COMPARE(h.command("b NOOP"), "b OK NOOP completed\r\n");
        // With a non-synchronising literal the bytes arrive anyway: the answer comes after.
        IMAP_COMPARE(h.send("c APPEND Nowhere {5+}\r\nHello\r\n"),
            "c NO [TRYCREATE] Mailbox \"Nowhere\" does not exist; CREATE it first\r\n");
        QVERIFY(h.command("d APPEND INBOX {0+}\r\n").startsWith("d NO "));
    }

    void quota()
    {
        ImapHarness h(*f);
        QVERIFY(h.login());
        IMAP_COMPARE(h.command("a GETQUOTAROOT INBOX"),
            "* QUOTAROOT INBOX \"\"\r\n* QUOTA \"\" ()\r\na OK GETQUOTAROOT completed\r\n");
        QVERIFY(f->setQuota(alice, 10 * 1024));
        QVERIFY(f->deliver(alice, simpleMessage("x", QByteArray(3000, 'y') + "\r\n")));
        const qint64 used = f->store->usage(alice).value().bytes;
        IMAP_COMPARE(h.command("b GETQUOTA \"\""),
            "* QUOTA \"\" (STORAGE " + QByteArray::number((used + 1023) / 1024)
                + " 10)\r\nb OK GETQUOTA completed\r\n");
        QVERIFY(h.command("c GETQUOTA other").startsWith("c NO [NONEXISTENT]"));
        // Over quota: a synchronising literal is refused at once...
        IMAP_COMPARE(h.send("d APPEND INBOX {20000}\r\n"),
            "d NO [OVERQUOTA] The message (20000 bytes) does not fit: the mailbox uses " + QByteArray::number(used)
                + " of its 10240 bytes\r\n");
        // ...and a non-synchronising one after it arrived.
        const QByteArray big = simpleMessage("big", QByteArray(9000, 'z') + "\r\n");
        IMAP_CONTAINS(
            h.send("e APPEND INBOX {" + QByteArray::number(big.size()) + "+}\r\n" + big + "\r\n"), "e NO [OVERQUOTA] ");
        // COPY into the quota fails the same way.
        QVERIFY(h.command("f CREATE Copies").contains("f OK"));
        QVERIFY(f->deliver(alice, simpleMessage("x2", QByteArray(5000, 'y') + "\r\n")));
        QVERIFY(h.select());
        IMAP_CONTAINS(h.command("g COPY 1:* Copies"), "g NO [OVERQUOTA] ");
    }

    void closeExpungesSilentlyAndUnselectDoesNot()
    {
        QVERIFY(f->deliver(alice, simpleMessage("a"), QStringLiteral("INBOX"), { QStringLiteral("\\Deleted") }));
        QVERIFY(f->deliver(alice, simpleMessage("b")));
        ImapHarness h(*f);
        QVERIFY(h.login());
        QVERIFY(h.select());
        IMAP_COMPARE(h.command("a UNSELECT"), "a OK UNSELECT completed\r\n");
        QCOMPARE(f->messages(alice, QStringLiteral("INBOX")).size(), size_t(2));
        QVERIFY(h.command("b EXAMINE INBOX").contains("b OK"));
        IMAP_COMPARE(h.command("c CLOSE"), "c OK CLOSE completed\r\n"); // read-only: nothing expunged
        QCOMPARE(f->messages(alice, QStringLiteral("INBOX")).size(), size_t(2));
        QVERIFY(h.select());
        IMAP_COMPARE(h.command("d CLOSE"), "d OK CLOSE completed\r\n");
        QCOMPARE(f->messages(alice, QStringLiteral("INBOX")).size(), size_t(1));
        QCOMPARE(h.session->state(), ImapSession::State::Authenticated);
        QVERIFY(h.command("e CHECK").startsWith("e BAD "));
    }

    void deleteTheSelectedMailbox()
    {
        ImapHarness h(*f);
        QVERIFY(h.login());
        QVERIFY(h.command("a CREATE Temp").contains("a OK"));
        QVERIFY(h.select("Temp"));
        IMAP_COMPARE(h.command("b DELETE Temp"), "b OK DELETE completed\r\n");
        QCOMPARE(h.session->state(), ImapSession::State::Authenticated);
    }
};

QTEST_GUILESS_MAIN(TestImapMailbox)
#include "TestImapMailbox.moc"
