#pragma once

// Shared set-up for the accounts tests: a store in a temporary directory with cheap
// Argon2 parameters and a manual clock.

#include "accounts/AccountStore.h"
#include "core/Clock.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace tegami::testing {

inline QString errorText(const Error& e)
{
    return errorCodeName(e.code) + QStringLiteral(": ") + e.toString();
}

// QVERIFY for a Result, printing the error when it failed.
#define TEGAMI_VERIFY_OK(expr)                                                                                         \
    do {                                                                                                               \
        const auto& tegamiResult_ = (expr);                                                                            \
        QVERIFY2(tegamiResult_.ok(), qPrintable(tegamiResult_.ok() ? QString() : errorText(tegamiResult_.error())));   \
    } while (false)

struct StoreFixture {
    QTemporaryDir dir;
    ManualClock clock;
    std::unique_ptr<AccountStore> store;

    QString path() const { return dir.filePath(QStringLiteral("accounts.db")); }

    bool open(Argon2Params params = Argon2Params::forTests())
    {
        store.reset();
        Result<std::unique_ptr<AccountStore>> opened = AccountStore::open(path(), PasswordHasher(params), clock);
        if (!opened) {
            qWarning() << "open failed:" << opened.error().toString();
            return false;
        }
        store = std::move(opened).value();
        return true;
    }
};

} // namespace tegami::testing
