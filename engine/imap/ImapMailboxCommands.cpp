// Mailbox commands (RFC 3501 6.3 and 6.4.1-6.4.2): SELECT, EXAMINE, CREATE, DELETE, RENAME,
// SUBSCRIBE, UNSUBSCRIBE, STATUS, CHECK, CLOSE; RFC 3691 UNSELECT, RFC 2342 NAMESPACE and
// RFC 9208 GETQUOTA/GETQUOTAROOT. LIST and LSUB are in ImapListCommand.cpp.

#include "accounts/AccountStore.h"
#include "imap/ImapSession.h"
#include "imap/ImapSessionRegistry.h"
#include "log/LogSession.h"
#include "store/MailStore.h"

namespace tegami {

namespace {

QStringList systemFlagNames()
{
    QStringList out;
    for (SystemFlag flag : allSystemFlags)
        out << systemFlagName(flag);
    return out;
}

} // namespace

void ImapSession::cmdSelect(const ImapCommand& command)
{
    const auto& args = command.get<ImapSelectArgs>();
    const bool readOnly = command.id == ImapCommandId::Examine;
    // RFC 3501 6.3.1: a SELECT, even one that fails, first closes the selected mailbox
    // (without expunging).
    deselect();
    if (args.condstore)
        m_condstore = true;
    Result<FolderInfo> folder = m_deps.store.findFolder(m_user, args.mailbox);
    if (!folder) {
        storeFailed(command, folder.error(), QStringLiteral("SELECT"));
        return;
    }
    if (!folder->selectable) {
        no(command, ImapCode::cannot(),
            QStringLiteral("\"%1\" only holds other folders (\\Noselect); CREATE it to store messages in it")
                .arg(folder->name));
        return;
    }
    Result<ImapSelectedMailbox> box = ImapSelectedMailbox::open(m_deps.store, m_registry, *folder, readOnly);
    if (!box) {
        storeFailed(command, box.error(), QStringLiteral("SELECT"));
        return;
    }
    m_selected = std::move(*box);
    m_state = State::Selected;
    const ImapSelectedMailbox& s = *m_selected;
    sendUntagged("FLAGS " + imapFlagList(systemFlagNames() + s.keywords()));
    sendLine(imapUntaggedStatus(ImapStatus::Ok,
        ImapCode::permanentFlags(readOnly ? QStringList() : systemFlagNames() << QStringLiteral("\\*")),
        readOnly ? QStringLiteral("No permanent flags permitted") : QStringLiteral("Flags permitted")));
    sendUntagged(QByteArray::number(s.count()) + " EXISTS");
    sendUntagged(QByteArray::number(s.recentCount()) + " RECENT");
    if (const quint32 unseen = s.firstUnseen())
        sendLine(imapUntaggedStatus(ImapStatus::Ok, ImapCode::unseen(unseen), QStringLiteral("First unseen")));
    sendLine(imapUntaggedStatus(
        ImapStatus::Ok, ImapCode::uidValidity(s.folder().uidValidity), QStringLiteral("UIDs valid")));
    sendLine(imapUntaggedStatus(ImapStatus::Ok, ImapCode::uidNext(s.uidNext()), QStringLiteral("Predicted next UID")));
    sendLine(imapUntaggedStatus(
        ImapStatus::Ok, ImapCode::highestModSeq(s.highestModSeq()), QStringLiteral("Highest mod-sequence")));
    ok(command, readOnly ? QStringLiteral("EXAMINE completed") : QStringLiteral("SELECT completed"),
        readOnly ? ImapCode::readOnly() : ImapCode::readWrite());
}

void ImapSession::cmdCreate(const ImapCommand& command)
{
    const QString& name = command.get<ImapMailboxArgs>().mailbox;
    if (name.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0) {
        no(command, ImapCode::alreadyExists(), QStringLiteral("INBOX always exists"));
        return;
    }
    Result<FolderInfo> created = m_deps.store.createFolder(m_user, name, SpecialUse::None);
    if (!created) {
        storeFailed(command, created.error(), QStringLiteral("CREATE"));
        return;
    }
    ok(command, QStringLiteral("CREATE completed"));
}

void ImapSession::cmdDelete(const ImapCommand& command)
{
    const QString& name = command.get<ImapMailboxArgs>().mailbox;
    Result<FolderInfo> folder = m_deps.store.findFolder(m_user, name);
    if (!folder) {
        storeFailed(command, folder.error(), QStringLiteral("DELETE"));
        return;
    }
    if (Result<void> r = m_deps.store.deleteFolder(m_user, name); !r) {
        storeFailed(command, r.error(), QStringLiteral("DELETE"));
        return;
    }
    // As Dovecot does: deleting the selected mailbox closes it.
    if (m_selected && m_selected->folderId() == folder->id)
        deselect();
    ok(command, QStringLiteral("DELETE completed"));
}

void ImapSession::cmdRename(const ImapCommand& command)
{
    const auto& args = command.get<ImapRenameArgs>();
    if (Result<void> r = m_deps.store.renameFolder(m_user, args.from, args.to); !r) {
        storeFailed(command, r.error(), QStringLiteral("RENAME"));
        return;
    }
    ok(command, QStringLiteral("RENAME completed"));
}

void ImapSession::cmdSubscribe(const ImapCommand& command)
{
    if (Result<void> r = m_deps.store.subscribe(m_user, command.get<ImapMailboxArgs>().mailbox); !r) {
        storeFailed(command, r.error(), QStringLiteral("SUBSCRIBE"));
        return;
    }
    ok(command, QStringLiteral("SUBSCRIBE completed"));
}

void ImapSession::cmdUnsubscribe(const ImapCommand& command)
{
    if (Result<void> r = m_deps.store.unsubscribe(m_user, command.get<ImapMailboxArgs>().mailbox); !r) {
        storeFailed(command, r.error(), QStringLiteral("UNSUBSCRIBE"));
        return;
    }
    ok(command, QStringLiteral("UNSUBSCRIBE completed"));
}

void ImapSession::cmdStatus(const ImapCommand& command)
{
    const auto& args = command.get<ImapStatusArgs>();
    Result<FolderInfo> folder = m_deps.store.findFolder(m_user, args.mailbox);
    if (!folder) {
        storeFailed(command, folder.error(), QStringLiteral("STATUS"));
        return;
    }
    if (!folder->selectable) {
        no(command, ImapCode::cannot(), QStringLiteral("\"%1\" holds no messages (\\Noselect)").arg(folder->name));
        return;
    }
    // Counting needs the message list only for RECENT and DELETED.
    std::optional<std::vector<MessageInfo>> list;
    auto messages = [&]() -> const std::vector<MessageInfo>& {
        if (!list) {
            Result<std::vector<MessageInfo>> r = m_deps.store.messages(folder->id);
            list = r ? std::move(*r) : std::vector<MessageInfo>();
        }
        return *list;
    };
    QList<QByteArray> parts;
    for (ImapStatusItem item : args.items) {
        switch (item) {
        case ImapStatusItem::Messages:
            parts << "MESSAGES " + QByteArray::number(folder->messageCount);
            break;
        case ImapStatusItem::Recent: {
            const quint32 mark = m_registry.recentMark(folder->id);
            const auto& all = messages();
            parts << "RECENT "
                    + QByteArray::number(qint64(
                        std::count_if(all.begin(), all.end(), [mark](const MessageInfo& m) { return m.uid > mark; })));
            break;
        }
        case ImapStatusItem::UidNext:
            parts << "UIDNEXT " + QByteArray::number(folder->uidNext);
            break;
        case ImapStatusItem::UidValidity:
            parts << "UIDVALIDITY " + QByteArray::number(folder->uidValidity);
            break;
        case ImapStatusItem::Unseen:
            parts << "UNSEEN " + QByteArray::number(folder->unseenCount);
            break;
        case ImapStatusItem::HighestModSeq:
            m_condstore = true; // RFC 7162 3.1: STATUS (HIGHESTMODSEQ) enables CONDSTORE
            parts << "HIGHESTMODSEQ " + QByteArray::number(folder->highestModSeq);
            break;
        case ImapStatusItem::Size:
            parts << "SIZE " + QByteArray::number(folder->sizeBytes);
            break;
        case ImapStatusItem::Deleted: {
            const auto& all = messages();
            parts << "DELETED "
                    + QByteArray::number(qint64(std::count_if(all.begin(), all.end(),
                        [](const MessageInfo& m) { return m.flags.has(SystemFlag::Deleted); })));
            break;
        }
        }
    }
    sendUntagged("STATUS " + imapMailbox(folder->name) + " (" + parts.join(' ') + ')');
    ok(command, QStringLiteral("STATUS completed"));
}

void ImapSession::cmdNamespace(const ImapCommand& command)
{
    // One personal namespace with no prefix; no other users' or shared folders.
    sendUntagged(R"(NAMESPACE (("" "/")) NIL NIL)");
    ok(command, QStringLiteral("NAMESPACE completed"));
}

// RFC 9208: one quota root, "", for all the account's folders; STORAGE in units of 1024
// octets. Without a limit the root has no resources.
QByteArray ImapSession::quotaResponse()
{
    const std::optional<Mailbox> mailbox = account();
    const qint64 limit = mailbox ? mailbox->quotaBytes : 0;
    if (limit <= 0)
        return R"(QUOTA "" ())";
    Result<Usage> usage = m_deps.store.usage(m_user);
    const qint64 used = usage ? usage->bytes : 0;
    return R"(QUOTA "" (STORAGE )" + QByteArray::number((used + 1023) / 1024) + ' ' + QByteArray::number(limit / 1024)
        + ')';
}

void ImapSession::cmdGetQuota(const ImapCommand& command)
{
    if (!command.get<ImapQuotaArgs>().root.isEmpty()) {
        no(command, ImapCode::nonExistent(), QStringLiteral("No such quota root; this server's quota root is \"\""));
        return;
    }
    sendUntagged(quotaResponse());
    ok(command, QStringLiteral("GETQUOTA completed"));
}

void ImapSession::cmdGetQuotaRoot(const ImapCommand& command)
{
    const QString& name = command.get<ImapMailboxArgs>().mailbox;
    Result<FolderInfo> folder = m_deps.store.findFolder(m_user, name);
    if (!folder) {
        storeFailed(command, folder.error(), QStringLiteral("GETQUOTAROOT"));
        return;
    }
    sendUntagged("QUOTAROOT " + imapMailbox(folder->name) + R"( "")");
    sendUntagged(quotaResponse());
    ok(command, QStringLiteral("GETQUOTAROOT completed"));
}

void ImapSession::cmdCheck(const ImapCommand& command)
{
    // Every change is durable when its command ends; CHECK only reports updates, as NOOP.
    ok(command, QStringLiteral("CHECK completed"));
}

void ImapSession::cmdClose(const ImapCommand& command)
{
    // RFC 3501 6.4.2: expunge silently (no EXPUNGE responses), then leave the mailbox.
    if (!m_selected->readOnly()) {
        if (Result<void> r = expungeDeleted(std::nullopt); !r)
            m_log.note(QStringLiteral("CLOSE could not expunge: %1").arg(r.error().toString()));
    }
    deselect();
    ok(command, QStringLiteral("CLOSE completed"));
}

void ImapSession::cmdUnselect(const ImapCommand& command)
{
    deselect();
    ok(command, QStringLiteral("UNSELECT completed"));
}

} // namespace tegami
