// Folder operations of SqliteMailStore: ownership, hierarchy, roles, subscriptions.
#include "store/FolderName.h"
#include "store/SqlUtil.h"
#include "store/SqliteMailStore.h"
#include "store/StoreNotifier.h"

#include <algorithm>

namespace tegami {

namespace {

constexpr int maxOwnerLength = 320; // the longest valid e-mail address

// hasChildren uses a range scan on (owner, name): every child name starts with "name/",
// so it sorts after "name/" and before "name0" ('0' follows '/').
const QString folderSelect = QStringLiteral(
    "SELECT f.id, f.owner, f.name, f.role, f.uid_validity, f.uid_next, f.highest_modseq, f.selectable, "
    "f.message_count, f.unseen_count, f.size_bytes, "
    "EXISTS (SELECT 1 FROM subscriptions s WHERE s.owner = f.owner AND s.name = f.name), "
    "EXISTS (SELECT 1 FROM folders c WHERE c.owner = f.owner AND c.name > f.name || '/' AND c.name < f.name || '0') "
    "FROM folders f ");

FolderInfo folderFromQuery(const QSqlQuery& q)
{
    FolderInfo f;
    f.id = q.value(0).toLongLong();
    f.owner = q.value(1).toString();
    f.name = q.value(2).toString();
    f.role = specialUseFromName(q.value(3).toString()).value_or(SpecialUse::None);
    f.uidValidity = q.value(4).toUInt();
    f.uidNext = q.value(5).toUInt();
    f.highestModSeq = q.value(6).toULongLong();
    f.selectable = q.value(7).toBool();
    f.messageCount = q.value(8).toLongLong();
    f.unseenCount = q.value(9).toLongLong();
    f.sizeBytes = q.value(10).toLongLong();
    f.subscribed = q.value(11).toBool();
    f.hasChildren = q.value(12).toBool();
    return f;
}

} // namespace

Result<void> SqliteMailStore::checkOwner(const QString& owner) const
{
    if (owner.isEmpty())
        return Error::invalid(QStringLiteral("owner"), QStringLiteral("no owner given; pass the account's address"));
    if (owner.size() > maxOwnerLength) {
        return Error::invalid(QStringLiteral("owner"),
            QStringLiteral("owner is longer than %1 characters; pass the account's address").arg(maxOwnerLength));
    }
    for (QChar c : owner) {
        if (c.unicode() <= 0x20 || c.unicode() == 0x7f) {
            return Error::invalid(QStringLiteral("owner"),
                QStringLiteral("owner \"%1\" contains spaces or control characters; pass the "
                               "account's address")
                    .arg(owner.left(80)));
        }
    }
    return {};
}

Result<FolderInfo> SqliteMailStore::loadFolder(qint64 folderId)
{
    auto q = runSql(m_db, folderSelect + QStringLiteral("WHERE f.id = ?"), { folderId });
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(
            QStringLiteral("folder %1 does not exist (it was deleted); select another folder").arg(folderId));
    return folderFromQuery(*q);
}

Result<FolderInfo> SqliteMailStore::loadSelectableFolder(qint64 folderId)
{
    auto f = loadFolder(folderId);
    if (f && !f->selectable) {
        return Error::invalid(QStringLiteral("folder"),
            QStringLiteral("folder \"%1\" only holds subfolders (\\Noselect) and cannot hold "
                           "messages; create it again to make it a normal folder")
                .arg(f->name));
    }
    return f;
}

Result<std::optional<FolderInfo>> SqliteMailStore::loadFolderByName(const QString& owner, const QString& normalized)
{
    auto q = runSql(m_db, folderSelect + QStringLiteral("WHERE f.owner = ? AND f.name = ?"), { owner, normalized });
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<FolderInfo>();
    return std::optional<FolderInfo>(folderFromQuery(*q));
}

Result<quint32> SqliteMailStore::allocateUidValidity()
{
    // UIDVALIDITY must differ from any value a folder of the same name had before
    // (RFC 3501 2.3.1.1), so values come from one store-wide counter that only grows,
    // starting from the clock like most servers do.
    qint64 next = 0;
    {
        auto q = runSql(m_db, QStringLiteral("SELECT value FROM meta WHERE key = 'next_uid_validity'"));
        if (!q)
            return q.error();
        if (q->next())
            next = q->value(0).toLongLong();
    }
    const qint64 value = std::max<qint64>({ next, nowSecs(), 1 });
    if (value > qint64(UidSet::maxUid)) {
        return Error::internal(QStringLiteral("the store has used up all UIDVALIDITY values; this needs a new store "
                                              "(export and import the mail)"));
    }
    if (auto r = runSql(m_db,
            QStringLiteral("INSERT INTO meta (key, value) VALUES ('next_uid_validity', ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
            { value + 1 });
        !r) {
        return r.error();
    }
    return quint32(value);
}

Result<qint64> SqliteMailStore::insertFolder(const QString& owner, const QString& name, SpecialUse role)
{
    if (isInboxName(name))
        role = SpecialUse::Inbox;
    auto uidValidity = allocateUidValidity();
    if (!uidValidity)
        return uidValidity.error();
    auto q = runSql(m_db,
        QStringLiteral("INSERT INTO folders (owner, name, role, uid_validity) VALUES (?, ?, COALESCE(?, ''), ?)"),
        { owner, name, specialUseName(role), *uidValidity });
    if (!q)
        return q.error();
    return q->lastInsertId().toLongLong();
}

Result<void> SqliteMailStore::createMissingParents(const QString& owner, const QString& name)
{
    for (const QString& parent : ancestorFolderNames(name)) {
        auto existing = loadFolderByName(owner, parent);
        if (!existing)
            return existing.error();
        if (existing->has_value())
            continue;
        if (auto id = insertFolder(owner, parent, SpecialUse::None); !id)
            return id.error();
    }
    return {};
}

Result<bool> SqliteMailStore::hasChildFolders(const QString& owner, const QString& name)
{
    auto q = runSql(m_db,
        QStringLiteral("SELECT EXISTS (SELECT 1 FROM folders WHERE owner = ? AND name > ? AND name < ?)"),
        { owner, name + QLatin1Char('/'), name + QLatin1Char('0') });
    if (!q)
        return q.error();
    return q->next() && q->value(0).toBool();
}

Result<void> SqliteMailStore::ensureOwner(const QString& owner)
{
    if (auto r = checkOwner(owner); !r)
        return r;
    bool changed = false;
    SqlTransaction tx(m_db);
    if (auto r = tx.begin(); !r)
        return r;
    for (SpecialUse role : { SpecialUse::Inbox, SpecialUse::Sent, SpecialUse::Drafts, SpecialUse::Trash,
             SpecialUse::Junk, SpecialUse::Archive }) {
        auto byRole = findFolderByRole(owner, role);
        if (byRole)
            continue;
        if (byRole.error().code != ErrorCode::NotFound)
            return byRole.error();
        const QString name = defaultFolderName(role);
        auto byName = loadFolderByName(owner, name);
        if (!byName)
            return byName.error();
        if (byName->has_value()) {
            // The admin or an import created "Sent" already: give it the role rather
            // than inventing "Sent 2". A folder that has another role keeps it.
            const FolderInfo& existing = **byName;
            if (existing.role == SpecialUse::None && existing.selectable) {
                if (auto r = runSql(m_db, QStringLiteral("UPDATE folders SET role = ? WHERE id = ?"),
                        { specialUseName(role), existing.id });
                    !r) {
                    return r.error();
                }
                changed = true;
            }
            continue;
        }
        if (auto id = insertFolder(owner, name, role); !id)
            return id.error();
        if (auto r = runSql(m_db, QStringLiteral("INSERT OR IGNORE INTO subscriptions (owner, name) VALUES (?, ?)"),
                { owner, name });
            !r) {
            return r.error();
        }
        changed = true;
    }
    if (auto r = tx.commit(); !r)
        return r;
    if (changed)
        Q_EMIT m_notifier->foldersChanged(owner);
    return {};
}

Result<std::vector<FolderInfo>> SqliteMailStore::listFolders(const QString& owner)
{
    if (auto r = checkOwner(owner); !r)
        return r.error();
    auto q = runSql(m_db, folderSelect + QStringLiteral("WHERE f.owner = ?"), { owner });
    if (!q)
        return q.error();
    std::vector<FolderInfo> folders;
    while (q->next())
        folders.push_back(folderFromQuery(*q));
    std::sort(folders.begin(), folders.end(), [](const FolderInfo& a, const FolderInfo& b) {
        const bool aInbox = isInboxName(a.name) || isFolderInside(a.name, QStringLiteral("INBOX"));
        const bool bInbox = isInboxName(b.name) || isFolderInside(b.name, QStringLiteral("INBOX"));
        if (aInbox != bInbox)
            return aInbox;
        return a.name < b.name;
    });
    return folders;
}

Result<FolderInfo> SqliteMailStore::folder(qint64 folderId)
{
    return loadFolder(folderId);
}

Result<FolderInfo> SqliteMailStore::findFolder(const QString& owner, const QString& name)
{
    if (auto r = checkOwner(owner); !r)
        return r.error();
    auto normalized = normalizeFolderName(name);
    if (!normalized)
        return normalized.error();
    auto f = loadFolderByName(owner, *normalized);
    if (!f)
        return f.error();
    if (!f->has_value())
        return folderNotFoundError(*normalized);
    return **f;
}

Result<FolderInfo> SqliteMailStore::findFolderByRole(const QString& owner, SpecialUse role)
{
    if (auto r = checkOwner(owner); !r)
        return r.error();
    if (role == SpecialUse::None)
        return Error::invalid(
            QStringLiteral("role"), QStringLiteral("no role given; use inbox, sent, drafts, trash, junk or archive"));
    auto q = runSql(
        m_db, folderSelect + QStringLiteral("WHERE f.owner = ? AND f.role = ?"), { owner, specialUseName(role) });
    if (!q)
        return q.error();
    if (!q->next()) {
        return Error::notFound(QStringLiteral("%1 has no %2 folder; it is created when the account is set up")
                                   .arg(owner, specialUseName(role)));
    }
    return folderFromQuery(*q);
}

Result<FolderInfo> SqliteMailStore::createFolder(const QString& owner, const QString& name, SpecialUse role)
{
    if (auto r = checkOwner(owner); !r)
        return r.error();
    auto normalized = normalizeFolderName(name);
    if (!normalized)
        return normalized.error();
    const QString& folderName = *normalized;
    if (role == SpecialUse::Inbox && !isInboxName(folderName)) {
        return Error::invalid(QStringLiteral("role"),
            QStringLiteral("only INBOX has the inbox role; choose sent, drafts, trash, junk or archive"));
    }

    SqlTransaction tx(m_db);
    if (auto r = tx.begin(); !r)
        return r.error();
    if (role != SpecialUse::None && role != SpecialUse::Inbox) {
        auto holder = findFolderByRole(owner, role);
        if (holder) {
            return Error::exists(QStringLiteral("folder \"%1\" already has the %2 role; a role belongs to one folder")
                                     .arg(holder->name, specialUseName(role)));
        }
        if (holder.error().code != ErrorCode::NotFound)
            return holder.error();
    }
    auto existing = loadFolderByName(owner, folderName);
    if (!existing)
        return existing.error();
    qint64 id = 0;
    if (existing->has_value()) {
        const FolderInfo& f = **existing;
        if (f.selectable)
            return Error::exists(QStringLiteral("folder \"%1\" already exists").arg(folderName));
        // A \Noselect folder becomes a normal one again; it is a new mailbox for clients.
        auto uidValidity = allocateUidValidity();
        if (!uidValidity)
            return uidValidity.error();
        if (auto r = runSql(m_db,
                QStringLiteral(
                    "UPDATE folders SET selectable = 1, role = COALESCE(?, ''), uid_validity = ?, uid_next = 1, "
                    "highest_modseq = 1 WHERE id = ?"),
                { specialUseName(role), *uidValidity, f.id });
            !r) {
            return r.error();
        }
        if (auto r = runSql(m_db, QStringLiteral("DELETE FROM expunged WHERE folder_id = ?"), { f.id }); !r)
            return r.error();
        id = f.id;
    } else {
        if (auto r = createMissingParents(owner, folderName); !r)
            return r.error();
        auto inserted = insertFolder(owner, folderName, role);
        if (!inserted)
            return inserted.error();
        id = *inserted;
    }
    if (auto r = tx.commit(); !r)
        return r.error();
    Q_EMIT m_notifier->foldersChanged(owner);
    return loadFolder(id);
}

Result<void> SqliteMailStore::deleteFolder(const QString& owner, const QString& name)
{
    if (auto r = checkOwner(owner); !r)
        return r;
    auto normalized = normalizeFolderName(name);
    if (!normalized)
        return normalized.error();
    if (isInboxName(*normalized)) {
        return Error { ErrorCode::PermissionDenied,
            QStringLiteral("INBOX cannot be deleted; delete its messages or rename it instead"), {} };
    }
    SqlTransaction tx(m_db);
    if (auto r = tx.begin(); !r)
        return r;
    auto existing = loadFolderByName(owner, *normalized);
    if (!existing)
        return existing.error();
    if (!existing->has_value())
        return folderNotFoundError(*normalized);
    const FolderInfo f = **existing;
    auto children = hasChildFolders(owner, f.name);
    if (!children)
        return children.error();
    if (*children && !f.selectable) {
        return Error::invalid(QStringLiteral("folder"),
            QStringLiteral("folder \"%1\" holds only subfolders; delete its subfolders first").arg(f.name));
    }

    std::vector<qint64> candidates;
    {
        auto q = runSql(m_db, QStringLiteral("SELECT DISTINCT file_id FROM messages WHERE folder_id = ?"), { f.id });
        if (!q)
            return q.error();
        while (q->next())
            candidates.push_back(q->value(0).toLongLong());
    }
    if (auto r = runSql(m_db, QStringLiteral("DELETE FROM messages WHERE folder_id = ?"), { f.id }); !r)
        return r.error();
    auto freed = releaseFiles(candidates);
    if (!freed)
        return freed.error();
    if (*children) {
        // RFC 3501 6.3.4: inferior names stay; the folder itself becomes \Noselect.
        if (auto r
            = runSql(m_db, QStringLiteral("UPDATE folders SET selectable = 0, role = '' WHERE id = ?"), { f.id });
            !r)
            return r.error();
        if (auto r = runSql(m_db, QStringLiteral("DELETE FROM expunged WHERE folder_id = ?"), { f.id }); !r)
            return r.error();
    } else if (auto r = runSql(m_db, QStringLiteral("DELETE FROM folders WHERE id = ?"), { f.id }); !r) {
        return r.error();
    }
    if (auto r = tx.commit(); !r)
        return r;
    removeFiles(*freed);
    Q_EMIT m_notifier->foldersChanged(owner);
    return {};
}

Result<void> SqliteMailStore::removeOwner(const QString& owner)
{
    if (auto r = checkOwner(owner); !r)
        return r;
    SqlTransaction tx(m_db);
    if (auto r = tx.begin(); !r)
        return r;
    std::vector<qint64> candidates;
    {
        auto q = runSql(m_db,
            QStringLiteral("SELECT DISTINCT m.file_id FROM messages m JOIN folders f ON f.id = m.folder_id "
                           "WHERE f.owner = ?"),
            { owner });
        if (!q)
            return q.error();
        while (q->next())
            candidates.push_back(q->value(0).toLongLong());
    }
    if (auto r = runSql(m_db,
            QStringLiteral("DELETE FROM messages WHERE folder_id IN (SELECT id FROM folders WHERE owner = ?)"),
            { owner });
        !r)
        return r.error();
    auto freed = releaseFiles(candidates);
    if (!freed)
        return freed.error();
    for (const QString& table : { QStringLiteral("folders"), QStringLiteral("subscriptions") }) {
        if (auto r = runSql(m_db, QStringLiteral("DELETE FROM %1 WHERE owner = ?").arg(table), { owner }); !r)
            return r.error();
    }
    if (auto r = tx.commit(); !r)
        return r;
    removeFiles(*freed);
    Q_EMIT m_notifier->foldersChanged(owner);
    return {};
}

} // namespace tegami
