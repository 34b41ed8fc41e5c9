// What SqliteMailStore::open() does after an unclean stop, and what it refuses.
#include "store/StoreSchema.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include "StoreTestUtil.h"

using namespace tegami;
using namespace storetest;

namespace {

void writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(data);
}

} // namespace

class TestStoreRecovery : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    int m_round = 0;

    QString freshDir() { return m_tmp.filePath(QStringLiteral("store%1").arg(++m_round)); }

private Q_SLOTS:
    void removesUnacknowledgedFiles()
    {
        const QString dir = freshDir();
        qint64 inboxId = 0;
        {
            OPEN_STORE(store, dir);
            QVERIFY_OK(store->ensureOwner(alice));
            inboxId = store->findFolder(alice, QStringLiteral("INBOX"))->id;
            QVERIFY_OK(store->append(inboxId, message("kept 1"), {}));
            QVERIFY_OK(store->append(inboxId, message("kept 2"), {}));
            QCOMPARE(store->recoveryReport().tmpFilesRemoved, 0);
        }
        // What a crash leaves: half-written temporaries, a file renamed into place whose
        // index transaction never committed, and something a person put there.
        writeFile(dir + QStringLiteral("/tmp/1-abc.tmp"), "Subject: half");
        writeFile(dir + QStringLiteral("/tmp/2-def.tmp"), "");
        writeFile(dir + QStringLiteral("/messages/ff/000000ff.eml"), message("never acknowledged"));
        writeFile(dir + QStringLiteral("/messages/00/notes.txt"), "mine");

        OPEN_STORE(store, dir);
        const RecoveryReport& report = store->recoveryReport();
        QCOMPARE(report.tmpFilesRemoved, 2);
        QCOMPARE(report.orphanFilesRemoved, 1);
        QCOMPARE(report.unknownFiles, 1);
        QCOMPARE(report.missingFiles, 0);
        QCOMPARE(countFiles(dir + QStringLiteral("/tmp")), 0);
        QVERIFY(!QFile::exists(dir + QStringLiteral("/messages/ff/000000ff.eml")));
        QVERIFY(QFile::exists(dir + QStringLiteral("/messages/00/notes.txt")));
        QCOMPARE(store->messages(inboxId)->size(), size_t(2));
        QCOMPARE(*store->readMessage(inboxId, 2), message("kept 2"));
        // New appends do not collide with anything left behind.
        auto next = store->append(inboxId, message("after recovery"), {});
        QVERIFY_OK(next);
        QCOMPARE(next->uid, 3u);
    }

    void reportsMissingFilesWithoutHidingThem()
    {
        const QString dir = freshDir();
        qint64 inboxId = 0;
        QString second;
        QString third;
        {
            OPEN_STORE(store, dir);
            QVERIFY_OK(store->ensureOwner(alice));
            inboxId = store->findFolder(alice, QStringLiteral("INBOX"))->id;
            for (int i = 1; i <= 3; ++i)
                QVERIFY_OK(store->append(inboxId, message("m" + QByteArray::number(i)), {}));
            second = *store->messagePath(inboxId, 2);
            third = *store->messagePath(inboxId, 3);
        }
        QVERIFY(QFile::remove(second));
        {
            QFile f(third);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.resize(10));
        }
        OPEN_STORE(store, dir);
        QCOMPARE(store->recoveryReport().missingFiles, 1);
        QCOMPARE(store->recoveryReport().missingFilePaths, QStringList { second });
        QCOMPARE(store->messages(inboxId)->size(), size_t(3)); // still listed: corruption is not hidden
        auto missing = store->readMessage(inboxId, 2);
        QCOMPARE(missing.error().code, ErrorCode::Io);
        QVERIFY(missing.error().message.contains(QLatin1String("damaged")));
        auto truncated = store->readMessage(inboxId, 3);
        QCOMPARE(truncated.error().code, ErrorCode::Io);
        QVERIFY(truncated.error().message.contains(QLatin1String("10 bytes")));
        QCOMPARE(*store->readMessage(inboxId, 1), message("m1"));
    }

    void secondOpenIsRefused()
    {
        const QString dir = freshDir();
        OPEN_STORE(first, dir);
        auto second = SqliteMailStore::open(dir);
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, ErrorCode::Busy);
        QVERIFY(second.error().message.contains(QLatin1String("in use")));
        first.reset();
        OPEN_STORE(third, dir);
    }

    void newerSchemaIsRefused()
    {
        const QString dir = freshDir();
        {
            OPEN_STORE(store, dir);
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("poke"));
            db.setDatabaseName(dir + QStringLiteral("/index.db"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QCOMPARE(q.exec(QStringLiteral("PRAGMA user_version")), true);
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), storeSchemaVersion);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            q = QSqlQuery();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("poke"));
        auto refused = SqliteMailStore::open(dir);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(QLatin1String("newer")));
    }

    void badDirectoryIsExplained()
    {
        auto empty = SqliteMailStore::open(QString());
        QCOMPARE(empty.error().code, ErrorCode::InvalidArgument);
        const QString file = m_tmp.filePath(QStringLiteral("a-file"));
        writeFile(file, "x");
        auto underFile = SqliteMailStore::open(file + QStringLiteral("/store"));
        QVERIFY(!underFile.ok());
        QVERIFY(underFile.error().message.contains(file));
    }
};

QTEST_GUILESS_MAIN(TestStoreRecovery)
#include "TestStoreRecovery.moc"
