#pragma once

#include "core/DataPaths.h"
#include "core/Result.h"

#include <QStringList>

#include "backup/BackupManifest.h"

namespace tegami {

// Takes a consistent copy of a data directory's contents into stagingDir (which must not
// exist; create it on the same file system, e.g. under DATA/backups/). Call it on the
// service's thread: everything that changes the data (deliveries, expunges, spool commits,
// settings and certificate changes) runs there, so nothing interleaves with the copy and
// the result is the state at one instant, as a crash at that instant would have left it.
//
// What is taken, and how (all cheap, so the event loop pauses briefly):
//   settings.json            copied
//   accounts.db              VACUUM INTO (a consistent copy without the WAL)
//   certs/**                 copied (certificates, private keys, pending requests)
//   store/index.db           VACUUM INTO
//   store/messages/**        the files the copied index references, hard-linked: message
//                            files are immutable once written, so a link keeps exactly the
//                            snapshot's bytes even if the message is expunged meanwhile
//   queue/messages/**, queue/damaged/**
//                            hard-linked: accepted mail not yet delivered is part of the
//                            backup (a .json state file is replaced by rename, never
//                            rewritten in place, so the link keeps the snapshot's version)
// Where a link is impossible (another file system, FAT) the file is copied.
// Not taken: logs, queue/incoming (never acknowledged), backups/, the lock and socket.
//
// Returns the manifest without its file list (the archive writer adds it).
Result<BackupManifest> takeSnapshot(const DataPaths& paths, const QString& stagingDir);

// The same in two phases, so that the engine's thread pauses only for the databases: a
// message file is immutable and its name is never reused (file ids only grow), so linking
// it later from another thread gives exactly the snapshot's bytes — unless it was removed
// in between (its last message expunged). linkMessageFiles() says how many vanished; when
// any did, discard the staging directory and take the snapshot with takeSnapshot().
struct PartialSnapshot {
    BackupManifest manifest;
    QStringList messageFiles; // relative to the data directory, still to be linked
};
Result<PartialSnapshot> beginSnapshot(const DataPaths& paths, const QString& stagingDir); // engine thread
Result<int> linkMessageFiles(const DataPaths& paths, const QString& stagingDir, const QStringList& messageFiles);

// Removes a staging or extraction directory (best effort; used after success and failure).
void removeTree(const QString& dir);

} // namespace tegami
