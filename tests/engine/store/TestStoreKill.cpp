// Durability: a writer is killed with SIGKILL mid-stream, several times over the same
// store. Every append it acknowledged must be there exactly once and intact, and nothing
// half-written may be visible.
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>

#include "KillTestMessage.h"
#include "StoreTestUtil.h"

using namespace tegami;
using storetest::countFiles;

class TestStoreKill : public QObject {
    Q_OBJECT
private:
    struct WriterOutput {
        QList<quint64> acknowledged;
        int tmpRemoved = 0;
        int orphansRemoved = 0;
        int missing = -1; // -1: the writer was killed before it reported its recovery
    };

    static WriterOutput parse(const QByteArray& output)
    {
        WriterOutput out;
        const QList<QByteArray> lines = output.split('\n');
        // The last element is what follows the final newline: a line cut off by the kill.
        for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
            const QByteArray& line = lines.at(i);
            if (line.startsWith("# recovered ")) {
                for (const QByteArray& field : line.mid(12).split(' ')) {
                    const int value = field.mid(field.indexOf('=') + 1).toInt();
                    if (field.startsWith("tmp="))
                        out.tmpRemoved = value;
                    else if (field.startsWith("orphans="))
                        out.orphansRemoved = value;
                    else if (field.startsWith("missing="))
                        out.missing = value;
                }
                continue;
            }
            bool ok = false;
            const quint64 seq = line.toULongLong(&ok);
            if (ok)
                out.acknowledged << seq;
        }
        return out;
    }

    // The writer's stderr may only hold the store's own recovery log lines.
    static QByteArray unexpectedErrors(const QByteArray& stderrOutput)
    {
        QByteArray out;
        for (const QByteArray& line : stderrOutput.split('\n')) {
            if (!line.isEmpty() && !line.startsWith("tegami.store: "))
                out += line + '\n';
        }
        return out;
    }

private Q_SLOTS:
    void acknowledgedAppendsSurviveKill()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("store"));
        QSet<quint64> acked;
        QRandomGenerator* rng = QRandomGenerator::global();
        const int rounds = 5;
        for (int round = 0; round < rounds; ++round) {
            QProcess writer;
            writer.setProgram(QStringLiteral(STORE_KILL_WRITER));
            writer.setArguments({ dir, QString::number(quint64(round) * 1000000 + 1) });
            writer.start();
            QVERIFY2(writer.waitForStarted(5000), qPrintable(writer.errorString()));
            QByteArray output;
            if (round > 0) {
                // Wait until appends are flowing, so the kill lands mid-stream rather than
                // during start-up (round 0 covers that: it is killed whenever it is).
                QElapsedTimer started;
                started.start();
                while (parse(output).acknowledged.isEmpty() && started.elapsed() < 15000
                    && writer.state() == QProcess::Running) {
                    writer.waitForReadyRead(50);
                    output += writer.readAllStandardOutput();
                }
                QVERIFY2(!parse(output).acknowledged.isEmpty(),
                    qPrintable(QString::fromLocal8Bit(writer.readAllStandardError())));
            }
            const int runMs = 100 + int(rng->bounded(500));
            writer.waitForFinished(runMs); // runs the writer for runMs while collecting output
            QCOMPARE(writer.state(), QProcess::Running);
            writer.kill(); // SIGKILL: no destructors, no flush, no unlock
            QVERIFY(writer.waitForFinished(5000));
            QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
            output += writer.readAllStandardOutput();
            const QByteArray errors = unexpectedErrors(writer.readAllStandardError());
            QVERIFY2(errors.isEmpty(), errors.constData());
            const WriterOutput parsed = parse(output);
            // An acknowledged message whose file is gone after a kill is exactly the loss
            // this test exists to catch.
            QVERIFY2(parsed.missing <= 0, "a restarted writer found indexed messages without their file");
            qInfo("round %d: killed after %d ms, %lld appends acknowledged; its start removed %d temporary and %d "
                  "orphaned files",
                round, runMs, qlonglong(parsed.acknowledged.size()), parsed.tmpRemoved, parsed.orphansRemoved);
            for (quint64 s : parsed.acknowledged)
                acked.insert(s);
        }
        QVERIFY2(acked.size() >= rounds, "the writer acknowledged too few appends to test anything");

        OPEN_STORE(store, dir);
        qInfo("final open removed %d temporary and %d orphaned files", store->recoveryReport().tmpFilesRemoved,
            store->recoveryReport().orphanFilesRemoved);
        QCOMPARE(store->recoveryReport().missingFiles, 0);
        QCOMPARE(countFiles(dir + QStringLiteral("/tmp")), 0);
        auto inbox = store->findFolder(killtest::owner, QStringLiteral("INBOX"));
        QVERIFY_OK(inbox);
        auto list = store->messages(inbox->id);
        QVERIFY_OK(list);

        QHash<quint64, int> seen;
        quint32 previousUid = 0;
        for (const MessageInfo& m : *list) {
            QVERIFY(m.uid > previousUid);
            previousUid = m.uid;
            auto data = store->readMessage(inbox->id, m.uid);
            QVERIFY_OK(data);
            QCOMPARE(qint64(data->size()), m.size);
            const std::optional<quint64> seq = killtest::verify(*data);
            QVERIFY2(seq.has_value(), qPrintable(QStringLiteral("UID %1 is torn or foreign").arg(m.uid)));
            QCOMPARE(*data, killtest::message(*seq));
            ++seen[*seq];
        }
        for (auto it = seen.cbegin(); it != seen.cend(); ++it)
            QVERIFY2(it.value() == 1,
                qPrintable(QStringLiteral("sequence %1 is stored %2 times").arg(it.key()).arg(it.value())));
        for (quint64 s : acked)
            QVERIFY2(seen.contains(s), qPrintable(QStringLiteral("acknowledged sequence %1 was lost").arg(s)));
        // At most the one append in flight per round may be stored without acknowledgement.
        QVERIFY(seen.size() <= acked.size() + rounds);
        // Every file on disk belongs to a visible message: no orphans survived recovery.
        QCOMPARE(countFiles(dir + QStringLiteral("/messages"), QStringLiteral("*.eml")), int(list->size()));
        qInfo("%lld acknowledged, %lld stored", qlonglong(acked.size()), qlonglong(seen.size()));
    }
};

QTEST_GUILESS_MAIN(TestStoreKill)
#include "TestStoreKill.moc"
