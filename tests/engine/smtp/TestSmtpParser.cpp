// The SMTP input reader: commands, DATA and BDAT, fed whole, one byte at a time and in
// random splits (which must all give the same transcript), with every SMTP smuggling
// variant and the line limits.

#include "smtp/SmtpParser.h"

#include <QRandomGenerator>
#include <QTest>

using namespace tegami;

namespace {

QString reportText(const SmtpContentReport& r)
{
    return QStringLiteral("bytes=%1 wire=%2 lf=%3 cr=%4 long=%5 longest=%6")
        .arg(r.bytes)
        .arg(r.wireBytes)
        .arg(r.bareLf)
        .arg(r.bareCr)
        .arg(r.longLines)
        .arg(r.longestLine);
}

struct Run {
    QStringList transcript;
    QByteArray lastContent; // the text of the last message
    SmtpContentReport lastReport;
};

// Everything the parser yields for `input`, split as `sizes` says (cycled). It acts as a
// session would: DATA switches to message text, "BDAT n [LAST]" reads n bytes, AUTH asks
// for a raw line. Content is collected until its end item, so the split does not show.
Run parseAll(const QByteArray& input, const std::vector<qsizetype>& sizes, qsizetype limit = 100,
    SmtpContentOptions options = { 50, false })
{
    SmtpParser parser(limit);
    Run run;
    QByteArray text;
    bool firstChunk = true;
    auto drain = [&] {
        for (;;) {
            const SmtpParseItem item = parser.next();
            switch (item.kind) {
            case SmtpParseItem::Kind::NeedMore:
                return;
            case SmtpParseItem::Kind::Command: {
                run.transcript << QStringLiteral("CMD %1|%2%3")
                                      .arg(QString::fromLatin1(item.command.verb),
                                          QString::fromLatin1(item.command.args), item.bareLf ? " (LF)" : "");
                if (item.command.verb == "DATA")
                    parser.beginData(options);
                if (item.command.verb == "AUTH")
                    parser.expectRawLine(200);
                if (item.command.verb == "BDAT") {
                    const QList<QByteArray> words = item.command.args.split(' ');
                    const bool last = words.size() > 1 && words[1] == "LAST";
                    parser.beginChunk(words[0].toLongLong(), last, firstChunk, options);
                    firstChunk = last;
                }
                break;
            }
            case SmtpParseItem::Kind::RawLine:
                run.transcript << QStringLiteral("RAW %1").arg(QString::fromLatin1(item.line));
                break;
            case SmtpParseItem::Kind::Error:
                run.transcript << QStringLiteral("ERR %1 %2").arg(int(item.error)).arg(item.errorText);
                break;
            case SmtpParseItem::Kind::Content:
                QVERIFY2(!item.content.isEmpty(), "an empty content item");
                text += item.content;
                break;
            case SmtpParseItem::Kind::ChunkEnd:
                run.transcript << QStringLiteral("CHUNK %1").arg(reportText(item.report));
                break;
            case SmtpParseItem::Kind::ContentEnd:
                run.transcript << QStringLiteral("TEXT %1").arg(QString::fromLatin1(text.toHex(' ')));
                run.transcript << QStringLiteral("END %1").arg(reportText(item.report));
                run.lastContent = std::exchange(text, QByteArray());
                run.lastReport = item.report;
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
    }
    drain();
    if (!text.isEmpty())
        run.transcript << QStringLiteral("UNFINISHED %1").arg(QString::fromLatin1(text.toHex(' ')));
    return run;
}

std::vector<qsizetype> randomSizes(quint32 seed)
{
    QRandomGenerator rng(seed);
    std::vector<qsizetype> sizes;
    for (int i = 0; i < 64; ++i)
        sizes.push_back(rng.bounded(1, 40));
    return sizes;
}

// The transcript of `input` fed whole, after checking that every split gives the same one.
Run parseEverySplit(const QByteArray& input, qsizetype limit = 100, SmtpContentOptions options = { 50, false })
{
    const Run whole = parseAll(input, { input.size() + 1 }, limit, options);
    const Run bytes = parseAll(input, { 1 }, limit, options);
    if (bytes.transcript != whole.transcript) {
        qWarning() << "whole:" << whole.transcript;
        qWarning() << "bytes:" << bytes.transcript;
        return {};
    }
    for (quint32 seed = 1; seed <= 5; ++seed) {
        if (parseAll(input, randomSizes(seed), limit, options).transcript != whole.transcript) {
            qWarning() << "split" << seed << "differs";
            return {};
        }
    }
    return whole;
}

// Message text for `wire` sent after DATA, and what follows it.
Run data(const QByteArray& wire, SmtpContentOptions options = { 50, false })
{
    return parseEverySplit("DATA\r\n" + wire + "NOOP\r\n", 100, options);
}

} // namespace

class TestSmtpParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void commands()
    {
        const Run r = parseEverySplit("EHLO client.example\r\nmail FROM:<a@b> SIZE=10\r\nNOOP\nQUIT\r\n");
        QCOMPARE(r.transcript,
            QStringList({ "CMD EHLO|client.example", "CMD MAIL|FROM:<a@b> SIZE=10", "CMD NOOP| (LF)", "CMD QUIT|" }));
    }

    void badAndEmptyLines()
    {
        const Run r = parseEverySplit("\r\n1234 x\r\n\xc3\xa9HLO\r\nRSET\r\n");
        QCOMPARE(r.transcript.size(), 4);
        QVERIFY(r.transcript[0].startsWith("ERR 2 "));
        QVERIFY(r.transcript[1].startsWith("ERR 3 "));
        QVERIFY(r.transcript[2].startsWith("ERR 3 "));
        QCOMPARE(r.transcript[3], QStringLiteral("CMD RSET|"));
    }

    void longLineIsSkippedAndParsingGoesOn()
    {
        // Exactly the limit is fine, with CRLF or LF; one more byte is not.
        const QByteArray ok(100, 'A');
        const Run r = parseEverySplit("NOOP " + QByteArray(95, 'x') + "\r\n" + QByteArray(101, 'B') + "\r\nNOOP\r\n"
            + QByteArray(5000, 'C') + "\r\nQUIT\r\n" + ok + "\r\n");
        QCOMPARE(r.transcript,
            QStringList({ "CMD NOOP|" + QString(95, 'x'), "ERR 1 line too long (more than 100 bytes)", "CMD NOOP|",
                "ERR 1 line too long (more than 100 bytes)", "CMD QUIT|", "CMD " + QString(100, 'A') + "|" }));
    }

    void unterminatedLongLineIsNotKept()
    {
        SmtpParser parser(100);
        for (int i = 0; i < 1000; ++i) {
            parser.feed(QByteArray(1000, 'x'));
            const SmtpParseItem item = parser.next();
            if (i == 0)
                QCOMPARE(item.error, SmtpParseError::LineTooLong);
            else
                QCOMPARE(item.kind, SmtpParseItem::Kind::NeedMore);
            QVERIFY(parser.buffered() <= 101);
        }
        parser.feed("\r\nQUIT\r\n");
        QCOMPARE(parser.next().command.verb, QByteArray("QUIT"));
    }

    void rawLineForSasl()
    {
        const Run r = parseEverySplit("AUTH LOGIN\r\ndXNlcg==\r\nNOOP\r\n");
        QCOMPARE(r.transcript, QStringList({ "CMD AUTH|LOGIN", "RAW dXNlcg==", "CMD NOOP|" }));
    }

    void dataIsUnstuffedAndEndsAtCrLfDotCrLf()
    {
        const Run r = data("Subject: x\r\n\r\n..leading dot\r\n.\r\n");
        QCOMPARE(r.lastContent, QByteArray("Subject: x\r\n\r\n.leading dot\r\n"));
        QCOMPARE(r.transcript.last(), QStringLiteral("CMD NOOP|"));
        QCOMPARE(r.lastReport.bytes, r.lastContent.size());
        QCOMPARE(r.lastReport.wireBytes, QByteArray("Subject: x\r\n\r\n..leading dot\r\n.\r\n").size());
        QVERIFY(!r.lastReport.hasBareLineEndings());
    }

    void emptyMessageAndDotAtTheStart()
    {
        QCOMPARE(data(".\r\n").lastContent, QByteArray());
        QCOMPARE(data("..\r\n.\r\n").lastContent, QByteArray(".\r\n"));
        QCOMPARE(data(".x\r\n.\r\n").lastContent, QByteArray("x\r\n"));
    }

    void smugglingVariantsDoNotEndData_data()
    {
        QTest::addColumn<QByteArray>("fake");
        QTest::addColumn<int>("bareLf");
        QTest::addColumn<int>("bareCr");
        QTest::newRow("LF.LF") << QByteArray("\n.\n") << 2 << 0;
        QTest::newRow("CRLF.LF") << QByteArray("\r\n.\n") << 1 << 0;
        QTest::newRow("LF.CRLF") << QByteArray("\n.\r\n") << 1 << 0;
        QTest::newRow("CR.CRLF") << QByteArray("\r.\r\n") << 0 << 1;
        QTest::newRow("CR.CR") << QByteArray("\r.\r") << 0 << 2;
        QTest::newRow("CRLF.CR") << QByteArray("\r\n.\r") << 0 << 1;
        QTest::newRow("LF.CR") << QByteArray("\n.\r") << 1 << 1;
    }

    void smugglingVariantsDoNotEndData()
    {
        QFETCH(QByteArray, fake);
        QFETCH(int, bareLf);
        QFETCH(int, bareCr);
        // The attacker's second message rides behind the fake end; it must stay text.
        const QByteArray smuggled = "MAIL FROM:<evil@example.net>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\n";
        const QByteArray body = "Subject: one\r\n\r\nhello" + fake + smuggled;
        const Run r = data(body + "\r\n.\r\n");
        QCOMPARE(r.transcript.size(), 4); // DATA, TEXT, END, NOOP: no smuggled command
        QCOMPARE(r.transcript.last(), QStringLiteral("CMD NOOP|"));
        QVERIFY(r.lastContent.contains("MAIL FROM:<evil@example.net>"));
        QCOMPARE(r.lastReport.bareLf, bareLf);
        QCOMPARE(r.lastReport.bareCr, bareCr);
        QVERIFY(r.lastReport.hasBareLineEndings());

        // Normalised, the same input is CRLF throughout and still one message.
        const Run n = data(body + "\r\n.\r\n", { 50, true });
        QCOMPARE(n.transcript.size(), 4);
        QVERIFY(!n.lastContent.contains("\r\r"));
        QCOMPARE(n.lastContent.count('\r'), n.lastContent.count('\n'));
        QCOMPARE(n.lastContent.count("\r\n"), n.lastContent.count('\n'));
    }

    void dotLineAfterBareLfIsText()
    {
        // The text keeps a "." line; an SMTP client relaying it stuffs it to "..".
        const Run n = data("a\n.\r\nb\r\n.\r\n", { 50, true });
        QCOMPARE(n.lastContent, QByteArray("a\r\n.\r\nb\r\n"));
        const Run r = data("a\r\n.\nb\r\n.\r\n");
        QCOMPARE(r.lastContent, QByteArray("a\r\n\nb\r\n"));
    }

    void longTextLinesAreCountedNotCut()
    {
        const QByteArray line(80, 'x');
        const Run r = data(line + "\r\nshort\r\n" + line + line + "\r\n.\r\n");
        QCOMPARE(r.lastReport.longLines, 2);
        QCOMPARE(r.lastReport.longestLine, 160);
        QCOMPARE(r.lastContent, line + "\r\nshort\r\n" + line + line + "\r\n");
    }

    void dataStreamsWithoutWaitingForTheEnd()
    {
        SmtpParser parser(100);
        parser.beginData({ 1000, false });
        parser.feed("first part\r\nsecond");
        SmtpParseItem item = parser.next();
        QCOMPARE(item.kind, SmtpParseItem::Kind::Content);
        QCOMPARE(item.content, QByteArray("first part\r\nsecond"));
        QCOMPARE(parser.buffered(), 0);
        parser.feed("\r");
        QCOMPARE(parser.next().kind, SmtpParseItem::Kind::NeedMore); // a CR waits for its LF
        parser.feed("\n.\r\nQUIT\r\n");
        item = parser.next();
        QCOMPARE(item.content, QByteArray("\r\n"));
        item = parser.next();
        QCOMPARE(item.kind, SmtpParseItem::Kind::ContentEnd);
        QCOMPARE(parser.mode(), SmtpParser::Mode::Commands);
        QCOMPARE(parser.next().command.verb, QByteArray("QUIT"));
    }

    void bdatReadsExactCountsWithoutDots()
    {
        const QByteArray wire = "BDAT 9\r\n.\r\nline\r\nBDAT 8 LAST\r\n.\r\nend\r\nNOOP\r\n";
        const Run r = parseEverySplit(wire);
        QCOMPARE(r.transcript.size(), 6);
        QCOMPARE(r.transcript[0], QStringLiteral("CMD BDAT|9"));
        QVERIFY(r.transcript[1].startsWith("CHUNK bytes=9 wire=9"));
        QCOMPARE(r.transcript[2], QStringLiteral("CMD BDAT|8 LAST"));
        QCOMPARE(r.lastContent, QByteArray(".\r\nline\r\n.\r\nend\r\n"));
        QCOMPARE(r.lastReport.wireBytes, 17);
        QCOMPARE(r.transcript.last(), QStringLiteral("CMD NOOP|"));
    }

    void bdatZeroLastAndCrAcrossChunks()
    {
        // A CR ending one chunk and an LF starting the next are one CRLF.
        Run r = parseEverySplit("BDAT 3\r\nab\rBDAT 3\r\n\ncdBDAT 0 LAST\r\nQUIT\r\n");
        QCOMPARE(r.lastContent, QByteArray("ab\r\ncd"));
        QVERIFY(!r.lastReport.hasBareLineEndings());
        QCOMPARE(r.transcript.last(), QStringLiteral("CMD QUIT|"));
        // A CR at the very end is bare.
        r = parseEverySplit("BDAT 3 LAST\r\nab\rQUIT\r\n");
        QCOMPARE(r.lastReport.bareCr, 1);
        QCOMPARE(r.lastContent, QByteArray("ab\r"));
        r = parseEverySplit("BDAT 3 LAST\r\nab\rQUIT\r\n", 100, { 50, true });
        QCOMPARE(r.lastContent, QByteArray("ab\r\n"));
        r = parseEverySplit("BDAT 0 LAST\r\nQUIT\r\n");
        QCOMPARE(r.lastContent, QByteArray());
        QCOMPARE(r.transcript.last(), QStringLiteral("CMD QUIT|"));
    }

    void bareLfInBdatIsCounted()
    {
        const Run r = parseEverySplit("BDAT 7 LAST\r\na\nb\r\n.\nQUIT\r\n");
        QCOMPARE(r.lastReport.bareLf, 2);
        QCOMPARE(r.transcript.last(), QStringLiteral("CMD QUIT|"));
    }

    void discardBufferedDropsPipelinedInput()
    {
        SmtpParser parser(100);
        parser.feed("STARTTLS\r\nMAIL FROM:<a@b>\r\n");
        QCOMPARE(parser.next().command.verb, QByteArray("STARTTLS"));
        QCOMPARE(parser.discardBuffered(), qsizetype(17));
        QCOMPARE(parser.next().kind, SmtpParseItem::Kind::NeedMore);
    }

    void randomInputSameInEverySplit()
    {
        QRandomGenerator rng(42);
        const QByteArrayList pieces = { "\r", "\n", ".", "\r\n", "DATA", "BDAT 3", "BDAT 2 LAST", "NOOP", "x", "AUTH",
            " ", "..", "\r\n.\r\n", QByteArray(30, 'y') };
        for (int round = 0; round < 300; ++round) {
            QByteArray input;
            const int n = rng.bounded(1, 60);
            for (int i = 0; i < n; ++i)
                input += pieces[rng.bounded(pieces.size())];
            const Run whole = parseAll(input, { input.size() + 1 }, 40, { 20, round % 2 == 0 });
            QCOMPARE(parseAll(input, { 1 }, 40, { 20, round % 2 == 0 }).transcript, whole.transcript);
            QCOMPARE(parseAll(input, randomSizes(round), 40, { 20, round % 2 == 0 }).transcript, whole.transcript);
        }
    }
};

QTEST_GUILESS_MAIN(TestSmtpParser)
#include "TestSmtpParser.moc"
