#pragma once

#include "core/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <initializer_list>

namespace tegami {

// An Io error naming the statement that failed and the driver's reason.
Error sqlError(const QSqlQuery& query, const QString& what);
Error sqlError(const QSqlDatabase& db, const QString& what);

// Prepares and runs `sql` with positional bindings. For SELECTs the query is forward-only;
// read the rows, then let it go out of scope before committing (SQLite refuses to commit
// while a statement is still stepping).
Result<QSqlQuery> runSql(const QSqlDatabase& db, const QString& sql, std::initializer_list<QVariant> bindings = {});

// Runs `query` (already prepared and bound) and maps failure to an Error.
Result<void> execPrepared(QSqlQuery& query, const QString& what);

// BEGIN IMMEDIATE ... COMMIT, rolled back when destroyed uncommitted. IMMEDIATE takes the
// write lock up front, so a transaction never fails half-way with SQLITE_BUSY.
class SqlTransaction {
public:
    explicit SqlTransaction(QSqlDatabase db)
        : m_db(std::move(db))
    { }
    ~SqlTransaction();
    SqlTransaction(const SqlTransaction&) = delete;
    SqlTransaction& operator=(const SqlTransaction&) = delete;

    Result<void> begin();
    Result<void> commit();
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace tegami
