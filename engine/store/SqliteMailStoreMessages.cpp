// Appending and reading messages in SqliteMailStore.
#include "store/LineEndings.h"
#include "store/SqlUtil.h"
#include "store/SqliteMailStore.h"
#include "store/StoreNotifier.h"

#include <QFile>

namespace tegami {

namespace {

constexpr qint64 scanChunk = 256 * 1024;

const QString messageColumns
    = QStringLiteral("SELECT uid, flags, keywords, internal_date, size, modseq, guid, file_id FROM messages ");

void readMessageInfo(const QSqlQuery& q, MessageInfo& m)
{
    m.uid = q.value(0).toUInt();
    m.flags.system = SystemFlags::fromInt(q.value(1).toUInt());
    const QVariant keywords = q.value(2);
    if (!keywords.isNull())
        m.flags.keywords = MessageFlags::keywordsFromText(keywords.toString());
    m.internalDate = QDateTime::fromSecsSinceEpoch(q.value(3).toLongLong(), Qt::UTC);
    m.size = q.value(4).toLongLong();
    m.modSeq = q.value(5).toULongLong();
    m.guid = q.value(6).toULongLong();
}

QString formatBytes(qint64 bytes)
{
    if (bytes >= 10 * 1024 * 1024)
        return QStringLiteral("%1 MB").arg(bytes / (1024 * 1024));
    if (bytes >= 10 * 1024)
        return QStringLiteral("%1 KB").arg(bytes / 1024);
    return QStringLiteral("%1 bytes").arg(bytes);
}

Error messageNotFound(qint64 folderId, quint32 uid)
{
    return Error::notFound(
        QStringLiteral("folder %1 has no message with UID %2 (it may have been expunged)").arg(folderId).arg(uid));
}

} // namespace

Result<void> SqliteMailStore::checkQuota(
    const QString& owner, qint64 addBytes, qint64 addMessages, qint64 quotaBytes, qint64 quotaMessages)
{
    if (quotaBytes <= 0 && quotaMessages <= 0)
        return {};
    auto used = usage(owner);
    if (!used)
        return used.error();
    if (quotaBytes > 0 && used->bytes + addBytes > quotaBytes) {
        return Error { ErrorCode::QuotaExceeded,
            QStringLiteral("the mailbox of %1 is full: %2 of its %3 quota are used and the message needs %4; "
                           "delete or archive mail, or ask the administrator to raise the quota")
                .arg(owner, formatBytes(used->bytes), formatBytes(quotaBytes), formatBytes(addBytes)),
            {} };
    }
    if (quotaMessages > 0 && used->messages + addMessages > quotaMessages) {
        return Error { ErrorCode::QuotaExceeded,
            QStringLiteral("the mailbox of %1 is full: it holds %2 messages and may hold %3; delete or "
                           "archive mail, or ask the administrator to raise the quota")
                .arg(owner)
                .arg(used->messages)
                .arg(quotaMessages),
            {} };
    }
    return {};
}

Result<SqliteMailStore::StagedMessage> SqliteMailStore::stageBytes(
    const QByteArray& message, const AppendOptions& options)
{
    if (message.isEmpty())
        return Error::invalid(QStringLiteral("message"), QStringLiteral("the message is empty; nothing to store"));
    auto flags = MessageFlags::parse(options.flags);
    if (!flags)
        return flags.error();
    const QByteArray data = toStoredForm(message);
    auto path = m_files.stage(data);
    if (!path)
        return path.error();
    StagedMessage staged;
    staged.tmpPath = *path;
    staged.size = data.size();
    staged.flags = std::move(*flags);
    staged.internalDate = options.internalDate.isValid() ? options.internalDate.toSecsSinceEpoch() : nowSecs();
    return staged;
}

Result<AppendResult> SqliteMailStore::append(qint64 folderId, const QByteArray& message, const AppendOptions& options)
{
    // Refuse early what would be refused anyway, before writing and syncing the file.
    auto f = loadSelectableFolder(folderId);
    if (!f)
        return f.error();
    if (auto r = checkQuota(f->owner, message.size(), 1, options.quotaBytes, options.quotaMessages); !r)
        return r.error();
    auto staged = stageBytes(message, options);
    if (!staged)
        return staged.error();
    std::vector<StagedMessage> batch;
    batch.push_back(std::move(*staged));
    auto results = appendStaged(folderId, batch, options);
    if (!results)
        return results.error();
    return results->front();
}

Result<AppendResult> SqliteMailStore::appendFile(qint64 folderId, const QString& path, const AppendOptions& options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("cannot read the message file %1: %2").arg(path, file.errorString()));
    const qint64 size = file.size();
    if (size == 0)
        return Error::invalid(
            QStringLiteral("message"), QStringLiteral("the message file %1 is empty; nothing to store").arg(path));
    auto f = loadSelectableFolder(folderId);
    if (!f)
        return f.error();
    if (auto r = checkQuota(f->owner, size, 1, options.quotaBytes, options.quotaMessages); !r)
        return r.error();

    // Only a file that already has CRLF line endings, the last line included, can be stored
    // as it is.
    bool previousWasCr = false;
    bool normalise = size < 2 || (file.seek(size - 2) && file.read(2) != "\r\n");
    file.seek(0);
    while (!file.atEnd() && !normalise) {
        const QByteArray chunk = file.read(scanChunk);
        if (chunk.isEmpty() && file.error() != QFileDevice::NoError)
            return Error::io(QStringLiteral("cannot read the message file %1: %2").arg(path, file.errorString()));
        normalise = hasBareLf(chunk.constData(), chunk.size(), &previousWasCr);
    }
    if (normalise) {
        file.seek(0);
        return append(folderId, file.readAll(), options);
    }
    file.close();

    auto flags = MessageFlags::parse(options.flags);
    if (!flags)
        return flags.error();
    auto tmp = m_files.stageFile(path);
    if (!tmp)
        return tmp.error();
    StagedMessage staged;
    staged.tmpPath = *tmp;
    staged.size = size;
    staged.flags = std::move(*flags);
    staged.internalDate = options.internalDate.isValid() ? options.internalDate.toSecsSinceEpoch() : nowSecs();
    std::vector<StagedMessage> batch;
    batch.push_back(std::move(staged));
    auto results = appendStaged(folderId, batch, options);
    if (!results)
        return results.error();
    return results->front();
}

Result<std::vector<AppendResult>> SqliteMailStore::appendBatch(
    qint64 folderId, const std::vector<AppendRequest>& requests)
{
    if (requests.empty())
        return std::vector<AppendResult>();
    const AppendOptions& limits = requests.front().options;
    auto f = loadSelectableFolder(folderId);
    if (!f)
        return f.error();
    qint64 total = 0;
    for (const AppendRequest& r : requests)
        total += r.message.size();
    if (auto r = checkQuota(f->owner, total, qint64(requests.size()), limits.quotaBytes, limits.quotaMessages); !r)
        return r.error();

    std::vector<StagedMessage> staged;
    staged.reserve(requests.size());
    for (size_t i = 0; i < requests.size(); ++i) {
        auto s = stageBytes(requests[i].message, requests[i].options);
        if (!s) {
            for (const StagedMessage& done : staged)
                m_files.discard(done.tmpPath);
            Error e = s.error();
            e.message = QStringLiteral("message %1 of the batch: %2").arg(i + 1).arg(e.message);
            return e;
        }
        staged.push_back(std::move(*s));
    }
    return appendStaged(folderId, staged, limits);
}

Result<std::vector<AppendResult>> SqliteMailStore::appendStaged(
    qint64 folderId, std::vector<StagedMessage>& staged, const AppendOptions& limits)
{
    std::vector<qint64> published;
    size_t publishedCount = 0; // staged[0..publishedCount) have left tmp/
    quint64 lastModSeq = 0;

    auto run = [&]() -> Result<std::vector<AppendResult>> {
        SqlTransaction tx(m_db);
        if (auto r = tx.begin(); !r)
            return r.error();
        auto f = loadSelectableFolder(folderId);
        if (!f)
            return f.error();
        qint64 total = 0;
        for (const StagedMessage& s : staged)
            total += s.size;
        if (auto r = checkQuota(f->owner, total, qint64(staged.size()), limits.quotaBytes, limits.quotaMessages); !r)
            return r.error();
        if (quint64(f->uidNext) + staged.size() - 1 > UidSet::maxUid) {
            return Error::internal(QStringLiteral("folder \"%1\" has used up its UIDs; create a new folder and move "
                                                  "the mail there")
                                       .arg(f->name));
        }

        QSqlQuery insertFile(m_db);
        if (!insertFile.prepare(QStringLiteral("INSERT INTO files (size) VALUES (?)")))
            return sqlError(insertFile, QStringLiteral("preparing a file row"));
        for (StagedMessage& s : staged) {
            insertFile.bindValue(0, s.size);
            if (auto r = execPrepared(insertFile, QStringLiteral("adding a file row")); !r)
                return r.error();
            const qint64 fileId = insertFile.lastInsertId().toLongLong();
            if (auto r = m_files.publish(s.tmpPath, fileId); !r)
                return r.error();
            published.push_back(fileId);
            ++publishedCount;
        }
        // The names must be durable before the rows that make them visible commit.
        if (auto r = m_files.syncPublished(published); !r)
            return r.error();

        QSqlQuery insertMessage(m_db);
        if (!insertMessage.prepare(
                QStringLiteral("INSERT INTO messages (folder_id, uid, file_id, flags, keywords, "
                               "internal_date, size, modseq, guid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
            return sqlError(insertMessage, QStringLiteral("preparing a message row"));
        }
        std::vector<AppendResult> results;
        results.reserve(staged.size());
        quint32 uid = f->uidNext;
        quint64 modSeq = f->highestModSeq;
        for (size_t i = 0; i < staged.size(); ++i) {
            const StagedMessage& s = staged[i];
            AppendResult r;
            r.uid = uid++;
            r.modSeq = ++modSeq;
            r.uidValidity = f->uidValidity;
            r.guid = newGuid();
            r.size = s.size;
            insertMessage.bindValue(0, folderId);
            insertMessage.bindValue(1, r.uid);
            insertMessage.bindValue(2, published[i]);
            insertMessage.bindValue(3, s.flags.system.toInt());
            insertMessage.bindValue(4, s.flags.keywords.isEmpty() ? QVariant() : QVariant(s.flags.keywordsText()));
            insertMessage.bindValue(5, s.internalDate);
            insertMessage.bindValue(6, s.size);
            insertMessage.bindValue(7, qint64(r.modSeq));
            insertMessage.bindValue(8, qint64(r.guid));
            if (auto e = execPrepared(insertMessage, QStringLiteral("adding a message row")); !e)
                return e.error();
            results.push_back(r);
        }
        if (auto r = setFolderCounters(folderId, uid, modSeq); !r)
            return r.error();
        if (auto r = tx.commit(); !r)
            return r.error();
        lastModSeq = modSeq;
        return results;
    };

    auto results = run();
    if (!results) {
        // Nothing was acknowledged: take back every file of this batch.
        for (qint64 id : published)
            m_files.remove(id);
        for (size_t i = publishedCount; i < staged.size(); ++i)
            m_files.discard(staged[i].tmpPath);
        return results.error();
    }
    Q_EMIT m_notifier->folderChanged(folderId, lastModSeq, StoreNotifier::Change::Appended);
    return results;
}

Result<std::vector<MessageInfo>> SqliteMailStore::messages(qint64 folderId)
{
    auto f = loadFolder(folderId);
    if (!f)
        return f.error();
    auto q = runSql(m_db, messageColumns + QStringLiteral("WHERE folder_id = ? ORDER BY uid"), { folderId });
    if (!q)
        return q.error();
    std::vector<MessageInfo> out;
    out.reserve(size_t(f->messageCount));
    while (q->next()) {
        out.emplace_back();
        readMessageInfo(*q, out.back());
    }
    return out;
}

Result<std::vector<MessageInfo>> SqliteMailStore::messages(qint64 folderId, const UidSet& uids)
{
    auto rows = selectMessages(folderId, uids, QString());
    if (!rows)
        return rows.error();
    std::vector<MessageInfo> out;
    out.reserve(rows->size());
    for (StoredMessage& row : *rows)
        out.push_back(std::move(row.info));
    return out;
}

Result<std::vector<MessageInfo>> SqliteMailStore::changedSince(qint64 folderId, quint64 modSeq)
{
    auto f = loadFolder(folderId);
    if (!f)
        return f.error();
    auto q = runSql(m_db, messageColumns + QStringLiteral("WHERE folder_id = ? AND modseq > ? ORDER BY uid"),
        { folderId, qint64(modSeq) });
    if (!q)
        return q.error();
    std::vector<MessageInfo> out;
    while (q->next()) {
        out.emplace_back();
        readMessageInfo(*q, out.back());
    }
    return out;
}

Result<std::vector<quint32>> SqliteMailStore::expungedSince(qint64 folderId, quint64 modSeq)
{
    auto f = loadFolder(folderId);
    if (!f)
        return f.error();
    auto q = runSql(m_db, QStringLiteral("SELECT uid FROM expunged WHERE folder_id = ? AND modseq > ? ORDER BY uid"),
        { folderId, qint64(modSeq) });
    if (!q)
        return q.error();
    std::vector<quint32> out;
    while (q->next())
        out.push_back(q->value(0).toUInt());
    return out;
}

Result<MessageInfo> SqliteMailStore::message(qint64 folderId, quint32 uid)
{
    auto row = selectMessage(folderId, uid);
    if (!row)
        return row.error();
    return std::move(row->info);
}

Result<std::vector<SqliteMailStore::StoredMessage>> SqliteMailStore::selectMessages(
    qint64 folderId, const UidSet& uids, const QString& extraWhere)
{
    auto f = loadFolder(folderId);
    if (!f)
        return f.error();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    QString sql = messageColumns + QStringLiteral("WHERE folder_id = ? AND uid BETWEEN ? AND ?");
    if (!extraWhere.isEmpty())
        sql += QStringLiteral(" AND ") + extraWhere;
    sql += QStringLiteral(" ORDER BY uid");
    if (!q.prepare(sql))
        return sqlError(q, QStringLiteral("preparing a message query"));
    std::vector<StoredMessage> out;
    for (const auto& [first, last] : uids.ranges()) {
        if (first >= f->uidNext)
            break; // no message has a UID this high
        q.bindValue(0, folderId);
        q.bindValue(1, first);
        q.bindValue(2, last);
        if (auto r = execPrepared(q, QStringLiteral("reading messages")); !r)
            return r.error();
        while (q.next()) {
            out.emplace_back();
            readMessageInfo(q, out.back().info);
            out.back().fileId = q.value(7).toLongLong();
        }
        q.finish();
    }
    return out;
}

Result<SqliteMailStore::StoredMessage> SqliteMailStore::selectMessage(qint64 folderId, quint32 uid)
{
    auto q = runSql(m_db, messageColumns + QStringLiteral("WHERE folder_id = ? AND uid = ?"), { folderId, uid });
    if (!q)
        return q.error();
    if (!q->next()) {
        if (auto f = loadFolder(folderId); !f)
            return f.error();
        return messageNotFound(folderId, uid);
    }
    StoredMessage m;
    readMessageInfo(*q, m.info);
    m.fileId = q->value(7).toLongLong();
    return m;
}

} // namespace tegami
