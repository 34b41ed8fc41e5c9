#include "AuthScripts.h"
#include "LogTestUtil.h"

#include "log/LogSession.h"
#include "log/ProtocolLog.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

using namespace tegami;
using namespace tegami::test;

class TestLogHub : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sessionNumbersStampsAndStripsLineEnds()
    {
        ManualClock clock(testEpoch());
        ProtocolLog log(QString(), LogRetention(), clock);
        auto live = log.subscribe();
        LogSession session(Protocol::Imap, QStringLiteral("192.0.2.10:993"), QStringLiteral("198.51.100.7:52144"),
                           &log, true);
        QCOMPARE(session.sid().size(), 8);
        QVERIFY(session.sid() != LogSession(Protocol::Imap, {}, {}, &log, true).sid());
        QCOMPARE(LogSession(Protocol::Imap, {}, {}, &log, true, nullptr, QStringLiteral("abcd")).sid(),
                 QStringLiteral("abcd"));

        session.connected();
        session.setContext(QStringLiteral("tls"));
        clock.advanceMs(5);
        session.toClient("* OK Tegami ready\r\n");
        session.fromClient("a1 LOGIN alice@example.com hunter2\r\n");
        session.setUser(QStringLiteral("alice@example.com"));
        session.note(QStringLiteral("auth ok: alice@example.com (LOGIN)"));
        session.fromClient("a2 NOOP\xff\r\x01\r\n");
        session.disconnected(QStringLiteral("client closed the connection"));

        const QList<LogEvent> events = live->takeAll().events;
        QCOMPARE(events.size(), 6);
        for (int i = 0; i < events.size(); ++i) {
            QCOMPARE(events[i].seq, i + 1);
            QCOMPARE(events[i].sid, session.sid());
            QCOMPARE(events[i].proto, QStringLiteral("imap"));
            QCOMPARE(events[i].remote, QStringLiteral("198.51.100.7:52144"));
        }
        QCOMPARE(events[0].dir, LogDirection::Connect);
        QCOMPARE(events[0].time, testEpoch());
        QVERIFY(events[0].ctx.isEmpty());
        QCOMPARE(events[1].dir, LogDirection::ToClient);
        QCOMPARE(events[1].data, QStringLiteral("* OK Tegami ready"));
        QCOMPARE(events[1].ctx, QStringLiteral("tls"));
        QCOMPARE(events[1].time, testEpoch().addMSecs(5));
        QCOMPARE(events[2].dir, LogDirection::FromClient);
        QCOMPARE(events[2].data, QStringLiteral("a1 LOGIN alice@example.com ********"));
        QVERIFY(events[2].user.isEmpty());
        QCOMPARE(events[3].dir, LogDirection::Note);
        QCOMPARE(events[3].user, QStringLiteral("alice@example.com"));
        QCOMPARE(events[4].data, QStringLiteral("a2 NOOP\\xFF\\x0D\\x01")); // only the final CRLF ends the line
        QCOMPARE(events[5].dir, LogDirection::Disconnect);
        QCOMPARE(events[5].data, QStringLiteral("client closed the connection"));
        QCOMPARE(session.lastSeq(), 6);
    }

    void disabledSessionLogsNothingButKeepsRedacting()
    {
        ProtocolLog log{QString()};
        auto live = log.subscribe();
        LogSession session(Protocol::Submission, {}, {}, &log, false);
        session.connected();
        session.fromClient("AUTH LOGIN\r\n");
        session.toClient("334 VXNlcm5hbWU6\r\n");
        QCOMPARE(live->pending(), 0);
        QCOMPARE(log.recordedCount(), 0);

        // Switched on in the middle of an exchange: the redactor has still been following.
        session.setEnabled(true);
        session.fromClient(kUser.toBase64() + "\r\n");
        const QList<LogEvent> events = live->takeAll().events;
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].data, QStringLiteral("********"));
        QCOMPARE(events[0].seq, 1);

        LogSession orphan(Protocol::Pop3, {}, {}, nullptr, true);
        QVERIFY(!orphan.isEnabled());
        orphan.connected(); // no log: nothing happens, nothing crashes
    }

    void secretsReachNeitherFileNorLiveStream()
    {
        QTemporaryDir tmp;
        ProtocolLog log(tmp.path());
        QVERIFY(log.start().ok());
        auto live = log.subscribe();
        for (const AuthScript& script : authScripts()) {
            LogSession session(script.protocol, QStringLiteral("192.0.2.10:587"),
                               QStringLiteral("198.51.100.7:40000"), &log, true);
            session.connected();
            for (const ScriptLine& step : script.lines) {
                if (step.fromClient)
                    session.fromClient(step.line);
                else
                    session.toClient(step.line);
            }
            session.disconnected(QStringLiteral("QUIT"));
            QVERIFY(log.flush());

            QByteArray liveText;
            for (const LogEvent& event : live->takeAll().events)
                liveText += event.toJsonLine();
            // Earlier scripts' sessions may show the user name legitimately: keep this session's lines.
            QByteArray fileText;
            const QByteArray sidField = "\"sid\":\"" + session.sid().toUtf8() + '"';
            for (const QByteArray& line : readAllBytes(tmp.path()).split('\n')) {
                if (line.contains(sidField))
                    fileText += line + '\n';
            }
            QCOMPARE(fileText.count('\n'), script.lines.size() + 2);
            QVERIFY(liveText.contains(session.sid().toUtf8()));
            for (const QByteArray& secret : script.secrets) {
                QVERIFY2(!fileText.contains(secret), qPrintable(script.name + QStringLiteral(": leaked to file")));
                QVERIFY2(!liveText.contains(secret), qPrintable(script.name + QStringLiteral(": leaked live")));
            }
        }
    }

    void slowSubscriberLosesEventsButNothingElseDoes()
    {
        QTemporaryDir tmp;
        ManualClock clock(testEpoch());
        ProtocolLog log(tmp.path(), LogRetention(), clock);
        QVERIFY(log.start().ok());
        auto slow = log.subscribe({}, 5); // never drained during the burst
        auto fast = log.subscribe({}, 100000);

        QElapsedTimer timer;
        timer.start();
        for (int i = 1; i <= 10000; ++i)
            log.record(makeEvent(clock.now(), i));
        // Generous bound: the point is that nothing waits for the slow viewer or the disk.
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));

        LogSubscription::Batch batch = slow->takeAll();
        QCOMPARE(batch.events.size(), 5);
        QCOMPARE(batch.events.first().seq, 1);
        QCOMPARE(batch.dropped, 9995);
        QCOMPARE(slow->totalDropped(), 9995);
        log.record(makeEvent(clock.now(), 10001));
        batch = slow->takeAll();
        QCOMPARE(batch.events.size(), 1);
        QCOMPARE(batch.dropped, 0); // reset by the previous take
        QCOMPARE(slow->totalDropped(), 9995);

        QCOMPARE(fast->takeAll().events.size(), 10001);
        QVERIFY(log.flush());
        QCOMPARE(readAllEvents(tmp.path()).size(), 10001);
        QCOMPARE(log.fileStats().dropped, 0);
        QCOMPARE(log.recordedCount(), 10001);
    }

    void eventsAvailableIsQueuedAndEmittedOnce()
    {
        ProtocolLog log{QString()};
        auto live = log.subscribe();
        int emitted = 0;
        bool drainedInsideRecord = false;
        bool recording = false;
        connect(live.get(), &LogSubscription::eventsAvailable, this, [&] {
            ++emitted;
            drainedInsideRecord = drainedInsideRecord || recording;
        });
        recording = true;
        log.record(makeEvent(testEpoch(), 1));
        log.record(makeEvent(testEpoch(), 2));
        recording = false;
        QCOMPARE(emitted, 0); // posted, not called from record()
        QTRY_COMPARE(emitted, 1);
        log.record(makeEvent(testEpoch(), 3));
        QTest::qWait(20);
        QCOMPARE(emitted, 1); // still not drained: no second signal
        QCOMPARE(live->takeAll().events.size(), 3);
        log.record(makeEvent(testEpoch(), 4));
        QTRY_COMPARE(emitted, 2);
        QVERIFY(!drainedInsideRecord);
    }

    void destroyingASubscriptionUnsubscribes()
    {
        ProtocolLog log{QString()};
        auto a = log.subscribe();
        {
            auto b = log.subscribe();
            QCOMPARE(log.subscriberCount(), 2);
            log.record(makeEvent(testEpoch(), 1)); // b has a pending notification
        }
        QCOMPARE(log.subscriberCount(), 1);
        a->unsubscribe();
        QVERIFY(!a->isSubscribed());
        QCOMPARE(log.subscriberCount(), 0);
        log.record(makeEvent(testEpoch(), 2));
        QCOMPARE(a->takeAll().events.size(), 1); // queued before unsubscribing
        QCoreApplication::processEvents();

        // The hub may also go first.
        auto survivor = std::make_unique<ProtocolLog>(QString())->subscribe();
        QVERIFY(survivor->isSubscribed());
    }

    void subscriptionsFilter()
    {
        ProtocolLog log{QString()};
        LogFilter byRemote;
        byRemote.remote = QStringLiteral("203.0.113.9");
        LogFilter byUser;
        byUser.user = QStringLiteral("BOB@example.com");
        LogFilter byProto;
        byProto.proto = QStringLiteral("pop3");
        auto remote = log.subscribe(byRemote);
        auto user = log.subscribe(byUser);
        auto proto = log.subscribe(byProto);

        LogEvent a = makeEvent(testEpoch(), 1);
        a.remote = QStringLiteral("203.0.113.9:5000");
        LogEvent b = makeEvent(testEpoch(), 2);
        b.user = QStringLiteral("bob@example.com");
        b.proto = QStringLiteral("pop3");
        LogEvent c = makeEvent(testEpoch(), 3);
        for (const LogEvent& e : {a, b, c})
            log.record(e);

        QCOMPARE(remote->takeAll().events, QList<LogEvent>({a}));
        QCOMPARE(user->takeAll().events, QList<LogEvent>({b}));
        QCOMPARE(proto->takeAll().events, QList<LogEvent>({b}));
    }

    void recentWorksAfterReopening()
    {
        QTemporaryDir tmp;
        ManualClock clock(testEpoch());
        LogRetention retention;
        retention.maxFileBytes = 4096;
        QString sid;
        {
            ProtocolLog log(tmp.path(), retention, clock);
            QVERIFY(log.start().ok());
            LogSession session(Protocol::Pop3, QStringLiteral("192.0.2.10:110"),
                               QStringLiteral("198.51.100.7:40000"), &log, true);
            sid = session.sid();
            session.connected();
            for (int i = 0; i < 100; ++i) {
                clock.advanceSecs(1);
                session.fromClient(QByteArray("NOOP ") + QByteArray::number(i) + "\r\n");
                session.toClient("+OK\r\n");
            }
            log.note(QStringLiteral("service"), QStringLiteral("shutting down"));
            // No flush: recent() must include what was just recorded.
            Result<QList<LogEvent>> now = log.recent(3);
            QVERIFY(now.ok());
            QCOMPARE(now->size(), 3);
            QCOMPARE(now->last().proto, QStringLiteral("service"));
        }
        QVERIFY(listLogFiles(tmp.path()).size() > 1);

        ProtocolLog reopened(tmp.path(), retention, clock);
        QVERIFY(reopened.start().ok());
        LogFilter filter;
        filter.sid = sid;
        Result<QList<LogEvent>> tail = reopened.recent(10, filter);
        QVERIFY(tail.ok());
        QCOMPARE(tail->size(), 10);
        QCOMPARE(tail->first().seq, 192);
        QCOMPARE(tail->last().seq, 201);
        QCOMPARE(tail->last().data, QStringLiteral("+OK"));
        QCOMPARE(tail->at(8).data, QStringLiteral("NOOP 99"));

        QCOMPARE(reopened.recent(0).error().field, QStringLiteral("lines"));
        QCOMPARE(ProtocolLog(QString()).recent(5).error().code, ErrorCode::NotFound);
    }

    void recordTruncatesOversizedData()
    {
        ProtocolLog log{QString()};
        auto live = log.subscribe();
        log.record(makeEvent(testEpoch(), 1, QStringLiteral("1"), QString(50000, QLatin1Char('z'))));
        const QList<LogEvent> events = live->takeAll().events;
        QVERIFY(events.first().data.size() < LogEvent::kMaxDataChars + 64);
        LogEvent untimed = makeEvent(QDateTime(), 2);
        log.record(untimed);
        QVERIFY(live->takeAll().events.first().time.isValid());
    }

    void concurrentSessionsWhileTheWriterFlushes()
    {
        QTemporaryDir tmp;
        LogRetention retention;
        retention.maxFileBytes = 256 * 1024; // several rollovers during the run
        ProtocolLog log(tmp.path(), retention);
        QVERIFY(log.start().ok());
        auto live = log.subscribe({}, 1000);

        constexpr int kThreads = 4;
        constexpr int kPerThread = 5000;
        std::vector<std::unique_ptr<QThread>> threads;
        QStringList sids;
        QMutex sidsMutex;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back(QThread::create([&log, &sids, &sidsMutex] {
                LogSession session(Protocol::Imap, QStringLiteral("192.0.2.10:143"),
                                   QStringLiteral("198.51.100.7:50000"), &log, true);
                {
                    QMutexLocker lock(&sidsMutex);
                    sids << session.sid();
                }
                for (int i = 0; i < kPerThread; ++i)
                    session.fromClient(QByteArray("a") + QByteArray::number(i) + " NOOP\r\n");
            }));
            threads.back()->start();
        }
        // Meanwhile the engine thread records too, and asks for flushes and tails.
        for (int i = 1; i <= 2000; ++i) {
            log.record(makeEvent(QDateTime(), i, QStringLiteral("e0e0e0e0")));
            if (i % 500 == 0) {
                QVERIFY(log.flush());
                QVERIFY(log.recent(50).ok());
                live->takeAll();
            }
        }
        for (auto& thread : threads)
            QVERIFY(thread->wait(30000));
        QVERIFY(log.flush(20000));

        int bad = 0;
        const QList<LogEvent> events = readAllEvents(tmp.path(), &bad);
        QCOMPARE(bad, 0);
        QCOMPARE(events.size(), kThreads * kPerThread + 2000);
        QCOMPARE(log.fileStats().written, kThreads * kPerThread + 2000);
        QCOMPARE(log.fileStats().dropped, 0);
        QHash<QString, qint64> lastSeq;
        for (const LogEvent& event : events) {
            QVERIFY2(event.seq == lastSeq.value(event.sid) + 1, "each session's events are in order, none missing");
            lastSeq[event.sid] = event.seq;
        }
        QCOMPARE(lastSeq.value(QStringLiteral("e0e0e0e0")), 2000);
        for (const QString& sid : sids)
            QCOMPARE(lastSeq.value(sid), kPerThread);
    }
};

QTEST_GUILESS_MAIN(TestLogHub)
#include "TestLogHub.moc"
