#include "backup/BackupSql.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>

namespace tegami::backupsql {

Connection::Connection(QString name, QString path)
    : m_name(std::move(name))
    , m_path(std::move(path))
{ }

Connection::Connection(Connection&& other) noexcept
    : m_name(std::exchange(other.m_name, QString()))
    , m_path(std::move(other.m_path))
{ }

Connection::~Connection()
{
    if (m_name.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

Result<Connection> Connection::open(const QString& path, bool readOnly)
{
    static QAtomicInteger<quint64> counter;
    const QString name = QStringLiteral("tegami-backup-%1").arg(++counter);
    Connection connection(name, path);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    if (!db.isValid())
        return Error::internal(
            QStringLiteral("the Qt SQLite driver (QSQLITE) is not available: install libqt6sql6-sqlite"));
    db.setDatabaseName(path);
    db.setConnectOptions(readOnly ? QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000")
                                  : QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open())
        return Error::io(QStringLiteral("cannot open the database %1: %2").arg(path, db.lastError().text()));
    return connection;
}

Result<QVariant> Connection::scalar(const QString& sql) const
{
    QSqlQuery q(QSqlDatabase::database(m_name, false));
    if (!q.exec(sql))
        return Error::io(QStringLiteral("%1: %2 failed: %3").arg(m_path, sql, q.lastError().text()));
    if (!q.next())
        return QVariant();
    return q.value(0);
}

Result<void> Connection::exec(const QString& sql) const
{
    QSqlQuery q(QSqlDatabase::database(m_name, false));
    if (!q.exec(sql))
        return Error::io(QStringLiteral("%1: %2 failed: %3").arg(m_path, sql, q.lastError().text()));
    return {};
}

Result<QVariantList> Connection::column(const QString& sql) const
{
    QSqlQuery q(QSqlDatabase::database(m_name, false));
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return Error::io(QStringLiteral("%1: %2 failed: %3").arg(m_path, sql, q.lastError().text()));
    QVariantList values;
    while (q.next())
        values << q.value(0);
    return values;
}

QString quoted(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

} // namespace tegami::backupsql
