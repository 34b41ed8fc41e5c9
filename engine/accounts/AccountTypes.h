#pragma once

#include "accounts/ProtocolSet.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace tegami {

// A mail domain this server is the final destination for.
struct Domain {
    qint64 id = 0;
    QString name; // Unicode, lower-case: "例え.jp"
    QString ace; // "xn--r8jz45g.jp"
    QDateTime created;

    QJsonObject toJson() const;
};

// A mailbox account as everyone outside the store sees it: never with its password hash.
// Which mail POP3 shows and what happens after a client retrieved it (Gmail's settings).
enum class PopScope { AllMail, NewMail }; // "all", "new" (arrived after `since`)
enum class PopAfterRetrieval { Keep, MarkRead, Archive, Delete }; // "keep", "read", "archive", "delete"
QString popScopeName(PopScope s);
std::optional<PopScope> popScopeFromName(const QString& name);
QString popAfterRetrievalName(PopAfterRetrieval a);
std::optional<PopAfterRetrieval> popAfterRetrievalFromName(const QString& name);

struct PopPolicy {
    PopScope scope = PopScope::AllMail;
    QDateTime since; // NewMail: POP3 shows messages whose internal date is at or after this
    PopAfterRetrieval afterRetrieval = PopAfterRetrieval::Keep;

    QJsonObject toJson() const;
    bool operator==(const PopPolicy&) const = default;
};

// What IMAP does with deleted mail (Gmail's IMAP settings). autoExpunge: a message flagged
// \Deleted is expunged at once, without waiting for the client's EXPUNGE. deleteAction: what
// an expunge in any folder but Trash does: move the message to Trash, to Archive, or delete
// it (standard IMAP). An expunge in Trash always deletes.
enum class ImapDeleteAction { MoveToTrash, Archive, DeleteNow }; // "trash", "archive", "delete"
QString imapDeleteActionName(ImapDeleteAction a);
std::optional<ImapDeleteAction> imapDeleteActionFromName(const QString& name);

struct ImapPolicy {
    bool autoExpunge = false;
    ImapDeleteAction deleteAction = ImapDeleteAction::DeleteNow;

    QJsonObject toJson() const;
    bool operator==(const ImapPolicy&) const = default;
};

struct Mailbox {
    qint64 id = 0;
    QString address; // normalised: lower-case local part, Unicode domain
    QString displayName;
    qint64 quotaBytes = 0; // 0 = unlimited
    bool enabled = true;
    ProtocolSet protocols = ProtocolSet::all();
    bool admin = false;
    QDateTime created;
    QDateTime passwordChanged;
    PopPolicy pop;
    ImapPolicy imap;

    QJsonObject toJson() const;
};

// What addMailbox() needs. `password` is hashed at once and not kept.
struct NewMailbox {
    QString address;
    QString password;
    QString displayName;
    qint64 quotaBytes = 0;
    ProtocolSet protocols = ProtocolSet::all();
    bool admin = false;
    bool enabled = true;
};

// A partial update: only the fields that hold a value change.
struct MailboxChanges {
    std::optional<bool> enabled;
    std::optional<ProtocolSet> protocols;
    std::optional<qint64> quotaBytes;
    std::optional<QString> displayName;
    std::optional<bool> admin;
    std::optional<PopScope> popScope; // NewMail starts "from now on" at the time of the change
    std::optional<PopAfterRetrieval> popAfterRetrieval;
    std::optional<bool> imapAutoExpunge;
    std::optional<ImapDeleteAction> imapDeleteAction;

    bool isEmpty() const
    {
        return !enabled && !protocols && !quotaBytes && !displayName && !admin && !popScope && !popAfterRetrieval
            && !imapAutoExpunge && !imapDeleteAction;
    }
};

// One address that forwards to one or more others (local mailboxes, local aliases or
// addresses elsewhere).
struct Alias {
    qint64 id = 0;
    QString address;
    QStringList targets; // normalised, in the order given
    QDateTime created;

    QJsonObject toJson() const;
};

// Where mail for one recipient address finally goes.
struct ResolvedRecipients {
    QStringList local; // local mailbox addresses, each once, in expansion order
    QStringList remote; // addresses in domains that are not local, each once
    QStringList notes; // branches skipped (loops, dangling targets, limits), for the log

    QJsonObject toJson() const;
};

inline constexpr int maxDisplayNameLength = 200;
inline constexpr int maxAliasTargets = 1000;
inline constexpr int maxAliasDepth = 10; // alias → alias → ... levels
inline constexpr int maxExpandedRecipients = 1000; // addresses one recipient may expand to

} // namespace tegami
