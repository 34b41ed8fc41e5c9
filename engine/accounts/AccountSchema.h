#pragma once

// Internal to engine/accounts: the accounts database schema and its migrations.

#include "core/Result.h"

#include <QSqlDatabase>

namespace tegami {

// The schema version this build writes, kept in PRAGMA user_version.
inline constexpr int accountsSchemaVersion = 3;

// Brings the database to accountsSchemaVersion, one step per version, each step in its
// own transaction together with the version bump. A database from a newer Tegami is
// refused rather than guessed at. An existing database is first copied to
// <its directory>/backups/pre-upgrade-accounts-<from>-<to>-<time>/; when a step fails, the
// connection is closed, the copy is put back byte for byte, and the error names the
// versions, the reason and the copy's location.
Result<void> migrateAccountsSchema(const QSqlDatabase& db);

namespace testing {
// For tests: the step from this version fails as a broken migration would (-1: none).
extern int failAccountsMigrationFrom;
} // namespace testing

} // namespace tegami
