#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace tegami {

// The entries of a data directory that a restore replaces: everything a backup holds and
// the files SQLite and the settings keep beside them. Logs, backups/, the lock file and
// the control socket stay.
QStringList restoredDataEntries();

// Replaces the data directory's entries with those of extractedDir (an unpacked backup on
// the same file system), moving the current ones into asideDir (created). Only renames,
// so it is quick and needs no space. Everything it moved is moved back when a step fails.
// The service must have closed every file and database of the data directory first.
Result<void> swapInRestoredData(const QString& dataDir, const QString& extractedDir, const QString& asideDir);

// Undoes swapInRestoredData after the restored data failed to open: the restored entries
// go to failedDir, the previous ones come back from asideDir.
Result<void> swapBackPreviousData(const QString& dataDir, const QString& asideDir, const QString& failedDir);

} // namespace tegami
