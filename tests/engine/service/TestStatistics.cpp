// The per-minute figures behind the dashboard chart.

#include "service/Statistics.h"

#include <QJsonArray>
#include <QTest>

using namespace tegami;

class TestStatistics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void countsPerMinuteWithZerosForQuietMinutes()
    {
        ManualClock clock(QDateTime(QDate(2030, 6, 1), QTime(8, 0, 30), Qt::UTC));
        Statistics stats(clock, 60);
        stats.countConnection(Protocol::Imap);
        stats.countConnection(Protocol::Imap);
        stats.countReceived();
        clock.advanceMs(2 * 60 * 1000); // 08:02:30
        stats.countConnection(Protocol::Smtp);
        stats.countDelivered();
        stats.countDelivered();

        const QJsonObject h = stats.history(4);
        QCOMPARE(h.value(QStringLiteral("start")).toString(), QStringLiteral("2030-06-01T07:59:00Z"));
        QCOMPARE(h.value(QStringLiteral("intervalSecs")).toInt(), 60);
        const QJsonObject c = h.value(QStringLiteral("connections")).toObject();
        QCOMPARE(c.value(QStringLiteral("imap")).toArray(), (QJsonArray { 0, 2, 0, 0 }));
        QCOMPARE(c.value(QStringLiteral("smtp")).toArray(), (QJsonArray { 0, 0, 0, 1 }));
        QCOMPARE(c.value(QStringLiteral("pop3")).toArray(), (QJsonArray { 0, 0, 0, 0 }));
        QCOMPARE(h.value(QStringLiteral("messagesReceived")).toArray(), (QJsonArray { 0, 1, 0, 0 }));
        QCOMPARE(h.value(QStringLiteral("messagesDelivered")).toArray(), (QJsonArray { 0, 0, 0, 2 }));
    }

    void keepsOnlyTheWindow()
    {
        ManualClock clock(QDateTime(QDate(2030, 6, 1), QTime(8, 0), Qt::UTC));
        Statistics stats(clock, 10);
        stats.countReceived();
        clock.advanceMs(30 * 60 * 1000);
        stats.countReceived();
        const QJsonArray received = stats.history(1000).value(QStringLiteral("messagesReceived")).toArray();
        QCOMPARE(received.size(), 10); // clamped to what is kept
        int total = 0;
        for (const QJsonValue& v : received)
            total += v.toInt();
        QCOMPARE(total, 1);
    }
};

QTEST_GUILESS_MAIN(TestStatistics)
#include "TestStatistics.moc"
