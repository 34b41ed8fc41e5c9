#include "imap/ImapSessionRegistry.h"

#include <algorithm>

namespace tegami {

void ImapSessionRegistry::removeSession(const QString& user)
{
    auto it = m_users.find(key(user));
    if (it == m_users.end())
        return;
    if (--*it <= 0)
        m_users.erase(it);
}

quint32 ImapSessionRegistry::claimRecent(qint64 folderId, quint32 highestUid)
{
    quint32& mark = m_recent[folderId];
    const quint32 previous = mark;
    mark = std::max(mark, highestUid);
    return previous;
}

} // namespace tegami
