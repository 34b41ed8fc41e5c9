// ImapCommandParser: every command from typical client traffic (Thunderbird, Outlook,
// Apple Mail, mbsync, Python imaplib), read whole and one byte at a time, into typed
// arguments; wrong arguments give exact BAD texts; recursion is bounded.

#include "imap/ImapCommandParser.h"

#include <QTest>

#include "ImapTestUtil.h"

using namespace tegami;
using namespace tegami::imaptest;

namespace {

// The single command in `wire`, read whole and byte by byte (which must agree), parsed.
std::optional<ImapParseResult> parseWire(const QByteArray& wire, qsizetype maxCommand = 100000)
{
    const ReadOutcome whole = readAll(wire, { wire.size() + 1 }, maxCommand, 1 << 20);
    const ReadOutcome bytes = readAll(wire, { 1 }, maxCommand, 1 << 20);
    if (whole.items != bytes.items || whole.commands.size() != 1) {
        qWarning() << "whole:" << whole.items << "bytes:" << bytes.items;
        return std::nullopt;
    }
    return parseImapCommand(whole.commands[0]);
}

QString parseError(const QByteArray& wire)
{
    const std::optional<ImapParseResult> r = parseWire(wire);
    return r ? r->error : QStringLiteral("(not one command)");
}

} // namespace

#define PARSE(var, wire)                                                                                               \
    const std::optional<ImapParseResult> var##Read = parseWire(wire);                                                  \
    QVERIFY(var##Read);                                                                                                \
    const ImapParseResult& var = *var##Read;                                                                           \
    QVERIFY2(var.ok(), qPrintable(var.error))

class TestImapParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void typicalClientTrafficParses_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<QByteArray>("name");
        auto row = [](const char* tag, const QByteArray& wire, const char* name) {
            QTest::newRow(tag) << wire << QByteArray(name);
        };
        // Thunderbird
        row("tb capability", "1 capability\r\n", "CAPABILITY");
        row("tb id", "2 ID (\"name\" \"Thunderbird\" \"version\" \"115.3.1\")\r\n", "ID");
        row("tb authenticate", "3 authenticate PLAIN\r\n", "AUTHENTICATE");
        row("tb enable", "4 ENABLE CONDSTORE\r\n", "ENABLE");
        row("tb list", "5 list (subscribed) \"\" \"*\" return (special-use)\r\n", "LIST");
        row("tb lsub", "6 lsub \"\" \"*\"\r\n", "LSUB");
        row("tb select", "7 select \"INBOX\" (CONDSTORE)\r\n", "SELECT");
        row("tb getquotaroot", "8 getquotaroot \"INBOX\"\r\n", "GETQUOTAROOT");
        row("tb flags", "9 UID fetch 1:* (FLAGS)\r\n", "UID FETCH");
        row("tb headers",
            "10 UID fetch 1:* (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (From To Cc Bcc Subject Date Message-ID "
            "Priority X-Priority References Newsgroups In-Reply-To Content-Type Reply-To)])\r\n",
            "UID FETCH");
        row("tb body", "11 UID fetch 42 (UID RFC822.SIZE BODY.PEEK[])\r\n", "UID FETCH");
        row("tb seen", "12 uid store 42 +Flags (\\Seen)\r\n", "UID STORE");
        row("tb delete", "13 uid store 1:3 +FLAGS.SILENT (\\Deleted)\r\n", "UID STORE");
        row("tb move", "14 uid move 5 \"Trash\"\r\n", "UID MOVE");
        row("tb expunge", "15 uid expunge 1:3,5\r\n", "UID EXPUNGE");
        row("tb idle", "16 IDLE\r\n", "IDLE");
        row("tb namespace", "17 namespace\r\n", "NAMESPACE");
        row("tb status", "18 STATUS \"Sent\" (UIDNEXT MESSAGES UNSEEN RECENT)\r\n", "STATUS");
        row("tb condstore", "19 UID fetch 1:* (FLAGS) (CHANGEDSINCE 12345)\r\n", "UID FETCH");
        // Outlook
        row("ol login", "a0001 LOGIN alice@example.com \"pa ss\"\r\n", "LOGIN");
        row("ol examine", "a0002 EXAMINE INBOX\r\n", "EXAMINE");
        row("ol fetch", "a0003 FETCH 1:* (UID FLAGS)\r\n", "FETCH");
        row("ol search", "a0004 UID SEARCH UNDELETED SINCE 1-Jan-2024\r\n", "UID SEARCH");
        row("ol copy", "a0005 UID COPY 7 \"Deleted Items\"\r\n", "UID COPY");
        row("ol create", "a0006 CREATE \"Archive/2024\"\r\n", "CREATE");
        row("ol close", "a0007 CLOSE\r\n", "CLOSE");
        row("ol logout", "a0008 LOGOUT\r\n", "LOGOUT");
        // Apple Mail
        row("am starttls", "1.1 STARTTLS\r\n", "STARTTLS");
        row("am status", "2.3 STATUS \"INBOX\" (MESSAGES UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)\r\n", "STATUS");
        row("am append",
            "4.1 APPEND \"Drafts\" (\\Seen \\Draft) \"17-Jul-1996 02:44:25 -0700\" {20}\r\nSubject: "
            "x\r\n\r\nbody\r\n\r\n",
            "APPEND");
        row("am partial", "5.2 UID FETCH 9 (BODY.PEEK[1.2.MIME] BODY.PEEK[2]<0.2048>)\r\n", "UID FETCH");
        row("am unselect", "6.1 UNSELECT\r\n", "UNSELECT");
        // mbsync
        row("mb fetch", "4 UID FETCH 1:1000000000 (UID FLAGS)\r\n", "UID FETCH");
        row("mb append", "5 APPEND \"INBOX\" (\\Seen) {13+}\r\nSubject: y\r\n\r\n", "APPEND");
        row("mb tuid", "6 UID SEARCH HEADER X-TUID 0123456789ab\r\n", "UID SEARCH");
        row("mb check", "7 CHECK\r\n", "CHECK");
        // imaplib
        row("py login", "XYZY1 LOGIN user {8}\r\np\"w d\\x!\r\n", "LOGIN");
        row("py search", "XYZY2 SEARCH CHARSET UTF-8 SUBJECT {9}\r\n\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\r\n",
            "SEARCH");
        row("py fetch", "XYZY3 FETCH 1 (RFC822)\r\n", "FETCH");
        row("py rename", "XYZY4 RENAME old new\r\n", "RENAME");
        row("py subscribe", "XYZY5 SUBSCRIBE news\r\n", "SUBSCRIBE");
        row("py unsubscribe", "XYZY6 UNSUBSCRIBE news\r\n", "UNSUBSCRIBE");
        row("py delete", "XYZY7 DELETE news\r\n", "DELETE");
        row("py noop", "XYZY8 NOOP\r\n", "NOOP");
        row("py expunge", "XYZY9 EXPUNGE\r\n", "EXPUNGE");
        row("py getquota", "XYZY10 GETQUOTA \"\"\r\n", "GETQUOTA");
        row("py store", "XYZY11 STORE 1:2 -FLAGS \\Seen \\Flagged\r\n", "STORE");
        row("py move", "XYZY12 MOVE 1,3:5 Archive\r\n", "MOVE");
        row("py copy", "XYZY13 COPY 2 Archive\r\n", "COPY");
    }

    void typicalClientTrafficParses()
    {
        QFETCH(QByteArray, wire);
        QFETCH(QByteArray, name);
        PARSE(r, wire);
        QCOMPARE(r.command.name(), name);
        QCOMPARE(r.command.tag, wire.left(wire.indexOf(' ')));
        QVERIFY(r.command.spec);
        QCOMPARE(r.command.uid, name.startsWith("UID "));
    }

    void commandsWithoutArguments()
    {
        PARSE(r, "a1 noop\r\n");
        QCOMPARE(r.command.id, ImapCommandId::Noop);
        QVERIFY(std::holds_alternative<ImapNoArgs>(r.command.args));
        QCOMPARE(
            parseError("a1 CAPABILITY now\r\n"), QStringLiteral("CAPABILITY: unexpected text after the arguments"));
        QCOMPARE(parseError("a1 EXPUNGE 1\r\n"), QStringLiteral("EXPUNGE: unexpected text after the arguments"));
        QCOMPARE(parseError("a1 IDLE \r\n"), QStringLiteral("IDLE: unexpected text after the arguments"));
    }

    void tagsAndNames()
    {
        QCOMPARE(parseError("a1 FROB\r\n"), QStringLiteral("Unknown command"));
        QCOMPARE(parseError("a1 X-FOO 1\r\n"), QStringLiteral("Unknown command"));
        QCOMPARE(parseError("a1\r\n"), QStringLiteral("Missing command after the tag"));
        QCOMPARE(parseError("a1 \r\n"), QStringLiteral("Missing command after the tag"));
        QCOMPARE(parseError("a1 UID NOOP\r\n"),
            QStringLiteral("UID must be followed by FETCH, STORE, COPY, MOVE, SEARCH or EXPUNGE"));
        const std::optional<ImapParseResult> plus = parseWire("+ NOOP\r\n");
        QVERIFY(plus);
        QVERIFY(plus->command.tag.isEmpty());
        QVERIFY(plus->error.startsWith(QStringLiteral("Invalid tag")));
        QVERIFY(plus->badResponse().startsWith("* BAD Invalid tag"));
        QVERIFY(parseError("a*b NOOP\r\n").startsWith(QStringLiteral("Invalid tag")));
        QVERIFY(parseError("\"a\" NOOP\r\n").startsWith(QStringLiteral("Invalid tag")));
        const std::optional<ImapParseResult> bad = parseWire("t] FROB\r\n");
        QCOMPARE(bad->badResponse(), QByteArray("t] BAD Unknown command\r\n"));
    }

    void loginAndAuthenticate()
    {
        PARSE(a, "a LOGIN alice@example.com \"p a\\\"s\\\\s\"\r\n");
        QCOMPARE(a.command.get<ImapLoginArgs>().user, QByteArray("alice@example.com"));
        QCOMPARE(a.command.get<ImapLoginArgs>().password, QByteArray("p a\"s\\s"));
        PARSE(b, "a LOGIN {5}\r\nalice {6+}\r\nsec\"et\r\n");
        QCOMPARE(b.command.get<ImapLoginArgs>().user, QByteArray("alice"));
        QCOMPARE(b.command.get<ImapLoginArgs>().password, QByteArray("sec\"et"));
        PARSE(c, "a LOGIN j\xc3\xbcrgen pass]word\r\n");
        QCOMPARE(c.command.get<ImapLoginArgs>().user, QByteArray("j\xc3\xbcrgen"));
        QCOMPARE(c.command.get<ImapLoginArgs>().password, QByteArray("pass]word"));
        QCOMPARE(parseError("a LOGIN alice\r\n"), QStringLiteral("LOGIN: expected a space before the password"));
        QCOMPARE(parseError("a LOGIN \"alice\r\n"), QStringLiteral("LOGIN: unterminated quoted string"));
        QCOMPARE(parseError("a LOGIN \"a\\x\" b\r\n"),
            QStringLiteral("LOGIN: invalid escape in a quoted string (only \\\" and \\\\ are allowed)"));
        QCOMPARE(parseError("a LOGIN alice (pw)\r\n"), QStringLiteral("LOGIN: expected a password"));
        QCOMPARE(parseError("a LOGIN alice ~{2}\r\npw\r\n"),
            QStringLiteral("LOGIN: a literal8 (~{n}) is allowed only for the message of APPEND"));

        PARSE(d, "a authenticate plain\r\n");
        QCOMPARE(d.command.get<ImapAuthenticateArgs>().mechanism, QByteArray("PLAIN"));
        QVERIFY(!d.command.get<ImapAuthenticateArgs>().initialResponse);
        PARSE(e, "a AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\r\n");
        QCOMPARE(*e.command.get<ImapAuthenticateArgs>().initialResponse, QByteArray("AGFsaWNlAHNlY3JldA=="));
        PARSE(f, "a AUTHENTICATE PLAIN =\r\n");
        QCOMPARE(*f.command.get<ImapAuthenticateArgs>().initialResponse, QByteArray("="));
        QCOMPARE(parseError("a AUTHENTICATE PLAIN !!\r\n"),
            QStringLiteral("AUTHENTICATE: expected a base64 initial response or ="));
        QCOMPARE(parseError("a AUTHENTICATE\r\n"),
            QStringLiteral("AUTHENTICATE: expected a space before the mechanism name"));
    }

    void selectAndMailboxNames()
    {
        PARSE(a, "a select \"inbox\" (condstore)\r\n");
        QCOMPARE(a.command.id, ImapCommandId::Select);
        QCOMPARE(a.command.get<ImapSelectArgs>().mailbox, QStringLiteral("INBOX"));
        QVERIFY(a.command.get<ImapSelectArgs>().condstore);
        PARSE(b, "a EXAMINE \"&ZeVnLIqe-/A&-B\"\r\n");
        QCOMPARE(b.command.get<ImapSelectArgs>().mailbox, QStringLiteral("日本語/A&B"));
        QVERIFY(!b.command.get<ImapSelectArgs>().condstore);
        PARSE(c, "a SELECT {5}\r\nInBoX\r\n");
        QCOMPARE(c.command.get<ImapSelectArgs>().mailbox, QStringLiteral("INBOX"));
        PARSE(d, "a SELECT INBOX.Sent\r\n");
        QCOMPARE(d.command.get<ImapSelectArgs>().mailbox, QStringLiteral("INBOX.Sent"));
        QCOMPARE(parseError("a SELECT \"&Jjo\"\r\n"),
            QStringLiteral("SELECT: mailbox name is not valid modified UTF-7 (RFC 3501 5.1.3)"));
        QCOMPARE(parseError("a SELECT \"caf\xc3\xa9\"\r\n"),
            QStringLiteral("SELECT: mailbox name is not valid modified UTF-7 (RFC 3501 5.1.3)"));
        QCOMPARE(parseError("a SELECT INBOX (QRESYNC (1 2))\r\n"),
            QStringLiteral("SELECT: unknown parameter QRESYNC (only CONDSTORE is supported)"));
        QCOMPARE(parseError("a SELECT INBOX ()\r\n"),
            QStringLiteral("SELECT: expected a parameter list such as (CONDSTORE)"));
        QCOMPARE(parseError("a SELECT\r\n"), QStringLiteral("SELECT: expected a space before the mailbox name"));

        PARSE(e, "a CREATE \"Archive/2024\"\r\n");
        QCOMPARE(e.command.get<ImapMailboxArgs>().mailbox, QStringLiteral("Archive/2024"));
        QCOMPARE(parseError("a CREATE x (USE (\\Drafts))\r\n"),
            QStringLiteral("CREATE: CREATE parameters are not supported"));
        PARSE(f, "a RENAME \"Old\" {3}\r\nNew\r\n");
        QCOMPARE(f.command.get<ImapRenameArgs>().from, QStringLiteral("Old"));
        QCOMPARE(f.command.get<ImapRenameArgs>().to, QStringLiteral("New"));
        QCOMPARE(parseError("a RENAME Old\r\n"), QStringLiteral("RENAME: expected a space before the new name"));
        PARSE(g, "a DELETE \"\"\r\n");
        QCOMPARE(g.command.get<ImapMailboxArgs>().mailbox, QString());
        PARSE(h, "a GETQUOTAROOT inbox\r\n");
        QCOMPARE(h.command.get<ImapMailboxArgs>().mailbox, QStringLiteral("INBOX"));
    }

    void listAndLsub()
    {
        PARSE(a, "a LIST \"\" \"*\"\r\n");
        const ImapListArgs& la = a.command.get<ImapListArgs>();
        QCOMPARE(la.reference, QString());
        QCOMPARE(la.patterns, QStringList({ QStringLiteral("*") }));
        QVERIFY(!la.extended);
        PARSE(b, "a LIST Archive/ %\r\n");
        QCOMPARE(b.command.get<ImapListArgs>().reference, QStringLiteral("Archive/"));
        QCOMPARE(b.command.get<ImapListArgs>().patterns, QStringList({ QStringLiteral("%") }));
        PARSE(c,
            "a list (subscribed recursivematch) \"\" (\"INBOX\" \"&ZeVnLIqe-/*\") return (special-use CHILDREN "
            "Subscribed)\r\n");
        const ImapListArgs& lc = c.command.get<ImapListArgs>();
        QVERIFY(lc.extended && lc.selectSubscribed && lc.recursiveMatch && !lc.selectSpecialUse);
        QVERIFY(lc.returnSpecialUse && lc.returnChildren && lc.returnSubscribed);
        QCOMPARE(lc.patterns, QStringList({ QStringLiteral("INBOX"), QStringLiteral("日本語/*") }));
        PARSE(d, "a LIST (SPECIAL-USE) \"\" *\r\n");
        QVERIFY(d.command.get<ImapListArgs>().selectSpecialUse);
        PARSE(e, "a LIST () \"\" * RETURN ()\r\n");
        QVERIFY(e.command.get<ImapListArgs>().extended);
        QCOMPARE(parseError("a LIST \"\" * RETURN (STATUS (MESSAGES))\r\n"),
            QStringLiteral("LIST: unknown LIST return option STATUS"));
        QCOMPARE(parseError("a LIST (RECURSIVEMATCH) \"\" *\r\n"),
            QStringLiteral("LIST: RECURSIVEMATCH needs another selection option (RFC 5258)"));
        QCOMPARE(parseError("a LIST \"\"\r\n"), QStringLiteral("LIST: expected a space before the mailbox pattern"));
        QCOMPARE(parseError("a LIST \"\" * FOO\r\n"), QStringLiteral("LIST: expected RETURN and LIST return options"));
        PARSE(f, "a LSUB \"\" \"*\"\r\n");
        QCOMPARE(f.command.id, ImapCommandId::Lsub);
        QCOMPARE(f.command.get<ImapListArgs>().patterns, QStringList({ QStringLiteral("*") }));
    }

    void status()
    {
        PARSE(
            a, "a STATUS \"INBOX\" (MESSAGES uidnext UIDVALIDITY UNSEEN HIGHESTMODSEQ RECENT SIZE DELETED UNSEEN)\r\n");
        using I = ImapStatusItem;
        QCOMPARE(a.command.get<ImapStatusArgs>().items,
            QList<I>({ I::Messages, I::UidNext, I::UidValidity, I::Unseen, I::HighestModSeq, I::Recent, I::Size,
                I::Deleted }));
        QCOMPARE(parseError("a STATUS INBOX ()\r\n"),
            QStringLiteral("STATUS: expected a list of status items such as (MESSAGES UNSEEN)"));
        QCOMPARE(parseError("a STATUS INBOX (MESSAGES FOO)\r\n"), QStringLiteral("STATUS: unknown status item FOO"));
        QCOMPARE(parseError("a STATUS INBOX MESSAGES\r\n"),
            QStringLiteral("STATUS: expected a list of status items such as (MESSAGES UNSEEN)"));
    }

    void append()
    {
        PARSE(a, "a APPEND \"Drafts\" (\\Seen \\Draft $Label1) \" 7-Jul-1996 02:44:25 -0730\" {11}\r\nSubject: x\r\n");
        const ImapAppendArgs& aa = a.command.get<ImapAppendArgs>();
        QCOMPARE(aa.mailbox, QStringLiteral("Drafts"));
        QCOMPARE(
            aa.flags, QStringList({ QStringLiteral("\\Seen"), QStringLiteral("\\Draft"), QStringLiteral("$Label1") }));
        QVERIFY(aa.internalDate);
        QCOMPARE(aa.internalDate->offsetFromUtc(), -(7 * 3600 + 30 * 60));
        QCOMPARE(aa.internalDate->toUTC(), QDateTime(QDate(1996, 7, 7), QTime(10, 14, 25), Qt::UTC));
        QCOMPARE(aa.message, QByteArray("Subject: x\r"));
        QVERIFY(!aa.binary);
        PARSE(b, "a APPEND INBOX () {0+}\r\n\r\n");
        QVERIFY(b.command.get<ImapAppendArgs>().flags.isEmpty());
        QVERIFY(b.command.get<ImapAppendArgs>().message.isEmpty());
        PARSE(c, QByteArray("a APPEND INBOX ~{3}\r\n\0\1\2\r\n", 26));
        QVERIFY(c.command.get<ImapAppendArgs>().binary);
        QCOMPARE(c.command.get<ImapAppendArgs>().message, QByteArray("\0\1\2", 3));
        QCOMPARE(parseError("a APPEND INBOX \"hello\"\r\n"),
            QStringLiteral("APPEND: expected a date-time such as \"17-Jul-1996 02:44:25 -0700\""));
        QCOMPARE(parseError("a APPEND INBOX hello\r\n"),
            QStringLiteral("APPEND: expected the message as a literal ({size} and the message)"));
        QCOMPARE(parseError("a APPEND INBOX \"31-Feb-2024 00:00:00 +0000\" {1+}\r\nx\r\n"),
            QStringLiteral("APPEND: expected a date-time such as \"17-Jul-1996 02:44:25 -0700\""));
        QCOMPARE(parseError("a APPEND INBOX {1+}\r\nx {1+}\r\ny\r\n"),
            QStringLiteral("APPEND: one message per APPEND (MULTIAPPEND and CATENATE are not supported)"));
        QCOMPARE(parseError("a APPEND INBOX (\\Seen {1+}\r\nx\r\n"), QStringLiteral("APPEND: expected a flag"));
    }

    void searchKeyTrees_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<QByteArray>("tree");
        QTest::newRow("simple") << QByteArray("a SEARCH UNSEEN\r\n") << QByteArray("(AND UNSEEN)");
        QTest::newRow("outlook") << QByteArray("a UID SEARCH UNDELETED SINCE 1-Jan-2024\r\n")
                                 << QByteArray("(AND UNDELETED SINCE 2024-01-01)");
        QTest::newRow("or not parens") << QByteArray("a SEARCH OR FROM \"bob\" NOT (SEEN FLAGGED) 1:5,*\r\n")
                                       << QByteArray("(AND (OR FROM \"bob\" (NOT (AND SEEN FLAGGED))) SEQ 1:5,*)");
        QTest::newRow("every RFC 3501 key")
            << QByteArray("a SEARCH ALL ANSWERED BCC b BEFORE 2-Feb-2020 BODY x CC c DELETED DRAFT FLAGGED FROM f "
                          "HEADER X-Spam yes KEYWORD $Junk LARGER 100 NEW NOT OLD ON \"3-Mar-2021\" OR RECENT SEEN "
                          "SENTBEFORE 4-Apr-2019 SENTON 5-May-2018 SENTSINCE 6-Jun-2017 SINCE 7-Jul-2016 SMALLER 5000 "
                          "SUBJECT s TEXT t TO u UID 1:*,7 UNANSWERED UNDELETED UNDRAFT UNFLAGGED UNKEYWORD Work "
                          "UNSEEN 4,2:3\r\n")
            << QByteArray(
                   "(AND ALL ANSWERED BCC \"b\" BEFORE 2020-02-02 BODY \"x\" CC \"c\" DELETED DRAFT FLAGGED FROM "
                   "\"f\" HEADER \"X-Spam\" \"yes\" KEYWORD $Junk LARGER 100 NEW (NOT OLD) ON 2021-03-03 (OR "
                   "RECENT SEEN) SENTBEFORE 2019-04-04 SENTON 2018-05-05 SENTSINCE 2017-06-06 SINCE 2016-07-07 "
                   "SMALLER 5000 SUBJECT \"s\" TEXT \"t\" TO \"u\" UID 1:*,7 UNANSWERED UNDELETED UNDRAFT "
                   "UNFLAGGED UNKEYWORD Work UNSEEN SEQ 4,2:3)");
        QTest::newRow("modseq") << QByteArray("a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338 MODSEQ 0\r\n")
                                << QByteArray("(AND MODSEQ \"/flags/\\\\draft\" all 620162338 MODSEQ 0)");
        QTest::newRow("header empty") << QByteArray("a UID SEARCH HEADER Message-ID \"\"\r\n")
                                      << QByteArray("(AND HEADER \"Message-ID\" \"\")");
        QTest::newRow("literal") << QByteArray("a SEARCH CHARSET utf-8 TEXT {4}\r\n\xc3\xa9t\xc3\r\n")
                                 << QByteArray("(AND TEXT \"\xc3\xa9t\xc3\")");
        QTest::newRow("nested") << QByteArray("a SEARCH ((SEEN) (OR (DRAFT) NOT NOT DELETED))\r\n")
                                << QByteArray("(AND (AND (AND SEEN) (AND (OR (AND DRAFT) (NOT (NOT DELETED))))))");
    }

    void searchKeyTrees()
    {
        QFETCH(QByteArray, wire);
        QFETCH(QByteArray, tree);
        PARSE(r, wire);
        QCOMPARE(r.command.get<ImapSearchArgs>().key.debugString(), tree);
    }

    void searchDetails()
    {
        PARSE(a, "a SEARCH CHARSET utf-8 SUBJECT {6}\r\n\xe6\x97\xa5\xe6\x9c\xac\r\n");
        QCOMPARE(a.command.get<ImapSearchArgs>().charset, QByteArray("UTF-8"));
        QCOMPARE(a.command.get<ImapSearchArgs>().key.children.at(0).text, QByteArray("\xe6\x97\xa5\xe6\x9c\xac"));
        PARSE(b, "a UID SEARCH UID 5:3\r\n");
        QCOMPARE(b.command.get<ImapSearchArgs>().key.children.at(0).set.resolve(10),
            (std::vector<ImapSequenceSet::Range> { { 3, 5 } }));
        QCOMPARE(parseError("a SEARCH\r\n"), QStringLiteral("SEARCH: expected a space before the search keys"));
        QCOMPARE(parseError("a SEARCH FROB\r\n"), QStringLiteral("SEARCH: unknown search key FROB"));
        QCOMPARE(parseError("a SEARCH FROB x\r\n"), QStringLiteral("SEARCH: unknown search key FROB"));
        QCOMPARE(
            parseError("a SEARCH (SEEN\r\n"), QStringLiteral("SEARCH: expected a space before the next search key"));
        QCOMPARE(
            parseError("a SEARCH SEEN)\r\n"), QStringLiteral("SEARCH: expected a space before the next search key"));
        QCOMPARE(
            parseError("a SEARCH SINCE 32-Jan-2024\r\n"), QStringLiteral("SEARCH: expected a date such as 1-Feb-1994"));
        QCOMPARE(
            parseError("a SEARCH SINCE 1-Foo-2024\r\n"), QStringLiteral("SEARCH: expected a date such as 1-Feb-1994"));
        QCOMPARE(
            parseError("a SEARCH OR SEEN\r\n"), QStringLiteral("SEARCH: expected a space before the second key of OR"));
        QCOMPARE(
            parseError("a SEARCH LARGER 99999999999\r\n"), QStringLiteral("SEARCH: number too big: a size in bytes"));
        QCOMPARE(parseError("a SEARCH 0:4\r\n"),
            QStringLiteral("SEARCH: invalid sequence set \"0:4\" (numbers from 1 to 4294967295, \"*\", ranges a:b, "
                           "separated by commas)"));
        QCOMPARE(parseError("a SEARCH $\r\n"), QStringLiteral("SEARCH: $ (SEARCHRES) is not supported"));
        QCOMPARE(parseError("a SEARCH RETURN (MIN) ALL\r\n"), QStringLiteral("SEARCH: unknown search key RETURN"));
    }

    void deepNestingIsBounded()
    {
        const QString tooDeep = QStringLiteral("SEARCH: search keys are nested too deeply (the limit is 64)");
        QCOMPARE(parseError("a SEARCH " + QByteArray(10000, '(') + "SEEN" + QByteArray(10000, ')') + "\r\n"), tooDeep);
        QByteArray nots;
        for (int i = 0; i < 10000; ++i)
            nots += "NOT ";
        QCOMPARE(parseError("a SEARCH " + nots + "SEEN\r\n"), tooDeep);
        QByteArray ors;
        for (int i = 0; i < 10000; ++i)
            ors += "OR SEEN ";
        QCOMPARE(parseError("a SEARCH " + ors + "SEEN\r\n"), tooDeep);
        PARSE(ok, "a SEARCH " + QByteArray(63, '(') + "SEEN" + QByteArray(63, ')') + "\r\n");
        QCOMPARE(parseError("a FETCH 1 " + QByteArray(10000, '(') + "FLAGS" + QByteArray(10000, ')') + "\r\n"),
            QStringLiteral("FETCH: expected a fetch item such as FLAGS or BODY.PEEK[]"));
        QCOMPARE(parseError("a STATUS x " + QByteArray(10000, '(') + "\r\n"),
            QStringLiteral("STATUS: expected a list of status items such as (MESSAGES UNSEEN)"));
    }

    void fetchItems()
    {
        using FT = ImapFetchItem::Type;
        PARSE(a,
            "a UID FETCH 1:* (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (From To Cc Bcc Subject Date Message-ID "
            "Priority X-Priority References Newsgroups In-Reply-To Content-Type Reply-To)])\r\n");
        const ImapFetchArgs& fa = a.command.get<ImapFetchArgs>();
        QCOMPARE(fa.set.toString(), QByteArray("1:*"));
        QCOMPARE(fa.items.size(), 4);
        QCOMPARE(fa.items[0].type, FT::Uid);
        QCOMPARE(fa.items[1].type, FT::Rfc822Size);
        QCOMPARE(fa.items[2].type, FT::Flags);
        const ImapFetchItem& h = fa.items[3];
        QCOMPARE(h.type, FT::BodySection);
        QVERIFY(h.peek);
        QVERIFY(!h.setsSeen());
        QCOMPARE(h.section.text, ImapSection::Text::HeaderFields);
        QCOMPARE(h.section.fields.size(), 14);
        QCOMPARE(h.section.fields.first(), QByteArray("From"));
        QCOMPARE(h.responseName(),
            QByteArray("BODY[HEADER.FIELDS (From To Cc Bcc Subject Date Message-ID Priority X-Priority References "
                       "Newsgroups In-Reply-To Content-Type Reply-To)]"));
        QVERIFY(!fa.changedSince);

        PARSE(b,
            "a FETCH 2,4:6 (body[1.2.mime] BODY.PEEK[2.HEADER]<0.1024> BODY[] RFC822 BODY[TEXT] "
            "BODY[HEADER.FIELDS.NOT (Received \"X-Odd Name\")] BODY BODYSTRUCTURE ENVELOPE INTERNALDATE MODSEQ "
            "RFC822.HEADER RFC822.TEXT BODY[3]<100.5>) (CHANGEDSINCE 77)\r\n");
        const ImapFetchArgs& fb = b.command.get<ImapFetchArgs>();
        QStringList names;
        for (const ImapFetchItem& item : fb.items)
            names << QString::fromLatin1(item.responseName()) + (item.setsSeen() ? QStringLiteral("!") : QString());
        QCOMPARE(names,
            QStringList({ "BODY[1.2.MIME]!", "BODY[2.HEADER]<0>", "BODY[]!", "RFC822!", "BODY[TEXT]!",
                "BODY[HEADER.FIELDS.NOT (Received \"X-Odd Name\")]!", "BODY", "BODYSTRUCTURE", "ENVELOPE",
                "INTERNALDATE", "MODSEQ", "RFC822.HEADER", "RFC822.TEXT!", "BODY[3]<100>!" }));
        QCOMPARE(fb.items[1].partialLength, quint32(1024));
        QCOMPARE(fb.items[0].section.parts, QList<quint32>({ 1, 2 }));
        QCOMPARE(*fb.changedSince, quint64(77));

        PARSE(all, "a FETCH 1 ALL\r\n");
        QCOMPARE(all.command.get<ImapFetchArgs>().items.size(), 4);
        PARSE(fast, "a FETCH 1 fast\r\n");
        QCOMPARE(fast.command.get<ImapFetchArgs>().items.size(), 3);
        PARSE(full, "a FETCH 1 FULL\r\n");
        QCOMPARE(full.command.get<ImapFetchArgs>().items.last().type, FT::Body);
        PARSE(single, "a FETCH * BODY.PEEK[1.2.3]\r\n");
        QCOMPARE(single.command.get<ImapFetchArgs>().items.at(0).section.parts, QList<quint32>({ 1, 2, 3 }));
    }

    void fetchErrors()
    {
        QCOMPARE(parseError("a FETCH 0 FLAGS\r\n"),
            QStringLiteral("FETCH: invalid sequence set \"0\" (numbers from 1 to 4294967295, \"*\", ranges a:b, "
                           "separated by commas)"));
        QCOMPARE(parseError("a FETCH 1:x FLAGS\r\n").left(32), QStringLiteral("FETCH: invalid sequence set \"1:\""));
        QCOMPARE(parseError("a FETCH 1,,2 FLAGS\r\n").left(31), QStringLiteral("FETCH: invalid sequence set \"1,"));
        QCOMPARE(parseError("a FETCH 4294967296 FLAGS\r\n").left(28), QStringLiteral("FETCH: invalid sequence set "));
        QCOMPARE(parseError("a UID FETCH FLAGS\r\n"), QStringLiteral("UID FETCH: expected a UID set"));
        QCOMPARE(
            parseError("a FETCH 1 (ALL)\r\n"), QStringLiteral("FETCH: ALL, FAST and FULL cannot be inside a list"));
        QCOMPARE(parseError("a FETCH 1 BODY.PEEK\r\n"), QStringLiteral("FETCH: expected [ and a section"));
        QCOMPARE(parseError("a FETCH 1 BODY[1.]\r\n"),
            QStringLiteral("FETCH: expected a section such as 1.2, HEADER, TEXT or 1.MIME"));
        QCOMPARE(parseError("a FETCH 1 BODY[MIME]\r\n"),
            QStringLiteral("FETCH: unknown section MIME (HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT, or MIME after "
                           "part numbers)"));
        QCOMPARE(
            parseError("a FETCH 1 BODY[HEADER.FIELDS ()]\r\n"), QStringLiteral("FETCH: expected a header field name"));
        QCOMPARE(parseError("a FETCH 1 BODY[]<5>\r\n"), QStringLiteral("FETCH: expected . in <offset.length>"));
        QCOMPARE(parseError("a FETCH 1 BODY[]<5.0>\r\n"),
            QStringLiteral("FETCH: expected a number above 0: a partial length"));
        QCOMPARE(parseError("a FETCH 1 (FLAGS\r\n"), QStringLiteral("FETCH: expected ) after the fetch items"));
        QCOMPARE(parseError("a FETCH 1 FROB\r\n"), QStringLiteral("FETCH: unknown fetch item FROB"));
        QCOMPARE(parseError("a FETCH 1 BINARY[1]\r\n"), QStringLiteral("FETCH: BINARY fetch items are not supported"));
        QCOMPARE(parseError("a FETCH 1 FLAGS (VANISHED)\r\n"),
            QStringLiteral("FETCH: VANISHED needs QRESYNC, which is not supported"));
        QCOMPARE(parseError("a FETCH $ FLAGS\r\n"), QStringLiteral("FETCH: $ (SEARCHRES) is not supported"));
    }

    void storeCopyMoveExpunge()
    {
        PARSE(a, "a UID STORE 1:3 +FLAGS.SILENT (\\Deleted)\r\n");
        const ImapStoreArgs& sa = a.command.get<ImapStoreArgs>();
        QCOMPARE(sa.mode, ImapStoreMode::Add);
        QVERIFY(sa.silent);
        QCOMPARE(sa.flags, QStringList({ QStringLiteral("\\Deleted") }));
        PARSE(b, "a STORE 1 flags ()\r\n");
        QCOMPARE(b.command.get<ImapStoreArgs>().mode, ImapStoreMode::Replace);
        QVERIFY(b.command.get<ImapStoreArgs>().flags.isEmpty());
        PARSE(c, "a STORE 2 -FLAGS \\Seen $Forwarded\r\n");
        QCOMPARE(c.command.get<ImapStoreArgs>().mode, ImapStoreMode::Remove);
        QCOMPARE(c.command.get<ImapStoreArgs>().flags, QStringList({ "\\Seen", "$Forwarded" }));
        PARSE(d, "a STORE 1:* (UNCHANGEDSINCE 320162338) +FLAGS (\\Seen)\r\n");
        QCOMPARE(*d.command.get<ImapStoreArgs>().unchangedSince, quint64(320162338));
        QCOMPARE(parseError("a STORE 1 XFLAGS (\\Seen)\r\n"),
            QStringLiteral("STORE: expected FLAGS, +FLAGS or -FLAGS (optionally .SILENT)"));
        QCOMPARE(parseError("a STORE 1 +FLAGS\r\n"), QStringLiteral("STORE: expected a space before the flags"));
        QCOMPARE(parseError("a STORE 1 +FLAGS (\\)\r\n"), QStringLiteral("STORE: expected a flag"));
        QCOMPARE(parseError("a STORE 1 (FOO 1) FLAGS ()\r\n"),
            QStringLiteral("STORE: expected a store modifier (UNCHANGEDSINCE)"));

        PARSE(e, "a UID COPY 1:3 \"Deleted Items\"\r\n");
        QCOMPARE(e.command.get<ImapCopyArgs>().mailbox, QStringLiteral("Deleted Items"));
        QVERIFY(e.command.uid);
        PARSE(f, "a MOVE 1,3:5 \"&ZeVnLIqe-\"\r\n");
        QCOMPARE(f.command.id, ImapCommandId::Move);
        QCOMPARE(f.command.get<ImapCopyArgs>().mailbox, QStringLiteral("日本語"));
        QCOMPARE(f.command.get<ImapCopyArgs>().set.toString(), QByteArray("1,3:5"));
        QCOMPARE(parseError("a COPY 1\r\n"), QStringLiteral("COPY: expected a space before the mailbox name"));
        PARSE(g, "a UID EXPUNGE 1:3,5\r\n");
        QCOMPARE(g.command.id, ImapCommandId::Expunge);
        QVERIFY(g.command.uid);
        QCOMPARE(g.command.get<ImapSequenceArgs>().set.toString(), QByteArray("1:3,5"));
        QCOMPARE(parseError("a UID EXPUNGE\r\n"), QStringLiteral("UID EXPUNGE: expected a space before the UID set"));
    }

    void idEnableQuota()
    {
        PARSE(a, "a ID (\"name\" \"Thunderbird\" \"version\" NIL)\r\n");
        const ImapIdArgs& ia = a.command.get<ImapIdArgs>();
        QCOMPARE(ia.fields.size(), 2);
        QCOMPARE(ia.fields[0].first, QByteArray("name"));
        QCOMPARE(*ia.fields[0].second, QByteArray("Thunderbird"));
        QVERIFY(!ia.fields[1].second);
        PARSE(b, "a ID NIL\r\n");
        QVERIFY(b.command.get<ImapIdArgs>().fields.isEmpty());
        QByteArray many = "a ID (";
        for (int i = 0; i < 31; ++i)
            many += "\"k" + QByteArray::number(i) + "\" \"v\" ";
        many.chop(1);
        QCOMPARE(parseError(many + ")\r\n"), QStringLiteral("ID: at most 30 ID fields"));
        QCOMPARE(parseError("a ID (\"" + QByteArray(31, 'k') + "\" \"v\")\r\n"),
            QStringLiteral("ID: ID field names are at most 30 bytes, values at most 1024"));
        QCOMPARE(parseError("a ID (\"name\")\r\n"), QStringLiteral("ID: expected a space before the ID field value"));
        QCOMPARE(parseError("a ID name\r\n"), QStringLiteral("ID: expected ( or NIL"));

        PARSE(c, "a ENABLE CONDSTORE utf8=accept\r\n");
        QCOMPARE(c.command.get<ImapEnableArgs>().capabilities, QList<QByteArray>({ "CONDSTORE", "UTF8=ACCEPT" }));
        QCOMPARE(parseError("a ENABLE\r\n"), QStringLiteral("ENABLE: expected a space before a capability name"));
        PARSE(d, "a GETQUOTA \"\"\r\n");
        QCOMPARE(d.command.get<ImapQuotaArgs>().root, QString());
        QVERIFY(isImapIdleDone("DONE"));
        QVERIFY(isImapIdleDone("done"));
        QVERIFY(!isImapIdleDone("DONE "));
        QVERIFY(!isImapIdleDone("a1 NOOP"));
    }

    void dispatchTable()
    {
        // One row per name; every row's parser and states are set.
        QSet<QByteArray> names;
        for (const ImapCommandSpec& spec : imapCommandTable()) {
            QVERIFY(!names.contains(spec.name));
            names.insert(spec.name);
            QVERIFY(spec.parse);
            QVERIFY(spec.states);
            QCOMPARE(QByteArray(spec.name).startsWith("UID "), spec.uid);
            if (spec.uid)
                QVERIFY(findImapCommand(QByteArray(spec.name).mid(4), false)->has(ImapCommandFlag::HasUidForm));
        }
        const ImapCommandSpec* fetch = findImapCommand("fetch", false);
        const ImapCommandSpec* uidFetch = findImapCommand("FETCH", true);
        QVERIFY(fetch->has(ImapCommandFlag::UsesSequenceNumbers));
        QVERIFY(!uidFetch->has(ImapCommandFlag::UsesSequenceNumbers));
        QVERIFY(findImapCommand("EXPUNGE", false)->has(ImapCommandFlag::BreaksSequenceNumbers));
        QVERIFY(findImapCommand("MOVE", true)->has(ImapCommandFlag::BreaksSequenceNumbers));
        QVERIFY(fetch->allowedIn(ImapState::Selected));
        QVERIFY(!fetch->allowedIn(ImapState::Authenticated));
        QVERIFY(findImapCommand("LOGIN", false)->allowedIn(ImapState::NotAuthenticated));
        QVERIFY(!findImapCommand("LOGIN", false)->allowedIn(ImapState::Authenticated));
        QVERIFY(findImapCommand("CAPABILITY", false)->allowedIn(ImapState::Selected));
        QVERIFY(!findImapCommand("ENABLE", false)->allowedIn(ImapState::Selected));
        QVERIFY(!findImapCommand("NOOP", true));
        QVERIFY(!findImapCommand("FROB", false));
    }
};

QTEST_GUILESS_MAIN(TestImapParser)
#include "TestImapParser.moc"
