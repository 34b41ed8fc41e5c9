#pragma once

#include "core/Result.h"
#include "store/StoreTypes.h"

#include <QIODevice>

#include <memory>
#include <optional>
#include <vector>

namespace tegami {

class StoreNotifier;

// The mail store as protocol sessions see it, so they can be tested against a fake.
//
// Owners are account addresses ("alice@example.com"); the store does not consult the
// accounts database. Folder names use '/' as the hierarchy separator; "INBOX" is matched
// case-insensitively. Within a folder UIDs only ascend and are never reused while its
// UIDVALIDITY stays; every change (append, flags, expunge) raises the folder's modseq.
//
// Implementations are used from one thread (the engine's) and are not thread-safe.
class MailStore {
public:
    virtual ~MailStore() = default;

    virtual StoreNotifier* notifier() = 0;

    // ----- folders -----------------------------------------------------------------------
    // Creates INBOX and the special-use folders (Sent, Drafts, Trash, Junk, Archive) that the
    // owner lacks, subscribed. A folder already called e.g. "Sent" without a role gets it.
    // Idempotent; call it when an account is created or logs in.
    virtual Result<void> ensureOwner(const QString& owner) = 0;

    // All folders of the owner, INBOX first, then by name.
    virtual Result<std::vector<FolderInfo>> listFolders(const QString& owner) = 0;
    virtual Result<FolderInfo> folder(qint64 folderId) = 0;
    virtual Result<FolderInfo> findFolder(const QString& owner, const QString& name) = 0;
    virtual Result<FolderInfo> findFolderByRole(const QString& owner, SpecialUse role) = 0;

    // IMAP CREATE: missing parents are created too; a trailing '/' is ignored. Creating a
    // \Noselect folder makes it selectable again (with a new UIDVALIDITY).
    virtual Result<FolderInfo> createFolder(const QString& owner, const QString& name, SpecialUse role) = 0;

    // IMAP DELETE: INBOX cannot be deleted. A folder with children is not removed: its
    // messages are and it becomes \Noselect; deleting a \Noselect folder that still has
    // children is an error. Subscriptions are kept (RFC 3501 6.3.9).
    virtual Result<void> deleteFolder(const QString& owner, const QString& name) = 0;

    // IMAP RENAME: children move along, missing parents of `to` are created, subscriptions
    // follow. Renaming INBOX moves its messages to `to` and leaves INBOX (and its children)
    // in place, empty.
    virtual Result<void> renameFolder(const QString& owner, const QString& from, const QString& to) = 0;

    // Subscriptions are names, and may name folders that do not exist (RFC 3501 6.3.6).
    // Deletes every folder, message and subscription of an owner (a removed mailbox), so an
    // account created later with the same address starts empty (with new UIDVALIDITYs).
    virtual Result<void> removeOwner(const QString& owner) = 0;

    virtual Result<void> subscribe(const QString& owner, const QString& name) = 0;
    virtual Result<void> unsubscribe(const QString& owner, const QString& name) = 0;
    virtual Result<QStringList> subscriptions(const QString& owner) = 0;

    // Storage used by the owner over all folders (a copied message counts in each folder).
    virtual Result<Usage> usage(const QString& owner) = 0;

    // ----- messages ----------------------------------------------------------------------
    // Stores the message durably before returning success. Bare LF line endings become CRLF.
    // Fails with QuotaExceeded when the owner's usage plus this message passes the limits in
    // `options`.
    virtual Result<AppendResult> append(qint64 folderId, const QByteArray& message, const AppendOptions& options) = 0;
    // The same for a message already in a file (the SMTP spool); the file is linked or copied,
    // never moved, so the caller removes it after success.
    virtual Result<AppendResult> appendFile(qint64 folderId, const QString& path, const AppendOptions& options) = 0;
    // Several messages in one transaction: all are stored or none. Quota is checked for the
    // batch as a whole against the limits of the first request.
    virtual Result<std::vector<AppendResult>> appendBatch(qint64 folderId, const std::vector<AppendRequest>& requests)
        = 0;

    // Messages in ascending UID order.
    virtual Result<std::vector<MessageInfo>> messages(qint64 folderId) = 0;
    virtual Result<std::vector<MessageInfo>> messages(qint64 folderId, const UidSet& uids) = 0;
    // Messages whose modseq is greater than `modSeq` (CONDSTORE CHANGEDSINCE).
    virtual Result<std::vector<MessageInfo>> changedSince(qint64 folderId, quint64 modSeq) = 0;
    // UIDs expunged with a modseq greater than `modSeq` (QRESYNC VANISHED), ascending.
    virtual Result<std::vector<quint32>> expungedSince(qint64 folderId, quint64 modSeq) = 0;
    virtual Result<MessageInfo> message(qint64 folderId, quint32 uid) = 0;

    virtual Result<QByteArray> readMessage(qint64 folderId, quint32 uid) = 0;
    // The message opened for reading, for streaming large messages.
    virtual Result<std::unique_ptr<QIODevice>> openMessage(qint64 folderId, quint32 uid) = 0;

    // IMAP STORE. UIDs that do not exist are skipped. With `unchangedSince`, messages whose
    // modseq is higher are left alone and reported in `modified`.
    virtual Result<StoreFlagsResult> storeFlags(qint64 folderId, const UidSet& uids, FlagMode mode,
        const QStringList& flags, std::optional<quint64> unchangedSince)
        = 0;

    // IMAP COPY: flags and internal dates are kept; the file is shared, not duplicated.
    // `quotaBytes` is the target owner's limit (0 = unlimited).
    virtual Result<CopyResult> copy(qint64 sourceFolderId, const UidSet& uids, qint64 targetFolderId, qint64 quotaBytes)
        = 0;
    // IMAP MOVE: copy and expunge in one transaction.
    virtual Result<MoveResult> move(qint64 sourceFolderId, const UidSet& uids, qint64 targetFolderId) = 0;

    // IMAP EXPUNGE / UID EXPUNGE: removes messages flagged \Deleted (only those in `uids` when
    // given).
    virtual Result<ExpungeResult> expunge(qint64 folderId, const std::optional<UidSet>& uids) = 0;
    // POP3 deletion: removes the messages whatever their flags.
    virtual Result<ExpungeResult> deleteMessages(qint64 folderId, const UidSet& uids) = 0;
};

} // namespace tegami
