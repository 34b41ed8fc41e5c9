// The in-service restore: the engine closes its data, the backup's data is swapped in and
// reopened; when the restored data does not open, the previous data comes back.
#include "accounts/AccountStore.h"
#include "service/Engine.h"
#include "store/MailStore.h"

#include <QTemporaryDir>
#include <QTest>

#include "BackupTestUtil.h"
#include "backup/BackupArchive.h"
#include "backup/BackupSnapshot.h"
#include "backup/RestoreSwap.h"

using namespace tegami;
using namespace backuptest;

namespace {

const QString alice = QStringLiteral("alice@example.com");
const QString bob = QStringLiteral("bob@example.com");

EngineOptions testOptions()
{
    EngineOptions o;
    o.argon2 = Argon2Params::forTests();
    return o;
}

qint64 inboxOf(Engine& engine, const QString& owner)
{
    Result<FolderInfo> f = engine.store().findFolder(owner, QStringLiteral("INBOX"));
    return f ? f->id : 0;
}

} // namespace

class TestBackupRestore : public QObject {
    Q_OBJECT

private:
    // Backs the engine's data up into `file` the way backup.create does.
    bool backUp(Engine& engine, const QString& file)
    {
        const QString staging = engine.paths().dataDir() + QStringLiteral("/backups/.snapshot-test");
        Result<BackupManifest> m = takeSnapshot(engine.paths(), staging);
        if (!m)
            return false;
        const bool ok = writeBackupArchive(staging, *m, file).ok();
        removeTree(staging);
        return ok;
    }

private Q_SLOTS:
    void restoreReplacesTheDataOfARunningEngine()
    {
        QTemporaryDir tmp;
        Engine engine(DataPaths(tmp.filePath(QStringLiteral("data"))), testOptions());
        BACKUP_VERIFY_OK(engine.start());
        BACKUP_VERIFY_OK(engine.accounts().addDomain(QStringLiteral("example.com")));
        BACKUP_VERIFY_OK(engine.accounts().addMailbox(NewMailbox { alice, QStringLiteral("Alice-pass-1"), {} }));
        BACKUP_VERIFY_OK(engine.store().ensureOwner(alice));
        BACKUP_VERIFY_OK(engine.store().append(inboxOf(engine, alice), message(1), {}));
        const QString file = tmp.filePath(QStringLiteral("backup.tar"));
        QVERIFY(backUp(engine, file));

        // Life goes on after the backup: a new mailbox, more mail.
        BACKUP_VERIFY_OK(engine.accounts().addMailbox(NewMailbox { bob, QStringLiteral("Bob-pass-1"), {} }));
        BACKUP_VERIFY_OK(engine.store().append(inboxOf(engine, alice), message(2), {}));

        const QString data = engine.paths().dataDir();
        const QString extracted = data + QStringLiteral("/backups/.restore-test");
        BACKUP_VERIFY_OK(extractBackupArchive(file, extracted));
        engine.closeData();
        const QString aside = data + QStringLiteral("/backups/pre-restore-test");
        BACKUP_VERIFY_OK(swapInRestoredData(data, extracted, aside));
        BACKUP_VERIFY_OK(engine.reopenData());

        QVERIFY(engine.accounts().findMailbox(alice).ok());
        QCOMPARE(engine.accounts().findMailbox(bob).error().code, ErrorCode::NotFound);
        const std::vector<MessageInfo> messages = *engine.store().messages(inboxOf(engine, alice));
        QCOMPARE(messages.size(), size_t(1));
        QCOMPARE(*engine.store().readMessage(inboxOf(engine, alice), messages.front().uid), message(1));
        // The previous data is kept whole.
        QVERIFY(QFileInfo::exists(aside + QStringLiteral("/accounts.db")));
        QVERIFY(QFileInfo::exists(aside + QStringLiteral("/store/index.db")));
        // And the engine works on: new mail is stored.
        BACKUP_VERIFY_OK(engine.store().append(inboxOf(engine, alice), message(3), {}));
        engine.stop();
    }

    void restoredDataThatDoesNotOpenIsSwappedBack()
    {
        QTemporaryDir tmp;
        Engine engine(DataPaths(tmp.filePath(QStringLiteral("data"))), testOptions());
        BACKUP_VERIFY_OK(engine.start());
        BACKUP_VERIFY_OK(engine.accounts().addDomain(QStringLiteral("example.com")));
        BACKUP_VERIFY_OK(engine.accounts().addMailbox(NewMailbox { alice, QStringLiteral("Alice-pass-1"), {} }));

        // An unpacked "backup" whose settings cannot be read.
        const QString data = engine.paths().dataDir();
        const QString extracted = data + QStringLiteral("/backups/.restore-bad");
        QVERIFY(QDir().mkpath(extracted));
        QVERIFY(writeAll(extracted + QStringLiteral("/settings.json"), "{ not json"));

        engine.closeData();
        const QString aside = data + QStringLiteral("/backups/pre-restore-bad");
        BACKUP_VERIFY_OK(swapInRestoredData(data, extracted, aside));
        Result<void> reopened = engine.reopenData();
        QVERIFY(!reopened);
        QVERIFY2(
            reopened.error().message.contains(QLatin1String("not valid JSON")), qPrintable(reopened.error().message));
        engine.closeData();
        BACKUP_VERIFY_OK(swapBackPreviousData(data, aside, data + QStringLiteral("/backups/failed-restore-bad")));
        BACKUP_VERIFY_OK(engine.reopenData());
        QVERIFY(engine.accounts().findMailbox(alice).ok());
        engine.stop();
    }
};

QTEST_GUILESS_MAIN(TestBackupRestore)
#include "TestBackupRestore.moc"
