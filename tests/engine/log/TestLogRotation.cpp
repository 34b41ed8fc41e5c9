#include "LogTestUtil.h"

#include "log/LogFiles.h"
#include "log/RotatingLogWriter.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace tegami;
using namespace tegami::test;

namespace {

LogRetention smallFiles(qint64 maxFileBytes, qint64 maxDirBytes = 10 * 1024 * 1024)
{
    LogRetention retention;
    retention.maxFileBytes = maxFileBytes;
    retention.maxDirBytes = maxDirBytes;
    return retention;
}

void writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}

QList<qint64> seqs(const QList<LogEvent>& events)
{
    QList<qint64> out;
    for (const LogEvent& event : events)
        out.append(event.seq);
    return out;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> out;
    for (qint64 i = first; i <= last; ++i)
        out.append(i);
    return out;
}

} // namespace

class TestLogRotation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rollsOverBySize()
    {
        QTemporaryDir tmp;
        ManualClock clock(testEpoch());
        RotatingLogWriter writer(tmp.path(), smallFiles(2048), clock);
        QVERIFY(writer.start().ok());
        for (int i = 1; i <= 100; ++i) {
            QVERIFY(writer.enqueue(makeEvent(clock.now(), i)));
            clock.advanceMs(10);
        }
        QVERIFY(writer.flush());

        const QList<LogFileEntry> files = listLogFiles(tmp.path());
        QVERIFY2(files.size() >= 6, qPrintable(QString::number(files.size())));
        for (const LogFileEntry& file : files)
            QVERIFY2(file.size <= 2048, qPrintable(file.path));
        QCOMPARE(seqs(readAllEvents(tmp.path())), range(1, 100));
        QCOMPARE(writer.stats().written, 100);
        QCOMPARE(writer.stats().rollovers, files.size() - 1);
        QCOMPARE(writer.stats().dropped, 0);
        QCOMPARE(writer.currentFile(), files.last().path);
    }

    void rollsOverByAge()
    {
        QTemporaryDir tmp;
        ManualClock clock(testEpoch());
        LogRetention retention;
        retention.rolloverSecs = 3600;
        RotatingLogWriter writer(tmp.path(), retention, clock);
        QVERIFY(writer.start().ok());
        const QDateTime t0 = clock.now();
        writer.enqueue(makeEvent(clock.now(), 1));
        clock.advanceSecs(30 * 60);
        writer.enqueue(makeEvent(clock.now(), 2));
        clock.advanceSecs(31 * 60); // 61 minutes after the file's first event
        writer.enqueue(makeEvent(clock.now(), 3));
        QVERIFY(writer.flush());

        const QList<LogFileEntry> files = listLogFiles(tmp.path());
        QCOMPARE(files.size(), 2);
        QCOMPARE(QFileInfo(files[0].path).fileName(), logFileName(t0, 0));
        QCOMPARE(QFileInfo(files[0].path).fileName(), QStringLiteral("protocol-20300601-080000.jsonl"));
        QCOMPARE(QFileInfo(files[1].path).fileName(), QStringLiteral("protocol-20300601-090100.jsonl"));
        QCOMPARE(seqs(readAllEvents(tmp.path())), range(1, 3));
        QCOMPARE(writer.stats().rollovers, 1);
    }

    void idleFileIsClosedByMaintenance()
    {
        QTemporaryDir tmp;
        ManualClock clock(testEpoch());
        LogRetention retention;
        retention.rolloverSecs = 3600;
        RotatingLogWriter writer(tmp.path(), retention, clock);
        QVERIFY(writer.start().ok());
        writer.enqueue(makeEvent(clock.now(), 1));
        QVERIFY(writer.flush());
        QVERIFY(!writer.currentFile().isEmpty());

        clock.advanceSecs(1800);
        writer.runMaintenance();
        QTest::qWait(50);
        QVERIFY2(!writer.currentFile().isEmpty(), "not old enough yet");

        clock.advanceSecs(1801);
        writer.runMaintenance();
        QTRY_VERIFY(writer.currentFile().isEmpty());
        QCOMPARE(writer.stats().rollovers, 1);
        writer.enqueue(makeEvent(clock.now(), 2));
        QVERIFY(writer.flush());
        QCOMPARE(listLogFiles(tmp.path()).size(), 2);
    }

    void nameClashesGetASuffix()
    {
        QTemporaryDir tmp;
        ManualClock clock(testEpoch());
        RotatingLogWriter writer(tmp.path(), smallFiles(1024), clock);
        QVERIFY(writer.start().ok());
        for (int i = 1; i <= 30; ++i)
            writer.enqueue(makeEvent(clock.now(), i)); // all in the same second
        QVERIFY(writer.flush());

        const QList<LogFileEntry> files = listLogFiles(tmp.path());
        QVERIFY(files.size() >= 4);
        QCOMPARE(QFileInfo(files[0].path).fileName(), QStringLiteral("protocol-20300601-080000.jsonl"));
        QCOMPARE(QFileInfo(files[1].path).fileName(), QStringLiteral("protocol-20300601-080000-1.jsonl"));
        QCOMPARE(QFileInfo(files[2].path).fileName(), QStringLiteral("protocol-20300601-080000-2.jsonl"));
        // Sorted by suffix numerically, -10 after -9, so events come back in writing order.
        QCOMPARE(seqs(readAllEvents(tmp.path())), range(1, 30));
    }

    void fileNamesParseBack()
    {
        QDateTime start;
        int counter = -1;
        QVERIFY(parseLogFileName(QStringLiteral("protocol-20300601-080000-12.jsonl"), &start, &counter));
        QCOMPARE(start, testEpoch());
        QCOMPARE(counter, 12);
        QVERIFY(!parseLogFileName(QStringLiteral("protocol-20301301-080000.jsonl"), &start, &counter));
        QVERIFY(!parseLogFileName(QStringLiteral("protocol-20300601-080000.jsonl.bak"), &start, &counter));
        QVERIFY(!parseLogFileName(QStringLiteral("notes.txt"), &start, &counter));
    }

    void directoryCapDeletesOldest()
    {
        QTemporaryDir tmp;
        ManualClock clock(testEpoch());
        RotatingLogWriter writer(tmp.path(), smallFiles(1024, 4096), clock);
        QVERIFY(writer.start().ok());
        for (int i = 1; i <= 200; ++i) {
            writer.enqueue(makeEvent(clock.now(), i));
            clock.advanceSecs(1);
        }
        QVERIFY(writer.flush());

        // The cap holds after each rollover; the new file then grows up to one file's size.
        QVERIFY2(directorySize(tmp.path()) <= 4096 + 1024, qPrintable(QString::number(directorySize(tmp.path()))));
        QVERIFY(writer.stats().filesDeleted > 0);
        const QList<qint64> kept = seqs(readAllEvents(tmp.path()));
        QVERIFY(!kept.isEmpty());
        QCOMPARE(kept.last(), 200);
        QVERIFY(kept.first() > 1);
        QCOMPARE(kept, range(kept.first(), 200)); // the oldest went, nothing in between
    }

    void retentionDeletesFilesOlderThanMaxAge()
    {
        QTemporaryDir tmp;
        ManualClock clock(testEpoch());
        const QDateTime now = clock.now();
        const QString a = tmp.filePath(logFileName(now.addDays(-40), 0));
        const QString b = tmp.filePath(logFileName(now.addDays(-35), 0));
        const QString c = tmp.filePath(logFileName(now.addDays(-10), 0));
        writeFile(a, makeEvent(now.addDays(-40), 1).toJsonLine());
        writeFile(b, makeEvent(now.addDays(-35), 2).toJsonLine());
        writeFile(c, makeEvent(now.addDays(-10), 3).toJsonLine());
        writeFile(tmp.filePath(QStringLiteral("notes.txt")), "not ours");

        LogRetention retention;
        retention.maxAgeDays = 30;
        RotatingLogWriter writer(tmp.path(), retention, clock);
        QVERIFY(writer.start().ok());
        writer.enqueue(makeEvent(now, 4));
        QVERIFY(writer.flush());
        // A file is as old as its last event: b ran until c started, 10 days ago.
        QVERIFY(!QFile::exists(a));
        QVERIFY(QFile::exists(b));
        QVERIFY(QFile::exists(c));

        clock.advanceSecs(21 * 24 * 3600);
        writer.runMaintenance();
        writer.enqueue(makeEvent(clock.now(), 5));
        QVERIFY(writer.flush());
        QVERIFY(!QFile::exists(b));
        QVERIFY(QFile::exists(c)); // its last event was when today's first file started, 21 days ago
        QVERIFY(QFile::exists(tmp.filePath(QStringLiteral("notes.txt"))));
        QCOMPARE(writer.stats().filesDeleted, 2);
        QCOMPARE(seqs(readAllEvents(tmp.path())), QList<qint64>({3, 4, 5}));
    }

    void shrinkingRetentionAppliesAtOnce()
    {
        QTemporaryDir tmp;
        ManualClock clock(testEpoch());
        RotatingLogWriter writer(tmp.path(), smallFiles(1024), clock);
        QVERIFY(writer.start().ok());
        for (int i = 1; i <= 60; ++i)
            writer.enqueue(makeEvent(clock.now(), i));
        QVERIFY(writer.flush());
        QVERIFY(directorySize(tmp.path()) > 4096);

        QVERIFY(writer.setRetention(smallFiles(1024, 2048)).ok());
        QCOMPARE(writer.retention().maxDirBytes, 2048);
        QTRY_VERIFY(directorySize(tmp.path()) <= 2048);
        QVERIFY(QFile::exists(writer.currentFile()));
    }

    void invalidRetentionIsRefused_data()
    {
        QTest::addColumn<LogRetention>("retention");
        QTest::addColumn<QString>("field");
        LogRetention r;
        r.maxFileBytes = 10;
        QTest::newRow("tiny files") << r << QStringLiteral("maxFileBytes");
        r = LogRetention();
        r.maxDirBytes = r.maxFileBytes - 1;
        QTest::newRow("dir below file") << r << QStringLiteral("maxDirBytes");
        r = LogRetention();
        r.maxAgeDays = -1;
        QTest::newRow("negative age") << r << QStringLiteral("maxAgeDays");
        r = LogRetention();
        r.rolloverSecs = 5;
        QTest::newRow("rollover every 5 s") << r << QStringLiteral("rolloverSecs");
    }

    void invalidRetentionIsRefused()
    {
        QFETCH(LogRetention, retention);
        QFETCH(QString, field);
        QTemporaryDir tmp;
        RotatingLogWriter writer(tmp.path(), retention, Clock::system());
        Result<void> started = writer.start();
        QVERIFY(!started.ok());
        QCOMPARE(started.error().field, field);
        QVERIFY(!writer.isRunning());

        RotatingLogWriter good(tmp.path(), LogRetention(), Clock::system());
        Result<void> set = good.setRetention(retention);
        QVERIFY(!set.ok());
        QCOMPARE(set.error().field, field);
        QVERIFY(set.error().message.contains(QStringLiteral("default")));
        QCOMPARE(good.retention(), LogRetention());
    }

    void stopWritesEverythingQueued()
    {
        QTemporaryDir tmp;
        ManualClock clock(testEpoch());
        {
            RotatingLogWriter writer(tmp.path(), LogRetention(), clock);
            QVERIFY(writer.start().ok());
            for (int i = 1; i <= 2000; ++i)
                QVERIFY(writer.enqueue(makeEvent(clock.now(), i)));
            writer.stop();
            QVERIFY(!writer.isRunning());
            QVERIFY(writer.currentFile().isEmpty());
            QVERIFY2(!writer.enqueue(makeEvent(clock.now(), 2001)), "a stopped writer takes nothing");
        }
        QCOMPARE(seqs(readAllEvents(tmp.path())), range(1, 2000));
    }

    void fullQueueDropsAndNotesIt()
    {
        QTemporaryDir tmp;
        ManualClock clock(testEpoch());
        RotatingLogWriter writer(tmp.path(), LogRetention(), clock, 10);
        for (int i = 1; i <= 15; ++i)
            QCOMPARE(writer.enqueue(makeEvent(clock.now(), i)), i <= 10);
        QCOMPARE(writer.stats().dropped, 5);
        QVERIFY(writer.start().ok());
        QVERIFY(writer.flush());

        const QList<LogEvent> events = readAllEvents(tmp.path());
        QCOMPARE(events.size(), 11);
        QCOMPARE(events.first().proto, QStringLiteral("service"));
        QCOMPARE(events.first().dir, LogDirection::Note);
        QVERIFY2(events.first().data.contains(QStringLiteral("5 events were not written")),
                 qPrintable(events.first().data));
        QCOMPARE(seqs(events.mid(1)), range(1, 10));
    }

    void unwritableDirectoryIsCountedAndRecovers()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("logs"));
        ManualClock clock(testEpoch());
        LogRetention retention;
        retention.rolloverSecs = 3600;
        RotatingLogWriter writer(dir, retention, clock);
        QVERIFY(writer.start().ok());
        writer.enqueue(makeEvent(clock.now(), 1));
        QVERIFY(writer.flush());

        // A plain file where the directory was: no log file can be created (even as root).
        QVERIFY(QDir(dir).removeRecursively());
        writeFile(dir, "in the way");
        clock.advanceSecs(7200); // forces a rollover, hence a new file
        writer.enqueue(makeEvent(clock.now(), 2));
        QVERIFY(writer.flush());
        QCOMPARE(writer.stats().dropped, 1);
        QVERIFY2(writer.stats().lastError.contains(QStringLiteral("cannot create a protocol log file")),
                 qPrintable(writer.stats().lastError));

        QVERIFY(QFile::remove(dir));
        clock.advanceSecs(1);
        writer.enqueue(makeEvent(clock.now(), 3));
        QVERIFY(writer.flush());
        const QList<LogEvent> events = readAllEvents(dir);
        QCOMPARE(events.size(), 2);
        QVERIFY(events[0].data.contains(QStringLiteral("1 events were not written")));
        QCOMPARE(events[1].seq, 3);
        QVERIFY(writer.stats().lastError.isEmpty());
    }

    void recentReadsTailsAcrossFiles()
    {
        QTemporaryDir tmp;
        ManualClock clock(testEpoch());
        {
            RotatingLogWriter writer(tmp.path(), smallFiles(200 * 1024), clock);
            QVERIFY(writer.start().ok());
            const QString padding(100, QLatin1Char('p'));
            for (int i = 1; i <= 3000; ++i) {
                writer.enqueue(makeEvent(clock.now(), i, i % 2 ? QStringLiteral("0dd") : QStringLiteral("e7e7"),
                                         padding));
                clock.advanceMs(100);
            }
        } // the destructor writes everything
        QVERIFY(listLogFiles(tmp.path()).size() >= 3);

        Result<QList<LogEvent>> last = readRecentEvents(tmp.path(), 1000, {});
        QVERIFY(last.ok());
        QCOMPARE(seqs(*last), range(2001, 3000));

        LogFilter even;
        even.sid = QStringLiteral("e7e7");
        Result<QList<LogEvent>> filtered = readRecentEvents(tmp.path(), 100, even);
        QVERIFY(filtered.ok());
        QCOMPARE(filtered->size(), 100);
        QCOMPARE(filtered->first().seq, 2802);
        QCOMPARE(filtered->last().seq, 3000);

        Result<QList<LogEvent>> all = readRecentEvents(tmp.path(), 10000, {});
        QVERIFY(all.ok());
        QCOMPARE(seqs(*all), range(1, 3000));
    }

    void recentSkipsPartialCorruptAndOversizedLines()
    {
        QTemporaryDir tmp;
        const QDateTime t = testEpoch();
        QByteArray content;
        content += makeEvent(t, 1).toJsonLine();
        content += "garbage that is not json\n";
        content += makeEvent(t, 2).toJsonLine();
        content += QByteArray(2 * 1024 * 1024, 'x') + '\n';
        content += "\n";
        content += makeEvent(t, 3).toJsonLine();
        content += makeEvent(t, 4).toJsonLine().left(40); // still being written
        writeFile(tmp.filePath(logFileName(t, 0)), content);

        Result<QList<LogEvent>> events = readRecentEvents(tmp.path(), 10, {});
        QVERIFY(events.ok());
        QCOMPARE(seqs(*events), QList<qint64>({1, 2, 3}));
        Result<QList<LogEvent>> two = readRecentEvents(tmp.path(), 2, {});
        QCOMPARE(seqs(*two), QList<qint64>({2, 3}));
        Result<QList<LogEvent>> none = readRecentEvents(tmp.filePath(QStringLiteral("missing")), 10, {});
        QVERIFY(none.ok());
        QVERIFY(none->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLogRotation)
#include "TestLogRotation.moc"
