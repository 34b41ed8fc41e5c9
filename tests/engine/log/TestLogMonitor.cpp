// What the console's dashboard and past-day viewer read from the log: the sessions open
// now (fed by LogSession whether or not logging is on) and the events of one past day.

#include "log/LogFiles.h"
#include "log/LogSession.h"
#include "log/ProtocolLog.h"
#include "log/RotatingLogWriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "LogTestUtil.h"

using namespace tegami;
using namespace tegami::test;

class TestLogMonitor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void activeSessionsFollowLogSessions()
    {
        ManualClock clock(testEpoch());
        ProtocolLog log(QString(), {}, clock);
        QVERIFY(log.start().ok());
        {
            LogSession quiet(Protocol::Pop3, QStringLiteral("127.0.0.1:110"), QStringLiteral("192.0.2.7:4000"), &log,
                /*enabled=*/false);
            quiet.connected();
            clock.advanceMs(1000);
            LogSession imap(
                Protocol::Imap, QStringLiteral("127.0.0.1:993"), QStringLiteral("192.0.2.8:4001"), &log, true);
            imap.connected();
            imap.setContext(QStringLiteral("tls"));
            imap.setUser(QStringLiteral("alice@example.com"));
            const QJsonArray open = log.activeSessions().toJson();
            QCOMPARE(open.size(), 2);
            // Oldest first; a session whose protocol is not logged is still listed.
            QCOMPARE(open[0].toObject().value(QStringLiteral("sid")).toString(), quiet.sid());
            QCOMPARE(open[0].toObject().value(QStringLiteral("protocol")).toString(), QStringLiteral("pop3"));
            QCOMPARE(open[0].toObject().value(QStringLiteral("tls")).toBool(), false);
            const QJsonObject second = open[1].toObject();
            QCOMPARE(second.value(QStringLiteral("user")).toString(), QStringLiteral("alice@example.com"));
            QCOMPARE(second.value(QStringLiteral("tls")).toBool(), true);
            QCOMPARE(second.value(QStringLiteral("remote")).toString(), QStringLiteral("192.0.2.8:4001"));
            imap.disconnected(QStringLiteral("bye"));
            QCOMPARE(log.activeSessions().count(), 1);
        } // `quiet` ends without disconnected(): its destructor takes it off the list
        QCOMPARE(log.activeSessions().count(), 0);
        log.stop();
    }

    void pastDayPagesThroughOneLocalDay()
    {
        QTemporaryDir tmp;
        // Events around local midnight of one day, in two files.
        const QDate day(2030, 6, 1);
        const QDateTime localMidnight(day, QTime(0, 0));
        ManualClock clock(localMidnight.toUTC().addSecs(-120));
        LogRetention retention;
        retention.maxFileBytes = 1500;
        RotatingLogWriter writer(tmp.path(), retention, clock);
        QVERIFY(writer.start().ok());
        for (int i = 1; i <= 40; ++i) {
            LogEvent e = makeEvent(clock.now(), i, i % 2 ? QStringLiteral("aaaa0001") : QStringLiteral("bbbb0002"));
            QVERIFY(writer.enqueue(e));
            clock.advanceMs(10 * 1000); // the first 12 events are the day before
        }
        writer.stop();

        const QList<LogDay> days = listLogDays(tmp.path());
        QVERIFY(days.size() >= 2);
        QCOMPARE(days.first().date, day.addDays(-1));
        QCOMPARE(days.last().date, day);

        LogFilter all;
        Result<LogPage> first = readDayEvents(tmp.path(), day, all, 0, 10);
        QVERIFY(first.ok());
        QCOMPARE(first->events.size(), 10);
        QVERIFY(first->more);
        QCOMPARE(first->events.first().seq, 13);
        Result<LogPage> rest = readDayEvents(tmp.path(), day, all, 10, 100);
        QVERIFY(rest.ok());
        QCOMPARE(rest->events.size(), 18);
        QVERIFY(!rest->more);
        QCOMPARE(rest->events.last().seq, 40);

        LogFilter one;
        one.sid = QStringLiteral("bbbb0002");
        Result<LogPage> filtered = readDayEvents(tmp.path(), day, one, 0, 100);
        QVERIFY(filtered.ok());
        QCOMPARE(filtered->events.size(), 14);
        for (const LogEvent& e : filtered->events)
            QCOMPARE(e.sid, QStringLiteral("bbbb0002"));
        Result<LogPage> before = readDayEvents(tmp.path(), day.addDays(-1), all, 0, 100);
        QVERIFY(before.ok());
        QCOMPARE(before->events.size(), 12);
        Result<LogPage> none = readDayEvents(tmp.path(), day.addDays(1), all, 0, 100);
        QVERIFY(none.ok());
        QVERIFY(none->events.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLogMonitor)
#include "TestLogMonitor.moc"
