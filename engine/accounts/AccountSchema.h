#pragma once

// Internal to engine/accounts: the accounts database schema and its migrations.

#include "core/Result.h"

#include <QSqlDatabase>

namespace tegami {

// The schema version this build writes, kept in PRAGMA user_version.
inline constexpr int accountsSchemaVersion = 3;

// Brings the database to accountsSchemaVersion, one step per version, each step in its
// own transaction together with the version bump. A database from a newer Tegami is
// refused rather than guessed at.
Result<void> migrateAccountsSchema(const QSqlDatabase& db);

} // namespace tegami
