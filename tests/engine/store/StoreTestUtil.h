#pragma once

#include "store/SqliteMailStore.h"

#include <QDir>
#include <QDirIterator>
#include <QTest>

// QVERIFY for a Result: on failure the message is the store's error text.
#define QVERIFY_OK(expr)                                                                                               \
    do {                                                                                                               \
        const auto& result_ = (expr);                                                                                  \
        QVERIFY2(result_.ok(), result_.ok() ? "" : qPrintable(result_.error().toString()));                            \
    } while (false)

// Opens a store into `var` (a std::unique_ptr<SqliteMailStore>) or fails the test.
#define OPEN_STORE(var, ...)                                                                                           \
    auto var##Opened = tegami::SqliteMailStore::open(__VA_ARGS__);                                                     \
    QVERIFY_OK(var##Opened);                                                                                           \
    std::unique_ptr<tegami::SqliteMailStore> var = std::move(var##Opened.value())

namespace storetest {

inline const QString alice = QStringLiteral("alice@example.com");
inline const QString bob = QStringLiteral("bob@example.com");

inline QByteArray message(const QByteArray& subject, const QByteArray& body = "Hello there.\r\n")
{
    return "From: Carol <carol@example.org>\r\nTo: alice@example.com\r\nSubject: " + subject + "\r\nMessage-ID: <"
        + subject.toHex() + "@example.org>\r\n\r\n" + body;
}

inline int countFiles(const QString& dir, const QString& pattern = QStringLiteral("*"))
{
    int n = 0;
    QDirIterator it(dir, { pattern }, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

} // namespace storetest
