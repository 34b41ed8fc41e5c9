// Durability: a process receiving and delivering mail through the queue is killed with
// SIGKILL, several times over the same data directory. Every message it acknowledged (commit
// returned an id) must end up in the mailbox exactly once and intact; nothing half-received
// may be delivered.
#include "accounts/AccountStore.h"
#include "store/SqliteMailStore.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "QueueTestFixture.h"
#include "engine/store/KillTestMessage.h"
#include "queue/DeliveryQueue.h"

using namespace tegami;
using tegami::queuetest::countFiles;

class TestQueueKill : public QObject {
    Q_OBJECT
private:
    struct WriterOutput {
        QList<quint64> acknowledged;
        QByteArray recovery; // the "# recovered ..." line
    };

    static WriterOutput parse(const QByteArray& output)
    {
        WriterOutput out;
        const QList<QByteArray> lines = output.split('\n');
        // The last element follows the final newline: a line cut off by the kill.
        for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
            const QByteArray& line = lines.at(i);
            if (line.startsWith("# recovered ")) {
                out.recovery = line;
                continue;
            }
            bool ok = false;
            const quint64 seq = line.toULongLong(&ok);
            if (ok)
                out.acknowledged << seq;
        }
        return out;
    }

    // Only the store's own recovery log lines may appear; a queue warning means damage.
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
    void acknowledgedMessagesSurviveKill()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        {
            auto accounts = AccountStore::open(
                tmp.filePath(QStringLiteral("accounts.db")), PasswordHasher(Argon2Params::forTests()));
            QUEUE_VERIFY_OK(accounts);
            QUEUE_VERIFY_OK((*accounts)->addDomain(QStringLiteral("example.com")));
            NewMailbox m;
            m.address = killtest::owner;
            m.password = QStringLiteral("correct horse battery");
            QUEUE_VERIFY_OK((*accounts)->addMailbox(m));
        }
        QSet<quint64> acked;
        QRandomGenerator* rng = QRandomGenerator::global();
        const int rounds = 5;
        for (int round = 0; round < rounds; ++round) {
            QProcess writer;
            writer.setProgram(QStringLiteral(QUEUE_KILL_WRITER));
            writer.setArguments({ tmp.path(), QString::number(quint64(round) * 1000000 + 1) });
            writer.start();
            QVERIFY2(writer.waitForStarted(5000), qPrintable(writer.errorString()));
            QByteArray output;
            if (round > 0) {
                // Let messages flow first, so the kill lands mid-stream (round 0 covers start-up).
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
            writer.waitForFinished(runMs);
            QCOMPARE(writer.state(), QProcess::Running);
            writer.kill(); // SIGKILL: no destructors, no flush, no unlock
            QVERIFY(writer.waitForFinished(5000));
            QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
            output += writer.readAllStandardOutput();
            const QByteArray errors = unexpectedErrors(writer.readAllStandardError());
            QVERIFY2(errors.isEmpty(), errors.constData());
            const WriterOutput parsed = parse(output);
            QVERIFY2(!parsed.recovery.contains("damaged=") || parsed.recovery.contains("damaged=0"),
                parsed.recovery.constData());
            qInfo("round %d: killed after %d ms, %lld messages acknowledged; %s", round, runMs,
                qlonglong(parsed.acknowledged.size()), parsed.recovery.constData());
            for (quint64 s : parsed.acknowledged)
                acked.insert(s);
        }
        QVERIFY2(acked.size() >= rounds, "the writer acknowledged too few messages to test anything");

        // A last start delivers whatever was still queued.
        auto accounts = AccountStore::open(tmp.filePath(QStringLiteral("accounts.db")));
        QUEUE_VERIFY_OK(accounts);
        auto store = SqliteMailStore::open(tmp.filePath(QStringLiteral("store")));
        QUEUE_VERIFY_OK(store);
        QCOMPARE((*store)->recoveryReport().missingFiles, 0);
        int remaining = 0;
        {
            DeliveryQueue queue(tmp.filePath(QStringLiteral("queue")), **accounts, **store, Clock::system(), nullptr);
            auto recovered = queue.open();
            QUEUE_VERIFY_OK(recovered);
            QCOMPARE(recovered->damaged, 0);
            remaining = queue.messageCount();
            // Also an entry whose delivery finished just before a kill, but which was not
            // removed yet, goes now.
            queue.processDue();
            QVERIFY2(queue.messageCount() == 0, QJsonDocument(queue.list()).toJson(QJsonDocument::Compact).constData());
        }
        QCOMPARE(countFiles(tmp.filePath(QStringLiteral("queue/messages"))), 0);
        QCOMPARE(countFiles(tmp.filePath(QStringLiteral("queue/incoming"))), 0);

        auto inbox = (*store)->findFolderByRole(killtest::owner, SpecialUse::Inbox);
        QUEUE_VERIFY_OK(inbox);
        auto list = (*store)->messages(inbox->id);
        QUEUE_VERIFY_OK(list);
        QHash<quint64, int> seen;
        for (const MessageInfo& m : *list) {
            auto data = (*store)->readMessage(inbox->id, m.uid);
            QUEUE_VERIFY_OK(data);
            const std::optional<quint64> seq = killtest::verify(*data);
            QVERIFY2(seq.has_value(), qPrintable(QStringLiteral("UID %1 is torn or foreign").arg(m.uid)));
            QCOMPARE(*data, killtest::message(*seq));
            ++seen[*seq];
        }
        for (auto it = seen.cbegin(); it != seen.cend(); ++it)
            QVERIFY2(it.value() == 1,
                qPrintable(QStringLiteral("sequence %1 was delivered %2 times").arg(it.key()).arg(it.value())));
        for (quint64 s : acked)
            QVERIFY2(seen.contains(s), qPrintable(QStringLiteral("acknowledged sequence %1 was lost").arg(s)));
        // At most the one commit in flight per round may be delivered without acknowledgement.
        QVERIFY(seen.size() <= acked.size() + rounds);
        qInfo("%lld acknowledged, %lld delivered, %d still queued at the last start", qlonglong(acked.size()),
            qlonglong(seen.size()), remaining);
    }
};

QTEST_GUILESS_MAIN(TestQueueKill)
#include "TestQueueKill.moc"
