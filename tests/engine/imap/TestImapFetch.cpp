// FETCH: every item on messages from tests/data/mime (ENVELOPE, BODY, BODYSTRUCTURE and
// sections byte for byte against the Dovecot-derived golden files), \Seen and FLAGS,
// partials, and a large message streamed with backpressure.

#include "ImapSessionFixture.h"

using namespace tegami;
using namespace tegami::imaptest;

namespace {

QByteArray golden(const QString& name, const char* suffix)
{
    QByteArray data = readTestFile(QStringLiteral("mime/") + name + QLatin1String(suffix));
    if (data.endsWith('\n'))
        data.chop(1);
    return data;
}

QByteArray literal(const QByteArray& bytes)
{
    return '{' + QByteArray::number(bytes.size()) + "}\r\n" + bytes;
}

} // namespace

class TestImapFetch : public QObject {
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

    void goldenMessages_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* name : { "alternative", "dsn", "digest", "rfc822-nested", "mixed-attachments",
                 "multipart-in-rfc822-in-multipart", "iso-2022-jp", "encoded-display-name", "group-addresses" })
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void goldenMessages()
    {
        QFETCH(QString, name);
        const QByteArray message = readTestFile(QStringLiteral("mime/") + name + QStringLiteral(".eml"));
        QVERIFY(!message.isEmpty());
        QVERIFY(f->deliver(alice, message));
        ImapHarness h(*f);
        QVERIFY(h.login());
        QVERIFY(h.select());
        IMAP_COMPARE(h.command("a FETCH 1 (ENVELOPE)"),
            "* 1 FETCH (ENVELOPE " + golden(name, ".envelope") + ")\r\na OK FETCH completed\r\n");
        IMAP_COMPARE(
            h.command("b FETCH 1 BODY"), "* 1 FETCH (BODY " + golden(name, ".body") + ")\r\nb OK FETCH completed\r\n");
        IMAP_COMPARE(h.command("c UID FETCH 1 BODYSTRUCTURE"),
            "* 1 FETCH (UID 1 BODYSTRUCTURE " + golden(name, ".bodystructure") + ")\r\nc OK FETCH completed\r\n");
        IMAP_COMPARE(h.command("d FETCH 1 (RFC822.SIZE BODY.PEEK[])"),
            "* 1 FETCH (RFC822.SIZE " + QByteArray::number(message.size()) + " BODY[] " + literal(message)
                + ")\r\nd OK FETCH completed\r\n");
        const QByteArray sections = readTestFile(QStringLiteral("mime/") + name + QStringLiteral(".sections"));
        int checked = 0;
        for (const QByteArray& line : sections.split('\n')) {
            const QList<QByteArray> words = line.split(' ');
            if (words.size() < 2)
                continue;
            const QByteArray reply = h.command("e FETCH 1 BODY.PEEK[" + words[0] + "]");
            ++checked;
            if (words[1] == "*") { // only the size is known (a part without a header of its own)
                IMAP_CONTAINS(reply, "* 1 FETCH (BODY[" + words[0] + "] {" + words.value(2) + "}\r\n");
                continue;
            }
            const QByteArray expected
                = words[1] == "empty" ? QByteArray() : message.mid(words[1].toLongLong(), words.value(2).toLongLong());
            IMAP_COMPARE(
                reply, "* 1 FETCH (BODY[" + words[0] + "] " + literal(expected) + ")\r\ne OK FETCH completed\r\n");
        }
        QVERIFY(checked > 0 || sections.isEmpty());
        // Nothing above was allowed to set \Seen.
        QVERIFY(!f->messages(alice, QStringLiteral("INBOX"))[0].flags.has(SystemFlag::Seen));
    }

    void simpleItemsAndMacros()
    {
        const QByteArray message = simpleMessage("Hi there", "Body line\r\n");
        const QDateTime when(QDate(2024, 6, 4), QTime(8, 0, 1), Qt::UTC);
        QVERIFY(f->deliver(alice, message, QStringLiteral("INBOX"), { QStringLiteral("\\Flagged") }, when));
        ImapHarness h(*f);
        QVERIFY(h.login());
        QVERIFY(h.select());
        IMAP_COMPARE(h.command("a FETCH 1 FAST"),
            "* 1 FETCH (FLAGS (\\Recent \\Flagged) INTERNALDATE \"04-Jun-2024 08:00:01 +0000\" RFC822.SIZE "
                + QByteArray::number(message.size()) + ")\r\na OK FETCH completed\r\n");
        IMAP_COMPARE(h.command("b UID FETCH 1:* (UID FLAGS)"),
            "* 1 FETCH (UID 1 FLAGS (\\Recent \\Flagged))\r\nb OK FETCH completed\r\n");
        const qsizetype headerEnd = message.indexOf("\r\n\r\n") + 4;
        IMAP_COMPARE(h.command("c FETCH 1 (RFC822.HEADER BODY.PEEK[HEADER.FIELDS (Subject FROM)])"),
            "* 1 FETCH (RFC822.HEADER " + literal(message.first(headerEnd)) + " BODY[HEADER.FIELDS (Subject FROM)] "
                + literal("From: Carol <carol@example.org>\r\nSubject: Hi there\r\n\r\n")
                + ")\r\nc OK FETCH completed\r\n");
        IMAP_COMPARE(h.command("d FETCH 1 BODY.PEEK[HEADER.FIELDS.NOT (From To Date Message-ID)]"),
            "* 1 FETCH (BODY[HEADER.FIELDS.NOT (From To Date Message-ID)] " + literal("Subject: Hi there\r\n\r\n")
                + ")\r\nd OK FETCH completed\r\n");
        IMAP_COMPARE(h.command("e FETCH 1 (BODY.PEEK[TEXT]<2.3> BODY.PEEK[]<5000.10>)"),
            "* 1 FETCH (BODY[TEXT]<2> " + literal("dy ") + " BODY[]<5000> " + literal("")
                + ")\r\ne OK FETCH completed\r\n");
        IMAP_COMPARE(h.command("f FETCH 1 BODY.PEEK[1]"),
            "* 1 FETCH (BODY[1] " + literal("Body line\r\n") + ")\r\nf OK FETCH completed\r\n");
        QVERIFY(h.command("g FETCH 2 FLAGS").startsWith("g BAD FETCH: there is no message 2"));
        IMAP_COMPARE(h.command("h UID FETCH 5:9 FLAGS"), "h OK FETCH completed\r\n");
        IMAP_COMPARE(h.command("i FETCH 1 (MODSEQ)"),
            "* 1 FETCH (MODSEQ (" + QByteArray::number(f->messages(alice, QStringLiteral("INBOX"))[0].modSeq)
                + "))\r\ni OK FETCH completed\r\n");
    }

    void emptyMailbox()
    {
        ImapHarness h(*f);
        QVERIFY(h.login());
        QVERIFY(h.select());
        IMAP_COMPARE(h.command("a FETCH 1:* FLAGS"), "a OK FETCH completed\r\n");
        IMAP_COMPARE(h.command("b UID FETCH 1:* FLAGS"), "b OK FETCH completed\r\n");
        QVERIFY(h.command("c FETCH 1 FLAGS").startsWith("c BAD FETCH: the mailbox is empty"));
        IMAP_COMPARE(h.command("d SEARCH ALL"), "* SEARCH\r\nd OK SEARCH completed\r\n");
    }

    void fetchSetsSeenAndReportsFlags()
    {
        const QByteArray message = simpleMessage("read me");
        QVERIFY(f->deliver(alice, message));
        ImapHarness h(*f);
        QVERIFY(h.login());
        QVERIFY(h.command("x EXAMINE INBOX").contains("x OK"));
        h.command("y FETCH 1 BODY[]");
        QVERIFY(!f->messages(alice, QStringLiteral("INBOX"))[0].flags.has(SystemFlag::Seen)); // read-only
        QVERIFY(h.select());
        const qsizetype headerEnd = message.indexOf("\r\n\r\n") + 4;
        IMAP_COMPARE(h.command("a FETCH 1 RFC822.TEXT"),
            "* 1 FETCH (FLAGS (\\Recent \\Seen) RFC822.TEXT " + literal(message.sliced(headerEnd))
                + ")\r\na OK FETCH completed\r\n");
        QVERIFY(f->messages(alice, QStringLiteral("INBOX"))[0].flags.has(SystemFlag::Seen));
        // Already seen: no FLAGS added.
        IMAP_COMPARE(h.command("b FETCH 1 BODY[]<0.4>"),
            "* 1 FETCH (BODY[]<0> " + literal("From") + ")\r\nb OK FETCH completed\r\n");
        IMAP_COMPARE(
            h.command("c FETCH 1 RFC822"), "* 1 FETCH (RFC822 " + literal(message) + ")\r\nc OK FETCH completed\r\n");
    }

    void largeMessageIsStreamedWithBackpressure()
    {
        QByteArray big = "From: a@example.org\r\nSubject: big\r\n\r\n";
        for (int i = 0; big.size() < 3 * 1024 * 1024; ++i)
            big += QByteArray::number(i) + QByteArray(100, 'y') + "\r\n";
        QVERIFY(f->deliver(alice, big));
        ImapHarness h(*f);
        QVERIFY(h.login());
        QVERIFY(h.select());
        h.transport.sendsAllowed = 3;
        h.session->receive("a FETCH 1 BODY.PEEK[]\r\nb NOOP\r\n");
        QVERIFY(h.session->isBusy());
        QVERIFY(h.transport.output.size() < 512 * 1024);
        QVERIFY(!h.transport.output.contains("b OK"));
        for (int i = 0; i < 1000 && h.session->isBusy(); ++i) {
            h.transport.sendsAllowed = 2;
            h.session->resumeOutput();
        }
        QVERIFY(!h.session->isBusy());
        h.transport.sendsAllowed = -1;
        QTRY_VERIFY(h.transport.inputWants > 0);
        h.session->receive(QByteArray()); // what the connection does on inputWanted()
        const QByteArray out = h.transport.take();
        const QByteArray expected
            = "* 1 FETCH (BODY[] " + literal(big) + ")\r\na OK FETCH completed\r\nb OK NOOP completed\r\n";
        QCOMPARE(out.size(), expected.size());
        QVERIFY(out == expected);
        // BODY[TEXT] of a large message comes from the file too; ENVELOPE reads only the header.
        const qsizetype headerEnd = big.indexOf("\r\n\r\n") + 4;
        const QByteArray text = h.command("c FETCH 1 (ENVELOPE BODY.PEEK[TEXT]<100.50>)");
        IMAP_COMPARE(text,
            "* 1 FETCH (ENVELOPE (NIL \"big\" ((NIL NIL \"a\" \"example.org\")) ((NIL NIL \"a\" \"example.org\")) "
            "((NIL NIL \"a\" \"example.org\")) NIL NIL NIL NIL NIL) BODY[TEXT]<100> "
                + literal(big.mid(headerEnd + 100, 50)) + ")\r\nc OK FETCH completed\r\n");
    }
};

QTEST_GUILESS_MAIN(TestImapFetch)
#include "TestImapFetch.moc"
