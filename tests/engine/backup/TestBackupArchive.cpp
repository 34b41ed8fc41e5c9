// Backup files: the tar format, a snapshot of a data directory whose stores are open (as in
// the running service), verification of damaged and foreign files, extraction, and the
// restore's directory swap.
#include "accounts/AccountStore.h"
#include "core/DataPaths.h"
#include "store/SqliteMailStore.h"

#include <QBuffer>
#include <QDir>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

#include "BackupTestUtil.h"
#include "backup/BackupArchive.h"
#include "backup/BackupSnapshot.h"
#include "backup/RestoreSwap.h"
#include "backup/TarArchive.h"

using namespace tegami;
using namespace backuptest;

namespace {

const QString alice = QStringLiteral("alice@example.com");

// A raw ustar header, for archives Tegami would never write.
QByteArray rawHeader(const QByteArray& name, char type, qint64 size)
{
    QByteArray h(512, '\0');
    std::memcpy(h.data(), name.constData(), static_cast<size_t>(std::min<qsizetype>(name.size(), 100)));
    std::memcpy(h.data() + 100, "0000600", 7);
    std::memcpy(h.data() + 124, QByteArray::number(size, 8).rightJustified(11, '0').constData(), 11);
    h[156] = type;
    std::memcpy(h.data() + 257, "ustar", 6);
    std::memcpy(h.data() + 263, "00", 2);
    qint64 sum = 0;
    for (int i = 0; i < 512; ++i)
        sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(h[i]);
    std::memcpy(h.data() + 148, QByteArray::number(sum, 8).rightJustified(6, '0').constData(), 6);
    h[155] = ' ';
    return h;
}

} // namespace

class TestBackupArchive : public QObject {
    Q_OBJECT

private:
    // A data directory as the service leaves it, with its stores still open.
    struct Data {
        QTemporaryDir tmp;
        DataPaths paths { tmp.filePath(QStringLiteral("data")) };
        std::unique_ptr<AccountStore> accounts;
        std::unique_ptr<SqliteMailStore> store;
        qint64 inbox = 0;
    };

    bool fill(Data& d)
    {
        QString error;
        if (!d.paths.ensureExists(&error))
            return false;
        auto accounts = AccountStore::open(d.paths.accountsDatabase(), PasswordHasher(Argon2Params::forTests()));
        if (!accounts)
            return false;
        d.accounts = std::move(*accounts);
        if (!d.accounts->addDomain(QStringLiteral("example.com")))
            return false;
        if (!d.accounts->addMailbox(NewMailbox { alice, QStringLiteral("Secret-password-1"), {} }))
            return false;
        auto store = SqliteMailStore::open(d.paths.storeDir(), StoreOptions { Durability::Relaxed, nullptr });
        if (!store)
            return false;
        d.store = std::move(*store);
        if (!d.store->ensureOwner(alice))
            return false;
        d.inbox = d.store->findFolder(alice, QStringLiteral("INBOX"))->id;
        for (int i = 1; i <= 5; ++i) {
            AppendOptions options;
            if (i % 2 == 0)
                options.flags << QStringLiteral("\\Seen") << QStringLiteral("$Label1");
            if (!d.store->append(d.inbox, message(i), options))
                return false;
        }
        QDir().mkpath(d.paths.certificateDir() + QStringLiteral("/ab12"));
        writeAll(d.paths.certificateDir() + QStringLiteral("/ab12/key.pem"), "-----BEGIN PRIVATE KEY-----\nx\n");
        QDir().mkpath(d.paths.spoolDir() + QStringLiteral("/messages"));
        QDir().mkpath(d.paths.spoolDir() + QStringLiteral("/incoming"));
        writeAll(d.paths.spoolDir() + QStringLiteral("/messages/Q1.eml"), message(9));
        writeAll(d.paths.spoolDir() + QStringLiteral("/messages/Q1.json"), "{}");
        writeAll(d.paths.spoolDir() + QStringLiteral("/incoming/half.eml"), "half a message");
        writeAll(d.paths.settingsFile(), "{\n    \"schemaVersion\": 1\n}\n");
        return true;
    }

    // Backs `d` up into `file` (snapshot, then archive).
    Result<WrittenBackup> backUp(Data& d, const QString& file, BackupManifest* snapshot = nullptr)
    {
        const QString staging = d.tmp.filePath(QStringLiteral("staging"));
        Result<BackupManifest> manifest = takeSnapshot(d.paths, staging);
        if (!manifest)
            return manifest.error();
        if (snapshot)
            *snapshot = *manifest;
        Result<WrittenBackup> written = writeBackupArchive(staging, *manifest, file);
        removeTree(staging);
        return written;
    }

private Q_SLOTS:
    void tarRoundTrip()
    {
        QBuffer buffer;
        buffer.open(QIODevice::ReadWrite);
        TarWriter writer(buffer);
        const QString longName
            = QStringLiteral("store/") + QString(120, QLatin1Char('d')) + QStringLiteral("/file.eml");
        QMap<QString, QByteArray> entries { { QStringLiteral("settings.json"), "{}" },
            { QStringLiteral("empty"), QByteArray() }, { longName, QByteArray(1500, 'z') } };
        for (auto it = entries.cbegin(); it != entries.cend(); ++it)
            BACKUP_VERIFY_OK(writer.addData(it.key(), it.value()));
        BACKUP_VERIFY_OK(writer.finish());
        QCOMPARE(buffer.size() % 512, 0);

        buffer.seek(0);
        TarReader reader(buffer);
        QMap<QString, QByteArray> read;
        for (;;) {
            Result<std::optional<TarEntry>> e = reader.next();
            BACKUP_VERIFY_OK(e);
            if (!*e)
                break;
            QByteArray data;
            Result<QByteArray> hash = reader.readData([&](const char* p, qint64 n) -> Result<void> {
                data.append(p, n);
                return {};
            });
            BACKUP_VERIFY_OK(hash);
            QCOMPARE(*hash, QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
            read.insert((*e)->name, data);
        }
        QCOMPARE(read, entries);
    }

    void tarRefusesUnsafeEntries_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<char>("type");
        QTest::newRow("parent") << QByteArray("../evil") << '0';
        QTest::newRow("inner parent") << QByteArray("store/../../evil") << '0';
        QTest::newRow("absolute") << QByteArray("/etc/passwd") << '0';
        QTest::newRow("symlink") << QByteArray("store/link") << '2';
        QTest::newRow("hard link") << QByteArray("store/link") << '1';
    }

    void tarRefusesUnsafeEntries()
    {
        QFETCH(QByteArray, name);
        QFETCH(char, type);
        QByteArray archive = rawHeader(name, type, 0) + QByteArray(1024, '\0');
        QBuffer buffer(&archive);
        buffer.open(QIODevice::ReadOnly);
        TarReader reader(buffer);
        Result<std::optional<TarEntry>> e = reader.next();
        QVERIFY(!e);
        QVERIFY2(e.error().message.contains(QLatin1String("damaged")), qPrintable(e.error().message));
        QVERIFY(!isSafeArchivePath(QString::fromUtf8(name)) || type != '0');
    }

    void snapshotIsConsistentAndRestoresExactly()
    {
        Data d;
        QVERIFY(fill(d));
        const QString file = d.tmp.filePath(QStringLiteral("backup.tar"));
        const std::vector<MessageInfo> before = *d.store->messages(d.inbox);
        QCOMPARE(before.size(), size_t(5));

        const QString staging = d.tmp.filePath(QStringLiteral("staging"));
        Result<BackupManifest> snapshot = takeSnapshot(d.paths, staging);
        BACKUP_VERIFY_OK(snapshot);
        QCOMPARE(snapshot->counts.mailboxes, 1);
        QCOMPARE(snapshot->counts.domains, 1);
        QCOMPARE(snapshot->counts.messages, 5);
        QCOMPARE(snapshot->counts.queuedMessages, 1);
        QCOMPARE(snapshot->counts.certificateFiles, 1);
        QCOMPARE(snapshot->accountsSchema, 3);
        QCOMPARE(snapshot->storeSchema, 1);
        QCOMPARE(snapshot->settingsSchema, 1);

        // The service goes on between the snapshot and the packing: an expunge removes a
        // message file, a delivery adds one. The backup is the snapshot's state regardless.
        BACKUP_VERIFY_OK(d.store->deleteMessages(d.inbox, UidSet { before.front().uid }));
        BACKUP_VERIFY_OK(d.store->append(d.inbox, message(7), {}));
        Result<WrittenBackup> written = writeBackupArchive(staging, *snapshot, file);
        BACKUP_VERIFY_OK(written);
        removeTree(staging);
        QCOMPARE(written->bytes, QFileInfo(file).size());
        QCOMPARE(QFileInfo(file).permissions() & 0x0077, QFileDevice::Permissions());
        QCOMPARE(QDir(d.tmp.path()).entryList({ QStringLiteral("backup.tar*") }, QDir::Files | QDir::Hidden),
            QStringList { QStringLiteral("backup.tar") });

        Result<BackupManifest> verified = verifyBackupArchive(file);
        BACKUP_VERIFY_OK(verified);
        QCOMPARE(verified->counts.messages, 5);
        QStringList paths;
        for (const BackupManifest::File& f : verified->files)
            paths << f.path;
        QVERIFY(paths.contains(QStringLiteral("accounts.db")));
        QVERIFY(paths.contains(QStringLiteral("store/index.db")));
        QVERIFY(paths.contains(QStringLiteral("certs/ab12/key.pem")));
        QVERIFY(paths.contains(QStringLiteral("queue/messages/Q1.eml")));
        QVERIFY(paths.contains(QStringLiteral("settings.json")));
        QVERIFY2(
            !paths.join(QLatin1Char(' ')).contains(QLatin1String("incoming")), "unacknowledged mail was backed up");
        QVERIFY(!paths.contains(QStringLiteral("store/store.lock")));

        const QString out = d.tmp.filePath(QStringLiteral("restored"));
        BACKUP_VERIFY_OK(extractBackupArchive(file, out));
        QCOMPARE(readAll(out + QStringLiteral("/certs/ab12/key.pem")),
            readAll(d.paths.certificateDir() + QStringLiteral("/ab12/key.pem")));
        QCOMPARE(readAll(out + QStringLiteral("/queue/messages/Q1.eml")), message(9));
        QCOMPARE(readAll(out + QStringLiteral("/settings.json")), readAll(d.paths.settingsFile()));

        auto restoredStore = SqliteMailStore::open(out + QStringLiteral("/store"));
        BACKUP_VERIFY_OK(restoredStore);
        QCOMPARE((*restoredStore)->recoveryReport().missingFiles, 0);
        const FolderInfo inbox = *(*restoredStore)->findFolder(alice, QStringLiteral("INBOX"));
        const std::vector<MessageInfo> after = *(*restoredStore)->messages(inbox.id);
        QCOMPARE(after.size(), before.size());
        for (size_t i = 0; i < before.size(); ++i) {
            QCOMPARE(after[i].uid, before[i].uid);
            QCOMPARE(after[i].flags.toStringList(), before[i].flags.toStringList());
            QCOMPARE(after[i].size, before[i].size);
            QCOMPARE(after[i].guid, before[i].guid);
            QCOMPARE(*(*restoredStore)->readMessage(inbox.id, after[i].uid), message(static_cast<int>(i) + 1));
        }

        auto restoredAccounts
            = AccountStore::open(out + QStringLiteral("/accounts.db"), PasswordHasher(Argon2Params::forTests()));
        BACKUP_VERIFY_OK(restoredAccounts);
        QCOMPARE((*restoredAccounts)->findMailbox(alice)->address, alice);
    }

    void twoPhaseSnapshotNoticesExpungedFiles()
    {
        Data d;
        QVERIFY(fill(d));
        const std::vector<MessageInfo> before = *d.store->messages(d.inbox);

        // Nothing changes between the phases: every file is linked, and the archive holds them.
        const QString staging = d.tmp.filePath(QStringLiteral("staging"));
        Result<PartialSnapshot> partial = beginSnapshot(d.paths, staging);
        BACKUP_VERIFY_OK(partial);
        QCOMPARE(partial->messageFiles.size(), 5);
        BACKUP_VERIFY_OK(d.store->append(d.inbox, message(8), {})); // new files are not taken
        Result<int> vanished = linkMessageFiles(d.paths, staging, partial->messageFiles);
        BACKUP_VERIFY_OK(vanished);
        QCOMPARE(*vanished, 0);
        const QString file = d.tmp.filePath(QStringLiteral("two-phase.tar"));
        BACKUP_VERIFY_OK(writeBackupArchive(staging, partial->manifest, file));
        removeTree(staging);
        Result<BackupManifest> verified = verifyBackupArchive(file);
        BACKUP_VERIFY_OK(verified);
        int messageFiles = 0;
        for (const BackupManifest::File& f : verified->files)
            messageFiles += f.path.startsWith(QLatin1String("store/messages/"));
        QCOMPARE(messageFiles, 5);

        // An expunge between the phases removes a file of the snapshot: it is reported, so
        // the caller takes the whole snapshot at once instead.
        partial = beginSnapshot(d.paths, staging);
        BACKUP_VERIFY_OK(partial);
        BACKUP_VERIFY_OK(d.store->deleteMessages(d.inbox, UidSet { before.front().uid }));
        vanished = linkMessageFiles(d.paths, staging, partial->messageFiles);
        BACKUP_VERIFY_OK(vanished);
        QCOMPARE(*vanished, 1);
        removeTree(staging);
    }

    void damagedFilesAreRefused()
    {
        Data d;
        QVERIFY(fill(d));
        const QString file = d.tmp.filePath(QStringLiteral("backup.tar"));
        BACKUP_VERIFY_OK(backUp(d, file));
        const QByteArray good = readAll(file);

        // One byte of a message's content.
        QByteArray flipped = good;
        const qsizetype at = flipped.indexOf("Subject: message 3");
        QVERIFY(at > 0);
        flipped[at + 3] = 'X';
        const QString bad = d.tmp.filePath(QStringLiteral("flipped.tar"));
        QVERIFY(writeAll(bad, flipped));
        Result<BackupManifest> r = verifyBackupArchive(bad);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QLatin1String("SHA-256")), qPrintable(r.error().message));
        const QString out = d.tmp.filePath(QStringLiteral("out"));
        QVERIFY(!extractBackupArchive(bad, out));
        QVERIFY2(!QFileInfo::exists(out), "a damaged backup was unpacked");

        // Cut short: the manifest (last) is gone.
        const QString cut = d.tmp.filePath(QStringLiteral("cut.tar"));
        QVERIFY(writeAll(cut, good.left(good.size() / 2)));
        r = verifyBackupArchive(cut);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QLatin1String("truncated")), qPrintable(r.error().message));

        // A header byte.
        QByteArray header = good;
        header[10] = static_cast<char>(header[10] ^ 0x20);
        const QString badHeader = d.tmp.filePath(QStringLiteral("header.tar"));
        QVERIFY(writeAll(badHeader, header));
        r = verifyBackupArchive(badHeader);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QLatin1String("checksum")), qPrintable(r.error().message));

        // Not a backup at all.
        const QString text = d.tmp.filePath(QStringLiteral("notes.txt"));
        QVERIFY(writeAll(text, QByteArray(2000, 'a')));
        QVERIFY(!verifyBackupArchive(text));
    }

    void newerVersionsAreRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("format") << QStringLiteral("formatVersion") << QStringLiteral("format version 2");
        QTest::newRow("accounts") << QStringLiteral("accounts") << QStringLiteral("accounts have schema version 99");
        QTest::newRow("store") << QStringLiteral("store") << QStringLiteral("store index have schema version 99");
    }

    void newerVersionsAreRefused()
    {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        BackupManifest m;
        m.tegamiVersion = QStringLiteral("9.0");
        m.createdAt = QDateTime::currentDateTimeUtc();
        m.settingsSchema = 1;
        m.accountsSchema = 3;
        m.storeSchema = 1;
        QJsonObject json = m.toJson();
        if (field == QLatin1String("formatVersion")) {
            json.insert(field, 2);
        } else {
            QJsonObject schemas = json.value(QStringLiteral("schemas")).toObject();
            schemas.insert(field, 99);
            json.insert(QStringLiteral("schemas"), schemas);
        }
        QTemporaryDir tmp;
        const QString file = tmp.filePath(QStringLiteral("future.tar"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        TarWriter writer(out);
        BACKUP_VERIFY_OK(writer.addData(QStringLiteral("manifest.json"), QJsonDocument(json).toJson()));
        BACKUP_VERIFY_OK(writer.finish());
        out.close();
        Result<BackupManifest> r = verifyBackupArchive(file);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(QLatin1String("9.0")), qPrintable(r.error().message));
    }

    void refusesToOverwrite()
    {
        Data d;
        QVERIFY(fill(d));
        const QString file = d.tmp.filePath(QStringLiteral("backup.tar"));
        QVERIFY(writeAll(file, "precious"));
        Result<WrittenBackup> r = backUp(d, file);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::AlreadyExists);
        QCOMPARE(readAll(file), QByteArray("precious"));
    }

    void swapMovesEntriesAndBack()
    {
        QTemporaryDir tmp;
        const QString data = tmp.filePath(QStringLiteral("data"));
        const QString extracted = tmp.filePath(QStringLiteral("extracted"));
        QDir().mkpath(data + QStringLiteral("/store"));
        QDir().mkpath(data + QStringLiteral("/logs"));
        QDir().mkpath(extracted + QStringLiteral("/store"));
        QVERIFY(writeAll(data + QStringLiteral("/settings.json"), "old"));
        QVERIFY(writeAll(data + QStringLiteral("/store/index.db"), "old index"));
        QVERIFY(writeAll(data + QStringLiteral("/logs/log"), "log"));
        QVERIFY(writeAll(extracted + QStringLiteral("/settings.json"), "new"));
        QVERIFY(writeAll(extracted + QStringLiteral("/store/index.db"), "new index"));

        const QString aside = tmp.filePath(QStringLiteral("data/backups/pre-restore-1"));
        BACKUP_VERIFY_OK(swapInRestoredData(data, extracted, aside));
        QCOMPARE(readAll(data + QStringLiteral("/settings.json")), QByteArray("new"));
        QCOMPARE(readAll(data + QStringLiteral("/store/index.db")), QByteArray("new index"));
        QCOMPARE(readAll(data + QStringLiteral("/logs/log")), QByteArray("log"));
        QCOMPARE(readAll(aside + QStringLiteral("/store/index.db")), QByteArray("old index"));

        const QString failed = tmp.filePath(QStringLiteral("data/backups/failed-restore-1"));
        BACKUP_VERIFY_OK(swapBackPreviousData(data, aside, failed));
        QCOMPARE(readAll(data + QStringLiteral("/settings.json")), QByteArray("old"));
        QCOMPARE(readAll(data + QStringLiteral("/store/index.db")), QByteArray("old index"));
        QCOMPARE(readAll(failed + QStringLiteral("/settings.json")), QByteArray("new"));
    }
};

QTEST_GUILESS_MAIN(TestBackupArchive)
#include "TestBackupArchive.moc"
