// Schema migrations copy the data aside first and put it back byte for byte when a step
// fails: the accounts database, the store index and the settings file.
#include "accounts/AccountSchema.h"
#include "accounts/AccountStore.h"
#include "core/SettingsFile.h"
#include "store/SqliteMailStore.h"
#include "store/StoreSchema.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "BackupTestUtil.h"

using namespace tegami;
using namespace backuptest;

namespace {

// Runs statements on the database file with a connection of its own, then closes it (the
// last connection checkpoints the WAL into the main file).
bool rawSql(const QString& path, const QStringList& statements)
{
    static int counter = 0;
    const QString name = QStringLiteral("raw-%1").arg(++counter);
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        for (const QString& sql : statements) {
            QSqlQuery q(db);
            if (ok && !q.exec(sql)) {
                qWarning() << sql << q.lastError().text();
                ok = false;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

int userVersion(const QString& path)
{
    int version = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("version"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
                version = q.value(0).toInt();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("version"));
    return version;
}

// The one pre-upgrade copy directory under backupsDir whose name starts with `prefix`.
QString copyDir(const QString& backupsDir, const QString& prefix)
{
    const QStringList dirs = QDir(backupsDir).entryList({ prefix + QLatin1Char('*') }, QDir::Dirs);
    return dirs.size() == 1 ? backupsDir + QLatin1Char('/') + dirs.first() : QString();
}

// A current accounts database with one mailbox, turned back into `version` by undoing
// the later steps' columns (so those steps run again on open).
bool makeAccountsDatabase(const QString& path, int version, bool keepImapColumns)
{
    {
        auto store = AccountStore::open(path, PasswordHasher(Argon2Params::forTests()));
        if (!store || !(*store)->addDomain(QStringLiteral("example.com"))
            || !(*store)->addMailbox(
                NewMailbox { QStringLiteral("alice@example.com"), QStringLiteral("Secret-1-pass"), {} }))
            return false;
    }
    QStringList undo;
    if (version < 2) {
        undo << QStringLiteral("ALTER TABLE mailboxes DROP COLUMN pop_scope")
             << QStringLiteral("ALTER TABLE mailboxes DROP COLUMN pop_since")
             << QStringLiteral("ALTER TABLE mailboxes DROP COLUMN pop_after");
    }
    if (version < 3 && !keepImapColumns) {
        undo << QStringLiteral("ALTER TABLE mailboxes DROP COLUMN imap_auto_expunge")
             << QStringLiteral("ALTER TABLE mailboxes DROP COLUMN imap_delete");
    }
    undo << QStringLiteral("PRAGMA user_version = %1").arg(version);
    return rawSql(path, undo);
}

} // namespace

class TestUpgradeBackup : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        testing::failAccountsMigrationFrom = -1;
        testing::failStoreMigrationTo = -1;
    }

    void accountsUpgradeKeepsACopy()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("accounts.db"));
        QVERIFY(makeAccountsDatabase(path, 2, false));
        const QByteArray before = readAll(path);

        auto store = AccountStore::open(path, PasswordHasher(Argon2Params::forTests()));
        BACKUP_VERIFY_OK(store);
        QCOMPARE(
            (*store)->findMailbox(QStringLiteral("alice@example.com"))->address, QStringLiteral("alice@example.com"));
        store->reset();
        QCOMPARE(userVersion(path), 3);
        const QString copy
            = copyDir(tmp.filePath(QStringLiteral("backups")), QStringLiteral("pre-upgrade-accounts-2-3-"));
        QVERIFY2(!copy.isEmpty(), "no copy was taken before the upgrade");
        QCOMPARE(readAll(copy + QStringLiteral("/accounts.db")), before);
    }

    void accountsFailureAfterACommittedStepRestoresTheFile()
    {
        // Step 1 -> 2 succeeds and commits; step 2 -> 3 fails (its columns exist already, as
        // in a database damaged by hand). The file must come back exactly as it was.
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("accounts.db"));
        QVERIFY(makeAccountsDatabase(path, 1, true));
        const QByteArray before = readAll(path);
        QVERIFY(!before.isEmpty());

        auto store = AccountStore::open(path, PasswordHasher(Argon2Params::forTests()));
        QVERIFY(!store);
        const QString message = store.error().message;
        QVERIFY2(message.contains(QLatin1String("from schema version 1 to 3")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("imap_auto_expunge")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("put back unchanged")), qPrintable(message));
        const QString copy
            = copyDir(tmp.filePath(QStringLiteral("backups")), QStringLiteral("pre-upgrade-accounts-1-3-"));
        QVERIFY(!copy.isEmpty());
        QVERIFY2(message.contains(copy), qPrintable(message));

        QCOMPARE(readAll(path), before);
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
        QCOMPARE(userVersion(path), 1);
    }

    void accountsInjectedFailureRestoresTheFile()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("accounts.db"));
        QVERIFY(makeAccountsDatabase(path, 1, false));
        const QByteArray before = readAll(path);
        testing::failAccountsMigrationFrom = 2;
        auto store = AccountStore::open(path, PasswordHasher(Argon2Params::forTests()));
        QVERIFY(!store);
        QVERIFY2(store.error().message.contains(QLatin1String("failure injected")), qPrintable(store.error().message));
        QCOMPARE(readAll(path), before);

        // Without the fault the same file upgrades.
        testing::failAccountsMigrationFrom = -1;
        BACKUP_VERIFY_OK(AccountStore::open(path, PasswordHasher(Argon2Params::forTests())));
        QCOMPARE(userVersion(path), 3);
    }

    void newAccountsDatabaseTakesNoCopy()
    {
        QTemporaryDir tmp;
        BACKUP_VERIFY_OK(AccountStore::open(tmp.filePath(QStringLiteral("accounts.db"))));
        QVERIFY(!QFileInfo::exists(tmp.filePath(QStringLiteral("backups"))));
    }

    void storeFailureRestoresTheIndex()
    {
        QTemporaryDir tmp;
        const QString storeDir = tmp.filePath(QStringLiteral("data/store"));
        const QString index = storeDir + QStringLiteral("/index.db");
        {
            auto store = SqliteMailStore::open(storeDir);
            BACKUP_VERIFY_OK(store);
            BACKUP_VERIFY_OK((*store)->ensureOwner(QStringLiteral("alice@example.com")));
            const qint64 inbox = (*store)->findFolder(QStringLiteral("alice@example.com"), QStringLiteral("INBOX"))->id;
            BACKUP_VERIFY_OK((*store)->append(inbox, message(1), {}));
        }
        // An index that claims version 0 but has tables: creating version 1 fails half-way.
        QVERIFY(rawSql(index, { QStringLiteral("PRAGMA user_version = 0") }));
        const QByteArray before = readAll(index);

        auto store = SqliteMailStore::open(storeDir);
        QVERIFY(!store);
        const QString message = store.error().message;
        QVERIFY2(message.contains(QLatin1String("from schema version 0 to 1")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("already exists")), qPrintable(message));
        const QString copy
            = copyDir(tmp.filePath(QStringLiteral("data/backups")), QStringLiteral("pre-upgrade-store-0-1-"));
        QVERIFY(!copy.isEmpty());
        QVERIFY2(message.contains(copy), qPrintable(message));
        QCOMPARE(readAll(index), before);
        QCOMPARE(readAll(copy + QStringLiteral("/index.db")), before);
    }

    void storeInjectedFailureRestoresTheIndex()
    {
        QTemporaryDir tmp;
        const QString storeDir = tmp.filePath(QStringLiteral("data/store"));
        const QString index = storeDir + QStringLiteral("/index.db");
        // An index from before the first schema: a table, no version; in WAL mode like every
        // index Tegami writes (opening switches a file to WAL before any migration, which is
        // not part of what a failed migration puts back).
        QVERIFY(QDir().mkpath(storeDir));
        QVERIFY(rawSql(index,
            { QStringLiteral("PRAGMA journal_mode = WAL"), QStringLiteral("CREATE TABLE legacy (x)"),
                QStringLiteral("INSERT INTO legacy VALUES (1)") }));
        const QByteArray before = readAll(index);
        testing::failStoreMigrationTo = 1;
        auto store = SqliteMailStore::open(storeDir);
        QVERIFY(!store);
        QVERIFY2(store.error().message.contains(QLatin1String("failure injected")), qPrintable(store.error().message));
        QCOMPARE(readAll(index), before);
    }

    void settingsUpgradeKeepsACopyAndFailureChangesNothing()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("settings.json"));
        const QByteArray v1 = "{\n    \"schemaVersion\": 1\n}\n";
        QVERIFY(writeAll(path, v1));

        SettingsFile failing(path);
        failing.setMigrations({ { 1,
                                  [](QJsonObject&) -> Result<void> {
                                      return Error::invalid(QStringLiteral("x"), QStringLiteral("broken step"));
                                  } } },
            2);
        Result<Settings> r = failing.load();
        QVERIFY(!r);
        const QString copy
            = copyDir(tmp.filePath(QStringLiteral("backups")), QStringLiteral("pre-upgrade-settings-1-2-"));
        QVERIFY(!copy.isEmpty());
        QVERIFY2(r.error().message.contains(copy), qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(QLatin1String("broken step")), qPrintable(r.error().message));
        QCOMPARE(readAll(path), v1);
        QCOMPARE(readAll(copy + QStringLiteral("/settings.json")), v1);
        QDir(copy).removeRecursively();

        SettingsFile working(path);
        working.setMigrations({ { 1, [](QJsonObject&) -> Result<void> { return {}; } } }, 2);
        BACKUP_VERIFY_OK(working.load());
        QVERIFY(readAll(path).contains("\"schemaVersion\": 2"));
        const QString kept
            = copyDir(tmp.filePath(QStringLiteral("backups")), QStringLiteral("pre-upgrade-settings-1-2-"));
        QVERIFY(!kept.isEmpty());
        QCOMPARE(readAll(kept + QStringLiteral("/settings.json")), v1);
    }
};

QTEST_GUILESS_MAIN(TestUpgradeBackup)
#include "TestUpgradeBackup.moc"
