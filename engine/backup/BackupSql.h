#pragma once

// Internal to engine/backup: short-lived SQLite connections of their own (never the
// stores' connections), usable from any thread that creates them.

#include "core/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

namespace tegami::backupsql {

class Connection {
public:
    // readOnly: the file is never written (verification of an extracted backup).
    static Result<Connection> open(const QString& path, bool readOnly);
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&&) = delete;
    Connection(const Connection&) = delete;
    ~Connection();

    // The first column of the first row (a null QVariant when there is no row).
    Result<QVariant> scalar(const QString& sql) const;
    Result<void> exec(const QString& sql) const;
    // The first column of every row.
    Result<QVariantList> column(const QString& sql) const;

private:
    Connection(QString name, QString path);

    QString m_name;
    QString m_path;
};

// SQL string literal for a file path (VACUUM INTO takes no bound parameter in every
// SQLite version Debian ships).
QString quoted(const QString& text);

} // namespace tegami::backupsql
