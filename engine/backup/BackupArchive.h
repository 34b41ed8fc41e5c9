#pragma once

#include "core/Result.h"

#include <QString>

#include <atomic>

#include "backup/BackupManifest.h"

namespace tegami {

// Writing, checking and unpacking backup files. None of these touch the live data
// directory, so they run on a worker thread while the service keeps serving. `cancel`,
// when given and set (the service is stopping), ends them early with an error.

struct WrittenBackup {
    BackupManifest manifest; // with the file list
    qint64 bytes = 0; // size of the backup file
};

// Packs stagingDir (see takeSnapshot) into outputPath: a tar of every file with
// manifest.json last. The file is written under a temporary name beside it, owner-only
// (0600: it holds private keys and password hashes), synced, and renamed into place, so a
// failure never leaves a truncated file under the requested name. Refuses an existing
// outputPath.
Result<WrittenBackup> writeBackupArchive(const QString& stagingDir, BackupManifest manifest, const QString& outputPath,
    const std::atomic<bool>* cancel = nullptr);

// Reads the whole file and checks every header, every file's SHA-256 against the
// manifest, that nothing is missing or extra, and that the format and schema versions
// are ones this Tegami can restore. Changes nothing.
Result<BackupManifest> verifyBackupArchive(const QString& path, const std::atomic<bool>* cancel = nullptr);

// Verifies, then unpacks into destDir (created; must not exist), checking each file's hash
// again as it is written and the SQLite databases' integrity. On failure destDir is removed.
Result<BackupManifest> extractBackupArchive(
    const QString& path, const QString& destDir, const std::atomic<bool>* cancel = nullptr);

} // namespace tegami
