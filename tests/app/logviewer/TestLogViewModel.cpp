#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QSignalSpy>
#include <QTest>

#include "LogViewerTestUtil.h"
#include "logviewer/FakeLogEventSource.h"
#include "logviewer/LogExport.h"
#include "logviewer/LogViewModel.h"

using namespace tegami;
using namespace tegami::test;

class TestLogViewModel : public QObject {
    Q_OBJECT

private:
    static QStringList column(const LogViewModel& model, int column)
    {
        QStringList values;
        for (int row = 0; row < model.rowCount(); ++row)
            values.append(model.index(row, column).data().toString());
        return values;
    }

    // Every stored event the filter matches, in order: what the rows must be.
    static QList<quint64> expectedSerials(const LogViewModel& model)
    {
        const LogViewMatcher matcher(model.filter());
        QList<quint64> serials;
        for (quint64 s = model.store().firstSerial(); s < model.store().endSerial(); ++s) {
            if (matcher.matches(model.store(), model.store().record(s)))
                serials.append(s);
        }
        return serials;
    }
    static QList<quint64> shownSerials(const LogViewModel& model)
    {
        QList<quint64> serials;
        for (int row = 0; row < model.rowCount(); ++row)
            serials.append(model.serialAt(row));
        return serials;
    }

private Q_SLOTS:
    void storeWrapsAroundAndEvictsOldest()
    {
        LogEventStore store(5);
        const QList<LogEvent> events = numberedEvents(12);
        for (int i = 0; i < 12; ++i) {
            if (store.size() == store.capacity())
                store.evictOldest(1);
            store.stage(events[i]);
            store.commit(1);
        }
        QCOMPARE(store.size(), 5);
        QCOMPARE(store.firstSerial(), quint64(7));
        QCOMPARE(store.endSerial(), quint64(12));
        QCOMPARE(store.evictedCount(), 7);
        for (quint64 s = 7; s < 12; ++s)
            QCOMPARE(store.event(s), events[int(s)]); // every field survives the compact form
    }

    void modelStaysConsistentThroughWrapAround()
    {
        LogViewModel model(50);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendEvents(numberedEvents(30));
        model.flush();
        QCOMPARE(model.rowCount(), 30);
        model.appendEvents(numberedEvents(40, 30));
        model.flush();
        QCOMPARE(model.rowCount(), 50);
        QCOMPARE(model.index(0, LogViewModel::DataColumn).data().toString(), QStringLiteral("event 20"));
        QCOMPARE(model.index(49, LogViewModel::DataColumn).data().toString(), QStringLiteral("event 69"));

        // The same with a filter: evictions remove the filtered rows at the top.
        QVERIFY(model.setFilter({ .text = QStringLiteral("7") }).isEmpty());
        model.finishFiltering();
        QCOMPARE(column(model, LogViewModel::DataColumn),
            QStringList({ "event 27", "event 37", "event 47", "event 57", "event 67" }));
        model.appendEvents(numberedEvents(25, 70));
        model.flush();
        QCOMPARE(column(model, LogViewModel::DataColumn),
            QStringList({ "event 47", "event 57", "event 67", "event 70", "event 71", "event 72", "event 73",
                "event 74", "event 75", "event 76", "event 77", "event 78", "event 79", "event 87" }));
        QCOMPARE(shownSerials(model), expectedSerials(model));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void insertsAreCoalescedAndSliced()
    {
        LogViewModel model(100'000);
        model.setFlushInterval(30);
        QSignalSpy inserted(&model, &LogViewModel::rowsInserted);
        for (int i = 0; i < 10; ++i)
            model.appendEvents(numberedEvents(100, i * 100));
        QCOMPARE(model.rowCount(), 0); // nothing until the timer
        QTRY_COMPARE(model.rowCount(), 1000);
        QCOMPARE(inserted.count(), 1);

        inserted.clear();
        model.setMaxRowsPerFlush(1000);
        model.appendEvents(numberedEvents(5000, 1000));
        QTRY_COMPARE(model.rowCount(), 6000);
        QCOMPARE(inserted.count(), 5);
    }

    void burstStaysBounded()
    {
        LogViewModel model(10'000);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendEvents(numberedEvents(200'000));
        QVERIFY(model.pendingCount() <= 10'000);
        // Ring, arena and pools for 10,000 small events: far below what 200,000 would take.
        QVERIFY2(
            model.store().memoryBytes() < 4 * 1024 * 1024, qPrintable(QString::number(model.store().memoryBytes())));
        model.flush();
        QCOMPARE(model.rowCount(), 10'000);
        QCOMPARE(model.index(0, LogViewModel::DataColumn).data().toString(), QStringLiteral("event 190000"));
        QCOMPARE(model.store().overflowCount(), 190'000);
        model.appendEvents(numberedEvents(200'000, 200'000));
        model.flush();
        QCOMPARE(model.rowCount(), 10'000);
        QCOMPARE(model.index(9'999, LogViewModel::DataColumn).data().toString(), QStringLiteral("event 399999"));
        QVERIFY(model.store().memoryBytes() < 4 * 1024 * 1024);
    }

    void memoryPerEventIsSmall()
    {
        LogViewModel model(100'000);
        LogEventGenerator generator(7, kBaseTime);
        model.appendEvents(generator.next(100'000));
        model.flush();
        const double perEvent = double(model.store().memoryBytes()) / double(model.store().size());
        qInfo("store: %.1f bytes per event (48 record + data + pools)", perEvent);
        QVERIFY2(perEvent < 120, qPrintable(QString::number(perEvent)));
    }

    void seqGapsAreDetected()
    {
        LogViewModel model(100);
        model.appendEvents({ makeEvent({ .seq = 1 }), makeEvent({ .seq = 2 }), makeEvent({ .seq = 5 }),
            makeEvent({ .sid = QStringLiteral("77"), .seq = 9 }), makeEvent({ .seq = 6 }) });
        model.flush();
        QCOMPARE(model.store().gapEvents(), 2);
        QCOMPARE(model.store().gapCount(), 1);
        QCOMPARE(model.index(2, 0).data(LogViewModel::GapRole).toBool(), true);
        QCOMPARE(model.index(3, 0).data(LogViewModel::GapRole).toBool(), false); // first seen mid-session
        QCOMPARE(model.index(4, 0).data(LogViewModel::GapRole).toBool(), false);
    }

    void remoteFilterMatchesAddressesNotPrefixes()
    {
        QVERIFY(remoteMatches(QStringLiteral("198.51.100.7:52144"), QStringLiteral("198.51.100.7")));
        QVERIFY(!remoteMatches(QStringLiteral("198.51.100.70:52144"), QStringLiteral("198.51.100.7")));
        QVERIFY(remoteMatches(QStringLiteral("198.51.100.70:52144"), QStringLiteral("198.51.100.")));
        QVERIFY(remoteMatches(QStringLiteral("198.51.100.7:52144"), QStringLiteral("198.51.100.7:52144")));
        QVERIFY(!remoteMatches(QStringLiteral("198.51.100.7:52144"), QStringLiteral("198.51.100.7:1")));
        QVERIFY(remoteMatches(QStringLiteral("[2001:db8::1]:993"), QStringLiteral("2001:db8::1")));
        QVERIFY(remoteMatches(QStringLiteral("[2001:db8::1]:993"), QStringLiteral("[2001:DB8::1]")));
        QVERIFY(remoteMatches(QStringLiteral("[2001:db8::1]:993"), QStringLiteral("2001:db8:")));
        QVERIFY(!remoteMatches(QStringLiteral("[2001:db8::10]:993"), QStringLiteral("2001:db8::1")));
        QCOMPARE(endpointAddress(QStringLiteral("[2001:db8::1]:993")), QStringLiteral("2001:db8::1"));
        QCOMPARE(endpointAddress(QStringLiteral("192.0.2.1:25")), QStringLiteral("192.0.2.1"));
    }

    void filtersByEveryField_data()
    {
        QTest::addColumn<LogViewFilter>("filter");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("none") << LogViewFilter {} << QStringList({ "c1", "s1", "n1", "c2", "s2", "x", "u" });
        QTest::newRow("proto") << LogViewFilter { .proto = QStringLiteral("SMTP") } << QStringList({ "c2", "s2", "x" });
        QTest::newRow("session") << LogViewFilter { .sid = QStringLiteral("AB") } << QStringList({ "c2", "s2" });
        QTest::newRow("remote") << LogViewFilter { .remote = QStringLiteral("198.51.100.7") }
                                << QStringList({ "c1", "s1", "n1" });
        // Before login an event has no user: its data is searched, so the LOGIN command shows.
        QTest::newRow("user") << LogViewFilter { .user = QStringLiteral("ALI") } << QStringList({ "c1", "s1", "n1" });
        QTest::newRow("user before login")
            << LogViewFilter { .user = QStringLiteral("b@example") } << QStringList({ "c2" });
        QTest::newRow("directions") << LogViewFilter { .directions = logDirectionBit(LogDirection::Note) }
                                    << QStringList({ "n1" });
        QTest::newRow("text") << LogViewFilter { .text = QStringLiteral("login") } << QStringList({ "c1" });
        QTest::newRow("case") << LogViewFilter { .text = QStringLiteral("login"), .caseSensitive = true }
                              << QStringList();
        QTest::newRow("non-ascii") << LogViewFilter { .text = QStringLiteral("ÜBER") } << QStringList({ "u" });
        QTest::newRow("regex") << LogViewFilter { .text = QStringLiteral("^(a\\d+|mail) "), .regex = true }
                               << QStringList({ "c1", "s1", "c2" });
        QTest::newRow("combined") << LogViewFilter { .proto = QStringLiteral("imap"),
            .directions = logDirectionBit(LogDirection::ToClient),
            .text = QStringLiteral("ok") }
                                  << QStringList({ "s1" });
    }

    void filtersByEveryField()
    {
        QFETCH(LogViewFilter, filter);
        QFETCH(QStringList, expected);
        LogViewModel model(100);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString alice = QStringLiteral("alice@example.com");
        const QString other = QStringLiteral("198.51.100.70:4000");
        const QList<LogEvent> events {
            makeEvent({ .seq = 1, .data = QStringLiteral("a1 LOGIN alice ********"), .ctx = QStringLiteral("c1") }),
            makeEvent({ .seq = 2,
                .dir = LogDirection::ToClient,
                .data = QStringLiteral("a1 OK"),
                .user = alice,
                .ctx = QStringLiteral("s1") }),
            makeEvent({ .seq = 3,
                .dir = LogDirection::Note,
                .data = QStringLiteral("auth ok"),
                .user = alice,
                .ctx = QStringLiteral("n1") }),
            makeEvent({ .sid = QStringLiteral("ab"),
                .data = QStringLiteral("MAIL FROM:<b@example.com>"),
                .remote = other,
                .proto = QStringLiteral("smtp"),
                .ctx = QStringLiteral("c2") }),
            makeEvent({ .sid = QStringLiteral("ab"),
                .seq = 2,
                .dir = LogDirection::ToClient,
                .data = QStringLiteral("250 2.1.0 Ok"),
                .remote = other,
                .proto = QStringLiteral("smtp"),
                .ctx = QStringLiteral("s2") }),
            makeEvent({ .sid = QStringLiteral("cd"),
                .dir = LogDirection::Connect,
                .data = QStringLiteral("connect"),
                .remote = other,
                .proto = QStringLiteral("smtp"),
                .ctx = QStringLiteral("x") }),
            makeEvent({ .sid = QStringLiteral("ef"),
                .dir = LogDirection::ToClient,
                .data = QStringLiteral("* 1 FETCH (über)"),
                .remote = other,
                .ctx = QStringLiteral("u") }),
        };
        model.appendEvents(events);
        model.flush();
        QVERIFY(model.setFilter(filter).isEmpty());
        model.finishFiltering();
        QCOMPARE(column(model, LogViewModel::ContextColumn), expected);
    }

    void invalidRegexKeepsTheFilter()
    {
        LogViewModel model(100);
        model.appendEvents(numberedEvents(20));
        model.flush();
        QVERIFY(model.setFilter({ .text = QStringLiteral("event 1") }).isEmpty());
        model.finishFiltering();
        QCOMPARE(model.rowCount(), 11);
        const QString error = model.setFilter({ .text = QStringLiteral("event (1"), .regex = true });
        QVERIFY2(error.contains(QStringLiteral("Invalid regular expression")), qPrintable(error));
        QCOMPARE(model.filter().text, QStringLiteral("event 1"));
        QCOMPARE(model.rowCount(), 11);
    }

    void filterChangeIsIncrementalAndLiveRowsKeepTheirPlace()
    {
        LogViewModel model(300'000);
        LogEventGenerator generator(3, kBaseTime);
        model.appendEvents(generator.next(300'000));
        model.flush();
        model.setFilterSliceMsec(2);
        QSignalSpy progress(&model, &LogViewModel::filterProgress);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(model.setFilter({ .text = QStringLiteral("LOGIN|AUTH"), .regex = true }).isEmpty());
        QVERIFY2(clock.elapsed() < 200, "a filter change returns after one slice");
        QVERIFY(model.isFiltering());
        QVERIFY(model.rowCount() > 0); // the newest matches show at once
        const int firstSlice = model.rowCount();

        // Live events keep arriving (and evicting) while the rebuild runs.
        model.appendEvents(generator.next(20'000));
        model.flush();
        QTRY_VERIFY_WITH_TIMEOUT(!model.isFiltering(), 20'000);
        QVERIFY(progress.count() > 2);
        QVERIFY(model.rowCount() > firstSlice);
        QCOMPARE(shownSerials(model), expectedSerials(model));
    }

    void evictionDuringRebuildStaysConsistent()
    {
        LogViewModel model(2'000);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilterSliceMsec(1);
        model.appendEvents(numberedEvents(2'000));
        model.flush();
        QVERIFY(model.setFilter({ .text = QStringLiteral("5") }).isEmpty());
        for (int i = 0; i < 20 && model.isFiltering(); ++i) {
            model.appendEvents(numberedEvents(150, 2'000 + i * 150));
            model.flush();
            QCoreApplication::processEvents();
        }
        model.finishFiltering();
        QCOMPARE(shownSerials(model), expectedSerials(model));
    }

    void sessionSerialsIgnoreTheFilter()
    {
        LogViewModel model(100);
        model.appendEvents({ makeEvent({ .seq = 1 }), makeEvent({ .sid = QStringLiteral("b"), .seq = 1 }),
            makeEvent({ .seq = 2, .dir = LogDirection::ToClient }) });
        model.flush();
        QVERIFY(model.setFilter({ .directions = logDirectionBit(LogDirection::Note) }).isEmpty());
        model.finishFiltering();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.sessionSerials(QStringLiteral("3f2a")), QList<quint64>({ 0, 2 }));
        QCOMPARE(model.sessionSerials(QStringLiteral("zz")), QList<quint64>());
    }

    void exportsCsvAndJsonLinesExactly()
    {
        LogViewModel model(100);
        model.appendEvents({
            makeEvent(
                { .seq = 7, .data = QStringLiteral("a1 LOGIN \"alice\" ********"), .user = QStringLiteral("alice") }),
            makeEvent({ .seq = 8,
                .dir = LogDirection::ToClient,
                .data = QStringLiteral("a1 OK done, welcome"),
                .ctx = QString(),
                .msec = 5 }),
            makeEvent({ .sid = QStringLiteral("99"), .dir = LogDirection::Note, .data = QStringLiteral("skip me") }),
        });
        model.flush();
        QVERIFY(model.setFilter({ .sid = QStringLiteral("3f2a") }).isEmpty());
        model.finishFiltering();

        QBuffer csv;
        csv.open(QIODevice::WriteOnly);
        QVERIFY(writeLogExport(csv, model, LogExportFormat::Csv, nullptr));
        QCOMPARE(csv.data(),
            QByteArray("date-time,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n"
                       "2026-11-22T12:00:00.000Z,3f2a,7,192.0.2.10:993,198.51.100.7:52144,<,"
                       "\"a1 LOGIN \"\"alice\"\" ********\",tls\r\n"
                       "2026-11-22T12:00:00.005Z,3f2a,8,192.0.2.10:993,198.51.100.7:52144,>,"
                       "\"a1 OK done, welcome\",\r\n"));

        QBuffer jsonl;
        jsonl.open(QIODevice::WriteOnly);
        QVERIFY(writeLogExport(jsonl, model, LogExportFormat::JsonLines, nullptr));
        QCOMPARE(jsonl.data(),
            QByteArray("{\"t\":\"2026-11-22T12:00:00.000Z\",\"proto\":\"imap\",\"sid\":\"3f2a\",\"seq\":7,"
                       "\"local\":\"192.0.2.10:993\",\"remote\":\"198.51.100.7:52144\",\"dir\":\"<\","
                       "\"data\":\"a1 LOGIN \\\"alice\\\" ********\",\"user\":\"alice\",\"ctx\":\"tls\"}\n"
                       "{\"t\":\"2026-11-22T12:00:00.005Z\",\"proto\":\"imap\",\"sid\":\"3f2a\",\"seq\":8,"
                       "\"local\":\"192.0.2.10:993\",\"remote\":\"198.51.100.7:52144\",\"dir\":\">\","
                       "\"data\":\"a1 OK done, welcome\"}\n"));
        QCOMPARE(csvField(QStringLiteral("two\r\nlines")), QStringLiteral("\"two\r\nlines\""));
        QCOMPARE(csvField(QStringLiteral("plain")), QStringLiteral("plain"));
    }
};

QTEST_GUILESS_MAIN(TestLogViewModel)
#include "TestLogViewModel.moc"
