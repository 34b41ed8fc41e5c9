#pragma once

#include "core/Result.h"

#include <QSqlDatabase>

namespace tegami {

// The index schema version this build writes (PRAGMA user_version).
inline constexpr int storeSchemaVersion = 1;

// Brings index.db from whatever version it has up to storeSchemaVersion, one step per
// version, each in its own transaction. Refuses a database written by a newer Tegami.
Result<void> migrateStoreSchema(const QSqlDatabase& db);

} // namespace tegami
