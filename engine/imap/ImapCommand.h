#pragma once

#include "imap/ImapFetchItem.h"
#include "imap/ImapSearchKey.h"
#include "imap/ImapSequenceSet.h"

#include <QByteArray>
#include <QDateTime>
#include <QFlags>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <variant>

namespace tegami {

enum class ImapCommandId {
    Capability,
    Noop,
    Logout,
    StartTls,
    Authenticate,
    Login,
    Select,
    Examine,
    Create,
    Delete,
    Rename,
    Subscribe,
    Unsubscribe,
    List,
    Lsub,
    Status,
    Append,
    Check,
    Close,
    Unselect,
    Expunge, // with `uid`: UID EXPUNGE set (RFC 4315)
    Search,
    Fetch,
    Store,
    Copy,
    Move,
    Idle,
    Namespace,
    Id,
    Enable,
    GetQuota,
    GetQuotaRoot,
};

// RFC 3501 3: the states a command is allowed in (Logout allows nothing).
enum class ImapState : quint8 {
    NotAuthenticated = 0x1,
    Authenticated = 0x2,
    Selected = 0x4,
};
Q_DECLARE_FLAGS(ImapStates, ImapState)
Q_DECLARE_OPERATORS_FOR_FLAGS(ImapStates)

enum class ImapCommandFlag : quint8 {
    // The command may remove messages, so sequence numbers change under it (EXPUNGE,
    // MOVE): no other command that uses sequence numbers may run alongside.
    BreaksSequenceNumbers = 0x1,
    // The command takes or answers with sequence numbers (non-UID FETCH, STORE, SEARCH,
    // COPY, MOVE): no untagged EXPUNGE may be sent while it runs (RFC 3501 7.4.1).
    UsesSequenceNumbers = 0x2,
    // A UID form exists ("UID FETCH"); the UID form of a command has this flag too.
    HasUidForm = 0x4,
    // Changes the mailbox state in a way pipelined commands must wait for (SELECT, CLOSE,
    // LOGOUT, STARTTLS, AUTHENTICATE, LOGIN, IDLE).
    Exclusive = 0x8,
};
Q_DECLARE_FLAGS(ImapCommandFlags, ImapCommandFlag)
Q_DECLARE_OPERATORS_FOR_FLAGS(ImapCommandFlags)

// ----- arguments, one struct per command shape ------------------------------------------

struct ImapNoArgs {
    bool operator==(const ImapNoArgs&) const = default;
};

struct ImapAuthenticateArgs {
    QByteArray mechanism; // upper-cased ("PLAIN")
    // RFC 4959 SASL-IR: the base64 text as sent; "=" is an empty response. Nullopt: none.
    std::optional<QByteArray> initialResponse;
    bool operator==(const ImapAuthenticateArgs&) const = default;
};

struct ImapLoginArgs {
    QByteArray user; // bytes as sent (UTF-8 in practice)
    QByteArray password;
    bool operator==(const ImapLoginArgs&) const = default;
};

// CREATE, DELETE, SUBSCRIBE, UNSUBSCRIBE, GETQUOTAROOT.
struct ImapMailboxArgs {
    QString mailbox; // decoded from modified UTF-7; "INBOX" in any case is "INBOX"
    bool operator==(const ImapMailboxArgs&) const = default;
};

struct ImapSelectArgs { // SELECT, EXAMINE
    QString mailbox;
    bool condstore = false; // (CONDSTORE) parameter, RFC 7162 3.1.8
    bool operator==(const ImapSelectArgs&) const = default;
};

struct ImapRenameArgs {
    QString from;
    QString to;
    bool operator==(const ImapRenameArgs&) const = default;
};

// LIST and LSUB. LIST-EXTENDED (RFC 5258) and SPECIAL-USE (RFC 6154) options are parsed.
struct ImapListArgs {
    QString reference; // decoded
    QStringList patterns; // decoded, wildcards "%" and "*" kept; LSUB and plain LIST: one
    // Selection options: LIST (SUBSCRIBED SPECIAL-USE RECURSIVEMATCH REMOTE) ref pattern
    bool selectSubscribed = false;
    bool selectSpecialUse = false;
    bool recursiveMatch = false;
    // Return options: RETURN (SUBSCRIBED CHILDREN SPECIAL-USE)
    bool returnSubscribed = false;
    bool returnChildren = false;
    bool returnSpecialUse = false;
    bool extended = false; // any option or several patterns: LIST-EXTENDED syntax was used
    bool operator==(const ImapListArgs&) const = default;
};

enum class ImapStatusItem { Messages, Recent, UidNext, UidValidity, Unseen, HighestModSeq, Size, Deleted };

struct ImapStatusArgs {
    QString mailbox;
    QList<ImapStatusItem> items; // in the client's order, without repeats
    bool operator==(const ImapStatusArgs&) const = default;
};

struct ImapAppendArgs {
    QString mailbox;
    QStringList flags; // as sent ("\\Seen", "$Forwarded")
    std::optional<QDateTime> internalDate;
    QByteArray message;
    bool binary = false; // sent as a literal8 (needs the BINARY capability)
    bool operator==(const ImapAppendArgs&) const = default;
};

struct ImapSearchArgs {
    QByteArray charset; // upper-cased; empty: none given (US-ASCII)
    ImapSearchKey key; // an And of the keys
    bool operator==(const ImapSearchArgs&) const = default;
};

struct ImapFetchArgs {
    ImapSequenceSet set;
    QList<ImapFetchItem> items; // macros expanded; in the client's order
    // RFC 7162 CHANGEDSINCE: only messages whose modseq is higher; implies MODSEQ. The
    // session also adds UID to UID FETCH responses (RFC 3501 6.4.8).
    std::optional<quint64> changedSince;
    bool operator==(const ImapFetchArgs&) const = default;
};

enum class ImapStoreMode { Replace, Add, Remove }; // FLAGS, +FLAGS, -FLAGS

struct ImapStoreArgs {
    ImapSequenceSet set;
    ImapStoreMode mode = ImapStoreMode::Replace;
    bool silent = false; // .SILENT: no untagged FETCH for the new flags
    QStringList flags;
    std::optional<quint64> unchangedSince; // RFC 7162 (UNCHANGEDSINCE n)
    bool operator==(const ImapStoreArgs&) const = default;
};

struct ImapCopyArgs { // COPY, MOVE
    ImapSequenceSet set;
    QString mailbox;
    bool operator==(const ImapCopyArgs&) const = default;
};

struct ImapSequenceArgs { // UID EXPUNGE
    ImapSequenceSet set;
    bool operator==(const ImapSequenceArgs&) const = default;
};

struct ImapIdArgs { // RFC 2971
    // Field/value pairs as sent (at most 30, RFC 2971 3.3); ID NIL gives none.
    QList<std::pair<QByteArray, std::optional<QByteArray>>> fields;
    bool operator==(const ImapIdArgs&) const = default;
};

struct ImapEnableArgs { // RFC 5161
    QList<QByteArray> capabilities; // upper-cased, as listed
    bool operator==(const ImapEnableArgs&) const = default;
};

struct ImapQuotaArgs { // GETQUOTA
    QString root; // the quota root name (astring)
    bool operator==(const ImapQuotaArgs&) const = default;
};

using ImapArguments = std::variant<ImapNoArgs, ImapAuthenticateArgs, ImapLoginArgs, ImapMailboxArgs, ImapSelectArgs,
    ImapRenameArgs, ImapListArgs, ImapStatusArgs, ImapAppendArgs, ImapSearchArgs, ImapFetchArgs, ImapStoreArgs,
    ImapCopyArgs, ImapSequenceArgs, ImapIdArgs, ImapEnableArgs, ImapQuotaArgs>;

struct ImapCommandSpec;

// A parsed command. `args` holds the struct for the command (see the dispatch table in
// ImapCommandParser.cpp for which is which).
struct ImapCommand {
    QByteArray tag;
    ImapCommandId id = ImapCommandId::Noop;
    bool uid = false; // UID FETCH / STORE / COPY / MOVE / SEARCH / EXPUNGE
    const ImapCommandSpec* spec = nullptr;
    ImapArguments args;

    template <typename T> const T& get() const { return std::get<T>(args); }
    QByteArray name() const; // "FETCH", "UID FETCH"
};

} // namespace tegami
