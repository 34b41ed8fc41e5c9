#pragma once

#include "core/Result.h"
#include "imap/ImapSequenceSet.h"
#include "store/StoreTypes.h"

#include <QByteArray>
#include <QList>

#include <vector>

namespace tegami {

class ImapSessionRegistry;
class MailStore;

// One message as this session knows it. Sequence numbers are positions in the session's
// own list, which changes only when the session itself announces EXISTS or EXPUNGE, so
// numbers never disagree with what the client was told.
struct ImapMessage {
    MessageInfo info; // as last reported (flags, modseq)
    bool recent = false; // \Recent for this session
    bool expunged = false; // gone from the store; EXPUNGE not sent yet (RFC 3501 7.4.1)
};

// The selected mailbox of one session: a snapshot of its UIDs and flags, and the work of
// bringing it up to date with the store (other sessions, SMTP delivery, this session's own
// changes) as untagged responses:
//   - flag changes as "* n FETCH (FLAGS (...) UID u [MODSEQ (m)])", at any time;
//   - new messages as "* n EXISTS" and "* n RECENT", at any time;
//   - expunged messages as "* n EXPUNGE" only when the caller allows it (not during FETCH,
//     STORE or SEARCH); until then they keep their sequence numbers, marked expunged.
class ImapSelectedMailbox {
public:
    // Loads the folder's messages. Read-write opens claim the \Recent of new messages.
    static Result<ImapSelectedMailbox> open(
        MailStore& store, ImapSessionRegistry& registry, const FolderInfo& folder, bool readOnly);

    qint64 folderId() const { return m_folder.id; }
    const FolderInfo& folder() const { return m_folder; } // as at SELECT (name, role, UIDVALIDITY)
    bool readOnly() const { return m_readOnly; }
    quint64 highestModSeq() const { return m_modSeq; } // what this session has caught up to
    quint32 uidNext() const { return m_uidNext; }

    const std::vector<ImapMessage>& messages() const { return m_messages; }
    quint32 count() const { return static_cast<quint32>(m_messages.size()); }
    quint32 highestUid() const { return m_messages.empty() ? 0 : m_messages.back().info.uid; }
    quint32 recentCount() const;
    quint32 firstUnseen() const; // sequence number, 0 if none
    QStringList keywords() const; // keywords in use, for the FLAGS response

    // Positions (0-based) named by a sequence set of sequence numbers or UIDs, ascending.
    // Sequence numbers above the message count are an error (`error` says why); UIDs that do
    // not exist are skipped.
    std::vector<qsizetype> resolve(const ImapSequenceSet& set, bool uid, QString* error) const;
    qsizetype indexOfUid(quint32 uid) const; // -1 when not in the list

    // This session changed a message itself and reports it itself.
    void updateMessage(const FlagUpdate& update);

    // The store changed (StoreNotifier): sync() has work to do.
    void markDirty() { m_dirty = true; }
    bool isDirty() const { return m_dirty; }
    bool hasPendingExpunges() const { return m_pendingExpunges > 0; }

    // Brings the snapshot up to date and returns the untagged responses to send (without
    // "* " and CRLF), in order. `condstore`: FETCH updates carry MODSEQ.
    Result<QList<QByteArray>> sync(MailStore& store, ImapSessionRegistry& registry, bool allowExpunge, bool condstore);

    // An unsolicited or STORE FETCH response for the message at `index`:
    // "n FETCH (FLAGS (...) UID u MODSEQ (m))", each part only when asked for.
    QByteArray flagsResponse(qsizetype index, bool withFlags, bool withUid, bool condstore) const;

private:
    QList<QByteArray> takeExpunges(); // "n EXPUNGE" for every expunged message, removed

    FolderInfo m_folder;
    bool m_readOnly = false;
    quint64 m_modSeq = 0;
    quint32 m_uidNext = 1;
    std::vector<ImapMessage> m_messages;
    int m_pendingExpunges = 0;
    bool m_dirty = false;
};

} // namespace tegami
