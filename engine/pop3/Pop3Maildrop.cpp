#include "pop3/Pop3Maildrop.h"

#include "store/MailStore.h"

namespace tegami {

Result<Pop3Maildrop> Pop3Maildrop::load(MailStore& store, const QString& owner, const PopPolicy& policy)
{
    // A mailbox that never received mail may have no folders yet.
    if (Result<void> ensured = store.ensureOwner(owner); !ensured)
        return ensured.error();
    Result<FolderInfo> inbox = store.findFolderByRole(owner, SpecialUse::Inbox);
    if (!inbox)
        return inbox.error();
    Result<std::vector<MessageInfo>> messages = store.messages(inbox->id);
    if (!messages)
        return messages.error();

    Pop3Maildrop drop;
    drop.m_owner = owner;
    drop.m_policy = policy;
    drop.m_inboxId = inbox->id;
    const bool onlyNew = policy.scope == PopScope::NewMail && policy.since.isValid();
    for (const MessageInfo& m : *messages) {
        if (onlyNew && m.internalDate < policy.since)
            continue;
        drop.m_messages.push_back(Pop3Message { m.uid, m.size, m.uidl() });
    }
    return drop;
}

const Pop3Message* Pop3Maildrop::find(qint64 number) const
{
    if (number < 1 || number > total())
        return nullptr;
    const Pop3Message& m = m_messages[static_cast<size_t>(number - 1)];
    return m.deleted ? nullptr : &m;
}

Pop3Message* Pop3Maildrop::find(qint64 number)
{
    return const_cast<Pop3Message*>(std::as_const(*this).find(number));
}

bool Pop3Maildrop::isDeleted(qint64 number) const
{
    return number >= 1 && number <= total() && m_messages[static_cast<size_t>(number - 1)].deleted;
}

qint64 Pop3Maildrop::visibleCount() const
{
    qint64 n = 0;
    for (const Pop3Message& m : m_messages)
        n += m.deleted ? 0 : 1;
    return n;
}

qint64 Pop3Maildrop::visibleBytes() const
{
    qint64 bytes = 0;
    for (const Pop3Message& m : m_messages)
        bytes += m.deleted ? 0 : m.size;
    return bytes;
}

int Pop3Maildrop::deletedCount() const
{
    int n = 0;
    for (const Pop3Message& m : m_messages)
        n += m.deleted ? 1 : 0;
    return n;
}

bool Pop3Maildrop::markDeleted(qint64 number)
{
    Pop3Message* m = find(number);
    if (!m)
        return false;
    m->deleted = true;
    return true;
}

void Pop3Maildrop::markRetrieved(qint64 number)
{
    if (Pop3Message* m = find(number))
        m->retrieved = true;
}

void Pop3Maildrop::reset()
{
    // RFC 1939 RSET unmarks deletions; what was retrieved stays retrieved (the client has
    // the mail), so the after-retrieval policy still applies to it.
    for (Pop3Message& m : m_messages)
        m.deleted = false;
}

Result<Pop3UpdateReport> Pop3Maildrop::commit(MailStore& store) const
{
    UidSet deleted;
    UidSet retrieved;
    int deletedCount = 0;
    int retrievedCount = 0;
    for (const Pop3Message& m : m_messages) {
        if (m.deleted) {
            deleted.add(m.uid);
            ++deletedCount;
        } else if (m.retrieved) {
            retrieved.add(m.uid);
            ++retrievedCount;
        }
    }

    Pop3UpdateReport report;
    report.policyAction = QStringLiteral("kept");
    const PopAfterRetrieval after = m_policy.afterRetrieval;
    if (after == PopAfterRetrieval::Delete) {
        // One transaction for both, so they succeed or fail together.
        UidSet all = deleted;
        for (const auto& [first, last] : retrieved.ranges())
            all.addRange(first, last);
        if (!all.isEmpty()) {
            if (Result<ExpungeResult> r = store.deleteMessages(m_inboxId, all); !r) {
                return Error::io(QStringLiteral("removing %1 deleted and %2 retrieved messages failed, nothing was "
                                                "removed: %3")
                                     .arg(deletedCount)
                                     .arg(retrievedCount)
                                     .arg(r.error().message));
            }
        }
        report.deleted = deletedCount;
        report.retrievedHandled = retrievedCount;
        report.policyAction = QStringLiteral("deleted");
        return report;
    }

    if (!deleted.isEmpty()) {
        if (Result<ExpungeResult> r = store.deleteMessages(m_inboxId, deleted); !r) {
            return Error::io(QStringLiteral("removing %1 deleted messages failed, nothing was removed or changed: %2")
                                 .arg(deletedCount)
                                 .arg(r.error().message));
        }
    }
    report.deleted = deletedCount;
    if (retrieved.isEmpty() || after == PopAfterRetrieval::Keep)
        return report;

    auto partial = [&](const QString& what, const Error& e) {
        return Error::io(QStringLiteral("%1 deleted messages were removed, but %2 the %3 retrieved messages failed "
                                        "(they stay unchanged in the INBOX): %4")
                             .arg(deletedCount)
                             .arg(what)
                             .arg(retrievedCount)
                             .arg(e.message));
    };
    if (after == PopAfterRetrieval::MarkRead) {
        Result<StoreFlagsResult> r
            = store.storeFlags(m_inboxId, retrieved, FlagMode::Add, { systemFlagName(SystemFlag::Seen) }, std::nullopt);
        if (!r)
            return partial(QStringLiteral("marking read"), r.error());
        report.policyAction = QStringLiteral("marked read");
    } else {
        Result<FolderInfo> archive = store.findFolderByRole(m_owner, SpecialUse::Archive);
        if (!archive) {
            // ensureOwner() creates the special-use folders an owner lacks (e.g. deleted by IMAP).
            if (Result<void> ensured = store.ensureOwner(m_owner); !ensured)
                return partial(QStringLiteral("archiving"), ensured.error());
            archive = store.findFolderByRole(m_owner, SpecialUse::Archive);
            if (!archive)
                return partial(QStringLiteral("archiving"), archive.error());
        }
        if (Result<MoveResult> r = store.move(m_inboxId, retrieved, archive->id); !r)
            return partial(QStringLiteral("archiving"), r.error());
        report.policyAction = QStringLiteral("archived");
    }
    report.retrievedHandled = retrievedCount;
    return report;
}

} // namespace tegami
