// The spool on its own: envelope JSON, writers (commit and abort), ids, and recovery after
// an unclean stop (temporary files, orphans, damaged entries).
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "QueueTestFixture.h"
#include "queue/Spool.h"

using namespace tegami;
using namespace tegami::queuetest;

class TestQueueSpool : public QObject {
    Q_OBJECT
private:
    static Envelope fullEnvelope()
    {
        Envelope e = envelope(bob, { alice, carol });
        e.recipients[0].orcpt = QStringLiteral("rfc822;Alice@Example.com");
        e.recipients[0].notify = DsnNotifySuccess | DsnNotifyFailure;
        e.recipients[1].notify = DsnNotifyNever;
        e.envId = QStringLiteral("QQ314159");
        e.ret = DsnRet::Headers;
        e.smtpUtf8 = true;
        e.eightBitMime = true;
        return e;
    }

    static QString commit(Spool& spool, const QByteArray& bytes, const Envelope& env)
    {
        auto writer = spool.begin();
        if (!writer || !(*writer)->write(bytes))
            return QString();
        Result<QString> id = (*writer)->commit(env);
        return id ? *id : QString();
    }

    static void writeFile(const QString& path, const QByteArray& data)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
    }

private Q_SLOTS:
    void envelopeRoundTrip()
    {
        const Envelope e = fullEnvelope();
        Result<Envelope> back = envelopeFromJson(envelopeToJson(e));
        QUEUE_VERIFY_OK(back);
        QVERIFY(*back == e);

        Envelope bounce = envelope(QString(), { alice });
        bounce.receivedAt = QDateTime();
        back = envelopeFromJson(envelopeToJson(bounce));
        QUEUE_VERIFY_OK(back);
        QVERIFY(back->sender.isEmpty());
        QVERIFY(*back == bounce);
    }

    void envelopeDamageIsRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("no sender") << QByteArray(R"({"recipients":[{"address":"a@b.c"}]})") << "sender";
        QTest::newRow("no recipients") << QByteArray(R"({"sender":"","recipients":[]})") << "recipients";
        QTest::newRow("empty address") << QByteArray(R"({"sender":"","recipients":[{"address":""}]})") << "recipients";
        QTest::newRow("bad notify") << QByteArray(R"({"sender":"","recipients":[{"address":"a@b.c","notify":64}]})")
                                    << "notify";
        QTest::newRow("bad ret") << QByteArray(R"({"sender":"","recipients":[{"address":"a@b.c"}],"ret":"most"})")
                                 << "ret";
        QTest::newRow("bad protocol") << QByteArray(
            R"({"sender":"","recipients":[{"address":"a@b.c"}],"receivedVia":"uucp"})")
                                      << "receivedVia";
        QTest::newRow("bad time") << QByteArray(
            R"({"sender":"","recipients":[{"address":"a@b.c"}],"receivedAt":"yesterday"})")
                                  << "receivedAt";
        QTest::newRow("flag not bool") << QByteArray(
            R"({"sender":"","recipients":[{"address":"a@b.c"}],"smtpUtf8":"yes"})")
                                       << "smtpUtf8";
    }
    void envelopeDamageIsRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        Result<Envelope> e = envelopeFromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(!e);
        QCOMPARE(e.error().field, field);
        QVERIFY(e.error().message.contains(QLatin1String("damaged envelope")));
    }

    void commitWritesBothFilesAndCallsTheHandler()
    {
        QTemporaryDir tmp;
        ManualClock clock;
        Spool spool(tmp.path(), clock);
        QUEUE_VERIFY_OK(spool.recover(nullptr));
        QList<QueueEntry> handed;
        spool.setCommitHandler([&](const QueueEntry& e) { handed << e; });

        const QByteArray bytes = message("one");
        const QString id = commit(spool, bytes, fullEnvelope());
        QVERIFY(!id.isEmpty());
        QCOMPARE(handed.size(), 1);
        QCOMPARE(handed[0].id, id);
        QCOMPARE(handed[0].size, bytes.size());
        QCOMPARE(handed[0].queuedAt, clock.now());
        QCOMPARE(handed[0].recipients.size(), size_t(2));
        QCOMPARE(handed[0].recipients[0].kind, RecipientKind::Unresolved);
        QCOMPARE(handed[0].recipients[0].notify, DsnNotifySuccess | DsnNotifyFailure);

        QFile eml(spool.messagePath(id));
        QVERIFY(eml.open(QIODevice::ReadOnly));
        QCOMPARE(eml.readAll(), bytes);
        QVERIFY(QFile::exists(spool.statePath(id)));
        QCOMPARE(countFiles(tmp.filePath(QStringLiteral("incoming"))), 0);

        // A restart reads the same entry back.
        Spool again(tmp.path(), clock);
        SpoolRecovery report;
        auto entries = again.recover(&report);
        QUEUE_VERIFY_OK(entries);
        QCOMPARE(entries->size(), size_t(1));
        QVERIFY(entries->front().envelope == fullEnvelope());
        QCOMPARE(report.damaged + report.orphanFilesRemoved + report.tmpFilesRemoved, 0);
    }

    void abandonedWriterLeavesNothing()
    {
        QTemporaryDir tmp;
        ManualClock clock;
        Spool spool(tmp.path(), clock);
        QUEUE_VERIFY_OK(spool.recover(nullptr));
        int handed = 0;
        spool.setCommitHandler([&](const QueueEntry&) { ++handed; });
        {
            auto writer = spool.begin();
            QUEUE_VERIFY_OK(writer);
            QUEUE_VERIFY_OK((*writer)->write("partial message"));
            QCOMPARE((*writer)->size(), qint64(15));
            QCOMPARE(countFiles(tmp.filePath(QStringLiteral("incoming"))), 1);
        }
        QCOMPARE(countFiles(tmp.path()), 0);
        QCOMPARE(handed, 0);

        // A commit without recipients is refused and queues nothing.
        auto writer = spool.begin();
        QUEUE_VERIFY_OK(writer);
        QUEUE_VERIFY_OK((*writer)->write("x"));
        Envelope none = envelope(bob, {});
        QVERIFY(!(*writer)->commit(none));
        writer->reset();
        QCOMPARE(countFiles(tmp.path()), 0);
        QCOMPARE(handed, 0);
    }

    void writerOutlivingTheSpoolCannotCommit()
    {
        QTemporaryDir tmp;
        ManualClock clock;
        auto spool = std::make_unique<Spool>(tmp.path(), clock);
        QUEUE_VERIFY_OK(spool->recover(nullptr));
        auto writer = spool->begin();
        QUEUE_VERIFY_OK(writer);
        QUEUE_VERIFY_OK((*writer)->write(message("late")));
        spool.reset();
        Result<QString> id = (*writer)->commit(envelope(bob, { alice }));
        QVERIFY(!id);
        QCOMPARE(id.error().code, ErrorCode::Busy);
        writer->reset();
        QCOMPARE(countFiles(tmp.path()), 0);
    }

    void idsAreUniqueAndSortByArrival()
    {
        QTemporaryDir tmp;
        ManualClock clock;
        Spool spool(tmp.path(), clock);
        QUEUE_VERIFY_OK(spool.recover(nullptr));
        QStringList ids;
        for (int i = 0; i < 50; ++i) {
            ids << spool.newId();
            if (i % 10 == 0)
                clock.advanceMs(1);
        }
        QStringList sorted = ids;
        sorted.sort();
        QCOMPARE(sorted, ids);
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), ids.size());
        QVERIFY(ids.first().startsWith(QLatin1String("20260101T000000000-")));
    }

    void recoveryRemovesWhatWasNeverAcknowledged()
    {
        QTemporaryDir tmp;
        ManualClock clock;
        QString kept;
        {
            Spool spool(tmp.path(), clock);
            QUEUE_VERIFY_OK(spool.recover(nullptr));
            kept = commit(spool, message("kept"), envelope(bob, { alice }));
            QVERIFY(!kept.isEmpty());
            // A reception in progress, a commit that renamed the message but never wrote its
            // envelope, and a state rewrite that did not finish.
            writeFile(tmp.filePath(QStringLiteral("incoming/abc.tmp")), "half a message");
            writeFile(spool.messagePath(QStringLiteral("20260101T000000000-0009-0000")), message("orphan"));
            writeFile(spool.statePath(kept) + QStringLiteral(".XyZ123"), "{\"half");
        }
        Spool spool(tmp.path(), clock);
        SpoolRecovery report;
        auto entries = spool.recover(&report);
        QUEUE_VERIFY_OK(entries);
        QCOMPARE(entries->size(), size_t(1));
        QCOMPARE(entries->front().id, kept);
        QCOMPARE(report.tmpFilesRemoved, 2);
        QCOMPARE(report.orphanFilesRemoved, 1);
        QCOMPARE(report.damaged, 0);
        QCOMPARE(countFiles(spool.messagesDir()), 2);
        QCOMPARE(countFiles(tmp.filePath(QStringLiteral("incoming"))), 0);
    }

    void damagedEntriesAreMovedAsideAndReported()
    {
        QTemporaryDir tmp;
        ManualClock clock;
        QString good, badJson, noMessage, wrongSize, badState;
        {
            Spool spool(tmp.path(), clock);
            QUEUE_VERIFY_OK(spool.recover(nullptr));
            good = commit(spool, message("good"), envelope(bob, { alice }));
            badJson = commit(spool, message("json"), envelope(bob, { alice }));
            noMessage = commit(spool, message("gone"), envelope(bob, { alice }));
            wrongSize = commit(spool, message("size"), envelope(bob, { alice }));
            badState = commit(spool, message("state"), envelope(bob, { alice }));
            writeFile(spool.statePath(badJson), "{\"version\":1,");
            QVERIFY(QFile::remove(spool.messagePath(noMessage)));
            writeFile(spool.messagePath(wrongSize), "torn");
            QFile f(spool.statePath(badState));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
            f.close();
            o.insert(QStringLiteral("envelope"), QJsonObject { { QStringLiteral("sender"), 5 } });
            writeFile(spool.statePath(badState), QJsonDocument(o).toJson());
        }
        Spool spool(tmp.path(), clock);
        SpoolRecovery report;
        auto entries = spool.recover(&report);
        QUEUE_VERIFY_OK(entries);
        QCOMPARE(entries->size(), size_t(1));
        QCOMPARE(entries->front().id, good);
        QCOMPARE(report.damaged, 4);
        const QString reasons = report.damagedReasons.join(QLatin1Char('\n'));
        QVERIFY2(reasons.contains(badJson + QStringLiteral(": the envelope is not valid JSON")), qPrintable(reasons));
        QVERIFY2(reasons.contains(noMessage + QStringLiteral(": the message file is missing")), qPrintable(reasons));
        QVERIFY2(reasons.contains(wrongSize + QStringLiteral(": the message file has 4 bytes")), qPrintable(reasons));
        QVERIFY2(reasons.contains(badState + QStringLiteral(": sender: damaged envelope")), qPrintable(reasons));
        // Kept for the admin, with the reason beside them; never deleted.
        QVERIFY(QFile::exists(spool.damagedDir() + QLatin1Char('/') + badJson + QStringLiteral(".json")));
        QVERIFY(QFile::exists(spool.damagedDir() + QLatin1Char('/') + badJson + QStringLiteral(".eml")));
        QVERIFY(QFile::exists(spool.damagedDir() + QLatin1Char('/') + wrongSize + QStringLiteral(".reason.txt")));
        QCOMPARE(countFiles(spool.messagesDir()), 2);
        // A second start finds nothing new.
        SpoolRecovery second;
        QUEUE_VERIFY_OK(spool.recover(&second));
        QCOMPARE(second.damaged, 0);
    }

    void stateSurvivesRewrites()
    {
        QTemporaryDir tmp;
        ManualClock clock;
        Spool spool(tmp.path(), clock);
        QUEUE_VERIFY_OK(spool.recover(nullptr));
        QueueEntry entry;
        spool.setCommitHandler([&](const QueueEntry& e) { entry = e; });
        QVERIFY(!commit(spool, message("state"), envelope(bob, { alice, carol })).isEmpty());
        entry.recipients[0].kind = RecipientKind::Local;
        entry.recipients[0].state = RecipientState::Delivered;
        entry.recipients[0].finishedAt = clock.now();
        entry.recipients[1].kind = RecipientKind::Remote;
        entry.recipients[1].attempts = 3;
        entry.recipients[1].replyCode = 451;
        entry.recipients[1].status = QStringLiteral("4.7.1");
        entry.recipients[1].lastError = QStringLiteral("greylisted, try again later");
        entry.recipients[1].remoteHost = QStringLiteral("mx.remote.example [192.0.2.25]");
        entry.recipients[1].nextAttempt = clock.now().addSecs(1200);
        entry.recipients[1].delayNoticeSent = true;
        entry.recipients[1].intentFolderId = 7;
        entry.recipients[1].intentUidNext = 9;
        QUEUE_VERIFY_OK(spool.saveState(entry));
        auto entries = Spool(tmp.path(), clock).recover(nullptr);
        QUEUE_VERIFY_OK(entries);
        QCOMPARE(entries->size(), size_t(1));
        QCOMPARE(entries->front().toJson(), entry.toJson());
        QUEUE_VERIFY_OK(spool.remove(entry.id));
        QCOMPARE(countFiles(spool.messagesDir()), 0);
    }
};

QTEST_GUILESS_MAIN(TestQueueSpool)
#include "TestQueueSpool.moc"
