// The pieces under the parser and the writer: modified UTF-7 mailbox names, sequence sets
// and their resolution against a mailbox, dates, and response formatting.

#include "imap/ImapDate.h"
#include "imap/ImapMailboxName.h"
#include "imap/ImapResponseWriter.h"
#include "imap/ImapSequenceSet.h"

#include <QTest>

using namespace tegami;

using Ranges = std::vector<ImapSequenceSet::Range>;

class TestImapSyntax : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void modifiedUtf7RoundTrips_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("ascii") << QStringLiteral("Sent Items") << QByteArray("Sent Items");
        QTest::newRow("japanese") << QStringLiteral("日本語") << QByteArray("&ZeVnLIqe-");
        QTest::newRow("ampersand") << QStringLiteral("&") << QByteArray("&-");
        QTest::newRow("mixed") << QStringLiteral("~peter/mail/台北/日本語")
                               << QByteArray("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
        QTest::newRow("umlauts") << QStringLiteral("Entwürfe & Gelöschte")
                                 << QByteArray("Entw&APw-rfe &- Gel&APY-schte");
        QTest::newRow("emoji") << QStringLiteral("📧 Mail") << QByteArray("&2D3c5w- Mail");
        QTest::newRow("one byte pad") << QStringLiteral("é") << QByteArray("&AOk-");
        QTest::newRow("control") << QStringLiteral("a\tb") << QByteArray("a&AAk-b");
        QTest::newRow("empty") << QString() << QByteArray();
    }

    void modifiedUtf7RoundTrips()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, wire);
        QCOMPARE(encodeMailboxUtf7(name), wire);
        QCOMPARE(decodeMailboxUtf7(wire), std::optional<QString>(name));
    }

    void invalidModifiedUtf7IsRefused_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("unterminated") << QByteArray("&ZeVnLIqe");
        QTest::newRow("8-bit") << QByteArray("caf\xc3\xa9");
        QTest::newRow("control") << QByteArray("a\tb");
        QTest::newRow("slash base64") << QByteArray("&U/BTFw-");
        QTest::newRow("leftover bits") << QByteArray("&AOl-");
        QTest::newRow("too few bits") << QByteArray("&AO-");
        QTest::newRow("encoded ascii") << QByteArray("&AGE-");
        QTest::newRow("lone high surrogate") << QByteArray("&2D0-");
        QTest::newRow("lone low surrogate") << QByteArray("&3OY-");
        QTest::newRow("split run") << QByteArray("&ZeU-&Zyw-");
    }

    void invalidModifiedUtf7IsRefused()
    {
        QFETCH(QByteArray, wire);
        QVERIFY(!decodeMailboxUtf7(wire));
    }

    void inboxIsCaseInsensitive()
    {
        QCOMPARE(*decodeMailboxName("inbox"), QStringLiteral("INBOX"));
        QCOMPARE(*decodeMailboxName("InBox"), QStringLiteral("INBOX"));
        QCOMPARE(*decodeMailboxName("inbox/Sub"), QStringLiteral("inbox/Sub"));
        QCOMPARE(*decodeMailboxName("Inboxes"), QStringLiteral("Inboxes"));
    }

    void sequenceSets()
    {
        const ImapSequenceSet set = *ImapSequenceSet::parse("1:3,7,9:*,5:4");
        QCOMPARE(set.toString(), QByteArray("1:3,7,9:*,5:4"));
        QVERIFY(set.hasStar());
        QCOMPARE(set.highestNumber(), quint32(9));
        QCOMPARE(set.resolve(20), (Ranges { { 1, 5 }, { 7, 7 }, { 9, 20 } }));
        // "*" below the start: the range is taken in either order.
        QCOMPARE(ImapSequenceSet::parse("559:*")->resolve(500), (Ranges { { 500, 559 } }));
        QCOMPARE(ImapSequenceSet::parse("*")->resolve(42), (Ranges { { 42, 42 } }));
        QCOMPARE(ImapSequenceSet::parse("*")->resolve(0), Ranges {});
        QCOMPARE(ImapSequenceSet::parse("1:*")->resolve(0), (Ranges { { 1, 1 } }));
        QCOMPARE(ImapSequenceSet::parse("4294967295,1:4294967294")->resolve(3), (Ranges { { 1, 4294967295u } }));
        QCOMPARE(ImapSequenceSet::parse("2,4,3")->resolve(10), (Ranges { { 2, 4 } }));
        QVERIFY(!ImapSequenceSet::parse("*")->isEmpty());
        for (const char* bad :
            { "", "0", "0:5", "1:", ":1", "1,", ",1", "1,,2", "4294967296", "01", "1:2:3", "a", "*:" })
            QVERIFY2(!ImapSequenceSet::parse(bad), bad);
        QCOMPARE(formatImapSequenceSet({ { 1, 3 }, { 5, 5 } }), QByteArray("1:3,5"));
        QCOMPARE(formatImapUidList({ 4, 5, 6, 9, 2, 3, 4294967295u }), QByteArray("4:6,9,2:3,4294967295"));
        QCOMPARE(formatImapUidList({}), QByteArray());
    }

    void dates()
    {
        QCOMPARE(parseImapDate("1-Feb-1994"), std::optional<QDate>(QDate(1994, 2, 1)));
        QCOMPARE(parseImapDate("01-feb-1994"), std::optional<QDate>(QDate(1994, 2, 1)));
        QCOMPARE(parseImapDate("29-Feb-2024"), std::optional<QDate>(QDate(2024, 2, 29)));
        for (const char* bad : { "29-Feb-2023", "1-Feb-94", "1 Feb 1994", "001-Feb-1994", "1-Febr-1994", "",
                 "1-Feb-1994x", "32-Jan-2000", "0-Jan-2000" })
            QVERIFY2(!parseImapDate(bad), bad);

        const std::optional<QDateTime> dt = parseImapDateTime("17-Jul-1996 02:44:25 -0700");
        QVERIFY(dt);
        QCOMPARE(dt->toUTC(), QDateTime(QDate(1996, 7, 17), QTime(9, 44, 25), Qt::UTC));
        QCOMPARE(formatImapDateTime(*dt), QByteArray("17-Jul-1996 02:44:25 -0700"));
        QVERIFY(parseImapDateTime(" 7-Jul-1996 02:44:25 +0000"));
        QCOMPARE(formatImapDateTime(*parseImapDateTime(" 7-Jul-1996 02:44:25 +0130")),
            QByteArray("07-Jul-1996 02:44:25 +0130"));
        for (const char* bad : { "7-Jul-1996 02:44:25 +0000", "17-Jul-1996 24:00:00 +0000", "17-Jul-1996 02:44 +0000",
                 "17-Jul-1996 02:44:25 0000", "17-Jul-1996 02:44:25 +2400", "17-Jul-1996 02:44:25 +0000 " })
            QVERIFY2(!parseImapDateTime(bad), bad);
    }

    void strings()
    {
        QCOMPARE(imapQuoted("a \"b\" \\c"), QByteArray("\"a \\\"b\\\" \\\\c\""));
        QCOMPARE(imapString("plain"), QByteArray("\"plain\""));
        QCOMPARE(imapString(""), QByteArray("\"\""));
        QCOMPARE(imapString("two\r\nlines"), QByteArray("{10}\r\ntwo\r\nlines"));
        QCOMPARE(imapString("caf\xc3\xa9"), QByteArray("{5}\r\ncaf\xc3\xa9"));
        QCOMPARE(imapString(QByteArray("a\0b", 3)),
            QByteArray("{3}\r\na\x80"
                       "b"));
        const QByteArray longText(kImapMaxQuoted + 1, 'x');
        QCOMPARE(imapString(longText), "{1025}\r\n" + longText);
        QCOMPARE(imapString(QByteArray(kImapMaxQuoted, 'x')).size(), kImapMaxQuoted + 2);
        QCOMPARE(imapNString(std::nullopt), QByteArray("NIL"));
        QCOMPARE(imapNString(QByteArray("x")), QByteArray("\"x\""));
        QCOMPARE(imapAString("INBOX"), QByteArray("INBOX"));
        QCOMPARE(imapAString("a]b"), QByteArray("a]b"));
        QCOMPARE(imapAString("nil"), QByteArray("\"nil\""));
        QCOMPARE(imapAString("two words"), QByteArray("\"two words\""));
        QCOMPARE(imapAString("a%"), QByteArray("\"a%\""));
        QCOMPARE(imapAString(""), QByteArray("\"\""));
        QCOMPARE(imapMailbox(QStringLiteral("INBOX")), QByteArray("INBOX"));
        QCOMPARE(imapMailbox(QStringLiteral("日本語")), QByteArray("&ZeVnLIqe-"));
        QCOMPARE(imapMailbox(QStringLiteral("Sent Items")), QByteArray("\"Sent Items\""));
        QCOMPARE(imapLiteralHeader(1234), QByteArray("{1234}\r\n"));
    }

    void listsAndResponses()
    {
        QCOMPARE(imapFlagList({ "\\Seen", "$Forwarded" }), QByteArray("(\\Seen $Forwarded)"));
        QCOMPARE(imapFlagList({}), QByteArray("()"));
        QCOMPARE(imapDateTime(QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), Qt::OffsetFromUTC, 3600)),
            QByteArray("\"02-Jan-2024 03:04:05 +0100\""));

        QCOMPARE(imapTagged("a1", ImapStatus::Ok, ImapCode::appendUid(38505, 3955), QStringLiteral("APPEND completed")),
            QByteArray("a1 OK [APPENDUID 38505 3955] APPEND completed\r\n"));
        QCOMPARE(
            imapTagged("a2", ImapStatus::Ok, ImapCode::copyUid(38505, { 304, 319, 320 }, { 3956, 3957, 3958 }), "Done"),
            QByteArray("a2 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n"));
        QCOMPARE(imapTagged("a3", ImapStatus::No, ImapCode::tryCreate(), QStringLiteral("No such mailbox")),
            QByteArray("a3 NO [TRYCREATE] No such mailbox\r\n"));
        QCOMPARE(
            imapTagged("", ImapStatus::Bad, {}, QStringLiteral("Bad\r\nline\0x")), QByteArray("* BAD Bad  line x\r\n"));
        QCOMPARE(imapTagged("a4", ImapStatus::Ok, {}, QString()), QByteArray("a4 OK Done\r\n"));
        QCOMPARE(imapTagged("a5", ImapStatus::No, {}, QStringLiteral("[x] y")), QByteArray("a5 NO - [x] y\r\n"));
        QCOMPARE(imapUntaggedStatus(ImapStatus::Ok, ImapCode::capability({ "IMAP4rev1", "IDLE" }), "ready"),
            QByteArray("* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n"));
        QCOMPARE(imapUntaggedStatus(ImapStatus::Ok, ImapCode::permanentFlags({ "\\Seen", "\\*" }), "Flags"),
            QByteArray("* OK [PERMANENTFLAGS (\\Seen \\*)] Flags\r\n"));
        QCOMPARE(imapUntaggedStatus(ImapStatus::Bye, {}, QStringLiteral("Logging out")),
            QByteArray("* BYE Logging out\r\n"));
        QCOMPARE(imapUntaggedStatus(ImapStatus::PreAuth, {}, "hi"), QByteArray("* PREAUTH hi\r\n"));
        QCOMPARE(imapUntagged("3 EXISTS"), QByteArray("* 3 EXISTS\r\n"));
        QCOMPARE(imapContinuation(QStringLiteral("idling")), QByteArray("+ idling\r\n"));
        QCOMPARE(imapContinuationData(""), QByteArray("+ \r\n"));
        QCOMPARE(ImapCode::modified({ { 7, 7 }, { 9, 12 } }), QByteArray("MODIFIED 7,9:12"));
        QCOMPARE(ImapCode::badCharset({ "US-ASCII", "UTF-8" }), QByteArray("BADCHARSET (US-ASCII UTF-8)"));
        QCOMPARE(ImapCode::highestModSeq(Q_UINT64_C(9007199254740993)), QByteArray("HIGHESTMODSEQ 9007199254740993"));
        QCOMPARE(ImapCode::uidValidity(4294967295u), QByteArray("UIDVALIDITY 4294967295"));
        QCOMPARE(ImapCode::uidNext(5), QByteArray("UIDNEXT 5"));
        QCOMPARE(ImapCode::appendUid(1, std::vector<quint32> { 5, 6 }), QByteArray("APPENDUID 1 5:6"));
        for (const QByteArray& code : { ImapCode::alert(), ImapCode::tooBig(), ImapCode::noModSeq(), ImapCode::closed(),
                 ImapCode::authenticationFailed(), ImapCode::unavailable(), ImapCode::limit(), ImapCode::inUse(),
                 ImapCode::privacyRequired(), ImapCode::readOnly(), ImapCode::readWrite(), ImapCode::overQuota() })
            QVERIFY(!code.isEmpty() && code == code.toUpper() && !code.contains(' '));
    }
};

QTEST_GUILESS_MAIN(TestImapSyntax)
#include "TestImapSyntax.moc"
