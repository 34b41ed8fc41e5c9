#pragma once

#include "core/Result.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>

#define BACKUP_VERIFY_OK(expr)                                                                                         \
    do {                                                                                                               \
        const auto& result_ = (expr);                                                                                  \
        QVERIFY2(result_.ok(), result_.ok() ? "" : qPrintable(result_.error().toString()));                            \
    } while (false)

namespace backuptest {

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

inline bool writeAll(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

inline QByteArray message(int i)
{
    return QByteArray("From: carol@example.org\r\nTo: alice@example.com\r\nSubject: message ") + QByteArray::number(i)
        + "\r\nMessage-ID: <m" + QByteArray::number(i) + "@example.org>\r\n\r\n" + QByteArray(100 * i + 1, 'x')
        + "\r\n";
}

} // namespace backuptest
