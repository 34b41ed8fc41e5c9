#include "accounts/SqlSupport.h"

#include <QSqlError>

namespace tegami::sqlsupport {

Result<QSqlQuery> run(const QSqlDatabase& db, const QString& sql, const QVariantList& binds)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        return Error::io(QStringLiteral("accounts database: cannot prepare a query: %1").arg(query.lastError().text()));
    }
    for (const QVariant& value : binds)
        query.addBindValue(value);
    if (!query.exec()) {
        return Error::io(QStringLiteral("accounts database: a query failed: %1").arg(query.lastError().text()));
    }
    return query;
}

Result<QVariant> scalar(const QSqlDatabase& db, const QString& sql, const QVariantList& binds, const QVariant& fallback)
{
    Result<QSqlQuery> query = run(db, sql, binds);
    if (!query)
        return query.error();
    if (!query->next())
        return fallback;
    return query->value(0);
}

QString toStoredTime(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromStoredTime(const QVariant& v)
{
    if (v.isNull())
        return {};
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.toUTC();
}

WriteTransaction::~WriteTransaction()
{
    if (m_active)
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
}

Result<void> WriteTransaction::begin()
{
    Result<QSqlQuery> q = run(m_db, QStringLiteral("BEGIN IMMEDIATE"));
    if (!q)
        return q.error();
    m_active = true;
    return {};
}

Result<void> WriteTransaction::commit()
{
    Result<QSqlQuery> q = run(m_db, QStringLiteral("COMMIT"));
    if (!q)
        return q.error();
    m_active = false;
    return {};
}

} // namespace tegami::sqlsupport
