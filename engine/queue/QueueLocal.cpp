// Local delivery: alias expansion and appends into the mailboxes' INBOX.
#include "accounts/AccountStore.h"
#include "store/MailStore.h"

#include <QFile>
#include <QLocale>

#include "queue/DeliveryQueue.h"

namespace tegami {

namespace {

bool hasTarget(const QueueEntry& e, RecipientKind kind, const QString& address)
{
    for (const QueueRecipient& r : e.recipients) {
        if (r.kind == kind && r.address.compare(address, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString bytesText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

bool DeliveryQueue::resolve(QueueEntry& e, const QDateTime& now)
{
    bool changed = false;
    for (size_t i = 0; i < e.recipients.size();) {
        QueueRecipient& r = e.recipients[i];
        if (r.kind != RecipientKind::Unresolved || r.isFinal() || r.nextAttempt > now) {
            ++i;
            continue;
        }
        changed = true;
        if (!m_accounts.isLocalDomain(r.domain())) {
            r.kind = RecipientKind::Remote; // relayed mail (the SMTP policy allowed it)
            ++i;
            continue;
        }
        Result<ResolvedRecipients> resolved = m_accounts.resolveRecipient(r.address);
        if (!resolved) {
            if (resolved.error().code == ErrorCode::NotFound) {
                markFailed(e, r, now,
                    Outcome { 550, QStringLiteral("5.1.1"),
                        QStringLiteral("there is no mailbox or alias %1 on this server (it was removed after the "
                                       "message was accepted)")
                            .arg(r.address),
                        {} });
            } else {
                markTemporary(e, r, now,
                    Outcome { 451, QStringLiteral("4.3.0"),
                        QStringLiteral("cannot look up the recipient: %1").arg(resolved.error().toString()), {} });
            }
            ++i;
            continue;
        }
        for (const QString& skipped : resolved->notes)
            note(QStringLiteral("queue %1: expanding <%2>: %3").arg(e.id, r.address, skipped));
        std::vector<QueueRecipient> targets;
        const QueueRecipient source = r;
        auto add = [&](const QString& address, RecipientKind kind) {
            if (hasTarget(e, kind, address))
                return; // another recipient of this message already goes there: deliver once
            for (const QueueRecipient& t : targets) {
                if (t.kind == kind && t.address.compare(address, Qt::CaseInsensitive) == 0)
                    return;
            }
            QueueRecipient t = source;
            t.address = address;
            t.kind = kind;
            targets.push_back(std::move(t));
        };
        for (const QString& address : resolved->local)
            add(address, RecipientKind::Local);
        for (const QString& address : resolved->remote)
            add(address, RecipientKind::Remote);
        if (targets.size() != 1 || targets.front().address != source.address) {
            QStringList names;
            for (const QueueRecipient& t : targets)
                names << t.address;
            note(QStringLiteral("queue %1: <%2> expands to %3")
                     .arg(e.id, source.address,
                         names.isEmpty() ? QStringLiteral("nothing new (its targets already receive this message)")
                                         : names.join(QStringLiteral(", "))));
        }
        e.recipients.erase(e.recipients.begin() + qsizetype(i));
        e.recipients.insert(e.recipients.begin() + qsizetype(i), targets.begin(), targets.end());
        i += targets.size();
    }
    return changed;
}

void DeliveryQueue::deliverLocal(QueueEntry& e, const QDateTime& now)
{
    struct Plan {
        size_t index;
        qint64 folderId;
        qint64 quotaBytes;
    };
    std::vector<Plan> plans;
    for (size_t i = 0; i < e.recipients.size(); ++i) {
        QueueRecipient& r = e.recipients[i];
        if (r.kind != RecipientKind::Local || r.isFinal() || r.nextAttempt > now)
            continue;
        Result<Mailbox> mailbox = m_accounts.findMailbox(r.address);
        if (!mailbox) {
            if (mailbox.error().code == ErrorCode::NotFound)
                markFailed(e, r, now,
                    Outcome { 550, QStringLiteral("5.1.1"),
                        QStringLiteral("the mailbox %1 no longer exists (it was removed after the message was "
                                       "accepted)")
                            .arg(r.address),
                        {} });
            else
                markTemporary(e, r, now,
                    Outcome { 451, QStringLiteral("4.3.0"),
                        QStringLiteral("cannot look up the mailbox: %1").arg(mailbox.error().toString()), {} });
            continue;
        }
        Result<FolderInfo> inbox = Error::internal(QString());
        if (Result<void> owner = m_store.ensureOwner(r.address); !owner)
            inbox = owner.error();
        else
            inbox = m_store.findFolderByRole(r.address, SpecialUse::Inbox);
        if (!inbox) {
            markTemporary(e, r, now,
                Outcome { 451, QStringLiteral("4.3.0"),
                    QStringLiteral("cannot open the INBOX of %1: %2").arg(r.address, inbox.error().toString()), {} });
            continue;
        }
        if (r.intentFolderId != 0 && foundEarlierDelivery(e, r)) {
            r.intentFolderId = 0;
            markDelivered(e, r, now,
                Outcome { 250, QStringLiteral("2.0.0"),
                    QStringLiteral("found in the INBOX of %1 after a restart (stored before the service stopped)")
                        .arg(r.address),
                    {} });
            continue;
        }
        r.intentFolderId = inbox->id;
        r.intentUidValidity = inbox->uidValidity;
        r.intentUidNext = inbox->uidNext;
        plans.push_back(Plan { i, inbox->id, mailbox->quotaBytes });
    }
    if (plans.empty())
        return;
    // The intents must be durable before the appends: they are how a restart tells "stored,
    // but the state said pending" from "not stored yet".
    if (!save(e)) {
        for (const Plan& p : plans) {
            QueueRecipient& r = e.recipients[p.index];
            r.intentFolderId = 0;
            markTemporary(e, r, now,
                Outcome { 451, QStringLiteral("4.3.0"),
                    QStringLiteral("cannot record the delivery in the spool (see the service log)"), {} });
        }
        return;
    }
    const QString path = m_spool.messagePath(e.id);
    for (const Plan& p : plans) {
        QueueRecipient& r = e.recipients[p.index];
        AppendOptions options;
        options.quotaBytes = p.quotaBytes;
        Result<AppendResult> stored = m_store.appendFile(p.folderId, path, options);
        r.intentFolderId = 0;
        if (stored) {
            markDelivered(e, r, now,
                Outcome { 250, QStringLiteral("2.0.0"),
                    QStringLiteral("delivered to the INBOX of %1 (UID %2)").arg(r.address).arg(stored->uid), {} });
        } else if (stored.error().code == ErrorCode::QuotaExceeded && p.quotaBytes > 0 && e.size > p.quotaBytes) {
            markFailed(e, r, now,
                Outcome { 552, QStringLiteral("5.2.2"),
                    QStringLiteral("the message (%1) is larger than the whole storage quota of %2 (%3)")
                        .arg(bytesText(e.size), r.address, bytesText(p.quotaBytes)),
                    {} });
        } else if (stored.error().code == ErrorCode::QuotaExceeded) {
            markTemporary(e, r, now,
                Outcome { 452, QStringLiteral("4.2.2"),
                    QStringLiteral("the mailbox %1 is full: %2").arg(r.address, stored.error().message), {} });
        } else {
            markTemporary(e, r, now,
                Outcome { 451, QStringLiteral("4.3.0"),
                    QStringLiteral("cannot store the message for %1: %2").arg(r.address, stored.error().toString()),
                    {} });
        }
    }
}

// After a crash between a store append and the state write: is the message already in the
// folder, at or above the UID it was about to get? The spool's bytes are compared, and they
// begin with the session's unique trace header, so another message cannot match.
bool DeliveryQueue::foundEarlierDelivery(const QueueEntry& e, const QueueRecipient& r)
{
    Result<FolderInfo> folder = m_store.folder(r.intentFolderId);
    if (!folder || folder->uidValidity != r.intentUidValidity)
        return false;
    Result<std::vector<MessageInfo>> candidates
        = m_store.messages(r.intentFolderId, UidSet::range(std::max<quint32>(r.intentUidNext, 1), UidSet::maxUid));
    if (!candidates)
        return false;
    // The store ends the last line with CRLF when a message (sent with BDAT) lacks it.
    QFile file(m_spool.messagePath(e.id));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const bool crlfAtEnd = e.size >= 2 && file.seek(e.size - 2) && file.read(2) == "\r\n";
    const qint64 storedSize = crlfAtEnd ? e.size : e.size + 2;
    QByteArray original;
    bool loaded = false;
    for (const MessageInfo& m : *candidates) {
        if (m.size != storedSize)
            continue;
        if (!loaded) {
            file.seek(0);
            original = file.readAll();
            if (!crlfAtEnd)
                original += "\r\n";
            loaded = true;
        }
        Result<QByteArray> stored = m_store.readMessage(r.intentFolderId, m.uid);
        if (stored && *stored == original)
            return true;
    }
    return false;
}

} // namespace tegami
