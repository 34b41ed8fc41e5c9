// Changes to stored messages in SqliteMailStore: flags, copy, move, expunge.
#include "store/SqlUtil.h"
#include "store/SqliteMailStore.h"
#include "store/StoreNotifier.h"

#include <algorithm>

namespace tegami {

Result<void> SqliteMailStore::setFolderCounters(qint64 folderId, quint32 uidNext, quint64 highestModSeq)
{
    auto r = runSql(m_db, QStringLiteral("UPDATE folders SET uid_next = ?, highest_modseq = ? WHERE id = ?"),
        { uidNext, qint64(highestModSeq), folderId });
    if (!r)
        return r.error();
    return {};
}

void SqliteMailStore::removeFiles(const std::vector<qint64>& fileIds)
{
    // After the commit: a crash before this leaves orphans, which the next open() removes.
    for (qint64 id : fileIds)
        m_files.remove(id);
}

Result<std::vector<qint64>> SqliteMailStore::releaseFiles(const std::vector<qint64>& candidates)
{
    std::vector<qint64> freed;
    if (candidates.empty())
        return freed;
    QSqlQuery q(m_db);
    if (!q.prepare(QStringLiteral("DELETE FROM files WHERE id = ? AND NOT EXISTS "
                                  "(SELECT 1 FROM messages WHERE file_id = ?)"))) {
        return sqlError(q, QStringLiteral("preparing file release"));
    }
    for (qint64 id : candidates) {
        q.bindValue(0, id);
        q.bindValue(1, id);
        if (auto r = execPrepared(q, QStringLiteral("releasing a message file")); !r)
            return r.error();
        if (q.numRowsAffected() > 0)
            freed.push_back(id);
    }
    return freed;
}

Result<std::vector<qint64>> SqliteMailStore::removeRows(
    qint64 folderId, const std::vector<StoredMessage>& rows, quint64 modSeq, bool recordExpunged)
{
    QSqlQuery remove(m_db);
    if (!remove.prepare(QStringLiteral("DELETE FROM messages WHERE folder_id = ? AND uid = ?")))
        return sqlError(remove, QStringLiteral("preparing message removal"));
    QSqlQuery record(m_db);
    if (recordExpunged
        && !record.prepare(
            QStringLiteral("INSERT OR REPLACE INTO expunged (folder_id, uid, modseq) VALUES (?, ?, ?)"))) {
        return sqlError(record, QStringLiteral("preparing the expunge record"));
    }
    std::vector<qint64> candidates;
    candidates.reserve(rows.size());
    for (const StoredMessage& row : rows) {
        remove.bindValue(0, folderId);
        remove.bindValue(1, row.info.uid);
        if (auto r = execPrepared(remove, QStringLiteral("removing a message")); !r)
            return r.error();
        if (recordExpunged) {
            record.bindValue(0, folderId);
            record.bindValue(1, row.info.uid);
            record.bindValue(2, qint64(modSeq));
            if (auto r = execPrepared(record, QStringLiteral("recording an expunge")); !r)
                return r.error();
        }
        candidates.push_back(row.fileId);
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    return releaseFiles(candidates);
}

Result<StoreFlagsResult> SqliteMailStore::storeFlags(
    qint64 folderId, const UidSet& uids, FlagMode mode, const QStringList& flags, std::optional<quint64> unchangedSince)
{
    auto change = MessageFlags::parse(flags);
    if (!change)
        return change.error();
    SqlTransaction tx(m_db);
    if (auto r = tx.begin(); !r)
        return r.error();
    auto f = loadSelectableFolder(folderId);
    if (!f)
        return f.error();
    auto rows = selectMessages(folderId, uids, QString());
    if (!rows)
        return rows.error();

    StoreFlagsResult result;
    const quint64 modSeq = f->highestModSeq + 1;
    QSqlQuery update(m_db);
    if (!update.prepare(QStringLiteral("UPDATE messages SET flags = ?, keywords = ?, modseq = ? "
                                       "WHERE folder_id = ? AND uid = ?"))) {
        return sqlError(update, QStringLiteral("preparing a flag update"));
    }
    for (const StoredMessage& row : *rows) {
        if (unchangedSince && row.info.modSeq > *unchangedSince) {
            result.modified.add(row.info.uid);
            continue;
        }
        auto next = row.info.flags.applied(mode, *change);
        if (!next)
            return next.error();
        if (*next == row.info.flags)
            continue;
        update.bindValue(0, next->system.toInt());
        update.bindValue(1, next->keywords.isEmpty() ? QVariant() : QVariant(next->keywordsText()));
        update.bindValue(2, qint64(modSeq));
        update.bindValue(3, folderId);
        update.bindValue(4, row.info.uid);
        if (auto r = execPrepared(update, QStringLiteral("changing flags")); !r)
            return r.error();
        result.updated.push_back({ row.info.uid, std::move(*next), modSeq });
    }
    if (result.updated.empty()) {
        result.modSeq = f->highestModSeq;
        return result; // nothing changed: the transaction rolls back, modseq stays
    }
    if (auto r = setFolderCounters(folderId, f->uidNext, modSeq); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    result.modSeq = modSeq;
    Q_EMIT m_notifier->folderChanged(folderId, modSeq, StoreNotifier::Change::FlagsChanged);
    return result;
}

Result<CopyResult> SqliteMailStore::copy(
    qint64 sourceFolderId, const UidSet& uids, qint64 targetFolderId, qint64 quotaBytes)
{
    SqlTransaction tx(m_db);
    if (auto r = tx.begin(); !r)
        return r.error();
    auto source = loadSelectableFolder(sourceFolderId);
    if (!source)
        return source.error();
    auto target = loadSelectableFolder(targetFolderId);
    if (!target)
        return target.error();
    auto rows = selectMessages(sourceFolderId, uids, QString());
    if (!rows)
        return rows.error();

    CopyResult result;
    result.uidValidity = target->uidValidity;
    result.modSeq = target->highestModSeq;
    if (rows->empty())
        return result;
    qint64 bytes = 0;
    for (const StoredMessage& row : *rows)
        bytes += row.info.size;
    if (auto r = checkQuota(target->owner, bytes, qint64(rows->size()), quotaBytes, 0); !r)
        return r.error();
    if (quint64(target->uidNext) + rows->size() - 1 > UidSet::maxUid) {
        return Error::internal(QStringLiteral("folder \"%1\" has used up its UIDs; create a new folder and move the "
                                              "mail there")
                                   .arg(target->name));
    }

    QSqlQuery insert(m_db);
    if (!insert.prepare(QStringLiteral("INSERT INTO messages (folder_id, uid, file_id, flags, keywords, internal_date, "
                                       "size, modseq, guid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
        return sqlError(insert, QStringLiteral("preparing a message copy"));
    }
    // One modseq for the whole COPY: RFC 7162 allows messages changed by one command to
    // share it, and it keeps HIGHESTMODSEQ from racing ahead.
    const quint64 modSeq = target->highestModSeq + 1;
    quint32 uid = target->uidNext;
    result.mapping.reserve(rows->size());
    for (const StoredMessage& row : *rows) {
        insert.bindValue(0, targetFolderId);
        insert.bindValue(1, uid);
        insert.bindValue(2, row.fileId);
        insert.bindValue(3, row.info.flags.system.toInt());
        insert.bindValue(4, row.info.flags.keywords.isEmpty() ? QVariant() : QVariant(row.info.flags.keywordsText()));
        insert.bindValue(5, row.info.internalDate.toSecsSinceEpoch());
        insert.bindValue(6, row.info.size);
        insert.bindValue(7, qint64(modSeq));
        insert.bindValue(8, qint64(newGuid()));
        if (auto r = execPrepared(insert, QStringLiteral("copying a message")); !r)
            return r.error();
        result.mapping.push_back({ row.info.uid, uid });
        ++uid;
    }
    if (auto r = setFolderCounters(targetFolderId, uid, modSeq); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    result.modSeq = modSeq;
    Q_EMIT m_notifier->folderChanged(targetFolderId, modSeq, StoreNotifier::Change::Appended);
    return result;
}

Result<MoveResult> SqliteMailStore::move(qint64 sourceFolderId, const UidSet& uids, qint64 targetFolderId)
{
    if (sourceFolderId == targetFolderId) {
        return Error::invalid(QStringLiteral("folder"),
            QStringLiteral("cannot move messages into the folder they are in; choose another folder"));
    }
    SqlTransaction tx(m_db);
    if (auto r = tx.begin(); !r)
        return r.error();
    auto source = loadSelectableFolder(sourceFolderId);
    if (!source)
        return source.error();
    auto target = loadSelectableFolder(targetFolderId);
    if (!target)
        return target.error();
    auto rows = selectMessages(sourceFolderId, uids, QString());
    if (!rows)
        return rows.error();

    MoveResult result;
    result.copy.uidValidity = target->uidValidity;
    result.copy.modSeq = target->highestModSeq;
    result.expunged.modSeq = source->highestModSeq;
    if (rows->empty())
        return result;
    if (quint64(target->uidNext) + rows->size() - 1 > UidSet::maxUid) {
        return Error::internal(QStringLiteral("folder \"%1\" has used up its UIDs; create a new folder and move the "
                                              "mail there")
                                   .arg(target->name));
    }

    // The message keeps its file and GUID: it is the same message in a new place. Only
    // the folder, UID and modseq change, so this is one UPDATE per message.
    QSqlQuery moveRow(m_db);
    if (!moveRow.prepare(QStringLiteral("UPDATE messages SET folder_id = ?, uid = ?, modseq = ? "
                                        "WHERE folder_id = ? AND uid = ?"))) {
        return sqlError(moveRow, QStringLiteral("preparing a message move"));
    }
    QSqlQuery record(m_db);
    if (!record.prepare(QStringLiteral("INSERT OR REPLACE INTO expunged (folder_id, uid, modseq) VALUES (?, ?, ?)")))
        return sqlError(record, QStringLiteral("preparing the expunge record"));
    const quint64 targetModSeq = target->highestModSeq + 1;
    const quint64 sourceModSeq = source->highestModSeq + 1;
    quint32 uid = target->uidNext;
    for (const StoredMessage& row : *rows) {
        moveRow.bindValue(0, targetFolderId);
        moveRow.bindValue(1, uid);
        moveRow.bindValue(2, qint64(targetModSeq));
        moveRow.bindValue(3, sourceFolderId);
        moveRow.bindValue(4, row.info.uid);
        if (auto r = execPrepared(moveRow, QStringLiteral("moving a message")); !r)
            return r.error();
        record.bindValue(0, sourceFolderId);
        record.bindValue(1, row.info.uid);
        record.bindValue(2, qint64(sourceModSeq));
        if (auto r = execPrepared(record, QStringLiteral("recording an expunge")); !r)
            return r.error();
        result.copy.mapping.push_back({ row.info.uid, uid });
        result.expunged.uids.push_back(row.info.uid);
        ++uid;
    }
    if (auto r = setFolderCounters(targetFolderId, uid, targetModSeq); !r)
        return r.error();
    if (auto r = setFolderCounters(sourceFolderId, source->uidNext, sourceModSeq); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    result.copy.modSeq = targetModSeq;
    result.expunged.modSeq = sourceModSeq;
    Q_EMIT m_notifier->folderChanged(sourceFolderId, sourceModSeq, StoreNotifier::Change::Expunged);
    Q_EMIT m_notifier->folderChanged(targetFolderId, targetModSeq, StoreNotifier::Change::Appended);
    return result;
}

Result<ExpungeResult> SqliteMailStore::removeMessages(qint64 folderId, const UidSet& uids, bool onlyDeleted)
{
    SqlTransaction tx(m_db);
    if (auto r = tx.begin(); !r)
        return r.error();
    auto f = loadSelectableFolder(folderId);
    if (!f)
        return f.error();
    auto rows = selectMessages(
        folderId, uids, onlyDeleted ? QStringLiteral("(flags & %1) <> 0").arg(int(SystemFlag::Deleted)) : QString());
    if (!rows)
        return rows.error();
    ExpungeResult result;
    result.modSeq = f->highestModSeq;
    if (rows->empty())
        return result;
    const quint64 modSeq = f->highestModSeq + 1;
    auto freed = removeRows(folderId, *rows, modSeq, true);
    if (!freed)
        return freed.error();
    if (auto r = setFolderCounters(folderId, f->uidNext, modSeq); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    removeFiles(*freed);
    result.modSeq = modSeq;
    result.uids.reserve(rows->size());
    for (const StoredMessage& row : *rows)
        result.uids.push_back(row.info.uid);
    Q_EMIT m_notifier->folderChanged(folderId, modSeq, StoreNotifier::Change::Expunged);
    return result;
}

Result<ExpungeResult> SqliteMailStore::expunge(qint64 folderId, const std::optional<UidSet>& uids)
{
    return removeMessages(folderId, uids ? *uids : UidSet::all(), true);
}

Result<ExpungeResult> SqliteMailStore::deleteMessages(qint64 folderId, const UidSet& uids)
{
    return removeMessages(folderId, uids, false);
}

} // namespace tegami
