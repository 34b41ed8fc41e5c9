#include "log/LogEvent.h"
#include "log/LogFilter.h"

#include <QJsonDocument>
#include <QTest>

using namespace tegami;

namespace {

LogEvent sampleEvent()
{
    LogEvent event;
    event.time = QDateTime(QDate(2026, 11, 22), QTime(12, 0, 0, 123), Qt::UTC);
    event.proto = QStringLiteral("imap");
    event.sid = QStringLiteral("3f2a");
    event.seq = 7;
    event.local = QStringLiteral("192.0.2.10:993");
    event.remote = QStringLiteral("198.51.100.7:52144");
    event.dir = LogDirection::FromClient;
    event.data = QStringLiteral("a1 LOGIN alice@example.com ********");
    event.user = QStringLiteral("alice@example.com");
    event.ctx = QStringLiteral("tls");
    return event;
}

} // namespace

class TestLogEvent : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonLineMatchesTheSchema()
    {
        const QByteArray line = sampleEvent().toJsonLine();
        QCOMPARE(line, QByteArray(R"({"t":"2026-11-22T12:00:00.123Z","proto":"imap","sid":"3f2a","seq":7,)"
                                  R"("local":"192.0.2.10:993","remote":"198.51.100.7:52144","dir":"<",)"
                                  R"("data":"a1 LOGIN alice@example.com ********","user":"alice@example.com",)"
                                  R"("ctx":"tls"})"
                                  "\n"));
        QCOMPARE(QJsonDocument::fromJson(line).object(), sampleEvent().toJson());
    }

    void emptyUserAndContextAreOmitted()
    {
        LogEvent event = sampleEvent();
        event.user.clear();
        event.ctx.clear();
        const QByteArray line = event.toJsonLine();
        QVERIFY(!line.contains("\"user\""));
        QVERIFY(!line.contains("\"ctx\""));
        QVERIFY(!event.toJson().contains(QStringLiteral("user")));
        Result<LogEvent> back = LogEvent::fromJsonLine(line);
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().toString()));
        QCOMPARE(*back, event);
    }

    void roundTripsEveryDirection()
    {
        for (LogDirection dir : {LogDirection::Connect, LogDirection::Disconnect, LogDirection::FromClient,
                                 LogDirection::ToClient, LogDirection::Note}) {
            LogEvent event = sampleEvent();
            event.dir = dir;
            Result<LogEvent> back = LogEvent::fromJsonLine(event.toJsonLine());
            QVERIFY(back.ok());
            QCOMPARE(back->dir, dir);
            QCOMPARE(*back, event);
        }
    }

    void binaryDataSurvivesAsOneValidLine()
    {
        QByteArray bytes;
        for (int b = 0; b < 256; ++b)
            bytes += char(b);
        bytes += QByteArray("\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x93\xa7 ok"); // 日本 📧
        bytes += QByteArray("\xc0\xaf \xed\xa0\x80 \xe6\x97"); // overlong, surrogate, cut sequence
        bytes += "back\\slash \\x41 \"quote\"\r\n";

        LogEvent event = sampleEvent();
        event.data = LogEvent::encodeData(bytes);
        for (QChar ch : event.data)
            QVERIFY2(ch.unicode() >= 0x20 && ch.unicode() != 0x7F && !(ch.unicode() >= 0x80 && ch.unicode() <= 0x9F),
                     "no control characters remain in data");
        QVERIFY(event.data.contains(QStringLiteral("日本 📧 ok")));
        QVERIFY(event.data.contains(QStringLiteral("\\x0D\\x0A")));
        QVERIFY(event.data.contains(QStringLiteral("\\xC0\\xAF")));

        const QByteArray line = event.toJsonLine();
        QCOMPARE(line.count('\n'), 1);
        QVERIFY(line.endsWith('\n'));
        QJsonParseError error;
        QJsonDocument::fromJson(line, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);

        Result<LogEvent> back = LogEvent::fromJsonLine(line);
        QVERIFY(back.ok());
        QCOMPARE(*back, event);
        QCOMPARE(LogEvent::decodeData(back->data), bytes);
    }

    void plainTextIsKeptReadable()
    {
        QCOMPARE(LogEvent::encodeData("EHLO client.example"), QStringLiteral("EHLO client.example"));
        QCOMPARE(LogEvent::encodeData("a\tb\\c"), QStringLiteral("a\\x09b\\\\c"));
    }

    void hugeDataIsTruncatedWithANote()
    {
        const QByteArray literal(100000, 'x');
        const QString data = LogEvent::encodeData(literal);
        QVERIFY(data.size() < LogEvent::kMaxDataChars + 64);
        QVERIFY(data.endsWith(QStringLiteral(" [truncated: 100000 bytes in total]")));
        QVERIFY(data.startsWith(QString(LogEvent::kMaxDataChars, QLatin1Char('x'))));

        // Escapes are never cut in half.
        const QString binary = LogEvent::encodeData(QByteArray(5000, '\x01'));
        const QString kept = binary.left(binary.indexOf(QStringLiteral(" [truncated")));
        QCOMPARE(kept.size() % 4, 0);
        QCOMPARE(LogEvent::decodeData(kept), QByteArray(kept.size() / 4, '\x01'));

        const QString note = LogEvent::truncateData(QString(9000, QLatin1Char('n')));
        QVERIFY(note.endsWith(QStringLiteral("[truncated: 9000 characters in total]")));
    }

    void badLinesAreRejectedWithTheField_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("field");
        QTest::newRow("not json") << QByteArray("{\"t\":") << QStringLiteral("line");
        QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("line");
        QTest::newRow("no time") << QByteArray(R"({"proto":"imap","dir":"<","data":""})") << QStringLiteral("t");
        QTest::newRow("bad time") << QByteArray(R"({"t":"yesterday","proto":"imap","dir":"<"})") << QStringLiteral("t");
        QTest::newRow("no proto") << QByteArray(R"({"t":"2026-01-01T00:00:00.000Z","dir":"<"})")
                                  << QStringLiteral("proto");
        QTest::newRow("bad dir") << QByteArray(R"({"t":"2026-01-01T00:00:00.000Z","proto":"imap","dir":"!"})")
                                 << QStringLiteral("dir");
        QTest::newRow("bad seq") << QByteArray(R"({"t":"2026-01-01T00:00:00.000Z","proto":"imap","dir":"<","seq":-1})")
                                 << QStringLiteral("seq");
        QTest::newRow("user not a string")
            << QByteArray(R"({"t":"2026-01-01T00:00:00.000Z","proto":"imap","dir":"<","user":5})")
            << QStringLiteral("user");
    }

    void badLinesAreRejectedWithTheField()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, field);
        Result<LogEvent> event = LogEvent::fromJsonLine(line);
        QVERIFY(!event.ok());
        QCOMPARE(event.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(event.error().field, field);
        QVERIFY(!event.error().message.isEmpty());
    }

    void endpointsBracketIpv6()
    {
        QCOMPARE(logEndpoint(QStringLiteral("192.0.2.10"), 993), QStringLiteral("192.0.2.10:993"));
        QCOMPARE(logEndpoint(QStringLiteral("2001:db8::1"), 143), QStringLiteral("[2001:db8::1]:143"));
    }

    void filterMatchesEachField()
    {
        LogEvent event = sampleEvent();
        QVERIFY(LogFilter{}.matches(event));
        QVERIFY(LogFilter{}.isEmpty());
        QVERIFY((LogFilter{QStringLiteral("IMAP")}).matches(event));
        QVERIFY(!(LogFilter{QStringLiteral("pop3")}).matches(event));
        QVERIFY((LogFilter{{}, QStringLiteral("3F2A")}).matches(event));
        QVERIFY(!(LogFilter{{}, QStringLiteral("3f2b")}).matches(event));
        QVERIFY((LogFilter{{}, {}, {}, QStringLiteral("Alice@Example.COM")}).matches(event));
        QVERIFY(!(LogFilter{{}, {}, {}, QStringLiteral("bob@example.com")}).matches(event));
        QVERIFY(!(LogFilter{QStringLiteral("imap"), {}, {}, QStringLiteral("bob@example.com")}).matches(event));
    }

    void filterMatchesRemoteWithOrWithoutPort_data()
    {
        QTest::addColumn<QString>("eventRemote");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("matches");
        QTest::newRow("v4 address") << "198.51.100.7:52144" << "198.51.100.7" << true;
        QTest::newRow("v4 address and port") << "198.51.100.7:52144" << "198.51.100.7:52144" << true;
        QTest::newRow("v4 other port") << "198.51.100.7:52144" << "198.51.100.7:1" << false;
        QTest::newRow("v4 prefix is not a match") << "198.51.100.77:52144" << "198.51.100.7" << false;
        QTest::newRow("v6 bare") << "[2001:DB8::1]:993" << "2001:db8::1" << true;
        QTest::newRow("v6 bracketed") << "[2001:db8::1]:993" << "[2001:db8::1]" << true;
        QTest::newRow("v6 with port") << "[2001:db8::1]:993" << "[2001:db8::1]:993" << true;
        QTest::newRow("v6 other") << "[2001:db8::1]:993" << "2001:db8::2" << false;
        QTest::newRow("v4-mapped") << "[::ffff:198.51.100.7]:25" << "198.51.100.7" << true;
    }

    void filterMatchesRemoteWithOrWithoutPort()
    {
        QFETCH(QString, eventRemote);
        QFETCH(QString, filter);
        QFETCH(bool, matches);
        LogEvent event = sampleEvent();
        event.remote = eventRemote;
        LogFilter f;
        f.remote = filter;
        QCOMPARE(f.matches(event), matches);
    }
};

QTEST_GUILESS_MAIN(TestLogEvent)
#include "TestLogEvent.moc"
