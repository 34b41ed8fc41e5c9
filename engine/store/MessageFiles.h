#pragma once

#include "core/Result.h"

#include <QString>

#include <vector>

namespace tegami {

// The message files of a store directory:
//   tmp/                     files being written; anything here after a crash is garbage
//   messages/3f/0000003f.eml one immutable file per stored message body, named by file id
//                            and sharded by its low byte so no directory grows too large
// A file is written under tmp/, synced, renamed into messages/ and its directory synced
// before the index row that makes it visible is committed.
class MessageFiles {
public:
    MessageFiles(const QString& storeDir, bool durable);

    // Creates tmp/ and the 256 shard directories.
    Result<void> prepare();

    QString pathFor(qint64 fileId) const;
    QString tmpDir() const { return m_tmp; }
    QString messagesDir() const { return m_messages; }

    // Writes `data` to a new file in tmp/ and syncs it; returns its path.
    Result<QString> stage(const QByteArray& data);
    // Links (or, across file systems, copies) `source` into tmp/ and syncs it.
    Result<QString> stageFile(const QString& source);
    // Renames a staged file to the final name of `fileId`.
    Result<void> publish(const QString& stagedPath, qint64 fileId);
    // Makes published names durable: syncs each affected shard directory once.
    Result<void> syncPublished(const std::vector<qint64>& fileIds);

    void discard(const QString& path); // best effort, for cleanup after a failure
    void remove(qint64 fileId); // after the commit that dropped its last reference

    // Recovery: empties tmp/ and returns how many files it removed.
    int clearTmp();
    // All file ids present under messages/, ascending; `unknown` counts other files.
    std::vector<qint64> scan(int* unknown) const;

private:
    QString shardDir(qint64 fileId) const;
    QString newTmpName();

    QString m_root;
    QString m_tmp;
    QString m_messages;
    bool m_durable;
    quint64 m_counter = 0;
};

} // namespace tegami
