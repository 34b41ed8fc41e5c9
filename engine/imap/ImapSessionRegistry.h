#pragma once

#include <QHash>
#include <QString>

namespace tegami {

// What the IMAP sessions of one server share (the factory owns it): how many sessions each
// user has logged in (imap.maxConnectionsPerUser), and which messages have already been
// announced as \Recent.
//
// RFC 3501 2.3.2: a message is \Recent in exactly one session, the first to see it. The
// store keeps no such state (IMAP4rev2 dropped \Recent), so this keeps, per folder, the
// highest UID some session has claimed; it starts at 0 when the server starts, so the
// first session to select a folder after a restart sees its messages as recent.
class ImapSessionRegistry {
public:
    int sessionsFor(const QString& user) const { return m_users.value(key(user)); }
    void addSession(const QString& user) { ++m_users[key(user)]; }
    void removeSession(const QString& user);
    int userCount() const { return static_cast<int>(m_users.size()); }

    // Claims every UID up to `highestUid` for the caller and returns the previous mark:
    // the caller's recent messages are those above it.
    quint32 claimRecent(qint64 folderId, quint32 highestUid);
    // The mark without claiming (EXAMINE and STATUS do not take \Recent away).
    quint32 recentMark(qint64 folderId) const { return m_recent.value(folderId); }

private:
    static QString key(const QString& user) { return user.toCaseFolded(); }

    QHash<QString, int> m_users;
    QHash<qint64, quint32> m_recent;
};

} // namespace tegami
