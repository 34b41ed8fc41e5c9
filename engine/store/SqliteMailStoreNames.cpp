// Renaming folders and subscriptions of SqliteMailStore.
#include "store/FolderName.h"
#include "store/SqlUtil.h"
#include "store/SqliteMailStore.h"
#include "store/StoreNotifier.h"

namespace tegami {

namespace {

// The names of `names` that are `from` or inside it, renamed to `to`.
QString renamed(const QString& name, const QString& from, const QString& to)
{
    return to + name.mid(from.size());
}

} // namespace

Result<quint64> SqliteMailStore::renameInbox(const FolderInfo& inbox, const QString& owner, const QString& to)
{
    // RFC 3501 6.3.5: renaming INBOX moves its messages to a new folder and leaves INBOX
    // empty. The messages keep their UIDs: the new folder has its own UIDVALIDITY.
    if (auto r = createMissingParents(owner, to); !r)
        return r.error();
    auto target = insertFolder(owner, to, SpecialUse::None);
    if (!target)
        return target.error();
    if (auto r = runSql(m_db,
            QStringLiteral("INSERT INTO messages (folder_id, uid, file_id, flags, keywords, internal_date, "
                           "size, modseq, guid) SELECT ?, uid, file_id, flags, keywords, internal_date, "
                           "size, modseq, guid FROM messages WHERE folder_id = ?"),
            { *target, inbox.id });
        !r) {
        return r.error();
    }
    if (auto r = setFolderCounters(*target, inbox.uidNext, inbox.highestModSeq); !r)
        return r.error();
    if (inbox.messageCount == 0)
        return quint64(0);
    const quint64 modSeq = inbox.highestModSeq + 1;
    if (auto r = runSql(m_db,
            QStringLiteral("INSERT OR REPLACE INTO expunged (folder_id, uid, modseq) "
                           "SELECT folder_id, uid, ? FROM messages WHERE folder_id = ?"),
            { qint64(modSeq), inbox.id });
        !r) {
        return r.error();
    }
    if (auto r = runSql(m_db, QStringLiteral("DELETE FROM messages WHERE folder_id = ?"), { inbox.id }); !r)
        return r.error();
    if (auto r = setFolderCounters(inbox.id, inbox.uidNext, modSeq); !r)
        return r.error();
    return modSeq;
}

Result<void> SqliteMailStore::renameFolder(const QString& owner, const QString& fromName, const QString& toName)
{
    if (auto r = checkOwner(owner); !r)
        return r;
    auto fromNorm = normalizeFolderName(fromName);
    if (!fromNorm)
        return fromNorm.error();
    auto toNorm = normalizeFolderName(toName);
    if (!toNorm)
        return toNorm.error();
    const QString from = *fromNorm;
    const QString to = *toNorm;
    if (isInboxName(to)) {
        return Error::invalid(QStringLiteral("folder"), QStringLiteral("INBOX is reserved; choose another new name"));
    }

    SqlTransaction tx(m_db);
    if (auto r = tx.begin(); !r)
        return r;
    auto source = loadFolderByName(owner, from);
    if (!source)
        return source.error();
    if (!source->has_value())
        return folderNotFoundError(from);
    auto target = loadFolderByName(owner, to);
    if (!target)
        return target.error();
    if (target->has_value())
        return Error::exists(QStringLiteral("folder \"%1\" already exists; choose another new name").arg(to));

    quint64 inboxModSeq = 0;
    if (isInboxName(from)) {
        auto modSeq = renameInbox(**source, owner, to);
        if (!modSeq)
            return modSeq.error();
        inboxModSeq = *modSeq;
    } else {
        if (isFolderInside(to, from)) {
            return Error::invalid(QStringLiteral("folder"),
                QStringLiteral("cannot move folder \"%1\" into its own subfolder \"%2\"").arg(from, to));
        }
        const QVariantList range = { owner, from, from + QLatin1Char('/'), from + QLatin1Char('0') };
        std::vector<std::pair<qint64, QString>> moving;
        {
            auto q = runSql(m_db,
                QStringLiteral("SELECT id, name FROM folders WHERE owner = ? AND (name = ? OR "
                               "(name > ? AND name < ?))"),
                { range[0], range[1], range[2], range[3] });
            if (!q)
                return q.error();
            while (q->next())
                moving.emplace_back(q->value(0).toLongLong(), q->value(1).toString());
        }
        for (const auto& [id, name] : moving) {
            const QString newName = renamed(name, from, to);
            if (newName.size() > maxFolderNameLength)
                return Error::invalid(
                    QStringLiteral("folder"), QStringLiteral("the new name of \"%1\" would be too long").arg(name));
            auto clash = loadFolderByName(owner, newName);
            if (!clash)
                return clash.error();
            if (clash->has_value())
                return Error::exists(
                    QStringLiteral("folder \"%1\" already exists; choose another new name").arg(newName));
            if (auto r = runSql(m_db, QStringLiteral("UPDATE folders SET name = ? WHERE id = ?"), { newName, id }); !r)
                return r.error();
        }
        if (auto r = createMissingParents(owner, to); !r)
            return r;
        QStringList subscribed;
        {
            auto q = runSql(m_db,
                QStringLiteral("SELECT name FROM subscriptions WHERE owner = ? AND (name = ? OR "
                               "(name > ? AND name < ?))"),
                { range[0], range[1], range[2], range[3] });
            if (!q)
                return q.error();
            while (q->next())
                subscribed << q->value(0).toString();
        }
        for (const QString& name : subscribed) {
            if (auto r = runSql(m_db,
                    QStringLiteral("UPDATE OR REPLACE subscriptions SET name = ? WHERE owner = ? AND name = ?"),
                    { renamed(name, from, to), owner, name });
                !r) {
                return r.error();
            }
        }
    }
    if (auto r = tx.commit(); !r)
        return r;
    Q_EMIT m_notifier->foldersChanged(owner);
    if (inboxModSeq)
        Q_EMIT m_notifier->folderChanged((*source)->id, inboxModSeq, StoreNotifier::Change::Expunged);
    return {};
}

Result<void> SqliteMailStore::subscribe(const QString& owner, const QString& name)
{
    auto f = findFolder(owner, name);
    if (!f)
        return f.error();
    if (auto r = runSql(m_db, QStringLiteral("INSERT OR IGNORE INTO subscriptions (owner, name) VALUES (?, ?)"),
            { owner, f->name });
        !r) {
        return r.error();
    }
    Q_EMIT m_notifier->foldersChanged(owner);
    return {};
}

Result<void> SqliteMailStore::unsubscribe(const QString& owner, const QString& name)
{
    if (auto r = checkOwner(owner); !r)
        return r;
    auto normalized = normalizeFolderName(name);
    if (!normalized)
        return normalized.error();
    // The folder need not exist: a subscription outlives its folder (RFC 3501 6.3.6).
    if (auto r = runSql(
            m_db, QStringLiteral("DELETE FROM subscriptions WHERE owner = ? AND name = ?"), { owner, *normalized });
        !r)
        return r.error();
    Q_EMIT m_notifier->foldersChanged(owner);
    return {};
}

Result<QStringList> SqliteMailStore::subscriptions(const QString& owner)
{
    if (auto r = checkOwner(owner); !r)
        return r.error();
    auto q = runSql(m_db, QStringLiteral("SELECT name FROM subscriptions WHERE owner = ? ORDER BY name"), { owner });
    if (!q)
        return q.error();
    QStringList names;
    while (q->next())
        names << q->value(0).toString();
    return names;
}

Result<Usage> SqliteMailStore::usage(const QString& owner)
{
    if (auto r = checkOwner(owner); !r)
        return r.error();
    auto q = runSql(m_db,
        QStringLiteral("SELECT COALESCE(SUM(size_bytes), 0), COALESCE(SUM(message_count), 0) FROM folders "
                       "WHERE owner = ?"),
        { owner });
    if (!q)
        return q.error();
    Usage u;
    if (q->next()) {
        u.bytes = q->value(0).toLongLong();
        u.messages = q->value(1).toLongLong();
    }
    return u;
}

} // namespace tegami
