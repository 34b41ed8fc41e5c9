#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

// File operations of the certificate store: every entry is written into a staging
// directory and renamed into place, so a crash leaves an entry either complete or absent.
namespace tegami::tlsfiles {

// Creates `path` (which must not exist) readable and writable by the owner only, writes
// `data` and syncs it to disk.
Result<void> writePrivateFile(const QString& path, const QByteArray& data);

// Reads a file of at most maxBytes.
Result<QByteArray> readFile(const QString& path, qint64 maxBytes);

// Creates `path` (parents included) and restricts it to the owner (0700).
Result<void> ensurePrivateDir(const QString& path);

// A new, empty, owner-only directory "<parent>/.tmp-<random>".
Result<QString> createStagingDir(const QString& parent);

// Syncs `staging`, renames it to `target` (which must not exist) and syncs the parent.
// On failure `staging` is removed.
Result<void> publishDir(const QString& staging, const QString& target);

// Renames `path` out of the way, syncs its parent, then deletes it: the entry vanishes
// atomically even if the deletion is interrupted (leftovers are cleaned on the next open).
Result<void> removeDir(const QString& path);

// Removes staging and trash directories an interrupted operation left in `parent`.
void removeLeftovers(const QString& parent);

// True when the file can be read or written by anyone but its owner.
bool accessibleByOthers(const QString& path);
bool restrictToOwner(const QString& path);

} // namespace tegami::tlsfiles
