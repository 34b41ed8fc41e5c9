#include "store/SqlUtil.h"

#include <QSqlError>

namespace tegami {

Error sqlError(const QSqlQuery& query, const QString& what)
{
    return Error::io(QStringLiteral("store index: %1 failed: %2; check free disk space and the permissions of the "
                                    "store directory")
                         .arg(what, query.lastError().text()));
}

Error sqlError(const QSqlDatabase& db, const QString& what)
{
    return Error::io(QStringLiteral("store index: %1 failed: %2; check free disk space and the permissions of the "
                                    "store directory")
                         .arg(what, db.lastError().text()));
}

Result<QSqlQuery> runSql(const QSqlDatabase& db, const QString& sql, std::initializer_list<QVariant> bindings)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return sqlError(query, QStringLiteral("preparing \"%1\"").arg(sql.simplified().left(60)));
    int i = 0;
    for (const QVariant& v : bindings)
        query.bindValue(i++, v);
    if (!query.exec())
        return sqlError(query, QStringLiteral("\"%1\"").arg(sql.simplified().left(60)));
    return query;
}

Result<void> execPrepared(QSqlQuery& query, const QString& what)
{
    if (!query.exec())
        return sqlError(query, what);
    return {};
}

SqlTransaction::~SqlTransaction()
{
    if (m_active)
        rollback();
}

Result<void> SqlTransaction::begin()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlError(q, QStringLiteral("starting a transaction"));
    m_active = true;
    return {};
}

Result<void> SqlTransaction::commit()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT"))) {
        Error e = sqlError(q, QStringLiteral("committing"));
        rollback();
        return e;
    }
    m_active = false;
    return {};
}

void SqlTransaction::rollback()
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
    m_active = false;
}

} // namespace tegami
