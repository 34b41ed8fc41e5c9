// Message commands: SEARCH keys, STORE, COPY, MOVE, EXPUNGE and UID EXPUNGE with UIDPLUS
// codes, CONDSTORE, and the account's IMAP policy (auto-expunge, delete action).

#include "ImapSessionFixture.h"

using namespace tegami;
using namespace tegami::imaptest;

class TestImapMessages : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ImapFixture> f;

    // Five messages: 1 seen+answered, 2 flagged "$Work", 3 deleted, 4 draft (large, Japanese
    // subject, Cc), 5 plain. Internal dates 1..5 June 2024.
    void deliverFive()
    {
        auto day = [](int d) { return QDateTime(QDate(2024, 6, d), QTime(12, 0), Qt::UTC); };
        QVERIFY(f->deliver(alice, simpleMessage("Lunch plans", "Pizza on Friday?\r\n"), QStringLiteral("INBOX"),
            { QStringLiteral("\\Seen"), QStringLiteral("\\Answered") }, day(1)));
        QVERIFY(f->deliver(alice, simpleMessage("Quarterly report", "Numbers attached.\r\n", "Dave <dave@example.net>"),
            QStringLiteral("INBOX"), { QStringLiteral("\\Flagged"), QStringLiteral("$Work") }, day(2)));
        QVERIFY(f->deliver(alice, simpleMessage("Old news", "Nothing new.\r\n"), QStringLiteral("INBOX"),
            { QStringLiteral("\\Deleted") }, day(3)));
        const QByteArray japanese
            = "From: =?UTF-8?B?5bGx55Sw?= <yamada@example.jp>\r\nTo: alice@example.com\r\n"
              "Cc: Eve <eve@example.org>\r\nSubject: =?UTF-8?B?5Lya6K2w44Gu5Lu2?=\r\n"
              "Date: Mon, 10 Jun 2024 09:30:00 +0900\r\nX-Priority: 1\r\n"
              "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + QByteArray("明日の会議は十時からです。\r\n").toBase64() + "\r\n" + QByteArray(5000, 'x').toBase64()
            + "\r\n";
        QVERIFY(f->deliver(alice, japanese, QStringLiteral("INBOX"), { QStringLiteral("\\Draft") }, day(4)));
        QVERIFY(f->deliver(alice, simpleMessage("Re: Lunch plans", "Yes!\r\n"), QStringLiteral("INBOX"), {}, day(5)));
    }

    QByteArray search(ImapHarness& h, const QByteArray& keys)
    {
        const QByteArray reply = h.command("s SEARCH " + keys);
        if (!reply.endsWith("s OK SEARCH completed\r\n"))
            return reply;
        return reply.first(reply.indexOf("\r\n"));
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<ImapFixture>();
        QVERIFY(f->open());
    }
    void cleanup() { f.reset(); }

    void searchKeys()
    {
        deliverFive();
        ImapHarness h(*f);
        QVERIFY(h.login());
        QVERIFY(h.select());
        IMAP_COMPARE(search(h, "ALL"), "* SEARCH 1 2 3 4 5");
        IMAP_COMPARE(search(h, "SEEN"), "* SEARCH 1");
        IMAP_COMPARE(search(h, "UNSEEN"), "* SEARCH 2 3 4 5");
        IMAP_COMPARE(search(h, "ANSWERED"), "* SEARCH 1");
        IMAP_COMPARE(search(h, "UNANSWERED FLAGGED"), "* SEARCH 2");
        IMAP_COMPARE(search(h, "DELETED"), "* SEARCH 3");
        IMAP_COMPARE(search(h, "UNDELETED UNDRAFT UNFLAGGED"), "* SEARCH 1 5");
        IMAP_COMPARE(search(h, "DRAFT"), "* SEARCH 4");
        IMAP_COMPARE(search(h, "KEYWORD $work"), "* SEARCH 2");
        IMAP_COMPARE(search(h, "UNKEYWORD $Work"), "* SEARCH 1 3 4 5");
        IMAP_COMPARE(search(h, "RECENT"), "* SEARCH 1 2 3 4 5");
        IMAP_COMPARE(search(h, "NEW"), "* SEARCH 2 3 4 5");
        IMAP_COMPARE(search(h, "OLD"), "* SEARCH");
        IMAP_COMPARE(search(h, "SUBJECT lunch"), "* SEARCH 1 5");
        IMAP_COMPARE(search(h, "FROM dave"), "* SEARCH 2");
        IMAP_COMPARE(search(h, "TO ALICE@EXAMPLE.COM"), "* SEARCH 1 2 3 4 5");
        IMAP_COMPARE(search(h, "CC eve"), "* SEARCH 4");
        IMAP_COMPARE(search(h, "BCC eve"), "* SEARCH");
        IMAP_COMPARE(search(h, "BODY pizza"), "* SEARCH 1");
        IMAP_COMPARE(search(h, "TEXT \"quarterly\""), "* SEARCH 2");
        IMAP_COMPARE(search(h, "HEADER X-Priority \"\""), "* SEARCH 4");
        IMAP_COMPARE(search(h, "HEADER Message-ID old-news"), "* SEARCH 3");
        // Encoded words and base64 bodies are searched decoded, with CHARSET UTF-8 literals.
        const QByteArray kaigi = QByteArray("会議");
        IMAP_COMPARE(
            h.send("t SEARCH CHARSET UTF-8 SUBJECT {" + QByteArray::number(kaigi.size()) + "+}\r\n" + kaigi + "\r\n"),
            "* SEARCH 4\r\nt OK SEARCH completed\r\n");
        const QByteArray juji = QByteArray("十時");
        IMAP_COMPARE(
            h.send("u SEARCH CHARSET UTF-8 BODY {" + QByteArray::number(juji.size()) + "+}\r\n" + juji + "\r\n"),
            "* SEARCH 4\r\nu OK SEARCH completed\r\n");
        IMAP_COMPARE(h.send("v SEARCH CHARSET UTF-8 FROM {6+}\r\n山田\r\n"), "* SEARCH 4\r\nv OK SEARCH completed\r\n");
        IMAP_COMPARE(h.command("w SEARCH CHARSET ISO-8859-1 TEXT x"),
            "w NO [BADCHARSET (UTF-8 US-ASCII)] Charset ISO-8859-1 is not supported; use UTF-8\r\n");
        IMAP_COMPARE(search(h, "BEFORE 3-Jun-2024"), "* SEARCH 1 2");
        IMAP_COMPARE(search(h, "ON 3-Jun-2024"), "* SEARCH 3");
        IMAP_COMPARE(search(h, "SINCE 4-Jun-2024"), "* SEARCH 4 5");
        IMAP_COMPARE(search(h, "SENTON 10-Jun-2024"), "* SEARCH 4");
        IMAP_COMPARE(search(h, "SENTBEFORE 5-Jun-2024"), "* SEARCH 1 2 3 5");
        IMAP_COMPARE(search(h, "SENTSINCE 5-Jun-2024"), "* SEARCH 4");
        IMAP_COMPARE(search(h, "LARGER 1000"), "* SEARCH 4");
        IMAP_COMPARE(search(h, "SMALLER 1000"), "* SEARCH 1 2 3 5");
        IMAP_COMPARE(search(h, "2:3,5"), "* SEARCH 2 3 5");
        IMAP_COMPARE(search(h, "4:*"), "* SEARCH 4 5");
        IMAP_COMPARE(search(h, "UID 3:*"), "* SEARCH 3 4 5");
        IMAP_COMPARE(search(h, "OR SEEN FLAGGED"), "* SEARCH 1 2");
        IMAP_COMPARE(search(h, "NOT (OR SEEN FLAGGED) UNDELETED"), "* SEARCH 4 5");
        IMAP_COMPARE(h.command("x UID SEARCH SUBJECT lunch NOT SEEN"), "* SEARCH 5\r\nx OK SEARCH completed\r\n");
        const QByteArray modSeq = search(h, "MODSEQ 1");
        QVERIFY2(modSeq.startsWith("* SEARCH 1 2 3 4 5 (MODSEQ "), modSeq.constData());
    }

    void storeFlags()
    {
        deliverFive();
        ImapHarness h(*f);
        QVERIFY(h.login());
        QVERIFY(h.select());
        IMAP_COMPARE(h.command("a STORE 1 +FLAGS (\\Flagged)"),
            "* 1 FETCH (FLAGS (\\Recent \\Seen \\Answered \\Flagged))\r\na OK STORE completed\r\n");
        IMAP_COMPARE(h.command("b STORE 1:2 -FLAGS.SILENT (\\Flagged $Work)"), "b OK STORE completed\r\n");
        IMAP_COMPARE(h.command("c UID STORE 2 FLAGS (\\Seen Junk)"),
            "* 2 FETCH (FLAGS (\\Recent \\Seen Junk) UID 2)\r\nc OK STORE completed\r\n");
        const std::vector<MessageInfo> m = f->messages(alice, QStringLiteral("INBOX"));
        QVERIFY(!m[0].flags.has(SystemFlag::Flagged));
        QVERIFY(m[1].flags.hasKeyword(QStringLiteral("Junk")) && !m[1].flags.hasKeyword(QStringLiteral("$Work")));
        QVERIFY(h.command("d STORE 1 +FLAGS (\\Bogus)").startsWith("d BAD "));
        QVERIFY(h.command("e STORE 9 +FLAGS (\\Seen)").startsWith("e BAD "));
        IMAP_COMPARE(h.command("f UID STORE 99 +FLAGS (\\Seen)"), "f OK STORE completed\r\n");
        QVERIFY(h.command("g EXAMINE INBOX").contains("g OK"));
        QVERIFY(h.command("h STORE 1 +FLAGS (\\Seen)").startsWith("h NO "));
    }

    void copyMoveAndUidExpunge()
    {
        deliverFive();
        ImapHarness h(*f);
        QVERIFY(h.login());
        QVERIFY(h.command("a CREATE Keep").contains("a OK"));
        QVERIFY(h.select());
        const QByteArray keepValidity = QByteArray::number(f->folder(alice, QStringLiteral("Keep")).uidValidity);
        IMAP_COMPARE(h.command("b COPY 2,1 Keep"), "b OK [COPYUID " + keepValidity + " 1:2 1:2] COPY completed\r\n");
        QCOMPARE(f->messages(alice, QStringLiteral("Keep")).size(), size_t(2));
        QVERIFY(h.command("c COPY 1 Nowhere").startsWith("c NO [TRYCREATE] "));
        IMAP_COMPARE(h.command("d UID MOVE 4:5 Keep"),
            "* OK [COPYUID " + keepValidity
                + " 4:5 3:4] Moved\r\n* 5 EXPUNGE\r\n* 4 EXPUNGE\r\nd OK MOVE completed\r\n");
        IMAP_COMPARE(h.command("e MOVE 1 Keep"),
            "* OK [COPYUID " + keepValidity + " 1 5] Moved\r\n* 1 EXPUNGE\r\ne OK MOVE completed\r\n");
        // Now INBOX holds UIDs 2 (not deleted) and 3 (\Deleted) as 1 and 2.
        IMAP_COMPARE(h.command("f STORE 1 +FLAGS.SILENT (\\Deleted)"), "f OK STORE completed\r\n");
        IMAP_COMPARE(h.command("g UID EXPUNGE 3"), "* 2 EXPUNGE\r\ng OK EXPUNGE completed\r\n");
        IMAP_COMPARE(h.command("h UID FETCH 1:* UID"), "* 1 FETCH (UID 2)\r\nh OK FETCH completed\r\n");
        IMAP_COMPARE(h.command("i EXPUNGE"), "* 1 EXPUNGE\r\ni OK EXPUNGE completed\r\n");
        QVERIFY(f->messages(alice, QStringLiteral("INBOX")).empty());
    }

    void condstore()
    {
        deliverFive();
        ImapHarness h(*f);
        QVERIFY(h.login());
        const QByteArray selected = h.command("a SELECT INBOX (CONDSTORE)");
        IMAP_CONTAINS(selected, "* OK [HIGHESTMODSEQ ");
        const std::vector<MessageInfo> before = f->messages(alice, QStringLiteral("INBOX"));
        const QByteArray m1 = QByteArray::number(before[0].modSeq);
        // STORE reports the new MODSEQ; UNCHANGEDSINCE refuses messages changed since.
        const QByteArray stored = h.command("b STORE 1 (UNCHANGEDSINCE " + m1 + ") +FLAGS (\\Flagged)");
        QVERIFY2(stored.startsWith("* 1 FETCH (FLAGS (\\Recent \\Seen \\Answered \\Flagged) MODSEQ (")
                && stored.endsWith("b OK STORE completed\r\n"),
            stored.constData());
        // Message 1 changed (b) after message 2's last change: only 2 is stored.
        const QByteArray m2 = QByteArray::number(before[1].modSeq);
        IMAP_COMPARE(h.command("c STORE 1,2 (UNCHANGEDSINCE " + m2 + ") +FLAGS.SILENT (\\Seen)"),
            "* 2 FETCH (MODSEQ (" + QByteArray::number(f->messages(alice, QStringLiteral("INBOX"))[1].modSeq)
                + "))\r\nc OK [MODIFIED 1] Conditional STORE failed for some messages (changed since)\r\n");
        const quint64 now = f->messages(alice, QStringLiteral("INBOX"))[1].modSeq;
        IMAP_COMPARE(h.command("d FETCH 1:* (FLAGS) (CHANGEDSINCE " + QByteArray::number(now - 1) + ")"),
            "* 2 FETCH (FLAGS (\\Recent \\Seen \\Flagged $Work) MODSEQ (" + QByteArray::number(now)
                + "))\r\nd OK FETCH completed\r\n");
        IMAP_COMPARE(h.command("e UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + QByteArray::number(now) + ")"),
            "e OK FETCH completed\r\n");
        IMAP_CONTAINS(h.command("f STATUS INBOX (HIGHESTMODSEQ)"),
            "* STATUS INBOX (HIGHESTMODSEQ " + QByteArray::number(now) + ")\r\n");
    }

    void autoExpunge()
    {
        deliverFive();
        QVERIFY(f->setImapPolicy(alice, true, ImapDeleteAction::DeleteNow));
        ImapHarness h(*f);
        QVERIFY(h.login());
        QVERIFY(h.select());
        // UID STORE: the EXPUNGE comes at once.
        IMAP_COMPARE(h.command("a UID STORE 5 +FLAGS (\\Deleted)"),
            "* 5 FETCH (FLAGS (\\Recent \\Deleted) UID 5)\r\n* 5 EXPUNGE\r\na OK STORE completed\r\n");
        // STORE: the message is gone at once, its EXPUNGE waits for a command that allows it.
        IMAP_COMPARE(h.command("b STORE 1 +FLAGS.SILENT (\\Deleted)"), "b OK STORE completed\r\n");
        QCOMPARE(f->messages(alice, QStringLiteral("INBOX")).size(), size_t(3)); // 3 was flagged before, still there
        IMAP_COMPARE(h.command("c FETCH 1 UID"), "* 1 FETCH (UID 1)\r\nc OK FETCH completed\r\n");
        IMAP_COMPARE(h.command("d NOOP"), "* 1 EXPUNGE\r\nd OK NOOP completed\r\n");
    }

    void deleteActions_data()
    {
        QTest::addColumn<int>("action");
        QTest::addColumn<QString>("destination");
        QTest::newRow("trash") << int(ImapDeleteAction::MoveToTrash) << QStringLiteral("Trash");
        QTest::newRow("archive") << int(ImapDeleteAction::Archive) << QStringLiteral("Archive");
        QTest::newRow("delete") << int(ImapDeleteAction::DeleteNow) << QString();
    }

    void deleteActions()
    {
        QFETCH(int, action);
        QFETCH(QString, destination);
        QVERIFY(f->setImapPolicy(alice, false, ImapDeleteAction(action)));
        QVERIFY(f->deliver(alice, simpleMessage("gone"), QStringLiteral("INBOX"), { QStringLiteral("\\Deleted") }));
        QVERIFY(f->deliver(alice, simpleMessage("stays")));
        ImapHarness h(*f);
        QVERIFY(h.login());
        QVERIFY(h.select());
        IMAP_COMPARE(h.command("a EXPUNGE"), "* 1 EXPUNGE\r\na OK EXPUNGE completed\r\n");
        QCOMPARE(f->messages(alice, QStringLiteral("INBOX")).size(), size_t(1));
        if (!destination.isEmpty()) {
            const std::vector<MessageInfo> moved = f->messages(alice, destination);
            QCOMPARE(moved.size(), size_t(1));
            QVERIFY(!moved[0].flags.has(SystemFlag::Deleted));
            // Expunging in Trash always deletes.
            QVERIFY(h.select("Trash"));
            if (destination == QLatin1String("Trash")) {
                IMAP_COMPARE(h.command("b STORE 1 +FLAGS.SILENT (\\Deleted)"), "b OK STORE completed\r\n");
                IMAP_COMPARE(h.command("c EXPUNGE"), "* 1 EXPUNGE\r\nc OK EXPUNGE completed\r\n");
                QVERIFY(f->messages(alice, QStringLiteral("Trash")).empty());
                QVERIFY(f->messages(alice, QStringLiteral("Archive")).empty());
            }
        } else {
            QVERIFY(f->messages(alice, QStringLiteral("Trash")).empty());
            QVERIFY(f->messages(alice, QStringLiteral("Archive")).empty());
        }
    }
};

QTEST_GUILESS_MAIN(TestImapMessages)
#include "TestImapMessages.moc"
