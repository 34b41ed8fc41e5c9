#include "accounts/AccountSchema.h"

#include "accounts/SqlSupport.h"
#include "core/SettingsFile.h"

#include <QFileInfo>
#include <QStringList>

#include <functional>

namespace tegami {

namespace {

using sqlsupport::run;

Result<void> runAll(const QSqlDatabase& db, const QStringList& statements)
{
    for (const QString& sql : statements) {
        Result<QSqlQuery> q = run(db, sql);
        if (!q)
            return q.error();
    }
    return {};
}

// Version 1: domains, mailboxes, aliases and their targets. Addresses are stored in
// normalised form (see EmailAddress), so plain equality is the right comparison.
Result<void> createVersion1(const QSqlDatabase& db)
{
    return runAll(db,
        {
            QStringLiteral("CREATE TABLE domains ("
                           " id INTEGER PRIMARY KEY,"
                           " name TEXT NOT NULL UNIQUE,"
                           " ace TEXT NOT NULL UNIQUE,"
                           " created TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE mailboxes ("
                           " id INTEGER PRIMARY KEY,"
                           " domain_id INTEGER NOT NULL REFERENCES domains(id) ON DELETE RESTRICT,"
                           " address TEXT NOT NULL UNIQUE,"
                           " display_name TEXT NOT NULL DEFAULT '',"
                           " password_hash TEXT NOT NULL,"
                           " quota_bytes INTEGER NOT NULL DEFAULT 0 CHECK (quota_bytes >= 0),"
                           " enabled INTEGER NOT NULL DEFAULT 1,"
                           " protocols TEXT NOT NULL,"
                           " admin INTEGER NOT NULL DEFAULT 0,"
                           " created TEXT NOT NULL,"
                           " password_changed TEXT)"),
            QStringLiteral("CREATE INDEX mailboxes_domain ON mailboxes(domain_id)"),
            QStringLiteral("CREATE TABLE aliases ("
                           " id INTEGER PRIMARY KEY,"
                           " domain_id INTEGER NOT NULL REFERENCES domains(id) ON DELETE RESTRICT,"
                           " address TEXT NOT NULL UNIQUE,"
                           " created TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX aliases_domain ON aliases(domain_id)"),
            QStringLiteral("CREATE TABLE alias_targets ("
                           " alias_id INTEGER NOT NULL REFERENCES aliases(id) ON DELETE CASCADE,"
                           " position INTEGER NOT NULL,"
                           " target TEXT NOT NULL,"
                           " PRIMARY KEY (alias_id, position))"),
            QStringLiteral("CREATE INDEX alias_targets_target ON alias_targets(target)"),
        });
}

// Version 2: the per-mailbox POP3 policy (the Gmail model): which mail POP3 sees (all,
// or only mail that arrived after pop_since) and what happens to a message after a
// client retrieved it (keep, mark read, archive, delete).
Result<void> addPopPolicy(const QSqlDatabase& db)
{
    return runAll(db,
        {
            QStringLiteral("ALTER TABLE mailboxes ADD COLUMN pop_scope TEXT NOT NULL DEFAULT 'all'"),
            QStringLiteral("ALTER TABLE mailboxes ADD COLUMN pop_since TEXT"),
            QStringLiteral("ALTER TABLE mailboxes ADD COLUMN pop_after TEXT NOT NULL DEFAULT 'keep'"),
        });
}

// Version 3: the per-mailbox IMAP options (the Gmail model): expunge at once when a
// message is flagged \Deleted, and what an expunge does (move to Trash or Archive, or
// delete as standard IMAP does).
Result<void> addImapPolicy(const QSqlDatabase& db)
{
    return runAll(db,
        {
            QStringLiteral("ALTER TABLE mailboxes ADD COLUMN imap_auto_expunge INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE mailboxes ADD COLUMN imap_delete TEXT NOT NULL DEFAULT 'delete'"),
        });
}

// Index i migrates from version i to i + 1. A later schema change appends a step here
// and bumps accountsSchemaVersion.
const std::function<Result<void>(const QSqlDatabase&)> migrationSteps[] = {
    createVersion1,
    addPopPolicy,
    addImapPolicy,
};
static_assert(std::size(migrationSteps) == accountsSchemaVersion);

} // namespace

Result<void> migrateAccountsSchema(const QSqlDatabase& db)
{
    Result<QVariant> current = sqlsupport::scalar(db, QStringLiteral("PRAGMA user_version"), {}, 0);
    if (!current)
        return current.error();
    const int from = current->toInt();
    if (from > accountsSchemaVersion) {
        return Error::invalid(QStringLiteral("accounts.db"),
            QStringLiteral("the accounts database has schema version %1 but this Tegami only knows "
                           "up to %2: it was written by a newer release; upgrade Tegami or restore "
                           "a backup made by this release")
                .arg(from)
                .arg(accountsSchemaVersion));
    }
    if (from == accountsSchemaVersion)
        return {};

    // An existing database is copied aside first (a new, empty one has nothing to lose), so
    // that a failed step, or one after earlier steps committed, puts it back as it was.
    std::optional<UpgradeBackup> copy;
    Result<QVariant> tables = sqlsupport::scalar(db, QStringLiteral("SELECT COUNT(*) FROM sqlite_master"), {}, 0);
    if (!tables)
        return tables.error();
    const QString file = QFileInfo(db.databaseName()).absoluteFilePath();
    if (from > 0 || tables->toInt() > 0) {
        // The copy is of the main file: first move every committed change out of the WAL.
        if (Result<QSqlQuery> q = run(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")); !q)
            return q.error();
        Result<UpgradeBackup> taken = UpgradeBackup::take(QFileInfo(file).absolutePath() + QStringLiteral("/backups"),
            QStringLiteral("accounts"), from, accountsSchemaVersion, { file });
        if (!taken)
            return taken.error();
        copy = std::move(*taken);
    }

    for (int version = from; version < accountsSchemaVersion; ++version) {
        const Result<void> stepped = [&]() -> Result<void> {
            sqlsupport::WriteTransaction tx(db);
            if (Result<void> r = tx.begin(); !r)
                return r;
            if (testing::failAccountsMigrationFrom == version)
                return Error::io(QStringLiteral("failure injected by a test"));
            if (Result<void> r = migrationSteps[version](db); !r)
                return r;
            // PRAGMA does not take bound parameters; the value is our own integer.
            if (Result<QSqlQuery> q = run(db, QStringLiteral("PRAGMA user_version = %1").arg(version + 1)); !q)
                return q.error();
            return tx.commit();
        }(); // the transaction is rolled back here when the step failed
        if (stepped)
            continue;
        const QString reason = QStringLiteral("step %1 to %2 of %3: %4")
                                   .arg(version)
                                   .arg(version + 1)
                                   .arg(file, stepped.error().message);
        if (!copy) {
            return Error::io(QStringLiteral("cannot create the accounts database %1 (schema version %2): %3")
                                 .arg(file)
                                 .arg(accountsSchemaVersion)
                                 .arg(stepped.error().message));
        }
        // Close the connection (the caller's handle shares it) so the file can be replaced.
        QSqlDatabase handle = db;
        handle.close();
        const Result<void> restored = copy->restore();
        return Error::io(upgradeFailureMessage(
            QStringLiteral("accounts database"), from, accountsSchemaVersion, reason, *copy, restored));
    }
    return {};
}

namespace testing {
int failAccountsMigrationFrom = -1;
} // namespace testing

} // namespace tegami
