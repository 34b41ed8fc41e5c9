#include "store/StoreSchema.h"

#include "core/SettingsFile.h"
#include "store/SqlUtil.h"

#include <QDir>
#include <QFileInfo>

#include <optional>

namespace tegami {

namespace {

// Version 1. Counters on folders are kept by triggers so LIST/STATUS never scan messages.
// Message files are shared by copies: a `files` row lives as long as some message row
// references it, and AUTOINCREMENT keeps file names from ever being reused.
const char* const schemaV1[] = {
    R"(CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    ) WITHOUT ROWID)",
    R"(CREATE TABLE folders (
        id INTEGER PRIMARY KEY,
        owner TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '',
        uid_validity INTEGER NOT NULL,
        uid_next INTEGER NOT NULL DEFAULT 1,
        highest_modseq INTEGER NOT NULL DEFAULT 1,
        selectable INTEGER NOT NULL DEFAULT 1,
        message_count INTEGER NOT NULL DEFAULT 0,
        unseen_count INTEGER NOT NULL DEFAULT 0,
        size_bytes INTEGER NOT NULL DEFAULT 0,
        UNIQUE (owner, name)
    ))",
    "CREATE UNIQUE INDEX folders_role ON folders (owner, role) WHERE role <> ''",
    R"(CREATE TABLE subscriptions (
        owner TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (owner, name)
    ) WITHOUT ROWID)",
    R"(CREATE TABLE files (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        size INTEGER NOT NULL
    ))",
    R"(CREATE TABLE messages (
        folder_id INTEGER NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
        uid INTEGER NOT NULL,
        file_id INTEGER NOT NULL REFERENCES files (id),
        flags INTEGER NOT NULL DEFAULT 0,
        keywords TEXT,
        internal_date INTEGER NOT NULL,
        size INTEGER NOT NULL,
        modseq INTEGER NOT NULL,
        guid INTEGER NOT NULL,
        PRIMARY KEY (folder_id, uid)
    ) WITHOUT ROWID)",
    "CREATE INDEX messages_file ON messages (file_id)",
    "CREATE INDEX messages_modseq ON messages (folder_id, modseq)",
    // TODO(tegami): expunged rows are never pruned; keep a per-folder "oldest modseq
    // remembered" and prune past it once QRESYNC lands (clients older than it resync fully).
    R"(CREATE TABLE expunged (
        folder_id INTEGER NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
        uid INTEGER NOT NULL,
        modseq INTEGER NOT NULL,
        PRIMARY KEY (folder_id, uid)
    ) WITHOUT ROWID)",
    R"(CREATE TRIGGER messages_counted_in AFTER INSERT ON messages BEGIN
        UPDATE folders SET message_count = message_count + 1, size_bytes = size_bytes + NEW.size,
                           unseen_count = unseen_count + ((NEW.flags & 1) = 0)
        WHERE id = NEW.folder_id;
    END)",
    R"(CREATE TRIGGER messages_counted_out AFTER DELETE ON messages BEGIN
        UPDATE folders SET message_count = message_count - 1, size_bytes = size_bytes - OLD.size,
                           unseen_count = unseen_count - ((OLD.flags & 1) = 0)
        WHERE id = OLD.folder_id;
    END)",
    R"(CREATE TRIGGER messages_seen_changed AFTER UPDATE OF flags ON messages
       WHEN (OLD.flags & 1) <> (NEW.flags & 1) AND OLD.folder_id = NEW.folder_id BEGIN
        UPDATE folders SET unseen_count = unseen_count + ((NEW.flags & 1) = 0) - ((OLD.flags & 1) = 0)
        WHERE id = NEW.folder_id;
    END)",
    // MOVE re-homes a row (same file, same GUID) rather than copying it.
    R"(CREATE TRIGGER messages_moved AFTER UPDATE OF folder_id ON messages
       WHEN OLD.folder_id <> NEW.folder_id BEGIN
        UPDATE folders SET message_count = message_count - 1, size_bytes = size_bytes - OLD.size,
                           unseen_count = unseen_count - ((OLD.flags & 1) = 0)
        WHERE id = OLD.folder_id;
        UPDATE folders SET message_count = message_count + 1, size_bytes = size_bytes + NEW.size,
                           unseen_count = unseen_count + ((NEW.flags & 1) = 0)
        WHERE id = NEW.folder_id;
    END)",
};

struct Migration {
    int toVersion;
    const char* const* statements;
    size_t count;
};

const Migration migrations[] = {
    { 1, schemaV1, sizeof(schemaV1) / sizeof(schemaV1[0]) },
};

Result<int> userVersion(const QSqlDatabase& db)
{
    auto q = runSql(db, QStringLiteral("PRAGMA user_version"));
    if (!q)
        return q.error();
    if (!q->next())
        return sqlError(*q, QStringLiteral("reading the schema version"));
    return q->value(0).toInt();
}

} // namespace

Result<void> migrateStoreSchema(const QSqlDatabase& db)
{
    auto version = userVersion(db);
    if (!version)
        return version.error();
    if (*version > storeSchemaVersion) {
        return Error::invalid(QStringLiteral("store"),
            QStringLiteral("the store index has schema version %1 but this Tegami only knows up to "
                           "%2; it was written by a newer Tegami: upgrade Tegami or restore a backup")
                .arg(*version)
                .arg(storeSchemaVersion));
    }
    if (*version == storeSchemaVersion)
        return {};

    // An existing index is copied aside first (a new, empty one has nothing to lose). The
    // message files are never changed by a schema step, so the index is all there is to keep.
    const int from = *version;
    const QString file = QFileInfo(db.databaseName()).absoluteFilePath();
    std::optional<UpgradeBackup> copy;
    bool existing = from > 0;
    if (!existing) {
        auto tables = runSql(db, QStringLiteral("SELECT COUNT(*) FROM sqlite_master"));
        if (!tables)
            return tables.error();
        existing = tables->next() && tables->value(0).toInt() > 0;
    }
    {
        if (existing) {
            if (auto r = runSql(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")); !r)
                return r.error();
            // DATA/store/index.db -> DATA/backups
            QDir data = QFileInfo(file).absoluteDir();
            data.cdUp();
            Result<UpgradeBackup> taken = UpgradeBackup::take(data.absoluteFilePath(QStringLiteral("backups")),
                QStringLiteral("store"), from, storeSchemaVersion, { file });
            if (!taken)
                return taken.error();
            copy = std::move(*taken);
        }
    }

    for (const Migration& m : migrations) {
        if (m.toVersion <= from)
            continue;
        const Result<void> stepped = [&]() -> Result<void> {
            SqlTransaction tx(db);
            if (auto r = tx.begin(); !r)
                return r.error();
            for (size_t i = 0; i < m.count; ++i) {
                QSqlQuery q(db);
                if (!q.exec(QString::fromUtf8(m.statements[i])))
                    return sqlError(q, QStringLiteral("upgrading the store schema to version %1").arg(m.toVersion));
            }
            if (testing::failStoreMigrationTo == m.toVersion)
                return Error::io(QStringLiteral("failure injected by a test"));
            {
                QSqlQuery q(db);
                // PRAGMA takes no bound parameters; the value is our own constant.
                if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(m.toVersion)))
                    return sqlError(q, QStringLiteral("recording schema version %1").arg(m.toVersion));
            }
            return tx.commit();
        }(); // rolled back here when the step failed
        if (stepped)
            continue;
        if (!copy)
            return stepped.error();
        QSqlDatabase handle = db;
        handle.close();
        const Result<void> restored = copy->restore();
        return Error::io(upgradeFailureMessage(QStringLiteral("mail store index %1").arg(file), from,
            storeSchemaVersion, stepped.error().message, *copy, restored));
    }
    return {};
}

namespace testing {
int failStoreMigrationTo = -1;
} // namespace testing

} // namespace tegami
