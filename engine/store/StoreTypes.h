#pragma once

#include "store/MessageFlags.h"
#include "store/UidSet.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace tegami {

// The role of a folder: INBOX, or an RFC 6154 special-use folder. ensureOwner() creates one
// folder per role; a role belongs to at most one folder of an owner.
enum class SpecialUse { None, Inbox, Sent, Drafts, Trash, Junk, Archive };

inline constexpr SpecialUse defaultSpecialUses[]
    = { SpecialUse::Sent, SpecialUse::Drafts, SpecialUse::Trash, SpecialUse::Junk, SpecialUse::Archive };

QString specialUseName(SpecialUse role); // "", "inbox", "sent", ... (the index and the control API)
QString specialUseAttribute(SpecialUse role); // "\\Sent", ... (LIST); empty for None and Inbox
QString defaultFolderName(SpecialUse role); // "INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive"
std::optional<SpecialUse> specialUseFromName(const QString& name);

struct FolderInfo {
    qint64 id = 0;
    QString owner;
    QString name; // full path, levels separated by '/'; INBOX always spelt "INBOX"
    SpecialUse role = SpecialUse::None;
    quint32 uidValidity = 0;
    quint32 uidNext = 1;
    quint64 highestModSeq = 1;
    qint64 messageCount = 0;
    qint64 unseenCount = 0;
    qint64 sizeBytes = 0;
    bool subscribed = false;
    bool selectable = true; // false: deleted while it had children (IMAP \Noselect)
    bool hasChildren = false; // \HasChildren / \HasNoChildren
};

struct MessageInfo {
    quint32 uid = 0;
    MessageFlags flags;
    QDateTime internalDate; // UTC, whole seconds (IMAP INTERNALDATE precision)
    qint64 size = 0; // bytes of the stored (CRLF) message: RFC822.SIZE
    quint64 modSeq = 0;
    quint64 guid = 0; // unique per stored message; a COPY gets a new one, a MOVE keeps it

    // A stable unique id for POP3 UIDL (16 hex digits).
    QString uidl() const { return QStringLiteral("%1").arg(guid, 16, 16, QLatin1Char('0')); }
};

struct AppendOptions {
    QStringList flags; // "\\Seen", keywords, ...
    QDateTime internalDate; // invalid: now
    qint64 quotaBytes = 0; // the owner's storage limit; 0 = unlimited
    qint64 quotaMessages = 0; // the owner's message-count limit; 0 = unlimited
};

struct AppendRequest {
    QByteArray message;
    AppendOptions options;
};

struct AppendResult {
    quint32 uid = 0;
    quint32 uidValidity = 0; // for APPENDUID
    quint64 modSeq = 0;
    quint64 guid = 0;
    qint64 size = 0;
};

struct FlagUpdate {
    quint32 uid = 0;
    MessageFlags flags; // the flags after the change
    quint64 modSeq = 0;
};

struct StoreFlagsResult {
    std::vector<FlagUpdate> updated; // only messages whose flags really changed
    UidSet modified; // refused by UNCHANGEDSINCE (CONDSTORE's MODIFIED)
    quint64 modSeq = 0; // the folder's modseq after the change
};

struct UidMapping {
    quint32 source = 0;
    quint32 target = 0;
};

struct CopyResult {
    quint32 uidValidity = 0; // of the target, for COPYUID
    std::vector<UidMapping> mapping; // in ascending source UID order
    quint64 modSeq = 0; // the target's modseq after the copy
};

struct ExpungeResult {
    std::vector<quint32> uids; // ascending
    quint64 modSeq = 0; // the folder's modseq after the expunge
};

struct MoveResult {
    CopyResult copy;
    ExpungeResult expunged; // from the source folder
};

struct Usage {
    qint64 bytes = 0;
    qint64 messages = 0;
};

// What open() found and cleaned up after an unclean stop.
struct RecoveryReport {
    int tmpFilesRemoved = 0; // half-written appends: never acknowledged
    int orphanFilesRemoved = 0; // message files without an index row: never acknowledged
    int missingFiles = 0; // index rows whose file is gone: corruption, kept and reported
    QStringList missingFilePaths; // the first few, for the log and the admin
    int unknownFiles = 0; // files in messages/ the store did not name; left alone
};

} // namespace tegami
