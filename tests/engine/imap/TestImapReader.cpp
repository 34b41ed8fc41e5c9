// ImapCommandReader: literals (synchronising, LITERAL+, literal8), limits and refusals
// that keep the stream in step, raw lines; any split of the input gives the same items.

#include <QTest>

#include "ImapTestUtil.h"

using namespace tegami;
using namespace tegami::imaptest;

namespace {

QStringList items(const QByteArray& input, qsizetype maxCommand = 10240, qint64 maxLiteral = 1 << 20)
{
    return readAll(input, { input.size() + 1 }, maxCommand, maxLiteral).items;
}

QString cmd(const char* text)
{
    return QStringLiteral("CMD ") + QLatin1String(text);
}

QString err(const char* response)
{
    return QStringLiteral("ERR ") + QLatin1String(response);
}

} // namespace

class TestImapReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pipelinedCommands()
    {
        QCOMPARE(items("a1 CAPABILITY\r\na2 NOOP\na3 LOGOUT\r\n"),
            QStringList({ cmd("a1 CAPABILITY"), cmd("a2 NOOP"), cmd("a3 LOGOUT") }));
        // Empty lines between commands are ignored; CR alone is part of the line.
        QCOMPARE(items("\r\n\r\na1 NOOP\r\n\n"), QStringList({ cmd("a1 NOOP") }));
        QCOMPARE(items("a1 NO\rOP\r\n"), QStringList({ cmd("a1 NO\rOP") }));
        QCOMPARE(items("a1 NOOP"), QStringList()); // no line end yet
    }

    void synchronisingLiterals()
    {
        QCOMPARE(items("a1 LOGIN {5}\r\nalice {6}\r\nsecret\r\n"),
            QStringList({ QStringLiteral("CONT"), QStringLiteral("CONT"), cmd("a1 LOGIN {5} {6} |alice| |secret|") }));
        const ReadOutcome out = readAll("a1 LOGIN {5}\r\nalice {6}\r\nsecret\r\n", { 1000 });
        QCOMPARE(out.commands.size(), 1);
        QCOMPARE(out.commands[0].lines, QList<QByteArray>({ "a1 LOGIN ", " ", "" }));
        QCOMPARE(out.commands[0].literals[1].data, QByteArray("secret"));
        QVERIFY(out.commands[0].literals[1].synchronizing);
        // A literal may hold CRLF and anything that looks like a command.
        QCOMPARE(items("a APPEND x {13}\r\nb NOOP\r\n{3}\r\n\r\nc NOOP\r\n"),
            QStringList(
                { QStringLiteral("CONT"), cmd("a APPEND x {13} |b%20NOOP%0D%0A%7B3%7D%0D%0A|"), cmd("c NOOP") }));
        // Zero bytes: the continuation is still asked for, then the line goes on.
        QCOMPARE(items("a LOGIN {0}\r\n {0+}\r\n\r\n"),
            QStringList({ QStringLiteral("CONT"), cmd("a LOGIN {0} {0+} || ||") }));
        QCOMPARE(
            ImapReadItem { ImapReadItem::Kind::Continuation }.response(), QByteArray("+ Ready for literal data\r\n"));
    }

    void nonSynchronisingLiteralsAndLiteral8()
    {
        QCOMPARE(items("a LOGIN {5+}\r\nalice {6+}\r\nsecret\r\nb NOOP\r\n"),
            QStringList({ cmd("a LOGIN {5+} {6+} |alice| |secret|"), cmd("b NOOP") }));
        const ReadOutcome out = readAll(QByteArray("a APPEND INBOX ~{3}\r\nx\0y\r\n", 26), { 1000 });
        QCOMPARE(out.items.value(0), QStringLiteral("CONT"));
        QCOMPARE(out.commands.size(), 1);
        QVERIFY(out.commands[0].literals[0].binary);
        QCOMPARE(out.commands[0].literals[0].data, QByteArray("x\0y", 3));
        // A "{5}" inside a quoted string that runs to the end of the line is no literal.
        QCOMPARE(items("a LOGIN \"x {5}\r\n"), QStringList({ cmd("a LOGIN \"x {5}") }));
        QCOMPARE(items("a LOGIN \"x\\\" {5}\r\n"), QStringList({ cmd("a LOGIN \"x\\\" {5}") }));
        QCOMPARE(items("a LOGIN \"x\\\\\" {1}\r\nz\r\n"),
            QStringList({ QStringLiteral("CONT"), cmd("a LOGIN \"x\\\\\" {1} |z|") }));
        // Not markers: "{}", "{x}", "{-1}".
        QCOMPARE(items("a X {}\r\nb X {x}\r\nc X {-1}\r\n"),
            QStringList({ cmd("a X {}"), cmd("b X {x}"), cmd("c X {-1}") }));
    }

    void tooBigLiterals()
    {
        // Synchronising: refused before the client sends it; the stream goes on.
        QCOMPARE(items("a1 APPEND INBOX {1001}\r\na2 NOOP\r\n", 10240, 1000),
            QStringList({ err("a1 NO [TOOBIG] Literal of 1001 bytes is larger than the limit of 1000 bytes"),
                cmd("a2 NOOP") }));
        QCOMPARE(items("a1 APPEND INBOX {1000}\r\n" + QByteArray(1000, 'x') + "\r\n", 10240, 1000).size(), 2);
        QCOMPARE(items("a1 APPEND INBOX {4294967295}\r\na2 NOOP\r\n", 10240, 1000),
            QStringList({ err("a1 NO [TOOBIG] Literal of 4294967295 bytes is larger than the limit of 1000 bytes"),
                cmd("a2 NOOP") }));
        QCOMPARE(items("a1 APPEND INBOX {99999999999999999999}\r\na2 NOOP\r\n", 10240, 1000).value(0),
            err("a1 NO [TOOBIG] Literal of 99999999999999999999 bytes is larger than the limit of 1000 bytes"));
        QCOMPARE(items("a1 APPEND INBOX {4294967296}\r\n", 10240, qint64(1) << 40).value(0).left(20),
            QStringLiteral("ERR a1 NO [TOOBIG] L"));
        // The limit is for all literals of a command together.
        QCOMPARE(items("a LOGIN {600}\r\n" + QByteArray(600, 'u') + " {600}\r\nb NOOP\r\n", 10240, 1000),
            QStringList({ QStringLiteral("CONT"),
                err("a NO [TOOBIG] Literal of 600 bytes is larger than the limit of 400 bytes"), cmd("b NOOP") }));
        // Non-synchronising: its bytes are on their way; the connection closes.
        QCOMPARE(items("a1 APPEND INBOX {1001+}\r\n" + QByteArray(1001, 'x') + "\r\na2 NOOP\r\n", 10240, 1000),
            QStringList({ QStringLiteral("ERR FATAL a1 BAD [TOOBIG] Literal of 1001 bytes is larger than the limit "
                                         "of 1000 bytes") }));
        ImapCommandReader reader(100, 10);
        reader.feed("a {11+}\r\nb NOOP\r\n");
        QVERIFY(reader.next().fatal);
        QVERIFY(reader.failed());
        reader.feed("c NOOP\r\n");
        QVERIFY(reader.next().fatal); // stays failed
        QCOMPARE(reader.buffered(), qsizetype(0));
    }

    void nulBytes()
    {
        QCOMPARE(items(QByteArray("a1 NOOP\0x\r\na2 NOOP\r\n", 20)),
            QStringList({ err("a1 BAD NUL byte in the command"), cmd("a2 NOOP") }));
        QCOMPARE(items(QByteArray("a\0 NOOP\r\na2 NOOP\r\n", 18)),
            QStringList({ err("* BAD NUL byte in the command"), cmd("a2 NOOP") }));
        // Already answered: a "{5}" ends the command (the client waits for "+" in vain and
        // abandons it), the bytes of a "{5+}" are skipped.
        QCOMPARE(items(QByteArray("a1 X \0 {5}\r\na2 NOOP\r\n", 21)),
            QStringList({ err("a1 BAD NUL byte in the command"), cmd("a2 NOOP") }));
        QCOMPARE(items(QByteArray("a1 X \0 {5+}\r\nab\r\nc\r\na2 NOOP\r\n", 29)),
            QStringList({ err("a1 BAD NUL byte in the command"), cmd("a2 NOOP") }));
        QCOMPARE(items(QByteArray("a1 LOGIN {3+}\r\na\0b {2+}\r\nxy\r\na2 NOOP\r\n", 38)),
            QStringList({ err("a1 BAD NUL byte in a literal (binary data needs a literal8, ~{n})"), cmd("a2 NOOP") }));
    }

    void commandTooLong()
    {
        const QByteArray exact = "a1 LOGIN " + QByteArray(11, 'x'); // 20 bytes
        QCOMPARE(items(exact + "\r\n", 20), QStringList({ cmd(exact.constData()) }));
        QCOMPARE(items(exact + "y\r\na2 NOOP\r\n", 20),
            QStringList(
                { err("a1 BAD Command is too long (the limit is 20 bytes, literals not counted)"), cmd("a2 NOOP") }));
        // Lines of one command count together; literal bodies do not.
        QCOMPARE(items("a1 LOGIN {30+}\r\n" + QByteArray(30, 'l') + " x\r\n", 20).size(), 1);
        QCOMPARE(items("a1 LOGIN {3+}\r\nabc " + QByteArray(10, 'p') + "\r\n", 20).value(0).left(26),
            QStringLiteral("ERR a1 BAD Command is too "));
        // A tag longer than the limit: no tag to answer with.
        QCOMPARE(items(QByteArray(30, 't') + " NOOP\r\na2 NOOP\r\n", 20).value(0).left(8), QStringLiteral("ERR * BA"));
        // After the refusal, a "{n+}" at the end of the long line is still skipped.
        QCOMPARE(items("a1 X " + QByteArray(40, 'x') + " {4+}\r\nb\r\nc\r\na2 NOOP\r\n", 20).value(1), cmd("a2 NOOP"));
    }

    void rawLines()
    {
        QCOMPARE(items("a1 AUTHENTICATE PLAIN\r\nAGFsaWNlAHNlY3JldA==\r\na2 NOOP\r\n"),
            QStringList(
                { cmd("a1 AUTHENTICATE PLAIN"), QStringLiteral("RAW AGFsaWNlAHNlY3JldA%3D%3D"), cmd("a2 NOOP") }));
        // A raw line is not a command: a literal marker in it means nothing.
        QCOMPARE(items("a1 IDLE\r\nDONE {5}\r\na2 NOOP\r\n"),
            QStringList({ cmd("a1 IDLE"), QStringLiteral("RAW DONE%20%7B5%7D"), cmd("a2 NOOP") }));
        QCOMPARE(items("a1 AUTHENTICATE PLAIN\r\n" + QByteArray(30, 'A') + "\r\na2 NOOP\r\n", 25),
            QStringList({ cmd("a1 AUTHENTICATE PLAIN"), err("* BAD Line is too long (the limit is 25 bytes)"),
                cmd("a2 NOOP") }));
        QCOMPARE(items("a1 AUTHENTICATE PLAIN\r\n\r\n"),
            QStringList({ cmd("a1 AUTHENTICATE PLAIN"), QStringLiteral("RAW ") }));
    }

    void byteByByteAndChunksGiveTheSameResult_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<qsizetype>("maxCommand");
        QTest::newRow("pipelined") << QByteArray("a1 CAPABILITY\r\na2 LOGIN a b\r\na3 SELECT INBOX\r\na4 LOGOUT\r\n")
                                   << qsizetype(10240);
        QTest::newRow("literals") << QByteArray("a LOGIN {5}\r\nalice {6+}\r\nsecret\r\nb APPEND x ~{4}\r\nab\r\n\r\n")
                                  << qsizetype(10240);
        QTest::newRow("too big") << QByteArray("a APPEND x {2000}\r\nb NOOP\r\nc APPEND y {2000+}\r\nzzz\r\n")
                                 << qsizetype(10240);
        QTest::newRow("nul") << QByteArray("a1 X\0 {3+}\r\nabc\r\na2 NOOP {2+}\r\n\0\0\r\na3 NOOP\r\n", 45)
                             << qsizetype(10240);
        QTest::newRow("too long") << QByteArray("a1 " + QByteArray(50, 'x') + " {2+}\r\nab\r\na2 NOOP\r\n")
                                  << qsizetype(30);
        QTest::newRow("CR at the limit") << QByteArray("a1 NOOP " + QByteArray(12, 'x') + "\r\r\na2 NOOP\r\n")
                                         << qsizetype(20);
        QTest::newRow("raw") << QByteArray("a AUTHENTICATE PLAIN\r\n=\r\nb IDLE\r\nDONE\r\nc NOOP\r\n")
                             << qsizetype(10240);
        QTest::newRow("garbage") << QByteArray("\xff\xfe{\r\n}{3}\r\n{\"\\\r\n\"{1+}\r\n\r\n\r\n") << qsizetype(10240);
    }

    void byteByByteAndChunksGiveTheSameResult()
    {
        QFETCH(QByteArray, input);
        QFETCH(qsizetype, maxCommand);
        const QStringList whole = readAll(input, { input.size() + 1 }, maxCommand, 1000).items;
        QVERIFY(!whole.isEmpty());
        QCOMPARE(readAll(input, { 1 }, maxCommand, 1000).items, whole);
        for (quint32 seed = 1; seed <= 20; ++seed)
            QCOMPARE(readAll(input, randomSizes(seed), maxCommand, 1000).items, whole);
    }

    void memoryIsBoundedForAnEndlessLine()
    {
        ImapCommandReader reader(10240);
        const QByteArray junk(64 * 1024, 'x');
        reader.feed("a1 ");
        QCOMPARE(reader.next().kind, ImapReadItem::Kind::NeedMore);
        int errors = 0;
        for (int i = 0; i < 200; ++i) { // 12.5 MiB without a line end
            reader.feed(junk);
            for (ImapReadItem item = reader.next(); item.kind != ImapReadItem::Kind::NeedMore; item = reader.next())
                ++errors;
            QCOMPARE(reader.buffered(), qsizetype(0));
            QVERIFY2(reader.heldBytes() <= 10240, qPrintable(QString::number(reader.heldBytes())));
        }
        QCOMPARE(errors, 1);
        reader.feed("\r\na2 NOOP\r\n");
        const ImapReadItem next = reader.next();
        QCOMPARE(next.kind, ImapReadItem::Kind::Command);
        QCOMPARE(next.command.lines, QList<QByteArray>({ "a2 NOOP" }));
    }

    void aLiteralCanBeRefusedAfterALookAtTheCommand()
    {
        ImapCommandReader reader;
        reader.feed("a1 APPEND Nowhere (\\Seen) {310}\r\n");
        ImapReadItem item = reader.next();
        QCOMPARE(item.kind, ImapReadItem::Kind::Continuation);
        QCOMPARE(item.literalSize, qint64(310));
        QCOMPARE(item.command.lines, QList<QByteArray>({ "a1 APPEND Nowhere (\\Seen) " }));
        QVERIFY(item.command.literals.isEmpty());
        reader.refuseLiteral(); // the session answers "a1 NO [TRYCREATE] ..."
        QVERIFY(reader.atCommandBoundary());
        reader.feed("a2 NOOP\r\n");
        item = reader.next();
        QCOMPARE(item.kind, ImapReadItem::Kind::Command);
        QCOMPARE(item.command.lines, QList<QByteArray>({ "a2 NOOP" }));
        // The second literal of a command: the first is in the partial command.
        reader.feed("a3 LOGIN {5}\r\nalice {6}\r\n");
        QCOMPARE(reader.next().kind, ImapReadItem::Kind::Continuation);
        item = reader.next();
        QCOMPARE(item.kind, ImapReadItem::Kind::Continuation);
        QCOMPARE(item.command.literals.value(0).data, QByteArray("alice"));
        QCOMPARE(item.command.lines, QList<QByteArray>({ "a3 LOGIN ", " " }));
        // Refusing once the literal has started is not possible: nothing changes.
        reader.feed("sec");
        QCOMPARE(reader.next().kind, ImapReadItem::Kind::NeedMore);
        reader.refuseLiteral();
        reader.feed("ret\r\n");
        QCOMPARE(reader.next().command.literals.value(1).data, QByteArray("secret"));
    }

    void discardDropsPipelinedInput()
    {
        ImapCommandReader reader;
        reader.feed("a1 STARTTLS\r\na2 LOGIN mallory x\r\na3 NO");
        QCOMPARE(reader.next().command.tag(), QByteArray("a1"));
        QVERIFY(reader.atCommandBoundary());
        QCOMPARE(reader.discardBuffered(), qsizetype(25));
        QCOMPARE(reader.next().kind, ImapReadItem::Kind::NeedMore);
        reader.feed("a4 NOOP\r\n");
        QCOMPARE(reader.next().command.tag(), QByteArray("a4"));
    }

    void logTextHidesLiterals()
    {
        const ReadOutcome out = readAll("a LOGIN alice {6+}\r\nsecret\r\n", { 100 });
        QCOMPARE(out.commands.value(0).logText(), QByteArray("a LOGIN alice {6+}"));
        QCOMPARE(out.commands.value(0).tag(), QByteArray("a"));
    }
};

QTEST_GUILESS_MAIN(TestImapReader)
#include "TestImapReader.moc"
