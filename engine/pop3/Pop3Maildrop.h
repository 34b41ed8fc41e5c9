#pragma once

#include "accounts/AccountTypes.h"
#include "core/Result.h"
#include "store/StoreTypes.h"

#include <QString>

#include <vector>

namespace tegami {

class MailStore;

// One message as a POP3 session numbers it (message number = index + 1).
struct Pop3Message {
    quint32 uid = 0;
    qint64 size = 0; // the stored octets (CRLF), exactly what RETR sends before stuffing
    QString uidl;
    bool deleted = false; // marked with DELE in this session
    bool retrieved = false; // sent whole with RETR in this session
};

// What the UPDATE state did, for the reply and the log.
struct Pop3UpdateReport {
    int deleted = 0; // removed because of DELE
    int retrievedHandled = 0; // retrieved messages the after-retrieval policy acted on
    QString policyAction; // "kept", "marked read", "archived", "deleted"
};

// The maildrop of one session: a snapshot of the owner's INBOX taken at login, filtered
// by the account's POP policy. Numbers and sizes stay fixed for the session (RFC 1939),
// whatever IMAP clients or deliveries do meanwhile; DELE marks only, and commit() (the
// UPDATE state) is the one place that changes the store.
class Pop3Maildrop {
public:
    static Result<Pop3Maildrop> load(MailStore& store, const QString& owner, const PopPolicy& policy);

    const PopPolicy& policy() const { return m_policy; }
    qint64 inboxId() const { return m_inboxId; }

    // Message numbers are 1-based. nullptr when out of range or marked deleted.
    const Pop3Message* find(qint64 number) const;
    Pop3Message* find(qint64 number);
    qint64 total() const { return static_cast<qint64>(m_messages.size()); } // deleted ones included
    qint64 visibleCount() const;
    qint64 visibleBytes() const;
    bool isDeleted(qint64 number) const;

    bool markDeleted(qint64 number); // false when there is no such (undeleted) message
    void markRetrieved(qint64 number);
    void reset(); // RSET: unmark everything
    int deletedCount() const;

    // Removes the DELE'd messages, then applies the after-retrieval policy to the messages
    // retrieved with RETR and not deleted. On an error the message says what was and was
    // not done, so nothing half-done is hidden.
    Result<Pop3UpdateReport> commit(MailStore& store) const;

private:
    QString m_owner;
    PopPolicy m_policy;
    qint64 m_inboxId = 0;
    std::vector<Pop3Message> m_messages;
};

} // namespace tegami
