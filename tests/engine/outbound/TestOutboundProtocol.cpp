// The pure parts of outbound SMTP: the reply parser (one byte at a time and in random
// chunks must give the same result), EHLO keywords, command parameters and the DATA encoder.

#include <QBuffer>
#include <QRandomGenerator>
#include <QTest>

#include "outbound/SmtpProtocol.h"
#include "outbound/SmtpReplyParser.h"

using namespace tegami;

namespace {

// Everything the parser yields for `input`, split as `sizes` says (cycled), one entry per item.
QStringList parseAll(const QByteArray& input, const std::vector<qsizetype>& sizes, qsizetype maxLine = 4096,
    int maxLines = SmtpReplyParser::kDefaultMaxLines)
{
    SmtpReplyParser parser(maxLine, maxLines);
    QStringList out;
    auto drain = [&] {
        for (;;) {
            const SmtpReplyItem item = parser.next();
            if (item.kind == SmtpReplyItem::Kind::NeedMore)
                return;
            if (item.kind == SmtpReplyItem::Kind::Error) {
                out << QStringLiteral("ERR %1 (%2 raw)").arg(int(item.error)).arg(item.rawLines.size());
                return;
            }
            out << QStringLiteral("%1|%2|%3|%4")
                       .arg(item.reply.code)
                       .arg(item.reply.enhancedCode, item.reply.lines.join(QLatin1Char('/')))
                       .arg(item.rawLines.size());
        }
    };
    qsizetype pos = 0;
    size_t i = 0;
    while (pos < input.size() && !parser.failed()) {
        const qsizetype n = std::min(sizes[i++ % sizes.size()], input.size() - pos);
        parser.feed(QByteArrayView(input).sliced(pos, n));
        pos += n;
        drain();
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

QByteArray encodeAll(const QByteArray& message, qsizetype chunk)
{
    SmtpDataEncoder enc;
    QByteArray out;
    for (qsizetype pos = 0; pos < message.size(); pos += chunk)
        out += enc.encode(QByteArrayView(message).sliced(pos, std::min(chunk, message.size() - pos)));
    return out + enc.finish();
}

} // namespace

class TestOutboundProtocol : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void replies_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("single") << QByteArray("220 mx.example.net ESMTP ready\r\n")
                                << QStringList { "220||mx.example.net ESMTP ready|1" };
        QTest::newRow("bare code") << QByteArray("250\r\n") << QStringList { "250|||1" };
        QTest::newRow("bare LF") << QByteArray("250 ok\n354 go\n") << QStringList { "250||ok|1", "354||go|1" };
        QTest::newRow("multi-line") << QByteArray("250-mx.example.net\r\n250-SIZE 1000\r\n250 STARTTLS\r\n")
                                    << QStringList { "250||mx.example.net/SIZE 1000/STARTTLS|3" };
        QTest::newRow("enhanced") << QByteArray("550 5.1.1 no such user\r\n")
                                  << QStringList { "550|5.1.1|no such user|1" };
        QTest::newRow("enhanced multi-line")
            << QByteArray("550-5.7.1 first\r\n550 5.7.1 second\r\n") << QStringList { "550|5.7.1|first/second|2" };
        QTest::newRow("enhanced only last")
            << QByteArray("451-try later\r\n451 4.3.0 busy\r\n") << QStringList { "451|4.3.0|try later/busy|2" };
        QTest::newRow("enhanced class mismatch")
            << QByteArray("250 5.1.1 odd\r\n") << QStringList { "250||5.1.1 odd|1" };
        QTest::newRow("not an enhanced code")
            << QByteArray("250 2.0.0.1 ok\r\n") << QStringList { "250||2.0.0.1 ok|1" };
        QTest::newRow("enhanced code alone") << QByteArray("250 2.0.0\r\n") << QStringList { "250|2.0.0||1" };
        QTest::newRow("two replies") << QByteArray("250 ok\r\n550 5.1.1 nope\r\n")
                                     << QStringList { "250||ok|1", "550|5.1.1|nope|1" };
        QTest::newRow("empty line") << QByteArray("\r\n") << QStringList { "ERR 3 (1 raw)" };
        QTest::newRow("letters") << QByteArray("hello\r\n") << QStringList { "ERR 3 (1 raw)" };
        QTest::newRow("class 1") << QByteArray("150 x\r\n") << QStringList { "ERR 3 (1 raw)" };
        QTest::newRow("class 6") << QByteArray("650 x\r\n") << QStringList { "ERR 3 (1 raw)" };
        QTest::newRow("bad separator") << QByteArray("250_x\r\n") << QStringList { "ERR 3 (1 raw)" };
        QTest::newRow("code changes") << QByteArray("250-a\r\n251 b\r\n") << QStringList { "ERR 3 (2 raw)" };
        QTest::newRow("error is sticky") << QByteArray("xyz\r\n250 ok\r\n") << QStringList { "ERR 3 (1 raw)" };
        QTest::newRow("reply before bad line")
            << QByteArray("250 ok\r\nxyz\r\n") << QStringList { "250||ok|1", "ERR 3 (1 raw)" };
        QTest::newRow("utf8 text") << QByteArray("250 d\xc3\xa9j\xc3\xa0\r\n")
                                   << QStringList { QString::fromUtf8("250||d\xc3\xa9j\xc3\xa0|1") };
    }

    void replies()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, expected);
        QCOMPARE(parseAll(input, { input.size() }), expected);
        QCOMPARE(parseAll(input, { 1 }), expected);
        for (quint32 seed = 1; seed <= 5; ++seed)
            QCOMPARE(parseAll(input, randomSizes(seed)), expected);
    }

    void lineLimit()
    {
        const QByteArray exact = "250 " + QByteArray(16, 'x') + "\r\n"; // 20 bytes without CRLF
        QCOMPARE(parseAll(exact, { 1 }, 20), QStringList { "250||" + QString(16, QLatin1Char('x')) + "|1" });
        QCOMPARE(parseAll(exact, { 100 }, 20), QStringList { "250||" + QString(16, QLatin1Char('x')) + "|1" });
        const QByteArray longer = "250 ok\r\n250 " + QByteArray(17, 'x') + "\r\n";
        for (const qsizetype size : { 1, 3, 100 })
            QCOMPARE(parseAll(longer, { size }, 20), (QStringList { "250||ok|1", "ERR 1 (0 raw)" }));
        // An endless line is refused after the limit, without waiting for (or keeping) the rest.
        SmtpReplyParser parser(20);
        parser.feed(QByteArray(1000, '2'));
        QVERIFY(parser.buffered() <= 22);
        QCOMPARE(parser.next().error, SmtpReplyError::LineTooLong);
        QVERIFY(parser.failed());
        // A CR in the middle of a line counts as part of it.
        QCOMPARE(parseAll("250 " + QByteArray(16, 'x') + "\r\r\n", { 1 }, 20), QStringList { "ERR 1 (0 raw)" });
    }

    void lineCountLimit()
    {
        QByteArray input;
        for (int i = 0; i < 5; ++i)
            input += "250-line\r\n";
        input += "250 end\r\n";
        QCOMPARE(parseAll(input, { 1 }, 100, 6).size(), 1);
        QCOMPARE(parseAll(input, { 1 }, 100, 5), QStringList { "ERR 2 (6 raw)" });
    }

    void discardAfterStartTls()
    {
        SmtpReplyParser parser;
        parser.feed("220 go ahead\r\n250-injected\r\n250 injected\r\n");
        QCOMPARE(parser.next().reply.code, 220);
        QVERIFY(parser.discardBuffered() > 0);
        QCOMPARE(parser.next().kind, SmtpReplyItem::Kind::NeedMore);
        parser.feed("250 real\r\n");
        QCOMPARE(parser.next().reply.lines, QStringList { "real" });
    }

    void summary()
    {
        SmtpReplyParser parser;
        parser.feed("550-5.1.1 no such\r\n550 5.1.1 user\r\n");
        QCOMPARE(parser.next().reply.summary(), QStringLiteral("550 5.1.1 no such user"));
    }

    void ehloExtensions()
    {
        SmtpReplyParser parser;
        parser.feed("250-mx.example.net greets you\r\n250-PIPELINING\r\n250-SIZE 35882577\r\n250-8bitmime\r\n"
                    "250-AUTH=LOGIN\r\n250-AUTH PLAIN login CRAM-MD5\r\n250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n"
                    "250-DSN\r\n250 SMTPUTF8\r\n");
        const SmtpExtensions ext = SmtpExtensions::fromEhloReply(parser.next().reply);
        QVERIFY(ext.esmtp && ext.pipelining && ext.eightBitMime && ext.startTls && ext.enhancedStatusCodes);
        QVERIFY(ext.dsn && ext.smtpUtf8 && ext.sizeAdvertised);
        QCOMPARE(ext.sizeLimit, 35882577);
        QCOMPARE(ext.authMechanisms, (QStringList { "LOGIN", "PLAIN", "CRAM-MD5" }));

        SmtpReplyParser bare;
        bare.feed("250-mx\r\n250 SIZE\r\n");
        const SmtpExtensions plain = SmtpExtensions::fromEhloReply(bare.next().reply);
        QVERIFY(plain.sizeAdvertised);
        QCOMPARE(plain.sizeLimit, 0);
        QVERIFY(!plain.startTls && !plain.dsn && plain.authMechanisms.isEmpty());
    }

    void xtext()
    {
        QCOMPARE(xtextEncode("abc+d=e f"), QByteArray("abc+2Bd+3De+20f"));
        QCOMPARE(xtextEncode("\xc3\xa9"), QByteArray("+C3+A9"));
        QCOMPARE(utf8AddrXtextEncode(QString::fromUtf8("j\xc3\xb6rg+x@example.net")),
            QByteArray("j\\x{F6}rg\\x{2B}x@example.net"));
    }

    void commands()
    {
        MailFromParams p;
        QCOMPARE(mailFromCommand(QString(), p), QByteArray("MAIL FROM:<>"));
        p.size = 1234;
        p.eightBitMime = true;
        p.smtpUtf8 = true;
        p.ret = DsnRet::Headers;
        p.envId = QStringLiteral("q1+x");
        QCOMPARE(mailFromCommand(QStringLiteral("a@example.com"), p),
            QByteArray("MAIL FROM:<a@example.com> SIZE=1234 BODY=8BITMIME SMTPUTF8"));
        p.dsn = true;
        QCOMPARE(mailFromCommand(QStringLiteral("a@example.com"), p),
            QByteArray("MAIL FROM:<a@example.com> SIZE=1234 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=q1+2Bx"));

        EnvelopeRecipient r { QStringLiteral("bob@b\u00fccher.example"), QStringLiteral("rfc822;bob@example.net"),
            DsnNotifyFailure | DsnNotifyDelay };
        QCOMPARE(rcptToCommand(r, false), QByteArray("RCPT TO:<bob@xn--bcher-kva.example>"));
        QCOMPARE(rcptToCommand(r, true),
            QByteArray("RCPT TO:<bob@xn--bcher-kva.example> NOTIFY=FAILURE,DELAY ORCPT=rfc822;bob@example.net"));
        r.notify = DsnNotifyNever;
        r.orcpt.clear();
        QCOMPARE(rcptToCommand(r, true), QByteArray("RCPT TO:<bob@xn--bcher-kva.example> NOTIFY=NEVER"));
        QCOMPARE(orcptValue(QString::fromUtf8("rfc822;j\xc3\xb6rg@example.net")),
            QByteArray("utf-8;j\\x{F6}rg@example.net"));
        QCOMPARE(
            wireAddress(QString::fromUtf8("j\xc3\xb6rg@example.net")), QString::fromUtf8("j\xc3\xb6rg@example.net"));
        QCOMPARE(wireAddress(QStringLiteral("a@[192.0.2.1]")), QStringLiteral("a@[192.0.2.1]"));
    }

    void headerScan()
    {
        QBuffer ascii;
        ascii.setData("Subject: hi\r\n\r\nbody \xc3\xa9\r\n");
        ascii.open(QIODevice::ReadOnly);
        QVERIFY(!headerHasEightBit(ascii));
        QCOMPARE(ascii.pos(), 0);
        QBuffer utf8;
        utf8.setData("Subject: \xc3\xa9t\xc3\xa9\r\n\r\nbody\r\n");
        utf8.open(QIODevice::ReadOnly);
        QVERIFY(headerHasEightBit(utf8));
    }

    void dataEncoding_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("plain") << QByteArray("a\r\nb\r\n") << QByteArray("a\r\nb\r\n.\r\n");
        QTest::newRow("no final CRLF") << QByteArray("a\r\nb") << QByteArray("a\r\nb\r\n.\r\n");
        QTest::newRow("empty") << QByteArray() << QByteArray(".\r\n");
        QTest::newRow("dots") << QByteArray(".\r\n..x\r\na.b\r\n.") << QByteArray("..\r\n...x\r\na.b\r\n..\r\n.\r\n");
        QTest::newRow("smuggling LF") << QByteArray("a\n.\nMAIL FROM:<x>\r\n")
                                      << QByteArray("a\r\n..\r\nMAIL FROM:<x>\r\n.\r\n");
        QTest::newRow("smuggling CR") << QByteArray("a\r.\rb\r\n") << QByteArray("a\r\n..\r\nb\r\n.\r\n");
        QTest::newRow("trailing CR") << QByteArray("a\r") << QByteArray("a\r\n.\r\n");
    }

    void dataEncoding()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, wire);
        for (const qsizetype chunk : { 1, 2, 3, 1000 })
            QCOMPARE(encodeAll(message, chunk), wire);
    }
};

QTEST_GUILESS_MAIN(TestOutboundProtocol)
#include "TestOutboundProtocol.moc"
