// Message commands: STORE (RFC 3501 6.4.6, RFC 7162 UNCHANGEDSINCE), COPY (6.4.7, RFC 4315
// COPYUID), MOVE (RFC 6851), EXPUNGE and UID EXPUNGE (6.4.3, RFC 4315), with the account's
// IMAP policy (the Gmail model): auto-expunge, and what an expunge does outside Trash and
// Junk (delete, or move to Trash or Archive).

#include "accounts/AccountStore.h"
#include "imap/ImapSession.h"
#include "log/LogSession.h"
#include "store/MailStore.h"

namespace tegami {

namespace {

QStringList withoutRecent(const QStringList& flags)
{
    QStringList out;
    for (const QString& f : flags) {
        if (f.compare(QLatin1String("\\Recent"), Qt::CaseInsensitive) != 0)
            out << f;
    }
    return out;
}

FlagMode flagMode(ImapStoreMode mode)
{
    switch (mode) {
    case ImapStoreMode::Add:
        return FlagMode::Add;
    case ImapStoreMode::Remove:
        return FlagMode::Remove;
    case ImapStoreMode::Replace:
        break;
    }
    return FlagMode::Replace;
}

QString readOnlyText()
{
    return QStringLiteral("The mailbox is open read-only (EXAMINE); SELECT it to change it");
}

} // namespace

void ImapSession::cmdStore(const ImapCommand& command)
{
    const auto& args = command.get<ImapStoreArgs>();
    const std::optional<std::vector<qsizetype>> indices = resolveSet(command, args.set);
    if (!indices)
        return;
    if (m_selected->readOnly()) {
        no(command, {}, readOnlyText());
        return;
    }
    const QStringList flags = withoutRecent(args.flags);
    if (Result<MessageFlags> parsed = MessageFlags::parse(flags); !parsed) {
        bad(command.tag, QStringLiteral("STORE: %1").arg(parsed.error().message));
        return;
    }
    if (args.unchangedSince)
        m_condstore = true;
    UidSet uids;
    for (qsizetype i : *indices) {
        if (!m_selected->messages()[i].expunged)
            uids.add(m_selected->messages()[i].info.uid);
    }
    Result<StoreFlagsResult> stored = uids.isEmpty()
        ? Result<StoreFlagsResult>(StoreFlagsResult {})
        : m_deps.store.storeFlags(m_selected->folderId(), uids, flagMode(args.mode), flags, args.unchangedSince);
    if (!stored) {
        storeFailed(command, stored.error(), QStringLiteral("STORE"));
        return;
    }
    UidSet changed;
    UidSet deleted;
    for (const FlagUpdate& update : stored->updated) {
        m_selected->updateMessage(update);
        changed.add(update.uid);
        if (update.flags.has(SystemFlag::Deleted))
            deleted.add(update.uid);
    }
    // The new flags of every message named (RFC 3501 6.4.6), except those UNCHANGEDSINCE
    // left alone; with .SILENT none, but CONDSTORE clients still learn the new MODSEQ
    // (RFC 7162 3.1.3).
    std::vector<std::pair<quint32, quint32>> modified;
    for (qsizetype i : *indices) {
        const ImapMessage& m = m_selected->messages()[i];
        if (m.expunged)
            continue;
        if (stored->modified.contains(m.info.uid)) {
            const quint32 n = command.uid ? m.info.uid : quint32(i + 1);
            if (!modified.empty() && modified.back().second + 1 == n)
                modified.back().second = n;
            else
                modified.emplace_back(n, n);
            continue;
        }
        if (!args.silent)
            sendUntagged(m_selected->flagsResponse(i, true, command.uid, m_condstore));
        else if (m_condstore && changed.contains(m.info.uid))
            sendUntagged(m_selected->flagsResponse(i, false, command.uid, true));
    }
    if (!deleted.isEmpty()) {
        const std::optional<Mailbox> mailbox = account();
        if (mailbox && mailbox->imap.autoExpunge) {
            // The EXPUNGE responses follow when allowed: at once after UID STORE, at the
            // next command that allows them after STORE (RFC 3501 7.4.1).
            if (Result<void> r = expungeDeleted(deleted); !r)
                m_log.note(QStringLiteral("auto-expunge failed: %1").arg(r.error().toString()));
        }
    }
    if (!modified.empty()) {
        // RFC 7162 3.1.3: OK, the others were stored; the code names those left alone.
        ok(command, QStringLiteral("Conditional STORE failed for some messages (changed since)"),
            ImapCode::modified(modified));
        return;
    }
    ok(command, QStringLiteral("STORE completed"));
}

void ImapSession::cmdCopy(const ImapCommand& command)
{
    const auto& args = command.get<ImapCopyArgs>();
    const bool move = command.id == ImapCommandId::Move;
    const QString verb = move ? QStringLiteral("MOVE") : QStringLiteral("COPY");
    const std::optional<std::vector<qsizetype>> indices = resolveSet(command, args.set);
    if (!indices)
        return;
    if (move && m_selected->readOnly()) {
        no(command, {}, readOnlyText());
        return;
    }
    Result<FolderInfo> target = m_deps.store.findFolder(m_user, args.mailbox);
    if (!target || !target->selectable) {
        if (target || target.error().code == ErrorCode::NotFound) {
            no(command, ImapCode::tryCreate(),
                QStringLiteral("Mailbox \"%1\" does not exist; CREATE it first").arg(args.mailbox));
        } else {
            storeFailed(command, target.error(), verb);
        }
        return;
    }
    UidSet uids;
    bool expunged = false;
    for (qsizetype i : *indices) {
        const ImapMessage& m = m_selected->messages()[i];
        if (m.expunged)
            expunged = true;
        else
            uids.add(m.info.uid);
    }
    if (uids.isEmpty()) {
        if (expunged)
            no(command, ImapCode::expungeIssued(), QStringLiteral("The messages were expunged by another session"));
        else
            ok(command, QStringLiteral("%1 completed (no messages)").arg(verb));
        return;
    }
    CopyResult copied;
    if (move) {
        Result<MoveResult> moved = m_deps.store.move(m_selected->folderId(), uids, target->id);
        if (!moved) {
            storeFailed(command, moved.error(), verb);
            return;
        }
        copied = std::move(moved->copy);
    } else {
        const std::optional<Mailbox> mailbox = account();
        Result<CopyResult> r
            = m_deps.store.copy(m_selected->folderId(), uids, target->id, mailbox ? mailbox->quotaBytes : 0);
        if (!r) {
            storeFailed(command, r.error(), verb);
            return;
        }
        copied = std::move(*r);
    }
    std::vector<quint32> source;
    std::vector<quint32> destination;
    for (const UidMapping& m : copied.mapping) {
        source.push_back(m.source);
        destination.push_back(m.target);
    }
    const QByteArray copyUid
        = copied.mapping.empty() ? QByteArray() : ImapCode::copyUid(copied.uidValidity, source, destination);
    if (move) {
        // RFC 6851 4.3: COPYUID in an untagged OK before the EXPUNGE responses.
        if (!copyUid.isEmpty())
            sendLine(imapUntaggedStatus(ImapStatus::Ok, copyUid, QStringLiteral("Moved")));
        ok(command, QStringLiteral("MOVE completed"));
        return;
    }
    ok(command, QStringLiteral("COPY completed"), copyUid);
}

void ImapSession::cmdExpunge(const ImapCommand& command)
{
    std::optional<UidSet> uids;
    if (command.uid) {
        const std::optional<std::vector<qsizetype>> indices = resolveSet(command, command.get<ImapSequenceArgs>().set);
        if (!indices)
            return;
        uids = UidSet();
        for (qsizetype i : *indices)
            uids->add(m_selected->messages()[i].info.uid);
    }
    if (m_selected->readOnly()) {
        no(command, {}, readOnlyText());
        return;
    }
    if (!uids || !uids->isEmpty()) {
        if (Result<void> r = expungeDeleted(uids); !r) {
            storeFailed(command, r.error(), QStringLiteral("EXPUNGE"));
            return;
        }
    }
    // complete() sends the EXPUNGE responses (this session's and any pending).
    ok(command, QStringLiteral("EXPUNGE completed"));
}

Result<void> ImapSession::expungeDeleted(const std::optional<UidSet>& uids)
{
    const FolderInfo& folder = m_selected->folder();
    const std::optional<Mailbox> mailbox = account();
    ImapDeleteAction action = mailbox ? mailbox->imap.deleteAction : ImapDeleteAction::DeleteNow;
    // Expunging in Trash (or Junk) always deletes.
    if (folder.role == SpecialUse::Trash || folder.role == SpecialUse::Junk)
        action = ImapDeleteAction::DeleteNow;
    std::optional<FolderInfo> target;
    if (action != ImapDeleteAction::DeleteNow) {
        const SpecialUse role = action == ImapDeleteAction::MoveToTrash ? SpecialUse::Trash : SpecialUse::Archive;
        Result<FolderInfo> found = m_deps.store.findFolderByRole(m_user, role);
        if (found && found->id != folder.id && found->selectable) {
            target = *found;
        } else if (!found) {
            m_log.note(QStringLiteral("expunge deletes: the delete action wants the %1 folder, which is missing (%2)")
                           .arg(defaultFolderName(role), found.error().message));
        }
    }
    if (!target) {
        Result<ExpungeResult> r = m_deps.store.expunge(folder.id, uids);
        if (!r)
            return r.error();
        return {};
    }
    // The Gmail model: the messages go to Trash (or Archive) instead, without \Deleted there.
    Result<std::vector<MessageInfo>> list = m_deps.store.messages(folder.id, uids.value_or(UidSet::all()));
    if (!list)
        return list.error();
    UidSet deleted;
    for (const MessageInfo& m : *list) {
        if (m.flags.has(SystemFlag::Deleted))
            deleted.add(m.uid);
    }
    if (deleted.isEmpty())
        return {};
    Result<MoveResult> moved = m_deps.store.move(folder.id, deleted, target->id);
    if (!moved)
        return moved.error();
    UidSet arrived;
    for (const UidMapping& m : moved->copy.mapping)
        arrived.add(m.target);
    if (Result<StoreFlagsResult> cleared
        = m_deps.store.storeFlags(target->id, arrived, FlagMode::Remove, { QStringLiteral("\\Deleted") }, std::nullopt);
        !cleared) {
        m_log.note(
            QStringLiteral("moved to %1 but \\Deleted stays set: %2").arg(target->name, cleared.error().message));
    }
    m_log.note(QStringLiteral("expunge moved %1 messages to %2 (the account's IMAP delete action)")
                   .arg(moved->copy.mapping.size())
                   .arg(target->name));
    return {};
}

} // namespace tegami
