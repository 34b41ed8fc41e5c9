// The pure parts of POP3: the command parser (byte by byte and in random chunks must give
// the same result), SASL decoding and the dot-stuffed message stream.

#include "pop3/Pop3MessageStream.h"
#include "pop3/Pop3Parser.h"
#include "accounts/SaslExchange.h"

#include <QBuffer>
#include <QRandomGenerator>
#include <QTest>

using namespace tegami;

namespace {

// Everything the parser yields for `input`, split as `sizes` says (cycled), one line per item.
QStringList parseAll(
    const QByteArray& input, const std::vector<qsizetype>& sizes, qsizetype limit = 512, qsizetype rawAfterAuth = 0)
{
    Pop3Parser parser(limit);
    QStringList out;
    auto drain = [&] {
        for (;;) {
            const Pop3ParseItem item = parser.next();
            switch (item.kind) {
            case Pop3ParseItem::Kind::NeedMore:
                return;
            case Pop3ParseItem::Kind::Command:
                out << QStringLiteral("CMD %1|%2")
                           .arg(QString::fromLatin1(item.command.verb), QString::fromLatin1(item.command.args.toHex()));
                // A session asks for a raw line after AUTH, as it does before a SASL response.
                if (rawAfterAuth > 0 && item.command.verb == "AUTH")
                    parser.expectRawLine(rawAfterAuth);
                break;
            case Pop3ParseItem::Kind::RawLine:
                out << QStringLiteral("RAW %1").arg(QString::fromLatin1(item.line.toHex()));
                break;
            case Pop3ParseItem::Kind::Error:
                out << QStringLiteral("ERR %1").arg(static_cast<int>(item.error));
                if (item.error == Pop3ParseError::LineTooLong)
                    return;
                break;
            }
        }
    };
    qsizetype pos = 0;
    size_t i = 0;
    while (pos < input.size()) {
        const qsizetype n = std::min(sizes[i++ % sizes.size()], input.size() - pos);
        parser.feed(QByteArrayView(input).sliced(pos, n));
        pos += n;
        drain();
        if (parser.failed())
            break;
    }
    if (!parser.failed())
        drain();
    return out;
}

std::vector<qsizetype> randomSizes(quint32 seed)
{
    QRandomGenerator rng(seed);
    std::vector<qsizetype> sizes;
    for (int i = 0; i < 64; ++i)
        sizes.push_back(rng.bounded(1, 40));
    return sizes;
}

QByteArray stream(const QByteArray& message, std::optional<qint64> lines, qint64 chunk)
{
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(message);
    buffer->open(QIODevice::ReadOnly);
    Pop3MessageStream s(std::move(buffer), lines);
    QByteArray out;
    while (!s.atEnd()) {
        Result<QByteArray> c = s.nextChunk(chunk);
        if (!c)
            return "error";
        out += *c;
    }
    return out;
}

} // namespace

class TestPop3Parser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void commandsAndArguments()
    {
        const QStringList items = parseAll("user alice@example.com\r\nPASS two words \r\nstat\nLIST 1\r\n", { 1000 });
        QCOMPARE(items,
            QStringList({ QStringLiteral("CMD USER|") + QString::fromLatin1(QByteArray("alice@example.com").toHex()),
                QStringLiteral("CMD PASS|") + QString::fromLatin1(QByteArray("two words ").toHex()),
                QStringLiteral("CMD STAT|"), QStringLiteral("CMD LIST|31") }));
    }

    void byteByByteAndChunksGiveTheSameResult_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<qsizetype>("limit");
        QTest::newRow("pipelined") << QByteArray("CAPA\r\nUSER a\r\nPASS b c\r\nSTAT\r\nRETR 1\r\nQUIT\r\n")
                                   << qsizetype(512);
        QTest::newRow("bare LF and CRLF") << QByteArray("NOOP\nNOOP\r\n\r\nSTAT\r\n") << qsizetype(512);
        QTest::newRow("garbage") << QByteArray("\x01\x02\xff\r\n\xe3\x81\x82 x\r\n4AB\r\n STAT\r\nSTAT\r\n")
                                 << qsizetype(512);
        QTest::newRow("exactly at the limit")
            << QByteArray("USER " + QByteArray(7, 'a') + "\r\nNOOP\r\n") << qsizetype(12);
        QTest::newRow("one over the limit")
            << QByteArray("USER " + QByteArray(8, 'a') + "\r\nNOOP\r\n") << qsizetype(12);
        QTest::newRow("CR at the limit") << QByteArray("USER " + QByteArray(7, 'a') + "\r\r\nNOOP\r\n")
                                         << qsizetype(12);
        QTest::newRow("long line with no newline") << QByteArray("NOOP\r\n" + QByteArray(5000, 'x')) << qsizetype(512);
        QTest::newRow("SASL raw lines") << QByteArray("AUTH PLAIN\r\n" + QByteArray(600, 'A') + "\r\nNOOP\r\n")
                                        << qsizetype(512);
    }

    void byteByByteAndChunksGiveTheSameResult()
    {
        QFETCH(QByteArray, input);
        QFETCH(qsizetype, limit);
        const QStringList whole = parseAll(input, { input.size() + 1 }, limit, 1000);
        QVERIFY(!whole.isEmpty());
        QCOMPARE(parseAll(input, { 1 }, limit, 1000), whole);
        for (quint32 seed = 1; seed <= 20; ++seed)
            QCOMPARE(parseAll(input, randomSizes(seed), limit, 1000), whole);
    }

    void limitsAndErrors()
    {
        using E = Pop3ParseError;
        auto err = [](E e) { return QStringLiteral("ERR %1").arg(static_cast<int>(e)); };
        QCOMPARE(parseAll("USER " + QByteArray(7, 'a') + "\r\n", { 100 }, 12).value(0),
            QStringLiteral("CMD USER|") + QString::fromLatin1(QByteArray(7, 'a').toHex()));
        QCOMPARE(parseAll("USER " + QByteArray(8, 'a') + "\r\n", { 100 }, 12), QStringList { err(E::LineTooLong) });
        QCOMPARE(parseAll("\r\n", { 100 }), QStringList { err(E::EmptyLine) });
        QCOMPARE(parseAll("R\xc3\xa9TR 1\r\n", { 100 }), QStringList { err(E::BadVerb) });
        QCOMPARE(parseAll(" STAT\r\n", { 100 }), QStringList { err(E::BadVerb) });
        // Errors before a fatal one are reported in order; nothing after it.
        QCOMPARE(parseAll("NOOP\r\n\r\n" + QByteArray(600, 'x') + "\r\nSTAT\r\n", { 7 }),
            QStringList({ QStringLiteral("CMD NOOP|"), err(E::EmptyLine), err(E::LineTooLong) }));
    }

    void memoryIsBoundedForAnEndlessLine()
    {
        Pop3Parser parser(512);
        const QByteArray junk(64 * 1024, 'x');
        for (int i = 0; i < 200; ++i) // 12.5 MiB without a newline
            parser.feed(junk);
        QVERIFY2(parser.buffered() < 16 * 1024, qPrintable(QString::number(parser.buffered())));
        const Pop3ParseItem item = parser.next();
        QCOMPARE(item.kind, Pop3ParseItem::Kind::Error);
        QCOMPARE(item.error, Pop3ParseError::LineTooLong);
        QVERIFY(parser.failed());
        parser.feed("NOOP\r\n");
        QCOMPARE(parser.next().error, Pop3ParseError::LineTooLong); // stays failed
    }

    void tooLongIsKnownBeforeTheNewline()
    {
        Pop3Parser parser(20);
        parser.feed(QByteArray(20, 'a'));
        QCOMPARE(parser.next().kind, Pop3ParseItem::Kind::NeedMore);
        parser.feed("\r"); // still 20 bytes and a CR: the line may end here
        QCOMPARE(parser.next().kind, Pop3ParseItem::Kind::NeedMore);
        parser.feed("a"); // a 22nd byte: too long whatever follows
        QCOMPARE(parser.next().error, Pop3ParseError::LineTooLong);

        Pop3Parser other(20);
        other.feed(QByteArray(21, 'a'));
        QCOMPARE(other.next().error, Pop3ParseError::LineTooLong);
    }

    void rawLineModeTakesOneLine()
    {
        Pop3Parser parser(10);
        parser.feed("AUTH PLAIN\r\n" + QByteArray(100, 'B') + "\r\nNOOP\r\n*\r\n");
        QCOMPARE(parser.next().command.verb, QByteArray("AUTH"));
        parser.expectRawLine(200);
        const Pop3ParseItem raw = parser.next();
        QCOMPARE(raw.kind, Pop3ParseItem::Kind::RawLine);
        QCOMPARE(raw.line, QByteArray(100, 'B'));
        QCOMPARE(parser.next().command.verb, QByteArray("NOOP"));
        QCOMPARE(parser.next().kind, Pop3ParseItem::Kind::Error); // "*" is not a command
    }

    void discardDropsPipelinedInput()
    {
        Pop3Parser parser;
        parser.feed("STLS\r\nUSER mallory\r\nPASS x\r\n");
        QCOMPARE(parser.next().command.verb, QByteArray("STLS"));
        QCOMPARE(parser.discardBuffered(), qsizetype(22));
        QCOMPARE(parser.next().kind, Pop3ParseItem::Kind::NeedMore);
    }

    void saslPlain()
    {
        SaslExchange plain("plain");
        SaslStep s = plain.start(QByteArray(QByteArray("\0alice@example.com\0pw with space", 32).toBase64()));
        QCOMPARE(s.kind, SaslStep::Kind::Done);
        QCOMPARE(s.credentials.username, QStringLiteral("alice@example.com"));
        QCOMPARE(s.credentials.password, QStringLiteral("pw with space"));

        SaslExchange later("PLAIN");
        s = later.start(std::nullopt);
        QCOMPARE(s.kind, SaslStep::Kind::Challenge);
        QCOMPARE(s.challenge, QByteArray());
        s = later.respond(QByteArray("alice\0alice\0p\xc3\xa4ss", 17).toBase64());
        QCOMPARE(s.kind, SaslStep::Kind::Done);
        QCOMPARE(s.credentials.password, QStringLiteral("p\u00e4ss"));

        QCOMPARE(SaslExchange("PLAIN").start(QByteArray("!!!!")).kind, SaslStep::Kind::Failed);
        QCOMPARE(SaslExchange("PLAIN").start(QByteArray("YWJj")).kind, SaslStep::Kind::Failed); // "abc": no NULs
        const SaslStep proxy = SaslExchange("PLAIN").start(QByteArray("bob\0alice\0pw", 12).toBase64());
        QCOMPARE(proxy.kind, SaslStep::Kind::Failed);
        QVERIFY(proxy.error.contains(QStringLiteral("another user")));
        QCOMPARE(SaslExchange("PLAIN").start(QByteArray("=")).kind, SaslStep::Kind::Failed); // empty
        SaslExchange cancelled("PLAIN");
        cancelled.start(std::nullopt);
        QCOMPARE(cancelled.respond("*").kind, SaslStep::Kind::Cancelled);
    }

    void saslLogin()
    {
        SaslExchange login("LOGIN");
        SaslStep s = login.start(std::nullopt);
        QCOMPARE(s.kind, SaslStep::Kind::Challenge);
        QCOMPARE(QByteArray::fromBase64(s.challenge), QByteArray("Username:"));
        s = login.respond(QByteArray("alice@example.com").toBase64());
        QCOMPARE(QByteArray::fromBase64(s.challenge), QByteArray("Password:"));
        s = login.respond(QByteArray("secret").toBase64());
        QCOMPARE(s.kind, SaslStep::Kind::Done);
        QCOMPARE(s.credentials.username, QStringLiteral("alice@example.com"));
        QCOMPARE(s.credentials.password, QStringLiteral("secret"));

        SaslExchange initial("login");
        s = initial.start(QByteArray("alice").toBase64());
        QCOMPARE(QByteArray::fromBase64(s.challenge), QByteArray("Password:"));
        QCOMPARE(initial.respond("*").kind, SaslStep::Kind::Cancelled);
        QCOMPARE(SaslExchange("LOGIN").start(QByteArray("YWxp\xff")).kind, SaslStep::Kind::Failed);
        QVERIFY(!SaslExchange::isSupported("CRAM-MD5"));
        QVERIFY(SaslExchange::isSupported("login"));
    }

    void retrIsDotStuffedAndTerminated_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QByteArray("Subject: a\r\n\r\nbody\r\n")
                               << QByteArray("Subject: a\r\n\r\nbody\r\n.\r\n");
        QTest::newRow("dots") << QByteArray("S: x\r\n\r\n.\r\n..\r\n.x\r\nx.\r\n")
                              << QByteArray("S: x\r\n\r\n..\r\n...\r\n..x\r\nx.\r\n.\r\n");
        QTest::newRow("dot first") << QByteArray(".starts\r\n") << QByteArray("..starts\r\n.\r\n");
        QTest::newRow("no final newline") << QByteArray("S: x\r\n\r\nend") << QByteArray("S: x\r\n\r\nend\r\n.\r\n");
        QTest::newRow("bare LF kept") << QByteArray("a\n.b\n") << QByteArray("a\n..b\n.\r\n");
        QTest::newRow("empty") << QByteArray() << QByteArray(".\r\n");
    }

    void retrIsDotStuffedAndTerminated()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, expected);
        for (qint64 chunk : { 1, 2, 3, 7, 64 * 1024 })
            QCOMPARE(stream(message, std::nullopt, chunk), expected);
    }

    void topSendsHeadersAndSomeBodyLines()
    {
        const QByteArray m = "From: a\r\nSubject: b\r\n\r\nline 1\r\n.line 2\r\nline 3\r\n";
        for (qint64 chunk : { 1, 5, 1000 }) {
            QCOMPARE(stream(m, 0, chunk), QByteArray("From: a\r\nSubject: b\r\n\r\n.\r\n"));
            QCOMPARE(stream(m, 2, chunk), QByteArray("From: a\r\nSubject: b\r\n\r\nline 1\r\n..line 2\r\n.\r\n"));
            QCOMPARE(
                stream(m, 10, chunk), QByteArray("From: a\r\nSubject: b\r\n\r\nline 1\r\n..line 2\r\nline 3\r\n.\r\n"));
            // No blank line: the whole message is headers.
            QCOMPARE(stream("A: 1\r\nB: 2\r\n", 0, chunk), QByteArray("A: 1\r\nB: 2\r\n.\r\n"));
        }
    }
};

QTEST_GUILESS_MAIN(TestPop3Parser)
#include "TestPop3Parser.moc"
