#pragma once

#include "core/Result.h"

#include <QSqlDatabase>

namespace tegami {

// The index schema version this build writes (PRAGMA user_version).
inline constexpr int storeSchemaVersion = 1;

// Brings index.db from whatever version it has up to storeSchemaVersion, one step per
// version, each in its own transaction. Refuses a database written by a newer Tegami.
// An existing index is first copied to DATA/backups/pre-upgrade-store-<from>-<to>-<time>/
// (DATA being the store directory's parent); when a step fails, the connection is closed,
// the copy is put back byte for byte, and the error names the versions, the reason and
// the copy's location.
Result<void> migrateStoreSchema(const QSqlDatabase& db);

namespace testing {
// For tests: the step to this version fails after its statements ran (-1: none).
extern int failStoreMigrationTo;
} // namespace testing

} // namespace tegami
