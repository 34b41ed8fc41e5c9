#pragma once

// Internal to engine/accounts: small helpers around QtSql so the store code reads as
// the queries it runs.

#include "core/Result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

namespace tegami::sqlsupport {

// Prepares `sql`, binds `binds` positionally and executes it. A failure is an Io error
// quoting the driver's message.
Result<QSqlQuery> run(const QSqlDatabase& db, const QString& sql, const QVariantList& binds = {});

// The first column of the first row, or `fallback` when there is no row.
Result<QVariant> scalar(
    const QSqlDatabase& db, const QString& sql, const QVariantList& binds = {}, const QVariant& fallback = {});

// Timestamps are stored as ISO 8601 UTC text with milliseconds so they sort and read well.
QString toStoredTime(const QDateTime& t);
QDateTime fromStoredTime(const QVariant& v);

// BEGIN IMMEDIATE ... COMMIT, rolled back by the destructor unless committed. IMMEDIATE
// takes the write lock up front, so the "does it exist?" checks and the insert that
// follows them see the same database.
class WriteTransaction {
public:
    explicit WriteTransaction(const QSqlDatabase& db)
        : m_db(db)
    { }
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    Result<void> begin();
    Result<void> commit();

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace tegami::sqlsupport
