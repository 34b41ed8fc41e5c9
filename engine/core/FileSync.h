#pragma once

#include "core/Result.h"

class QFileDevice;

namespace tegami::platform {

// The only place the engine makes OS calls for durability (the store, the certificate
// store, settings), so a Windows port changes this file alone (FlushFileBuffers,
// CreateHardLinkW).

// Flushes Qt's buffer and the file's data and metadata to stable storage.
Result<void> syncFile(QFileDevice& file);

// Makes entries created, renamed or removed in `dir` durable (on POSIX a rename is only
// durable once its directory is synced).
Result<void> syncDirectory(const QString& dir);

// Creates `newPath` as a second name of `existing`. Fails (with `error` set) when the file
// system cannot do it, e.g. across devices; callers then copy.
bool hardLink(const QString& existing, const QString& newPath, QString* error);

} // namespace tegami::platform
