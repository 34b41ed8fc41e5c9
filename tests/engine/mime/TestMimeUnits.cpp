// The pieces of the MIME module one by one: header parsing, RFC 2047 words, charsets
// (ISO-2022-JP, Shift_JIS/CP932, EUC-JP, Windows-125x, unknown ones), RFC 2231
// parameters, addresses, section specs and HEADER.FIELDS, transfer decoding and the
// text SEARCH looks in.

#include "mime/Address.h"
#include "mime/Charset.h"
#include "mime/EncodedWords.h"
#include "mime/Header.h"
#include "mime/ImapFormat.h"
#include "mime/MimePart.h"
#include "mime/PartText.h"
#include "mime/Section.h"

#include <QFile>
#include <QTest>

using namespace tegami;

namespace {

QByteArray corpus(const char* name)
{
    QFile f(qEnvironmentVariable("TEGAMI_TEST_DATA") + QStringLiteral("/mime/") + QLatin1String(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString u(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

} // namespace

class TestMimeUnits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void headerFieldsAndBodyOffset()
    {
        const QByteArray m = "Subject: one\r\n two\r\nX-Empty:\r\nsubject : again\r\nnot a field\r\n\r\nbody";
        const Header h = Header::parse(m);
        QCOMPARE(h.fields().size(), 3);
        QCOMPARE(h.value("SUBJECT"), QByteArray("one two"));
        QCOMPARE(h.values("subject"), (QList<QByteArray> { "one two", "again" }));
        QVERIFY(h.contains("x-empty"));
        QCOMPARE(h.value("X-Empty"), QByteArray());
        QVERIFY(!h.contains("X-Missing"));
        QCOMPARE(h.raw(*h.field("subject")), QByteArrayView("Subject: one\r\n two\r\n"));
        QCOMPARE(h.bodyOffset(), m.indexOf("body"));
        QVERIFY(h.hasEmptyLine());
    }

    void headerWithoutEmptyLineOrWithBareLf()
    {
        const QByteArray noBody = "From: a@b\r\nTo: c@d";
        const Header h = Header::parse(noBody);
        QCOMPARE(h.bodyOffset(), noBody.size());
        QVERIFY(!h.hasEmptyLine());
        QCOMPARE(h.value("to"), QByteArray("c@d"));

        const QByteArray lf = "A: 1\n folded\nB: 2\n\nbody\n";
        const Header h2 = Header::parse(lf);
        QCOMPARE(h2.value("a"), QByteArray("1 folded"));
        QCOMPARE(h2.bodyOffset(), lf.indexOf("body"));
    }

    void headerNulBecomesReplacementCharacter()
    {
        const QByteArray m("Subject: a\0b\r\n\r\n", 16);
        QCOMPARE(Header::parse(m).value("subject"),
            QByteArray("a\xEF\xBF\xBD"
                       "b"));
    }

    void encodedWords_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("text");
        QTest::newRow("q and adjacent words") << QByteArray("=?UTF-8?Q?Caf=C3=A9?= =?UTF-8?Q?_au_lait?= and "
                                                            "=?windows-1252?Q?=80uro?=")
                                              << u("Café au lait and €uro");
        QTest::newRow("b, language") << QByteArray("=?utf-8*fr?B?w4lsb2RpZQ==?=") << u("Élodie");
        QTest::newRow("space kept between word and text") << QByteArray("a =?utf-8?q?x?= b") << u("a x b");
        QTest::newRow("folded whitespace between words dropped")
            << QByteArray("=?utf-8?q?a?=\r\n\t=?utf-8?q?b?=") << u("ab");
        QTest::newRow("utf-8 split across words") << QByteArray("=?UTF-8?B?5pel?= =?UTF-8?B?5pys?=") << u("日本");
        QTest::newRow("multibyte character split across words")
            << QByteArray("=?UTF-8?Q?=E6=97?= =?UTF-8?Q?=A5?=") << u("日");
        QTest::newRow("iso-2022-jp") << QByteArray("=?ISO-2022-JP?B?GyRCMnE1RCRON28bKEI=?=") << u("会議の件");
        QTest::newRow("iso-2022-jp split over two words, lower case")
            << QByteArray("=?iso-2022-jp?b?GyRCMnE1RBsoQg==?= =?iso-2022-jp?b?GyRCJE43bxsoQg==?=") << u("会議の件");
        QTest::newRow("shift_jis") << QByteArray("=?Shift_JIS?B?jKmQz4+RgsyRl5V0?=") << u("見積書の送付");
        QTest::newRow("euc-jp") << QByteArray("=?EUC-JP?B?vbu96srRubk=?=") << u("住所変更");
        QTest::newRow("iso-8859-2") << QByteArray("=?ISO-8859-2?Q?=A3=F3d=BC?=") << u("Łódź");
        QTest::newRow("windows-1251") << QByteArray("=?windows-1251?B?yOLg7Q==?=") << u("Иван");
        QTest::newRow("unknown charset keeps the bytes") << QByteArray("=?x-no-such?Q?abc?=") << u("abc");
        QTest::newRow("not a word") << QByteArray("=?utf-8?x?abc?= =?broken") << u("=?utf-8?x?abc?= =?broken");
        QTest::newRow("raw 8-bit utf-8") << QByteArray("Gr\xC3\xBC\xC3\x9F"
                                                       "e")
                                         << u("Grüße");
        QTest::newRow("raw 8-bit latin-1") << QByteArray("Caf\xE9") << u("Café");
        QTest::newRow("glued to text") << QByteArray("x=?utf-8?q?y?=z") << u("xyz");
    }

    void encodedWords()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, text);
        QCOMPARE(decodeEncodedWords(raw), text);
    }

    void charsets()
    {
        QCOMPARE(decodeCharset(QByteArray("\x1b$BF|K\\8l\x1b(B"), "ISO-2022-JP"), std::optional<QString>(u("日本語")));
        // CP932 extensions sent as "Shift_JIS": circled digit one (0x8740).
        QCOMPARE(decodeCharset(QByteArray("\x87\x40"), "shift_jis"), std::optional<QString>(u("①")));
        QCOMPARE(decodeCharset(QByteArray("\x80"), "windows-1252"), std::optional<QString>(u("€")));
        QCOMPARE(decodeCharset(QByteArray("abc"), "\"UTF-8\""), std::optional<QString>(u("abc")));
        QVERIFY(!decodeCharset(QByteArray("abc"), "x-no-such-charset").has_value());
        QVERIFY(!decodeCharset(QByteArray("abc"), "../../etc/passwd").has_value());
        QVERIFY(!isKnownCharset(QByteArray(10000, 'a')));
        QVERIFY(isKnownCharset("EUC-JP"));
        // Invalid bytes become U+FFFD, the rest still decodes.
        const std::optional<QString> broken = decodeCharset(QByteArray("\x1b$BF|\xff\xff"
                                                                       "K\\\x1b(Bok"),
            "ISO-2022-JP");
        QVERIFY(broken.has_value());
        QVERIFY(broken->contains(QChar(0xfffd)));
        QVERIFY(broken->endsWith(u("ok")));
        QCOMPARE(decodeCharsetOrRaw(QByteArray("caf\xc3\xa9"), "x-unknown"), u("café"));
        QCOMPARE(decodeCharsetOrRaw(QByteArray("caf\xe9"), ""), u("café"));
    }

    void rfc2231Parameters()
    {
        const QByteArray value = "attachment; filename*0*=utf-8'ja'%E8%A6%8B%E7%A9%8D%E6%9B%B8; "
                                 "filename*1*=%5F2024; filename*2=\".pdf\"; size=10";
        const qsizetype semicolon = value.indexOf(';');
        const MimeParams params = parseMimeParams(value, semicolon);
        QCOMPARE(params.items.size(), 2);
        QCOMPARE(params.items[0], (MimeParam { "size", "10" }));
        QCOMPARE(params.items[1], (MimeParam { "filename*", "utf-8'ja'%E8%A6%8B%E7%A9%8D%E6%9B%B8%5F2024.pdf" }));
        QCOMPARE(params.decoded("filename"), u("見積書_2024.pdf"));
        QCOMPARE(params.decoded("size"), u("10"));
        QVERIFY(params.decoded("missing").isNull());

        // Out of order and plain continuations; an encoded word in a plain name.
        const MimeParams p2 = parseMimeParams("; title*1=\"b c\"; title*0=a; name=\"=?UTF-8?B?5pel?=.txt\"");
        QCOMPARE(p2.value("TITLE"), std::optional<QByteArray>("ab c"));
        QCOMPARE(p2.decoded("name"), u("日.txt"));
        // A non-extended piece joined to an extended one is percent-encoded.
        const MimeParams p3 = parseMimeParams("; n*0*=us-ascii''a%20; n*1=\"b c\"");
        QCOMPARE(p3.value("n*"), std::optional<QByteArray>("us-ascii''a%20b%20c"));
        QCOMPARE(p3.decoded("n"), u("a b c"));
    }

    void addresses()
    {
        const QList<ImapAddress> list = parseAddressList(
            "Team: a@x.example, \"B, Person\" <b@y.example>;, <@r1,@r2:c@z.example>, d@w.example (Dee)");
        QCOMPARE(list.size(), 6);
        QVERIFY(list[0].isGroupStart());
        QCOMPARE(list[0].mailbox, std::optional<QByteArray>("Team"));
        QCOMPARE(list[1], (ImapAddress { std::nullopt, std::nullopt, "a", "x.example" }));
        QCOMPARE(list[2], (ImapAddress { "B, Person", std::nullopt, "b", "y.example" }));
        QVERIFY(list[3].isGroupEnd());
        QCOMPARE(list[4], (ImapAddress { std::nullopt, "@r1,@r2", "c", "z.example" }));
        QCOMPARE(list[5], (ImapAddress { "Dee", std::nullopt, "d", "w.example" }));

        QVERIFY(parseAddressList("").isEmpty());
        QVERIFY(parseAddressList("  (just a comment) ").isEmpty());
        const QList<ImapAddress> broken = parseAddressList("Name <x@y");
        QCOMPARE(broken.size(), 1);
        QCOMPARE(broken[0].host, std::optional<QByteArray>(kSyntaxError));
    }

    void envelopeStrings()
    {
        QByteArray out;
        appendImapString(out, "plain");
        QCOMPARE(out, QByteArray("\"plain\""));
        out.clear();
        appendImapString(out, "a\"b\\c");
        QCOMPARE(out, QByteArray("\"a\\\"b\\\\c\""));
        out.clear();
        appendImapString(out, "\"\"\"\"\""); // five escapes: a literal is shorter
        QCOMPARE(out, QByteArray("{5}\r\n\"\"\"\"\""));
        out.clear();
        appendImapString(out, "caf\xc3\xa9");
        QCOMPARE(out, QByteArray("{5}\r\ncaf\xc3\xa9"));
        out.clear();
        appendImapHumanString(out, "  a \t b  ");
        QCOMPARE(out, QByteArray("{3}\r\na b"));
        out.clear();
        appendImapHumanString(out, "   ");
        QCOMPARE(out, QByteArray("\"\""));
    }

    void sectionSpecs()
    {
        std::optional<SectionSpec> s = parseSectionSpec("1.2.MIME");
        QVERIFY(s);
        QCOMPARE(s->part, (QList<int> { 1, 2 }));
        QCOMPARE(s->kind, SectionSpec::Kind::Mime);
        s = parseSectionSpec("header.fields.not (Received \"X-Spam\")");
        QVERIFY(s);
        QCOMPARE(s->kind, SectionSpec::Kind::HeaderFieldsNot);
        QCOMPARE(s->fields, (QList<QByteArray> { "Received", "X-Spam" }));
        QVERIFY(parseSectionSpec(""));
        QCOMPARE(parseSectionSpec("")->kind, SectionSpec::Kind::Whole);
        QCOMPARE(parseSectionSpec("3.TEXT")->kind, SectionSpec::Kind::Text);
        for (const char* bad : { "MIME", "0", "1.", ".1", "1..2", "1.FOO", "HEADER.FIELDS", "HEADER.FIELDS ()",
                 "HEADER.FIELDS (a", "99999999999", "1.2.HEADER.FIELDS (\"x)" })
            QVERIFY2(!parseSectionSpec(bad), bad);
    }

    void headerFieldsContent()
    {
        const QByteArray m = corpus("rfc822-nested.eml");
        const MimePart root = parseMimeMessage(m);
        QCOMPARE(sectionContent(m, root, *parseSectionSpec("HEADER.FIELDS (subject FROM)")),
            QByteArray("From: Henry <henry@example.com>\r\nSubject: Fwd: Original message\r\n\r\n"));
        QCOMPARE(sectionContent(m, root, *parseSectionSpec("2.HEADER.FIELDS (Message-ID)")),
            QByteArray("Message-ID: <orig@example.org>\r\n\r\n"));
        const QByteArray notFields = sectionContent(m, root, *parseSectionSpec("2.HEADER.FIELDS.NOT (From To Date)"));
        QCOMPARE(notFields,
            QByteArray("Subject: Original message\r\nMessage-ID: <orig@example.org>\r\n"
                       "In-Reply-To: <earlier@example.com>\r\n\r\n"));
        QCOMPARE(sectionContent(m, root, *parseSectionSpec("1.HEADER.FIELDS (From)")), QByteArray());
        QCOMPARE(sectionContent(m, root, *parseSectionSpec("3")), QByteArray());
        QCOMPARE(sectionContent(m, root, *parseSectionSpec("2.1.1")), QByteArray());
        QCOMPARE(sectionContent(m, root, *parseSectionSpec("2.1")), QByteArray("The original text.\r\nTwo lines."));
        QCOMPARE(sectionContent(m, root, *parseSectionSpec("")), m);
    }

    void partTextDecodes()
    {
        const QByteArray jp = corpus("iso-2022-jp.eml");
        const MimePart root = parseMimeMessage(jp);
        QCOMPARE(partText(jp, root), u("来週の会議は月曜日の午前十時からです。\r\nよろしくお願いします。\r\n"));

        const QByteArray sjis = corpus("shift-jis.eml");
        QVERIFY(messageBodyText(sjis, parseMimeMessage(sjis)).contains(u("見積書を添付いたします。")));
        const QByteArray euc = corpus("euc-jp.eml");
        QVERIFY(messageBodyText(euc, parseMimeMessage(euc)).contains(u("東京都千代田区")));
        const QByteArray latin = corpus("latin-charsets.eml");
        QVERIFY(messageBodyText(latin, parseMimeMessage(latin)).contains(u("Price: 10 €, “quoted”")));

        const QByteArray mixed = corpus("mixed-attachments.eml");
        const MimePart mixedRoot = parseMimeMessage(mixed);
        const QString text = messageBodyText(mixed, mixedRoot);
        QVERIFY(text.contains(u("Voilà le rapport.")));
        QVERIFY(text.contains(u("a,b,c")));
        QVERIFY(!text.contains(u("PDF")));
        QCOMPARE(decodeTransferEncoding(QByteArrayView(mixed).sliced(mixedRoot.children[1].bodyOffset, 16), "BASE64"),
            QByteArray("%PDF-1.4\n\0\1\2", 12));

        const QByteArray undeclared = corpus("8bit-undeclared.eml");
        QVERIFY(messageBodyText(undeclared, parseMimeMessage(undeclared)).contains(u("Grüße aus München")));
        QVERIFY(decodedHeaderText(Header::parse(undeclared)).contains(u("Subject: Café sans déclaration")));
        const QByteArray named = corpus("encoded-display-name.eml");
        QVERIFY(decodedHeaderText(Header::parse(named)).contains(u("From: José García <jose@example.es>")));
    }

    void quotedPrintable()
    {
        QCOMPARE(decodeQuotedPrintable("a=3Db=\r\nc=  \r\nd=ZZ=4"), QByteArray("a=bcd=ZZ=4"));
        QCOMPARE(decodeQuotedPrintable("end="), QByteArray("end"));
    }

    void defaultsForMessageWithoutMimeHeaders()
    {
        const QByteArray m = "Subject: x\r\n\r\nhello\r\n";
        const MimePart root = parseMimeMessage(m);
        QCOMPARE(root.effectiveType(), QByteArray("text"));
        QCOMPARE(root.effectiveSubtype(), QByteArray("plain"));
        QCOMPARE(root.charset(), QByteArray("us-ascii"));
        QCOMPARE(root.bodySize, 7);
        QCOMPARE(root.bodyLines, 1);
        QCOMPARE(imapBodyStructure(m, root, false),
            QByteArray("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 7 1)"));
    }

    void bareLfSizesCountCrlf()
    {
        const QByteArray m = "Subject: x\n\na\nb\n";
        const MimePart root = parseMimeMessage(m);
        QCOMPARE(root.bodyLength(), 4);
        QCOMPARE(root.bodySize, 6);
        QCOMPARE(root.bodyLines, 2);
    }
};

QTEST_GUILESS_MAIN(TestMimeUnits)
#include "TestMimeUnits.moc"
