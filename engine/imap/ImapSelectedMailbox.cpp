#include "imap/ImapSelectedMailbox.h"

#include "imap/ImapResponseWriter.h"
#include "imap/ImapSessionRegistry.h"
#include "store/MailStore.h"

#include <QSet>

#include <algorithm>

namespace tegami {

Result<ImapSelectedMailbox> ImapSelectedMailbox::open(
    MailStore& store, ImapSessionRegistry& registry, const FolderInfo& folder, bool readOnly)
{
    // The folder first, then its messages: both on this thread, so nothing changes between.
    Result<FolderInfo> fresh = store.folder(folder.id);
    if (!fresh)
        return fresh.error();
    Result<std::vector<MessageInfo>> list = store.messages(folder.id);
    if (!list)
        return list.error();
    ImapSelectedMailbox box;
    box.m_folder = *fresh;
    box.m_readOnly = readOnly;
    box.m_modSeq = fresh->highestModSeq;
    box.m_uidNext = fresh->uidNext;
    const quint32 highest = list->empty() ? 0 : list->back().uid;
    const quint32 mark = readOnly ? registry.recentMark(folder.id) : registry.claimRecent(folder.id, highest);
    box.m_messages.reserve(list->size());
    for (MessageInfo& info : *list) {
        const bool recent = info.uid > mark;
        box.m_messages.push_back(ImapMessage { std::move(info), recent, false });
    }
    return box;
}

quint32 ImapSelectedMailbox::recentCount() const
{
    return static_cast<quint32>(
        std::count_if(m_messages.begin(), m_messages.end(), [](const ImapMessage& m) { return m.recent; }));
}

quint32 ImapSelectedMailbox::firstUnseen() const
{
    for (size_t i = 0; i < m_messages.size(); ++i) {
        if (!m_messages[i].info.flags.has(SystemFlag::Seen))
            return static_cast<quint32>(i + 1);
    }
    return 0;
}

QStringList ImapSelectedMailbox::keywords() const
{
    QStringList out;
    QSet<QString> seen;
    for (const ImapMessage& m : m_messages) {
        for (const QString& k : m.info.flags.keywords) {
            const QString folded = k.toCaseFolded();
            if (!seen.contains(folded)) {
                seen.insert(folded);
                out << k;
            }
        }
    }
    return out;
}

qsizetype ImapSelectedMailbox::indexOfUid(quint32 uid) const
{
    auto it = std::lower_bound(
        m_messages.begin(), m_messages.end(), uid, [](const ImapMessage& m, quint32 u) { return m.info.uid < u; });
    if (it == m_messages.end() || it->info.uid != uid)
        return -1;
    return it - m_messages.begin();
}

std::vector<qsizetype> ImapSelectedMailbox::resolve(const ImapSequenceSet& set, bool uid, QString* error) const
{
    std::vector<qsizetype> out;
    if (!uid) {
        const quint32 n = count();
        // "1:*" in an empty mailbox names nothing, as clients that sync with it expect.
        if (n == 0 && set.hasStar())
            return out;
        for (const auto& [first, last] : set.resolve(n)) {
            if (last > n || first == 0) {
                *error = n == 0 ? QStringLiteral("the mailbox is empty, so there is no message %1").arg(last)
                                : QStringLiteral("there is no message %1: the mailbox has %2 messages (use UIDs "
                                                 "or a number up to %2)")
                                      .arg(last)
                                      .arg(n);
                return {};
            }
            for (quint32 s = first; s <= last; ++s)
                out.push_back(qsizetype(s) - 1);
        }
        return out;
    }
    for (const auto& [first, last] : set.resolve(highestUid())) {
        auto it = std::lower_bound(m_messages.begin(), m_messages.end(), first,
            [](const ImapMessage& m, quint32 u) { return m.info.uid < u; });
        for (; it != m_messages.end() && it->info.uid <= last; ++it)
            out.push_back(it - m_messages.begin());
    }
    return out;
}

void ImapSelectedMailbox::updateMessage(const FlagUpdate& update)
{
    const qsizetype i = indexOfUid(update.uid);
    if (i < 0)
        return;
    m_messages[i].info.flags = update.flags;
    m_messages[i].info.modSeq = update.modSeq;
}

QByteArray ImapSelectedMailbox::flagsResponse(qsizetype index, bool withFlags, bool withUid, bool condstore) const
{
    const ImapMessage& m = m_messages[index];
    QList<QByteArray> items;
    if (withFlags) {
        QStringList flags = m.info.flags.toStringList();
        if (m.recent)
            flags.prepend(QStringLiteral("\\Recent"));
        items << "FLAGS " + imapFlagList(flags);
    }
    if (withUid)
        items << "UID " + QByteArray::number(m.info.uid);
    if (condstore)
        items << "MODSEQ (" + QByteArray::number(m.info.modSeq) + ')';
    return QByteArray::number(index + 1) + " FETCH (" + items.join(' ') + ')';
}

Result<QList<QByteArray>> ImapSelectedMailbox::sync(
    MailStore& store, ImapSessionRegistry& registry, bool allowExpunge, bool condstore)
{
    QList<QByteArray> out;
    if (m_dirty) {
        m_dirty = false;
        Result<FolderInfo> folder = store.folder(m_folder.id);
        if (!folder)
            return folder.error();
        Result<std::vector<MessageInfo>> changed = store.changedSince(m_folder.id, m_modSeq);
        if (!changed)
            return changed.error();
        Result<std::vector<quint32>> gone = store.expungedSince(m_folder.id, m_modSeq);
        if (!gone)
            return gone.error();
        m_modSeq = folder->highestModSeq;
        m_uidNext = folder->uidNext;

        for (quint32 uid : *gone) {
            const qsizetype i = indexOfUid(uid);
            if (i >= 0 && !m_messages[i].expunged) {
                m_messages[i].expunged = true;
                ++m_pendingExpunges;
            }
        }
        std::vector<MessageInfo> added;
        QList<quint32> flagChanges;
        const quint32 highest = highestUid();
        for (MessageInfo& info : *changed) {
            if (info.uid > highest) {
                added.push_back(std::move(info));
                continue;
            }
            const qsizetype i = indexOfUid(info.uid);
            if (i < 0 || m_messages[i].expunged)
                continue;
            MessageInfo& known = m_messages[i].info;
            if (known.flags != info.flags)
                flagChanges << info.uid;
            known.flags = info.flags;
            known.modSeq = info.modSeq;
        }
        if (allowExpunge)
            out += takeExpunges();
        for (quint32 uid : flagChanges) {
            const qsizetype i = indexOfUid(uid);
            if (i >= 0)
                out << flagsResponse(i, true, true, condstore);
        }
        if (!added.empty()) {
            const quint32 mark
                = m_readOnly ? registry.recentMark(m_folder.id) : registry.claimRecent(m_folder.id, added.back().uid);
            for (MessageInfo& info : added) {
                const bool recent = info.uid > mark;
                m_messages.push_back(ImapMessage { std::move(info), recent, false });
            }
            out << QByteArray::number(count()) + " EXISTS";
            out << QByteArray::number(recentCount()) + " RECENT";
        }
    } else if (allowExpunge) {
        out += takeExpunges();
    }
    return out;
}

QList<QByteArray> ImapSelectedMailbox::takeExpunges()
{
    QList<QByteArray> out;
    if (m_pendingExpunges == 0)
        return out;
    // Highest first: each EXPUNGE then names a number the client still has in the same
    // place, without renumbering in between.
    for (qsizetype i = qsizetype(m_messages.size()) - 1; i >= 0; --i) {
        if (m_messages[i].expunged)
            out << QByteArray::number(i + 1) + " EXPUNGE";
    }
    std::erase_if(m_messages, [](const ImapMessage& m) { return m.expunged; });
    m_pendingExpunges = 0;
    return out;
}

} // namespace tegami
