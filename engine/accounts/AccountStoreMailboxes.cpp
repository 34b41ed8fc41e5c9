// AccountStore: mailboxes.
#include "accounts/AccountStore.h"
#include "accounts/SqlSupport.h"

#include <QLoggingCategory>

namespace tegami {

Q_DECLARE_LOGGING_CATEGORY(lcAccounts)

using sqlsupport::run;
using sqlsupport::WriteTransaction;

namespace {

const QString mailboxColumns
    = QStringLiteral("id, address, display_name, quota_bytes, enabled, protocols, admin, created, password_changed, "
                     "pop_scope, pop_since, pop_after, imap_auto_expunge, imap_delete");
// The index of the first column after mailboxColumns (password_hash in findCredentials).
constexpr int kMailboxColumnCount = 14;

Mailbox mailboxFromRow(const QSqlQuery& q)
{
    Mailbox m;
    m.id = q.value(0).toLongLong();
    m.address = q.value(1).toString();
    m.displayName = q.value(2).toString();
    m.quotaBytes = q.value(3).toLongLong();
    m.enabled = q.value(4).toBool();
    Result<ProtocolSet> protocols = ProtocolSet::fromString(q.value(5).toString());
    if (protocols) {
        m.protocols = *protocols;
    } else {
        // A hand-edited or damaged row: allow nothing rather than guess.
        qCWarning(lcAccounts) << "mailbox" << m.address << "has unreadable protocols:" << protocols.error().toString();
        m.protocols = ProtocolSet::none();
    }
    m.admin = q.value(6).toBool();
    m.created = sqlsupport::fromStoredTime(q.value(7));
    m.passwordChanged = sqlsupport::fromStoredTime(q.value(8));
    m.pop.scope = popScopeFromName(q.value(9).toString()).value_or(PopScope::AllMail);
    m.pop.since = sqlsupport::fromStoredTime(q.value(10));
    m.pop.afterRetrieval = popAfterRetrievalFromName(q.value(11).toString()).value_or(PopAfterRetrieval::Keep);
    m.imap.autoExpunge = q.value(12).toBool();
    m.imap.deleteAction = imapDeleteActionFromName(q.value(13).toString()).value_or(ImapDeleteAction::DeleteNow);
    return m;
}

// Display names end up in headers and in the console; a line break would let one forge
// header lines, and control characters only confuse.
Result<QString> checkDisplayName(const QString& name)
{
    const QString trimmed = name.trimmed();
    for (const char32_t cp : trimmed.toUcs4()) {
        if (QChar::category(cp) == QChar::Other_Control || cp == 0x2028 || cp == 0x2029) {
            return Error::invalid(QStringLiteral("displayName"),
                QStringLiteral("the display name contains a line break or control character: use "
                               "plain text on one line"));
        }
    }
    if (trimmed.size() > maxDisplayNameLength) {
        return Error::invalid(QStringLiteral("displayName"),
            QStringLiteral("the display name is %1 characters long; the limit is %2")
                .arg(trimmed.size())
                .arg(maxDisplayNameLength));
    }
    return trimmed.isNull() ? QStringLiteral("") : trimmed; // a null QString would bind as SQL NULL
}

QString storedProtocols(ProtocolSet protocols)
{
    const QString text = protocols.toString();
    return text.isNull() ? QStringLiteral("") : text;
}

Result<void> checkQuota(qint64 quotaBytes)
{
    if (quotaBytes < 0) {
        return Error::invalid(QStringLiteral("quotaBytes"),
            QStringLiteral("the quota is %1: give 0 for unlimited or a positive number of bytes").arg(quotaBytes));
    }
    return {};
}

} // namespace

Result<Mailbox> AccountStore::findMailboxNormalised(const QString& address) const
{
    Result<QSqlQuery> q
        = run(m_db, QStringLiteral("SELECT %1 FROM mailboxes WHERE address = ?").arg(mailboxColumns), { address });
    if (!q)
        return q.error();
    if (!q->next()) {
        return Error::notFound(
            QStringLiteral("there is no mailbox %1: `tegamictl user list` shows the mailboxes").arg(address));
    }
    return mailboxFromRow(*q);
}

Result<Mailbox> AccountStore::addMailbox(const NewMailbox& mailbox)
{
    Result<EmailAddress> address = parseAddress(mailbox.address, QStringLiteral("address"));
    if (!address)
        return address.error();
    Result<QString> displayName = checkDisplayName(mailbox.displayName);
    if (!displayName)
        return displayName.error();
    if (Result<void> quota = checkQuota(mailbox.quotaBytes); !quota)
        return quota.error();
    // Hash before taking the write lock: Argon2 takes a while and needs no database.
    Result<QString> hash = m_hasher.hash(mailbox.password);
    if (!hash)
        return hash.error();

    const QString key = address->toString();
    WriteTransaction tx(m_db);
    if (Result<void> r = tx.begin(); !r)
        return r.error();
    Result<qint64> domain = domainId(address->domain);
    if (!domain) {
        if (domain.error().code == ErrorCode::NotFound) {
            return Error::invalid(QStringLiteral("address"),
                QStringLiteral("the domain %1 does not exist: add it first with `tegamictl domain "
                               "add %1`")
                    .arg(address->domain));
        }
        return domain.error();
    }
    if (Result<void> free = refuseTakenAddress(key); !free)
        return free.error();
    const QString now = sqlsupport::toStoredTime(m_clock.now());
    Result<QSqlQuery> q = run(m_db,
        QStringLiteral("INSERT INTO mailboxes (domain_id, address, display_name, password_hash, "
                       "quota_bytes, enabled, protocols, admin, created, password_changed) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        { *domain, key, *displayName, *hash, mailbox.quotaBytes, mailbox.enabled ? 1 : 0,
            storedProtocols(mailbox.protocols), mailbox.admin ? 1 : 0, now, now });
    if (!q)
        return q.error();
    Result<Mailbox> created = findMailboxNormalised(key);
    if (!created)
        return created.error();
    if (Result<void> r = tx.commit(); !r)
        return r.error();
    return created;
}

Result<QList<Mailbox>> AccountStore::listMailboxes(const QString& domain) const
{
    QString sql = QStringLiteral("SELECT %1 FROM mailboxes").arg(mailboxColumns);
    QVariantList binds;
    if (!domain.isEmpty()) {
        Result<QString> name = normaliseDomain(domain, QStringLiteral("domain"));
        if (!name)
            return name.error();
        Result<qint64> id = domainId(*name);
        if (!id)
            return id.error();
        sql += QStringLiteral(" WHERE domain_id = ?");
        binds << *id;
    }
    sql += QStringLiteral(" ORDER BY address");
    Result<QSqlQuery> q = run(m_db, sql, binds);
    if (!q)
        return q.error();
    QList<Mailbox> mailboxes;
    while (q->next())
        mailboxes.append(mailboxFromRow(*q));
    return mailboxes;
}

Result<Mailbox> AccountStore::findMailbox(const QString& address) const
{
    Result<EmailAddress> parsed = parseAddress(address, QStringLiteral("address"));
    if (!parsed)
        return parsed.error();
    return findMailboxNormalised(parsed->toString());
}

Result<void> AccountStore::setPassword(const QString& address, const QString& password)
{
    Result<EmailAddress> parsed = parseAddress(address, QStringLiteral("address"));
    if (!parsed)
        return parsed.error();
    Result<QString> hash = m_hasher.hash(password);
    if (!hash)
        return hash.error();
    Result<QSqlQuery> q
        = run(m_db, QStringLiteral("UPDATE mailboxes SET password_hash = ?, password_changed = ? WHERE address = ?"),
            { *hash, sqlsupport::toStoredTime(m_clock.now()), parsed->toString() });
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0) {
        return Error::notFound(QStringLiteral("there is no mailbox %1: `tegamictl user list` shows the mailboxes")
                                   .arg(parsed->toString()));
    }
    return {};
}

Result<Mailbox> AccountStore::updateMailbox(const QString& address, const MailboxChanges& changes)
{
    Result<EmailAddress> parsed = parseAddress(address, QStringLiteral("address"));
    if (!parsed)
        return parsed.error();
    const QString key = parsed->toString();
    QStringList assignments;
    QVariantList binds;
    if (changes.displayName) {
        Result<QString> name = checkDisplayName(*changes.displayName);
        if (!name)
            return name.error();
        assignments << QStringLiteral("display_name = ?");
        binds << *name;
    }
    if (changes.quotaBytes) {
        if (Result<void> quota = checkQuota(*changes.quotaBytes); !quota)
            return quota.error();
        assignments << QStringLiteral("quota_bytes = ?");
        binds << *changes.quotaBytes;
    }
    if (changes.enabled) {
        assignments << QStringLiteral("enabled = ?");
        binds << (*changes.enabled ? 1 : 0);
    }
    if (changes.protocols) {
        assignments << QStringLiteral("protocols = ?");
        binds << storedProtocols(*changes.protocols);
    }
    if (changes.admin) {
        assignments << QStringLiteral("admin = ?");
        binds << (*changes.admin ? 1 : 0);
    }
    if (changes.popScope) {
        assignments << QStringLiteral("pop_scope = ?") << QStringLiteral("pop_since = ?");
        binds << popScopeName(*changes.popScope)
              << (*changes.popScope == PopScope::NewMail ? QVariant(sqlsupport::toStoredTime(m_clock.now()))
                                                         : QVariant());
    }
    if (changes.imapAutoExpunge) {
        assignments << QStringLiteral("imap_auto_expunge = ?");
        binds << (*changes.imapAutoExpunge ? 1 : 0);
    }
    if (changes.imapDeleteAction) {
        assignments << QStringLiteral("imap_delete = ?");
        binds << imapDeleteActionName(*changes.imapDeleteAction);
    }
    if (changes.popAfterRetrieval) {
        assignments << QStringLiteral("pop_after = ?");
        binds << popAfterRetrievalName(*changes.popAfterRetrieval);
    }
    if (assignments.isEmpty())
        return findMailboxNormalised(key);

    WriteTransaction tx(m_db);
    if (Result<void> r = tx.begin(); !r)
        return r.error();
    binds << key;
    Result<QSqlQuery> q = run(m_db,
        QStringLiteral("UPDATE mailboxes SET %1 WHERE address = ?").arg(assignments.join(QStringLiteral(", "))), binds);
    if (!q)
        return q.error();
    Result<Mailbox> updated = findMailboxNormalised(key);
    if (!updated)
        return updated.error();
    if (Result<void> r = tx.commit(); !r)
        return r.error();
    return updated;
}

Result<void> AccountStore::removeMailbox(const QString& address)
{
    Result<EmailAddress> parsed = parseAddress(address, QStringLiteral("address"));
    if (!parsed)
        return parsed.error();
    const QString key = parsed->toString();
    WriteTransaction tx(m_db);
    if (Result<void> r = tx.begin(); !r)
        return r.error();
    Result<Mailbox> existing = findMailboxNormalised(key);
    if (!existing)
        return existing.error();
    if (Result<void> free = refuseWhileTargeted(key, key); !free)
        return free;
    if (Result<QSqlQuery> q = run(m_db, QStringLiteral("DELETE FROM mailboxes WHERE id = ?"), { existing->id }); !q)
        return q.error();
    return tx.commit();
}

Result<MailboxCredentials> AccountStore::findCredentials(const EmailAddress& address) const
{
    Result<QSqlQuery> q
        = run(m_db, QStringLiteral("SELECT %1, password_hash FROM mailboxes WHERE address = ?").arg(mailboxColumns),
            { address.toString() });
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("there is no mailbox %1").arg(address.toString()));
    return MailboxCredentials { mailboxFromRow(*q), q->value(kMailboxColumnCount).toString() };
}

Result<void> AccountStore::upgradePasswordHash(qint64 mailboxId, const QString& oldHash, const QString& newHash)
{
    Result<QSqlQuery> q = run(m_db,
        QStringLiteral("UPDATE mailboxes SET password_hash = ? WHERE id = ? AND "
                       "password_hash = ?"),
        { newHash, mailboxId, oldHash });
    if (!q)
        return q.error();
    return {};
}

} // namespace tegami
