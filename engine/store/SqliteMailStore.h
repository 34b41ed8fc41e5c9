#pragma once

#include "core/Clock.h"
#include "store/MailStore.h"
#include "store/MessageFiles.h"

#include <QLockFile>
#include <QSqlDatabase>

#include <memory>

namespace tegami {

enum class Durability {
    Full, // an acknowledged change survives kill -9 and power loss (the default)
    Relaxed, // no fsync: only for bulk loads and benchmarks whose data can be recreated
};

struct StoreOptions {
    Durability durability = Durability::Full;
    const Clock* clock = nullptr; // internal dates and UIDVALIDITY; nullptr: the system clock
};

// The real store: a directory holding index.db (SQLite, WAL, synchronous=FULL) and one file
// per message under messages/ (see MessageFiles). A COPY shares the file: the index keeps
// one `files` row per file and the file is removed once no message references it, which
// works on every file system (no hard links needed) and makes COPY a pure index operation.
//
// open() takes a lock file, so only one SqliteMailStore uses a directory at a time (across
// processes too), and recovers from an unclean stop: files in tmp/ and message files with
// no index row were never acknowledged and are removed; index rows whose file is missing
// are corruption, logged and counted in recoveryReport(), never hidden.
//
// Not thread-safe: use it from the thread that opened it.
class SqliteMailStore final : public MailStore {
public:
    static Result<std::unique_ptr<SqliteMailStore>> open(const QString& dir, const StoreOptions& options = {});
    ~SqliteMailStore() override;
    SqliteMailStore(const SqliteMailStore&) = delete;
    SqliteMailStore& operator=(const SqliteMailStore&) = delete;

    QString directory() const { return m_dir; }
    const RecoveryReport& recoveryReport() const { return m_recovery; }
    // The file holding a message, for callers that stream it themselves.
    Result<QString> messagePath(qint64 folderId, quint32 uid);

    StoreNotifier* notifier() override { return m_notifier.get(); }

    Result<void> ensureOwner(const QString& owner) override;
    Result<std::vector<FolderInfo>> listFolders(const QString& owner) override;
    Result<FolderInfo> folder(qint64 folderId) override;
    Result<FolderInfo> findFolder(const QString& owner, const QString& name) override;
    Result<FolderInfo> findFolderByRole(const QString& owner, SpecialUse role) override;
    Result<FolderInfo> createFolder(const QString& owner, const QString& name, SpecialUse role) override;
    Result<void> deleteFolder(const QString& owner, const QString& name) override;
    Result<void> renameFolder(const QString& owner, const QString& from, const QString& to) override;
    Result<void> removeOwner(const QString& owner) override;
    Result<void> subscribe(const QString& owner, const QString& name) override;
    Result<void> unsubscribe(const QString& owner, const QString& name) override;
    Result<QStringList> subscriptions(const QString& owner) override;
    Result<Usage> usage(const QString& owner) override;

    Result<AppendResult> append(qint64 folderId, const QByteArray& message, const AppendOptions& options) override;
    Result<AppendResult> appendFile(qint64 folderId, const QString& path, const AppendOptions& options) override;
    Result<std::vector<AppendResult>> appendBatch(qint64 folderId, const std::vector<AppendRequest>& requests) override;
    Result<std::vector<MessageInfo>> messages(qint64 folderId) override;
    Result<std::vector<MessageInfo>> messages(qint64 folderId, const UidSet& uids) override;
    Result<std::vector<MessageInfo>> changedSince(qint64 folderId, quint64 modSeq) override;
    Result<std::vector<quint32>> expungedSince(qint64 folderId, quint64 modSeq) override;
    Result<MessageInfo> message(qint64 folderId, quint32 uid) override;
    Result<QByteArray> readMessage(qint64 folderId, quint32 uid) override;
    Result<std::unique_ptr<QIODevice>> openMessage(qint64 folderId, quint32 uid) override;
    Result<StoreFlagsResult> storeFlags(qint64 folderId, const UidSet& uids, FlagMode mode, const QStringList& flags,
        std::optional<quint64> unchangedSince) override;
    Result<CopyResult> copy(
        qint64 sourceFolderId, const UidSet& uids, qint64 targetFolderId, qint64 quotaBytes) override;
    Result<MoveResult> move(qint64 sourceFolderId, const UidSet& uids, qint64 targetFolderId) override;
    Result<ExpungeResult> expunge(qint64 folderId, const std::optional<UidSet>& uids) override;
    Result<ExpungeResult> deleteMessages(qint64 folderId, const UidSet& uids) override;

private:
    // A message row with what the index knows beyond MessageInfo.
    struct StoredMessage {
        MessageInfo info;
        qint64 fileId = 0;
    };
    // A message ready to be indexed: its file is synced in tmp/.
    struct StagedMessage {
        QString tmpPath;
        qint64 size = 0;
        MessageFlags flags;
        qint64 internalDate = 0; // seconds since the epoch, UTC
    };

    SqliteMailStore(const QString& dir, const StoreOptions& options);
    Result<void> openIndex();
    Result<void> recover();

    // Folders (SqliteMailStoreFolders.cpp).
    Result<void> checkOwner(const QString& owner) const;
    Result<FolderInfo> loadFolder(qint64 folderId);
    Result<FolderInfo> loadSelectableFolder(qint64 folderId);
    Result<std::optional<FolderInfo>> loadFolderByName(const QString& owner, const QString& normalized);
    Result<quint32> allocateUidValidity();
    Result<qint64> insertFolder(const QString& owner, const QString& name, SpecialUse role);
    Result<void> createMissingParents(const QString& owner, const QString& name);
    Result<bool> hasChildFolders(const QString& owner, const QString& name);
    // Moves INBOX's messages to a new folder `to`; returns INBOX's new modseq (0: it was empty).
    Result<quint64> renameInbox(const FolderInfo& inbox, const QString& owner, const QString& to);

    // Messages (SqliteMailStoreMessages.cpp, SqliteMailStoreChanges.cpp).
    Result<std::vector<AppendResult>> appendStaged(
        qint64 folderId, std::vector<StagedMessage>& staged, const AppendOptions& limits);
    Result<StagedMessage> stageBytes(const QByteArray& message, const AppendOptions& options);
    Result<std::vector<StoredMessage>> selectMessages(qint64 folderId, const UidSet& uids, const QString& extraWhere);
    Result<StoredMessage> selectMessage(qint64 folderId, quint32 uid);
    Result<void> checkQuota(
        const QString& owner, qint64 addBytes, qint64 addMessages, qint64 quotaBytes, qint64 quotaMessages);
    // Deletes the rows (recording them as expunged when `recordExpunged`) and returns the
    // files that lost their last reference, to remove once the transaction committed.
    Result<std::vector<qint64>> removeRows(
        qint64 folderId, const std::vector<StoredMessage>& rows, quint64 modSeq, bool recordExpunged);
    // Drops `candidates` from `files` where no message references them any more; returns those.
    Result<std::vector<qint64>> releaseFiles(const std::vector<qint64>& candidates);
    Result<ExpungeResult> removeMessages(qint64 folderId, const UidSet& uids, bool onlyDeleted);
    Result<void> setFolderCounters(qint64 folderId, quint32 uidNext, quint64 highestModSeq);
    void removeFiles(const std::vector<qint64>& fileIds);
    quint64 newGuid() const;
    qint64 nowSecs() const;

    QString m_dir;
    QString m_connectionName;
    QSqlDatabase m_db;
    StoreOptions m_options;
    const Clock* m_clock;
    MessageFiles m_files;
    QLockFile m_lock;
    RecoveryReport m_recovery;
    std::unique_ptr<StoreNotifier> m_notifier;
};

} // namespace tegami
