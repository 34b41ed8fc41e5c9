#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <vector>

#include "queue/Envelope.h"

namespace tegami {

// Where a recipient stands. Delivered and Failed are final.
enum class RecipientState { Pending, Delivered, Failed };
QString recipientStateName(RecipientState s); // "pending", "delivered", "failed"

// What a recipient turned out to be. An envelope recipient starts Unresolved; at its first
// delivery it becomes Local (a mailbox here) or Remote, or is replaced by what its alias
// expands to (each target remembering the envelope recipient in `original`).
enum class RecipientKind { Unresolved, Local, Remote };
QString recipientKindName(RecipientKind k); // "unresolved", "local", "remote"

// Everything the queue knows about one recipient of one queued message. Persisted after
// every change, so a restart continues exactly where the queue was.
struct QueueRecipient {
    QString address; // where it goes (a mailbox, a remote address, or the RCPT while unresolved)
    QString original; // the envelope recipient it came from (equal to address unless by an alias)
    QString orcpt; // RFC 3461 ORCPT of the envelope recipient
    int notify = 0; // DsnNotifyBits of the envelope recipient (0: not given)
    RecipientKind kind = RecipientKind::Unresolved;
    RecipientState state = RecipientState::Pending;

    int attempts = 0; // failed attempts so far
    QDateTime nextAttempt; // UTC; when a pending recipient is due
    QDateTime lastAttempt; // UTC; invalid before the first attempt
    QDateTime finishedAt; // when it became Delivered or Failed
    int replyCode = 0; // the last reply (remote, or the equivalent for a local failure); 0: none
    QString status; // RFC 3463 code of the last outcome: "2.0.0", "4.2.2", "5.1.1", "4.4.7"
    QString replyStatus; // the enhanced code that came with replyCode (kept when the lifetime ends)
    QString lastError; // the last reply text or our reason, for the admin and the DSN
    QString remoteHost; // "mx.example.net [192.0.2.1]" when a remote host answered
    bool delayNoticeSent = false;
    bool notified = false; // the DSN for the final state was queued, or none was due

    // Local delivery intent, written before the store append and cleared with the result:
    // after a crash in between, the queue looks for the message at or above this UID before
    // appending again, so a mailbox never gets it twice.
    qint64 intentFolderId = 0;
    quint32 intentUidValidity = 0;
    quint32 intentUidNext = 0;

    bool isFinal() const { return state != RecipientState::Pending; }
    // Whether NOTIFY asks for this kind of DSN: with no NOTIFY, failures and delays are reported (RFC 3461 4.1).
    bool wants(DsnNotifyBits bit) const;
    QString domain() const; // after the last '@'

    QJsonObject toJson() const; // the persisted form
    static Result<QueueRecipient> fromJson(const QJsonObject& json);
};

// One queued message: its envelope, what the queue added (id, times, origin) and the
// state of each recipient. Stored as <id>.json beside <id>.eml in the spool.
struct QueueEntry {
    QString id;
    Envelope envelope;
    qint64 size = 0; // bytes of <id>.eml; a mismatch at recovery means damage
    QDateTime queuedAt; // UTC; the queue lifetime counts from here
    QString origin; // "smtp" (received) or "dsn" (a notification the queue generated)
    QString parentId; // for a DSN: the message it reports on
    std::vector<QueueRecipient> recipients;

    bool isDone() const; // every recipient final and notified
    // Recipients from the envelope, all unresolved and due at `now`.
    static std::vector<QueueRecipient> initialRecipients(const Envelope& envelope, const QDateTime& now);

    QJsonObject toJson() const;
    static Result<QueueEntry> fromJson(const QJsonObject& json);
};

} // namespace tegami
